// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - C-RORC registers with a side effect, written through an mmap()
 * of a BAR (docs/hardware.md 4.1).
 *
 * A store through a user mapping lands in the BAR memory and calls no
 * model code (dev.c).  The housekeeping (every %ROC_SIM_HK_NS) looks at
 * every register of the table below and, when the memory holds something
 * the model did not leave there, runs the write as if it had come through
 * the register ioctl.  So a command written through the mapping takes
 * effect within 100 ms.  How a store is recognised, per register:
 *
 *   ZERO    the model leaves 0 after every write (a command register):
 *           any non-zero value is a command
 *   SHADOW  the model remembers what it last left (C_CSR status, the
 *           SP_WR_SIZE read-back): any other value is a write of it
 *   BIT     a self-clearing bit the model never leaves set
 *   VALUE   a trigger value the model leaves in place (replayed while it
 *           stays, which must be harmless)
 *
 * Limits: a store of exactly the value the model left is not seen, and a
 * store overwritten by the model before the next housekeeping (C_CSR
 * status changes when a superpage completes) is lost.  The laser (BAR0
 * I2C_CMD) is sampled by the QSFP model (crorc.c) and DG_CFG needs no
 * replay (the engine reads it as it runs; the housekeeping kicks it).
 * The flash interface (BAR0 0xF0, P2-5.5) sees one store per
 * housekeeping: a flash sequence (many stores to the one register) works
 * through the register ioctl only.  The serial trigger left in 0xF0 is
 * replayed by both entries, which is harmless.
 *
 * This is the C-RORC's table for a generic sampler (kernel/sim/watch.c on
 * the CRU side): the entries map one to one.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "sim.h"

enum roc_sim_mmap_how {
	ROC_SIM_MMAP_ZERO,
	ROC_SIM_MMAP_SHADOW,
	ROC_SIM_MMAP_BIT,
	ROC_SIM_MMAP_VALUE,
};

/**
 * struct roc_sim_mmap_reg - a register with a side effect
 * @off: byte offset in the BAR
 * @bars: bit mask of the BARs that have it
 * @how: how a store through a mapping is recognised
 * @val: %ROC_SIM_MMAP_BIT: the bit; %ROC_SIM_MMAP_VALUE: the value
 */
struct roc_sim_mmap_reg {
	u32 off;
	u32 bars;
	enum roc_sim_mmap_how how;
	u32 val;
};

#define ROC_SIM_ALL_BARS	GENMASK(5, 0)

/* docs/hardware.md 4.1 */
static const struct roc_sim_mmap_reg roc_sim_crorc_mmap_regs[] = {
	{ 0x000, ROC_SIM_ALL_BARS, ROC_SIM_MMAP_ZERO,	0 },	/* CRORC_CSR */
	{ 0x010, ROC_SIM_ALL_BARS, ROC_SIM_MMAP_SHADOW,	0 },	/* C_CSR */
	{ 0x018, ROC_SIM_ALL_BARS, ROC_SIM_MMAP_ZERO,	0 },	/* C_DCR */
	{ 0x028, ROC_SIM_ALL_BARS, ROC_SIM_MMAP_SHADOW,	0 },	/* SP_WR_SIZE */
	{ 0x0f0, BIT(0),	   ROC_SIM_MMAP_VALUE,	0xc0000000 }, /* serial */
	{ 0x0f0, BIT(0),	   ROC_SIM_MMAP_ZERO,	0 },	/* flash, P2-5.5 */
	{ 0x1f4, ROC_SIM_ALL_BARS, ROC_SIM_MMAP_BIT,	BIT(16) }, /* flush */
};

/* Replay the stores made through a mapping; lock held. */
void roc_sim_crorc_mmap_sample(struct roc_sim_ep *sep)
{
	const struct roc_sim_mmap_reg *r;
	unsigned int i, bar;
	bool stored;
	u32 v;

	for (i = 0; i < ARRAY_SIZE(roc_sim_crorc_mmap_regs); i++) {
		r = &roc_sim_crorc_mmap_regs[i];
		for (bar = 0; bar < ROC_MAX_BARS; bar++) {
			if (!(r->bars & BIT(bar)) || !sep->bar_mem[bar] ||
			    r->off + 4 > sep->bar_len[bar])
				continue;
			v = roc_sim_reg_get(sep, bar, r->off);
			switch (r->how) {
			case ROC_SIM_MMAP_ZERO:
				stored = v;
				break;
			case ROC_SIM_MMAP_SHADOW:
				stored = v != roc_sim_crorc_dma_shadow(sep, bar,
								       r->off);
				break;
			case ROC_SIM_MMAP_BIT:
				stored = v & r->val;
				break;
			default:
				stored = v == r->val;
			}
			if (stored)
				sep->card->model->write(sep, bar, r->off, v);
		}
	}
}
