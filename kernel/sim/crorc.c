// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - register model of a C-RORC (HARDWARE.md section 4).
 *
 * One endpoint with six BARs, BAR n being DMA channel n (1.2, 4.1).  The
 * register map of 4.1 ends at 0x1F4, so each BAR is one 4 KiB page.
 *
 * Modelled: the firmware hash (0x19C) in every BAR, and in BAR0 the serial
 * number trigger (1.4).  The DMA registers are crorc_dma.c's.  Every other
 * register stores what is written.  The firmware hash and the serial
 * register ignore writes through the core; an mmap() of a BAR bypasses
 * this model (see dev.c).  No register has a read side effect: reads never
 * take the lock.
 */
#include <linux/sizes.h>

#include "sim.h"

#define ROC_SIM_CRORC_NUM_BARS		6
#define ROC_SIM_CRORC_BAR_LEN		SZ_4K

/* HARDWARE.md 4.1; the identity registers are read from BAR0 */
#define ROC_SIM_CRORC_SERIAL_NUMBER_CTRL	0xf0
#define ROC_SIM_CRORC_SERIAL_NUMBER	0xfc
#define ROC_SIM_CRORC_FIRMWARE_HASH	0x19c
#define ROC_SIM_CRORC_ID_BAR		0

#define ROC_SIM_CRORC_SERIAL_TRIGGER	0xc0000000	/* 1.4 */
#define ROC_SIM_CRORC_FW_HASH		0x828801a2	/* v2.14.2, 9 */

static void roc_sim_crorc_reset(struct roc_sim_ep *sep)
{
	unsigned int bar;

	for (bar = 0; bar < ROC_SIM_CRORC_NUM_BARS; bar++)
		roc_sim_reg_set(sep, bar, ROC_SIM_CRORC_FIRMWARE_HASH,
				ROC_SIM_CRORC_FW_HASH);
	/* the serial number reads 0 until triggered, 1.4 */
	roc_sim_reg_set(sep, ROC_SIM_CRORC_ID_BAR, ROC_SIM_CRORC_SERIAL_NUMBER,
			0);
}

static void roc_sim_crorc_write(struct roc_sim_ep *sep, unsigned int bar,
				u32 off, u32 val)
{
	if (roc_sim_crorc_dma_write(sep, bar, off, val) ||
	    off == ROC_SIM_CRORC_FIRMWARE_HASH ||
	    (bar == ROC_SIM_CRORC_ID_BAR && off == ROC_SIM_CRORC_SERIAL_NUMBER))
		return;
	roc_sim_reg_set(sep, bar, off, val);

	/* 1.4: the flash read fills the serial in (no 500 ms delay here) */
	if (bar == ROC_SIM_CRORC_ID_BAR &&
	    off == ROC_SIM_CRORC_SERIAL_NUMBER_CTRL &&
	    val == ROC_SIM_CRORC_SERIAL_TRIGGER)
		roc_sim_reg_set(sep, bar, ROC_SIM_CRORC_SERIAL_NUMBER,
				roc_sim_serial_reg(sep));
}

const struct roc_sim_model roc_sim_crorc_model = {
	.type		= ROC_CARD_CRORC,
	.num_eps	= 1,
	.num_bars	= ROC_SIM_CRORC_NUM_BARS,
	.bar_len	= {
		[0 ... ROC_SIM_CRORC_NUM_BARS - 1] = ROC_SIM_CRORC_BAR_LEN,
	},
	.reset		= roc_sim_crorc_reset,
	.write		= roc_sim_crorc_write,
	.dma_init	= roc_sim_crorc_dma_init,
	.dma_exit	= roc_sim_crorc_dma_exit,
	.dma_step	= roc_sim_crorc_dma_step,
	.dma_kill	= roc_sim_crorc_dma_kill,
};
