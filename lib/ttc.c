// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the CRU's TTC block and what hangs off it: pattern player, CTP
 * emulator, trigger counters, ONU status and calibration, FEC, the GBT
 * loopback test and the user logic (docs/hardware.md P2-1, P2-2, P2-4).
 *
 * Every register sequence is one ROC_REG_BATCH, in the order the old
 * library used: the driver carries it out under its register lock, so
 * two processes never interleave halves of a sequence, and the pulses
 * (set a bit, clear it) reach the firmware as written.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"
#include "regs.h"

#define BAR2			ROC_CRU_BAR

#define TTC_DATA		0x200000
#define  TTC_SOURCE_MASK	(3u << 16)
#define  TTC_SOURCE_PATTERN	(1u << 16)
#define  TTC_STICKY_CLEAR	(1u << 28)
#define TTC_HB_CNT		0x200004
#define TTC_PHYS_CNT		0x200008
#define TTC_SOX_EOX_CNT		0x20000c
#define TTC_ONU_STICKY		0x200014
#define TTC_TOF_CAL_CNT		0x200018
#define TTC_GLITCH		0x200020
#define TTC_PON_QUALITY		0x10000c
#define PON_WRAPPER_PLL		0x224000
#define PON_WRAPPER_TX		0x226000
#define ONU_USER_LOGIC		0x22a000
#define ONU_FEC_CTRL		0x22a004
#define ONU_STATUS		0x22a00c
#define ONU_FEC_SERR		0x22a020
#define ONU_FEC_DERR		0x22a028
#define CLOCK_CONTROL		0x240010
#define CLOCK_PLL_CONTROL_ONU	0x240018
#define CLOCK_ONU_FPLL		0x248000

#define PAT_CFG			0x260000
#define PAT0			0x260004	/* pat0..2: +0xc each */
#define PAT1_LENGTH		0x260028
#define PAT1_DELAY		0x26002c
#define PAT2_LENGTH		0x260030
#define PAT1_TRIGGER_SEL	0x260034
#define PAT2_TRIGGER_SEL	0x260038
#define PAT3_TRIGGER_SEL	0x26003c
#define PAT2_TRIGGER_TF		0x260040
#define PAT3_LENGTH		0x260044
#define PAT3			0x260048
/* the current layout: firmware built from this date on (P2-1) */
#define PAT_LAYOUT_DATE		0x20230919

#define CTP_CTRL		0x280000
#define CTP_BCMAX		0x280004
#define CTP_HBMAX		0x280008
#define CTP_PRESCALER		0x28000c
#define CTP_RUNMODE		0x280010
#define CTP_PHYSDIV		0x280014
#define CTP_HCDIV		0x280018
#define CTP_CALDIV		0x280020
#define CTP_FBCT		0x280024
#define CTP_ORBIT_INIT		0x280028
#define CTP_RESET		(1u << 31)
#define CTP_IDLE		3u
#define CTP_MANUAL_TRIGGER	(1u << 8)
#define CTP_DIV_OFF		5u
#define CTP_MAX_BCID		3563u
#define CTP_DIV_MAX		0x0fffffffu

#define UL_RESET		0xc80000
#define UL_EVSIZE		0xc80004
#define UL_EVSIZE_RAND		0xc80008
#define UL_SYSTEM_ID		0xc8000c
#define UL_LINK_ID		0xc80010

#define GBT_STATUS		0x0
#define  GBT_PLL_LOCK		(1u << 8)
#define  GBT_RX_LOCKED		(1u << 10)
#define  GBT_DATA_UP		(1u << 11)
#define  GBT_PHY_UP		(1u << 13)
#define GBT_RX_ERRORS		0x10
#define GBT_FEC_ERRORS		0x1c
#define GBT_MASK_HIGH		0x20
#define GBT_MASK_MED		0x24
#define GBT_MASK_LOW		0x28
#define GBT_SOURCE		0x30
#define GBT_WRAPPER_TEST	0x8

/* A register sequence: one batch, errors kept until run. */
struct seq {
	struct roc_card *card;
	struct roc_batch *b;
	int err;
};

static int seq_begin(struct seq *q, struct roc_card *card)
{
	const struct roc_card_info *info = roc_card_get_info(card);

	q->card = card;
	q->b = NULL;
	q->err = 0;
	if (roc_card_info_get_type(info) != ROC_TYPE_CRU)
		return roc_err(-EOPNOTSUPP, "%s: not a CRU: the TTC block is the CRU's",
			       roc_card_get_label(card));
	if (roc_batch_new(&q->b))
		return roc_err(-ENOMEM, "%s: out of memory", roc_card_get_label(card));
	return 0;
}

static int seq_note(struct seq *q, int ret)
{
	if (ret < 0 && !q->err)
		q->err = ret;
	return ret;
}

static void w(struct seq *q, uint32_t addr, uint32_t val)
{
	seq_note(q, roc_batch_add_write(q->b, BAR2, addr, val));
}

static void m(struct seq *q, uint32_t addr, uint32_t mask, uint32_t val)
{
	seq_note(q, roc_batch_add_modify(q->b, BAR2, addr, mask, val));
}

/* Pulse: bit(s) set, then cleared. */
static void pulse(struct seq *q, uint32_t addr, uint32_t bits)
{
	m(q, addr, bits, bits);
	m(q, addr, bits, 0);
}

static int r(struct seq *q, uint32_t addr)
{
	return seq_note(q, roc_batch_add_read(q->b, BAR2, addr));
}

static uint32_t val(struct seq *q, int i)
{
	return i < 0 ? 0 : roc_batch_get_value(q->b, i);
}

/* Carry the batch out and start a new one; the batch stays readable. */
static int seq_run(struct seq *q)
{
	int ret = q->err;

	if (!ret)
		ret = roc_batch_run(q->b, q->card);
	return ret;
}

static void seq_next(struct seq *q)
{
	roc_batch_clear(q->b);
}

static void seq_end(struct seq *q)
{
	roc_batch_free(q->b);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- pattern player ------------------------------------------------------ */

ROC_API void roc_patplayer_defaults(struct roc_patplayer *pp)
{
	memset(pp, 0, sizeof(*pp));
	pp->pat1_length = 1;
	pp->pat2_length = 1;
	pp->pat3_length = 1;
	pp->pat1_trigger_select = 29;
	pp->pat2_trigger_select = 30;
}

ROC_API int roc_parse_wide(const char *s, unsigned int bits, uint64_t *lo,
			   uint16_t *hi)
{
	unsigned __int128 v = 0, lim;
	unsigned int base = 10, d;
	const char *p = s;

	if (!s || !*s || bits == 0 || bits > 80)
		return -EINVAL;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!*p)
			return -EINVAL;
	}
	lim = ((unsigned __int128)1 << bits) - 1;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			return -EINVAL;
		v = v * base + d;
		if (v > lim)
			return -ERANGE;
	}
	*lo = (uint64_t)v;
	*hi = (uint16_t)(v >> 64);
	return 0;
}

ROC_API int roc_patplayer_check_fw(const struct roc_card_info *info)
{
	if (roc_card_info_get_type(info) != ROC_TYPE_CRU)
		return roc_err(-EOPNOTSUPP, "%s: not a CRU: no pattern player",
			       roc_card_info_get_address(info));
	if (roc_card_info_get_fw_date(info) < PAT_LAYOUT_DATE)
		return roc_err(-EOPNOTSUPP,
			       "%s: firmware built %08x has the old pattern-player layout (before 20230919): not supported, update the firmware",
			       roc_card_info_get_address(info),
			       roc_card_info_get_fw_date(info));
	return 0;
}

static void pat_write(struct seq *q, uint32_t base, uint64_t lo, uint16_t hi)
{
	w(q, base, (uint32_t)lo);
	w(q, base + 4, (uint32_t)(lo >> 32));
	w(q, base + 8, hi);
}

static uint32_t pat_base(unsigned int i)
{
	return i < 3 ? PAT0 + 0xc * i : PAT3;
}

ROC_API int roc_patplayer_play(struct roc_card *card,
			       const struct roc_patplayer *pp)
{
	struct seq q;
	unsigned int i;
	int ret;

	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	ret = roc_patplayer_check_fw(roc_card_get_info(card));
	if (ret)
		goto out;
	m(&q, TTC_DATA, TTC_SOURCE_MASK, TTC_SOURCE_PATTERN);
	m(&q, PAT_CFG, 1u << 0, 1u << 0);
	for (i = 0; i < 4; i++)
		pat_write(&q, pat_base(i), pp->pat_lo[i], pp->pat_hi[i]);
	w(&q, PAT1_LENGTH, pp->pat1_length + pp->pat1_delay);
	w(&q, PAT1_DELAY, pp->pat1_delay);
	w(&q, PAT2_LENGTH, pp->pat2_length);
	w(&q, PAT3_LENGTH, pp->pat3_length);
	w(&q, PAT1_TRIGGER_SEL, pp->pat1_trigger_select);
	w(&q, PAT2_TRIGGER_SEL, pp->pat2_trigger_select);
	w(&q, PAT3_TRIGGER_SEL, pp->pat3_trigger_select);
	w(&q, PAT2_TRIGGER_TF, pp->pat2_trigger_tf);
	m(&q, PAT_CFG, 1u << 0, 0);
	m(&q, PAT_CFG, 1u << 12, pp->exe_pat1_at_start ? 1u << 12 : 0);
	if (pp->exe_pat2_now)
		pulse(&q, PAT_CFG, 1u << 4);
	if (pp->exe_pat1_now)
		pulse(&q, PAT_CFG, 1u << 8);
	ret = seq_run(&q);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_patplayer_read(struct roc_card *card, struct roc_patplayer *pp)
{
	int idx[4][3], len1, del, len2, len3, s1, s2, s3, tf, cfg;
	struct seq q;
	unsigned int i, j;
	int ret;

	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	for (i = 0; i < 4; i++)
		for (j = 0; j < 3; j++)
			idx[i][j] = r(&q, pat_base(i) + 4 * j);
	len1 = r(&q, PAT1_LENGTH);
	del = r(&q, PAT1_DELAY);
	len2 = r(&q, PAT2_LENGTH);
	len3 = r(&q, PAT3_LENGTH);
	s1 = r(&q, PAT1_TRIGGER_SEL);
	s2 = r(&q, PAT2_TRIGGER_SEL);
	s3 = r(&q, PAT3_TRIGGER_SEL);
	tf = r(&q, PAT2_TRIGGER_TF);
	cfg = r(&q, PAT_CFG);
	ret = seq_run(&q);
	if (ret)
		goto out;
	memset(pp, 0, sizeof(*pp));
	for (i = 0; i < 4; i++) {
		pp->pat_lo[i] = val(&q, idx[i][0]) |
				(uint64_t)val(&q, idx[i][1]) << 32;
		pp->pat_hi[i] = (uint16_t)val(&q, idx[i][2]);
	}
	pp->pat1_delay = val(&q, del);
	pp->pat1_length = val(&q, len1) - pp->pat1_delay;
	pp->pat2_length = val(&q, len2);
	pp->pat3_length = val(&q, len3);
	pp->pat1_trigger_select = val(&q, s1);
	pp->pat2_trigger_select = val(&q, s2);
	pp->pat3_trigger_select = val(&q, s3);
	pp->pat2_trigger_tf = val(&q, tf);
	pp->exe_pat1_at_start = val(&q, cfg) & (1u << 12);
out:
	seq_end(&q);
	return ret;
}

/* ---- CTP emulator --------------------------------------------------------- */

static const char *const ctp_modes[] = {
	[ROC_CTP_MANUAL] = "manual", [ROC_CTP_PERIODIC] = "periodic",
	[ROC_CTP_CONTINUOUS] = "continuous", [ROC_CTP_FIXED] = "fixed",
	[ROC_CTP_HC] = "hc", [ROC_CTP_CAL] = "cal",
};

ROC_API void roc_ctp_defaults(struct roc_ctp *ctp)
{
	ctp->mode = ROC_CTP_PERIODIC;
	ctp->bcmax = CTP_MAX_BCID;
	ctp->hbmax = 255;
	ctp->hbdrop = 15000;
	ctp->hbkeep = 15000;
	ctp->init_orbit = 0;
	ctp->trigger_freq = 8;
}

ROC_API int roc_ctp_mode_parse(const char *s, enum roc_ctp_mode *mode)
{
	unsigned int i;

	for (i = 0; s && i < sizeof(ctp_modes) / sizeof(ctp_modes[0]); i++)
		if (!strcasecmp(s, ctp_modes[i])) {
			*mode = i;
			return 0;
		}
	return roc_err(-EINVAL, "trigger mode \"%s\": not manual, periodic, continuous, fixed, hc or cal",
		       s ? s : "");
}

ROC_API const char *roc_ctp_mode_name(enum roc_ctp_mode mode)
{
	return (unsigned int)mode < sizeof(ctp_modes) / sizeof(ctp_modes[0]) ?
	       ctp_modes[mode] : NULL;
}

ROC_API int roc_ctp_check(const struct roc_ctp *c)
{
	if (!roc_ctp_mode_name(c->mode))
		return roc_err(-EINVAL, "trigger mode %d: unknown", (int)c->mode);
	if (c->bcmax > CTP_MAX_BCID)
		return roc_err(-EINVAL, "bcmax %u: at most %u", c->bcmax, CTP_MAX_BCID);
	if (c->hbmax > 0xffff)
		return roc_err(-EINVAL, "hbmax %u: at most 65535", c->hbmax);
	if (c->hbdrop < 2 || c->hbdrop > 0xffff)
		return roc_err(-EINVAL, "hbdrop %u: from 2 to 65535", c->hbdrop);
	if (c->hbkeep < 2 || c->hbkeep > 0xffff)
		return roc_err(-EINVAL, "hbkeep %u: from 2 to 65535", c->hbkeep);
	if (c->trigger_freq > CTP_DIV_MAX)
		return roc_err(-EINVAL, "trigger frequency divider %u: at most %u (28 bits)",
			       c->trigger_freq, CTP_DIV_MAX);
	return 0;
}

ROC_API int roc_ctp_start(struct roc_card *card, const struct roc_ctp *c)
{
	uint32_t mode = c->mode;
	struct seq q;
	unsigned int i;
	int ret;

	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	ret = roc_ctp_check(c);
	if (ret)
		goto out;
	w(&q, CTP_RUNMODE, CTP_IDLE);
	m(&q, CTP_CTRL, CTP_RESET, CTP_RESET);
	w(&q, CTP_ORBIT_INIT, c->init_orbit);
	switch (c->mode) {
	case ROC_CTP_PERIODIC:
		w(&q, CTP_PHYSDIV, c->trigger_freq);
		w(&q, CTP_HCDIV, CTP_DIV_OFF);
		w(&q, CTP_CALDIV, CTP_DIV_OFF);
		break;
	case ROC_CTP_HC:
		w(&q, CTP_PHYSDIV, CTP_DIV_OFF);
		w(&q, CTP_HCDIV, c->trigger_freq);
		w(&q, CTP_CALDIV, CTP_DIV_OFF);
		mode = ROC_CTP_PERIODIC;
		break;
	case ROC_CTP_CAL:
		w(&q, CTP_PHYSDIV, CTP_DIV_OFF);
		w(&q, CTP_HCDIV, CTP_DIV_OFF);
		w(&q, CTP_CALDIV, c->trigger_freq);
		mode = ROC_CTP_PERIODIC;
		break;
	case ROC_CTP_FIXED:
		w(&q, CTP_PHYSDIV, CTP_DIV_OFF);
		for (i = 0; i < 9; i++)
			w(&q, CTP_FBCT, 0);
		mode = ROC_CTP_PERIODIC;
		break;
	default:
		break;
	}
	m(&q, CTP_RUNMODE, 3u, CTP_IDLE);
	m(&q, CTP_RUNMODE, 3u, mode);
	w(&q, CTP_BCMAX, c->bcmax);
	w(&q, CTP_HBMAX, c->hbmax);
	w(&q, CTP_PRESCALER, c->hbdrop << 16 | c->hbkeep);
	m(&q, CTP_CTRL, CTP_RESET, 0);
	ret = seq_run(&q);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_ctp_eox(struct roc_card *card)
{
	struct seq q;
	int ret = seq_begin(&q, card);

	if (!ret) {
		m(&q, CTP_RUNMODE, 3u, CTP_IDLE);
		ret = seq_run(&q);
	}
	seq_end(&q);
	return ret;
}

ROC_API int roc_ctp_single_trigger(struct roc_card *card)
{
	struct seq q;
	int ret = seq_begin(&q, card);

	if (!ret) {
		pulse(&q, CTP_RUNMODE, CTP_MANUAL_TRIGGER);
		ret = seq_run(&q);
	}
	seq_end(&q);
	return ret;
}

/* ---- trigger counters ----------------------------------------------------- */

ROC_API int roc_triggers_read(struct roc_card *card, struct roc_triggers *t)
{
	int hb, phys, soxeox, tofcal;
	struct seq q;
	int ret = seq_begin(&q, card);

	if (ret)
		goto out;
	hb = r(&q, TTC_HB_CNT);
	phys = r(&q, TTC_PHYS_CNT);
	soxeox = r(&q, TTC_SOX_EOX_CNT);
	tofcal = r(&q, TTC_TOF_CAL_CNT);
	ret = seq_run(&q);
	if (ret)
		goto out;
	t->hb = val(&q, hb);
	t->phys = val(&q, phys);
	t->tof = val(&q, tofcal) & 0xffff;
	t->cal = val(&q, tofcal) >> 16;
	t->sox = val(&q, soxeox) & 0xf;
	t->eox = (val(&q, soxeox) >> 4) & 0xf;
out:
	seq_end(&q);
	return ret;
}

ROC_API void roc_triggers_diff(const struct roc_triggers *now,
			       const struct roc_triggers *then,
			       struct roc_triggers *d)
{
	d->hb = now->hb - then->hb;
	d->phys = now->phys - then->phys;
	d->cal = (now->cal - then->cal) & 0xffff;
	d->tof = (now->tof - then->tof) & 0xffff;
	d->sox = (now->sox - then->sox) & 0xf;
	d->eox = (now->eox - then->eox) & 0xf;
}

/* ---- ONU ------------------------------------------------------------------- */

static const char *const onu_bits[8] = {
	"RX40 locked", "phase good", "RX locked", "operational",
	"MGT TX ready", "MGT RX ready", "MGT TX PLL locked", "MGT RX PLL locked",
};

ROC_API const char *roc_onu_bit_name(unsigned int bit)
{
	return bit < 8 ? onu_bits[bit] : NULL;
}

#define ONU_UPSTREAM	0x5au
#define ONU_DOWNSTREAM	0xa5u

ROC_API int roc_onu_status_read(struct roc_card *card, int flags,
				struct roc_onu_status *st)
{
	int sticky, status, ul, q1, glitch, q2;
	struct seq q;
	int ret;

	if (flags & ~ROC_ONU_CLEAR_STICKY)
		return roc_err(-EINVAL, "%s: bad ONU status flags 0x%x",
			       roc_card_get_label(card), flags);
	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	sticky = r(&q, TTC_ONU_STICKY);
	status = r(&q, ONU_STATUS);
	ul = r(&q, ONU_USER_LOGIC);
	glitch = r(&q, TTC_GLITCH);
	q1 = r(&q, TTC_PON_QUALITY);
	if (flags & ROC_ONU_CLEAR_STICKY)
		pulse(&q, TTC_DATA, TTC_STICKY_CLEAR);
	ret = seq_run(&q);
	if (ret)
		goto out;
	memset(st, 0, sizeof(*st));
	st->sticky_was = val(&q, sticky) & 0xff;
	st->status = val(&q, status) & 0xff;
	st->sticky = ~st->status & 0xff;
	st->address = (val(&q, ul) >> 1) & 0xff;
	st->glitch_counter = val(&q, glitch);
	st->pon_quality = val(&q, q1);
	st->upstream = (st->status & ONU_UPSTREAM) == ONU_UPSTREAM;
	st->downstream = (st->status & ONU_DOWNSTREAM) == ONU_DOWNSTREAM;

	sleep_ms(10);
	seq_next(&q);
	q2 = r(&q, TTC_PON_QUALITY);
	ret = seq_run(&q);
	if (!ret)
		st->pon_quality_good = val(&q, q2) == st->pon_quality;
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_fec_status_read(struct roc_card *card, struct roc_fec_status *st)
{
	int ctrl, serr, derr;
	struct seq q;
	int ret = seq_begin(&q, card);

	if (ret)
		goto out;
	ctrl = r(&q, ONU_FEC_CTRL);
	serr = r(&q, ONU_FEC_SERR);
	derr = r(&q, ONU_FEC_DERR);
	ret = seq_run(&q);
	if (ret)
		goto out;
	memset(st, 0, sizeof(*st));
	st->clear_fec_crc_errors = val(&q, ctrl) & 1;
	st->latch_fec_crc_errors = val(&q, ctrl) & 2;
	st->fec_single_error_count = val(&q, serr) & 0xff;
	st->fec_double_error_count = val(&q, derr) & 0xff;
out:
	seq_end(&q);
	return ret;
}

/*
 * The Altera reconfiguration calibrations (P2-4.2): request the bus, start
 * the calibration, hand the bus to PreSICE.  The old library's waits are
 * bounded and never fail; the result is judged by the ONU status after.
 */
static void recal(struct seq *q, uint32_t base, uint32_t reg, uint32_t bits)
{
	w(q, base + 4 * 0x000, 0x2);
	m(q, base + 4 * reg, bits, bits);
	m(q, base + 4 * 0x000, 0xff, 0x1);
}

ROC_API int roc_onu_calibrate(struct roc_card *card)
{
	uint32_t refclk;
	struct seq q;
	int st, ret;

	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	m(&q, ONU_USER_LOGIC, 1, 1);
	ret = seq_run(&q);
	if (ret)
		goto out;
	sleep_ms(500);
	seq_next(&q);
	m(&q, ONU_USER_LOGIC, 1, 0);
	ret = seq_run(&q);
	if (ret)
		goto out;
	seq_next(&q);
	st = r(&q, PON_WRAPPER_PLL + 0x44c);
	ret = seq_run(&q);
	if (ret)
		goto out;
	refclk = val(&q, st);
	seq_next(&q);
	w(&q, PON_WRAPPER_PLL + 0x448, refclk);
	recal(&q, PON_WRAPPER_TX, 0x100, (1u << 1) | (1u << 6));	/* rx */
	recal(&q, CLOCK_ONU_FPLL, 0x100, 1u << 1);			/* fPLL */
	recal(&q, PON_WRAPPER_PLL, 0x100, 1u << 0);			/* ATX */
	recal(&q, PON_WRAPPER_TX, 0x100, 1u << 5);			/* tx */
	ret = seq_run(&q);
	if (ret)
		goto out;
	sleep_ms(2000);
	seq_next(&q);
	st = r(&q, ONU_STATUS);
	ret = seq_run(&q);
	if (ret)
		goto out;
	if ((val(&q, st) & 0x25) != 0x25)
		ret = roc_err(-EIO, "%s: PON RX calibration failed: ONU status 0x%02x lacks RX40 locked, RX locked or MGT RX ready",
			      roc_card_get_label(card), val(&q, st) & 0xff);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_onu_upstream_ok(struct roc_card *card, uint32_t address)
{
	struct roc_onu_status st;
	int ret = roc_onu_status_read(card, 0, &st);

	if (ret)
		return ret;
	return (st.status == 0xff || st.status == 0xf7) && st.address == address;
}

#define PHASE_STEPS	50000
#define PHASE_GOOD_RUN	19

ROC_API int roc_onu_tx_phase_scan(struct roc_card *card, uint32_t address)
{
	unsigned int step, count = 0;
	bool low = false;
	struct seq q;
	uint32_t s;
	int st, ret;

	if (address > 0xff)
		return roc_err(-EINVAL, "%s: ONU address %u: at most 255",
			       roc_card_get_label(card), address);
	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	m(&q, CLOCK_CONTROL, 1u << 24, 1u << 24);
	m(&q, CLOCK_CONTROL, 1u << 24, 0);
	w(&q, CLOCK_PLL_CONTROL_ONU, 0x1);
	ret = seq_run(&q);
	for (step = 0; !ret && step < PHASE_STEPS; step++) {
		seq_next(&q);
		w(&q, CLOCK_PLL_CONTROL_ONU, 0x00300000);
		w(&q, CLOCK_PLL_CONTROL_ONU, 0x00200000);
		st = r(&q, ONU_STATUS);
		ret = seq_run(&q);
		if (ret)
			break;
		s = val(&q, st) & 0xff;
		if (s == 0xff || s == 0xf7) {
			count++;
		} else if (s == 0xf5 || s == 0xfd) {
			count = 0;
			low = true;
		} else {
			count = 0;
		}
		if (low && count >= PHASE_GOOD_RUN)
			break;
	}
	if (ret)
		goto out;
	if (step == PHASE_STEPS) {
		ret = roc_err(-EIO, "%s: PON TX fPLL phase scan failed: no good phase in %u steps",
			      roc_card_get_label(card), PHASE_STEPS);
		goto out;
	}
	seq_next(&q);
	m(&q, ONU_USER_LOGIC, 0x1fe, address << 1);
	ret = seq_run(&q);
out:
	seq_end(&q);
	return ret;
}

/* ---- loopback, user logic ------------------------------------------------- */

static unsigned int card_ep(struct roc_card *card)
{
	return roc_card_info_get_endpoint(roc_card_get_info(card));
}

ROC_API int roc_loopback_setup(struct roc_card *card, uint32_t mask,
			       const struct roc_loopback *lb)
{
	unsigned int ep = card_ep(card), l;
	struct seq q;
	uint32_t base;
	int ret = seq_begin(&q, card);

	if (ret)
		goto out;
	m(&q, ROC_CRU_WRAPPER(ep) + GBT_WRAPPER_TEST, 1u << 7,
	  lb->counter_8bit ? 1u << 7 : 0);
	for (l = 0; l < ROC_CRU_LINKS_PER_ENDPOINT; l++) {
		if (!(mask & (1u << l)))
			continue;
		base = roc_cru_gbt_link_base(ep, l);
		m(&q, base + GBT_SOURCE, (1u << 1) | (1u << 2) | (1u << 5),
		  (1u << 1) | (1u << 2) | (lb->static_pattern ? 1u << 5 : 0));
		w(&q, base + GBT_MASK_LOW, lb->low_mask);
		w(&q, base + GBT_MASK_MED, lb->med_mask);
		w(&q, base + GBT_MASK_HIGH, lb->high_mask);
	}
	ret = seq_run(&q);
	if (ret)
		goto out;
	sleep_ms(100);
	seq_next(&q);
	for (l = 0; l < ROC_CRU_LINKS_PER_ENDPOINT; l++)
		if (mask & (1u << l))
			pulse(&q, roc_cru_gbt_link_base(ep, l) + GBT_SOURCE,
			      1u << 6);
	ret = seq_run(&q);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_loopback_read(struct roc_card *card, unsigned int link,
			      struct roc_loopback_stats *st)
{
	struct seq q;
	uint32_t base, s;
	int is, ie, ife, ret;

	if (link >= ROC_CRU_LINKS_PER_ENDPOINT)
		return roc_err(-EINVAL, "%s: link %u: the endpoint has links 0-11",
			       roc_card_get_label(card), link);
	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	base = roc_cru_gbt_link_base(card_ep(card), link);
	is = r(&q, base + GBT_STATUS);
	ie = r(&q, base + GBT_RX_ERRORS);
	ife = r(&q, base + GBT_FEC_ERRORS);
	ret = seq_run(&q);
	if (ret)
		goto out;
	s = val(&q, is);
	st->phy_up = s & GBT_PHY_UP;
	st->pll_lock = s & GBT_PLL_LOCK;
	st->rx_locked = s & GBT_RX_LOCKED;
	st->data_layer_up = s & GBT_DATA_UP;
	st->rx_data_errors = val(&q, ie);
	st->fec_errors = val(&q, ife);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_ul_set(struct roc_card *card, const struct roc_ul *ul)
{
	struct seq q;
	int rnd, ret;
	bool toggle;

	ret = seq_begin(&q, card);
	if (ret)
		goto out;
	rnd = r(&q, UL_EVSIZE_RAND);
	ret = seq_run(&q);
	if (ret)
		goto out;
	toggle = !!(val(&q, rnd) & 1) != ul->random_event_size;
	seq_next(&q);
	w(&q, UL_RESET, 0);
	w(&q, UL_EVSIZE, ul->event_size);
	if (toggle)
		w(&q, UL_EVSIZE_RAND, 1);
	w(&q, UL_SYSTEM_ID, ul->system_id);
	w(&q, UL_LINK_ID, ul->link_id);
	ret = seq_run(&q);
out:
	seq_end(&q);
	return ret;
}

ROC_API int roc_ul_get(struct roc_card *card, struct roc_ul *ul)
{
	int ev, rnd, sys, link;
	struct seq q;
	int ret = seq_begin(&q, card);

	if (ret)
		goto out;
	ev = r(&q, UL_EVSIZE);
	rnd = r(&q, UL_EVSIZE_RAND);
	sys = r(&q, UL_SYSTEM_ID);
	link = r(&q, UL_LINK_ID);
	ret = seq_run(&q);
	if (ret)
		goto out;
	ul->event_size = val(&q, ev);
	ul->random_event_size = val(&q, rnd) & 1;
	ul->system_id = val(&q, sys);
	ul->link_id = val(&q, link);
out:
	seq_end(&q);
	return ret;
}
