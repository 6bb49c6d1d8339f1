// SPDX-License-Identifier: GPL-2.0
/*
 * watch_test - the mapped-write rule of roc_sim (kernel/sim/watch.c): every
 * CRU and C-RORC register with a side effect acts the same whether it is written
 * through an mmap() of the BAR (what roc-reg-write, ALF, Python and the C++
 * API do by default) or by the register ioctl.  Each CRU test runs on both
 * endpoints, both ways; each C-RORC test (fixture crorc) both ways.  The simulated firmware samples mmap() stores every
 * 10 ms; the tests poll for the effect for up to 5 s (a bound, not a
 * timing assertion).
 */
#include <sys/mman.h>
#include <time.h>

#include "kselftest_harness.h"
#include "roc_test.h"

#define BAR0_LEN	(64 * 1024)
#define BAR2_LEN	(16 * 1024 * 1024)
#define SERIAL		4321

FIXTURE(watch) {
	unsigned int id;
	char name[16];
	char dfs[96];
	int devfd;
	volatile uint32_t *bar[3];
};

FIXTURE_VARIANT(watch) {
	int ep;
	bool mapped;
};

FIXTURE_VARIANT_ADD(watch, ep0_mmap) { .ep = 0, .mapped = true };
FIXTURE_VARIANT_ADD(watch, ep0_ioctl) { .ep = 0, .mapped = false };
FIXTURE_VARIANT_ADD(watch, ep1_mmap) { .ep = 1, .mapped = true };
FIXTURE_VARIANT_ADD(watch, ep1_ioctl) { .ep = 1, .mapped = false };

FIXTURE_SETUP(watch)
{
	char dev[32];
	void *p;

	self->id = roc_sim_pick_id() + 11;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, "cru", SERIAL, variant->ep,
				      self->name, sizeof(self->name)));
	snprintf(dev, sizeof(dev), "/dev/%s", self->name);
	snprintf(self->dfs, sizeof(self->dfs),
		 "/sys/kernel/debug/roc_sim/roc_sim%u/ep%d", self->id, variant->ep);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	p = mmap(NULL, BAR0_LEN, PROT_READ | PROT_WRITE, MAP_SHARED,
		 self->devfd, ROC_BAR_OFFSET(0));
	ASSERT_NE(MAP_FAILED, p);
	self->bar[0] = p;
	p = mmap(NULL, BAR2_LEN, PROT_READ | PROT_WRITE, MAP_SHARED,
		 self->devfd, ROC_BAR_OFFSET(2));
	ASSERT_NE(MAP_FAILED, p);
	self->bar[2] = p;
}

FIXTURE_TEARDOWN(watch)
{
	if (self->bar[0])
		munmap((void *)self->bar[0], BAR0_LEN);
	if (self->bar[2])
		munmap((void *)self->bar[2], BAR2_LEN);
	close(self->devfd);
	roc_sim_del(self->id);
}

static long long knob(FIXTURE_DATA(watch) *self, const char *name);
static void nap(void);

/*
 * The write under test: through the mapping or by ioctl.  A mapped store
 * returns once the simulated firmware has acted on it (its watch_stores
 * count moved; 5 s at most), as a register write by ioctl does: the test
 * then looks at the effect, not at the sampling delay.
 */
static int wr(FIXTURE_DATA(watch) *self, bool mapped, unsigned int bar,
	      uint32_t off, uint32_t val)
{
	long long n;
	int i;

	if (!mapped)
		return roc_reg_write(self->devfd, bar, off, val);
	n = knob(self, "watch_stores");
	self->bar[bar][off / 4] = val;
	for (i = 0; i < 500 && knob(self, "watch_stores") == n; i++)
		nap();
	return knob(self, "watch_stores") == n ? -ETIMEDOUT : 0;
}

/* A store that lands as is: a firmware register set up for a test. */
static void poke(FIXTURE_DATA(watch) *self, unsigned int bar, uint32_t off,
		 uint32_t val)
{
	self->bar[bar][off / 4] = val;
}

static uint32_t rd(FIXTURE_DATA(watch) *self, unsigned int bar, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	roc_reg_read(self->devfd, bar, off, &v);
	return v;
}

static void nap(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* Poll (reg & mask) == want for up to 5 s; the last value read. */
static uint32_t wait_reg(FIXTURE_DATA(watch) *self, unsigned int bar,
			 uint32_t off, uint32_t mask, uint32_t want)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 500; i++) {
		v = rd(self, bar, off);
		if ((v & mask) == want)
			break;
		nap();
	}
	return v & mask;
}

static long long knob(FIXTURE_DATA(watch) *self, const char *name)
{
	char path[160], buf[32];

	snprintf(path, sizeof(path), "%s/%s", self->dfs, name);
	if (roc_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 0);
}

static void set_knob(FIXTURE_DATA(watch) *self, const char *name,
		     const char *val)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", self->dfs, name);
	roc_write_file(path, val);
}

static long long wait_knob(FIXTURE_DATA(watch) *self, const char *name,
			   long long want)
{
	long long v = -1;
	int i;

	for (i = 0; i < 500; i++) {
		v = knob(self, name);
		if (v == want)
			break;
		nap();
	}
	return v;
}

TEST_F(watch, error_injection)
{
	ASSERT_EQ(0, wr(self, variant->mapped, 0, 0x608, 1));
	/* the firmware took it: the trigger bit clears itself */
	EXPECT_EQ(0, wait_reg(self, 0, 0x608, 1, 0));
	/* a second write of 1 is a new trigger */
	ASSERT_EQ(0, wr(self, variant->mapped, 0, 0x608, 1));
	EXPECT_EQ(0, wait_reg(self, 0, 0x608, 1, 0));
}

TEST_F(watch, serial_fetch)
{
	poke(self, 2, 0x30818, 0);
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x30804, 2));
	EXPECT_EQ(roc_ascii_serial(SERIAL),
		  wait_reg(self, 2, 0x30818, ~0u, roc_ascii_serial(SERIAL)));
}

TEST_F(watch, pattern_player)
{
	long long p1 = knob(self, "ttc/pat1_played");
	long long p2 = knob(self, "ttc/pat2_played");

	ASSERT_LE(0, p1);
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x260000, 0x100));
	EXPECT_EQ(p1 + 1, wait_knob(self, "ttc/pat1_played", p1 + 1));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x260000, 0x10));
	EXPECT_EQ(p2 + 1, wait_knob(self, "ttc/pat2_played", p2 + 1));
	/* bit 12 stays: execute pat1 when the emulator starts a run */
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x260000, 0x1000));
	EXPECT_EQ(0x1000, wait_reg(self, 2, 0x260000, 0x1110, 0x1000));
}

TEST_F(watch, onu_sticky_clear)
{
	roc_reg_write(self->devfd, 2, 0x200014, 1);
	set_knob(self, "ttc/onu_errors", "0x2");
	set_knob(self, "ttc/onu_errors", "0");
	EXPECT_EQ(0x2, wait_reg(self, 2, 0x200014, 0xff, 0x2));
	/* TTC_DATA bit 28, a pulse the firmware clears */
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x200000, 1u << 28));
	EXPECT_EQ(0, wait_reg(self, 2, 0x200014, 0xff, 0));
	EXPECT_EQ(0, wait_reg(self, 2, 0x200000, 1u << 28, 0));
	/* or a write of the sticky register itself */
	set_knob(self, "ttc/onu_errors", "0x8");
	set_knob(self, "ttc/onu_errors", "0");
	EXPECT_EQ(0x8, wait_reg(self, 2, 0x200014, 0xff, 0x8));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x200014, 1));
	EXPECT_EQ(0, wait_reg(self, 2, 0x200014, 0xff, 0));
}

TEST_F(watch, fec_clear)
{
	set_knob(self, "ttc/fec_single", "5");
	set_knob(self, "ttc/fec_double", "3");
	EXPECT_EQ(5, rd(self, 2, 0x22a020));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x22a004, 1));
	EXPECT_EQ(0, wait_reg(self, 2, 0x22a020, ~0u, 0));
	EXPECT_EQ(0, wait_reg(self, 2, 0x22a028, ~0u, 0));
}

TEST_F(watch, onu_reset_and_phase_steps)
{
	int i;

	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x22a000, 1));
	EXPECT_EQ(0, wait_reg(self, 2, 0x22a00c, 0xff, 0));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x22a000, 0));
	/* back: downstream up, the TX phase lost (upstream down) */
	EXPECT_EQ(0xf5, wait_reg(self, 2, 0x22a00c, 0xff, 0xf5));
	/* ten phase steps (bit 20, self-clearing) reach the good window */
	for (i = 0; i < 10; i++) {
		ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x240018, 0x00300000));
		ASSERT_EQ(0, wait_reg(self, 2, 0x240018, 1u << 20, 0));
	}
	EXPECT_EQ(0xff, wait_reg(self, 2, 0x22a00c, 0xff, 0xff));
}

TEST_F(watch, ctp_emulator)
{
	uint32_t se = rd(self, 2, 0x20000c), hb, phys;

	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280014, 100));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280010, 1));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280000, 0));
	/* running: a SOX, then HB and PHYS counts move */
	EXPECT_EQ((se + 1) & 0xf, wait_reg(self, 2, 0x20000c, 0xf, (se + 1) & 0xf));
	hb = rd(self, 2, 0x200004);
	for (int i = 0; i < 500 && rd(self, 2, 0x200004) == hb; i++)
		nap();
	EXPECT_NE(hb, rd(self, 2, 0x200004));
	/* manual mode, one trigger by RUNMODE bit 8 */
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280010, 0));
	EXPECT_EQ(0, wait_reg(self, 2, 0x280010, 3, 0));
	nap();
	phys = rd(self, 2, 0x200008);
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280010, 0x100));
	EXPECT_EQ(phys + 1, wait_reg(self, 2, 0x200008, ~0u, phys + 1));
	EXPECT_EQ(0, wait_reg(self, 2, 0x280010, 0x100, 0));
	/* idle: an EOX */
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0x280010, 3));
	EXPECT_EQ(((se >> 4) + 1) & 0xf,
		  wait_reg(self, 2, 0x20000c, 0xf0, (((se >> 4) + 1) & 0xf) << 4) >> 4);
}

TEST_F(watch, user_logic_toggle)
{
	EXPECT_EQ(0, rd(self, 2, 0xc80008));
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0xc80008, 1));
	EXPECT_EQ(1, wait_reg(self, 2, 0xc80008, 1, 1));
	/* a store of 0 is no toggle: it reads 1 again */
	ASSERT_EQ(0, wr(self, variant->mapped, 2, 0xc80008, 0));
	nap();
	nap();
	EXPECT_EQ(1, wait_reg(self, 2, 0xc80008, 1, 1));
	/* by ioctl, writing 1 toggles it back whatever it holds */
	ASSERT_EQ(0, roc_reg_write(self->devfd, 2, 0xc80008, 1));
	EXPECT_EQ(0, rd(self, 2, 0xc80008));
}

TEST_F(watch, gbt_error_counter_reset)
{
	unsigned int link;
	uint32_t base;

	for (link = 0; link < 12; link += 11) {
		base = 0x400000 + 0x100000 * variant->ep +
		       0x20000 * (link % 2 + 1) + 0x2000 * (link / 2 + 1);
		poke(self, 2, base + 0x10, 7);
		poke(self, 2, base + 0x1c, 9);
		ASSERT_EQ(0, wr(self, variant->mapped, 2, base + 0x30, 0x46));
		EXPECT_EQ(0, wait_reg(self, 2, base + 0x10, ~0u, 0));
		EXPECT_EQ(0, wait_reg(self, 2, base + 0x1c, ~0u, 0));
		/* the trigger bit cleared, the source select kept */
		EXPECT_EQ(0x06, wait_reg(self, 2, base + 0x30, 0x46, 0x06));
	}
}

TEST_F(watch, stores_counted)
{
	long long n = knob(self, "watch_stores");

	ASSERT_EQ(0, wr(self, variant->mapped, 0, 0x608, 1));
	EXPECT_EQ(0, wait_reg(self, 0, 0x608, 1, 0));
	if (variant->mapped) {
		EXPECT_LE(n + 1, wait_knob(self, "watch_stores", n + 1));
	} else {
		EXPECT_EQ(n, knob(self, "watch_stores"));
	}
}

/* --- the C-RORC (kernel/sim/crorc.c, docs/hardware.md 4.1) ------------- */

#define CRORC_BARS	6
#define CRORC_BAR_LEN	4096

FIXTURE(crorc) {
	unsigned int id;
	char name[16];
	char dfs[96];
	int devfd;
	volatile uint32_t *bar[CRORC_BARS];
};

FIXTURE_VARIANT(crorc) {
	bool mapped;
};

FIXTURE_VARIANT_ADD(crorc, mmap) { .mapped = true };
FIXTURE_VARIANT_ADD(crorc, ioctl) { .mapped = false };

FIXTURE_SETUP(crorc)
{
	char dev[32];
	void *p;
	int b;

	self->id = roc_sim_pick_id() + 71;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, "crorc", SERIAL, 0,
				      self->name, sizeof(self->name)));
	snprintf(dev, sizeof(dev), "/dev/%s", self->name);
	snprintf(self->dfs, sizeof(self->dfs),
		 "/sys/kernel/debug/roc_sim/roc_sim%u/ep0", self->id);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	for (b = 0; b < CRORC_BARS; b++) {
		p = mmap(NULL, CRORC_BAR_LEN, PROT_READ | PROT_WRITE,
			 MAP_SHARED, self->devfd, ROC_BAR_OFFSET(b));
		ASSERT_NE(MAP_FAILED, p);
		self->bar[b] = p;
	}
}

FIXTURE_TEARDOWN(crorc)
{
	int b;

	for (b = 0; b < CRORC_BARS; b++)
		if (self->bar[b])
			munmap((void *)self->bar[b], CRORC_BAR_LEN);
	close(self->devfd);
	roc_sim_del(self->id);
}

/* The helpers above, for this fixture (same layout of the fields used). */
static long long cknob(FIXTURE_DATA(crorc) *self, const char *name)
{
	char path[160], buf[32];

	snprintf(path, sizeof(path), "%s/%s", self->dfs, name);
	if (roc_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 0);
}

static int cwr(FIXTURE_DATA(crorc) *self, bool mapped, unsigned int bar,
	       uint32_t off, uint32_t val)
{
	long long n;
	int i;

	if (!mapped)
		return roc_reg_write(self->devfd, bar, off, val);
	n = cknob(self, "watch_stores");
	self->bar[bar][off / 4] = val;
	for (i = 0; i < 500 && cknob(self, "watch_stores") == n; i++)
		nap();
	return cknob(self, "watch_stores") == n ? -ETIMEDOUT : 0;
}

static uint32_t crd(FIXTURE_DATA(crorc) *self, unsigned int bar, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	roc_reg_read(self->devfd, bar, off, &v);
	return v;
}

static uint32_t cwait(FIXTURE_DATA(crorc) *self, unsigned int bar,
		      uint32_t off, uint32_t mask, uint32_t want)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 500; i++) {
		v = crd(self, bar, off);
		if ((v & mask) == want)
			break;
		nap();
	}
	return v & mask;
}

TEST_F(crorc, laser)
{
	ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xd0, 0x80));
	/* LINK_STATUS bit 31 in every BAR, a power on link 0 */
	EXPECT_EQ(1u << 31, cwait(self, 0, 0xa0, 1u << 31, 1u << 31));
	EXPECT_EQ(1u << 31, cwait(self, 5, 0xa0, 1u << 31, 1u << 31));
	EXPECT_NE(0, crd(self, 0, 0x144) & 0xffff);
	ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xd0, 0));
	EXPECT_EQ(0, cwait(self, 0, 0xa0, 1u << 31, 0));
	EXPECT_EQ(0, crd(self, 0, 0x144));
}

TEST_F(crorc, serial_trigger)
{
	int i;

	/* twice: the trigger is consumed, so a second store is seen */
	for (i = 0; i < 2; i++) {
		self->bar[0][0xfc / 4] = 0;
		ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xf0, 0xc0000000));
		EXPECT_EQ(roc_ascii_serial(SERIAL),
			  cwait(self, 0, 0xfc, ~0u, roc_ascii_serial(SERIAL)));
		EXPECT_EQ(0, crd(self, 0, 0xf0));
	}
}

TEST_F(crorc, flash_status)
{
	/* P2-5.5: read status (0x70), then a read puts it in IADR 0xF4 */
	self->bar[0][0xf4 / 4] = 0;
	ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xf0, 0x03000070));
	ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xf0, 0x04000000));
	EXPECT_EQ(0x80, cwait(self, 0, 0xf4, 0xff, 0x80));
	EXPECT_EQ(0, crd(self, 0, 0xf0));
	/* back to read array: an erased word reads 0xFFFF */
	ASSERT_EQ(0, cwr(self, variant->mapped, 0, 0xf0, 0x030000ff));
}

TEST_F(crorc, csr_toggles_and_reset)
{
	unsigned int ch;
	uint32_t before;

	for (ch = 0; ch < CRORC_BARS; ch += 5) {
		before = crd(self, ch, 0x10) & 0x1200;
		/* C_CSR bit 12 loop-back, bit 9 RX: writes toggle */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x10, 0x1000));
		EXPECT_EQ(before ^ 0x1000,
			  cwait(self, ch, 0x10, 0x1200, before ^ 0x1000));
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x10, 0x200));
		EXPECT_EQ(before ^ 0x1200,
			  cwait(self, ch, 0x10, 0x1200, before ^ 0x1200));
		/* bit 5 clears PKTS_RECEIVED */
		self->bar[ch][0x54 / 4] = 7;
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x10, 0x20));
		EXPECT_EQ(0, cwait(self, ch, 0x54, ~0u, 0));
		/* CRORC_CSR reset: RX and loop-back off, the command reads 0 */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x0, 0x3));
		EXPECT_EQ(0, cwait(self, ch, 0x10, 0x1200, 0));
		EXPECT_EQ(0, crd(self, ch, 0x0));
	}
}

TEST_F(crorc, commit_and_flush)
{
	unsigned int ch;

	for (ch = 0; ch < CRORC_BARS; ch += 5) {
		ASSERT_EQ(0, roc_reg_write(self->devfd, ch, 0x0, 0x3));
		/* SP_WR_SIZE: RX off, the superpage is held (bit 19) */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x28, 0x8000));
		EXPECT_EQ(0x00800001, cwait(self, ch, 0x28, ~0u, 0x00800001));
		EXPECT_EQ(1u << 19, cwait(self, ch, 0x10, 3u << 18, 1u << 19));
		/* a second commit while one is held is dropped: count stays */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x28, 0x4000));
		EXPECT_EQ(0x00400001, cwait(self, ch, 0x28, ~0u, 0x00400001));
		/* CFG_CONTROL_B bit 16 flushes (nothing written: dropped) */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x1f4, 0x10000));
		EXPECT_EQ(1u << 18, cwait(self, ch, 0x10, 3u << 18, 1u << 18));
		EXPECT_EQ(0, cwait(self, ch, 0x1f4, 0x10000, 0));
		ASSERT_EQ(0, roc_reg_write(self->devfd, ch, 0x0, 0x3));
	}
}

TEST_F(crorc, ddl_command)
{
	unsigned int ch;
	uint32_t w = 0;
	int i;

	for (ch = 0; ch < CRORC_BARS; ch += 5) {
		/* drain the reply FIFO (C_CSR bit 23), C_DSR pops */
		for (i = 0; i < 16 && (crd(self, ch, 0x10) & (1u << 23)); i++)
			crd(self, ch, 0x1c);
		/* DIU RandCIFST: an IFSTW (code 12) first */
		ASSERT_EQ(0, cwr(self, variant->mapped, ch, 0x18, 0x001));
		EXPECT_EQ(1u << 23, cwait(self, ch, 0x10, 1u << 23, 1u << 23));
		w = crd(self, ch, 0x1c);
		EXPECT_EQ(12, (w >> 4) & 0xf);
		EXPECT_EQ(1, w & 0xf);
		EXPECT_EQ(0, crd(self, ch, 0x18));
		for (i = 0; i < 16 && (crd(self, ch, 0x10) & (1u << 23)); i++)
			crd(self, ch, 0x1c);
	}
}

TEST_F(crorc, stores_counted)
{
	long long n = cknob(self, "watch_stores");

	ASSERT_LE(0, n);
	ASSERT_EQ(0, cwr(self, variant->mapped, 2, 0x10, 0x1000));
	ASSERT_EQ(0, cwr(self, variant->mapped, 2, 0x10, 0x1000));
	if (variant->mapped) {
		EXPECT_LE(n + 2, cknob(self, "watch_stores"));
	} else {
		EXPECT_EQ(n, cknob(self, "watch_stores"));
	}
}

TEST_HARNESS_MAIN
