// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	uapi/roc_netlink.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/roc_netlink.h>
#include <linux/roc.h>

/* Integer value ranges */
static const struct netlink_range_validation roc_a_dev_id_range = {
	.max	= S32_MAX,
};

/* ROC_CMD_DEV_GET - do */
static const struct nla_policy roc_dev_get_nl_policy[ROC_A_DEV_ID + 1] = {
	[ROC_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &roc_a_dev_id_range),
};

/* Ops table for roc */
static const struct genl_split_ops roc_nl_ops[] = {
	{
		.cmd		= ROC_CMD_DEV_GET,
		.doit		= roc_nl_dev_get_doit,
		.policy		= roc_dev_get_nl_policy,
		.maxattr	= ROC_A_DEV_ID,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= ROC_CMD_DEV_GET,
		.dumpit	= roc_nl_dev_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
};

static const struct genl_multicast_group roc_nl_mcgrps[] = {
	[ROC_NLGRP_MONITOR] = { "monitor", },
};

struct genl_family roc_nl_family __ro_after_init = {
	.name		= ROC_FAMILY_NAME,
	.version	= ROC_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= roc_nl_ops,
	.n_split_ops	= ARRAY_SIZE(roc_nl_ops),
	.mcgrps		= roc_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(roc_nl_mcgrps),
};
