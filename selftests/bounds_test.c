// SPDX-License-Identifier: GPL-2.0
/*
 * bounds_test - integer-overflow and boundary checks of every size, count,
 * index and offset field of the uapi (uapi/linux/roc.h), each against the
 * errno the header documents: argsz too small, odd or large; flags and
 * reserved bits; BAR indices and register offsets at size-4, size, 2^32-4
 * and unaligned; register batch counts 0, max, max+1, 2^32-1; mmap offsets
 * and lengths that overflow; buffer ranges that wrap past 2^64, size 0,
 * unaligned, too large, beyond RLIMIT_MEMLOCK, more than ROC_MAX_BUFFERS;
 * superpage offset + size overflow and every size rule; push and pop
 * counts; channel numbers; and the length and range of the netlink id
 * attribute.  Also that EFAULT from a call loses or leaks nothing.
 */
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <stddef.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#include <linux/roc_netlink.h>

#define KiB		1024ULL
#define MiB		(1024 * KiB)
#define PAGE		4096UL

/*
 * Memory to place an argument flush against an inaccessible page: any
 * access past @size bytes faults.  Also a read-only page.
 */
static uint8_t *guarded, *rdonly;

static void guarded_init(void)
{
	if (guarded)
		return;
	guarded = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	mprotect(guarded + 2 * PAGE, PAGE, PROT_NONE);
	rdonly = guarded + 3 * PAGE;
	mprotect(rdonly, PAGE, PROT_READ);
}

/* @size bytes of @data, ending right before the guard page. */
static void *at_end(const void *data, size_t size)
{
	uint8_t *p = guarded + 2 * PAGE - size;

	memcpy(p, data, size);
	return p;
}

static void *in_rdonly(const void *data, size_t size)
{
	mprotect(rdonly, PAGE, PROT_READ | PROT_WRITE);
	memcpy(rdonly, data, size);
	mprotect(rdonly, PAGE, PROT_READ);
	return rdonly;
}

/* ioctl returning 0 or -errno. */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

static int drop_cap(int cap)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -errno;
	d[cap / 32].effective &= ~(1U << (cap % 32));
	d[cap / 32].permitted &= ~(1U << (cap % 32));
	return syscall(SYS_capset, &h, d) ? -errno : 0;
}

FIXTURE(bounds) {
	unsigned int id;
	char name[16];
	int devfd;
	int chfd;
	struct roc_info info;
	struct roc_bar_info bars[ROC_MAX_BARS];
	uint8_t *huge;		/* 4 MiB of 2 MiB hugepages */
	uint32_t huge_id;
};

FIXTURE_VARIANT(bounds) {
	const char *type;
};

FIXTURE_VARIANT_ADD(bounds, cru) { .type = "cru" };
FIXTURE_VARIANT_ADD(bounds, crorc) { .type = "crorc" };

FIXTURE_SETUP(bounds)
{
	char dev[32];
	unsigned int i;
	int ret;

	guarded_init();
	self->id = roc_sim_pick_id() + 3;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, variant->type, 700, 0,
				      self->name, sizeof(self->name)));
	snprintf(dev, sizeof(dev), "/dev/%s", self->name);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	self->info.argsz = sizeof(self->info);
	ASSERT_EQ(0, xioctl(self->devfd, ROC_GET_INFO, &self->info));
	for (i = 0; i < self->info.num_bars; i++) {
		self->bars[i].argsz = sizeof(self->bars[i]);
		self->bars[i].index = i;
		ASSERT_EQ(0, xioctl(self->devfd, ROC_GET_BAR_INFO,
				    &self->bars[i]));
	}
	ret = roc_channel_with_buf(self->devfd, 0, 4 * MiB, &self->chfd,
				   &self->huge, &self->huge_id);
	ASSERT_EQ(0, ret) TH_LOG("channel 0 with 2 MiB hugepages: %s",
				 strerror(-ret));
}

FIXTURE_TEARDOWN(bounds)
{
	if (self->chfd >= 0)
		close(self->chfd);
	if (self->huge)
		munmap(self->huge, 4 * MiB);
	close(self->devfd);
	roc_sim_del(self->id);
}

/*
 * argsz of every structure: 0, 4, and 1 or 4 below its first version are
 * EINVAL (the first version is sizeof unless the structure grew);
 * sizeof is accepted and the kernel touches nothing past the structure (it
 * ends at a guard page); sizeof + 1 (unaligned), + 4096 and 2^32 - 1 make
 * the kernel check the tail it is told about, which is the guard page:
 * EFAULT.  Grown structures with readable tails: abi_test.
 */
TEST_F(bounds, argsz)
{
	static const uint32_t small[] = { 0, 1, 4, 7 };
	/*
	 * @extra fills the words after argsz and flags so that a call whose
	 * argsz passed fails (or succeeds) differently from EINVAL: @ok.
	 */
	struct {
		unsigned long cmd;
		int chan;	/* on the channel fd */
		size_t size;
		size_t first;	/* the first version's size, if it grew */
		uint32_t extra[4];
		int ok;
	} c[] = {
		{ .cmd = ROC_GET_INFO, .size = sizeof(struct roc_info) },
		{ .cmd = ROC_GET_BAR_INFO, .size = sizeof(struct roc_bar_info) },
		{ .cmd = ROC_CHANNEL_QUERY,
		  .size = sizeof(struct roc_channel_query) },
		/* channel 0 is the fixture's */
		{ .cmd = ROC_CHANNEL_OPEN, .size = sizeof(struct roc_channel_open),
		  .ok = -EBUSY },
		/* one op at NULL */
		{ .cmd = ROC_REG_BATCH, .size = sizeof(struct roc_reg_batch),
		  .extra = { 1 }, .ok = -EFAULT },
		/* a page at address 0 */
		{ .cmd = ROC_BUFFER_REGISTER, .chan = 1,
		  .size = sizeof(struct roc_buffer_reg),
		  .first = offsetof(struct roc_buffer_reg, reserved) + 4,
		  .extra = { 0, 0, 4096, 0 }, .ok = -EFAULT },
		{ .cmd = ROC_BUFFER_UNREGISTER, .chan = 1,
		  .size = sizeof(struct roc_buffer_unreg), .extra = { 99 },
		  .ok = -ENOENT },
		/* the channel runs */
		/* grown structures: their first version (issue 13) */
		{ .cmd = ROC_DMA_START, .chan = 1,
		  .size = offsetof(struct roc_dma_start, options),
		  .ok = -EALREADY },
		/* one entry at NULL */
		{ .cmd = ROC_PUSH, .chan = 1, .size = sizeof(struct roc_push),
		  .extra = { 1 }, .ok = -EFAULT },
		/* nothing ready: nothing written to NULL */
		{ .cmd = ROC_POP, .chan = 1, .size = sizeof(struct roc_pop),
		  .extra = { 1 } },
		{ .cmd = ROC_CHANNEL_STATUS, .chan = 1,
		  .size = sizeof(struct roc_channel_status) },
		/* last: they stop the channel */
		{ .cmd = ROC_DMA_STOP, .chan = 1,
		  .size = sizeof(struct roc_dma_stop) },
		{ .cmd = ROC_DMA_RESET, .chan = 1,
		  .size = offsetof(struct roc_dma_reset, level) },
	};
	uint8_t arg[256];
	unsigned int i, j;

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int fd = c[i].chan ? self->chfd : self->devfd;
		size_t first = c[i].first ? c[i].first : c[i].size;
		uint32_t sizes[] = { small[0], small[1], small[2], small[3],
				     first - 4, first - 1 };
		uint32_t large[] = { c[i].size + 1, c[i].size + 4096,
				     0xffffffff };

		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
			memset(arg, 0, sizeof(arg));
			memcpy(arg + 8, c[i].extra, sizeof(c[i].extra));
			*(uint32_t *)arg = sizes[j];
			EXPECT_EQ(-EINVAL, xioctl(fd, c[i].cmd,
						  at_end(arg, c[i].size)))
				TH_LOG("cmd 0x%lx argsz %u", c[i].cmd, sizes[j]);
		}
		for (j = 0; j < sizeof(large) / sizeof(large[0]); j++) {
			memset(arg, 0, sizeof(arg));
			memcpy(arg + 8, c[i].extra, sizeof(c[i].extra));
			*(uint32_t *)arg = large[j];
			EXPECT_EQ(-EFAULT, xioctl(fd, c[i].cmd,
						  at_end(arg, c[i].size)))
				TH_LOG("cmd 0x%lx argsz %u", c[i].cmd, large[j]);
		}
		{
			uint8_t *p;

			memset(arg, 0, sizeof(arg));
			memcpy(arg + 8, c[i].extra, sizeof(c[i].extra));
			*(uint32_t *)arg = c[i].size;
			p = at_end(arg, c[i].size);
			EXPECT_EQ(c[i].ok, xioctl(fd, c[i].cmd, p))
				TH_LOG("cmd 0x%lx argsz %zu", c[i].cmd, c[i].size);
			/* What comes back says how much the kernel knows. */
			if (!c[i].ok)
				EXPECT_EQ(c[i].size, *(uint32_t *)p)
					TH_LOG("cmd 0x%lx", c[i].cmd);
		}
	}
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* Every flag bit and every reserved word: EINVAL. */
TEST_F(bounds, flags_and_reserved)
{
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		uint32_t f = 1U << bit;
		struct roc_info in = { .argsz = sizeof(in), .flags = f };
		struct roc_bar_info bi = { .argsz = sizeof(bi), .flags = f };
		struct roc_reg_op op = { 0 };
		struct roc_reg_batch rb = { .argsz = sizeof(rb), .flags = f,
					    .count = 1, .ops = (uintptr_t)&op };
		struct roc_channel_open co = { .argsz = sizeof(co), .flags = f,
					       .channel = 1 % self->info.num_channels };
		struct roc_channel_query q = { .argsz = sizeof(q), .flags = f };
		struct roc_buffer_reg r = { .argsz = sizeof(r), .flags = f,
					    .addr = (uintptr_t)self->huge,
					    .size = PAGE };
		struct roc_buffer_unreg u = { .argsz = sizeof(u), .flags = f,
					      .id = self->huge_id };
		struct roc_dma_start s = { .argsz = sizeof(s), .flags = f };
		struct roc_superpage sp = { .buf_id = self->huge_id,
					    .size = 32 * KiB };
		struct roc_push pu = { .argsz = sizeof(pu), .flags = f,
				       .count = 1, .entries = (uintptr_t)&sp };
		struct roc_ready rd;
		struct roc_pop po = { .argsz = sizeof(po), .flags = f,
				      .max = 1, .entries = (uintptr_t)&rd };
		struct roc_channel_status cs = { .argsz = sizeof(cs), .flags = f };
		struct roc_dma_stop so = { .argsz = sizeof(so), .flags = f };
		struct roc_dma_reset rs = { .argsz = sizeof(rs), .flags = f };

		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_GET_INFO, &in));
		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_GET_BAR_INFO, &bi));
		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_REG_BATCH, &rb));
		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_CHANNEL_OPEN, &co));
		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_BUFFER_REGISTER, &r));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_BUFFER_UNREGISTER, &u));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_DMA_START, &s));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_PUSH, &pu));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_POP, &po));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_CHANNEL_STATUS, &cs));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_DMA_STOP, &so));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_DMA_RESET, &rs));
		/* Flags of a superpage (the channel is running for this). */
		sp.flags = f;
		pu.flags = 0;
		ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_PUSH, &pu));
		EXPECT_EQ(0u, pu.done);
		ASSERT_EQ(0, roc_stop(self->chfd));
	}
	/* Reserved words. */
	{
		struct roc_channel_query q = { .argsz = sizeof(q), .reserved = 1 };
		struct roc_buffer_reg r = { .argsz = sizeof(r), .reserved = 1,
					    .addr = (uintptr_t)self->huge,
					    .size = PAGE };
		struct roc_buffer_unreg u = { .argsz = sizeof(u), .reserved = 1,
					      .id = self->huge_id };
		struct roc_dma_start s = { .argsz = sizeof(s),
					   .reserved = 0x80000000 };

		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_BUFFER_REGISTER, &r));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_BUFFER_UNREGISTER, &u));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_DMA_START, &s));
	}
}

/* BAR indices of GET_BAR_INFO; register batch counts. */
TEST_F(bounds, bar_index_and_batch_count)
{
	static struct roc_reg_op ops[ROC_REG_BATCH_MAX + 1];
	static const uint32_t bad_idx[] = { ROC_MAX_BARS, 0x7fffffff,
					    0x80000000, 0xffffffff };
	struct roc_reg_batch b = { .argsz = sizeof(b) };
	unsigned int i;

	for (i = 0; i < sizeof(bad_idx) / sizeof(bad_idx[0]); i++) {
		struct roc_bar_info bi = { .argsz = sizeof(bi),
					   .index = bad_idx[i] };

		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_GET_BAR_INFO, &bi));
	}
	{
		struct roc_bar_info bi = { .argsz = sizeof(bi),
					   .index = self->info.num_bars };

		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_GET_BAR_INFO, &bi));
	}

	memset(ops, 0, sizeof(ops));
	b.ops = (uintptr_t)ops;
	b.count = 0;
	EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_REG_BATCH, &b));
	b.count = ROC_REG_BATCH_MAX + 1;
	EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_REG_BATCH, &b));
	b.count = 0xffffffff;
	EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_REG_BATCH, &b));
	/* count * sizeof(op) wraps 32 bits: still EINVAL, not a short copy. */
	b.count = 0x100000000ULL / sizeof(struct roc_reg_op) + 1;
	EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_REG_BATCH, &b));
	b.count = ROC_REG_BATCH_MAX;
	EXPECT_EQ(0, xioctl(self->devfd, ROC_REG_BATCH, &b));
	EXPECT_EQ((uint32_t)ROC_REG_BATCH_MAX, b.done);
	/* More ops claimed than the memory holds: EFAULT. */
	b.count = 2;
	b.ops = (uintptr_t)at_end(ops, sizeof(ops[0]));
	EXPECT_EQ(-EFAULT, xioctl(self->devfd, ROC_REG_BATCH, &b));
	b.ops = 0;
	EXPECT_EQ(-EFAULT, xioctl(self->devfd, ROC_REG_BATCH, &b));
	b.ops = 0xffff888000000000ULL;
	EXPECT_EQ(-EFAULT, xioctl(self->devfd, ROC_REG_BATCH, &b));
}

/* Register offsets at the end of each BAR, 2^32 - 4, unaligned. */
TEST_F(bounds, register_offsets)
{
	unsigned int bar, i, done;

	for (bar = 0; bar < self->info.num_bars; bar++) {
		uint64_t size = self->bars[bar].size;
		uint32_t v;

		if (!size) {
			EXPECT_EQ(-ENXIO, roc_reg_read(self->devfd, bar, 0, &v));
			continue;
		}
		EXPECT_EQ(0, roc_reg_read(self->devfd, bar, size - 4, &v));
		EXPECT_EQ(-ERANGE, roc_reg_read(self->devfd, bar, size, &v));
		EXPECT_EQ(-ERANGE, roc_reg_read(self->devfd, bar, size + 4, &v));
		EXPECT_EQ(-ERANGE, roc_reg_read(self->devfd, bar,
						 0xfffffffc, &v));
		EXPECT_EQ(-ERANGE, roc_reg_read(self->devfd, bar,
						 0x80000000, &v));
		for (i = 1; i < 4; i++) {
			EXPECT_EQ(-EINVAL, roc_reg_read(self->devfd, bar,
							 size - 4 + i, &v));
			EXPECT_EQ(-EINVAL, roc_reg_read(self->devfd, bar,
							 0xfffffffc + i, &v));
		}
	}
	{
		uint32_t v;

		EXPECT_EQ(-ENXIO, roc_reg_read(self->devfd, self->info.num_bars,
					       0, &v));
		EXPECT_EQ(-ENXIO, roc_reg_read(self->devfd, 0xffffffff, 0, &v));
	}
	/* Opcodes, mask, old; @done names the failing operation. */
	{
		struct roc_reg_op ops[3] = {
			{ .op = ROC_REG_READ },
			{ .op = ROC_REG_READ },
			{ .op = ROC_REG_MODIFY + 1 },
		};

		EXPECT_EQ(-EINVAL, roc_reg_ops(self->devfd, ops, 3, &done));
		EXPECT_EQ(2u, done);
		ops[2].op = 0xffffffff;
		EXPECT_EQ(-EINVAL, roc_reg_ops(self->devfd, ops, 3, &done));
		ops[2] = (struct roc_reg_op){ .op = ROC_REG_READ, .mask = 1 };
		EXPECT_EQ(-EINVAL, roc_reg_ops(self->devfd, ops, 3, &done));
		ops[2] = (struct roc_reg_op){ .op = ROC_REG_READ, .old = 1 };
		EXPECT_EQ(-EINVAL, roc_reg_ops(self->devfd, ops, 3, &done));
		EXPECT_EQ(2u, done);
		ops[1] = (struct roc_reg_op){ .op = ROC_REG_READ,
					      .offset = 0xfffffffc };
		EXPECT_EQ(-ERANGE, roc_reg_ops(self->devfd, ops, 3, &done));
		EXPECT_EQ(1u, done);
	}
}

/* mmap offsets and lengths at and beyond the ends, and overflowing. */
TEST_F(bounds, mmap_offsets)
{
	unsigned int bar;
	void *p;

	for (bar = 0; bar < self->info.num_bars; bar++) {
		uint64_t size = self->bars[bar].size;
		off_t base = ROC_BAR_OFFSET(bar);

		if (!size) {
			p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED,
				 self->devfd, base);
			EXPECT_EQ(MAP_FAILED, p);
			EXPECT_EQ(ENXIO, errno);
			continue;
		}
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + size - PAGE);
		EXPECT_NE(MAP_FAILED, p);
		if (p != MAP_FAILED) {
			EXPECT_EQ(0, *(volatile uint32_t *)p * 0);
			munmap(p, PAGE);
		}
		p = mmap(NULL, size, PROT_READ, MAP_SHARED, self->devfd, base);
		EXPECT_NE(MAP_FAILED, p);
		if (p != MAP_FAILED)
			munmap(p, size);
		/* Offset at the end, length one page too many. */
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + size);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ERANGE, errno);
		p = mmap(NULL, size + PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ERANGE, errno);
		p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + size - PAGE);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ERANGE, errno);
		/* 2^32 - 4096 into the BAR (all BARs are smaller). */
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + 0xfffff000LL);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ERANGE, errno);
		/* The last page before the next BAR's 1 TiB slot. */
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + ROC_BAR_OFFSET(1) - PAGE);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ERANGE, errno);
		/* Unaligned offset: the mmap syscall's EINVAL. */
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
			 base + 4);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(EINVAL, errno);
		/* Private mappings: EINVAL. */
		p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, self->devfd, base);
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(EINVAL, errno);
	}
	/* BAR indices beyond the endpoint's, up to the top of off_t. */
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
		 ROC_BAR_OFFSET(self->info.num_bars));
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ENXIO, errno);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
		 ROC_BAR_OFFSET(ROC_MAX_BARS));
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ENXIO, errno);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self->devfd,
		 (off_t)0x7ffffffffffff000LL);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_TRUE(errno == ENXIO || errno == EOVERFLOW) TH_LOG("%d", errno);
	/* offset + length overflows the page offset: the core's EOVERFLOW. */
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, self->devfd,
		 (off_t)0xfffffffffffff000ULL);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_TRUE(errno == EOVERFLOW || errno == EINVAL) TH_LOG("%d", errno);
	/* Length 0, and lengths no address space holds. */
	p = mmap(NULL, 0, PROT_READ, MAP_SHARED, self->devfd, 0);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	p = mmap(NULL, 1ULL << 62, PROT_READ, MAP_SHARED, self->devfd, 0);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ENOMEM, errno);
}

/* Channel numbers of OPEN and QUERY. */
TEST_F(bounds, channel_numbers)
{
	static const uint32_t bad[] = { ROC_MAX_CHANNELS, 0x7fffffff,
					0x80000000, 0xffffffff };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]) + 1; i++) {
		uint32_t ch = i ? bad[i - 1] : self->info.num_channels;
		struct roc_channel_open o = { .argsz = sizeof(o), .channel = ch };
		struct roc_channel_query q = { .argsz = sizeof(q), .channel = ch };

		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_CHANNEL_OPEN, &o));
		EXPECT_EQ(-EINVAL, xioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
	}
	{
		struct roc_channel_query q = {
			.argsz = sizeof(q),
			.channel = self->info.num_channels - 1 };

		EXPECT_EQ(0, xioctl(self->devfd, ROC_CHANNEL_QUERY, &q));
	}
}

/* Buffer ranges: size 0, unaligned, wrapping, too large, unmapped. */
TEST_F(bounds, buffer_ranges)
{
	struct roc_channel_status st;
	struct roc_buffer_reg reg;
	uint8_t *m = mmap(NULL, 64 * KiB, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *ro = mmap(NULL, 64 * KiB, PROT_READ,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *gap = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, m);
	ASSERT_NE(MAP_FAILED, ro);
	ASSERT_NE(MAP_FAILED, gap);
	munmap(gap + PAGE, PAGE);

	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, 0, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m + 1, PAGE, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m + 2048, PAGE, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, PAGE + 1, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, PAGE - 1, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, 0xfffffffffffff000ULL,
				       &reg));
	/* address + size wraps past 2^64. */
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd,
				       (void *)0xfffffffffffff000ULL, PAGE * 2,
				       &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, (void *)(uintptr_t)PAGE,
				       0xfffffffffffff000ULL, &reg));
	/* Exactly to 2^64: wraps to 0. */
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd,
				       (void *)0xfffffffffffff000ULL, PAGE,
				       &reg));
	/* Beyond the largest buffer (1 TiB). */
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, (1ULL << 40) + PAGE,
				       &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, m, 1ULL << 41, &reg));
	/*
	 * The largest size over memory that is not there: EFAULT, without
	 * a 2 GiB allocation or a warning (root has CAP_IPC_LOCK here).
	 */
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, m, 1ULL << 40, &reg));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, (void *)(1ULL << 46),
				       1ULL << 40, &reg));
	/* Kernel addresses, read-only, holes, nothing mapped. */
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd,
				       (void *)0xffff888000000000ULL, PAGE,
				       &reg));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, ro, 64 * KiB, &reg));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, gap, 3 * PAGE, &reg));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, NULL, PAGE, &reg));
	/* The pieces around the hole are fine. */
	EXPECT_EQ(0, roc_buf_reg(self->chfd, gap, PAGE, &reg));
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(0, roc_buf_reg(self->chfd, gap + 2 * PAGE, PAGE, &reg));
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));

	/* Nothing stayed registered but the fixture's buffer. */
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(1u, st.nr_buffers);
	munmap(m, 64 * KiB);
	munmap(ro, 64 * KiB);
	munmap(gap, 3 * PAGE);
}

/* ROC_MAX_BUFFERS, then ENOSPC; unregister ids at and beyond the range. */
TEST_F(bounds, buffer_count_and_ids)
{
	static const uint32_t bad_ids[] = { ROC_MAX_BUFFERS, 0x7fffffff,
					    0xffffffff };
	struct roc_buffer_reg reg;
	uint8_t *m = mmap(NULL, ROC_MAX_BUFFERS * PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t ids[ROC_MAX_BUFFERS];
	unsigned int i;

	ASSERT_NE(MAP_FAILED, m);
	for (i = 1; i < ROC_MAX_BUFFERS; i++) {
		ASSERT_EQ(0, roc_buf_reg(self->chfd, m + i * PAGE, PAGE, &reg));
		ASSERT_GT(ROC_MAX_BUFFERS, reg.id);
		ids[i] = reg.id;
	}
	EXPECT_EQ(-ENOSPC, roc_buf_reg(self->chfd, m, PAGE, &reg));
	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++)
		EXPECT_EQ(-ENOENT, roc_buf_unreg(self->chfd, bad_ids[i]));
	for (i = 1; i < ROC_MAX_BUFFERS; i++)
		EXPECT_EQ(0, roc_buf_unreg(self->chfd, ids[i]));
	EXPECT_EQ(-ENOENT, roc_buf_unreg(self->chfd, ids[1]));
	munmap(m, ROC_MAX_BUFFERS * PAGE);
}

/* RLIMIT_MEMLOCK without CAP_IPC_LOCK: the limit exactly, then ENOMEM. */
TEST_F(bounds, memlock_boundary)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct rlimit rl = { 1 * MiB, 1 * MiB };
		struct roc_buffer_reg reg;
		uint8_t *m = mmap(NULL, 2 * MiB, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int ch, fd = open("/dev/null", O_RDONLY);

		close(fd);
		close(self->chfd);
		if (m == MAP_FAILED || drop_cap(CAP_IPC_LOCK) ||
		    setrlimit(RLIMIT_MEMLOCK, &rl))
			_exit(10);
		/* Our own channel: the fixture's is charged to the parent. */
		ch = roc_channel_open_fd(self->devfd,
					 self->info.num_channels > 1 ? 1 : 0);
		if (ch == -EBUSY)
			_exit(0);	/* CRU: one channel, the parent's */
		if (ch < 0)
			_exit(11);
		if (roc_buf_reg(ch, m, 2 * MiB, &reg) != -ENOMEM)
			_exit(12);
		if (roc_buf_reg(ch, m, 1 * MiB + PAGE, &reg) != -ENOMEM)
			_exit(13);
		if (roc_buf_reg(ch, m, 1 * MiB, &reg))
			_exit(14);
		if (roc_buf_reg(ch, m + 1 * MiB, PAGE, &reg) != -ENOMEM)
			_exit(15);
		if (roc_buf_unreg(ch, reg.id))
			_exit(16);
		if (roc_buf_reg(ch, m + 1 * MiB, 1 * MiB, &reg))
			_exit(17);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Every superpage rule at its boundary, in the order the uapi lists. */
TEST_F(bounds, superpage_rules)
{
	static const struct {
		uint64_t offset, size;
		int err;
	} c[] = {
		{ 0, 0, -EMSGSIZE },
		{ 0, 1, -EMSGSIZE },
		{ 0, 32 * KiB - 1, -EMSGSIZE },
		{ 0, 32 * KiB + 1, -EMSGSIZE },
		{ 0, 48 * KiB, -EMSGSIZE },
		{ 0, 16 * MiB, -EMSGSIZE },
		{ 0, 16 * MiB + 32 * KiB, -EMSGSIZE },
		{ 0, 0xffffffff8000ULL, -EMSGSIZE },
		{ 0, 0xffffffffffff8000ULL, -EMSGSIZE },
		{ 0, 1ULL << 32, -EMSGSIZE },
		{ 0, (1ULL << 32) + 32 * KiB, -EMSGSIZE },
		{ 1, 32 * KiB, -EINVAL },
		{ 2048, 32 * KiB, -EINVAL },
		{ 0xfffffffffffff001ULL, 32 * KiB, -EINVAL },
		/* offset + size past the end, or overflowing 64 bits */
		{ 4 * MiB, 32 * KiB, -ERANGE },
		{ 4 * MiB - 28 * KiB, 32 * KiB, -ERANGE },
		{ 1ULL << 32, 32 * KiB, -ERANGE },
		{ (1ULL << 32) - 4096, 32 * KiB, -ERANGE },
		{ 0xfffffffffffff000ULL, 32 * KiB, -ERANGE },
		{ 0xffffffffffff8000ULL, 32 * KiB, -ERANGE },
		{ 0x8000000000000000ULL, 32 * KiB, -ERANGE },
		/* one bus segment: a 2 MiB hugepage each, no IOMMU here */
		{ 2 * MiB - 4096, 32 * KiB, -EXDEV },
		{ 0, 16 * MiB - 32 * KiB, -ERANGE },
		/* good ones at the edges */
		{ 4 * MiB - 32 * KiB, 32 * KiB, 0 },
		{ 0, 32 * KiB, 0 },
		{ 2 * MiB - 32 * KiB, 32 * KiB, 0 },
	};
	struct roc_channel_status st;
	struct roc_ready r[64];
	unsigned int i, pushed = 0;
	int n, got = 0;

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		/*
		 * The first entry is good and overlaps none of the cases (an
		 * overlap would answer EADDRINUSE before EXDEV when the two
		 * hugepages happen to be contiguous).
		 */
		struct roc_superpage sp[2] = {
			{ .buf_id = self->huge_id, .offset = 2 * MiB + 32 * KiB,
			  .size = 32 * KiB, .cookie = 1000 + i },
			{ .buf_id = self->huge_id, .offset = c[i].offset,
			  .size = c[i].size, .cookie = i },
		};
		uint32_t done = 99;
		int ret;

		/* Two-entry batches: @done names the failing one. */
		ret = roc_push_n(self->chfd, sp, 2, &done);
		if (c[i].err == -EXDEV && ret == 0) {
			/* The two hugepages happen to be contiguous. */
			EXPECT_EQ(2u, done);
		} else {
			EXPECT_EQ(c[i].err, ret)
				TH_LOG("offset 0x%llx size 0x%llx",
				       (unsigned long long)c[i].offset,
				       (unsigned long long)c[i].size);
			EXPECT_EQ(c[i].err ? 1u : 2u, done);
		}
		pushed += ret ? 1 : 2;
		/* Take them back before the next round. */
		ASSERT_EQ(0, roc_stop(self->chfd));
		/* Stopped: all of them are in the ready queue. */
		n = roc_pop_n(self->chfd, r, 64);
		ASSERT_LE(0, n);
		got += n;
		ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	}
	EXPECT_EQ(pushed, (unsigned int)got);
	/* Buffer ids. */
	{
		static const uint32_t bad[] = { ROC_MAX_BUFFERS, 0xffffffff,
						31 };

		for (i = 0; i < 3; i++)
			EXPECT_EQ(-ENOENT, roc_push1(self->chfd, bad[i], 0,
						     32 * KiB, 0));
	}
	/* Overlap with one in flight. */
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(0u, st.transfer_queued + st.ready_count);
	{
		/* Slow the card down so the first one stays in flight. */
		roc_sim_knob(self->id, "rate_mbps", "1");
		ASSERT_EQ(0, roc_push1(self->chfd, self->huge_id, 64 * KiB,
				       64 * KiB, 1));
		EXPECT_EQ(-EADDRINUSE, roc_push1(self->chfd, self->huge_id,
						 96 * KiB, 32 * KiB, 2));
		EXPECT_EQ(-EADDRINUSE, roc_push1(self->chfd, self->huge_id,
						 32 * KiB, 64 * KiB, 3));
		EXPECT_EQ(0, roc_push1(self->chfd, self->huge_id, 128 * KiB,
				       32 * KiB, 4));
		ASSERT_EQ(0, roc_stop(self->chfd));
		EXPECT_EQ(2, roc_pop_n(self->chfd, r, 64));
		roc_sim_knob(self->id, "rate_mbps", "0");
	}
	/* Stopped: EPIPE, nothing pushed. */
	EXPECT_EQ(-EPIPE, roc_push1(self->chfd, self->huge_id, 0, 32 * KiB, 0));
}

/* Push and pop counts and pointers; EFAULT loses nothing. */
TEST_F(bounds, push_pop_counts)
{
	static struct roc_superpage sp[ROC_BATCH_MAX + 1];
	static struct roc_ready r[ROC_BATCH_MAX + 1];
	static const uint32_t bad[] = { 0, ROC_BATCH_MAX + 1, 0x80000000,
					0xffffffff,
					0x100000000ULL / sizeof(sp[0]) + 1 };
	struct roc_channel_status st;
	struct roc_push pu = { .argsz = sizeof(pu), .entries = (uintptr_t)sp };
	struct roc_pop po = { .argsz = sizeof(po), .entries = (uintptr_t)r };
	unsigned int i;

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pu.count = bad[i];
		po.max = bad[i];
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_PUSH, &pu));
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_POP, &po));
	}
	/* A batch claiming more entries than the memory holds. */
	sp[0] = (struct roc_superpage){ .buf_id = self->huge_id,
					.size = 32 * KiB, .cookie = 7 };
	pu.count = 2;
	pu.entries = (uintptr_t)at_end(sp, sizeof(sp[0]));
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_PUSH, &pu));
	pu.entries = 0;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_PUSH, &pu));
	/* The push structure read-only: EFAULT, and nothing was pushed. */
	pu.count = 1;
	pu.entries = (uintptr_t)sp;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_PUSH, in_rdonly(&pu, sizeof(pu))));
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(0u, st.transfer_queued + st.ready_count);
	EXPECT_EQ(0u, (unsigned int)st.pushed);

	/* Now one in the ready queue; bad pop pointers must not lose it. */
	ASSERT_EQ(0, roc_push1(self->chfd, self->huge_id, 0, 32 * KiB, 42));
	ASSERT_EQ(0, roc_stop(self->chfd));
	po.max = 1;
	po.entries = 0;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_POP, &po));
	po.entries = (uintptr_t)rdonly;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_POP, &po));
	po.entries = (uintptr_t)r;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_POP, in_rdonly(&po, sizeof(po))));
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(1u, st.ready_count);
	/* Still there, exactly once; and its memory still claimed. */
	EXPECT_EQ(-EBUSY, roc_buf_unreg(self->chfd, self->huge_id));
	EXPECT_EQ(1, roc_pop_n(self->chfd, r, ROC_BATCH_MAX));
	EXPECT_EQ(42u, r[0].cookie);
	EXPECT_EQ(0, roc_pop_n(self->chfd, r, ROC_BATCH_MAX));
	/* The largest batch. */
	po.max = ROC_BATCH_MAX;
	EXPECT_EQ(0, xioctl(self->chfd, ROC_POP, &po));
	EXPECT_EQ(0u, po.count);
}

/* A read-only struct for REGISTER: EFAULT, and no buffer left pinned. */
TEST_F(bounds, register_efault_leaks_nothing)
{
	struct roc_buffer_reg reg = { .argsz = sizeof(reg) };
	struct roc_channel_status st;
	long pins = roc_vmstat("nr_foll_pin_acquired") -
		    roc_vmstat("nr_foll_pin_released");
	uint8_t *m = mmap(NULL, 64 * KiB, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	ASSERT_NE(MAP_FAILED, m);
	reg.addr = (uintptr_t)m;
	reg.size = 64 * KiB;
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_BUFFER_REGISTER,
				  in_rdonly(&reg, sizeof(reg))));
	ASSERT_EQ(0, roc_status(self->chfd, &st));
	EXPECT_EQ(1u, st.nr_buffers);
	EXPECT_EQ(pins, roc_vmstat("nr_foll_pin_acquired") -
			roc_vmstat("nr_foll_pin_released"));
	/* The output-only struct of OPEN read-only: no channel left held. */
	if (self->info.num_channels > 1) {
		struct roc_channel_open o = { .argsz = sizeof(o), .channel = 1 };
		int fd;

		EXPECT_EQ(-EFAULT, xioctl(self->devfd, ROC_CHANNEL_OPEN,
					  in_rdonly(&o, sizeof(o))));
		fd = roc_channel_open_fd(self->devfd, 1);
		EXPECT_LE(0, fd);
		if (fd >= 0)
			close(fd);
	}
	munmap(m, 64 * KiB);
}

/* DMA_START sources; unknown ioctls. */
TEST_F(bounds, sources_and_unknown_ioctls)
{
	static const uint32_t bad[] = { ROC_SOURCE_SIU + 1, 0x80000000,
					0xffffffff };
	struct roc_dma_start s = { .argsz = sizeof(s) };
	struct roc_dma_reset rs = { .argsz = sizeof(rs) };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		s.source = bad[i];
		EXPECT_EQ(-EINVAL, xioctl(self->chfd, ROC_DMA_START, &s));
	}
	if (self->info.card_type == ROC_CARD_CRORC)
		EXPECT_EQ(-EOPNOTSUPP, roc_start(self->chfd, ROC_SOURCE_DDG));
	EXPECT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	EXPECT_EQ(-EALREADY, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	EXPECT_EQ(-EBUSY, xioctl(self->chfd, ROC_DMA_RESET, &rs));
	EXPECT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0, roc_stop(self->chfd));
	EXPECT_EQ(0, xioctl(self->chfd, ROC_DMA_RESET, &rs));
	/* STOP and RESET take a structure since version 2. */
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_DMA_RESET, NULL));
	EXPECT_EQ(-EFAULT, xioctl(self->chfd, ROC_DMA_STOP, NULL));

	/* Each fd's commands are unknown to the other; sizes matter. */
	EXPECT_EQ(-ENOTTY, xioctl(self->devfd, ROC_PUSH, NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->devfd, ROC_DMA_STOP, NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->chfd, ROC_GET_INFO, NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->chfd, ROC_CHANNEL_OPEN, NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->devfd,
				  _IOWR(ROC_IOC_MAGIC, 0x00, struct roc_bar_info),
				  NULL));
	/* Version 1's numbers, which carried the size. */
	EXPECT_EQ(-ENOTTY, xioctl(self->devfd,
				  _IOWR(ROC_IOC_MAGIC, 0x00, struct roc_info),
				  NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->chfd,
				  _IOWR(ROC_IOC_MAGIC, 0x25, struct roc_push),
				  NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->chfd, _IOW(ROC_IOC_MAGIC, 0x23, int),
				  NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->devfd, _IOWR(ROC_IOC_MAGIC, 0xff, int),
				  NULL));
	EXPECT_EQ(-ENOTTY, xioctl(self->chfd, _IOWR('x', 0x25,
						    struct roc_push), NULL));
}

/* ---- netlink: the id attribute's length and range ------------------------- */

static int nl_open(uint16_t *family)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char buf[64];
	} req = { 0 };
	static char ans[8192];
	struct nlattr *a;
	struct nlmsghdr *h;
	int fd, len;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	req.n.nlmsg_type = GENL_ID_CTRL;
	req.n.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	a = (struct nlattr *)req.buf;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(ROC_FAMILY_NAME);
	memcpy(req.buf + NLA_HDRLEN, ROC_FAMILY_NAME, sizeof(ROC_FAMILY_NAME));
	req.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		return -errno;
	len = recv(fd, ans, sizeof(ans), 0);
	h = (struct nlmsghdr *)ans;
	*family = 0;
	if (len > 0 && NLMSG_OK(h, len) && h->nlmsg_type != NLMSG_ERROR) {
		char *p = (char *)NLMSG_DATA(h) + GENL_HDRLEN;
		int alen = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

		while (alen >= NLA_HDRLEN) {
			a = (struct nlattr *)p;
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				*family = *(uint16_t *)(p + NLA_HDRLEN);
			alen -= NLA_ALIGN(a->nla_len);
			p += NLA_ALIGN(a->nla_len);
		}
	}
	return *family ? fd : -ENOENT;
}

/*
 * dev-get do with one attribute of @type, @len bytes of @data (the header's
 * nla_len may lie: @nla_len); returns the error of the answer (0 for a
 * reply).
 */
static int nl_dev_get(int fd, uint16_t family, uint16_t type, const void *data,
		      uint16_t len, uint16_t nla_len)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char buf[64];
	} req = { 0 };
	static char ans[8192];
	static uint32_t seq;
	struct nlattr *a = (struct nlattr *)req.buf;
	struct nlmsghdr *h;
	int n;

	req.n.nlmsg_type = family;
	req.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.n.nlmsg_seq = ++seq;
	req.g.cmd = ROC_CMD_DEV_GET;
	req.g.version = ROC_FAMILY_VERSION;
	a->nla_type = type;
	a->nla_len = nla_len;
	memcpy(req.buf + NLA_HDRLEN, data, len);
	req.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + NLA_ALIGN(len);
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		return -1000 - errno;
	for (;;) {
		n = recv(fd, ans, sizeof(ans), 0);
		if (n < 0)
			return -1000 - errno;
		for (h = (struct nlmsghdr *)ans; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			/* a reply; its ACK follows */
		}
	}
}

TEST_F(bounds, netlink_id_attribute)
{
	uint16_t family;
	uint64_t big = 0;
	uint32_t id, v;
	int fd = nl_open(&family);

	ASSERT_LE(0, fd) TH_LOG("no netlink family %s", ROC_FAMILY_NAME);
	id = atoi(self->name + 3);
	/* The right length: answered. */
	EXPECT_EQ(0, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 4,
				NLA_HDRLEN + 4));
	/* Lengths 0, 1, 2, 3 and 8: EINVAL. */
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 0,
				      NLA_HDRLEN));
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 1,
				      NLA_HDRLEN + 1));
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 3,
				      NLA_HDRLEN + 3));
	big = id;
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &big, 8,
				      NLA_HDRLEN + 8));
	/* nla_len beyond the message, or below the header. */
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 4,
				      NLA_HDRLEN + 64));
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ID, &id, 4, 2));
	/* Values: S32_MAX is in range but nobody's, above is out of range. */
	v = 0x7fffffff;
	EXPECT_EQ(-ENODEV, nl_dev_get(fd, family, ROC_A_DEV_ID, &v, 4,
				      NLA_HDRLEN + 4));
	v = 0x80000000;
	EXPECT_EQ(-ERANGE, nl_dev_get(fd, family, ROC_A_DEV_ID, &v, 4,
				      NLA_HDRLEN + 4));
	v = 0xffffffff;
	EXPECT_EQ(-ERANGE, nl_dev_get(fd, family, ROC_A_DEV_ID, &v, 4,
				      NLA_HDRLEN + 4));
	/* No id, or only attributes the request does not take. */
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, ROC_A_DEV_ENDPOINT, &id, 4,
				      NLA_HDRLEN + 4));
	EXPECT_EQ(-EINVAL, nl_dev_get(fd, family, 0x3fff, &id, 4,
				      NLA_HDRLEN + 4));
	close(fd);
}

TEST_HARNESS_MAIN
