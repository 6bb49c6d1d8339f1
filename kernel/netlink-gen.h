/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	uapi/roc_netlink.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_ROC_GEN_H
#define _LINUX_ROC_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/roc_netlink.h>
#include <linux/roc.h>

int roc_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int roc_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

enum {
	ROC_NLGRP_MONITOR,
};

extern struct genl_family roc_nl_family;

#endif /* _LINUX_ROC_GEN_H */
