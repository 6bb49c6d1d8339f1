// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the CRU's TTC-PON block, ONU, pattern player, CTP emulator and
 * user-logic registers (docs/hardware.md P2-1, P2-2, P2-4, P2-4.6), with
 * what the tools can observe.  All in BAR2.
 *
 * TTC and ONU (P2-4):
 *   0x200000 TTC_DATA       stored; bits 17:16 downstream data source
 *                           (0 CTP, 1 pattern player); bit 28 pulse:
 *                           clear the ONU sticky bits (self-clearing)
 *   0x200004/08             HB / PHYS trigger counts (32 bit) of what the
 *                           CTP emulator sends while it is the source
 *   0x20000C                SOX count bits 3:0, EOX count bits 7:4
 *   0x200014                ONU sticky errors, 1 = error, same bit order as
 *                           0x22A00C; a write clears them (to the errors
 *                           present now)
 *   0x200018                TOF count bits 15:0 (0), CAL count bits 31:16
 *   0x22A000                bit 0 ONU core reset (status 0 while set),
 *                           bits 8:1 ONU address
 *   0x22A004                bit 0 clears the FEC counters (self-clearing),
 *                           bit 1 latch (self-clearing, no effect here)
 *   0x22A00C                ONU status, 1 = good: b0 rx40Locked, b1
 *                           phaseGood, b2 rxLocked, b3 operational, b4
 *                           mgtTxReady, b5 mgtRxReady, b6 mgtTxPllLocked, b7
 *                           mgtRxPllLocked.  The downstream bits (0, 2, 5,
 *                           7) need a TTC (ttc knob) and no error from the
 *                           onu_errors knob; the upstream bits 1 and 3 need
 *                           the TX phase in its good window: out of
 *                           ROC_SIM_TTC_PHASES steps, the first
 *                           ROC_SIM_TTC_BAD_PHASES are bad (status 0xF5).
 *                           An ONU reset leaves the phase bad, so
 *                           upstream is down until a phase scan
 *   0x22A020/0x22A028       FEC single / double error counts (knobs)
 *   0x240018                bit 20 set: one TX phase step (self-clearing;
 *                           the old tool writes 0x00300000, 0x00200000)
 *   0x10000C                PON quality: constant, so GOOD
 * The sticky word accumulates every error the status shows (housekeeping,
 * knobs, writes).
 *
 * Pattern player (P2-1), 0x260000 CFG: bit 4 executes pat2, bit 8 pat1
 * (both self-clearing), bit 12 executes pat1 when the CTP emulator starts
 * a run; the other registers store.  Executions are counted in the
 * debugfs knobs pat1_played and pat2_played.
 *
 * CTP emulator (P2-2): running while CTRL bit 31 is clear and RUNMODE bits
 * 1:0 are not 3 (idle).  Going from idle to running counts a SOX, back an
 * EOX.  While it runs and TTC_DATA selects the CTP, it sends a HB per
 * orbit (3564 BC at 40.079 MHz), in periodic mode a PHYS every PHYSDIV BC
 * (> 7) and a CAL every CALDIV BC (> 18); RUNMODE bit 8 (self-clearing)
 * sends one PHYS.  The counters are brought up to date when read through
 * the core and at every housekeeping; the DDG's RDHs carry the trigger
 * types ORBIT and HB (bits 0, 1), PhT (4) and Cal (6) while it runs.
 * Prescaler, BCMAX, HBMAX and the fixed-BC slots are stored only.
 *
 * User logic (P2-4.6): 0xC80008 reads 1 when the event size is random;
 * writing 1 toggles it.  The rest stores.
 *
 * The registers with side effects are in roc_sim_cru_watch[], sampled
 * when stored through an mmap() (watch.c), with BAR0 0x608 (error
 * injection), BAR2 0x30804 (serial number fetch), the GBT links'
 * +0x30 (bit 6 resets the error counters of the loopback test).
 */
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "sim.h"

#define ROC_SIM_TTC_DATA		0x200000
#define  ROC_SIM_TTC_SOURCE		GENMASK(17, 16)
#define  ROC_SIM_TTC_STICKY_CLEAR	BIT(28)
#define ROC_SIM_TTC_HB_CNT		0x200004
#define ROC_SIM_TTC_PHYS_CNT		0x200008
#define ROC_SIM_TTC_SOX_EOX_CNT		0x20000c
#define ROC_SIM_TTC_ONU_STICKY		0x200014
#define ROC_SIM_TTC_TOF_CAL_CNT		0x200018
#define ROC_SIM_TTC_GLITCH		0x200020
#define ROC_SIM_TTC_PON_QUALITY		0x10000c
#define ROC_SIM_ONU_USER_LOGIC		0x22a000
#define  ROC_SIM_ONU_RESET		BIT(0)
#define ROC_SIM_ONU_FEC_CTRL		0x22a004
#define  ROC_SIM_ONU_FEC_CLEAR		BIT(0)
#define  ROC_SIM_ONU_FEC_LATCH		BIT(1)
#define ROC_SIM_ONU_STATUS		0x22a00c
#define  ROC_SIM_ONU_DOWN_BITS		0xa5
#define  ROC_SIM_ONU_PHASE_BITS		0x0a
#define ROC_SIM_ONU_FEC_SERR		0x22a020
#define ROC_SIM_ONU_FEC_DERR		0x22a028
#define ROC_SIM_PLL_CONTROL_ONU		0x240018
#define  ROC_SIM_PLL_PHASE_STEP		BIT(20)

#define ROC_SIM_PAT_CFG			0x260000
#define  ROC_SIM_PAT_EXE_PAT2		BIT(4)
#define  ROC_SIM_PAT_EXE_PAT1		BIT(8)
#define  ROC_SIM_PAT_PAT1_AT_START	BIT(12)

#define ROC_SIM_CTP_CTRL		0x280000
#define  ROC_SIM_CTP_RESET		BIT(31)
#define ROC_SIM_CTP_RUNMODE		0x280010
#define  ROC_SIM_CTP_MODE		GENMASK(1, 0)
#define  ROC_SIM_CTP_MANUAL_TRIGGER	BIT(8)
#define ROC_SIM_CTP_PHYSDIV		0x280014
#define ROC_SIM_CTP_HCDIV		0x280018
#define ROC_SIM_CTP_CALDIV		0x280020
#define ROC_SIM_CTP_DIV_MASK		GENMASK(27, 0)
#define ROC_SIM_CTP_MODE_PERIODIC	1
#define ROC_SIM_CTP_MODE_IDLE		3
#define ROC_SIM_CTP_PHYS_MIN		8
#define ROC_SIM_CTP_CAL_MIN		19

#define ROC_SIM_UL_EVSIZE_RAND		0xc80008

/* BAR0 0x608 and BAR2 0x30804 are cru_dma.c's and cru.c's */
#define ROC_SIM_CRU_INJECT_ERROR	0x608
#define ROC_SIM_CRU_SERIAL_CTRL		0x30804

/* GBT link +0x30, loopback source select; bit 6 resets error counters */
#define ROC_SIM_GBT_SOURCE(w, b, l)	(0x400000 + 0x100000 * (w) + \
					 0x20000 * ((b) + 1) + \
					 0x2000 * ((l) + 1) + 0x30)
#define ROC_SIM_GBT_RESET_ERRORS	BIT(6)

/* RDH trigger types (docs/hardware.md 12.3) */
#define ROC_SIM_TT_ORBIT		BIT(0)
#define ROC_SIM_TT_HB			BIT(1)
#define ROC_SIM_TT_PHT			BIT(4)
#define ROC_SIM_TT_CAL			BIT(6)

/* 40.079 MHz, in BC per ms; an orbit is 3564 BC */
#define ROC_SIM_BC_PER_MS		40079
#define ROC_SIM_ORBIT_BC		3564

#define ROC_SIM_TTC_PHASES		56
#define ROC_SIM_TTC_BAD_PHASES		12
#define ROC_SIM_TTC_PHASE_GOOD		30	/* at card creation */
#define ROC_SIM_TTC_PHASE_RESET		2	/* after an ONU reset */

/**
 * struct roc_sim_ttc - state of the TTC block; &roc_sim_ep.lock
 * @onu_errors: knob: ONU status bits forced bad (sticky bit order)
 * @phase: TX phase step
 * @running: the CTP emulator runs
 * @start_ns: when the counts below were last folded in
 * @hb: HB count at @start_ns
 * @phys: PHYS count at @start_ns
 * @cal: CAL count at @start_ns
 * @physdiv: PHYS divider in effect, 0 for none
 * @caldiv: CAL divider in effect, 0 for none
 * @counting: running, and TTC_DATA selects the CTP
 * @pat1_played: pattern 1 executions
 * @pat2_played: pattern 2 executions
 * @onu_reset: the ONU core is held in reset (0x22A000 bit 0)
 * @sticky: ONU sticky errors since the last clear (0x200014)
 * @ul_random: user logic: random event size (0xC80008)
 *
 * Write hooks keep their state here, never compare with the register: a
 * store through an mmap() is already in the register when the hook runs.
 */
struct roc_sim_ttc {
	u32 onu_errors;
	u32 phase;
	bool running;
	bool counting;
	u64 start_ns;
	u64 hb;
	u64 phys;
	u64 cal;
	u32 physdiv;
	u32 caldiv;
	u64 pat1_played;
	u64 pat2_played;
	bool onu_reset;
	bool ul_random;
	u32 sticky;
};

#define ROC_SIM_W(bar, off, clr)	{ (bar), (off), (clr) }
#define ROC_SIM_W_GBT(w, b, l) \
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_GBT_SOURCE(w, b, l), \
		  ROC_SIM_GBT_RESET_ERRORS)
/*
 * The CRU registers whose writes have side effects (watch.c).  Arguments
 * before the commands that use them: dividers before RUNMODE and CTRL.
 */
const struct roc_sim_watch_reg roc_sim_cru_watch[] = {
	ROC_SIM_W(ROC_SIM_CRU_BAR0, ROC_SIM_CRU_INJECT_ERROR, BIT(0)),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CRU_SERIAL_CTRL, BIT(1)),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_TTC_DATA, ROC_SIM_TTC_STICKY_CLEAR),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_TTC_ONU_STICKY, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_ONU_USER_LOGIC, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_ONU_FEC_CTRL,
		  ROC_SIM_ONU_FEC_CLEAR | ROC_SIM_ONU_FEC_LATCH),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_PLL_CONTROL_ONU,
		  ROC_SIM_PLL_PHASE_STEP),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CTP_PHYSDIV, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CTP_HCDIV, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CTP_CALDIV, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_PAT_CFG,
		  ROC_SIM_PAT_EXE_PAT1 | ROC_SIM_PAT_EXE_PAT2),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CTP_RUNMODE,
		  ROC_SIM_CTP_MANUAL_TRIGGER),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_CTP_CTRL, 0),
	ROC_SIM_W(ROC_SIM_CRU_BAR2, ROC_SIM_UL_EVSIZE_RAND, 0),
	ROC_SIM_W_GBT(0, 0, 0), ROC_SIM_W_GBT(0, 1, 0),
	ROC_SIM_W_GBT(1, 0, 0), ROC_SIM_W_GBT(1, 1, 0),
	ROC_SIM_W_GBT(0, 0, 1), ROC_SIM_W_GBT(0, 1, 1),
	ROC_SIM_W_GBT(1, 0, 1), ROC_SIM_W_GBT(1, 1, 1),
	ROC_SIM_W_GBT(0, 0, 2), ROC_SIM_W_GBT(0, 1, 2),
	ROC_SIM_W_GBT(1, 0, 2), ROC_SIM_W_GBT(1, 1, 2),
	ROC_SIM_W_GBT(0, 0, 3), ROC_SIM_W_GBT(0, 1, 3),
	ROC_SIM_W_GBT(1, 0, 3), ROC_SIM_W_GBT(1, 1, 3),
	ROC_SIM_W_GBT(0, 0, 4), ROC_SIM_W_GBT(0, 1, 4),
	ROC_SIM_W_GBT(1, 0, 4), ROC_SIM_W_GBT(1, 1, 4),
	ROC_SIM_W_GBT(0, 0, 5), ROC_SIM_W_GBT(0, 1, 5),
	ROC_SIM_W_GBT(1, 0, 5), ROC_SIM_W_GBT(1, 1, 5),
};

/* Written by the firmware only: writes through the core are ignored. */
static const u32 roc_sim_ttc_read_only[] = {
	ROC_SIM_TTC_HB_CNT, ROC_SIM_TTC_PHYS_CNT, ROC_SIM_TTC_SOX_EOX_CNT,
	ROC_SIM_TTC_TOF_CAL_CNT, ROC_SIM_TTC_GLITCH, ROC_SIM_TTC_PON_QUALITY,
	ROC_SIM_ONU_STATUS, ROC_SIM_ONU_FEC_SERR, ROC_SIM_ONU_FEC_DERR,
};

static struct roc_sim_ttc *roc_sim_ttc(struct roc_sim_ep *sep)
{
	return sep->ttc;
}

static u32 roc_sim_ttc_get(struct roc_sim_ep *sep, u32 off)
{
	return roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2, off);
}

static void roc_sim_ttc_set(struct roc_sim_ep *sep, u32 off, u32 val)
{
	roc_sim_watch_set(sep, ROC_SIM_CRU_BAR2, off, val);
}

/* ONU status now, and the sticky word accumulating its errors. */
static void roc_sim_ttc_onu(struct roc_sim_ep *sep)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	u32 status = 0xff;

	if (t->onu_reset) {
		status = 0;
	} else {
		if (!sep->card->simdev->ttc)
			status &= ~ROC_SIM_ONU_DOWN_BITS;
		if (t->phase % ROC_SIM_TTC_PHASES < ROC_SIM_TTC_BAD_PHASES)
			status &= ~ROC_SIM_ONU_PHASE_BITS;
		status &= ~t->onu_errors;
	}
	roc_sim_ttc_set(sep, ROC_SIM_ONU_STATUS, status);
	t->sticky |= ~status & 0xff;
	roc_sim_ttc_set(sep, ROC_SIM_TTC_ONU_STICKY, t->sticky);
}

/* Triggers sent since @t->start_ns, added to the counter registers. */
static void roc_sim_ttc_counts(struct roc_sim_ep *sep, u64 now, u64 *hb,
			       u64 *phys, u64 *cal)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	u64 bc = 0;

	if (t->counting)
		bc = div_u64((now - t->start_ns) * ROC_SIM_BC_PER_MS,
			     NSEC_PER_MSEC);
	*hb = t->hb + div_u64(bc, ROC_SIM_ORBIT_BC);
	*phys = t->phys + (t->physdiv ? div_u64(bc, t->physdiv) : 0);
	*cal = t->cal + (t->caldiv ? div_u64(bc, t->caldiv) : 0);
}

/**
 * roc_sim_cru_ttc_update() - bring the trigger counters up to date
 * @sep: CRU endpoint, lock held
 */
void roc_sim_cru_ttc_update(struct roc_sim_ep *sep)
{
	u64 hb, phys, cal;
	u32 tofcal;

	if (!roc_sim_ttc(sep))
		return;
	roc_sim_ttc_counts(sep, ktime_get_ns(), &hb, &phys, &cal);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_TTC_HB_CNT, (u32)hb);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_TTC_PHYS_CNT, (u32)phys);
	tofcal = roc_sim_ttc_get(sep, ROC_SIM_TTC_TOF_CAL_CNT) & 0xffff;
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_TTC_TOF_CAL_CNT,
			tofcal | (u32)(cal & 0xffff) << 16);
	roc_sim_ttc_onu(sep);
}

/* Add a SOX (@eox false) or an EOX to their 4-bit counts. */
static void roc_sim_ttc_sox_eox(struct roc_sim_ep *sep, bool eox)
{
	u32 v = roc_sim_ttc_get(sep, ROC_SIM_TTC_SOX_EOX_CNT);
	u32 shift = eox ? 4 : 0;
	u32 n = ((v >> shift) + 1) & 0xf;

	v = (v & ~(0xfU << shift)) | n << shift;
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_TTC_SOX_EOX_CNT, v);
}

/* The emulator's configuration changed: fold the counts, take the new. */
static void roc_sim_ttc_ctp(struct roc_sim_ep *sep)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	u32 ctrl = roc_sim_ttc_get(sep, ROC_SIM_CTP_CTRL);
	u32 mode = roc_sim_ttc_get(sep, ROC_SIM_CTP_RUNMODE) & ROC_SIM_CTP_MODE;
	u32 physdiv, caldiv;
	u64 now = ktime_get_ns();
	bool running;

	roc_sim_ttc_counts(sep, now, &t->hb, &t->phys, &t->cal);
	t->start_ns = now;

	running = !(ctrl & ROC_SIM_CTP_RESET) && mode != ROC_SIM_CTP_MODE_IDLE;
	if (running && !t->running) {
		roc_sim_ttc_sox_eox(sep, false);
		if (roc_sim_ttc_get(sep, ROC_SIM_PAT_CFG) &
		    ROC_SIM_PAT_PAT1_AT_START)
			t->pat1_played++;
	} else if (!running && t->running) {
		roc_sim_ttc_sox_eox(sep, true);
	}
	t->running = running;
	t->counting = running &&
		      !(roc_sim_ttc_get(sep, ROC_SIM_TTC_DATA) &
			ROC_SIM_TTC_SOURCE);
	physdiv = roc_sim_ttc_get(sep, ROC_SIM_CTP_PHYSDIV) &
		  ROC_SIM_CTP_DIV_MASK;
	caldiv = roc_sim_ttc_get(sep, ROC_SIM_CTP_CALDIV) &
		 ROC_SIM_CTP_DIV_MASK;
	t->physdiv = mode == ROC_SIM_CTP_MODE_PERIODIC &&
		     physdiv >= ROC_SIM_CTP_PHYS_MIN ? physdiv : 0;
	t->caldiv = mode == ROC_SIM_CTP_MODE_PERIODIC &&
		    caldiv >= ROC_SIM_CTP_CAL_MIN ? caldiv : 0;
	roc_sim_cru_ttc_update(sep);
}

/**
 * roc_sim_cru_ttc_trigger_type() - trigger types of the DDG's RDHs now
 * @sep: CRU endpoint, lock held
 *
 * Return: RDH trigger type bits, 0 while the CTP emulator sends nothing.
 */
u32 roc_sim_cru_ttc_trigger_type(struct roc_sim_ep *sep)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	u32 tt;

	if (!t || !t->counting)
		return 0;
	tt = ROC_SIM_TT_ORBIT | ROC_SIM_TT_HB;
	if (t->physdiv)
		tt |= ROC_SIM_TT_PHT;
	if (t->caldiv)
		tt |= ROC_SIM_TT_CAL;
	return tt;
}

/* Does a read of this register need the counters brought up to date? */
bool roc_sim_cru_ttc_read_locked(unsigned int bar, u32 off)
{
	return bar == ROC_SIM_CRU_BAR2 &&
	       (off == ROC_SIM_TTC_HB_CNT || off == ROC_SIM_TTC_PHYS_CNT ||
		off == ROC_SIM_TTC_TOF_CAL_CNT || off == ROC_SIM_ONU_STATUS ||
		off == ROC_SIM_TTC_ONU_STICKY);
}

static void roc_sim_ttc_gbt_write(struct roc_sim_ep *sep, u32 off, u32 val)
{
	if (!(val & ROC_SIM_GBT_RESET_ERRORS))
		return;
	/* +0x10 RX data error count, +0x1C FEC error count of the link */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off - 0x30 + 0x10, 0);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off - 0x30 + 0x1c, 0);
}

/**
 * roc_sim_cru_ttc_write() - a BAR2 write to the blocks of this file
 * @sep: CRU endpoint, lock held
 * @bar: BAR
 * @off: register
 * @val: value
 *
 * Return: true if taken (stored and acted on, or ignored when read-only).
 */
bool roc_sim_cru_ttc_write(struct roc_sim_ep *sep, unsigned int bar, u32 off,
			   u32 val)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	unsigned int i, w, b, l;

	if (bar != ROC_SIM_CRU_BAR2 || !t)
		return false;
	for (i = 0; i < ARRAY_SIZE(roc_sim_ttc_read_only); i++)
		if (off == roc_sim_ttc_read_only[i])
			return true;

	for (w = 0; w < 2; w++)
		for (b = 0; b < 2; b++)
			for (l = 0; l < ROC_SIM_CRU_GBT_LINKS / 2; l++)
				if (off == ROC_SIM_GBT_SOURCE(w, b, l)) {
					roc_sim_reg_set(sep, bar, off, val);
					roc_sim_ttc_gbt_write(sep, off, val);
					return true;
				}

	switch (off) {
	case ROC_SIM_TTC_DATA:
		roc_sim_reg_set(sep, bar, off, val);
		if (val & ROC_SIM_TTC_STICKY_CLEAR)
			t->sticky = 0;
		roc_sim_ttc_ctp(sep);
		return true;
	case ROC_SIM_TTC_ONU_STICKY:
		t->sticky = 0;
		roc_sim_ttc_onu(sep);
		return true;
	case ROC_SIM_ONU_USER_LOGIC:
		if ((val & ROC_SIM_ONU_RESET) && !t->onu_reset)
			t->phase = ROC_SIM_TTC_PHASE_RESET;
		t->onu_reset = val & ROC_SIM_ONU_RESET;
		roc_sim_reg_set(sep, bar, off, val);
		roc_sim_ttc_onu(sep);
		return true;
	case ROC_SIM_ONU_FEC_CTRL:
		roc_sim_reg_set(sep, bar, off, val);
		if (val & ROC_SIM_ONU_FEC_CLEAR) {
			roc_sim_reg_set(sep, bar, ROC_SIM_ONU_FEC_SERR, 0);
			roc_sim_reg_set(sep, bar, ROC_SIM_ONU_FEC_DERR, 0);
		}
		return true;
	case ROC_SIM_PLL_CONTROL_ONU:
		roc_sim_reg_set(sep, bar, off, val);
		if (val & ROC_SIM_PLL_PHASE_STEP) {
			t->phase = (t->phase + 1) % ROC_SIM_TTC_PHASES;
			roc_sim_ttc_onu(sep);
		}
		return true;
	case ROC_SIM_PAT_CFG:
		roc_sim_reg_set(sep, bar, off, val);
		if (val & ROC_SIM_PAT_EXE_PAT2)
			t->pat2_played++;
		if (val & ROC_SIM_PAT_EXE_PAT1)
			t->pat1_played++;
		return true;
	case ROC_SIM_CTP_RUNMODE:
		roc_sim_reg_set(sep, bar, off, val);
		roc_sim_ttc_ctp(sep);
		if ((val & ROC_SIM_CTP_MANUAL_TRIGGER) &&
		    !(roc_sim_ttc_get(sep, ROC_SIM_CTP_CTRL) &
		      ROC_SIM_CTP_RESET)) {
			t->phys += t->counting;
			roc_sim_cru_ttc_update(sep);
		}
		return true;
	case ROC_SIM_CTP_CTRL:
	case ROC_SIM_CTP_PHYSDIV:
	case ROC_SIM_CTP_HCDIV:
	case ROC_SIM_CTP_CALDIV:
		roc_sim_reg_set(sep, bar, off, val);
		roc_sim_ttc_ctp(sep);
		return true;
	case ROC_SIM_UL_EVSIZE_RAND:
		if (val & BIT(0))
			t->ul_random = !t->ul_random;
		roc_sim_reg_set(sep, bar, off, t->ul_random);
		return true;
	}
	return false;
}

/**
 * roc_sim_cru_ttc_reset() - power-on values of the block's registers
 * @sep: endpoint, zeroed, not yet shared
 */
void roc_sim_cru_ttc_reset(struct roc_sim_ep *sep)
{
	/* the CTP emulator starts idle, in reset */
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CTP_CTRL,
			ROC_SIM_CTP_RESET);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_CTP_RUNMODE,
			ROC_SIM_CTP_MODE_IDLE);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_TTC_PON_QUALITY, 0x1);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, ROC_SIM_ONU_STATUS,
			sep->card->simdev->ttc ? 0xff : 0x5a);
}

int roc_sim_cru_ttc_init(struct roc_sim_ep *sep)
{
	struct roc_sim_ttc *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	t->phase = ROC_SIM_TTC_PHASE_GOOD;
	t->start_ns = ktime_get_ns();
	spin_lock_bh(&sep->lock);
	sep->ttc = t;
	roc_sim_ttc_onu(sep);
	spin_unlock_bh(&sep->lock);
	return 0;
}

void roc_sim_cru_ttc_exit(struct roc_sim_ep *sep)
{
	kfree(sep->ttc);
	sep->ttc = NULL;
}

/* debugfs: knobs that change the status take the lock */
static int roc_sim_ttc_onu_errors_get(void *data, u64 *val)
{
	struct roc_sim_ep *sep = data;

	*val = READ_ONCE(roc_sim_ttc(sep)->onu_errors);
	return 0;
}

static int roc_sim_ttc_onu_errors_set(void *data, u64 val)
{
	struct roc_sim_ep *sep = data;

	if (val > 0xff)
		return -EINVAL;
	spin_lock_bh(&sep->lock);
	roc_sim_ttc(sep)->onu_errors = val;
	roc_sim_ttc_onu(sep);
	spin_unlock_bh(&sep->lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_ttc_onu_errors_fops,
			 roc_sim_ttc_onu_errors_get,
			 roc_sim_ttc_onu_errors_set, "0x%llx\n");

static int roc_sim_ttc_fec_get(struct roc_sim_ep *sep, u32 off, u64 *val)
{
	*val = roc_sim_ttc_get(sep, off);
	return 0;
}

static int roc_sim_ttc_fec_set(struct roc_sim_ep *sep, u32 off, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_bh(&sep->lock);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off, val);
	spin_unlock_bh(&sep->lock);
	return 0;
}

static int roc_sim_ttc_serr_get(void *data, u64 *val)
{
	return roc_sim_ttc_fec_get(data, ROC_SIM_ONU_FEC_SERR, val);
}

static int roc_sim_ttc_serr_set(void *data, u64 val)
{
	return roc_sim_ttc_fec_set(data, ROC_SIM_ONU_FEC_SERR, val);
}

static int roc_sim_ttc_derr_get(void *data, u64 *val)
{
	return roc_sim_ttc_fec_get(data, ROC_SIM_ONU_FEC_DERR, val);
}

static int roc_sim_ttc_derr_set(void *data, u64 val)
{
	return roc_sim_ttc_fec_set(data, ROC_SIM_ONU_FEC_DERR, val);
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_ttc_serr_fops, roc_sim_ttc_serr_get,
			 roc_sim_ttc_serr_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_ttc_derr_fops, roc_sim_ttc_derr_get,
			 roc_sim_ttc_derr_set, "%llu\n");

/**
 * roc_sim_cru_ttc_debugfs_init() - knobs of ep<N>/ttc/
 * @sep: CRU endpoint with its debugfs directory
 *
 *   onu_errors   u32 0600 ONU status bits forced bad (0x22A00C order); they
 *                         show in the sticky word too
 *   fec_single   u32 0600 FEC single-error count (0x22A020)
 *   fec_double   u32 0600 FEC double-error count (0x22A028)
 *   pat1_played  u64 0400 pattern player: pattern 1 executions
 *   pat2_played  u64 0400 pattern 2 executions
 */
void roc_sim_cru_ttc_debugfs_init(struct roc_sim_ep *sep)
{
	struct roc_sim_ttc *t = roc_sim_ttc(sep);
	struct dentry *dir;

	if (!t)
		return;
	dir = debugfs_create_dir("ttc", sep->ddir);
	debugfs_create_file_unsafe("onu_errors", 0600, dir, sep,
				   &roc_sim_ttc_onu_errors_fops);
	debugfs_create_file_unsafe("fec_single", 0600, dir, sep,
				   &roc_sim_ttc_serr_fops);
	debugfs_create_file_unsafe("fec_double", 0600, dir, sep,
				   &roc_sim_ttc_derr_fops);
	debugfs_create_u64("pat1_played", 0400, dir, &t->pat1_played);
	debugfs_create_u64("pat2_played", 0400, dir, &t->pat2_played);
}
