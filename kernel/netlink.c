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
 *
 * Every message describing an endpoint (dev-get replies, dev-add-ntf,
 * dev-del-ntf) carries one "channel" nest per DMA channel.  Filling one takes
 * ep->chan_lock for the holder, then, separately, ch->lock for the rest and,
 * inside it, a roc_ep_enter() section for the card's counters: the order of
 * channel.c.  No lock of the driver is held while filling starts: a dump
 * takes a reference to one endpoint at a time and leaves the registry
 * unlocked, so that a channel busy in a long operation delays only the
 * reader, not the registry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>

#include "roc.h"
#include "crorc_ddl.h"
#include "netlink-gen.h"

/*
 * What is read from the card: the caller is inside roc_ep_enter().
 */
static int roc_nl_dev_fill_hw(struct sk_buff *skb, struct roc_endpoint *ep)
{
	const struct roc_card_ops *card = ep->card;
	struct nlattr *nest;
	unsigned int l;
	long mdeg, uw;

	if (card->temperature && !card->temperature(ep, &mdeg) &&
	    nla_put_s32(skb, ROC_A_DEV_TEMPERATURE, mdeg))
		return -EMSGSIZE;
	if (card->dropped_packets &&
	    nla_put_u64_64bit(skb, ROC_A_DEV_DROPPED_PACKETS,
			      card->dropped_packets(ep), ROC_A_DEV_PAD))
		return -EMSGSIZE;
	/* the links' readings: I2C traffic on a CRU (P2-3.3) */
	for (l = 0; card->rx_power && l < card->rx_power_links; l++) {
		nest = nla_nest_start(skb, ROC_A_DEV_LINK);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(skb, ROC_A_LINK_INDEX, l) ||
		    (!card->rx_power(ep, l, &uw) &&
		     nla_put_u32(skb, ROC_A_LINK_RX_POWER, uw))) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	/* C-RORC: the DDL link of each channel, as the kernel knows it */
	for (l = 0; ep->type == ROC_CARD_CRORC && l < ep->board->num_channels;
	     l++) {
		nest = nla_nest_start(skb, ROC_A_DEV_LINK);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(skb, ROC_A_LINK_INDEX, l) ||
		    nla_put_u32(skb, ROC_A_LINK_DDL_STATE,
				crorc_ddl_link_state(ep, l))) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	return 0;
}

/**
 * struct roc_nl_chan - what a "channel" nest reports, read under the locks
 * @held: somebody holds the channel; @pid and @comm are theirs
 * @pid: holder's thread group id
 * @comm: holder's command name
 * @state: &enum roc_channel_state
 * @source: &enum roc_data_source of the current or last run
 * @links: links in use
 * @capacity: most superpages in flight plus ready
 * @queued: superpages in flight
 * @ready: superpages waiting for ROC_POP
 * @pushed: superpages pushed
 * @completed: superpages completed
 * @bytes: bytes completed
 * @fifo_empty: FIFO-empty events of the run, from the card
 * @dropped: dropped packets, from the card
 */
struct roc_nl_chan {
	bool held;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	u32 state;
	u32 source;
	u32 links;
	u32 capacity;
	u32 queued;
	u32 ready;
	u64 pushed;
	u64 completed;
	u64 bytes;
	u64 fifo_empty;
	u64 dropped;
};

/*
 * Read channel @ch.  The holder comes from ep->chan_lock, which is never
 * taken inside ch->lock; a channel being acquired or released meanwhile is
 * reported free, as ROC_CHANNEL_QUERY does.  The card's counters are read
 * only while DMA runs and the device is there.
 *
 * Context: process context; may sleep; must not hold ep->chan_lock, ch->lock
 * or be inside roc_ep_enter().
 */
static void roc_nl_chan_read(struct roc_channel *ch, struct roc_nl_chan *c)
{
	struct roc_endpoint *ep = ch->ep;

	memset(c, 0, sizeof(*c));

	mutex_lock(&ep->chan_lock);
	c->held = ch->file;
	if (c->held) {
		c->pid = ch->pid;
		memcpy(c->comm, ch->comm, sizeof(c->comm));
	}
	mutex_unlock(&ep->chan_lock);

	mutex_lock(&ch->lock);
	c->state = ch->state;
	c->source = ch->source;
	c->links = ch->link_mask;
	c->capacity = ch->capacity;
	c->queued = ch->queued;
	c->ready = roc_channel_ready_count(ch);
	c->pushed = ch->pushed;
	c->completed = ch->completed;
	c->bytes = ch->bytes;
	if (ch->state == ROC_CHANNEL_RUNNING && ep->card->dma_counters) {
		int idx;

		if (roc_ep_enter(ep, &idx)) {
			ep->card->dma_counters(ch, &c->fifo_empty,
					       &c->dropped);
			roc_ep_exit(idx);
		}
	}
	mutex_unlock(&ch->lock);

	if (!c->held || c->state == ROC_CHANNEL_FREE) {
		c->held = false;
		c->state = ROC_CHANNEL_FREE;
	}
}

/* Room one "channel" nest takes; keep in step with roc_nl_chan_fill(). */
static size_t roc_nl_chan_size(void)
{
	return nla_total_size(0) +			/* CHANNEL nest */
	       nla_total_size(sizeof(u32)) * 8 +	/* INDEX .. READY */
	       nla_total_size(TASK_COMM_LEN) +		/* COMM */
	       nla_total_size_64bit(sizeof(u64)) * 5;	/* PUSHED .. DROPPED */
}

/* One "channel" nest describing @ch. */
static int roc_nl_chan_fill(struct sk_buff *skb, struct roc_channel *ch)
{
	struct roc_nl_chan c;
	struct nlattr *nest;

	roc_nl_chan_read(ch, &c);

	nest = nla_nest_start(skb, ROC_A_DEV_CHANNEL);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, ROC_A_CHANNEL_INDEX, ch->index) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_STATE, c.state) ||
	    (c.held &&
	     (nla_put_s32(skb, ROC_A_CHANNEL_PID, c.pid) ||
	      nla_put_string(skb, ROC_A_CHANNEL_COMM, c.comm))) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_SOURCE, c.source) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_LINKS, c.links) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_CAPACITY, c.capacity) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_QUEUED, c.queued) ||
	    nla_put_u32(skb, ROC_A_CHANNEL_READY, c.ready) ||
	    nla_put_u64_64bit(skb, ROC_A_CHANNEL_PUSHED, c.pushed,
			      ROC_A_CHANNEL_PAD) ||
	    nla_put_u64_64bit(skb, ROC_A_CHANNEL_COMPLETED, c.completed,
			      ROC_A_CHANNEL_PAD) ||
	    nla_put_u64_64bit(skb, ROC_A_CHANNEL_BYTES, c.bytes,
			      ROC_A_CHANNEL_PAD) ||
	    nla_put_u64_64bit(skb, ROC_A_CHANNEL_FIFO_EMPTY, c.fifo_empty,
			      ROC_A_CHANNEL_PAD) ||
	    nla_put_u64_64bit(skb, ROC_A_CHANNEL_DROPPED_PACKETS, c.dropped,
			      ROC_A_CHANNEL_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Room a message describing @ep takes at most, genetlink header excluded;
 * keep in step with roc_nl_dev_fill().  Six channels of a C-RORC come to
 * about 1.2 KiB, well within the NLMSG_GOODSIZE a dump fills.
 */
static size_t roc_nl_dev_size(struct roc_endpoint *ep)
{
	/* 11: ID to NUM_CHANNELS but ADDRESS and SIMULATED, TEMPERATURE */
	return nla_total_size(sizeof(u32)) * 11 +
	       nla_total_size(sizeof(ep->address)) +	/* ADDRESS */
	       nla_total_size(0) +			/* SIMULATED */
	       nla_total_size(strlen(dev_name(&ep->dev)) + 1) + /* NAME */
	       nla_total_size_64bit(sizeof(u64)) +	/* DROPPED_PACKETS */
	       roc_nl_chan_size() * ep->board->num_channels +
	       (nla_total_size(0) + nla_total_size(sizeof(u32)) * 2) *
	       ep->card->rx_power_links +		/* LINK nests */
	       (nla_total_size(0) + nla_total_size(sizeof(u32)) * 2) *
	       (ep->type == ROC_CARD_CRORC ? ep->board->num_channels : 0);
}

/* One message of the "dev" attribute set describing @ep. */
static int roc_nl_dev_fill(struct sk_buff *skb, struct roc_endpoint *ep,
			   u32 portid, u32 seq, int flags, u8 cmd)
{
	unsigned int i;
	int idx, ret;
	void *hdr;

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
	    nla_put_u32(skb, ROC_A_DEV_NUM_CHANNELS, ep->board->num_channels) ||
	    (ep->simulated && nla_put_flag(skb, ROC_A_DEV_SIMULATED)) ||
	    nla_put_string(skb, ROC_A_DEV_NAME, dev_name(&ep->dev)))
		goto err_cancel;

	/* The hardware readings are left out once removal has begun. */
	if (roc_ep_enter(ep, &idx)) {
		ret = roc_nl_dev_fill_hw(skb, ep);
		roc_ep_exit(idx);
		if (ret)
			goto err_cancel;
	}

	/* Not inside roc_ep_enter(): ch->lock comes first. */
	for (i = 0; i < ep->board->num_channels; i++)
		if (roc_nl_chan_fill(skb, &ep->channels[i]))
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

	rsp = genlmsg_new(roc_nl_dev_size(ep), GFP_KERNEL);
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
 * struct roc_nl_next - the endpoint a dump fills next
 * @from: lowest id wanted
 * @ep: the endpoint with the lowest id from @from on, with a reference;
 *	NULL if there is none
 */
struct roc_nl_next {
	long from;
	struct roc_endpoint *ep;
};

static int roc_nl_dev_next(struct roc_endpoint *ep, void *arg)
{
	struct roc_nl_next *next = arg;

	if (ep->id < next->from)
		return 0;
	get_device(&ep->dev);
	next->ep = ep;
	return 1;
}

/*
 * cb->args[0] holds the id to resume at, kept across passes.  Each endpoint
 * is filled with a reference held and the registry unlocked: filling waits
 * for the channels' locks.
 */
int roc_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	for (;;) {
		struct roc_nl_next next = { .from = cb->args[0] };
		int id, ret;

		/* The registry is in id order: the first match is the next. */
		roc_endpoint_for_each(roc_nl_dev_next, &next);
		if (!next.ep)
			return 0;	/* none left: done */

		ret = roc_nl_dev_fill(skb, next.ep, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      ROC_CMD_DEV_GET);
		id = next.ep->id;
		put_device(&next.ep->dev);
		/* Full: send what fits and come back for the rest. */
		if (ret)
			return ret == -EMSGSIZE && skb->len ? skb->len : ret;
		cb->args[0] = id + 1;
	}
}

static void roc_nl_notify(struct roc_endpoint *ep, u8 cmd)
{
	struct sk_buff *ntf;

	if (!genl_has_listeners(&roc_nl_family, &init_net, ROC_NLGRP_MONITOR))
		return;

	ntf = genlmsg_new(roc_nl_dev_size(ep), GFP_KERNEL);
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
 * Context: process context; outside roc_ep_enter(); must not hold
 * @ep->chan_lock or a channel's lock.
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
 * Context: process context; outside roc_ep_enter(); must not hold
 * @ep->chan_lock or a channel's lock.
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
