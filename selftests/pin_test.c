// SPDX-License-Identifier: GPL-2.0
/*
 * pin_test - how ROC_BUFFER_REGISTER pins (issue 14 §3): by address in
 * small batches appended run by run, or a memfd's folios with
 * ROC_BUFFER_REG_MEMFD (6.11 and later; -EOPNOTSUPP before).
 *
 * Registration of hugetlb memfds (2 MiB, and 1 GiB when the guest has the
 * page) and of a plain shmem memfd, data DMA'd into a memfd-registered
 * buffer and checked through the caller's mapping, physically contiguous
 * runs merged into few segments, the errnos of the memfd fields, and the
 * errnos of the address path as they were (unaligned, short, overlapping,
 * a hole across a pin batch), with nothing left pinned or charged after a
 * failure.
 */
#include <fcntl.h>
#include <sys/utsname.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define MiB		(1024 * 1024UL)
#define KiB		1024UL
#define PAGE		4096UL

#ifndef F_SEAL_WRITE
#define F_ADD_SEALS	1033
#define F_SEAL_WRITE	0x0008
#endif
#ifndef MFD_ALLOW_SEALING
#define MFD_ALLOW_SEALING 0x0002U
#endif

/* Does the running kernel have memfd_pin_folios() (6.11 and later)? */
static int kernel_pins_memfd(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major > 6 || (major == 6 && minor >= 11);
}

static int memfd_reg(int chfd, int fd, uint64_t off, uint64_t size,
		     struct roc_buffer_reg *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->argsz = sizeof(*reg);
	reg->flags = ROC_BUFFER_REG_MEMFD;
	reg->memfd = fd;
	reg->memfd_offset = off;
	reg->size = size;
	return ioctl(chfd, ROC_BUFFER_REGISTER, reg) ? -errno : 0;
}

/* A memfd of @size (@mfd_flags: MFD_HUGETLB | size, or 0), or -errno. */
static int memfd_make(size_t size, unsigned int mfd_flags)
{
	int fd = memfd_create("pin-test", MFD_CLOEXEC | mfd_flags);

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size)) {
		close(fd);
		return -ENOMEM;
	}
	return fd;
}

static void *memfd_map(int fd, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

FIXTURE(pin) {
	unsigned int id;
	int devfd;
	int chfd;
	int memfd_ok;
	long vmlck0;
	struct roc_check check;
};

FIXTURE_SETUP(pin)
{
	char dev[32], name[16];

	self->id = roc_sim_pick_id();
	ASSERT_EQ(0, roc_sim_new_free(&self->id, "cru", 700, 0, name,
				      sizeof(name)));
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	self->chfd = roc_channel_open_fd(self->devfd, 0);
	ASSERT_LE(0, self->chfd);
	self->memfd_ok = kernel_pins_memfd();
	self->vmlck0 = roc_vmlck_kib();
	memset(&self->check, 0, sizeof(self->check));
}

FIXTURE_TEARDOWN(pin)
{
	if (self->chfd >= 0)
		close(self->chfd);
	close(self->devfd);
	roc_sim_del(self->id);
}

/*
 * DMA @n superpages of @sp bytes into buffer @id from its start, one at a
 * time, and check every byte through @base (the caller's mapping).
 */
static void dma_check(struct __test_metadata *_metadata, FIXTURE_DATA(pin) *self,
		      uint32_t id, const uint8_t *base, uint64_t sp, int n)
{
	struct roc_ready r;
	int i;

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, roc_push1(self->chfd, id, i * sp, sp, i));
		ASSERT_EQ(1, roc_pop_wait(self->chfd, &r, 1, 60000));
		ASSERT_EQ(ROC_READY_DONE, r.flags);
		ASSERT_EQ(sp, r.received);
		ASSERT_EQ((uint64_t)i * sp, r.offset);
		roc_check_cru_internal(&self->check, r.link,
				       (const uint32_t *)(base + r.offset),
				       r.received);
	}
	EXPECT_EQ(0, self->check.errors) TH_LOG("%s", self->check.first_error);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* 2 MiB hugetlb memfd: one pin per folio, merged segments, data. */
TEST_F(pin, memfd_hugetlb_2m)
{
	const size_t size = 8 * MiB;
	struct roc_buffer_reg reg;
	uint8_t *p;
	int fd, ret;

	fd = memfd_make(size, MFD_HUGETLB | ROC_HUGE_2MB);
	if (fd < 0)
		SKIP(return, "no 2 MiB hugepages");
	p = memfd_map(fd, size);
	ASSERT_NE(NULL, p) TH_LOG("no 2 MiB hugepages");
	memset(p, 0xee, size);

	ret = memfd_reg(self->chfd, fd, 0, size, &reg);
	if (!self->memfd_ok) {
		EXPECT_EQ(-EOPNOTSUPP, ret);
		EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
		/* libroc's fallback: the same memory by address. */
		ASSERT_EQ(0, roc_buf_reg(self->chfd, p, size, &reg));
	} else {
		ASSERT_EQ(0, ret);
	}
	EXPECT_EQ((long)(size / KiB), roc_vmlck_kib() - self->vmlck0);
	/* At most one segment per hugepage; 2048 pages of 4 KiB. */
	EXPECT_GE(4u, reg.nr_segments);
	EXPECT_LE(2 * MiB, reg.max_segment);
	dma_check(_metadata, self, reg.id, p, 1 * MiB, 8);
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	munmap(p, size);
	close(fd);
}

/* 1 GiB hugetlb memfd: one folio, one segment, data at its far end. */
TEST_F(pin, memfd_hugetlb_1g)
{
	const size_t size = 1024 * MiB;
	struct roc_buffer_reg reg;
	uint8_t *p;
	int fd, ret;

	fd = memfd_make(size, MFD_HUGETLB | ROC_HUGE_1GB);
	if (fd < 0)
		SKIP(return, "no 1 GiB hugepage size");
	p = memfd_map(fd, size);
	if (!p) {
		close(fd);
		SKIP(return, "no free 1 GiB hugepage");
	}
	ret = memfd_reg(self->chfd, fd, 0, size, &reg);
	if (!self->memfd_ok) {
		EXPECT_EQ(-EOPNOTSUPP, ret);
		munmap(p, size);
		close(fd);
		return;
	}
	ASSERT_EQ(0, ret);
	EXPECT_EQ(1u, reg.nr_segments);
	EXPECT_EQ(size, reg.max_segment);
	EXPECT_EQ((long)(size / KiB), roc_vmlck_kib() - self->vmlck0);
	/* A registration of part of the file: the last 16 MiB. */
	{
		struct roc_buffer_reg tail;

		ASSERT_EQ(0, memfd_reg(self->chfd, fd, size - 16 * MiB,
				       16 * MiB, &tail));
		EXPECT_EQ(1u, tail.nr_segments);
		EXPECT_EQ(16 * MiB, tail.max_segment);
		memset(p + size - 16 * MiB, 0xee, 16 * MiB);
		dma_check(_metadata, self, tail.id, p + size - 16 * MiB,
			  8 * MiB, 2);
		EXPECT_EQ(0, roc_buf_unreg(self->chfd, tail.id));
	}
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	munmap(p, size);
	close(fd);
}

/* A plain (shmem) memfd of 4 KiB pages, from an offset. */
TEST_F(pin, memfd_shmem)
{
	const size_t size = 4 * MiB;
	struct roc_buffer_reg reg;
	uint8_t *p;
	int fd, ret;

	fd = memfd_make(size, 0);
	ASSERT_LE(0, fd);
	p = memfd_map(fd, size);
	ASSERT_NE(NULL, p);
	memset(p, 0x5a, size);
	ret = memfd_reg(self->chfd, fd, 1 * MiB, 2 * MiB, &reg);
	if (!self->memfd_ok) {
		EXPECT_EQ(-EOPNOTSUPP, ret);
		EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	} else {
		ASSERT_EQ(0, ret);
		EXPECT_LE(1u, reg.nr_segments);
		EXPECT_GE(512u, reg.nr_segments);
		EXPECT_LE(PAGE, reg.max_segment);
		EXPECT_EQ((long)(2 * MiB / KiB), roc_vmlck_kib() - self->vmlck0);
		EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	}
	/* The pages are the file's still: what was written is there. */
	EXPECT_EQ(0x5a, p[1 * MiB]);
	EXPECT_EQ(0x5a, p[3 * MiB - 1]);
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	munmap(p, size);
	close(fd);
}

/* The errnos of the memfd fields; nothing stays charged. */
TEST_F(pin, memfd_errors)
{
	struct roc_buffer_reg reg;
	int fd, pfd[2], rofd, sealed;
	char path[64];
	void *p;

	fd = memfd_make(4 * MiB, 0);
	ASSERT_LE(0, fd);
	p = memfd_map(fd, 4 * MiB);
	ASSERT_NE(NULL, p);

	/* Field rules, the same on every kernel. */
	memset(&reg, 0, sizeof(reg));
	reg.argsz = sizeof(reg);
	reg.flags = ROC_BUFFER_REG_MEMFD;
	reg.memfd = fd;
	reg.addr = (uintptr_t)p;
	reg.size = 1 * MiB;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_BUFFER_REGISTER, &reg));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, fd, 100, 1 * MiB, &reg));
	EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, fd, 0, 1 * MiB + 100, &reg));
	EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, fd, 0, 0, &reg));
	/* Without the flag the memfd fields are zero. */
	memset(&reg, 0, sizeof(reg));
	reg.argsz = sizeof(reg);
	reg.addr = (uintptr_t)p;
	reg.size = 1 * MiB;
	reg.memfd = fd;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_BUFFER_REGISTER, &reg));
	EXPECT_EQ(EINVAL, errno);
	reg.memfd = 0;
	reg.memfd_offset = PAGE;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_BUFFER_REGISTER, &reg));
	EXPECT_EQ(EINVAL, errno);
	reg.memfd_offset = 0;
	reg.reserved2 = 1;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_BUFFER_REGISTER, &reg));
	EXPECT_EQ(EINVAL, errno);
	/* An unknown flag. */
	reg.reserved2 = 0;
	reg.flags = 2;
	EXPECT_EQ(-1, ioctl(self->chfd, ROC_BUFFER_REGISTER, &reg));
	EXPECT_EQ(EINVAL, errno);

	ASSERT_EQ(0, pipe(pfd));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rofd = open(path, O_RDONLY);
	ASSERT_LE(0, rofd);
	sealed = memfd_create("pin-sealed", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ASSERT_LE(0, sealed);
	ASSERT_EQ(0, ftruncate(sealed, 1 * MiB));
	ASSERT_EQ(0, fcntl(sealed, F_ADD_SEALS, F_SEAL_WRITE));

	if (!self->memfd_ok) {
		EXPECT_EQ(-EOPNOTSUPP, memfd_reg(self->chfd, fd, 0, 1 * MiB, &reg));
		EXPECT_EQ(-EOPNOTSUPP, memfd_reg(self->chfd, 9999, 0, 1 * MiB, &reg));
	} else {
		EXPECT_EQ(-EBADF, memfd_reg(self->chfd, 9999, 0, 1 * MiB, &reg));
		EXPECT_EQ(-EBADF, memfd_reg(self->chfd, -1, 0, 1 * MiB, &reg));
		EXPECT_EQ(-EBADF, memfd_reg(self->chfd, rofd, 0, 1 * MiB, &reg));
		EXPECT_EQ(-EBADF, memfd_reg(self->chfd, pfd[0], 0, 1 * MiB, &reg));
		EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, pfd[1], 0, 1 * MiB, &reg));
		EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, self->devfd, 0, 1 * MiB,
					     &reg));
		/* Beyond the file's end. */
		EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, fd, 3 * MiB, 2 * MiB, &reg));
		EXPECT_EQ(-EINVAL, memfd_reg(self->chfd, fd, 0, 8 * MiB, &reg));
		EXPECT_EQ(-EPERM, memfd_reg(self->chfd, sealed, 0, 1 * MiB, &reg));
	}
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	close(sealed);
	close(rofd);
	close(pfd[0]);
	close(pfd[1]);
	munmap(p, 4 * MiB);
	close(fd);
}

/*
 * The address path keeps its errnos: unaligned, short (a hole), a hole
 * after the first pin batch (the unwinding of a partly built table), and
 * overlapping registrations, which are allowed as before.
 */
TEST_F(pin, address_errors)
{
	const size_t n = 1100;	/* pages: more than two batches of 512 */
	struct roc_buffer_reg reg, reg2;
	uint8_t *p;

	p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, madvise(p, n * PAGE, MADV_NOHUGEPAGE));

	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p + 100, PAGE, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p, 100, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, p, 0, &reg));
	EXPECT_EQ(-EINVAL, roc_buf_reg(self->chfd, (void *)-PAGE, 2 * PAGE, &reg));

	/* Across batches, then overlapping the first. */
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p, n * PAGE, &reg));
	EXPECT_LE(1u, reg.nr_segments);
	EXPECT_GE(n, reg.nr_segments);
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p + 100 * PAGE, 600 * PAGE, &reg2));
	EXPECT_EQ((long)((n + 600) * PAGE / KiB), roc_vmlck_kib() - self->vmlck0);
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg2.id));
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());

	/*
	 * Pinning fails in the third batch (a shared mapping of a memfd
	 * beyond its end: the mapping is writable, its pages are not there):
	 * what the first two pinned and appended is released.
	 */
	{
		int fd = memfd_make(1030 * PAGE, 0);
		uint8_t *q;

		ASSERT_LE(0, fd);
		q = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
			 fd, 0);
		ASSERT_NE(MAP_FAILED, q);
		memset(q, 1, 1030 * PAGE);
		EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, q, n * PAGE, &reg));
		EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
		ASSERT_EQ(0, roc_buf_reg(self->chfd, q, 1030 * PAGE, &reg));
		EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
		munmap(q, n * PAGE);
		close(fd);
	}
	/* A hole: the tail unmapped. */
	ASSERT_EQ(0, munmap(p + 1030 * PAGE, (n - 1030) * PAGE));
	EXPECT_EQ(-EFAULT, roc_buf_reg(self->chfd, p, n * PAGE, &reg));
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	/* What is left registers. */
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p, 1030 * PAGE, &reg));
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	munmap(p, 1030 * PAGE);
}

/*
 * Hugepages by address: physically contiguous runs merge (at most one
 * segment per 2 MiB page, however the 512-page batches fall), and data.
 */
TEST_F(pin, address_hugetlb_merged)
{
	const size_t size = 8 * MiB;
	struct roc_buffer_reg reg;
	uint8_t *p;

	p = roc_huge_alloc(size, ROC_HUGE_2MB);
	if (!p)
		SKIP(return, "no 2 MiB hugepages");
	memset(p, 0xee, size);
	/* Starting 1 MiB in: every batch straddles two hugepages. */
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p + 1 * MiB, size - 2 * MiB, &reg));
	EXPECT_GE(4u, reg.nr_segments);
	EXPECT_LE(1 * MiB, reg.max_segment);
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	ASSERT_EQ(0, roc_buf_reg(self->chfd, p, size, &reg));
	EXPECT_GE(4u, reg.nr_segments);
	EXPECT_LE(2 * MiB, reg.max_segment);
	dma_check(_metadata, self, reg.id, p, 1 * MiB, 8);
	EXPECT_EQ(0, roc_buf_unreg(self->chfd, reg.id));
	EXPECT_EQ(self->vmlck0, roc_vmlck_kib());
	munmap(p, size);
}

TEST_HARNESS_MAIN
