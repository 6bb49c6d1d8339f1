// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - register model of a CRU endpoint (HARDWARE.md section 2).
 *
 * BAR0 is the DMA engine (2.1), BAR2 identification and housekeeping (2.2);
 * BAR1 is absent.  HARDWARE.md gives no BAR sizes: BAR0 is 64 KiB (highest
 * offset used 0xC04), BAR2 16 MiB (highest offset used 0xD00004).
 *
 * Modelled: endpoint ID, firmware identity and features, temperature,
 * GBT wrapper link counts and clock counters, the serial number trigger,
 * the dropped-packets counter, the descriptor FIFO depth, the datapath
 * link enable register (links 0-11 enabled at creation).  The DMA engine
 * registers are cru_dma.c's.  Every other register is plain memory that
 * stores what is written.  Identity and status registers ignore writes
 * through the core; an mmap() of the BAR bypasses this model (see dev.c).
 *
 * Reads of registers without side effects do not take the lock (see
 * &roc_sim_model.read_locked): those with are the wrapper clock counters
 * (they move on every read) and the endpoint's dropped-packets counter
 * (brought up to date from the time passed, dma.c).
 */
#include <linux/math64.h>
#include <linux/sizes.h>

#include "sim.h"

/* BAR0, HARDWARE.md 2.1 */
#define ROC_SIM_CRU_FIRMWARE_FEATURES	0x41c
#define ROC_SIM_CRU_ENDPOINT_ID		0x500
#define ROC_SIM_CRU_MAX_SP_DESCRIPTORS	0xc04

/* BAR2, HARDWARE.md 2.2 */
#define ROC_SIM_CRU_FIRMWARE_GIT_HASH	0x4
#define ROC_SIM_CRU_FIRMWARE_DATE	0x8
#define ROC_SIM_CRU_FIRMWARE_TIME	0xc
#define ROC_SIM_CRU_TEMPERATURE		0x10008
#define ROC_SIM_CRU_FPGA_CHIP_HIGH	0x10014
#define ROC_SIM_CRU_FPGA_CHIP_LOW	0x10018
#define ROC_SIM_CRU_SERIAL_NUMBER_CTRL	0x30804
#define ROC_SIM_CRU_SERIAL_NUMBER	0x30818
#define ROC_SIM_CRU_WRAPPER0		0x400000
#define ROC_SIM_CRU_WRAPPER1		0x500000
#define ROC_SIM_CRU_WRAPPER_CONF0	0x0
#define ROC_SIM_CRU_WRAPPER_CONF1	0x4
#define ROC_SIM_CRU_WRAPPER_CLOCK	0xc

/* Values of the simulated firmware */
#define ROC_SIM_CRU_SERIAL_TRIGGER	0x2		/* 1.4 */
#define ROC_SIM_CRU_EP1_ID		0x11111111	/* 2.1 */
#define ROC_SIM_CRU_FW_HASH		0xf6b5d742	/* v3.19.4, 9 */
#define ROC_SIM_CRU_FW_DATE		0x20260301
#define ROC_SIM_CRU_FW_TIME		0x00123456
#define ROC_SIM_CRU_FW_FEATURES		0x0		/* integrated, 2.1 */
#define ROC_SIM_CRU_DW_LINKS_ON		0x00000fff	/* links 0-11, 2.3 */
#define ROC_SIM_CRU_CHIP_HIGH		0x0a100000
#define ROC_SIM_CRU_WRAPPER_LINKS	12		/* 2 banks of 6 */
#define ROC_SIM_CRU_BANK_LINKS		6

/* Temperature, 2.2: degrees = raw * 693 / 1024 - 265, raw in bits 9:0 */
#define ROC_SIM_CRU_TEMP_RAW_MAX	1023

struct roc_sim_cru_reg {
	unsigned int bar;
	u32 off;
};

/* Registers the firmware drives: writes through the core are ignored. */
static const struct roc_sim_cru_reg roc_sim_cru_read_only[] = {
	{ ROC_SIM_CRU_BAR0, ROC_SIM_CRU_FIRMWARE_FEATURES },
	{ ROC_SIM_CRU_BAR0, ROC_SIM_CRU_ENDPOINT_ID },
	{ ROC_SIM_CRU_BAR0, ROC_SIM_CRU_MAX_SP_DESCRIPTORS },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_GIT_HASH },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_DATE },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_TIME },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_TEMPERATURE },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FPGA_CHIP_HIGH },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FPGA_CHIP_LOW },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_SERIAL_NUMBER },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_WRAPPER0 + ROC_SIM_CRU_WRAPPER_CONF1 },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_WRAPPER0 + ROC_SIM_CRU_WRAPPER_CLOCK },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_WRAPPER1 + ROC_SIM_CRU_WRAPPER_CONF1 },
	{ ROC_SIM_CRU_BAR2, ROC_SIM_CRU_WRAPPER1 + ROC_SIM_CRU_WRAPPER_CLOCK },
	{ ROC_SIM_CRU_BAR2,
	  ROC_SIM_CRU_DWRAPPER(0) + ROC_SIM_CRU_DW_DROPPED_PACKETS },
	{ ROC_SIM_CRU_BAR2,
	  ROC_SIM_CRU_DWRAPPER(1) + ROC_SIM_CRU_DW_DROPPED_PACKETS },
};

static bool roc_sim_cru_is_read_only(unsigned int bar, u32 off)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(roc_sim_cru_read_only); i++)
		if (roc_sim_cru_read_only[i].bar == bar &&
		    roc_sim_cru_read_only[i].off == off)
			return true;
	return false;
}

static bool roc_sim_cru_is_clock(unsigned int bar, u32 off)
{
	return bar == ROC_SIM_CRU_BAR2 &&
	       (off == ROC_SIM_CRU_WRAPPER0 + ROC_SIM_CRU_WRAPPER_CLOCK ||
		off == ROC_SIM_CRU_WRAPPER1 + ROC_SIM_CRU_WRAPPER_CLOCK);
}

static void roc_sim_cru_wrapper_reset(struct roc_sim_ep *sep, u32 base)
{
	/* conf0: links per bank in bits [4 * bank + 7 : 4 * bank + 4] */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			base + ROC_SIM_CRU_WRAPPER_CONF0,
			ROC_SIM_CRU_BANK_LINKS << 4 |
			ROC_SIM_CRU_BANK_LINKS << 8);
	/* conf1: links of the wrapper in bits 31:24 */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			base + ROC_SIM_CRU_WRAPPER_CONF1,
			ROC_SIM_CRU_WRAPPER_LINKS << 24);
	/* clock counter: moves on every read, so the wrapper is present */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			base + ROC_SIM_CRU_WRAPPER_CLOCK, 1);
}

static void roc_sim_cru_reset(struct roc_sim_ep *sep)
{
	struct roc_sim_dev *simdev = sep->card->simdev;

	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR0, ROC_SIM_CRU_FIRMWARE_FEATURES,
			ROC_SIM_CRU_FW_FEATURES);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR0, ROC_SIM_CRU_ENDPOINT_ID,
			sep->index ? ROC_SIM_CRU_EP1_ID : 0);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR0, ROC_SIM_CRU_MAX_SP_DESCRIPTORS,
			ROC_SIM_CRU_SP_DESCRIPTORS);

	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_GIT_HASH,
			ROC_SIM_CRU_FW_HASH);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_DATE,
			ROC_SIM_CRU_FW_DATE);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FIRMWARE_TIME,
			ROC_SIM_CRU_FW_TIME);
	/* one FPGA per card, so both endpoints report the same chip ID */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FPGA_CHIP_HIGH,
			ROC_SIM_CRU_CHIP_HIGH);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_FPGA_CHIP_LOW,
			simdev->id);
	/* the serial number reads 0 until triggered, 1.4 */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_SERIAL_NUMBER, 0);

	/* link count = wrapper 0 + wrapper 1 links, 2.2 "Derived values" */
	roc_sim_cru_wrapper_reset(sep, ROC_SIM_CRU_WRAPPER0);
	roc_sim_cru_wrapper_reset(sep, ROC_SIM_CRU_WRAPPER1);

	/* links in use for DMA, so that DMA works out of the box (3.1) */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			ROC_SIM_CRU_DWRAPPER(sep->index) + ROC_SIM_CRU_DW_ENABLE,
			ROC_SIM_CRU_DW_LINKS_ON);
}

static bool roc_sim_cru_is_dropped(struct roc_sim_ep *sep, unsigned int bar,
				   u32 off)
{
	return bar == ROC_SIM_CRU_BAR2 &&
	       off == ROC_SIM_CRU_DWRAPPER(sep->index) +
		      ROC_SIM_CRU_DW_DROPPED_PACKETS;
}

static bool roc_sim_cru_read_locked(struct roc_sim_ep *sep, unsigned int bar,
				    u32 off)
{
	return roc_sim_cru_is_clock(bar, off) ||
	       roc_sim_cru_is_dropped(sep, bar, off);
}

static u32 roc_sim_cru_read(struct roc_sim_ep *sep, unsigned int bar,
			    u32 off)
{
	u32 val;

	if (roc_sim_cru_is_dropped(sep, bar, off))
		roc_sim_dma_account(sep);
	val = roc_sim_reg_get(sep, bar, off);
	if (roc_sim_cru_is_clock(bar, off))
		roc_sim_reg_set(sep, bar, off, val + 1);
	return val;
}

static void roc_sim_cru_write(struct roc_sim_ep *sep, unsigned int bar,
			      u32 off, u32 val)
{
	if (roc_sim_cru_dma_write(sep, bar, off, val) ||
	    roc_sim_cru_is_read_only(bar, off))
		return;
	roc_sim_reg_set(sep, bar, off, val);

	/* 1.4: the I2C fetch fills the serial in (no 40 ms delay here) */
	if (bar == ROC_SIM_CRU_BAR2 && off == ROC_SIM_CRU_SERIAL_NUMBER_CTRL &&
	    val == ROC_SIM_CRU_SERIAL_TRIGGER)
		roc_sim_reg_set(sep, bar, ROC_SIM_CRU_SERIAL_NUMBER,
				roc_sim_serial_reg(sep));
}

/*
 * raw = (millideg + 265000) * 1024 / 693000, rounded.  Out of range the
 * sensor is invalid (2.2: raw 0 or > 1023): too cold reads 0; too hot
 * reads the raw value with bits 9:0 cleared, so that the word is > 1023
 * and its bits 9:0 are 0 and a reader sees an invalid value either way.
 */
static void roc_sim_cru_set_temperature(struct roc_sim_ep *sep, s32 millideg)
{
	s64 scaled = ((s64)millideg + 265000) * 1024;
	u64 raw = 0;

	if (scaled > 0)
		raw = div_u64(scaled + 693000 / 2, 693000);
	if (raw > ROC_SIM_CRU_TEMP_RAW_MAX)
		raw &= ~(u64)ROC_SIM_CRU_TEMP_RAW_MAX;
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CRU_TEMPERATURE, raw);
}

static u32 roc_sim_cru_get_dropped(struct roc_sim_ep *sep)
{
	roc_sim_dma_account(sep);
	return roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2,
			       ROC_SIM_CRU_DWRAPPER(sep->index) +
			       ROC_SIM_CRU_DW_DROPPED_PACKETS);
}

static void roc_sim_cru_set_dropped(struct roc_sim_ep *sep, u32 val)
{
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			ROC_SIM_CRU_DWRAPPER(sep->index) +
			ROC_SIM_CRU_DW_DROPPED_PACKETS, val);
}

const struct roc_sim_model roc_sim_cru_model = {
	.type		= ROC_CARD_CRU,
	.num_eps	= 2,
	.num_bars	= 3,
	.bar_len	= {
		[ROC_SIM_CRU_BAR0] = SZ_64K,
		[ROC_SIM_CRU_BAR2] = SZ_16M,
	},
	.reset		= roc_sim_cru_reset,
	.read_locked	= roc_sim_cru_read_locked,
	.read		= roc_sim_cru_read,
	.write		= roc_sim_cru_write,
	.set_temperature = roc_sim_cru_set_temperature,
	.get_dropped	= roc_sim_cru_get_dropped,
	.set_dropped	= roc_sim_cru_set_dropped,
	.dma_init	= roc_sim_cru_dma_init,
	.dma_exit	= roc_sim_cru_dma_exit,
	.dma_step	= roc_sim_cru_dma_step,
	.dma_kill	= roc_sim_cru_dma_kill,
	.dma_drop	= roc_sim_cru_dma_drop,
};
