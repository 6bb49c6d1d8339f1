// SPDX-License-Identifier: GPL-2.0
/*
 * pci_test - roc on a real (QEMU-emulated) PCI function behind an IOMMU.
 *
 * Needs a q35 guest with an Intel IOMMU in strict mode and QEMU's edu
 * device, as vm/check.sh boots it:
 *
 *   vm/run.sh -i -a iommu.strict=1 -q "-device edu" -- \
 *	selftests/run.sh KMODDIR build/selftests/pci_test
 *
 * Without an edu device every test skips.  The test module roc_edu.ko
 * (selftests/kmod/roc_edu.c, next to roc.ko's folder: KMODDIR/../kmod) is
 * the card backend; edu is bound to roc with driver_override.
 *
 * Shown: an ID without a backend is refused; probe, remove and rebind with
 * users present; BAR mmap on a real BAR; the DMA mask (28 bits) and the
 * IOMMU domain; device DMA to the bus addresses roc computes lands exactly
 * in the user's pages (4 KiB pages and a 2 MiB hugepage), nowhere else;
 * after the buffer is unregistered its old bus address faults in the IOMMU
 * (a DMAR fault in the kernel log) and the pages stay unchanged.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define KiB		1024UL
#define MiB		(1024 * KiB)
#define PCI_DEVS	"/sys/bus/pci/devices"
#define EDU_DBG		"/sys/kernel/debug/roc_edu"
#define EDU_IDENT	0x010000edu
#define EDU_ALIVE	0x04
#define EDU_DMA_BITS	28
#define SP		(32 * KiB)
#define XFER		2048	/* bytes per edu transfer, roc_edu.c */
#define CANARY		0x5a
#define PATTERN(i)	(0xed000000u | (i))	/* roc_edu.c ROC_EDU_PATTERN */

static char edu_bdf[256];

/* Bus address of the edu function, or -ENOENT. */
static int edu_find(void)
{
	char path[300], v[16], d[16];
	struct dirent *de;
	int ret = -ENOENT;
	DIR *dir;

	if (edu_bdf[0])
		return 0;
	dir = opendir(PCI_DEVS);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), PCI_DEVS "/%s/vendor", de->d_name);
		if (roc_read_file(path, v, sizeof(v)))
			continue;
		snprintf(path, sizeof(path), PCI_DEVS "/%s/device", de->d_name);
		if (roc_read_file(path, d, sizeof(d)))
			continue;
		if (!strcmp(v, "0x1234") && !strcmp(d, "0x11e8")) {
			snprintf(edu_bdf, sizeof(edu_bdf), "%s", de->d_name);
			ret = 0;
			break;
		}
	}
	closedir(dir);
	return ret;
}

static int edu_attr(const char *attr, char *buf, size_t len)
{
	char path[300];

	snprintf(path, sizeof(path), PCI_DEVS "/%s/%s", edu_bdf, attr);
	return roc_read_file(path, buf, len);
}

/* Name of the driver bound to edu, "" if none. */
static void edu_driver(char *buf, size_t len)
{
	char path[300], link[300];
	ssize_t n;

	snprintf(path, sizeof(path), PCI_DEVS "/%s/driver", edu_bdf);
	n = readlink(path, link, sizeof(link) - 1);
	buf[0] = 0;
	if (n > 0) {
		link[n] = 0;
		snprintf(buf, len, "%s", strrchr(link, '/') + 1);
	}
}

static int edu_bind(void)
{
	char path[300];
	int ret;

	snprintf(path, sizeof(path), PCI_DEVS "/%s/driver_override", edu_bdf);
	ret = roc_write_file(path, "roc");
	if (!ret)
		ret = roc_write_file("/sys/bus/pci/drivers_probe", edu_bdf);
	return ret;
}

static int edu_unbind(void)
{
	return roc_write_file("/sys/bus/pci/drivers/roc/unbind", edu_bdf);
}

static int module_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

static int module_refcnt(const char *name)
{
	char path[128], buf[16];

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	return roc_read_file(path, buf, sizeof(buf)) ? -1 : atoi(buf);
}

/* Load roc_edu.ko from beside roc.ko ($ROC_KO, set by run.sh). */
static int edu_module_load(void)
{
	const char *ko = getenv("ROC_KO");
	char path[512];
	int fd, ret;

	if (module_loaded("roc_edu"))
		return 0;
	if (!ko)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s", ko);
	*strrchr(path, '/') = 0;
	snprintf(path + strlen(path), sizeof(path) - strlen(path),
		 "/../kmod/roc_edu.ko");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

static int edu_module_unload(void)
{
	return syscall(SYS_delete_module, "roc_edu", O_NONBLOCK) ? -errno : 0;
}

/* Bound and with its /dev/rocN: name into @name. */
static int edu_ready(char *name, size_t len)
{
	char drv[64];
	int ret;

	ret = edu_module_load();
	if (ret)
		return ret;
	edu_driver(drv, sizeof(drv));
	if (strcmp(drv, "roc")) {
		ret = edu_bind();
		if (ret)
			return ret;
	}
	return roc_find_by_address(edu_bdf, name, len);
}

static int edu_open(const char *name, int flags)
{
	char dev[64];

	snprintf(dev, sizeof(dev), "/dev/%s", name);
	return open(dev, flags);
}

static int edu_dbg_read(const char *knob, uint64_t *val)
{
	char path[300], buf[64];
	int ret;

	snprintf(path, sizeof(path), EDU_DBG "/%s/%s", edu_bdf, knob);
	ret = roc_read_file(path, buf, sizeof(buf));
	if (!ret)
		*val = strtoull(buf, NULL, 0);
	return ret;
}

/* DMAR faults for writes in the kernel log, and the last fault address. */
static int dmar_write_faults(uint64_t *last_addr)
{
	int len = klogctl(10, NULL, 0), n = 0;
	char *buf, *p;

	if (len <= 0)
		return -1;
	buf = malloc(len + 1);
	if (!buf)
		return -1;
	len = klogctl(3, buf, len);
	if (len < 0) {
		free(buf);
		return -1;
	}
	buf[len] = 0;
	for (p = buf; (p = strstr(p, "DMAR: [DMA Write")); p++) {
		char *a = strstr(p, "fault addr 0x");

		n++;
		if (a && last_addr)
			*last_addr = strtoull(a + 11, NULL, 16);
	}
	free(buf);
	return n;
}

/* Physical address of the page at @p (root may read PFNs), 0 if unknown. */
static uint64_t phys_of(void *p)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, ((uintptr_t)p / 4096) * 8) != 8)
		e = 0;
	close(fd);
	if (!(e >> 63))
		return 0;
	return (e & ((1ULL << 55) - 1)) * 4096;
}

/* Every byte of @mem: pattern in the pushed ranges, @canary elsewhere. */
static long check_mem(const uint8_t *mem, size_t len, const size_t *offs,
		      int n, size_t sp, uint8_t canary)
{
	long bad = 0;
	size_t i;

	for (i = 0; i < len; i += 4) {
		uint32_t w;
		int in = 0, k;

		memcpy(&w, mem + i, 4);
		for (k = 0; k < n; k++)
			if (i >= offs[k] && i < offs[k] + sp)
				in = 1;
		if (in ? w != PATTERN((i % XFER) / 4) :
			 w != canary * 0x01010101u) {
			if (bad < 5)
				fprintf(stderr, "# at %#zx: %#010x (%s)\n", i,
					w, in ? "pattern expected" : "canary expected");
			bad++;
		}
	}
	return bad;
}

FIXTURE(edu) {
	char name[32];
	int fd;
};

FIXTURE_SETUP(edu)
{
	self->fd = -1;
	if (geteuid())
		SKIP(return, "needs root");
	if (edu_find())
		SKIP(return, "no edu device (boot with -q \"-device edu\")");
	ASSERT_EQ(0, edu_ready(self->name, sizeof(self->name)));
	self->fd = edu_open(self->name, O_RDWR);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(edu)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* An ID roc does not know fails to bind cleanly, unless a backend exists. */
TEST(unknown_id_refused)
{
	char drv[64], name[32];

	if (geteuid())
		SKIP(return, "needs root");
	if (edu_find())
		SKIP(return, "no edu device (boot with -q \"-device edu\")");
	edu_driver(drv, sizeof(drv));
	if (!strcmp(drv, "roc"))
		ASSERT_EQ(0, edu_unbind());
	if (module_loaded("roc_edu"))
		ASSERT_EQ(0, edu_module_unload());

	ASSERT_EQ(0, edu_bind());
	edu_driver(drv, sizeof(drv));
	EXPECT_STREQ("", drv);
	EXPECT_EQ(-ENOENT, roc_find_by_address(edu_bdf, name, sizeof(name)));

	ASSERT_EQ(0, edu_module_load());
	ASSERT_EQ(0, edu_bind());
	edu_driver(drv, sizeof(drv));
	EXPECT_STREQ("roc", drv);
	EXPECT_EQ(0, roc_find_by_address(edu_bdf, name, sizeof(name)));
}

TEST_F(edu, identity)
{
	struct roc_info info = { .argsz = sizeof(info) };
	struct roc_bar_info bi = { .argsz = sizeof(bi), .index = 0 };
	char buf[64];

	ASSERT_EQ(0, ioctl(self->fd, ROC_GET_INFO, &info));
	EXPECT_EQ(ROC_CARD_UNKNOWN, info.card_type);
	EXPECT_EQ(0u, info.flags & ROC_INFO_FLAG_SIMULATED);
	EXPECT_EQ(1u, info.num_bars);
	EXPECT_EQ(1u, info.num_channels);
	EXPECT_EQ(EDU_IDENT, info.fw_hash);
	EXPECT_STREQ(edu_bdf, info.address);
	ASSERT_EQ(0, roc_attr(self->name, "pci_address", buf, sizeof(buf)));
	EXPECT_STREQ(edu_bdf, buf);

	ASSERT_EQ(0, ioctl(self->fd, ROC_GET_BAR_INFO, &bi));
	EXPECT_EQ(1 * MiB, bi.size);
	ASSERT_EQ(1u, bi.num_prot);
	EXPECT_EQ(0x80u, bi.prot[0].start);
	EXPECT_EQ(0xa0u, bi.prot[0].end);
}

/* mmap of a real BAR: identification and the liveness register. */
TEST_F(edu, bar_mmap)
{
	struct roc_bar_info bi = { .argsz = sizeof(bi), .index = 0 };
	volatile uint32_t *r;
	uint32_t v, x;

	ASSERT_EQ(0, ioctl(self->fd, ROC_GET_BAR_INFO, &bi));
	r = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, self->fd,
		 bi.offset);
	ASSERT_NE(MAP_FAILED, r);
	EXPECT_EQ(EDU_IDENT, r[0]);
	for (x = 1; x < 0x80000000u; x = x * 3 + 0x1234567) {
		r[EDU_ALIVE / 4] = x;
		EXPECT_EQ(~x, r[EDU_ALIVE / 4]);
	}
	/* The same through the ioctl. */
	ASSERT_EQ(0, roc_reg_write(self->fd, 0, EDU_ALIVE, 0xcafe));
	ASSERT_EQ(0, roc_reg_read(self->fd, 0, EDU_ALIVE, &v));
	EXPECT_EQ(~0xcafeu, v);
	EXPECT_EQ(~0xcafeu, r[EDU_ALIVE / 4]);
	munmap((void *)r, 4096);

	/* The last page of the 1 MiB BAR maps; past it does not. */
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
		 bi.offset + MiB - 4096);
	EXPECT_NE(MAP_FAILED, r);
	if (r != MAP_FAILED)
		munmap((void *)r, 4096);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ, MAP_SHARED,
				   self->fd, bi.offset + MiB));
}

/* The backend's 28-bit DMA mask is set and the function has an IOMMU domain. */
TEST_F(edu, dma_mask_and_iommu)
{
	char buf[64], path[300], group[300];
	ssize_t n;

	ASSERT_EQ(0, edu_attr("dma_mask_bits", buf, sizeof(buf)));
	EXPECT_EQ(EDU_DMA_BITS, atoi(buf));
	snprintf(path, sizeof(path), PCI_DEVS "/%s/iommu_group", edu_bdf);
	n = readlink(path, group, sizeof(group) - 1);
	ASSERT_LT(0, n) TH_LOG("no iommu_group: boot with -i (intel_iommu=on)");
	group[n] = 0;
	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%s/type",
		 strrchr(group, '/') + 1);
	ASSERT_EQ(0, roc_read_file(path, buf, sizeof(buf)));
	/* DMA (strict) or DMA-FQ (lazy): translated, not identity. */
	EXPECT_EQ(0, strncmp(buf, "DMA", 3)) TH_LOG("domain type %s", buf);
	ksft_print_msg("edu %s: dma_mask_bits %d, iommu group %s, domain %s\n",
		       edu_bdf, EDU_DMA_BITS, strrchr(group, '/') + 1, buf);
}

/*
 * Register @buf (at @reg_off of the @len bytes at @mem, the rest canary),
 * push superpages at @offs, pop them, check every byte of @mem.
 */
static void dma_round(struct __test_metadata *_metadata, int fd,
		      uint8_t *mem, size_t len, size_t reg_off, size_t reg_len,
		      const size_t *offs, int n, int want_segs)
{
	struct roc_ready r[8];
	struct roc_buffer_reg reg;
	uint64_t dmas0, dmas1, last;
	size_t abs[8];
	int chfd, i, got;

	memset(mem, CANARY, len);
	chfd = roc_channel_open_fd(fd, 0);
	ASSERT_LE(0, chfd);
	ASSERT_EQ(0, roc_buf_reg(chfd, mem + reg_off, reg_len, &reg));
	if (want_segs)
		EXPECT_EQ((uint32_t)want_segs, reg.nr_segments)
			TH_LOG("IOMMU should map the buffer as one bus range");
	ASSERT_EQ(0, roc_start(chfd, ROC_SOURCE_INTERNAL));
	ASSERT_EQ(0, edu_dbg_read("dmas", &dmas0));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, roc_push1(chfd, reg.id, offs[i], SP, 100 + i));
		abs[i] = reg_off + offs[i];
	}
	got = roc_pop_wait(chfd, r, n, 30000);
	ASSERT_EQ(n, got);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(100u + i, r[i].cookie);
		EXPECT_EQ(offs[i], r[i].offset);
		EXPECT_EQ(SP, r[i].received);
		EXPECT_EQ(ROC_READY_DONE, r[i].flags);
	}
	ASSERT_EQ(0, edu_dbg_read("dmas", &dmas1));
	EXPECT_EQ(n * SP / XFER, dmas1 - dmas0);
	ASSERT_EQ(0, edu_dbg_read("last_dma", &last));
	EXPECT_GT(1ULL << EDU_DMA_BITS, last + SP)
		TH_LOG("bus address %#llx above the DMA mask",
		       (unsigned long long)last);
	EXPECT_EQ(0, check_mem(mem, len, abs, n, SP, CANARY));
	ksft_print_msg("%d superpages, %llu DMAs of 2 KiB verified; last bus address %#llx\n",
		       n, (unsigned long long)(dmas1 - dmas0),
		       (unsigned long long)last);
	EXPECT_EQ(0, roc_stop(chfd));
	close(chfd);
}

/*
 * 4 KiB pages, physically scattered on purpose (pages of a pool moved into
 * the buffer even ones first, then odd ones), behind one contiguous range
 * of bus addresses below the 28-bit mask.
 */
TEST_F(edu, dma_4k_pages)
{
	const size_t offs[] = { 0, 96 * KiB, 256 * KiB - SP };
	size_t len = 512 * KiB, i, npages = 64;
	uint64_t above = 0, scattered = 0, prev = 0;
	uint8_t *mem, *pool;

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	pool = mmap(NULL, npages * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, pool);
	ASSERT_EQ(0, madvise(pool, npages * 4096, MADV_NOHUGEPAGE));
	memset(pool, 1, npages * 4096);
	for (i = 0; i < npages; i++) {
		size_t to = i % 2 ? npages / 2 + i / 2 : i / 2;

		ASSERT_NE(MAP_FAILED, mremap(pool + i * 4096, 4096, 4096,
					     MREMAP_MAYMOVE | MREMAP_FIXED,
					     mem + 64 * KiB + to * 4096));
	}
	memset(mem, CANARY, len);
	for (i = 64 * KiB; i < 320 * KiB; i += 4096) {
		uint64_t pa = phys_of(mem + i);

		ASSERT_NE(0, pa);
		above += pa >= (1ULL << EDU_DMA_BITS);
		scattered += prev && pa != prev + 4096;
		prev = pa;
	}
	EXPECT_LT(0, scattered);
	ksft_print_msg("buffer: %llu of 64 pages above the %d-bit mask, %llu physical discontiguities\n",
		       (unsigned long long)above, EDU_DMA_BITS,
		       (unsigned long long)scattered);
	dma_round(_metadata, self->fd, mem, len, 64 * KiB, 256 * KiB, offs, 3, 1);
	munmap(mem, len);
}

TEST_F(edu, dma_hugepage_2m)
{
	const size_t offs[] = { 0, 1 * MiB + 64 * KiB, 2 * MiB - SP };
	uint8_t *mem = roc_huge_alloc(2 * MiB, ROC_HUGE_2MB);

	if (!mem)
		SKIP(return, "no 2 MiB hugepage");
	dma_round(_metadata, self->fd, mem, 2 * MiB, 0, 2 * MiB, offs, 3, 1);
	munmap(mem, 2 * MiB);
}

/*
 * After unregistration the buffer's old bus address is gone from the IOMMU:
 * the device's DMA there faults and the pages keep what they had.
 */
TEST_F(edu, stale_address_faults)
{
	size_t len = 256 * KiB, reg_off = 64 * KiB, i;
	uint64_t last, fault_addr = 0;
	struct roc_buffer_reg reg;
	struct roc_ready r;
	int chfd, f0, f1;
	uint8_t *mem;

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	memset(mem, CANARY, len);
	chfd = roc_channel_open_fd(self->fd, 0);
	ASSERT_LE(0, chfd);
	ASSERT_EQ(0, roc_buf_reg(chfd, mem + reg_off, 128 * KiB, &reg));
	ASSERT_EQ(0, roc_start(chfd, ROC_SOURCE_INTERNAL));
	ASSERT_EQ(0, roc_push1(chfd, reg.id, 0, SP, 1));
	ASSERT_EQ(1, roc_pop_wait(chfd, &r, 1, 30000));
	EXPECT_EQ(ROC_READY_DONE, r.flags);
	ASSERT_EQ(0, edu_dbg_read("last_dma", &last));
	ASSERT_EQ(0, roc_stop(chfd));
	ASSERT_EQ(0, roc_buf_unreg(chfd, reg.id));

	/* The user's memory is theirs again: mark it. */
	memset(mem, 0x3c, len);
	f0 = dmar_write_faults(NULL);
	ASSERT_LE(0, f0);
	{
		char path[300];

		snprintf(path, sizeof(path), EDU_DBG "/%s/fire_stale", edu_bdf);
		ASSERT_EQ(0, roc_write_file(path, "1"));
	}
	usleep(300 * 1000);	/* the fault is reported by an interrupt */
	f1 = dmar_write_faults(&fault_addr);
	EXPECT_LT(f0, f1) TH_LOG("no DMAR fault for the stale address %#llx",
				 (unsigned long long)last);
	EXPECT_EQ(last & ~4095ULL, fault_addr & ~4095ULL);
	for (i = 0; i < len; i++)
		if (mem[i] != 0x3c)
			break;
	EXPECT_EQ(len, i) TH_LOG("byte %zu changed to %#x", i, mem[i]);
	ksft_print_msg("stale bus address %#llx: %d DMAR write fault(s), fault addr %#llx, memory unchanged\n",
		       (unsigned long long)last, f1 - f0,
		       (unsigned long long)fault_addr);
	close(chfd);
	munmap(mem, len);
}

static void on_sigbus(int sig)
{
	_exit(sig == SIGBUS ? 0 : 1);
}

/*
 * Unbind while a process holds the fd, a BAR mapping and a running channel
 * with a registered buffer: everything fails cleanly, the backend module
 * stays pinned until the last file is closed, rebinding works.
 */
TEST_F(edu, unbind_while_in_use)
{
	struct roc_bar_info bi = { .argsz = sizeof(bi), .index = 0 };
	struct roc_info info = { .argsz = sizeof(info) };
	struct pollfd pfd;
	struct roc_buffer_reg reg;
	volatile uint32_t *r;
	int chfd, status;
	uint8_t *mem;
	pid_t pid;

	mem = mmap(NULL, 256 * KiB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	ASSERT_EQ(0, ioctl(self->fd, ROC_GET_BAR_INFO, &bi));
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd, bi.offset);
	ASSERT_NE(MAP_FAILED, r);
	EXPECT_EQ(EDU_IDENT, r[0]);
	chfd = roc_channel_open_fd(self->fd, 0);
	ASSERT_LE(0, chfd);
	ASSERT_EQ(0, roc_buf_reg(chfd, mem, 256 * KiB, &reg));
	ASSERT_EQ(0, roc_start(chfd, ROC_SOURCE_INTERNAL));
	/* Two superpages in flight: unbind waits for the running transfer. */
	ASSERT_EQ(0, roc_push1(chfd, reg.id, 0, SP, 1));
	ASSERT_EQ(0, roc_push1(chfd, reg.id, SP, SP, 2));

	ASSERT_EQ(0, edu_unbind());
	EXPECT_EQ(-ENOENT, roc_find_by_address(edu_bdf, self->name,
					       sizeof(self->name)));
	EXPECT_EQ(-1, ioctl(self->fd, ROC_GET_INFO, &info));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-ENODEV, roc_push1(chfd, reg.id, 2 * SP, SP, 3));
	pfd = (struct pollfd){ .fd = chfd, .events = POLLIN };
	EXPECT_EQ(1, poll(&pfd, 1, 1000));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ, MAP_SHARED,
				   self->fd, bi.offset));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		signal(SIGBUS, on_sigbus);
		(void)r[0];
		_exit(2);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("old BAR mapping did not SIGBUS");

	/* Open files pin the backend: its ops may still be looked at. */
	EXPECT_EQ(-EWOULDBLOCK, edu_module_unload());
	munmap((void *)r, 4096);
	close(chfd);
	close(self->fd);
	self->fd = -1;
	EXPECT_EQ(0, module_refcnt("roc_edu"));

	ASSERT_EQ(0, edu_ready(self->name, sizeof(self->name)));
	self->fd = edu_open(self->name, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, ioctl(self->fd, ROC_GET_INFO, &info));
	EXPECT_EQ(EDU_IDENT, info.fw_hash);
	munmap(mem, 256 * KiB);
}

#define CYCLES 20

/* Probe and remove, each time with a user that opens, maps and reads. */
TEST_F(edu, probe_remove_cycles)
{
	int i, ok = 0;

	close(self->fd);
	self->fd = -1;
	for (i = 0; i < CYCLES; i++) {
		struct roc_bar_info bi = { .argsz = sizeof(bi), .index = 0 };
		volatile uint32_t *r;
		char name[32];
		int fd;

		ASSERT_EQ(0, edu_ready(name, sizeof(name))) TH_LOG("cycle %d", i);
		EXPECT_EQ(1, module_refcnt("roc_edu"));
		fd = edu_open(name, O_RDWR);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, ioctl(fd, ROC_GET_BAR_INFO, &bi))
			TH_LOG("cycle %d %s: %s", i, name, strerror(errno));
		r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, bi.offset);
		ASSERT_NE(MAP_FAILED, r);
		ok += r[0] == EDU_IDENT;
		if (i % 2) {
			/* Remove with the file and mapping still there. */
			ASSERT_EQ(0, edu_unbind());
			munmap((void *)r, 4096);
			close(fd);
		} else {
			munmap((void *)r, 4096);
			close(fd);
			ASSERT_EQ(0, edu_unbind());
		}
		EXPECT_EQ(0, module_refcnt("roc_edu"));
	}
	EXPECT_EQ(CYCLES, ok);
	ksft_print_msg("%d probe/remove cycles\n", CYCLES);

	/* Last test: the backend goes, the ID is refused again. */
	ASSERT_EQ(0, edu_module_unload());
	{
		char drv[64];

		EXPECT_EQ(0, edu_bind());
		edu_driver(drv, sizeof(drv));
		EXPECT_STREQ("", drv);
	}
}

TEST_HARNESS_MAIN
