// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - register model of a C-RORC (docs/hardware.md section 4).
 *
 * One endpoint with six BARs, BAR n being DMA channel n (1.2, 4.1).  The
 * register map of 4.1 ends at 0x1F4, so each BAR is one 4 KiB page.
 *
 * Modelled: the firmware hash (0x19C) in every BAR, and in BAR0 the serial
 * number trigger (1.4).  The DMA registers are crorc_dma.c's, with the
 * monitoring counters ACQ_RATE (0x50, DMA pages per second over the last
 * second) and PKTS_RECEIVED (0x54, DMA pages) and the C_CSR status bits,
 * bit 13 LINK_DOWN from the link_down knob.  The QSFP: writing I2C_CMD
 * (0xD0) of BAR0 with bit 7 set (0x80) switches the lasers on, without it
 * off; LINK_STATUS (0xA0) bit 31 then reads 1 in every BAR, and the
 * optical power registers (0x144, 0x148, 0x154: 16 bits per link, value
 * / 10 = uW) read a plausible power, 0 for a link that is down or with
 * the lasers off.
 *
 * The registers whose writes have side effects are in roc_sim_crorc_watch[]
 * below: a store through an mmap() of a BAR takes effect when the
 * simulated firmware next samples them (watch.c), within
 * %ROC_SIM_WATCH_NS, as a write through the core does at once.
 *
 * Every other register stores what is written (CFG_CONTROL 0x1F0 and
 * CFG_CONTROL_B 0x1F4 included, but for the self-clearing flush bit).  The
 * firmware hash, the serial and the status registers above ignore writes
 * through the core; an mmap() store to them lands as is (see dev.c).
 * No register has a read side effect: reads never take the lock.
 */
#include <linux/bitops.h>
#include <linux/sizes.h>

#include "sim.h"

#define ROC_SIM_CRORC_NUM_BARS		6
#define ROC_SIM_CRORC_BAR_LEN		SZ_4K

/* docs/hardware.md 4.1; the identity registers are read from BAR0 */
#define ROC_SIM_CRORC_SERIAL_NUMBER_CTRL	0xf0
#define ROC_SIM_CRORC_SERIAL_NUMBER	0xfc
#define ROC_SIM_CRORC_FLASH_IADR	0xf4	/* P2-5.5, crorc_flash.c */
#define ROC_SIM_CRORC_FLASH_LRD		0xf8
#define ROC_SIM_CRORC_FIRMWARE_HASH	0x19c
#define ROC_SIM_CRORC_ID_BAR		0
#define ROC_SIM_CRORC_ACQ_RATE		0x050
#define ROC_SIM_CRORC_LINK_STATUS	0x0a0
#define  ROC_SIM_CRORC_QSFP_ON		BIT(31)
#define ROC_SIM_CRORC_I2C_CMD		0x0d0
#define  ROC_SIM_CRORC_LASER_ON		BIT(7)
#define ROC_SIM_CRORC_POWER_01		0x144
#define ROC_SIM_CRORC_POWER_23		0x148
#define ROC_SIM_CRORC_POWER_45		0x154
#define ROC_SIM_CRORC_LINKS		6
/* received power of link n in 0.1 uW: 452.0 uW + 13.7 uW n */
#define ROC_SIM_CRORC_POWER(n)		(4520 + 137 * (n))

#define ROC_SIM_CRORC_SERIAL_TRIGGER	0xc0000000	/* 1.4 */

/* 4.1: registers of every BAR (channel) whose writes have side effects */
#define ROC_SIM_CRORC_CSR		0x000	/* crorc_dma.c */
#define ROC_SIM_CRORC_C_CSR		0x010
#define ROC_SIM_CRORC_C_DCR		0x018	/* crorc_ddl.c */
#define ROC_SIM_CRORC_DG_CFG		0x020
#define ROC_SIM_CRORC_SP_SIZE		0x028
#define ROC_SIM_CRORC_SP_ADDR_LOW	0x02c
#define ROC_SIM_CRORC_SP_ADDR_HIGH	0x030
#define ROC_SIM_CRORC_SPINFO_LOW	0x040
#define ROC_SIM_CRORC_SPINFO_HIGH	0x044
#define ROC_SIM_CRORC_CFG_CONTROL_B	0x1f4
#define  ROC_SIM_CRORC_FLUSH		BIT(16)
#define ROC_SIM_CRORC_FW_HASH		0x828801a2	/* v2.14.2, 9 */

static const u32 roc_sim_crorc_power_reg[ROC_SIM_CRORC_LINKS / 2] = {
	ROC_SIM_CRORC_POWER_01, ROC_SIM_CRORC_POWER_23, ROC_SIM_CRORC_POWER_45,
};

/* The QSFP state in every BAR: laser from BAR0 I2C_CMD, link_down. */
static void roc_sim_crorc_qsfp(struct roc_sim_ep *sep)
{
	bool on = roc_sim_reg_get(sep, ROC_SIM_CRORC_ID_BAR,
				  ROC_SIM_CRORC_I2C_CMD) &
		  ROC_SIM_CRORC_LASER_ON;
	u32 power[ROC_SIM_CRORC_LINKS / 2] = { 0 };
	unsigned int n, bar;

	for (n = 0; on && n < ROC_SIM_CRORC_LINKS; n++)
		if (!(sep->link_down & BIT(n)))
			power[n / 2] |= ROC_SIM_CRORC_POWER(n) << (16 * (n % 2));
	for (bar = 0; bar < ROC_SIM_CRORC_NUM_BARS; bar++) {
		roc_sim_reg_set(sep, bar, ROC_SIM_CRORC_LINK_STATUS,
				on ? ROC_SIM_CRORC_QSFP_ON : 0);
		for (n = 0; n < ARRAY_SIZE(power); n++)
			roc_sim_reg_set(sep, bar, roc_sim_crorc_power_reg[n],
					power[n]);
	}
}

static void roc_sim_crorc_set_link_down(struct roc_sim_ep *sep, u32 mask)
{
	unsigned int n;

	sep->link_down = mask & GENMASK(ROC_SIM_CRORC_LINKS - 1, 0);
	for (n = 0; n < ROC_SIM_CRORC_LINKS; n++)
		roc_sim_crorc_dma_status(sep, n);
	roc_sim_crorc_qsfp(sep);
}

/*
 * The C-RORC registers whose writes have side effects (watch.c), in every
 * channel (BAR): the reset, the latched addresses before the commit that
 * takes them, the generator, the C_CSR toggles (the register reads the status
 * the model keeps with roc_sim_watch_set()), the DDL command register, the
 * commit and the flush bit.  In BAR0 only: the laser (I2C_CMD) and the
 * flash interface / serial trigger (0xF0), which the model leaves at 0
 * once it has acted, so that the next store is seen.  The flash is one
 * store per sample: a flash sequence through the mapping needs a pause
 * between stores of at least %ROC_SIM_WATCH_NS.
 */
#define ROC_SIM_CRORC_W(b, o, clear) \
	{ .bar = (b), .off = (o), .self_clear = (clear) }
static const struct roc_sim_watch_reg roc_sim_crorc_watch[] = {
	ROC_SIM_CRORC_W(ROC_SIM_CRORC_ID_BAR, ROC_SIM_CRORC_I2C_CMD, 0),
	ROC_SIM_CRORC_W(ROC_SIM_CRORC_ID_BAR, ROC_SIM_CRORC_SERIAL_NUMBER_CTRL,
			0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_CSR, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_SP_ADDR_LOW, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_SP_ADDR_HIGH, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_SPINFO_LOW, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_SPINFO_HIGH, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_DG_CFG, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_C_CSR, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_C_DCR, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_SP_SIZE, 0),
	ROC_SIM_CRORC_W(0, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
	ROC_SIM_CRORC_W(1, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
	ROC_SIM_CRORC_W(2, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
	ROC_SIM_CRORC_W(3, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
	ROC_SIM_CRORC_W(4, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
	ROC_SIM_CRORC_W(5, ROC_SIM_CRORC_CFG_CONTROL_B, ROC_SIM_CRORC_FLUSH),
};

/*
 * Firmware status: the QSFP registers follow the laser and the knobs.
 * Stores through a mapping are sampled first, so that the status written
 * back to C_CSR never hides a store the sampling has not seen yet.
 */
static void roc_sim_crorc_housekeeping(struct roc_sim_ep *sep, u64 now_ns)
{
	roc_sim_watch_scan(sep);
	roc_sim_crorc_qsfp(sep);
	roc_sim_crorc_dma_housekeeping(sep, now_ns);
}

static bool roc_sim_crorc_is_read_only(unsigned int bar, u32 off)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(roc_sim_crorc_power_reg); i++)
		if (off == roc_sim_crorc_power_reg[i])
			return true;
	return off == ROC_SIM_CRORC_FIRMWARE_HASH ||
	       off == ROC_SIM_CRORC_ACQ_RATE ||
	       off == ROC_SIM_CRORC_LINK_STATUS ||
	       (bar == ROC_SIM_CRORC_ID_BAR &&
		(off == ROC_SIM_CRORC_SERIAL_NUMBER ||
		 off == ROC_SIM_CRORC_FLASH_IADR ||
		 off == ROC_SIM_CRORC_FLASH_LRD));
}

/* Reading C_DSR (0x1C) pops the DDL reply FIFO (crorc_ddl.c). */
#define ROC_SIM_CRORC_C_DSR		0x01c

static bool roc_sim_crorc_read_locked(struct roc_sim_ep *sep,
				      unsigned int bar, u32 off)
{
	return off == ROC_SIM_CRORC_C_DSR;
}

static u32 roc_sim_crorc_read(struct roc_sim_ep *sep, unsigned int bar,
			      u32 off)
{
	u32 val = roc_sim_crorc_ddl_pop(roc_sim_crorc_ddl(sep), bar);

	roc_sim_reg_set(sep, bar, off, val);
	roc_sim_crorc_dma_status(sep, bar);
	return val;
}

static void roc_sim_crorc_reset(struct roc_sim_ep *sep)
{
	unsigned int bar;

	for (bar = 0; bar < ROC_SIM_CRORC_NUM_BARS; bar++)
		roc_sim_reg_set(sep, bar, ROC_SIM_CRORC_FIRMWARE_HASH,
				ROC_SIM_CRORC_FW_HASH);
	/* the serial number reads 0 until triggered, 1.4 */
	roc_sim_reg_set(sep, ROC_SIM_CRORC_ID_BAR, ROC_SIM_CRORC_SERIAL_NUMBER,
			0);
	roc_sim_reg_set(sep, ROC_SIM_CRORC_ID_BAR, ROC_SIM_CRORC_FLASH_LRD, 1);
}

static void roc_sim_crorc_write(struct roc_sim_ep *sep, unsigned int bar,
				u32 off, u32 val)
{
	if (roc_sim_crorc_dma_write(sep, bar, off, val) ||
	    roc_sim_crorc_is_read_only(bar, off))
		return;
	/* P2-5.5: the flash interface shares 0xF0 with the serial trigger */
	if (bar == ROC_SIM_CRORC_ID_BAR &&
	    off == ROC_SIM_CRORC_SERIAL_NUMBER_CTRL &&
	    roc_sim_crorc_flash_write(sep, roc_sim_crorc_flash(sep), val))
		return;
	roc_sim_reg_set(sep, bar, off, val);

	if (bar == ROC_SIM_CRORC_ID_BAR && off == ROC_SIM_CRORC_I2C_CMD)
		roc_sim_crorc_qsfp(sep);

	/*
	 * 1.4: the flash read fills the serial in (no 500 ms delay here);
	 * the trigger is consumed, as a flash command is
	 */
	if (bar == ROC_SIM_CRORC_ID_BAR &&
	    off == ROC_SIM_CRORC_SERIAL_NUMBER_CTRL &&
	    val == ROC_SIM_CRORC_SERIAL_TRIGGER) {
		roc_sim_reg_set(sep, bar, ROC_SIM_CRORC_SERIAL_NUMBER,
				roc_sim_serial_reg(sep));
		roc_sim_reg_set(sep, bar, off, 0);
	}
}

const struct roc_sim_model roc_sim_crorc_model = {
	.type		= ROC_CARD_CRORC,
	.board		= &roc_crorc_board,
	.num_eps	= 1,
	.num_bars	= ROC_SIM_CRORC_NUM_BARS,
	.bar_len	= {
		[0 ... ROC_SIM_CRORC_NUM_BARS - 1] = ROC_SIM_CRORC_BAR_LEN,
	},
	.reset		= roc_sim_crorc_reset,
	.read_locked	= roc_sim_crorc_read_locked,
	.read		= roc_sim_crorc_read,
	.write		= roc_sim_crorc_write,
	.dma_init	= roc_sim_crorc_dma_init,
	.dma_exit	= roc_sim_crorc_dma_exit,
	.dma_step	= roc_sim_crorc_dma_step,
	.dma_kill	= roc_sim_crorc_dma_kill,
	.housekeeping	= roc_sim_crorc_housekeeping,
	.set_link_down	= roc_sim_crorc_set_link_down,
	.watch		= roc_sim_crorc_watch,
	.num_watch	= ARRAY_SIZE(roc_sim_crorc_watch),
};
