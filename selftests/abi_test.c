// SPDX-License-Identifier: GPL-2.0
/*
 * abi_test - the rules by which the uapi structures grow (uapi/linux/roc.h,
 * "How the structures grow"), for every ioctl of both file types, on a
 * simulated CRU and C-RORC:
 *  - a structure of its first version's size works;
 *  - a larger one (a caller built against a newer header) whose unknown
 *    tail is zero works the same, and argsz comes back as the kernel's size;
 *  - a non-zero byte anywhere in that tail gives E2BIG and changes nothing;
 *  - an argsz below the first version gives EINVAL;
 *  - another type, direction or size bits in the command, the other file's
 *    commands and unknown numbers give ENOTTY;
 *  - ROC_POP whose entries fault part way puts every superpage back, in
 *    order: none lost, none twice.
 */
#include <stddef.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#ifndef offsetofend
#define offsetofend(T, m)	(offsetof(T, m) + sizeof(((T *)0)->m))
#endif

#define KiB		1024ULL
#define MiB		(1024 * KiB)
#define TAIL		64	/* bytes a "newer header" adds */

struct abi_ctx {
	unsigned int id;
	int devfd;		/* endpoint 0 */
	int chdevfd;		/* the endpoint whose channel @chfd is */
	int chfd;
	unsigned int free_channel;	/* of @devfd, for ROC_CHANNEL_OPEN */
	struct roc_info info;
	uint8_t *huge;		/* 4 MiB of 2 MiB hugepages, registered */
	uint32_t huge_id;
	uint8_t *mem;		/* 64 KiB for ROC_BUFFER_REGISTER */
	struct roc_reg_op op;
	struct roc_superpage sp;
	struct roc_ready ready[4];
};

struct abi_case {
	const char *name;
	unsigned long cmd;
	bool chan;		/* on the channel fd */
	bool out;		/* the kernel writes the structure back */
	size_t size;		/* this header's sizeof */
	size_t first;		/* the first version's size */
	bool crorc_only;	/* EOPNOTSUPP on a CRU (issue 13: the DDL) */
	/* Make @arg (zeroed) a valid call; the channel state it needs. */
	int (*prep)(struct abi_ctx *c, void *arg);
	/* Undo what the call and prep did; @ret is the call's result. */
	void (*undo)(struct abi_ctx *c, void *arg, int ret);
};

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

static void drain(struct abi_ctx *c)
{
	struct roc_ready r[64];

	roc_stop(c->chfd);
	while (roc_pop_n(c->chfd, r, 64) > 0)
		;
}

static int prep_bar_info(struct abi_ctx *c, void *arg)
{
	(void)c;
	((struct roc_bar_info *)arg)->index = 0;
	return 0;
}

static int prep_reg_batch(struct abi_ctx *c, void *arg)
{
	struct roc_reg_batch *b = arg;

	c->op = (struct roc_reg_op){ .op = ROC_REG_READ, .bar = 0 };
	b->count = 1;
	b->ops = (uintptr_t)&c->op;
	return 0;
}

static int prep_open(struct abi_ctx *c, void *arg)
{
	((struct roc_channel_open *)arg)->channel = c->free_channel;
	return 0;
}

static void undo_open(struct abi_ctx *c, void *arg, int ret)
{
	(void)c;
	(void)arg;
	if (ret >= 0)
		close(ret);
}

static int prep_register(struct abi_ctx *c, void *arg)
{
	struct roc_buffer_reg *r = arg;

	r->addr = (uintptr_t)c->mem;
	r->size = 64 * KiB;
	return 0;
}

static void undo_register(struct abi_ctx *c, void *arg, int ret)
{
	if (!ret)
		roc_buf_unreg(c->chfd, ((struct roc_buffer_reg *)arg)->id);
}

static int prep_unregister(struct abi_ctx *c, void *arg)
{
	struct roc_buffer_reg r;
	int ret = roc_buf_reg(c->chfd, c->mem, 64 * KiB, &r);

	((struct roc_buffer_unreg *)arg)->id = r.id;
	return ret;
}

static void undo_unregister(struct abi_ctx *c, void *arg, int ret)
{
	if (ret)
		roc_buf_unreg(c->chfd, ((struct roc_buffer_unreg *)arg)->id);
}

static int prep_start(struct abi_ctx *c, void *arg)
{
	(void)c;
	((struct roc_dma_start *)arg)->source = ROC_SOURCE_INTERNAL;
	return 0;
}

static int prep_running(struct abi_ctx *c, void *arg)
{
	(void)arg;
	return roc_start(c->chfd, ROC_SOURCE_INTERNAL);
}

static void undo_running(struct abi_ctx *c, void *arg, int ret)
{
	(void)arg;
	(void)ret;
	drain(c);
}

static int prep_push(struct abi_ctx *c, void *arg)
{
	struct roc_push *p = arg;

	c->sp = (struct roc_superpage){ .buf_id = c->huge_id,
					.size = 32 * KiB, .cookie = 5 };
	p->count = 1;
	p->entries = (uintptr_t)&c->sp;
	return roc_start(c->chfd, ROC_SOURCE_INTERNAL);
}

static int prep_pop(struct abi_ctx *c, void *arg)
{
	struct roc_pop *p = arg;

	p->max = 4;
	p->entries = (uintptr_t)c->ready;
	return 0;
}

/*
 * The rings turn the channel for good: a successful ROC_RING_SETUP is
 * undone by opening the channel again (and registering its buffer).
 */
static void reopen_channel(struct abi_ctx *c)
{
	struct roc_buffer_reg r;

	close(c->chfd);
	c->chfd = roc_channel_open_fd(c->chdevfd, 0);
	if (c->chfd >= 0 && !roc_buf_reg(c->chfd, c->huge, 4 * MiB, &r))
		c->huge_id = r.id;
}

static void undo_ring_setup(struct abi_ctx *c, void *arg, int ret)
{
	(void)arg;
	if (!ret)
		reopen_channel(c);
}

static int prep_ring_enter(struct abi_ctx *c, void *arg)
{
	struct roc_ring_setup s = { .argsz = sizeof(s) };

	(void)arg;
	return ioctl(c->chfd, ROC_RING_SETUP, &s) ? -errno : 0;
}

static void undo_ring_enter(struct abi_ctx *c, void *arg, int ret)
{
	(void)arg;
	(void)ret;
	reopen_channel(c);
}

#define CASE_GROWN(_cmd, _chan, _out, _struct, _first, _prep, _undo)	\
	{ .name = #_cmd, .cmd = _cmd, .chan = _chan, .out = _out,	\
	  .size = sizeof(_struct), .first = _first, .prep = _prep,	\
	  .undo = _undo }
#define CASE(_cmd, _chan, _out, _struct, _prep, _undo)			\
	CASE_GROWN(_cmd, _chan, _out, _struct, sizeof(_struct), _prep, _undo)
/* The end of a structure's first version. */
#define FIRST(_struct, _last)						\
	(offsetof(_struct, _last) + sizeof(((_struct *)0)->_last))

static const struct abi_case cases[] = {
	CASE(ROC_GET_INFO, false, true, struct roc_info, NULL, NULL),
	CASE(ROC_GET_BAR_INFO, false, true, struct roc_bar_info,
	     prep_bar_info, NULL),
	CASE(ROC_REG_BATCH, false, true, struct roc_reg_batch,
	     prep_reg_batch, NULL),
	CASE(ROC_CHANNEL_OPEN, false, true, struct roc_channel_open,
	     prep_open, undo_open),
	CASE(ROC_CHANNEL_QUERY, false, true, struct roc_channel_query,
	     NULL, NULL),
	/* grew by memfd, reserved2, memfd_offset (issue 14) */
	CASE_GROWN(ROC_BUFFER_REGISTER, true, true, struct roc_buffer_reg,
		   FIRST(struct roc_buffer_reg, reserved), prep_register,
		   undo_register),
	CASE(ROC_BUFFER_UNREGISTER, true, false, struct roc_buffer_unreg,
	     prep_unregister, undo_unregister),
	CASE_GROWN(ROC_DMA_START, true, false, struct roc_dma_start,
		   FIRST(struct roc_dma_start, reserved),
		   prep_start, undo_running),
	CASE(ROC_DMA_STOP, true, false, struct roc_dma_stop,
	     prep_running, undo_running),
	CASE_GROWN(ROC_DMA_RESET, true, false, struct roc_dma_reset,
		   FIRST(struct roc_dma_reset, flags),
		   NULL, NULL),
	CASE(ROC_PUSH, true, true, struct roc_push, prep_push, undo_running),
	CASE(ROC_POP, true, true, struct roc_pop, prep_pop, NULL),
	CASE(ROC_CHANNEL_STATUS, true, true, struct roc_channel_status,
	     NULL, NULL),
	CASE(ROC_RING_SETUP, true, true, struct roc_ring_setup, NULL,
	     undo_ring_setup),
	CASE(ROC_RING_ENTER, true, true, struct roc_ring_enter,
	     prep_ring_enter, undo_ring_enter),
	{ .name = "ROC_DDL_STATUS", .cmd = ROC_DDL_STATUS, .out = true,
	  .size = sizeof(struct roc_ddl_status), .first = sizeof(struct roc_ddl_status),
	  .crorc_only = true },
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

/* A case that only a C-RORC answers with success. */
static bool abi_skip(const struct abi_ctx *c, const struct abi_case *k)
{
	return k->crorc_only && c->info.card_type != ROC_CARD_CRORC;
}

/* What a call must not change when it fails. */
struct abi_state {
	uint32_t chan_state, nr_buffers, ready, queued, open_state;
	uint64_t pushed;
};

static void abi_state(struct abi_ctx *c, struct abi_state *s)
{
	struct roc_channel_status st;
	struct roc_channel_query q = { .argsz = sizeof(q),
				       .channel = c->free_channel };

	memset(s, 0, sizeof(*s));
	if (!roc_status(c->chfd, &st)) {
		s->chan_state = st.state;
		s->nr_buffers = st.nr_buffers;
		s->ready = st.ready_count;
		s->queued = st.transfer_queued;
		s->pushed = st.pushed;
	}
	if (!ioctl(c->devfd, ROC_CHANNEL_QUERY, &q))
		s->open_state = q.state;
}

/*
 * One call of case @k with argsz @argsz over a zeroed structure of
 * @size + TAIL bytes, after @poke(tail) if given.  Returns the result and
 * leaves the structure in @buf.
 */
static int abi_call(struct abi_ctx *c, const struct abi_case *k,
		    uint32_t argsz, int tail_byte, uint8_t *buf)
{
	int fd = k->chan ? c->chfd : c->devfd;
	int ret;

	memset(buf, 0, k->size + TAIL);
	if (k->prep) {
		ret = k->prep(c, buf);
		if (ret)
			return 1000 + ret;	/* setup failed: never expected */
	}
	*(uint32_t *)buf = argsz;
	if (tail_byte >= 0)
		buf[tail_byte] = 0x5a;
	ret = xioctl(fd, k->cmd, buf);
	if (k->undo)
		k->undo(c, buf, ret);
	return ret;
}

static bool abi_success(const struct abi_case *k, int ret)
{
	return k->cmd == ROC_CHANNEL_OPEN ? ret >= 0 : ret == 0;
}

FIXTURE(abi) {
	struct abi_ctx c;
};

FIXTURE_VARIANT(abi) {
	const char *type;
};

FIXTURE_VARIANT_ADD(abi, cru) { .type = "cru" };
FIXTURE_VARIANT_ADD(abi, crorc) { .type = "crorc" };

FIXTURE_SETUP(abi)
{
	struct abi_ctx *c = &self->c;
	char name[16], dev[32];
	int ret;

	memset(c, 0, sizeof(*c));
	c->devfd = c->chdevfd = c->chfd = -1;
	c->id = roc_sim_pick_id() + 5;
	ASSERT_EQ(0, roc_sim_new_free(&c->id, variant->type, 800, 0, name,
				      sizeof(name)));
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	c->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, c->devfd);
	c->info.argsz = sizeof(c->info);
	ASSERT_EQ(0, xioctl(c->devfd, ROC_GET_INFO, &c->info));
	ASSERT_EQ(2u, c->info.uapi_version);
	/*
	 * Channel 0 of the other endpoint (CRU: one channel each) or of this
	 * one (C-RORC: channel 5 stays free for ROC_CHANNEL_OPEN).
	 */
	if (c->info.card_type == ROC_CARD_CRU) {
		ASSERT_EQ(0, roc_sim_endpoint(c->id, 1, name, sizeof(name)));
		snprintf(dev, sizeof(dev), "/dev/%s", name);
		c->chdevfd = open(dev, O_RDWR);
		ASSERT_LE(0, c->chdevfd);
		c->free_channel = 0;
	} else {
		c->chdevfd = dup(c->devfd);
		c->free_channel = c->info.num_channels - 1;
	}
	ret = roc_channel_with_buf(c->chdevfd, 0, 4 * MiB, &c->chfd, &c->huge,
				   &c->huge_id);
	ASSERT_EQ(0, ret) TH_LOG("channel 0 with 2 MiB hugepages: %s",
				 strerror(-ret));
	c->mem = mmap(NULL, 64 * KiB, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, c->mem);
}

FIXTURE_TEARDOWN(abi)
{
	struct abi_ctx *c = &self->c;

	if (c->chfd >= 0)
		close(c->chfd);
	if (c->huge)
		munmap(c->huge, 4 * MiB);
	if (c->mem && c->mem != MAP_FAILED)
		munmap(c->mem, 64 * KiB);
	if (c->chdevfd >= 0)
		close(c->chdevfd);
	if (c->devfd >= 0)
		close(c->devfd);
	roc_sim_del(self->c.id);
}

/*
 * argsz of this header and of the first version (an older caller): works;
 * argsz comes back unchanged.
 */
TEST_F(abi, min_size)
{
	uint8_t buf[512];
	unsigned int i;
	int ret;

	for (i = 0; i < NCASES; i++) {
		const struct abi_case *k = &cases[i];

		if (abi_skip(&self->c, k))
			continue;
		ret = abi_call(&self->c, k, k->size, -1, buf);
		EXPECT_TRUE(abi_success(k, ret))
			TH_LOG("%s argsz %zu: %d", k->name, k->size, ret);
		EXPECT_EQ(k->size, *(uint32_t *)buf) TH_LOG("%s", k->name);
		if (k->first == k->size)
			continue;
		ret = abi_call(&self->c, k, k->first, -1, buf);
		EXPECT_TRUE(abi_success(k, ret))
			TH_LOG("%s argsz %zu: %d", k->name, k->first, ret);
		EXPECT_EQ(k->first, *(uint32_t *)buf) TH_LOG("%s", k->name);
	}
}

/* ROC_BUFFER_REGISTER's second version: where its new fields are. */
TEST(buffer_reg_layout)
{
	EXPECT_EQ(48u, FIRST(struct roc_buffer_reg, reserved));
	EXPECT_EQ(48u, offsetof(struct roc_buffer_reg, memfd));
	EXPECT_EQ(52u, offsetof(struct roc_buffer_reg, reserved2));
	EXPECT_EQ(56u, offsetof(struct roc_buffer_reg, memfd_offset));
	EXPECT_EQ(64u, sizeof(struct roc_buffer_reg));
	EXPECT_EQ(1u, ROC_BUFFER_REG_MEMFD);
}

/*
 * A newer caller's structure, TAIL bytes larger, zero beyond what the
 * kernel knows: works; output structures come back with argsz set to the
 * bytes the kernel wrote, and nothing written past them.
 */
TEST_F(abi, grown_zero_tail)
{
	uint8_t buf[512];
	unsigned int i, j;
	int ret;

	for (i = 0; i < NCASES; i++) {
		const struct abi_case *k = &cases[i];

		if (abi_skip(&self->c, k))
			continue;
		ret = abi_call(&self->c, k, k->size + TAIL, -1, buf);
		EXPECT_TRUE(abi_success(k, ret))
			TH_LOG("%s argsz %zu: %d", k->name, k->size + TAIL, ret);
		EXPECT_EQ(k->out ? k->size : k->size + TAIL,
			  *(uint32_t *)buf) TH_LOG("%s", k->name);
		for (j = k->size; j < k->size + TAIL; j++)
			if (buf[j])
				break;
		EXPECT_EQ(k->size + TAIL, j) TH_LOG("%s wrote past its size",
						    k->name);
	}
}

/* A non-zero byte the kernel does not know: E2BIG, nothing done. */
TEST_F(abi, grown_nonzero_tail)
{
	const int where[] = { 0, 7, TAIL - 1 };
	struct abi_state before, after;
	uint8_t buf[512];
	unsigned int i, w;
	int ret;

	for (i = 0; i < NCASES; i++) {
		const struct abi_case *k = &cases[i];

		for (w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
			abi_state(&self->c, &before);
			ret = abi_call(&self->c, k, k->size + TAIL,
				       k->size + where[w], buf);
			EXPECT_EQ(-E2BIG, ret)
				TH_LOG("%s tail byte %d", k->name, where[w]);
			/* Only what prep set up and undo took back. */
			abi_state(&self->c, &after);
			EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)))
				TH_LOG("%s changed the channel", k->name);
		}
	}
}

/* Shorter than the first version: EINVAL, nothing done. */
TEST_F(abi, below_min)
{
	struct abi_state before, after;
	uint8_t buf[512];
	unsigned int i, j;
	int ret;

	for (i = 0; i < NCASES; i++) {
		const struct abi_case *k = &cases[i];
		uint32_t small[] = { 0, 4, 8, k->first - 1, k->first - 4 };

		for (j = 0; j < sizeof(small) / sizeof(small[0]); j++) {
			if (small[j] >= k->first)
				continue;
			abi_state(&self->c, &before);
			ret = abi_call(&self->c, k, small[j], -1, buf);
			EXPECT_EQ(-EINVAL, ret)
				TH_LOG("%s argsz %u", k->name, small[j]);
			abi_state(&self->c, &after);
			EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)))
				TH_LOG("%s changed the channel", k->name);
		}
	}
}

/*
 * The command number must be exactly _IO(ROC_IOC_MAGIC, nr) of the file's
 * own table: ENOTTY for anything else, before the structure is read.
 */
TEST_F(abi, wrong_type_and_number)
{
	uint8_t buf[512];
	unsigned int i, nr;

	for (i = 0; i < NCASES; i++) {
		const struct abi_case *k = &cases[i];
		int fd = k->chan ? self->c.chfd : self->c.devfd;
		int other = k->chan ? self->c.devfd : self->c.chfd;
		unsigned long cmds[] = {
			_IO('x', _IOC_NR(k->cmd)),
			_IO(ROC_IOC_MAGIC + 1, _IOC_NR(k->cmd)),
			_IOC(_IOC_READ | _IOC_WRITE, ROC_IOC_MAGIC,
			     _IOC_NR(k->cmd), k->size),
			_IOC(_IOC_WRITE, ROC_IOC_MAGIC, _IOC_NR(k->cmd), 0),
			_IOC(_IOC_NONE, ROC_IOC_MAGIC, _IOC_NR(k->cmd), 8),
		};
		unsigned int j;

		memset(buf, 0, sizeof(buf));
		*(uint32_t *)buf = k->size;
		for (j = 0; j < sizeof(cmds) / sizeof(cmds[0]); j++) {
			unsigned long cmd = cmds[j];

			EXPECT_EQ(-ENOTTY, xioctl(fd, cmd, buf))
				TH_LOG("%s as 0x%lx", k->name, cmd);
		}
		/* The other file type does not know it. */
		EXPECT_EQ(-ENOTTY, xioctl(other, k->cmd, buf))
			TH_LOG("%s on the other fd", k->name);
		/* Not even a readable argument is needed to tell. */
		EXPECT_EQ(-ENOTTY, xioctl(other, k->cmd, NULL))
			TH_LOG("%s on the other fd, NULL", k->name);
	}
	/* Numbers nobody has, up to the largest. */
	for (nr = 0; nr < 256; nr++) {
		bool known = false;

		for (i = 0; i < NCASES; i++)
			known |= _IOC_NR(cases[i].cmd) == nr;
		if (known)
			continue;
		memset(buf, 0, sizeof(buf));
		*(uint32_t *)buf = 64;
		EXPECT_EQ(-ENOTTY, xioctl(self->c.devfd, _IO(ROC_IOC_MAGIC, nr),
					  buf)) TH_LOG("nr 0x%x", nr);
		EXPECT_EQ(-ENOTTY, xioctl(self->c.chfd, _IO(ROC_IOC_MAGIC, nr),
					  buf)) TH_LOG("nr 0x%x", nr);
	}
}

/*
 * ROC_POP into entries that end at an unmapped page part way through (past
 * the kernel's first chunk of 16, which it copies whole): EFAULT, and every superpage is back at
 * the head of the ready queue in its order, its memory still claimed.
 */
TEST_F(abi, pop_fault_keeps_everything)
{
	struct abi_ctx *c = &self->c;
	enum { N = 24, FIT = 16 };	/* FIT: the kernel's first chunk */
	struct roc_superpage sp[N];
	struct roc_ready first[N], again[N];
	struct roc_channel_status st;
	struct roc_pop po = { .argsz = sizeof(po), .max = N };
	uint32_t done = 0;
	uint8_t *m;
	int i, n;

	m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, m);
	ASSERT_EQ(0, munmap(m + 2 * 4096, 4096));

	for (i = 0; i < N; i++)
		sp[i] = (struct roc_superpage){ .buf_id = c->huge_id,
						.offset = i * 64 * KiB,
						.size = 32 * KiB,
						.cookie = 100 + i };
	ASSERT_EQ(0, roc_start(c->chfd, ROC_SOURCE_INTERNAL));
	ASSERT_EQ(0, roc_push_n(c->chfd, sp, N, &done));
	ASSERT_EQ((uint32_t)N, done);
	/* Stopping returns all N to the ready queue, filled or not. */
	ASSERT_EQ(0, roc_stop(c->chfd));
	ASSERT_EQ(0, roc_status(c->chfd, &st));
	ASSERT_EQ((uint32_t)N, st.ready_count);

	/* Learn the order without taking them: a pop that faults first. */
	po.entries = (uintptr_t)(m + 2 * 4096 - FIT * sizeof(struct roc_ready));
	EXPECT_EQ(-EFAULT, xioctl(c->chfd, ROC_POP, &po));
	ASSERT_EQ(0, roc_status(c->chfd, &st));
	EXPECT_EQ((uint32_t)N, st.ready_count);
	/* What was written before the fault is the head of the queue. */
	memcpy(first, (void *)(uintptr_t)po.entries,
	       FIT * sizeof(struct roc_ready));
	EXPECT_EQ(-EBUSY, roc_buf_unreg(c->chfd, c->huge_id));

	n = roc_pop_n(c->chfd, again, N);
	ASSERT_EQ(N, n);
	for (i = 0; i < FIT; i++)
		EXPECT_EQ(first[i].cookie, again[i].cookie) TH_LOG("entry %d", i);
	/* Each cookie once. */
	for (i = 0; i < N; i++) {
		int j, seen = 0;

		for (j = 0; j < N; j++)
			seen += again[j].cookie == (uint64_t)(100 + i);
		EXPECT_EQ(1, seen) TH_LOG("cookie %d", 100 + i);
	}
	EXPECT_EQ(0, roc_pop_n(c->chfd, again, N));
	munmap(m, 2 * 4096);
}


/*
 * ROC_DDL_STATUS (issue 13): a C-RORC answers for channels 0-5 with the
 * link up and the SIU's hardware info; a bad channel is EINVAL; a
 * read-only fd EPERM; a CRU EOPNOTSUPP.  ROC_DMA_START's new fields and
 * ROC_DMA_RESET's level are checked.
 */
TEST_F(abi, ddl_status_and_levels)
{
	struct roc_ddl_status st = { .argsz = sizeof(st) };
	struct roc_dma_start s = { .argsz = sizeof(s) };
	struct roc_dma_reset rs = { .argsz = sizeof(rs) };
	struct abi_ctx *c = &self->c;
	bool crorc = c->info.card_type == ROC_CARD_CRORC;
	char dev[32], name[16];
	int rofd;

	if (!crorc) {
		EXPECT_EQ(-EOPNOTSUPP, xioctl(c->devfd, ROC_DDL_STATUS, &st));
		rs.level = ROC_RESET_INTERNAL_SIU;
		EXPECT_EQ(-EOPNOTSUPP, xioctl(c->chfd, ROC_DMA_RESET, &rs));
		s.source = ROC_SOURCE_SIU;
		EXPECT_EQ(-EOPNOTSUPP, xioctl(c->chfd, ROC_DMA_START, &s));
		s.source = ROC_SOURCE_DIU;
		EXPECT_EQ(-EOPNOTSUPP, xioctl(c->chfd, ROC_DMA_START, &s));
		s.source = ROC_SOURCE_DDG;
		s.options = ROC_DMA_START_STBRD;
		EXPECT_EQ(-EOPNOTSUPP, xioctl(c->chfd, ROC_DMA_START, &s));
		return;
	}
	st.channel = 5;
	ASSERT_EQ(0, xioctl(c->devfd, ROC_DDL_STATUS, &st));
	EXPECT_EQ((uint32_t)ROC_DDL_LINK_UP, st.link);
	EXPECT_EQ((uint32_t)(ROC_DDL_VALID_DIU | ROC_DDL_VALID_SIU |
			     ROC_DDL_VALID_HW_INFO), st.valid);
	EXPECT_EQ(0u, st.siu_errno);
	EXPECT_EQ(12u, (st.siu_status >> 4) & 0xf);	/* IFSTW */
	EXPECT_EQ(2u, (st.siu_status >> 12) & 7);	/* Online */
	EXPECT_NE(0, st.siu_hw_info[0]);
	st.channel = 6;
	EXPECT_EQ(-EINVAL, xioctl(c->devfd, ROC_DDL_STATUS, &st));
	ASSERT_EQ(0, roc_sim_endpoint(c->id, 0, name, sizeof(name)));
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	rofd = open(dev, O_RDONLY);
	ASSERT_LE(0, rofd);
	st.channel = 0;
	EXPECT_EQ(-EPERM, xioctl(rofd, ROC_DDL_STATUS, &st));
	close(rofd);

	/* start: unknown options and reserved fields */
	s.source = ROC_SOURCE_FEE;
	s.options = 2;
	EXPECT_EQ(-EINVAL, xioctl(c->chfd, ROC_DMA_START, &s));
	s.options = 0;
	s.reserved2 = 1;
	EXPECT_EQ(-EINVAL, xioctl(c->chfd, ROC_DMA_START, &s));
	s.reserved2 = 0;
	s.source = ROC_SOURCE_DIU;
	s.options = ROC_DMA_START_STBRD;
	EXPECT_EQ(-EOPNOTSUPP, xioctl(c->chfd, ROC_DMA_START, &s));
	s.source = ROC_SOURCE_FEE;
	EXPECT_EQ(0, xioctl(c->chfd, ROC_DMA_START, &s));
	EXPECT_EQ(0, roc_stop(c->chfd));
	drain(c);
	/* reset levels */
	rs.level = 3;
	EXPECT_EQ(-EINVAL, xioctl(c->chfd, ROC_DMA_RESET, &rs));
	rs.level = ROC_RESET_NOTHING;
	rs.reserved = 1;
	EXPECT_EQ(-EINVAL, xioctl(c->chfd, ROC_DMA_RESET, &rs));
	rs.reserved = 0;
	EXPECT_EQ(0, xioctl(c->chfd, ROC_DMA_RESET, &rs));
	rs.level = ROC_RESET_INTERNAL_SIU;
	EXPECT_EQ(0, xioctl(c->chfd, ROC_DMA_RESET, &rs));
}

TEST_HARNESS_MAIN
