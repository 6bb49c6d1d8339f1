// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the generic netlink family "roc": enumerate endpoints and announce
 * them coming and going on the multicast group "monitor".
 *
 * The family, its policies and its operations are generated from
 * uapi/roc_netlink.yaml into netlink-gen.c (netlink-gen-compat.c on kernels
 * without split operations, see there); this file implements the handlers
 * the generated code names and the notifications the core sends.
 *
 * Notifications go to listeners in the initial network namespace, where the
 * hardware lives; dev-get answers in every namespace.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>

#include "roc.h"
#include "netlink-gen.h"

/*
 * What is read from the card: the caller holds @ep->alive_lock for read and
 * has checked that the endpoint is alive.
 */
static int roc_nl_dev_fill_hw(struct sk_buff *skb, struct roc_endpoint *ep)
{
	const struct roc_card_ops *card = ep->card;
	long mdeg;

	if (card->temperature && !card->temperature(ep, &mdeg) &&
	    nla_put_s32(skb, ROC_A_DEV_TEMPERATURE, mdeg))
		return -EMSGSIZE;
	if (card->dropped_packets &&
	    nla_put_u64_64bit(skb, ROC_A_DEV_DROPPED_PACKETS,
			      card->dropped_packets(ep), ROC_A_DEV_PAD))
		return -EMSGSIZE;
	return 0;
}

/* One message of the "dev" attribute set describing @ep. */
static int roc_nl_dev_fill(struct sk_buff *skb, struct roc_endpoint *ep,
			   u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, portid, seq, &roc_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(skb, ROC_A_DEV_ID, ep->id) ||
	    nla_put_u32(skb, ROC_A_DEV_CARD_TYPE, ep->type) ||
	    nla_put_u32(skb, ROC_A_DEV_ENDPOINT, ep->endpoint) ||
	    (ep->serial >= 0 &&
	     nla_put_s32(skb, ROC_A_DEV_SERIAL, ep->serial)) ||
	    nla_put_string(skb, ROC_A_DEV_ADDRESS, ep->address) ||
	    nla_put_s32(skb, ROC_A_DEV_NUMA_NODE, ep->numa_node) ||
	    nla_put_u32(skb, ROC_A_DEV_LINK_COUNT, ep->link_count) ||
	    nla_put_u32(skb, ROC_A_DEV_FW_HASH, ep->fw_hash) ||
	    nla_put_u32(skb, ROC_A_DEV_FW_DATE, ep->fw_date) ||
	    nla_put_u32(skb, ROC_A_DEV_FW_TIME, ep->fw_time) ||
	    nla_put_u32(skb, ROC_A_DEV_NUM_CHANNELS, ep->card->num_channels) ||
	    (ep->simulated && nla_put_flag(skb, ROC_A_DEV_SIMULATED)) ||
	    nla_put_string(skb, ROC_A_DEV_NAME, dev_name(&ep->dev)))
		goto err_cancel;

	/* The hardware readings are left out once removal has begun. */
	down_read(&ep->alive_lock);
	ret = ep->dead ? 0 : roc_nl_dev_fill_hw(skb, ep);
	up_read(&ep->alive_lock);
	if (ret)
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int roc_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct roc_endpoint *ep;
	struct sk_buff *rsp;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, ROC_A_DEV_ID))
		return -EINVAL;

	/* The policy keeps the id within s32. */
	ep = roc_endpoint_get_by_id(nla_get_u32(info->attrs[ROC_A_DEV_ID]));
	if (!ep) {
		NL_SET_BAD_ATTR(info->extack, info->attrs[ROC_A_DEV_ID]);
		return -ENODEV;
	}

	rsp = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!rsp) {
		ret = -ENOMEM;
		goto err_put_ep;
	}

	ret = roc_nl_dev_fill(rsp, ep, info->snd_portid, info->snd_seq, 0,
			      info->genlhdr->cmd);
	if (ret)
		goto err_free_rsp;

	put_device(&ep->dev);
	return genlmsg_reply(rsp, info);

err_free_rsp:
	nlmsg_free(rsp);
err_put_ep:
	put_device(&ep->dev);
	return ret;
}

/**
 * struct roc_nl_dump_ctx - state of one pass of a dev-get dump
 * @skb: message being filled
 * @cb: dump callback; cb->args[0] holds the id to resume at, kept across
 *	passes
 * @start: cb->args[0] at the start of this pass
 */
struct roc_nl_dump_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long start;
};

static int roc_nl_dev_dump_one(struct roc_endpoint *ep, void *arg)
{
	struct roc_nl_dump_ctx *ctx = arg;
	struct netlink_callback *cb = ctx->cb;
	int ret;

	if (ep->id < ctx->start)
		return 0;

	ret = roc_nl_dev_fill(ctx->skb, ep, NETLINK_CB(cb->skb).portid,
			      cb->nlh->nlmsg_seq, NLM_F_MULTI,
			      ROC_CMD_DEV_GET);
	if (ret)
		cb->args[0] = ep->id;	/* the next pass starts here */
	return ret;
}

int roc_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct roc_nl_dump_ctx ctx = {
		.skb	= skb,
		.cb	= cb,
		.start	= cb->args[0],
	};
	int ret;

	ret = roc_endpoint_for_each(roc_nl_dev_dump_one, &ctx);
	/* Full: send what fits and come back for the rest. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret;
}

static void roc_nl_notify(struct roc_endpoint *ep, u8 cmd)
{
	struct sk_buff *ntf;

	if (!genl_has_listeners(&roc_nl_family, &init_net, ROC_NLGRP_MONITOR))
		return;

	ntf = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!ntf)
		return;

	if (roc_nl_dev_fill(ntf, ep, 0, 0, 0, cmd)) {
		nlmsg_free(ntf);
		return;
	}

	genlmsg_multicast_netns(&roc_nl_family, &init_net, ntf, 0,
				ROC_NLGRP_MONITOR, GFP_KERNEL);
}

/**
 * roc_nl_notify_add() - announce a new endpoint on the "monitor" group
 * @ep: endpoint, already published (dev-get finds it)
 *
 * Context: process context; must not hold @ep->alive_lock.
 */
void roc_nl_notify_add(struct roc_endpoint *ep)
{
	roc_nl_notify(ep, ROC_CMD_DEV_ADD_NTF);
}

/**
 * roc_nl_notify_del() - announce on the "monitor" group that an endpoint goes
 * @ep: endpoint, still published
 *
 * The message carries the same attributes as dev-add-ntf; the readings of
 * the card are left out if @ep is already dead.
 *
 * Context: process context; must not hold @ep->alive_lock.
 */
void roc_nl_notify_del(struct roc_endpoint *ep)
{
	roc_nl_notify(ep, ROC_CMD_DEV_DEL_NTF);
}

/**
 * roc_nl_init() - register the generic netlink family "roc"
 *
 * Called from module init before any endpoint can be registered.
 *
 * Return: 0 or a negative errno.
 */
int roc_nl_init(void)
{
	int ret;

	ret = genl_register_family(&roc_nl_family);
	if (ret)
		pr_warn("generic netlink family registration failed (%d)\n",
			ret);
	return ret;
}

/**
 * roc_nl_exit() - unregister the generic netlink family "roc"
 *
 * Called from module exit after the last endpoint is gone.
 */
void roc_nl_exit(void)
{
	genl_unregister_family(&roc_nl_family);
}
