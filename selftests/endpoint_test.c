// SPDX-License-Identifier: GPL-2.0
/*
 * endpoint_test - /dev/rocN of simulated cards: identity, BAR info, mmap,
 * register batches and their errors, protected windows, concurrency, hot
 * removal, hwmon.  Every test runs on a CRU endpoint 0, a CRU endpoint 1 and
 * a C-RORC.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "roc_test.h"

/* docs/hardware.md offsets the tests look at. */
#define CRU_ENDPOINT_ID		0x500		/* BAR0 */
#define CRU_DESC_ADDR_HIGH0	0x204		/* BAR0, protected */
#define CRU_FW_HASH		0x04		/* BAR2 */
#define CRU_SERIAL		0x30818		/* BAR2 */
/*
 * BAR2 0xC80010 (user logic link ID) and the words after it: plain
 * storage.  Not 0xC80008 (writing 1 toggles the random event size).
 */
#define CRU_SCRATCH		0xc80010
#define CRORC_SERIAL		0x0fc
#define CRORC_FW_HASH		0x19c
#define CRORC_SP_ADDR_LOW	0x02c		/* protected */
#define CRORC_SCRATCH		0x300		/* unused by the firmware */

FIXTURE(card) {
	unsigned int id;
	char name[16];
	char dev[32];
	int fd;
};

FIXTURE_VARIANT(card) {
	const char *type;
	int ep;
	int serial;
	unsigned int num_bars;
	unsigned int channels;
	unsigned int ctrl_bar;		/* BAR with identity and scratch */
	uint32_t scratch;
	uint32_t serial_reg;
	uint32_t fw_reg;
	uint32_t prot_reg;		/* a register in a protected window */
};

FIXTURE_VARIANT_ADD(card, cru_ep0) {
	.type = "cru", .ep = 0, .serial = 245, .num_bars = 3, .channels = 1,
	.ctrl_bar = 2, .scratch = CRU_SCRATCH, .serial_reg = CRU_SERIAL,
	.fw_reg = CRU_FW_HASH, .prot_reg = CRU_DESC_ADDR_HIGH0,
};

FIXTURE_VARIANT_ADD(card, cru_ep1) {
	.type = "cru", .ep = 1, .serial = 1041, .num_bars = 3, .channels = 1,
	.ctrl_bar = 2, .scratch = CRU_SCRATCH, .serial_reg = CRU_SERIAL,
	.fw_reg = CRU_FW_HASH, .prot_reg = CRU_DESC_ADDR_HIGH0,
};

FIXTURE_VARIANT_ADD(card, crorc) {
	.type = "crorc", .ep = 0, .serial = 2942, .num_bars = 6,
	.channels = 6, .ctrl_bar = 0, .scratch = CRORC_SCRATCH,
	.serial_reg = CRORC_SERIAL, .fw_reg = CRORC_FW_HASH,
	.prot_reg = CRORC_SP_ADDR_LOW,
};

FIXTURE_SETUP(card)
{
	int ret;

	self->id = roc_sim_pick_id();
	ret = roc_sim_new_free(&self->id, variant->type, variant->serial,
			       variant->ep, self->name, sizeof(self->name));
	ASSERT_EQ(0, ret) TH_LOG("new card: %s", strerror(-ret));
	snprintf(self->dev, sizeof(self->dev), "/dev/%s", self->name);
	self->fd = open(self->dev, O_RDWR);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %m", self->dev);
}

FIXTURE_TEARDOWN(card)
{
	if (self->fd >= 0)
		close(self->fd);
	roc_sim_del(self->id);
}

static int get_info(int fd, struct roc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	return ioctl(fd, ROC_GET_INFO, info) ? -errno : 0;
}

static int get_bar_info(int fd, unsigned int bar, struct roc_bar_info *bi)
{
	memset(bi, 0, sizeof(*bi));
	bi->argsz = sizeof(*bi);
	bi->index = bar;
	return ioctl(fd, ROC_GET_BAR_INFO, bi) ? -errno : 0;
}

/* sysfs, ioctl and the registers agree on who the card is. */
TEST_F(card, identity)
{
	struct roc_info info;
	char buf[64], want[64];
	uint32_t reg;

	ASSERT_EQ(0, get_info(self->fd, &info));
	EXPECT_EQ(ROC_UAPI_VERSION, info.uapi_version);
	EXPECT_EQ(!strcmp(variant->type, "cru") ? ROC_CARD_CRU : ROC_CARD_CRORC,
		  info.card_type);
	EXPECT_EQ(variant->serial, info.serial);
	EXPECT_EQ(variant->ep, (int)info.endpoint);
	EXPECT_EQ(variant->num_bars, info.num_bars);
	EXPECT_EQ(variant->channels, info.num_channels);
	EXPECT_TRUE(info.flags & ROC_INFO_FLAG_SIMULATED);
	EXPECT_TRUE(info.flags & ROC_INFO_FLAG_SERIAL);
	EXPECT_TRUE(info.features & ROC_FEATURE_REG_BATCH);
	snprintf(want, sizeof(want), "roc_sim:%u.%d", self->id, variant->ep);
	EXPECT_STREQ(want, info.address);

	/* The registers the driver read at probe (docs/hardware.md 1.4, 2.1). */
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->serial_reg, &reg));
	EXPECT_EQ(roc_ascii_serial(variant->serial), reg);
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->fw_reg, &reg));
	EXPECT_EQ(info.fw_hash, reg);
	if (!strcmp(variant->type, "cru")) {
		ASSERT_EQ(0, roc_reg_read(self->fd, 0, CRU_ENDPOINT_ID, &reg));
		EXPECT_EQ(variant->ep ? 0x11111111u : 0u, reg);
		EXPECT_EQ(12u, info.link_count);	/* the endpoint's own links */
	} else {
		EXPECT_EQ(6u, info.link_count);
	}

	ASSERT_EQ(0, roc_attr(self->name, "card_type", buf, sizeof(buf)));
	EXPECT_STREQ(variant->type, buf);
	ASSERT_EQ(0, roc_attr(self->name, "serial", buf, sizeof(buf)));
	EXPECT_EQ(variant->serial, atoi(buf));
	ASSERT_EQ(0, roc_attr(self->name, "endpoint", buf, sizeof(buf)));
	EXPECT_EQ(variant->ep, atoi(buf));
	ASSERT_EQ(0, roc_attr(self->name, "pci_address", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
	ASSERT_EQ(0, roc_attr(self->name, "firmware", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "%x", info.fw_hash);
	EXPECT_STREQ(want, buf);
	ASSERT_EQ(0, roc_attr(self->name, "link_count", buf, sizeof(buf)));
	EXPECT_EQ(info.link_count, strtoul(buf, NULL, 0));
	ASSERT_EQ(0, roc_attr(self->name, "numa_node", buf, sizeof(buf)));
	EXPECT_EQ(info.numa_node, atoi(buf));
	EXPECT_EQ(!strcmp(variant->type, "cru") ? 0 : -ENOENT,
		  roc_attr(self->name, "dropped_packets", buf, sizeof(buf)));
}

TEST_F(card, info_errors)
{
	struct roc_info info = { .argsz = 8 };

	EXPECT_EQ(-1, ioctl(self->fd, ROC_GET_INFO, &info));
	EXPECT_EQ(EINVAL, errno);
	info.argsz = sizeof(info);
	info.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_GET_INFO, &info));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, ROC_GET_INFO, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IO(ROC_IOC_MAGIC, 0x7f)));
	EXPECT_EQ(ENOTTY, errno);
	/* A caller that knows a larger struct gets the known part. */
	{
		char big[sizeof(info) + 64];

		memset(big, 0, sizeof(big));
		((struct roc_info *)big)->argsz = sizeof(big);
		EXPECT_EQ(0, ioctl(self->fd, ROC_GET_INFO, big));
	}
}

TEST_F(card, bar_info)
{
	struct roc_bar_info bi;
	unsigned int bar;

	for (bar = 0; bar < variant->num_bars; bar++) {
		ASSERT_EQ(0, get_bar_info(self->fd, bar, &bi));
		EXPECT_EQ(bar, bi.index);
		EXPECT_EQ(ROC_BAR_OFFSET(bar), bi.offset);
		if (!strcmp(variant->type, "cru")) {
			static const uint64_t sizes[] = { 64 << 10, 0, 16 << 20 };

			EXPECT_EQ(sizes[bar], bi.size);
			EXPECT_EQ(bar == 0 ? 1u : 0u, bi.num_prot);
		} else {
			EXPECT_EQ(4096u, bi.size);
			EXPECT_EQ(2u, bi.num_prot);
		}
		if (!bi.size) {
			EXPECT_EQ(0u, bi.flags);
			continue;
		}
		EXPECT_TRUE(bi.flags & ROC_BAR_FLAG_READ);
		EXPECT_TRUE(bi.flags & ROC_BAR_FLAG_MMAP);
		/* Root has CAP_SYS_RAWIO: every BAR is writable. */
		EXPECT_TRUE(bi.flags & ROC_BAR_FLAG_MMAP_WRITE);
	}
	if (!strcmp(variant->type, "cru")) {
		ASSERT_EQ(0, get_bar_info(self->fd, 0, &bi));
		EXPECT_EQ(0x204u, bi.prot[0].start);
		EXPECT_EQ(0x300u, bi.prot[0].end);
	}
	EXPECT_EQ(-EINVAL, get_bar_info(self->fd, variant->num_bars, &bi));
	EXPECT_EQ(-EINVAL, get_bar_info(self->fd, 0xffffffff, &bi));
}

/* What mmap shows is what the ioctl reads, both ways. */
TEST_F(card, mmap_matches_ioctl)
{
	struct roc_bar_info bi;
	volatile uint32_t *regs;
	uint32_t val;

	ASSERT_EQ(0, get_bar_info(self->fd, variant->ctrl_bar, &bi));
	regs = mmap(NULL, bi.size, PROT_READ | PROT_WRITE, MAP_SHARED,
		    self->fd, bi.offset);
	ASSERT_NE(MAP_FAILED, regs) TH_LOG("mmap: %m");

	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->serial_reg, &val));
	EXPECT_EQ(val, regs[variant->serial_reg / 4]);
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->fw_reg, &val));
	EXPECT_EQ(val, regs[variant->fw_reg / 4]);

	ASSERT_EQ(0, roc_reg_write(self->fd, variant->ctrl_bar,
				   variant->scratch, 0xa5a5f00d));
	EXPECT_EQ(0xa5a5f00d, regs[variant->scratch / 4]);
	regs[variant->scratch / 4] = 0x12345678;
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->scratch, &val));
	EXPECT_EQ(0x12345678u, val);

	/* Partial mappings at an offset, and the last page. */
	{
		volatile uint32_t *last = mmap(NULL, 4096, PROT_READ,
					       MAP_SHARED, self->fd,
					       bi.offset + bi.size - 4096);

		ASSERT_NE(MAP_FAILED, last);
		EXPECT_EQ(regs[(bi.size - 4096) / 4], last[0]);
		munmap((void *)last, 4096);
	}
	munmap((void *)regs, bi.size);
}

TEST_F(card, mmap_errors)
{
	struct roc_bar_info bi;
	void *p;

	ASSERT_EQ(0, get_bar_info(self->fd, 0, &bi));
	p = mmap(NULL, bi.size + 4096, PROT_READ, MAP_SHARED, self->fd,
		 bi.offset);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ERANGE, errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
		 bi.offset + bi.size);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ERANGE, errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, self->fd, bi.offset);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
		 ROC_BAR_OFFSET(ROC_MAX_BARS));
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(ENXIO, errno);
	if (!strcmp(variant->type, "cru")) {
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
			 ROC_BAR_OFFSET(1));
		EXPECT_EQ(MAP_FAILED, p);
		EXPECT_EQ(ENXIO, errno);
	}
}

/* Each malformed access is refused with its documented errno. */
TEST_F(card, reg_errors)
{
	struct roc_bar_info bi;
	struct roc_reg_op op;
	struct roc_reg_batch b;
	unsigned int done;
	uint32_t val;

	ASSERT_EQ(0, get_bar_info(self->fd, variant->ctrl_bar, &bi));
	EXPECT_EQ(-EINVAL, roc_reg_read(self->fd, variant->ctrl_bar, 2, &val));
	EXPECT_EQ(-EINVAL, roc_reg_read(self->fd, variant->ctrl_bar,
					bi.size - 2, &val));
	EXPECT_EQ(-ERANGE, roc_reg_read(self->fd, variant->ctrl_bar,
					bi.size, &val));
	EXPECT_EQ(-ERANGE, roc_reg_read(self->fd, variant->ctrl_bar,
					0xfffffffc, &val));
	EXPECT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  bi.size - 4, &val));
	EXPECT_EQ(-ENXIO, roc_reg_read(self->fd, ROC_MAX_BARS, 0, &val));
	EXPECT_EQ(-ENXIO, roc_reg_read(self->fd, 0xffffffff, 0, &val));
	if (!strcmp(variant->type, "cru"))
		EXPECT_EQ(-ENXIO, roc_reg_read(self->fd, 1, 0, &val));

	memset(&op, 0, sizeof(op));
	op.op = 3;
	EXPECT_EQ(-EINVAL, roc_reg_ops(self->fd, &op, 1, NULL));
	op.op = ROC_REG_READ;
	op.mask = 1;
	EXPECT_EQ(-EINVAL, roc_reg_ops(self->fd, &op, 1, NULL));
	op.op = ROC_REG_WRITE;
	EXPECT_EQ(-EINVAL, roc_reg_ops(self->fd, &op, 1, NULL));
	op.mask = 0;
	op.old = 1;
	EXPECT_EQ(-EINVAL, roc_reg_ops(self->fd, &op, 1, NULL));

	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.ops = (uintptr_t)&op;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));	/* count 0 */
	EXPECT_EQ(EINVAL, errno);
	b.count = ROC_REG_BATCH_MAX + 1;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));
	EXPECT_EQ(EINVAL, errno);
	b.count = 1;
	b.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));
	EXPECT_EQ(EINVAL, errno);
	b.flags = 0;
	b.argsz = 8;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));
	EXPECT_EQ(EINVAL, errno);
	b.argsz = sizeof(b);
	b.ops = 8;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));
	EXPECT_EQ(EFAULT, errno);
	/* count * sizeof(op) past the end of the address space */
	b.ops = ~0ULL - 16;
	b.count = ROC_REG_BATCH_MAX;
	EXPECT_EQ(-1, ioctl(self->fd, ROC_REG_BATCH, &b));
	EXPECT_EQ(EFAULT, errno);

	/* A bad op anywhere stops the batch before anything is done. */
	{
		struct roc_reg_op ops[3] = {
			{ .op = ROC_REG_WRITE, .bar = variant->ctrl_bar,
			  .offset = variant->scratch, .value = 0xdead },
			{ .op = ROC_REG_READ, .bar = variant->ctrl_bar,
			  .offset = variant->scratch },
			{ .op = ROC_REG_READ, .bar = variant->ctrl_bar,
			  .offset = variant->scratch + 1 },
		};

		ASSERT_EQ(0, roc_reg_write(self->fd, variant->ctrl_bar,
					   variant->scratch, 0x1111));
		EXPECT_EQ(-EINVAL, roc_reg_ops(self->fd, ops, 3, &done));
		EXPECT_EQ(2u, done);
		ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
					  variant->scratch, &val));
		EXPECT_EQ(0x1111u, val);
		ops[2].offset = variant->scratch;
		EXPECT_EQ(0, roc_reg_ops(self->fd, ops, 3, &done));
		EXPECT_EQ(3u, done);
		EXPECT_EQ(0xdeadu, ops[1].value);
	}
}

TEST_F(card, reg_modify)
{
	struct roc_reg_op op = {
		.op = ROC_REG_MODIFY, .bar = variant->ctrl_bar,
		.offset = variant->scratch, .mask = 0x00ff0000,
		.value = 0x12345678,
	};
	uint32_t val;

	ASSERT_EQ(0, roc_reg_write(self->fd, variant->ctrl_bar,
				   variant->scratch, 0xaabbccdd));
	ASSERT_EQ(0, roc_reg_ops(self->fd, &op, 1, NULL));
	EXPECT_EQ(0xaabbccddu, op.old);
	EXPECT_EQ(0xaa34ccddu, op.value);
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
				  variant->scratch, &val));
	EXPECT_EQ(0xaa34ccddu, val);
}

static void drop_privileges(void)
{
	if (setgid(65534) || setuid(65534))
		exit(99);
}

/*
 * Without CAP_SYS_RAWIO, a process holding the fd cannot write the
 * registers that point the card at memory, by ioctl or by mmap; it can
 * still read them and write the rest.
 */
TEST_F(card, protected_windows)
{
	int bar = 0;
	pid_t pid;
	int status;

	/* Root may. */
	EXPECT_EQ(0, roc_reg_write(self->fd, bar, variant->prot_reg, 0));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct roc_bar_info bi;
		uint32_t val;
		void *p;

		drop_privileges();
		if (roc_reg_write(self->fd, bar, variant->prot_reg, 1) != -EPERM)
			exit(1);
		if (roc_reg_read(self->fd, bar, variant->prot_reg, &val))
			exit(2);
		if (roc_reg_write(self->fd, variant->ctrl_bar,
				  variant->scratch, 7))
			exit(3);
		if (get_bar_info(self->fd, bar, &bi) ||
		    (bi.flags & ROC_BAR_FLAG_MMAP_WRITE))
			exit(4);
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			 self->fd, bi.offset);
		if (p != MAP_FAILED || errno != EPERM)
			exit(5);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
			 bi.offset);
		if (p == MAP_FAILED)
			exit(6);
		if (!mprotect(p, 4096, PROT_READ | PROT_WRITE))
			exit(7);
		/* A MODIFY is a write too. */
		{
			struct roc_reg_op op = {
				.op = ROC_REG_MODIFY, .bar = bar,
				.offset = variant->prot_reg, .mask = 1,
			};

			if (roc_reg_ops(self->fd, &op, 1, NULL) != -EPERM)
				exit(8);
		}
		exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("unprivileged check %d failed",
						 WEXITSTATUS(status));
}

/* A file opened read-only reads and maps read-only, and cannot write. */
TEST_F(card, read_only_open)
{
	int fd = open(self->dev, O_RDONLY);
	volatile uint32_t *regs;
	uint32_t val;
	void *p;

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, roc_reg_read(fd, variant->ctrl_bar, variant->fw_reg,
				  &val));
	EXPECT_EQ(-EPERM, roc_reg_write(fd, variant->ctrl_bar,
					variant->scratch, 1));
	regs = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
		    ROC_BAR_OFFSET(variant->ctrl_bar));
	ASSERT_NE(MAP_FAILED, regs) TH_LOG("read-only mmap: %m");
	EXPECT_EQ(val, regs[variant->fw_reg / 4]);
	munmap((void *)regs, 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ROC_BAR_OFFSET(variant->ctrl_bar));
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EACCES, errno);
	close(fd);
}

#define HAMMER_PROCS	16
#define HAMMER_ROUNDS	2000

/*
 * 16 processes at once: each writes and reads back its own register, and
 * all of them set their own bit of one shared register with MODIFY.
 */
TEST_F_TIMEOUT(card, hammer_16_processes, 600)
{
	uint32_t base = variant->scratch + 4, shared = variant->scratch;
	pid_t pids[HAMMER_PROCS];
	int i, status, bad = 0;
	uint32_t val;

	ASSERT_EQ(0, roc_reg_write(self->fd, variant->ctrl_bar, shared, 0));
	for (i = 0; i < HAMMER_PROCS; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0) {
			struct roc_reg_op op = {
				.op = ROC_REG_MODIFY, .bar = variant->ctrl_bar,
				.offset = shared, .mask = 1u << i,
				.value = 1u << i,
			};
			uint32_t reg = base + 4 * i, v;
			int r;

			for (r = 0; r < HAMMER_ROUNDS; r++) {
				uint32_t want = (uint32_t)i << 24 | r;

				if (roc_reg_write(self->fd, variant->ctrl_bar,
						  reg, want) ||
				    roc_reg_read(self->fd, variant->ctrl_bar,
						 reg, &v) || v != want)
					exit(1);
			}
			exit(roc_reg_ops(self->fd, &op, 1, NULL) ? 2 : 0);
		}
	}
	for (i = 0; i < HAMMER_PROCS; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	EXPECT_EQ(0, bad);
	ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar, shared, &val));
	EXPECT_EQ((1u << HAMMER_PROCS) - 1, val);
	for (i = 0; i < HAMMER_PROCS; i++) {
		ASSERT_EQ(0, roc_reg_read(self->fd, variant->ctrl_bar,
					  base + 4 * i, &val));
		EXPECT_EQ((uint32_t)i << 24 | (HAMMER_ROUNDS - 1), val);
	}
}

static sigjmp_buf sigbus_jmp;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(sigbus_jmp, 1);
}

/*
 * Remove the card while a process has it open, mapped and is in the middle
 * of ioctls: the ioctls turn to -ENODEV, the mapping to SIGBUS, close works.
 */
TEST_F_TIMEOUT(card, removal_while_in_use, 300)
{
	struct roc_bar_info bi;
	volatile uint32_t *regs;
	int status, pipefd[2];
	char c;
	pid_t pid;

	ASSERT_EQ(0, get_bar_info(self->fd, variant->ctrl_bar, &bi));
	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint32_t val;
		long n;

		close(pipefd[0]);
		regs = mmap(NULL, bi.size, PROT_READ, MAP_SHARED, self->fd,
			    bi.offset);
		if (regs == MAP_FAILED)
			exit(1);
		val = regs[variant->fw_reg / 4];
		(void)val;
		if (write(pipefd[1], "x", 1) != 1)
			exit(2);
		/* Hammer until the device goes. */
		for (n = 0; n < 100000000; n++) {
			int r = roc_reg_read(self->fd, variant->ctrl_bar,
					     variant->fw_reg, &val);
			if (r == -ENODEV)
				break;
			if (r)
				exit(3);
		}
		{
			struct roc_info info;

			if (get_info(self->fd, &info) != -ENODEV)
				exit(4);
		}
		signal(SIGBUS, on_sigbus);
		if (sigsetjmp(sigbus_jmp, 1) == 0) {
			val = regs[variant->fw_reg / 4];
			exit(5);	/* the mapping survived removal */
		}
		if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd,
			 bi.offset) != MAP_FAILED || errno != ENODEV)
			exit(6);
		exit(close(self->fd) ? 7 : 0);
	}
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &c, 1));
	close(pipefd[0]);
	usleep(20000);
	EXPECT_EQ(0, roc_sim_del(self->id));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("child step %d failed",
						 WEXITSTATUS(status));
	EXPECT_NE(0, access(self->dev, F_OK));
	/* Our own fd is stale too, and closes fine. */
	{
		uint32_t val;

		EXPECT_EQ(-ENODEV, roc_reg_read(self->fd, 0, 0, &val));
	}
	EXPECT_EQ(0, close(self->fd));
	self->fd = -1;
}

/*
 * temp1_input follows the simulated sensor (docs/hardware.md 2.2).  A class
 * device's hwmon child sits directly in its directory: rocN/hwmonM.
 */
TEST_F(card, hwmon)
{
	char path[600], buf[64];
	struct dirent *de;
	int found = 0;
	DIR *d;

	snprintf(path, sizeof(path), ROC_CLASS "/%s/", self->name);
	d = opendir(path);
	ASSERT_NE(NULL, d);
	while ((de = readdir(d))) {
		long mdeg;

		if (strncmp(de->d_name, "hwmon", 5))
			continue;
		found++;
		snprintf(path, sizeof(path), ROC_CLASS "/%s/%s/name",
			 self->name, de->d_name);
		ASSERT_EQ(0, roc_read_file(path, buf, sizeof(buf)));
		EXPECT_STREQ("roc", buf);
		snprintf(path, sizeof(path), ROC_CLASS "/%s/%s/temp1_input",
			 self->name, de->d_name);
		ASSERT_EQ(0, roc_read_file(path, buf, sizeof(buf)));
		mdeg = strtol(buf, NULL, 10);
		/* The sim's default sensor reads a plausible 20-80 C. */
		EXPECT_LT(20000, mdeg);
		EXPECT_GT(80000, mdeg);
	}
	closedir(d);
	/* A C-RORC has no temperature sensor (docs/hardware.md 4.1). */
	EXPECT_EQ(strcmp(variant->type, "cru") ? 0 : 1, found);
}

/* 200 create/delete cycles; kmemleak, run afterwards, checks the rest. */
TEST_F_TIMEOUT(card, create_delete_200, 900)
{
	unsigned int id = self->id + 1, i;
	char name[16];

	for (i = 0; i < 200; i++) {
		ASSERT_EQ(0, roc_sim_new(id, variant->type, 1000 + i))
			TH_LOG("cycle %u", i);
		ASSERT_EQ(0, roc_sim_endpoint(id, variant->ep, name,
					      sizeof(name)));
		ASSERT_EQ(0, roc_sim_del(id)) TH_LOG("cycle %u", i);
	}
	EXPECT_EQ(-ENOENT, roc_sim_endpoint(id, variant->ep, name,
					    sizeof(name)));
}

TEST_HARNESS_MAIN
