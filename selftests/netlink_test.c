// SPDX-License-Identifier: GPL-2.0
/*
 * netlink_test - the generic netlink family "roc" (uapi/roc_netlink.yaml)
 * through libnl-3: dev-get do and dump agree with sysfs, errors, the
 * monitor group announces add and remove, unprivileged users may read,
 * the "channel" nests follow a channel's holder and DMA counters.
 */
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <sys/wait.h>

#include <linux/roc_netlink.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define MiB		(1024 * 1024UL)
#define MAX_CHANNELS	8

/* One "channel" nest. */
struct chan_attrs {
	int complete;		/* every attribute but pid and comm there */
	int has_pid, has_comm;
	uint32_t index, state, source, links, capacity, queued, ready;
	int32_t pid;
	uint64_t pushed, completed, bytes, fifo_empty, dropped;
	char comm[32];
};

struct dev_attrs {
	int seen;
	uint32_t id, card_type, endpoint, link_count, fw_hash, channels;
	int32_t serial, numa;
	int has_serial, simulated;
	char address[64], name[32];
	int nch;		/* "channel" nests, in message order */
	struct chan_attrs ch[MAX_CHANNELS];
};

static int parse_chan(struct nlattr *nest, struct chan_attrs *ch)
{
	static const int must[] = {
		ROC_A_CHANNEL_INDEX, ROC_A_CHANNEL_STATE, ROC_A_CHANNEL_SOURCE,
		ROC_A_CHANNEL_LINKS, ROC_A_CHANNEL_CAPACITY,
		ROC_A_CHANNEL_QUEUED, ROC_A_CHANNEL_READY,
		ROC_A_CHANNEL_PUSHED, ROC_A_CHANNEL_COMPLETED,
		ROC_A_CHANNEL_BYTES, ROC_A_CHANNEL_FIFO_EMPTY,
		ROC_A_CHANNEL_DROPPED_PACKETS,
	};
	struct nlattr *tb[ROC_A_CHANNEL_MAX + 1];
	unsigned int i;
	int ret;

	ret = nla_parse_nested(tb, ROC_A_CHANNEL_MAX, nest, NULL);
	if (ret)
		return ret;
	ch->complete = 1;
	for (i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		if (!tb[must[i]])
			ch->complete = 0;
	if (!ch->complete)
		return 0;
	ch->index = nla_get_u32(tb[ROC_A_CHANNEL_INDEX]);
	ch->state = nla_get_u32(tb[ROC_A_CHANNEL_STATE]);
	ch->source = nla_get_u32(tb[ROC_A_CHANNEL_SOURCE]);
	ch->links = nla_get_u32(tb[ROC_A_CHANNEL_LINKS]);
	ch->capacity = nla_get_u32(tb[ROC_A_CHANNEL_CAPACITY]);
	ch->queued = nla_get_u32(tb[ROC_A_CHANNEL_QUEUED]);
	ch->ready = nla_get_u32(tb[ROC_A_CHANNEL_READY]);
	ch->pushed = nla_get_u64(tb[ROC_A_CHANNEL_PUSHED]);
	ch->completed = nla_get_u64(tb[ROC_A_CHANNEL_COMPLETED]);
	ch->bytes = nla_get_u64(tb[ROC_A_CHANNEL_BYTES]);
	ch->fifo_empty = nla_get_u64(tb[ROC_A_CHANNEL_FIFO_EMPTY]);
	ch->dropped = nla_get_u64(tb[ROC_A_CHANNEL_DROPPED_PACKETS]);
	ch->has_pid = !!tb[ROC_A_CHANNEL_PID];
	if (ch->has_pid)
		ch->pid = (int32_t)nla_get_u32(tb[ROC_A_CHANNEL_PID]);
	ch->has_comm = !!tb[ROC_A_CHANNEL_COMM];
	if (ch->has_comm)
		snprintf(ch->comm, sizeof(ch->comm), "%s",
			 nla_get_string(tb[ROC_A_CHANNEL_COMM]));
	return 0;
}

static int parse_dev(struct nl_msg *msg, struct dev_attrs *d)
{
	struct nlattr *tb[ROC_A_DEV_MAX + 1];
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *nla;
	int ret, rem;

	memset(d, 0, sizeof(*d));
	ret = nla_parse(tb, ROC_A_DEV_MAX, genlmsg_attrdata(gh, 0),
			genlmsg_attrlen(gh, 0), NULL);
	if (ret)
		return ret;
	if (!tb[ROC_A_DEV_ID] || !tb[ROC_A_DEV_ADDRESS] || !tb[ROC_A_DEV_NAME])
		return -EINVAL;
	d->seen = gh->cmd;
	d->id = nla_get_u32(tb[ROC_A_DEV_ID]);
	d->card_type = nla_get_u32(tb[ROC_A_DEV_CARD_TYPE]);
	d->endpoint = nla_get_u32(tb[ROC_A_DEV_ENDPOINT]);
	d->link_count = nla_get_u32(tb[ROC_A_DEV_LINK_COUNT]);
	d->fw_hash = nla_get_u32(tb[ROC_A_DEV_FW_HASH]);
	d->channels = nla_get_u32(tb[ROC_A_DEV_NUM_CHANNELS]);
	d->numa = (int32_t)nla_get_u32(tb[ROC_A_DEV_NUMA_NODE]);
	d->has_serial = !!tb[ROC_A_DEV_SERIAL];
	if (d->has_serial)
		d->serial = (int32_t)nla_get_u32(tb[ROC_A_DEV_SERIAL]);
	d->simulated = !!tb[ROC_A_DEV_SIMULATED];
	snprintf(d->address, sizeof(d->address), "%s",
		 nla_get_string(tb[ROC_A_DEV_ADDRESS]));
	snprintf(d->name, sizeof(d->name), "%s",
		 nla_get_string(tb[ROC_A_DEV_NAME]));
	/* "channel" is multi-attr: nla_parse() kept only the last one. */
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		if (nla_type(nla) != ROC_A_DEV_CHANNEL || d->nch >= MAX_CHANNELS)
			continue;
		ret = parse_chan(nla, &d->ch[d->nch++]);
		if (ret)
			return ret;
	}
	return 0;
}

struct collect {
	struct dev_attrs devs[64];
	int n;
};

static int collect_cb(struct nl_msg *msg, void *arg)
{
	struct collect *c = arg;

	if (c->n < 64 && !parse_dev(msg, &c->devs[c->n]))
		c->n++;
	return NL_OK;
}

static struct nl_sock *roc_nl_open(int *family)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk)
		return NULL;
	if (genl_connect(sk)) {
		nl_socket_free(sk);
		return NULL;
	}
	*family = genl_ctrl_resolve(sk, ROC_FAMILY_NAME);
	if (*family < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	/* A do answers with its reply or an error, nothing else. */
	nl_socket_disable_auto_ack(sk);
	return sk;
}

/* dev-get: dump if @id < 0, else do; returns 0 or a negative libnl error. */
static int dev_get(struct nl_sock *sk, int family, long long id,
		   struct collect *c)
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	if (!msg)
		return -NLE_NOMEM;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
		    id < 0 ? NLM_F_DUMP : 0, ROC_CMD_DEV_GET, ROC_FAMILY_VERSION);
	if (id >= 0)
		nla_put_u32(msg, ROC_A_DEV_ID, (uint32_t)id);
	c->n = 0;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, collect_cb, c);
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return ret;
	return nl_recvmsgs_default(sk);
}

FIXTURE(nl) {
	struct nl_sock *sk;
	int family;
	unsigned int id;
};

FIXTURE_VARIANT(nl) {
	const char *type;
	int serial;
	int endpoints;
};

FIXTURE_VARIANT_ADD(nl, cru) { .type = "cru", .serial = 245, .endpoints = 2 };
FIXTURE_VARIANT_ADD(nl, crorc) { .type = "crorc", .serial = 2942, .endpoints = 1 };

FIXTURE_SETUP(nl)
{
	self->sk = roc_nl_open(&self->family);
	ASSERT_NE(NULL, self->sk) TH_LOG("family 'roc' not found");
	self->id = roc_sim_pick_id();
	ASSERT_EQ(0, roc_sim_new(self->id, variant->type, variant->serial));
}

FIXTURE_TEARDOWN(nl)
{
	roc_sim_del(self->id);
	nl_socket_free(self->sk);
}

static const struct dev_attrs *find(const struct collect *c, const char *addr)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->devs[i].address, addr))
			return &c->devs[i];
	return NULL;
}

/* The dump holds every endpoint of the card, as sysfs describes it. */
TEST_F(nl, dump_matches_sysfs)
{
	static struct collect c;
	char addr[64], name[16], buf[64];
	int ep;

	ASSERT_EQ(0, dev_get(self->sk, self->family, -1, &c));
	for (ep = 0; ep < variant->endpoints; ep++) {
		const struct dev_attrs *d;

		snprintf(addr, sizeof(addr), "roc_sim:%u.%d", self->id, ep);
		d = find(&c, addr);
		ASSERT_NE(NULL, d) TH_LOG("%s not in dump", addr);
		ASSERT_EQ(0, roc_sim_endpoint(self->id, ep, name, sizeof(name)));
		EXPECT_STREQ(name, d->name);
		EXPECT_EQ((uint32_t)atoi(name + 3), d->id);
		EXPECT_EQ(!strcmp(variant->type, "cru") ? ROC_CARD_CRU :
			  ROC_CARD_CRORC, d->card_type);
		EXPECT_EQ(ep, (int)d->endpoint);
		EXPECT_TRUE(d->has_serial);
		EXPECT_EQ(variant->serial, d->serial);
		EXPECT_TRUE(d->simulated);
		ASSERT_EQ(0, roc_attr(name, "firmware", buf, sizeof(buf)));
		EXPECT_EQ(strtoul(buf, NULL, 16), d->fw_hash);
		ASSERT_EQ(0, roc_attr(name, "link_count", buf, sizeof(buf)));
		EXPECT_EQ(strtoul(buf, NULL, 10), d->link_count);
		EXPECT_EQ(!strcmp(variant->type, "cru") ? 1u : 6u, d->channels);
	}
	/* Ids come in /dev/rocN order. */
	for (ep = 1; ep < c.n; ep++)
		EXPECT_LT(c.devs[ep - 1].id, c.devs[ep].id);
}

TEST_F(nl, do_and_errors)
{
	static struct collect c;
	char name[16];
	int id;

	ASSERT_EQ(0, roc_sim_endpoint(self->id, 0, name, sizeof(name)));
	id = atoi(name + 3);
	ASSERT_EQ(0, dev_get(self->sk, self->family, id, &c));
	ASSERT_EQ(1, c.n);
	EXPECT_STREQ(name, c.devs[0].name);
	/* No such endpoint: ENODEV. */
	EXPECT_EQ(-NLE_NODEV, dev_get(self->sk, self->family, 255, &c));
	/* ID out of range: ERANGE. */
	EXPECT_EQ(-NLE_RANGE, dev_get(self->sk, self->family, 0x80000000u, &c));
	/* No ID at all: EINVAL. */
	{
		struct nl_msg *msg = nlmsg_alloc();

		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, self->family, 0, 0,
			    ROC_CMD_DEV_GET, ROC_FAMILY_VERSION);
		ASSERT_LE(0, nl_send_auto(self->sk, msg));
		nlmsg_free(msg);
		EXPECT_EQ(-NLE_INVAL, nl_recvmsgs_default(self->sk));
	}
	/* Unknown attribute: rejected by the strict policy. */
	{
		struct nl_msg *msg = nlmsg_alloc();

		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, self->family, 0, 0,
			    ROC_CMD_DEV_GET, ROC_FAMILY_VERSION);
		nla_put_u32(msg, ROC_A_DEV_ID, id);
		nla_put_u32(msg, 200, 1);
		ASSERT_LE(0, nl_send_auto(self->sk, msg));
		nlmsg_free(msg);
		EXPECT_EQ(-NLE_INVAL, nl_recvmsgs_default(self->sk));
	}
}

/* Reading the family needs no privilege. */
TEST_F(nl, unprivileged_dump)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		static struct collect c;
		struct nl_sock *sk;
		int family;

		if (setgid(65534) || setuid(65534))
			exit(1);
		sk = roc_nl_open(&family);
		if (!sk)
			exit(2);
		if (dev_get(sk, family, -1, &c) || c.n < variant->endpoints)
			exit(3);
		exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

static int monitor_cb(struct nl_msg *msg, void *arg)
{
	return collect_cb(msg, arg);
}

/* Adding and removing a card is announced on the "monitor" group. */
TEST_F(nl, monitor_events)
{
	static struct collect c;
	struct nl_sock *mon = nl_socket_alloc();
	unsigned int id = self->id + 1;
	char addr[64];
	int grp, ep, adds = 0, dels = 0, i, tries;

	ASSERT_NE(NULL, mon);
	ASSERT_EQ(0, genl_connect(mon));
	grp = genl_ctrl_resolve_grp(mon, ROC_FAMILY_NAME, ROC_MCGRP_MONITOR);
	ASSERT_LE(0, grp);
	nl_socket_disable_seq_check(mon);
	ASSERT_EQ(0, nl_socket_add_membership(mon, grp));
	nl_socket_modify_cb(mon, NL_CB_VALID, NL_CB_CUSTOM, monitor_cb, &c);
	ASSERT_EQ(0, nl_socket_set_nonblocking(mon));
	c.n = 0;

	ASSERT_EQ(0, roc_sim_new(id, variant->type, 77));
	ASSERT_EQ(0, roc_sim_del(id));
	for (tries = 0; tries < 100 && c.n < 2 * variant->endpoints; tries++) {
		if (nl_recvmsgs_default(mon) < 0)
			usleep(10000);
	}
	for (ep = 0; ep < variant->endpoints; ep++) {
		snprintf(addr, sizeof(addr), "roc_sim:%u.%d", id, ep);
		for (i = 0; i < c.n; i++) {
			if (strcmp(c.devs[i].address, addr))
				continue;
			if (c.devs[i].seen == ROC_CMD_DEV_ADD_NTF)
				adds++;
			if (c.devs[i].seen == ROC_CMD_DEV_DEL_NTF)
				dels++;
		}
	}
	EXPECT_EQ(variant->endpoints, adds);
	EXPECT_EQ(variant->endpoints, dels);
	nl_socket_free(mon);
}

/* Endpoint 0 of the fixture's card, by do (@dump 0) or from a dump. */
static const struct dev_attrs *ep0(struct __test_metadata *_metadata,
				   FIXTURE_DATA(nl) *self, int dump,
				   struct collect *c)
{
	const struct dev_attrs *d;
	char addr[64], name[16];

	snprintf(addr, sizeof(addr), "roc_sim:%u.0", self->id);
	if (dump) {
		if (dev_get(self->sk, self->family, -1, c))
			return NULL;
	} else {
		if (roc_sim_endpoint(self->id, 0, name, sizeof(name)) ||
		    dev_get(self->sk, self->family, atoi(name + 3), c) ||
		    c->n != 1)
			return NULL;
	}
	d = find(c, addr);
	if (d) {
		/* Every channel, each complete, in channel order. */
		int i;

		EXPECT_EQ((int)d->channels, d->nch);
		for (i = 0; i < d->nch; i++) {
			EXPECT_TRUE(d->ch[i].complete) TH_LOG("channel %d", i);
			EXPECT_EQ((uint32_t)i, d->ch[i].index);
		}
	}
	return d;
}

/* Channels other than @busy are free: state FREE, no holder. */
static void expect_free_but(struct __test_metadata *_metadata,
			    const struct dev_attrs *d, int busy)
{
	int i;

	for (i = 0; i < d->nch; i++) {
		if (i == busy)
			continue;
		EXPECT_EQ(ROC_CHANNEL_FREE, d->ch[i].state) TH_LOG("channel %d", i);
		EXPECT_FALSE(d->ch[i].has_pid);
		EXPECT_FALSE(d->ch[i].has_comm);
	}
}

static int open_ep0(unsigned int id)
{
	char name[16], dev[32];

	if (roc_sim_endpoint(id, 0, name, sizeof(name)))
		return -1;
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	return open(dev, O_RDWR);
}

/* The channel nests name the holder of a channel, and forget it on close. */
TEST_F(nl, channel_holder)
{
	static struct collect c;
	int devfd, chfd, dump, i, more[MAX_CHANNELS];
	const struct dev_attrs *d;

	devfd = open_ep0(self->id);
	ASSERT_LE(0, devfd);

	for (dump = 0; dump < 2; dump++) {
		d = ep0(_metadata, self, dump, &c);
		ASSERT_NE(NULL, d);
		ASSERT_EQ(!strcmp(variant->type, "cru") ? 1 : 6, d->nch);
		expect_free_but(_metadata, d, -1);
	}

	chfd = roc_channel_open_fd(devfd, 0);
	ASSERT_LE(0, chfd) TH_LOG("channel open: %s", strerror(-chfd));
	for (dump = 1; dump >= 0; dump--) {
		d = ep0(_metadata, self, dump, &c);
		ASSERT_NE(NULL, d);
		ASSERT_LE(1, d->nch);
		EXPECT_EQ(ROC_CHANNEL_STOPPED, d->ch[0].state);
		EXPECT_TRUE(d->ch[0].has_pid);
		EXPECT_EQ(getpid(), d->ch[0].pid);
		EXPECT_TRUE(d->ch[0].has_comm);
		EXPECT_STREQ("netlink_test", d->ch[0].comm);
		EXPECT_EQ(0, d->ch[0].pushed);
		EXPECT_EQ(0, d->ch[0].completed);
		EXPECT_EQ(0, d->ch[0].bytes);
		EXPECT_EQ(0, d->ch[0].queued);
		EXPECT_EQ(0, d->ch[0].ready);
		EXPECT_EQ(0, d->ch[0].fifo_empty);
		EXPECT_EQ(0, d->ch[0].dropped);
		expect_free_but(_metadata, d, 0);
	}

	/* Every channel held: the largest message there is. */
	for (i = 1; i < (int)d->channels && i < MAX_CHANNELS; i++) {
		more[i] = roc_channel_open_fd(devfd, i);
		ASSERT_LE(0, more[i]) TH_LOG("channel %d: %s", i,
					     strerror(-more[i]));
	}
	for (dump = 1; dump >= 0; dump--) {
		d = ep0(_metadata, self, dump, &c);
		ASSERT_NE(NULL, d);
		for (i = 0; i < d->nch; i++) {
			EXPECT_EQ(ROC_CHANNEL_STOPPED, d->ch[i].state);
			EXPECT_EQ(getpid(), d->ch[i].pid);
			EXPECT_STREQ("netlink_test", d->ch[i].comm);
		}
	}
	for (i = 1; i < d->nch; i++)
		close(more[i]);

	close(chfd);
	for (dump = 1; dump >= 0; dump--) {
		d = ep0(_metadata, self, dump, &c);
		ASSERT_NE(NULL, d);
		expect_free_but(_metadata, d, -1);
	}
	close(devfd);
}

/*
 * Counters after a short run of the internal generator: one 1 MiB
 * superpage pushed, filled and popped.  FIFO-empty events and dropped
 * packets come from the card only while the channel runs; netlink reads
 * the same counters as ROC_CHANNEL_STATUS.
 */
TEST_F(nl, channel_counters)
{
	static struct collect c;
	struct roc_channel_status st0, st1;
	const struct dev_attrs *d;
	struct roc_buffer_reg reg;
	struct roc_ready r;
	int devfd, chfd;
	void *buf;

	devfd = open_ep0(self->id);
	ASSERT_LE(0, devfd);
	chfd = roc_channel_open_fd(devfd, 0);
	ASSERT_LE(0, chfd) TH_LOG("channel open: %s", strerror(-chfd));
	buf = roc_huge_alloc(2 * MiB, ROC_HUGE_2MB);
	ASSERT_NE(NULL, buf) TH_LOG("no 2 MiB hugepages");
	ASSERT_EQ(0, roc_buf_reg(chfd, buf, 2 * MiB, &reg));
	ASSERT_EQ(0, roc_start(chfd, ROC_SOURCE_INTERNAL));

	ASSERT_EQ(0, roc_push1(chfd, reg.id, 0, 1 * MiB, 42));
	d = ep0(_metadata, self, 1, &c);
	ASSERT_NE(NULL, d);
	EXPECT_EQ(ROC_CHANNEL_RUNNING, d->ch[0].state);
	EXPECT_EQ(ROC_SOURCE_INTERNAL, d->ch[0].source);
	EXPECT_NE(0, d->ch[0].links);
	EXPECT_LE(1, d->ch[0].capacity);
	EXPECT_EQ(1, d->ch[0].pushed);
	/* Netlink does not collect: it stays in flight or ready. */
	EXPECT_EQ(1, d->ch[0].queued + d->ch[0].ready);

	ASSERT_EQ(1, roc_pop_wait(chfd, &r, 1, 5000));
	EXPECT_EQ(ROC_READY_DONE, r.flags);
	EXPECT_EQ(1 * MiB, r.received);
	EXPECT_EQ(42, r.cookie);

	ASSERT_EQ(0, roc_status(chfd, &st0));
	d = ep0(_metadata, self, 1, &c);
	ASSERT_NE(NULL, d);
	ASSERT_EQ(0, roc_status(chfd, &st1));
	EXPECT_EQ(ROC_CHANNEL_RUNNING, d->ch[0].state);
	EXPECT_EQ(1, d->ch[0].pushed);
	EXPECT_EQ(1, d->ch[0].completed);
	EXPECT_EQ(1 * MiB, d->ch[0].bytes);
	EXPECT_EQ(0, d->ch[0].queued);
	EXPECT_EQ(0, d->ch[0].ready);
	EXPECT_EQ(st0.links, d->ch[0].links);
	EXPECT_EQ(st0.transfer_capacity, d->ch[0].capacity);
	/* The card's counters only go up while the run lasts. */
	EXPECT_LE(st0.fifo_empty, d->ch[0].fifo_empty);
	EXPECT_GE(st1.fifo_empty, d->ch[0].fifo_empty);
	EXPECT_LE(st0.dropped_packets, d->ch[0].dropped);
	EXPECT_GE(st1.dropped_packets, d->ch[0].dropped);

	/* Stopped: the card's counters read 0, the channel's stay. */
	ASSERT_EQ(0, roc_stop(chfd));
	d = ep0(_metadata, self, 0, &c);
	ASSERT_NE(NULL, d);
	EXPECT_EQ(ROC_CHANNEL_STOPPED, d->ch[0].state);
	EXPECT_EQ(getpid(), d->ch[0].pid);
	EXPECT_EQ(1, d->ch[0].pushed);
	EXPECT_EQ(1, d->ch[0].completed);
	EXPECT_EQ(1 * MiB, d->ch[0].bytes);
	EXPECT_EQ(0, d->ch[0].fifo_empty);
	EXPECT_EQ(0, d->ch[0].dropped);

	/* Released: free, the last run's counters kept until the next. */
	close(chfd);
	d = ep0(_metadata, self, 1, &c);
	ASSERT_NE(NULL, d);
	expect_free_but(_metadata, d, -1);
	EXPECT_EQ(1, d->ch[0].pushed);
	EXPECT_EQ(1 * MiB, d->ch[0].bytes);

	munmap(buf, 2 * MiB);
	close(devfd);
}

TEST_HARNESS_MAIN
