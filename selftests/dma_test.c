// SPDX-License-Identifier: GPL-2.0
/*
 * dma_test - DMA through simulated cards: channel ownership, buffer
 * registration and memlock, every push rule, data integrity of every byte
 * for each data format and superpage sizes from 32 KiB to 8 MiB, stop,
 * crashes, removal during DMA, backpressure, poll().
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define MiB		(1024 * 1024UL)
#define KiB		1024UL
#define BUF_SIZE	(64 * MiB)

FIXTURE(dma) {
	unsigned int id;
	char name[16];
	int devfd;
	int chfd;
	uint8_t *buf;
	size_t buf_size;
	uint32_t buf_id;
	struct roc_check check;
};

FIXTURE_VARIANT(dma) {
	const char *type;
	int ep;
	unsigned int channel;
	uint32_t source;
};

FIXTURE_VARIANT_ADD(dma, cru_internal) {
	.type = "cru", .ep = 0, .channel = 0, .source = ROC_SOURCE_INTERNAL,
};

FIXTURE_VARIANT_ADD(dma, cru_ddg) {
	.type = "cru", .ep = 1, .channel = 0, .source = ROC_SOURCE_DDG,
};

FIXTURE_VARIANT_ADD(dma, crorc_ch0) {
	.type = "crorc", .ep = 0, .channel = 0, .source = ROC_SOURCE_INTERNAL,
};

FIXTURE_VARIANT_ADD(dma, crorc_ch5) {
	.type = "crorc", .ep = 0, .channel = 5, .source = ROC_SOURCE_INTERNAL,
};

static int is_cru(const FIXTURE_VARIANT(dma) *v)
{
	return !strcmp(v->type, "cru");
}

FIXTURE_SETUP(dma)
{
	char dev[32];
	int ret;

	self->id = roc_sim_pick_id();
	ASSERT_EQ(0, roc_sim_new_free(&self->id, variant->type, 300,
				      variant->ep, self->name,
				      sizeof(self->name)));
	snprintf(dev, sizeof(dev), "/dev/%s", self->name);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	self->buf_size = BUF_SIZE;
	ret = roc_channel_with_buf(self->devfd, variant->channel,
				   self->buf_size, &self->chfd, &self->buf,
				   &self->buf_id);
	ASSERT_EQ(0, ret) TH_LOG("channel %u with 2 MiB hugepages: %s",
				 variant->channel, strerror(-ret));
	memset(&self->check, 0, sizeof(self->check));
}

FIXTURE_TEARDOWN(dma)
{
	if (self->chfd >= 0)
		close(self->chfd);
	if (self->buf)
		munmap(self->buf, self->buf_size);
	close(self->devfd);
	roc_sim_del(self->id);
}

static void check_sp(struct __test_metadata *_metadata,
		     FIXTURE_DATA(dma) *self,
		     const FIXTURE_VARIANT(dma) *variant,
		     const uint8_t *base, const struct roc_ready *r)
{
	const uint8_t *p = base + r->offset;

	ASSERT_EQ(ROC_READY_DONE, r->flags);
	ASSERT_EQ(r->size, r->received);
	if (!is_cru(variant)) {
		EXPECT_EQ(variant->channel, r->link);
		roc_check_crorc(&self->check, variant->channel, p, r->received);
	} else if (variant->source == ROC_SOURCE_DDG) {
		roc_check_ddg(&self->check, r->link, p, r->received);
	} else {
		roc_check_cru_internal(&self->check, r->link,
				       (const uint32_t *)p, r->received);
	}
}

/*
 * Every byte of every superpage, sizes 32 KiB to 8 MiB: fill the buffer
 * with superpages of one size, pop them, check, recycle, for each size.
 */
TEST_F_TIMEOUT(dma, data_integrity, 900)
{
	static const uint64_t sizes[] = {
		32 * KiB, 64 * KiB, 96 * KiB, 256 * KiB, 1 * MiB, 2 * MiB,
		4 * MiB, 8 * MiB,
	};
	static struct roc_ready r[ROC_BATCH_MAX];
	struct roc_buffer_reg reg;
	unsigned int s;
	uint8_t *big = NULL;
	uint32_t big_id = 0;

	/* 4 and 8 MiB superpages want more than one 2 MiB page in a row. */
	big = roc_huge_alloc(1024 * MiB, ROC_HUGE_1GB);
	if (big) {
		ASSERT_EQ(0, roc_buf_reg(self->chfd, big, 1024 * MiB, &reg));
		EXPECT_EQ(1u, reg.nr_segments);
		EXPECT_EQ(1024 * MiB, reg.max_segment);
		big_id = reg.id;
	}
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint64_t size = sizes[s], off;
		uint32_t bid = self->buf_id;
		uint8_t *base = self->buf;
		int n = 0, got, i, rounds;

		(void)off;

		if (size > 2 * MiB) {
			if (!big) {
				TH_LOG("no 1 GiB hugepage: %lu KiB skipped",
				       (unsigned long)(size / KiB));
				continue;
			}
			bid = big_id;
			base = big;
		}
		for (rounds = 0; rounds < 2; rounds++) {
			uint64_t total = 0;

			off = 0;
			memset(base, 0xee, 16 * MiB);
			while (off + size <= 16 * MiB) {
				int ret;

				/* Without an IOMMU a superpage stays in a hugepage. */
				if (base != big && off % (2 * MiB) + size > 2 * MiB)
					off = (off / (2 * MiB) + 1) * (2 * MiB);
				if (off + size > 16 * MiB)
					break;
				ret = roc_push1(self->chfd, bid, off, size, off);
				if (ret == -ENOSPC) {
					/* Queue full: take some back first. */
					got = roc_pop_wait(self->chfd, r, 1, 60000);
					ASSERT_EQ(1, got);
					check_sp(_metadata, self, variant, base, &r[0]);
					n--;
					continue;
				}
				ASSERT_EQ(0, ret) TH_LOG("size %lu at %lu",
							 (unsigned long)size,
							 (unsigned long)off);
				n++;
				total++;
				off += size;
			}
			got = roc_pop_wait(self->chfd, r, n, 60000);
			ASSERT_EQ(n, got) TH_LOG("size %lu: %d of %d back",
						 (unsigned long)size, got, n);
			for (i = 0; i < got; i++)
				check_sp(_metadata, self, variant, base, &r[i]);
			n = 0;
			ASSERT_LT(0u, total);
		}
		EXPECT_EQ(0, self->check.errors) TH_LOG("size %lu: %s",
			  (unsigned long)size, self->check.first_error);
	}
	EXPECT_EQ(0, roc_stop(self->chfd));
	if (big)
		munmap(big, 1024 * MiB);
}

/* Each rule of ROC_PUSH has its own errno. */
TEST_F(dma, push_rejects)
{
	struct roc_superpage sp[3];
	struct roc_channel_status st;
	uint32_t done;
	int i;

	EXPECT_EQ(-EPIPE, roc_push1(self->chfd, self->buf_id, 0, 32 * KiB, 0));
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	EXPECT_EQ(-EALREADY, roc_start(self->chfd, variant->source));

	EXPECT_EQ(-ENOENT, roc_push1(self->chfd, 31, 0, 32 * KiB, 0));
	EXPECT_EQ(-ENOENT, roc_push1(self->chfd, 1000, 0, 32 * KiB, 0));
	EXPECT_EQ(-EMSGSIZE, roc_push1(self->chfd, self->buf_id, 0, 0, 0));
	EXPECT_EQ(-EMSGSIZE, roc_push1(self->chfd, self->buf_id, 0, 8 * KiB, 0));
	EXPECT_EQ(-EMSGSIZE, roc_push1(self->chfd, self->buf_id, 0,
				       32 * KiB + 4096, 0));
	EXPECT_EQ(-EMSGSIZE, roc_push1(self->chfd, self->buf_id, 0, 16 * MiB, 0));
	EXPECT_EQ(-EINVAL, roc_push1(self->chfd, self->buf_id, 4, 32 * KiB, 0));
	EXPECT_EQ(-EINVAL, roc_push1(self->chfd, self->buf_id, 2048, 32 * KiB, 0));
	EXPECT_EQ(-ERANGE, roc_push1(self->chfd, self->buf_id, BUF_SIZE,
				     32 * KiB, 0));
	EXPECT_EQ(-ERANGE, roc_push1(self->chfd, self->buf_id,
				     BUF_SIZE - 16 * KiB, 32 * KiB, 0));
	EXPECT_EQ(-ERANGE, roc_push1(self->chfd, self->buf_id,
				     0xfffffffffff00000ULL, 1 * MiB, 0));
	{
		struct roc_superpage f = { .buf_id = self->buf_id, .flags = 1,
					   .size = 32 * KiB };

		EXPECT_EQ(-EINVAL, roc_push_n(self->chfd, &f, 1, NULL));
	}

	/* Overlap with one in flight; only this one is pushed. */
	memset(sp, 0, sizeof(sp));
	for (i = 0; i < 3; i++) {
		sp[i].buf_id = self->buf_id;
		sp[i].size = 512 * KiB;
	}
	sp[0].offset = 0;
	sp[1].offset = 512 * KiB;
	sp[2].offset = 768 * KiB;
	EXPECT_EQ(-EADDRINUSE, roc_push_n(self->chfd, sp, 3, &done));
	EXPECT_EQ(2u, done);
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(2u, st.pushed);

	/* Batch limits. */
	EXPECT_EQ(-EINVAL, roc_push_n(self->chfd, sp, 0, NULL));
	EXPECT_EQ(-EINVAL, roc_push_n(self->chfd, sp, ROC_BATCH_MAX + 1, NULL));
	EXPECT_EQ(-EFAULT, roc_push_n(self->chfd, (void *)8, 1, NULL));
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/*
 * A superpage must lie in one bus segment.  Map one hugepage twice, side by
 * side: the buffer is then surely two segments, split at 2 MiB.
 */
TEST_F(dma, segments)
{
	struct roc_buffer_reg reg;
	uint8_t *p;
	int fd;

	fd = memfd_create("roc-seg", MFD_HUGETLB | ROC_HUGE_2MB);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 2 * MiB));
	p = mmap(NULL, 4 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	/* hugetlb mappings want 2 MiB-aligned addresses */
	p = (uint8_t *)(((uintptr_t)p + 2 * MiB - 1) & ~(2 * MiB - 1));
	munmap(p, 2 * MiB);
	p = mmap(NULL, 6 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	p = (uint8_t *)(((uintptr_t)p + 2 * MiB - 1) & ~(2 * MiB - 1));
	ASSERT_EQ(p, mmap(p, 2 * MiB, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_FIXED | MAP_POPULATE, fd, 0));
	ASSERT_EQ(p + 2 * MiB, mmap(p + 2 * MiB, 2 * MiB,
				    PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_FIXED | MAP_POPULATE, fd, 0));
	close(fd);

	ASSERT_EQ(0, roc_buf_reg(self->chfd, p, 4 * MiB, &reg));
	EXPECT_EQ(2u, reg.nr_segments);
	EXPECT_EQ(2 * MiB, reg.max_segment);
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	EXPECT_EQ(-EXDEV, roc_push1(self->chfd, reg.id, 2 * MiB - 32 * KiB,
				    64 * KiB, 0));
	EXPECT_EQ(-EXDEV, roc_push1(self->chfd, reg.id, 0, 4 * MiB - 32 * KiB,
				    0));
	EXPECT_EQ(0, roc_push1(self->chfd, reg.id, 0, 2 * MiB, 1));
	EXPECT_EQ(0, roc_push1(self->chfd, reg.id, 2 * MiB, 2 * MiB, 2));
	/* In flight: the buffer cannot go. */
	EXPECT_EQ(-EBUSY, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(0, roc_stop(self->chfd));
	{
		struct roc_ready r[4];

		EXPECT_EQ(2, roc_pop_wait(self->chfd, r, 2, 0));
	}
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	munmap(p, 4 * MiB);
}

/* 4 KiB pages: fine to register; superpages only where pages are in a row. */
TEST_F(dma, pages_4k)
{
	size_t size = 4 * MiB;
	struct roc_buffer_reg reg;
	uint8_t *p;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, madvise(p, size, MADV_NOHUGEPAGE));
	memset(p, 1, size);
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p, size, &reg));
	EXPECT_LE(1u, reg.nr_segments);
	EXPECT_LE(4096u, reg.max_segment);
	TH_LOG("4 MiB of 4 KiB pages: %u segments, largest %llu KiB",
	       reg.nr_segments, (unsigned long long)reg.max_segment / 1024);
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	munmap(p, size);
}

TEST_F(dma, buffer_registration)
{
	struct roc_buffer_reg reg;
	long lck0 = roc_vmlck_kib();
	uint8_t *p = self->buf;
	uint32_t ids[ROC_MAX_BUFFERS];
	int i, n = 0;

	/* The fixture's buffer is charged. */
	EXPECT_LE(BUF_SIZE / 1024, (unsigned long)lck0);
	EXPECT_EQ(0, roc_buf_reg(self->chfd, p, 2 * MiB, &reg));
	EXPECT_LE(1u, reg.nr_segments);
	EXPECT_EQ(2 * MiB, reg.max_segment);
	EXPECT_EQ(lck0 + 2048, roc_vmlck_kib());
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(lck0, roc_vmlck_kib());
	EXPECT_EQ(-ENOENT, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(-ENOENT, roc_buf_unreg(self->chfd, 999));

	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p + 1, 4096, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p, 100, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p, 0, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, (void *)-4096L, 8192, &reg));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, (void *)4096, 4096, &reg));
	/* Read-only memory cannot take DMA. */
	{
		void *ro = mmap(NULL, 4096, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, ro, 4096, &reg));
		munmap(ro, 4096);
	}

	/* Several buffers, up to the limit. */
	for (i = 0; i < ROC_MAX_BUFFERS; i++) {
		int r = roc_buf_reg(self->chfd, p + (i % 16) * 2 * MiB,
				    2 * MiB, &reg);

		if (r == -ENOSPC)
			break;
		ASSERT_EQ(0, r);
		ids[n++] = reg.id;
	}
	EXPECT_EQ(ROC_MAX_BUFFERS - 1, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, roc_buf_unreg(self->chfd, ids[i]));
	EXPECT_EQ(lck0, roc_vmlck_kib());
}

/* RLIMIT_MEMLOCK holds for a process without CAP_IPC_LOCK. */
TEST_F(dma, memlock_limit)
{
	int status;
	pid_t pid;

	close(self->chfd);
	self->chfd = -1;
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct rlimit rl = { 4 * MiB, 4 * MiB };
		struct roc_buffer_reg reg;
		int fd;

		if (setrlimit(RLIMIT_MEMLOCK, &rl)) {
			perror("setrlimit");
			exit(1);
		}
		if (setgid(65534) || setuid(65534))
			exit(2);
		fd = roc_channel_open_fd(self->devfd, variant->channel);
		if (fd < 0)
			exit(3);
		if (roc_buf_reg(fd, self->buf, 8 * MiB, &reg) != -ENOMEM)
			exit(4);
		if (roc_buf_reg(fd, self->buf, 2 * MiB, &reg))
			exit(5);
		if (roc_vmlck_kib() != 2048)
			exit(6);
		if (roc_buf_reg(fd, self->buf + 2 * MiB, 4 * MiB, &reg) != -ENOMEM)
			exit(7);
		exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("step %d", WEXITSTATUS(status));
	/* The buffers of a channel belong to the process that made them. */
	self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
	ASSERT_LE(0, self->chfd);
	{
		struct roc_buffer_reg reg;

		ASSERT_EQ(0, roc_buf_reg(self->chfd, self->buf, 2 * MiB, &reg));
	}
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct roc_buffer_reg reg;

		exit(roc_buf_reg(self->chfd, self->buf, 2 * MiB, &reg) ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* One holder per channel; the query names it; closing frees it. */
TEST_F(dma, ownership)
{
	struct roc_channel_query q = { .argsz = sizeof(q),
				       .channel = variant->channel };
	int fd2;

	EXPECT_EQ(-EBUSY, roc_channel_open_fd(self->devfd, variant->channel));
	ASSERT_EQ(0, ioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
	EXPECT_EQ(getpid(), q.pid);
	EXPECT_EQ(ROC_CHANNEL_STOPPED, q.state);
	EXPECT_STREQ("dma_test", q.comm);
	EXPECT_EQ(-EINVAL, roc_channel_open_fd(self->devfd, 6));

	close(self->chfd);
	self->chfd = -1;
	memset(&q, 0, sizeof(q));
	q.argsz = sizeof(q);
	q.channel = variant->channel;
	ASSERT_EQ(0, ioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
	EXPECT_EQ(ROC_CHANNEL_FREE, q.state);
	EXPECT_EQ(0, q.pid);

	fd2 = roc_channel_open_fd(self->devfd, variant->channel);
	EXPECT_LE(0, fd2);
	self->chfd = fd2;
	/* A read-only device fd cannot take a channel. */
	{
		char dev[32];
		int ro;

		snprintf(dev, sizeof(dev), "/dev/%s", self->name);
		ro = open(dev, O_RDONLY);
		ASSERT_LE(0, ro);
		EXPECT_EQ(-EPERM, roc_channel_open_fd(ro, variant->channel));
		close(ro);
	}
}

/* Stop returns every pushed superpage exactly once. */
TEST_F(dma, stop_returns_all)
{
	static struct roc_ready r[ROC_BATCH_MAX];
	struct roc_channel_status st;
	int pushed = 0, got, i, filled = 0;
	char seen[64] = { 0 };

	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	for (i = 0; i < 64; i++) {
		int ret = roc_push1(self->chfd, self->buf_id, i * MiB, MiB, i);

		if (ret == -ENOSPC)
			break;
		ASSERT_EQ(0, ret);
		pushed++;
	}
	ASSERT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0, roc_stop(self->chfd));	/* stopping twice is fine */
	got = roc_pop_wait(self->chfd, r, pushed + 1, 0);
	EXPECT_EQ(pushed, got);
	for (i = 0; i < got; i++) {
		ASSERT_GT(64u, r[i].cookie);
		EXPECT_EQ(0, seen[r[i].cookie]) TH_LOG("cookie %llu twice",
			  (unsigned long long)r[i].cookie);
		seen[r[i].cookie] = 1;
		if (r[i].flags & ROC_READY_DONE) {
			filled++;
			if (r[i].flags & ROC_READY_PARTIAL) {
				EXPECT_GT(r[i].size, r[i].received);
			} else {
				EXPECT_EQ(r[i].size, r[i].received);
			}
		} else {
			EXPECT_EQ(0u, r[i].flags);
			EXPECT_EQ(0u, r[i].received);
		}
	}
	TH_LOG("%d pushed, %d filled before the stop", pushed, filled);
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(ROC_CHANNEL_STOPPED, st.state);
	EXPECT_EQ(0u, st.transfer_queued);
	EXPECT_EQ(0u, st.ready_count);
	/* A restart works and the buffer is free to unregister. */
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	EXPECT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, self->buf_id));
}

/* poll() sleeps while nothing is pushed and wakes when data is there. */
TEST_F(dma, poll_wakes)
{
	struct pollfd pfd = { .fd = self->chfd, .events = POLLIN };
	struct roc_ready r;

	EXPECT_EQ(0, poll(&pfd, 1, 50));
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	EXPECT_EQ(0, poll(&pfd, 1, 50));
	pfd.events = POLLOUT;
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	pfd.events = POLLIN;
	ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, 0, 64 * KiB, 7));
	EXPECT_EQ(1, poll(&pfd, 1, 30000));
	EXPECT_TRUE(pfd.revents & POLLIN);
	EXPECT_EQ(1, roc_pop_n(self->chfd, &r, 1));
	EXPECT_EQ(7u, r.cookie);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

static void stream_until_killed(int chfd, uint32_t buf_id)
{
	static struct roc_ready r[ROC_BATCH_MAX];
	uint64_t off = 0;

	if (roc_start(chfd, ROC_SOURCE_INTERNAL))
		exit(1);
	for (;;) {
		int n = roc_pop_n(chfd, r, ROC_BATCH_MAX);

		if (n < 0)
			exit(2);
		while (!roc_push1(chfd, buf_id, off, MiB, off))
			off = (off + MiB) % BUF_SIZE;
	}
}

/*
 * kill -9 while DMA runs, 100 times: the channel is free at once and every
 * pin and locked page is given back.
 */
TEST_F_TIMEOUT(dma, crash_100, 900)
{
	long acq0, rel0;
	int i, status;

	/* Only the children's pins count: drop the fixture's. */
	ASSERT_EQ(0, roc_buf_unreg(self->chfd, self->buf_id));
	close(self->chfd);
	self->chfd = -1;
	acq0 = roc_vmstat("nr_foll_pin_acquired");
	rel0 = roc_vmstat("nr_foll_pin_released");
	ASSERT_LE(0, acq0);

	srand(getpid());
	for (i = 0; i < 100; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			struct roc_buffer_reg reg;
			int fd = roc_channel_open_fd(self->devfd,
						     variant->channel);

			if (fd < 0 || roc_buf_reg(fd, self->buf, BUF_SIZE, &reg))
				exit(3);
			stream_until_killed(fd, reg.id);
		}
		usleep(rand() % 300000);
		kill(pid, SIGKILL);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFSIGNALED(status)) TH_LOG("round %d: child exit %d",
						       i, WEXITSTATUS(status));
		self->chfd = roc_channel_open_fd(self->devfd, variant->channel);
		ASSERT_LE(0, self->chfd) TH_LOG("round %d: %s", i,
						strerror(-self->chfd));
		close(self->chfd);
		self->chfd = -1;
	}
	EXPECT_EQ(roc_vmstat("nr_foll_pin_acquired") - acq0,
		  roc_vmstat("nr_foll_pin_released") - rel0);
	EXPECT_EQ(0, roc_vmlck_kib());
}

/* Remove the card while DMA runs: errors, POLLHUP, nothing left pinned. */
TEST_F_TIMEOUT(dma, removal_during_dma, 300)
{
	struct pollfd pfd = { .fd = self->chfd, .events = POLLIN };
	static struct roc_ready r[ROC_BATCH_MAX];
	long acq, rel;
	uint64_t off;
	int n;

	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	for (off = 0; off < 32 * MiB; off += MiB)
		ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, off, MiB, off));
	usleep(100000);
	ASSERT_EQ(0, roc_sim_del(self->id));

	EXPECT_EQ(1, poll(&pfd, 1, 1000));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	n = roc_pop_n(self->chfd, r, ROC_BATCH_MAX);
	EXPECT_EQ(-ENODEV, n);
	EXPECT_EQ(-ENODEV, roc_push1(self->chfd, self->buf_id, 0, MiB, 0));
	EXPECT_EQ(0, close(self->chfd));
	self->chfd = -1;
	acq = roc_vmstat("nr_foll_pin_acquired");
	rel = roc_vmstat("nr_foll_pin_released");
	EXPECT_EQ(acq, rel);
	EXPECT_EQ(0, roc_vmlck_kib());
}

/*
 * Backpressure: at a set line rate and without descriptors, the card drops
 * and counts packets; what it does deliver stays intact.
 */
TEST_F_TIMEOUT(dma, backpressure, 300)
{
	static struct roc_ready r[64];
	struct roc_channel_status st;
	char buf[32];
	int i, got;

	if (!is_cru(variant))
		SKIP(return, "the C-RORC reports no dropped packets (4.2)");
	ASSERT_EQ(0, roc_sim_knob(self->id, "rate_mbps", "20000"));
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, i * MiB, MiB, i));
	got = roc_pop_wait(self->chfd, r, 4, 60000);
	ASSERT_EQ(4, got);
	usleep(300000);		/* starve the card */
	ASSERT_EQ(0, roc_attr(self->name, "dropped_packets", buf, sizeof(buf)));
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_LT(0u, st.dropped_packets);
	EXPECT_LT(0u, st.fifo_empty);
	/* Still counting: sysfs read first can only be lower. */
	EXPECT_LE(strtoull(buf, NULL, 10), st.dropped_packets);
	for (i = 0; i < got; i++)
		check_sp(_metadata, self, variant, self->buf, &r[i]);
	EXPECT_EQ(0, self->check.errors) TH_LOG("%s", self->check.first_error);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* One error injected through BAR0 0x608 shows up as one bad word. */
TEST_F(dma, error_injection)
{
	static struct roc_ready r[8];
	int i, got;

	if (!is_cru(variant) || variant->source != ROC_SOURCE_INTERNAL)
		SKIP(return, "BAR0 0x608 injects into the CRU internal generator");
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	ASSERT_EQ(0, roc_reg_write(self->devfd, 0, 0x608, 1));
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, i * MiB, MiB, i));
	got = roc_pop_wait(self->chfd, r, 8, 60000);
	ASSERT_EQ(8, got);
	for (i = 0; i < got; i++)
		check_sp(_metadata, self, variant, self->buf, &r[i]);
	EXPECT_EQ(1, self->check.errors) TH_LOG("%s", self->check.first_error);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* No-data mode completes superpages without touching memory. */
TEST_F(dma, no_data_mode)
{
	static struct roc_ready r[4];
	int i;

	ASSERT_EQ(0, roc_sim_knob(self->id, "no_data", "1"));
	ASSERT_EQ(0, roc_start(self->chfd, variant->source));
	memset(self->buf, 0x5a, 4 * MiB);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, roc_push1(self->chfd, self->buf_id, i * MiB, MiB, i));
	ASSERT_EQ(4, roc_pop_wait(self->chfd, r, 4, 60000));
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(ROC_READY_DONE, r[i].flags);
		EXPECT_EQ(MiB, r[i].received);
	}
	for (i = 0; i < (int)(4 * MiB); i += 4096)
		ASSERT_EQ(0x5a, self->buf[i]);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* Four endpoints stream at once (two CRUs), each checked byte for byte. */
TEST(scale_4_endpoints)
{
	unsigned int base = roc_sim_pick_id() + 400;
	pid_t pids[4];
	int i, status, bad = 0;

	ASSERT_EQ(0, roc_sim_new(base, "cru", 501));
	ASSERT_EQ(0, roc_sim_new(base + 1, "cru", 502));
	for (i = 0; i < 4; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0) {
			static struct roc_ready r[ROC_BATCH_MAX];
			struct roc_buffer_reg reg;
			struct roc_check c = { 0 };
			char name[16], dev[32];
			uint8_t *buf;
			uint64_t off = 0;
			int fd, ch, n, k, total = 0;

			if (roc_sim_endpoint(base + i / 2, i % 2, name, sizeof(name)))
				exit(1);
			snprintf(dev, sizeof(dev), "/dev/%s", name);
			fd = open(dev, O_RDWR);
			ch = roc_channel_open_fd(fd, 0);
			buf = roc_huge_alloc(32 * MiB, ROC_HUGE_2MB);
			if (fd < 0 || ch < 0 || !buf ||
			    roc_buf_reg(ch, buf, 32 * MiB, &reg) ||
			    roc_start(ch, ROC_SOURCE_INTERNAL))
				exit(2);
			while (total < 256) {
				while (!roc_push1(ch, reg.id, off, MiB, off))
					off = (off + MiB) % (32 * MiB);
				n = roc_pop_wait(ch, r, 1, 10000);
				if (n <= 0)
					exit(3);
				for (k = 0; k < n; k++) {
					if (r[k].received != MiB)
						exit(4);
					if (c.errors == 0 && getenv("ROC_DEBUG"))
						fprintf(stderr, "ep%d sp link %u off %llu first word 0x%x expect 0x%x\n",
							i, r[k].link, (unsigned long long)r[k].offset,
							*(uint32_t *)(buf + r[k].offset), c.counter[r[k].link]);
					roc_check_cru_internal(&c, r[k].link,
						(const uint32_t *)(buf + r[k].offset),
						r[k].received);
				}
				total += n;
			}
			if (c.errors)
				fprintf(stderr, "endpoint %d (%s): %ld errors in %d superpages, first: %s\n",
					i, name, c.errors, total, c.first_error);
			exit(c.errors ? 5 : 0);
		}
	}
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			TH_LOG("endpoint %d: status 0x%x", i, status);
			bad++;
		}
	}
	EXPECT_EQ(0, bad);
	roc_sim_del(base);
	roc_sim_del(base + 1);
}

TEST_HARNESS_MAIN
