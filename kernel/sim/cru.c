// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - register model of a CRU endpoint (docs/hardware.md section 2).
 *
 * BAR0 is the DMA engine (2.1), BAR2 identification and housekeeping (2.2);
 * BAR1 is absent.  docs/hardware.md gives no BAR sizes: BAR0 is 64 KiB (highest
 * offset used 0xC04), BAR2 16 MiB (highest offset used 0xD00004).
 *
 * Modelled: endpoint ID, firmware identity and features, temperature,
 * GBT wrapper link counts and clock counters, the serial number trigger,
 * the dropped-packets counter, the descriptor FIFO depth, the datapath
 * link enable register (links 0-11 enabled at creation), and the status
 * the monitoring tools read:
 *
 *   - GBT link registers of the endpoint's 12 links (2.4; the link base of
 *     lib/regs.h roc_cru_gbt_link_base(): wrapper <endpoint>, banks 0 and
 *     1, user link 2 i + bank): status bits 8 PLL lock, 10 RX locked, 11
 *     data layer up, 13 PHY up, and the inverted sticky bits 14 (PHY was
 *     not down) and 15 (data layer was not down); TX and RX clock in Hz.
 *     The link_down knob (debugfs.c) takes links down: bits 10, 11, 13,
 *     14 and 15 clear, RX clock 0.  Back up, bits 10, 11, 13 are set again
 *     and the sticky bits stay clear until 0 is written to +0x38 through
 *     the core (a register write, not an mmap() store), which sets them
 *     again for a link that is up: so a reader sees UP, "UP (was DOWN)"
 *     then UP, or DOWN (Gbt::getStickyBit).
 *   - CTP_CLOCK and LOCAL_CLOCK (0x240000/4), in Hz: local 240.474 MHz,
 *     CTP the same while the ttc knob says a TTC is connected, else 0.
 *   - the datapath counters (2.3), kept by cru_dma.c.
 *
 * The DMA engine registers are cru_dma.c's.  Every other register is
 * plain memory that stores what is written, the configuration registers
 * of 2.2-2.4 included (GBT mux, TTC_DATA, DW enable, link control and
 * IDs, trigger window, drop-bad-RDH, flow control, CRU ID, GBT TX/RX
 * control and loopback): they read back what was written.  Identity and
 * status registers ignore writes through the core; an mmap() of the BAR
 * bypasses this model (see dev.c), but for the registers with side
 * effects (roc_sim_cru_watch[], cru_ttc.c), sampled as firmware does
 * (watch.c).  The TTC-PON block, the pattern player, the CTP emulator and
 * the user logic are cru_ttc.c's.
 *
 * Reads of registers without side effects do not take the lock (see
 * &roc_sim_model.read_locked): those with are the wrapper clock counters
 * (they move on every read) and the endpoint's dropped-packets counter
 * (brought up to date from the time passed, dma.c).
 */
#include <linux/math64.h>
#include <linux/sizes.h>

#include "sim.h"

/* BAR0, docs/hardware.md 2.1 */
#define ROC_SIM_CRU_FIRMWARE_FEATURES	0x41c
#define ROC_SIM_CRU_ENDPOINT_ID		0x500
#define ROC_SIM_CRU_MAX_SP_DESCRIPTORS	0xc04

/* BAR2, docs/hardware.md 2.2 */
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
#define ROC_SIM_CRU_CTP_CLOCK		0x240000
#define ROC_SIM_CRU_LOCAL_CLOCK		0x240004

/* GBT link registers, 2.4 */
#define ROC_SIM_CRU_GBT_BANK		0x20000
#define ROC_SIM_CRU_GBT_LINK		0x2000
#define ROC_SIM_CRU_GBT_STATUS		0x0
#define  ROC_SIM_CRU_GBT_PLL_LOCK	BIT(8)
#define  ROC_SIM_CRU_GBT_RX_LOCKED	BIT(10)
#define  ROC_SIM_CRU_GBT_DATA_UP	BIT(11)
#define  ROC_SIM_CRU_GBT_PHY_UP		BIT(13)
#define  ROC_SIM_CRU_GBT_PHY_NOT_DOWN	BIT(14)
#define  ROC_SIM_CRU_GBT_DATA_NOT_DOWN	BIT(15)
#define  ROC_SIM_CRU_GBT_UP		(ROC_SIM_CRU_GBT_RX_LOCKED | \
					 ROC_SIM_CRU_GBT_DATA_UP | \
					 ROC_SIM_CRU_GBT_PHY_UP)
#define  ROC_SIM_CRU_GBT_STICKY		(ROC_SIM_CRU_GBT_PHY_NOT_DOWN | \
					 ROC_SIM_CRU_GBT_DATA_NOT_DOWN)
#define ROC_SIM_CRU_GBT_TX_CLOCK	0x4
#define ROC_SIM_CRU_GBT_RX_CLOCK	0x8
#define ROC_SIM_CRU_GBT_STICKY_CLEAR	0x38

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

/* BAR2 base of the wrapper of endpoint @ep */
static u32 roc_sim_cru_wrapper(unsigned int ep)
{
	return ep ? ROC_SIM_CRU_WRAPPER1 : ROC_SIM_CRU_WRAPPER0;
}

/* BAR2 base of user link @link of the endpoint (2.4, lib/regs.h). */
static u32 roc_sim_cru_gbt_base(struct roc_sim_ep *sep, unsigned int link)
{
	return roc_sim_cru_wrapper(sep->index) +
	       ROC_SIM_CRU_GBT_BANK * (link % 2 + 1) +
	       ROC_SIM_CRU_GBT_LINK * (link / 2 + 1);
}

/*
 * Is BAR2 @off a register of one of the endpoint's GBT links?  Then
 * *@link is the user link and *@reg the offset in its block.
 */
static bool roc_sim_cru_gbt_reg(struct roc_sim_ep *sep, u32 off,
				unsigned int *link, u32 *reg)
{
	u32 rel = off - roc_sim_cru_wrapper(sep->index);
	u32 bank, index;

	if (off < roc_sim_cru_wrapper(sep->index) ||
	    rel >= 3 * ROC_SIM_CRU_GBT_BANK)
		return false;
	bank = rel / ROC_SIM_CRU_GBT_BANK;
	index = rel % ROC_SIM_CRU_GBT_BANK / ROC_SIM_CRU_GBT_LINK;
	if (!bank || !index || index > ROC_SIM_CRU_GBT_LINKS / 2)
		return false;
	*link = 2 * (index - 1) + (bank - 1);
	*reg = rel % ROC_SIM_CRU_GBT_LINK;
	return true;
}

/* Status the firmware keeps: link status and clocks, DW counters. */
static bool roc_sim_cru_is_status(struct roc_sim_ep *sep, u32 off)
{
	u32 dw = ROC_SIM_CRU_DWRAPPER(sep->index), reg;
	unsigned int link;

	if (off == ROC_SIM_CRU_CTP_CLOCK || off == ROC_SIM_CRU_LOCAL_CLOCK ||
	    off == dw + ROC_SIM_CRU_DW_TOTAL_PACKETS ||
	    off == dw + ROC_SIM_CRU_DW_PACKETS_PER_SEC)
		return true;
	if (roc_sim_cru_gbt_reg(sep, off, &link, &reg))
		return reg == ROC_SIM_CRU_GBT_STATUS ||
		       reg == ROC_SIM_CRU_GBT_TX_CLOCK ||
		       reg == ROC_SIM_CRU_GBT_RX_CLOCK;
	if (off < dw + ROC_SIM_CRU_DW_LINK(0) ||
	    off >= dw + ROC_SIM_CRU_DW_LINK(16))
		return false;
	reg = (off - dw - ROC_SIM_CRU_DW_LINK(0)) % 0x2000;
	return reg == ROC_SIM_CRU_DW_LINK_REJECTED ||
	       reg == ROC_SIM_CRU_DW_LINK_ACCEPTED ||
	       reg == ROC_SIM_CRU_DW_LINK_FORCED;
}

static bool roc_sim_cru_is_read_only(struct roc_sim_ep *sep, unsigned int bar,
				     u32 off)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(roc_sim_cru_read_only); i++)
		if (roc_sim_cru_read_only[i].bar == bar &&
		    roc_sim_cru_read_only[i].off == off)
			return true;
	return bar == ROC_SIM_CRU_BAR2 && roc_sim_cru_is_status(sep, off);
}

static void roc_sim_cru_bar2_set(struct roc_sim_ep *sep, u32 off, u32 val)
{
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off, val);
}

static u32 roc_sim_cru_bar2_get(struct roc_sim_ep *sep, u32 off)
{
	return roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2, off);
}

/* Links in @mask down, the others up (2.4); lock held or not yet shared. */
static void roc_sim_cru_set_link_down(struct roc_sim_ep *sep, u32 mask)
{
	unsigned int link;
	u32 base, status;

	sep->link_down = mask & GENMASK(ROC_SIM_CRU_GBT_LINKS - 1, 0);
	for (link = 0; link < ROC_SIM_CRU_GBT_LINKS; link++) {
		base = roc_sim_cru_gbt_base(sep, link);
		status = roc_sim_cru_bar2_get(sep, base + ROC_SIM_CRU_GBT_STATUS);
		if (sep->link_down & BIT(link))
			status &= ~(ROC_SIM_CRU_GBT_UP | ROC_SIM_CRU_GBT_STICKY);
		else
			status |= ROC_SIM_CRU_GBT_UP;
		roc_sim_cru_bar2_set(sep, base + ROC_SIM_CRU_GBT_STATUS, status);
		roc_sim_cru_bar2_set(sep, base + ROC_SIM_CRU_GBT_RX_CLOCK,
				     sep->link_down & BIT(link) ? 0 :
				     ROC_SIM_CLOCK_HZ);
	}
}

/* Writing 0 to +0x38 sets the sticky bits of a link that is up (2.4). */
static void roc_sim_cru_sticky_clear(struct roc_sim_ep *sep,
				     unsigned int link)
{
	u32 off = roc_sim_cru_gbt_base(sep, link) + ROC_SIM_CRU_GBT_STATUS;
	u32 status = roc_sim_cru_bar2_get(sep, off);

	if (!(sep->link_down & BIT(link)))
		roc_sim_cru_bar2_set(sep, off, status | ROC_SIM_CRU_GBT_STICKY);
}

static void roc_sim_cru_set_ttc(struct roc_sim_ep *sep, bool present)
{
	roc_sim_cru_bar2_set(sep, ROC_SIM_CRU_CTP_CLOCK,
			     present ? ROC_SIM_CLOCK_HZ : 0);
	/* the ONU status follows the TTC (cru_ttc.c) */
	roc_sim_cru_ttc_update(sep);
}

static void roc_sim_cru_gbt_reset(struct roc_sim_ep *sep)
{
	unsigned int link;
	u32 base;

	for (link = 0; link < ROC_SIM_CRU_GBT_LINKS; link++) {
		base = roc_sim_cru_gbt_base(sep, link);
		roc_sim_cru_bar2_set(sep, base + ROC_SIM_CRU_GBT_STATUS,
				     ROC_SIM_CRU_GBT_PLL_LOCK |
				     ROC_SIM_CRU_GBT_UP |
				     ROC_SIM_CRU_GBT_STICKY);
		roc_sim_cru_bar2_set(sep, base + ROC_SIM_CRU_GBT_TX_CLOCK,
				     ROC_SIM_CLOCK_HZ);
	}
	roc_sim_cru_set_link_down(sep, 0);
	roc_sim_cru_bar2_set(sep, ROC_SIM_CRU_LOCAL_CLOCK, ROC_SIM_CLOCK_HZ);
	roc_sim_cru_set_ttc(sep, sep->card->simdev->ttc);
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

	/* links up, clocks running (2.2, 2.4) */
	roc_sim_cru_gbt_reset(sep);

	/* links in use for DMA, so that DMA works out of the box (3.1) */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			ROC_SIM_CRU_DWRAPPER(sep->index) + ROC_SIM_CRU_DW_ENABLE,
			ROC_SIM_CRU_DW_LINKS_ON);

	/* TTC, ONU, pattern player, CTP emulator (cru_ttc.c) */
	roc_sim_cru_ttc_reset(sep);
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
	       roc_sim_cru_is_dropped(sep, bar, off) ||
	       roc_sim_cru_ttc_read_locked(bar, off);
}

static u32 roc_sim_cru_read(struct roc_sim_ep *sep, unsigned int bar,
			    u32 off)
{
	u32 val;

	if (roc_sim_cru_is_dropped(sep, bar, off))
		roc_sim_dma_account(sep);
	if (roc_sim_cru_ttc_read_locked(bar, off))
		roc_sim_cru_ttc_update(sep);
	val = roc_sim_reg_get(sep, bar, off);
	if (roc_sim_cru_is_clock(bar, off))
		roc_sim_reg_set(sep, bar, off, val + 1);
	return val;
}

static void roc_sim_cru_write(struct roc_sim_ep *sep, unsigned int bar,
			      u32 off, u32 val)
{
	unsigned int link;
	u32 reg;

	if (roc_sim_cru_dma_write(sep, bar, off, val) ||
	    roc_sim_cru_ttc_write(sep, bar, off, val) ||
	    roc_sim_cru_is_read_only(sep, bar, off))
		return;
	roc_sim_reg_set(sep, bar, off, val);

	if (bar == ROC_SIM_CRU_BAR2 && !val &&
	    roc_sim_cru_gbt_reg(sep, off, &link, &reg) &&
	    reg == ROC_SIM_CRU_GBT_STICKY_CLEAR)
		roc_sim_cru_sticky_clear(sep, link);

	/* 1.4: the I2C fetch fills the serial in (no 40 ms delay here) */
	if (bar == ROC_SIM_CRU_BAR2 && off == ROC_SIM_CRU_SERIAL_NUMBER_CTRL &&
	    val == ROC_SIM_CRU_SERIAL_TRIGGER)
		roc_sim_reg_set(sep, bar, ROC_SIM_CRU_SERIAL_NUMBER,
				roc_sim_serial_reg(sep));

	/* P2-3.2: the I2C masters */
	if (bar == ROC_SIM_CRU_BAR2)
		roc_sim_cru_i2c_write(sep, off, val);
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

/* The engine (cru_dma.c) and the TTC block's state (cru_ttc.c) */
static int roc_sim_cru_engine_init(struct roc_sim_ep *sep)
{
	int err = roc_sim_cru_dma_init(sep);

	if (err)
		return err;
	err = roc_sim_cru_ttc_init(sep);
	if (err)
		roc_sim_cru_dma_exit(sep);
	return err;
}

static void roc_sim_cru_engine_exit(struct roc_sim_ep *sep)
{
	roc_sim_cru_ttc_exit(sep);
	roc_sim_cru_dma_exit(sep);
}

static void roc_sim_cru_housekeeping(struct roc_sim_ep *sep, u64 now_ns)
{
	roc_sim_cru_dma_housekeeping(sep, now_ns);
	roc_sim_cru_ttc_update(sep);
}

const struct roc_sim_model roc_sim_cru_model = {
	.type		= ROC_CARD_CRU,
	.board		= &roc_cru_board,
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
	.dma_init	= roc_sim_cru_engine_init,
	.dma_exit	= roc_sim_cru_engine_exit,
	.dma_step	= roc_sim_cru_dma_step,
	.dma_kill	= roc_sim_cru_dma_kill,
	.dma_drop	= roc_sim_cru_dma_drop,
	.housekeeping	= roc_sim_cru_housekeeping,
	.set_link_down	= roc_sim_cru_set_link_down,
	.set_ttc	= roc_sim_cru_set_ttc,
	.watch		= roc_sim_cru_watch,
	.num_watch	= ROC_SIM_CRU_NUM_WATCH,
};
