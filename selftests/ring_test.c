// SPDX-License-Identifier: GPL-2.0
/*
 * ring_test - the push and ready rings of a channel (ROC_RING_SETUP,
 * ROC_RING_ENTER, poll()) on a simulated CRU and C-RORC: streaming with
 * every cookie back exactly once, refused entries back with their errno,
 * user indices that lie, entries changed after the kernel took them,
 * unmapping the rings mid-run, kill -9 with entries in flight, stop and
 * close returning everything, no mixing with ROC_PUSH/ROC_POP, and the
 * ring thread streaming without system calls.
 */
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define KiB		1024UL
#define MiB		(1024 * KiB)
#define SP		(32 * KiB)
#define BUF_SIZE	(8 * MiB)
#define NSP		(BUF_SIZE / SP)		/* 256 superpages */

struct uring {
	uint8_t *map;
	size_t len;
	_Atomic uint32_t *prod;
	_Atomic uint32_t *cons;
	_Atomic uint32_t *flags;
	void *desc;
	uint32_t mask;
};

FIXTURE(ring) {
	unsigned int id;
	int devfd;
	int chfd;
	uint8_t *buf;
	uint32_t buf_id;
	struct roc_ring_setup rs;
	struct uring push, ready;
	uint32_t seen[NSP];	/* times each cookie came back */
};

FIXTURE_VARIANT(ring) {
	const char *type;
	unsigned int channel;
};

FIXTURE_VARIANT_ADD(ring, cru) { .type = "cru", .channel = 0 };
FIXTURE_VARIANT_ADD(ring, crorc) { .type = "crorc", .channel = 1 };

static int map_ring(int fd, struct uring *r, uint64_t off, uint64_t len,
		    const struct roc_ring_offsets *o, uint32_t entries)
{
	r->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		return -errno;
	}
	r->len = len;
	r->prod = (_Atomic uint32_t *)(r->map + o->producer);
	r->cons = (_Atomic uint32_t *)(r->map + o->consumer);
	r->flags = (_Atomic uint32_t *)(r->map + o->flags);
	r->desc = r->map + o->desc;
	r->mask = entries - 1;
	return 0;
}

static void unmap_ring(struct uring *r)
{
	if (r->map)
		munmap(r->map, r->len);
	r->map = NULL;
}

static int setup_rings(FIXTURE_DATA(ring) *self, uint32_t push, uint32_t ready)
{
	int ret;

	memset(&self->rs, 0, sizeof(self->rs));
	self->rs.argsz = sizeof(self->rs);
	self->rs.push_entries = push;
	self->rs.ready_entries = ready;
	if (ioctl(self->chfd, ROC_RING_SETUP, &self->rs))
		return -errno;
	ret = map_ring(self->chfd, &self->push, self->rs.push_mmap,
		       self->rs.push_size, &self->rs.push,
		       self->rs.push_entries);
	if (!ret)
		ret = map_ring(self->chfd, &self->ready, self->rs.ready_mmap,
			       self->rs.ready_size, &self->rs.ready,
			       self->rs.ready_entries);
	return ret;
}

static int enter(int chfd, struct roc_ring_enter *en)
{
	struct roc_ring_enter local;

	if (!en)
		en = &local;
	memset(en, 0, sizeof(*en));
	en->argsz = sizeof(*en);
	return ioctl(chfd, ROC_RING_ENTER, en) ? -errno : 0;
}

/* Producer side of the push ring: write, then publish (release). */
static void push_sp(FIXTURE_DATA(ring) *self, uint32_t buf, uint64_t off,
		    uint64_t size, uint64_t cookie)
{
	uint32_t p = atomic_load_explicit(self->push.prod, memory_order_relaxed);
	struct roc_superpage *d = self->push.desc;

	d[p & self->push.mask] = (struct roc_superpage){
		.buf_id = buf, .offset = off, .size = size, .cookie = cookie,
	};
	atomic_store_explicit(self->push.prod, p + 1, memory_order_release);
}

/* Consumer side of the ready ring: up to @max entries into @out. */
static unsigned int take(FIXTURE_DATA(ring) *self, struct roc_ring_done *out,
			 unsigned int max)
{
	uint32_t c = atomic_load_explicit(self->ready.cons, memory_order_relaxed);
	uint32_t p = atomic_load_explicit(self->ready.prod, memory_order_acquire);
	const struct roc_ring_done *d = self->ready.desc;
	unsigned int n = 0;

	while (c != p && n < max)
		out[n++] = d[c++ & self->ready.mask];
	atomic_store_explicit(self->ready.cons, c, memory_order_release);
	return n;
}

/* One move, then what is on the ready ring (no waiting). */
static unsigned int take_now(FIXTURE_DATA(ring) *self,
			     struct roc_ring_done *out, unsigned int max)
{
	enter(self->chfd, NULL);
	return take(self, out, max);
}

/* Enter and poll until @want entries came back (or 20 s without any). */
static unsigned int collect(FIXTURE_DATA(ring) *self, struct roc_ring_done *out,
			    unsigned int want)
{
	struct pollfd pfd = { .fd = self->chfd, .events = POLLIN };
	unsigned int got = 0, idle = 0;

	while (got < want && idle < 200) {
		unsigned int n;

		enter(self->chfd, NULL);
		n = take(self, out + got, want - got);
		got += n;
		if (n) {
			idle = 0;
			continue;
		}
		if (poll(&pfd, 1, 100) == 0)
			idle++;
	}
	return got;
}

FIXTURE_SETUP(ring)
{
	char name[16], dev[32];
	int ret;

	self->id = roc_sim_pick_id() + 3;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, variant->type, 700, 0, name,
				      sizeof(name)));
	ASSERT_EQ(0, roc_sim_knob(self->id, "no_data", "1"));
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	ret = roc_channel_with_buf(self->devfd, variant->channel, BUF_SIZE,
				   &self->chfd, &self->buf, &self->buf_id);
	ASSERT_EQ(0, ret) TH_LOG("channel %u with 2 MiB hugepages: %s",
				 variant->channel, strerror(-ret));
	memset(self->seen, 0, sizeof(self->seen));
}

FIXTURE_TEARDOWN(ring)
{
	unmap_ring(&self->push);
	unmap_ring(&self->ready);
	if (self->chfd >= 0)
		close(self->chfd);
	if (self->buf)
		munmap(self->buf, BUF_SIZE);
	close(self->devfd);
	roc_sim_del(self->id);
}

/* Stream 4 rounds of the whole buffer through the rings. */
TEST_F(ring, stream)
{
	static struct roc_ring_done d[NSP];
	unsigned int round, i, got;

	ASSERT_EQ(0, setup_rings(self, 0, 0));
	EXPECT_EQ(1024u, self->rs.push_entries);
	EXPECT_TRUE(atomic_load(self->push.flags) & ROC_RING_NEED_WAKEUP);
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (round = 0; round < 4; round++) {
		for (i = 0; i < NSP; i++)
			push_sp(self, self->buf_id, i * SP, SP, i);
		got = collect(self, d, NSP);
		ASSERT_EQ(NSP, got);
		for (i = 0; i < got; i++) {
			ASSERT_EQ(0, d[i].error);
			EXPECT_EQ(ROC_READY_DONE, d[i].ready.flags);
			EXPECT_EQ(SP, d[i].ready.received);
			self->seen[d[i].ready.cookie]++;
		}
	}
	for (i = 0; i < NSP; i++)
		ASSERT_EQ(4u, self->seen[i]) TH_LOG("cookie %u", i);
	EXPECT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0u, take_now(self, d, 1));
}

/* The ioctl path and the rings do not mix on one channel. */
TEST_F(ring, no_mixing)
{
	struct roc_ready r[1];

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, 0, SP, 1));
	/* A superpage of ROC_PUSH is in flight or ready: not yet. */
	EXPECT_EQ(-EBUSY, setup_rings(self, 0, 0));
	ASSERT_EQ(1, roc_pop_wait(self->chfd, r, 1, 20000));
	ASSERT_EQ(0, setup_rings(self, 64, 64));
	EXPECT_EQ(-EBUSY, setup_rings(self, 64, 64));
	EXPECT_EQ(-EBUSY, roc_push1(self->chfd, self->buf_id, 0, SP, 2));
	EXPECT_EQ(-EBUSY, roc_pop_n(self->chfd, r, 1));
	EXPECT_EQ(0, roc_stop(self->chfd));
}

TEST_F(ring, bad_setup)
{
	struct roc_ring_setup rs = { .argsz = sizeof(rs), .push_entries = 3 };
	struct roc_ring_enter en = { .argsz = sizeof(en) };

	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_ENTER, &en));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &rs));
	EXPECT_EQ(EINVAL, errno);
	rs.push_entries = 1 << 20;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &rs));
	EXPECT_EQ(EINVAL, errno);
	rs.push_entries = 0;
	rs.flags = 2;		/* unknown */
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &rs));
	EXPECT_EQ(EINVAL, errno);
	rs.flags = 0;
	rs.thread_idle_us = 10;	/* without the thread */
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &rs));
	EXPECT_EQ(EINVAL, errno);
	rs.thread_idle_us = 0;
	rs.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &rs));
	EXPECT_EQ(EINVAL, errno);
	/* No mapping before the rings exist, nor a private one after. */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_SHARED, self->chfd, 0));
	ASSERT_EQ(0, setup_rings(self, 0, 0));
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE, self->chfd, 0));
	EXPECT_EQ(MAP_FAILED, mmap(NULL, self->rs.push_size + 4096,
				   PROT_READ | PROT_WRITE, MAP_SHARED,
				   self->chfd, 0));
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_SHARED, self->chfd, 4096));
	en.flags = 1;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_ENTER, &en));
	EXPECT_EQ(EINVAL, errno);
}

/* Refused entries come back with their errno; good ones complete. */
TEST_F(ring, bad_entries)
{
	static struct roc_ring_done d[16];
	struct { uint32_t buf; uint64_t off, size; int err; } e[] = {
		{ 7, 0, SP, -ENOENT },
		{ 0, 0, SP + 1, -EMSGSIZE },
		{ 0, 0, 0, -EMSGSIZE },
		{ 0, 100, SP, -EINVAL },
		{ 0, BUF_SIZE - SP, 2 * SP, -ERANGE },
		{ 0, ~0ULL - 4095, SP, -ERANGE },
	};
	unsigned int i, n = sizeof(e) / sizeof(e[0]), got;

	ASSERT_EQ(0, setup_rings(self, 0, 0));
	/* Before start: refused with EPIPE. */
	push_sp(self, self->buf_id, 0, SP, 0);
	ASSERT_EQ(1, collect(self, d, 1));
	EXPECT_EQ(-EPIPE, d[0].error);
	EXPECT_EQ(0u, d[0].ready.flags);

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	push_sp(self, self->buf_id, 0, SP, 100);
	for (i = 0; i < n; i++)
		push_sp(self, e[i].buf ? e[i].buf : self->buf_id, e[i].off,
			e[i].size, i + 1);
	/* Overlaps superpage 100, which is in flight or not yet taken. */
	push_sp(self, self->buf_id, 0, SP, n + 1);
	got = collect(self, d, n + 2);
	ASSERT_EQ(n + 2, got);
	for (i = 0; i < got; i++) {
		uint64_t c = d[i].ready.cookie;

		if (c == 100) {
			EXPECT_EQ(0, d[i].error);
			EXPECT_EQ(ROC_READY_DONE, d[i].ready.flags);
		} else if (c == n + 1) {
			/* EADDRINUSE unless 100 had already come back */
			EXPECT_TRUE(d[i].error == -EADDRINUSE || !d[i].error);
		} else {
			ASSERT_LT(0u, c);
			ASSERT_GE(n, c);
			EXPECT_EQ(e[c - 1].err, d[i].error) TH_LOG("entry %llu",
				(unsigned long long)c);
			EXPECT_EQ(e[c - 1].size, d[i].ready.size);
			EXPECT_EQ(0u, d[i].ready.flags);
		}
	}
	EXPECT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0u, take_now(self, d, 16));
}

/*
 * Indices that lie: a push producer far ahead is clamped to one ring of
 * (zeroed, so refused) entries; a ready consumer out of the ring stops
 * delivery until it is sane again.  Nothing crashes, nothing is lost.
 */
TEST_F(ring, corrupt_indices)
{
	static struct roc_ring_done d[256];
	struct roc_ring_enter en;
	unsigned int i, got;

	ASSERT_EQ(0, setup_rings(self, 64, 256));
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	atomic_store(self->push.prod, 0x80000000u);
	ASSERT_EQ(0, enter(self->chfd, &en));
	EXPECT_EQ(64u, en.pushed);
	EXPECT_EQ(64u, en.completed);
	got = take(self, d, 256);
	EXPECT_EQ(64u, got);
	/* Zeroed entries: buffer 0 (if registered) and size 0. */
	for (i = 0; i < got; i++)
		EXPECT_TRUE(d[i].error == -EMSGSIZE || d[i].error == -ENOENT);
	/* The kernel's consumer is 64: the user's producer follows it. */
	EXPECT_EQ(64u, atomic_load(self->push.cons));
	atomic_store(self->push.prod, 64);

	/* A consumer that claims more than was produced: ring full. */
	atomic_store(self->ready.cons, 0x12345678);
	push_sp(self, self->buf_id, 0, SP, 5);
	ASSERT_EQ(0, enter(self->chfd, &en));
	EXPECT_EQ(0u, en.pushed);
	EXPECT_EQ(0u, en.completed);
	atomic_store(self->ready.cons, 64);
	got = collect(self, d, 1);
	ASSERT_EQ(1u, got);
	EXPECT_EQ(5u, d[0].ready.cookie);
	EXPECT_EQ(0, d[0].error);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* An entry changed after the kernel took it changes nothing. */
TEST_F(ring, changed_after_publication)
{
	static struct roc_ring_done d[4];
	struct roc_superpage *desc;
	struct roc_ring_enter en;

	ASSERT_EQ(0, setup_rings(self, 0, 0));
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	push_sp(self, self->buf_id, 0, SP, 9);
	ASSERT_EQ(0, enter(self->chfd, &en));
	EXPECT_EQ(1u, en.pushed);
	desc = self->push.desc;
	desc[0].cookie = 77;
	desc[0].offset = 2 * SP;
	desc[0].size = 0;
	ASSERT_EQ(1u, collect(self, d, 1));
	EXPECT_EQ(9u, d[0].ready.cookie);
	EXPECT_EQ(0u, d[0].ready.offset);
	EXPECT_EQ(SP, d[0].ready.size);
	EXPECT_EQ(0, d[0].error);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* Stop returns everything exactly once; later pushes come back EPIPE. */
TEST_F(ring, stop_returns_all)
{
	static struct roc_ring_done d[NSP];
	unsigned int i, got, done = 0;

	ASSERT_EQ(0, setup_rings(self, 0, 0));
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < 128; i++)
		push_sp(self, self->buf_id, i * SP, SP, i);
	ASSERT_EQ(0, enter(self->chfd, NULL));
	ASSERT_EQ(0, roc_stop(self->chfd));
	for (i = 128; i < 160; i++)
		push_sp(self, self->buf_id, i * SP, SP, i);
	got = collect(self, d, 160);
	ASSERT_EQ(160u, got);
	for (i = 0; i < got; i++) {
		uint64_t c = d[i].ready.cookie;

		self->seen[c]++;
		EXPECT_EQ(c >= 128 ? -EPIPE : 0, d[i].error);
		done += d[i].ready.flags & ROC_READY_DONE;
	}
	for (i = 0; i < 160; i++)
		EXPECT_EQ(1u, self->seen[i]) TH_LOG("cookie %u", i);
	EXPECT_EQ(0u, take_now(self, d, 1));
	/* Started again, the channel streams through its rings. */
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	push_sp(self, self->buf_id, 0, SP, 3);
	ASSERT_EQ(1u, collect(self, d, 1));
	EXPECT_EQ(ROC_READY_DONE, d[0].ready.flags);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* The rings unmapped mid-run: the channel goes on, close frees all. */
TEST_F(ring, munmap_mid_run)
{
	struct roc_ring_enter en;
	struct roc_channel_status st;
	unsigned int i;

	ASSERT_EQ(0, setup_rings(self, 0, 0));
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < 64; i++)
		push_sp(self, self->buf_id, i * SP, SP, i);
	unmap_ring(&self->push);
	unmap_ring(&self->ready);
	ASSERT_EQ(0, enter(self->chfd, &en));
	EXPECT_EQ(64u, en.pushed);
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(ROC_CHANNEL_RUNNING, st.state);
	/* Map again: the same rings, what came back is there. */
	ASSERT_EQ(0, map_ring(self->chfd, &self->ready, self->rs.ready_mmap,
			      self->rs.ready_size, &self->rs.ready,
			      self->rs.ready_entries));
	EXPECT_EQ(0, roc_stop(self->chfd));
	ASSERT_EQ(0, enter(self->chfd, NULL));
	EXPECT_EQ(64u, atomic_load(self->ready.prod));
	close(self->chfd);
	self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
	/* The mapping keeps the old channel file: not free until unmapped. */
	EXPECT_EQ(-EBUSY, self->chfd);
	unmap_ring(&self->ready);
	self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
	EXPECT_LE(0, self->chfd);
}

/* kill -9 with entries in flight: the channel is free again afterwards. */
TEST_F(ring, kill_in_flight)
{
	struct roc_channel_query q = { .argsz = sizeof(q),
				       .channel = variant->channel };
	int status, fds[2], i;
	pid_t pid;
	char c;

	close(self->chfd);
	self->chfd = -1;
	ASSERT_EQ(0, pipe(fds));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct roc_buffer_reg reg;

		self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
		if (self->chfd < 0 ||
		    roc_buf_reg(self->chfd, self->buf, BUF_SIZE, &reg) ||
		    setup_rings(self, 0, 0) ||
		    roc_start(self->chfd, ROC_SOURCE_INTERNAL))
			_exit(1);
		for (i = 0; i < 200; i++)
			push_sp(self, reg.id, i * SP, SP, i);
		enter(self->chfd, NULL);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		for (;;) {
			for (i = 0; i < 200; i++)
				push_sp(self, reg.id, i * SP, SP, i);
			enter(self->chfd, NULL);
		}
	}
	close(fds[1]);
	ASSERT_EQ(1, read(fds[0], &c, 1));
	close(fds[0]);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	ASSERT_EQ(0, ioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
	EXPECT_EQ(ROC_CHANNEL_FREE, q.state);
	self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
	ASSERT_LE(0, self->chfd);
}

/*
 * With the ring thread, streaming needs no system call: the user publishes,
 * and calls only when the thread asked for it (NEED_WAKEUP).  The ring
 * calls (ROC_RING_ENTER, poll()) are counted; waiting for the ready ring
 * yields the CPU (the thread may share it).
 */
TEST_F(ring, thread_zero_syscalls)
{
	static struct roc_ring_done d[128];
	unsigned int round, i, got, calls = 0, n = 0;
	struct pollfd pfd = { .fd = self->chfd, .events = POLLIN };

	memset(&self->rs, 0, sizeof(self->rs));
	self->rs.argsz = sizeof(self->rs);
	self->rs.flags = ROC_RING_SETUP_THREAD;
	self->rs.thread_idle_us = 2000000;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_RING_SETUP, &self->rs));
	EXPECT_EQ(EINVAL, errno);
	self->rs.thread_idle_us = 1000000;
	ASSERT_EQ(0, ioctl(self->chfd, ROC_RING_SETUP, &self->rs))
		TH_LOG("ROC_RING_SETUP with the thread: %s", strerror(errno));
	ASSERT_EQ(0, map_ring(self->chfd, &self->push, self->rs.push_mmap,
			      self->rs.push_size, &self->rs.push,
			      self->rs.push_entries));
	ASSERT_EQ(0, map_ring(self->chfd, &self->ready, self->rs.ready_mmap,
			      self->rs.ready_size, &self->rs.ready,
			      self->rs.ready_entries));
	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (round = 0; round < 8; round++) {
		for (i = 0; i < 128; i++)
			push_sp(self, self->buf_id, i * SP, SP, i);
		atomic_thread_fence(memory_order_seq_cst);
		if (atomic_load(self->push.flags) & ROC_RING_NEED_WAKEUP) {
			calls++;
			enter(self->chfd, NULL);
		}
		for (got = 0; got < 128; ) {
			unsigned int k = take(self, d, 128 - got);

			for (i = 0; i < k; i++) {
				ASSERT_EQ(0, d[i].error);
				ASSERT_EQ(ROC_READY_DONE, d[i].ready.flags);
			}
			got += k;
			if (k)
				continue;
			if (atomic_load(self->push.flags) & ROC_RING_NEED_WAKEUP) {
				calls++;
				ASSERT_LE(0, poll(&pfd, 1, 1000));
			} else {
				sched_yield();
			}
		}
		n += got;
	}
	ksft_print_msg("%s: %u ring calls for %u superpages\n", variant->type,
		       calls, n);
	EXPECT_GE(n / 100, calls);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

TEST_HARNESS_MAIN
