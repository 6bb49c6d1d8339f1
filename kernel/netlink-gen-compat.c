// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/*
 * roc - the generic netlink family for kernels without split operations.
 *
 * netlink-gen.c is generated for struct genl_split_ops, which Linux 6.2
 * introduced; Kbuild builds this file instead on 6.1.  It is kept by hand
 * and declares the same family from the same spec (uapi/roc_netlink.yaml):
 * every policy entry, range, command, handler and multicast group of
 * netlink-gen.c appears here in the same words, which uapi/regen.sh checks.
 *
 * Differences: a struct genl_ops carries one policy for both do and dump, so
 * on 6.1 the attributes of a dev-get dump request are validated against the
 * policy of the do (and then ignored), where later kernels ignore them
 * unchecked; and 6.1 wants the integer ranges of NLA_POLICY_FULL_RANGE()
 * writable.
 */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

/* Integer value ranges (6.1's struct nla_policy points to them non-const) */
static struct netlink_range_validation roc_a_dev_id_range = {
	.max	= S32_MAX,
};

/* ROC_CMD_DEV_GET - do and dump */
static const struct nla_policy roc_dev_get_nl_policy[ROC_A_DEV_ID + 1] = {
	[ROC_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &roc_a_dev_id_range),
};

/* Ops table for roc */
static const struct genl_ops roc_nl_ops[] = {
	{
		.cmd		= ROC_CMD_DEV_GET,
		.doit		= roc_nl_dev_get_doit,
		.dumpit		= roc_nl_dev_get_dumpit,
		.policy		= roc_dev_get_nl_policy,
		.maxattr	= ROC_A_DEV_ID,
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
	.ops		= roc_nl_ops,
	.n_ops		= ARRAY_SIZE(roc_nl_ops),
	.mcgrps		= roc_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(roc_nl_mcgrps),
};
