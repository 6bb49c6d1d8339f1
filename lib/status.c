// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - status snapshot of an endpoint: the configuration and status
 * registers of docs/hardware.md 2.2-2.4 (CRU) and 4.1 (C-RORC), read through
 * the BARs (a shared mapping where the driver allows one), as roc-status,
 * roc-metrics and roc-pkt-monitor show them.
 *
 * The one write: a CRU link whose inverted sticky bits are not both set
 * gets 0 written to its register +0x38 and its status read again (2.4,
 * Gbt::getStickyBit), in one ROC_REG_BATCH so that the write goes through
 * the driver (the simulator models it there, not on a mapped store).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "regs.h"

#define ROC_DW_IDS	16

struct roc_dw_link {
	bool enabled;
	uint32_t accepted, rejected, forced;
};

struct roc_status {
	enum roc_type type;
	uint64_t time_ns;
	bool has[ROC_STATUS_FIELD_COUNT];
	int64_t field[ROC_STATUS_FIELD_COUNT];
	size_t num_links;
	struct roc_link_status link[ROC_CRU_LINKS_PER_ENDPOINT];
	struct roc_dw_link dw[ROC_DW_IDS];
};

static const char *const roc_status_names[ROC_STATUS_FIELD_COUNT] = {
	[ROC_STATUS_FIELD_CRU_ID]		= "cruId",
	[ROC_STATUS_FIELD_CLOCK]		= "clock",
	[ROC_STATUS_FIELD_DOWNSTREAM]		= "downstreamData",
	[ROC_STATUS_FIELD_DYNAMIC_OFFSET]	= "dynamicOffset",
	[ROC_STATUS_FIELD_USER_LOGIC]		= "userLogic",
	[ROC_STATUS_FIELD_RUN_STATS]		= "runStats",
	[ROC_STATUS_FIELD_UL_AND_CL]		= "userAndCommonLogic",
	[ROC_STATUS_FIELD_DROP_BAD_RDH]	= "dropBadRdh",
	[ROC_STATUS_FIELD_DATA_TAKING]	= "dataTaking",
	[ROC_STATUS_FIELD_ALLOW_REJECTION]	= "allowRejection",
	[ROC_STATUS_FIELD_TRIGGER_WINDOW]	= "triggerWindowSize",
	[ROC_STATUS_FIELD_SYSTEM_ID]		= "systemId",
	[ROC_STATUS_FIELD_CTP_CLOCK_HZ]	= "ctpClockHz",
	[ROC_STATUS_FIELD_LOCAL_CLOCK_HZ]	= "localClockHz",
	[ROC_STATUS_FIELD_TEMPERATURE_MDEG]	= "temperatureMilliC",
	[ROC_STATUS_FIELD_DROPPED_PACKETS]	= "droppedPackets",
	[ROC_STATUS_FIELD_TOTAL_PACKETS]	= "totalPackets",
	[ROC_STATUS_FIELD_PACKETS_PER_SECOND]	= "totalPacketsPerSecond",
	[ROC_STATUS_FIELD_CRORC_ID]		= "crorcId",
	[ROC_STATUS_FIELD_QSFP]		= "qsfp",
	[ROC_STATUS_FIELD_TF_DETECTION]	= "timeFrameDetection",
	[ROC_STATUS_FIELD_TF_LENGTH]		= "timeFrameLength",
};

/* ---- pure decoding ------------------------------------------------------- */

#define ROC_GBT_STICKY	(ROC_CRU_GBT_STATUS_PHY_WAS_DOWN | \
			 ROC_CRU_GBT_STATUS_DATA_WAS_DOWN)
#define ROC_GBT_LIVE	(ROC_CRU_GBT_STATUS_PHY_UP | ROC_CRU_GBT_STATUS_DATA_UP)

ROC_API const char *roc_link_state_name(enum roc_link_state state)
{
	switch (state) {
	case ROC_LINK_STATE_DOWN:
		return "DOWN";
	case ROC_LINK_STATE_UP:
		return "UP";
	case ROC_LINK_STATE_UP_WAS_DOWN:
		return "UP (was DOWN)";
	}
	return NULL;
}

bool roc_gbt_needs_clear(uint32_t status)
{
	return (status & ROC_GBT_STICKY) != ROC_GBT_STICKY;
}

enum roc_link_state roc_gbt_link_state(uint32_t status, bool cleared,
					       uint32_t after)
{
	if (!roc_gbt_needs_clear(status))
		return ROC_LINK_STATE_UP;
	if (cleared)
		return roc_gbt_needs_clear(after) ? ROC_LINK_STATE_DOWN :
						    ROC_LINK_STATE_UP_WAS_DOWN;
	return (status & ROC_GBT_LIVE) == ROC_GBT_LIVE ? ROC_LINK_STATE_UP_WAS_DOWN :
							 ROC_LINK_STATE_DOWN;
}

ROC_API const char *roc_gbt_mux_name(enum roc_gbt_mux mux,
				     enum roc_downstream downstream)
{
	static const char *const ttc[] = {
		[ROC_CRU_DOWNSTREAM_CTP] = "TTC:CTP",
		[ROC_CRU_DOWNSTREAM_PATTERN] = "TTC:PATTERN",
		[ROC_CRU_DOWNSTREAM_MIDTRG] = "TTC:MIDTRG",
	};

	switch ((unsigned int)mux) {
	case ROC_CRU_MUX_TTC:
		return (unsigned int)downstream < ROC_ARRAY_SIZE(ttc) ?
		       ttc[downstream] :
							   "TTC";
	case ROC_CRU_MUX_DDG:
		return "DDG";
	case ROC_CRU_MUX_SWT:
		return "SWT";
	case ROC_CRU_MUX_TTCUP:
		return "TTCUP";
	case ROC_CRU_MUX_UL:
		return "UL";
	}
	return NULL;
}

ROC_API const char *roc_clock_name(enum roc_clock clock)
{
	switch ((unsigned int)clock) {
	case ROC_CRU_CLOCK_TTC:
		return "TTC";
	case ROC_CRU_CLOCK_LOCAL:
		return "LOCAL";
	}
	return NULL;
}

int roc_cru_temperature_decode(uint32_t reg, int32_t *millideg)
{
	if (!reg || reg > 1023)
		return -ENODATA;
	/* degrees = raw * 693 / 1024 - 265, in millidegrees */
	*millideg = (int32_t)((int64_t)reg * 693000 / 1024) - 265000;
	return 0;
}

ROC_API const char *roc_status_field_name(enum roc_status_field field)
{
	if ((unsigned int)field >= ROC_STATUS_FIELD_COUNT)
		return NULL;
	return roc_status_names[field];
}

/* ---- reading --------------------------------------------------------------- */

struct roc_status_ctx {
	struct roc_card *card;
	const char *label;
	struct roc_bar *bar[6];
	int err;
};

/* Read a register of BAR @bar; a failure is kept in ctx->err, reads 0. */
static uint32_t rd(struct roc_status_ctx *c, unsigned int bar, uint32_t addr)
{
	uint32_t v = 0;
	int ret;

	if (c->err)
		return 0;
	if (!c->bar[bar]) {
		ret = roc_bar_open(c->card, bar, 0, &c->bar[bar]);
		if (ret) {
			c->err = ret;
			return 0;
		}
	}
	ret = roc_bar_read(c->bar[bar], addr, &v);
	if (ret)
		c->err = ret;
	return v;
}

static void set(struct roc_status *st, enum roc_status_field f, int64_t v)
{
	st->has[f] = true;
	st->field[f] = v;
}

/*
 * Clear the sticky bits of @link and read its status again, through the
 * driver (2.4).  Returns 0 and *@after, or -errno (not fatal: the caller
 * decodes without).
 */
static int roc_status_clear_sticky(struct roc_status_ctx *c, uint32_t base,
				   uint32_t *after)
{
	struct roc_batch *b;
	int ret, i;

	ret = roc_batch_new(&b);
	if (ret)
		return ret;
	roc_batch_add_write(b, ROC_CRU_BAR, base + ROC_CRU_GBT_STICKY_CLEAR, 0);
	i = roc_batch_add_read(b, ROC_CRU_BAR, base + ROC_CRU_GBT_STATUS);
	ret = i < 0 ? i : roc_batch_run(b, c->card);
	if (!ret)
		*after = roc_batch_get_value(b, (size_t)i);
	roc_batch_free(b);
	return ret;
}

static void roc_status_cru(struct roc_status_ctx *c, struct roc_status *st,
			   unsigned int ep, uint32_t links, int flags)
{
	const unsigned int B = ROC_CRU_BAR;
	uint32_t dw = ROC_CRU_DWRAPPER(ep), v, en, ttc, base, after;
	bool may_clear = !(flags & ROC_STATUS_NO_CLEAR) &&
			 !roc_card_is_readonly(c->card);
	struct roc_link_status *l;
	unsigned int i, id;
	int32_t mdeg;

	v = rd(c, B, ROC_CRU_BSP_USER_CONTROL);
	set(st, ROC_STATUS_FIELD_CRU_ID, (v & ROC_CRU_USER_CONTROL_ID_MASK) >>
		ROC_CRU_USER_CONTROL_ID_SHIFT);
	set(st, ROC_STATUS_FIELD_DATA_TAKING, !!(v & ROC_CRU_USER_CONTROL_DMA));
	ttc = rd(c, B, ROC_CRU_TTC_DATA);
	set(st, ROC_STATUS_FIELD_CLOCK, ttc & ROC_CRU_TTC_CLOCK_MASK);
	set(st, ROC_STATUS_FIELD_DOWNSTREAM, (ttc & ROC_CRU_TTC_DOWNSTREAM_MASK) >>
		ROC_CRU_TTC_DOWNSTREAM_SHIFT);
	en = rd(c, B, dw + ROC_CRU_DW_ENREG);
	set(st, ROC_STATUS_FIELD_DYNAMIC_OFFSET, !!(en & ROC_CRU_DW_EN_DYN_OFFSET));
	set(st, ROC_STATUS_FIELD_USER_LOGIC, !!(en & ROC_CRU_DW_EN_USER_LOGIC));
	set(st, ROC_STATUS_FIELD_RUN_STATS,
	    !!(en & (1u << ROC_CRU_DW_ID_RUN_STATS(ep))));
	set(st, ROC_STATUS_FIELD_UL_AND_CL, !!(en & ROC_CRU_DW_EN_UL_AND_CL));
	set(st, ROC_STATUS_FIELD_DROP_BAD_RDH,
	    rd(c, B, dw + ROC_CRU_DW_DROP_BAD_RDH) & 1);
	set(st, ROC_STATUS_FIELD_ALLOW_REJECTION,
	    !!(rd(c, B, dw + ROC_CRU_DW_FLOW_CONTROL) &
	       ROC_CRU_DW_ALLOW_REJECTION));
	set(st, ROC_STATUS_FIELD_TRIGGER_WINDOW,
	    rd(c, B, dw + ROC_CRU_DW_TRIGGER_WINDOW));
	set(st, ROC_STATUS_FIELD_SYSTEM_ID,
	    (rd(c, B, ROC_CRU_VIRTUAL_LINKS_IDS) >> 16) & 0xff);
	set(st, ROC_STATUS_FIELD_CTP_CLOCK_HZ, rd(c, B, ROC_CRU_CTP_CLOCK));
	set(st, ROC_STATUS_FIELD_LOCAL_CLOCK_HZ, rd(c, B, ROC_CRU_LOCAL_CLOCK));
	if (!roc_cru_temperature_decode(rd(c, B, ROC_CRU_TEMPERATURE), &mdeg))
		set(st, ROC_STATUS_FIELD_TEMPERATURE_MDEG, mdeg);
	set(st, ROC_STATUS_FIELD_DROPPED_PACKETS,
	    rd(c, B, dw + ROC_CRU_DW_DROPPED_PACKETS));
	set(st, ROC_STATUS_FIELD_TOTAL_PACKETS,
	    rd(c, B, dw + ROC_CRU_DW_TOTAL_PACKETS));
	set(st, ROC_STATUS_FIELD_PACKETS_PER_SECOND,
	    rd(c, B, dw + ROC_CRU_DW_TOTAL_PACKETS_PS));

	for (id = 0; id < ROC_DW_IDS; id++) {
		if (id == ROC_CRU_LINKS_PER_ENDPOINT)
			continue;
		st->dw[id].enabled = en & (1u << id);
		st->dw[id].rejected = rd(c, B, dw + ROC_CRU_DW_LINK(id) +
					 ROC_CRU_DW_LINK_REJECTED);
		st->dw[id].accepted = rd(c, B, dw + ROC_CRU_DW_LINK(id) +
					 ROC_CRU_DW_LINK_ACCEPTED);
		st->dw[id].forced = rd(c, B, dw + ROC_CRU_DW_LINK(id) +
				       ROC_CRU_DW_LINK_FORCED);
	}

	for (i = 0; i < ROC_CRU_LINKS_PER_ENDPOINT; i++) {
		if (!(links & (1u << i)))
			continue;
		l = &st->link[st->num_links++];
		l->size = sizeof(*l);
		l->id = i;
		l->optical_power_uw = -1;
		roc_cru_status_power(c->card, i, &l->optical_power_uw);
		base = roc_cru_gbt_link_base(ep, i);
		l->gbt_status = rd(c, B, base + ROC_CRU_GBT_STATUS);
		l->tx_clock_hz = rd(c, B, base + ROC_CRU_GBT_TX_CLOCK);
		l->rx_clock_hz = rd(c, B, base + ROC_CRU_GBT_RX_CLOCK);
		l->gbt_tx_wb = rd(c, B, base + ROC_CRU_GBT_TX_CONTROL) &
			       ROC_CRU_GBT_MODE_WB;
		l->gbt_rx_wb = rd(c, B, base + ROC_CRU_GBT_RX_CONTROL) &
			       ROC_CRU_GBT_MODE_WB;
		l->loopback = rd(c, B, base + ROC_CRU_GBT_SOURCE_SELECT) &
			      ROC_CRU_GBT_LOOPBACK;
		l->gbt_mux = (rd(c, B, roc_cru_gbt_mux_reg(ep, i)) >>
			      roc_cru_gbt_mux_shift(ep, i)) & 0xf;
		l->enabled = st->dw[i].enabled;
		l->packet_mode = rd(c, B, dw + ROC_CRU_DW_LINK(i) +
				    ROC_CRU_DW_LINK_CONTROL) &
				 ROC_CRU_DW_LINK_PACKET_MODE;
		v = rd(c, B, dw + ROC_CRU_DW_LINK(i) + ROC_CRU_DW_LINK_IDS);
		l->fee_id = v & 0xffff;
		l->system_id = (v >> 16) & 0xff;
		l->accepted = st->dw[i].accepted;
		l->rejected = st->dw[i].rejected;
		l->forced = st->dw[i].forced;
		/* P2-4.4: the old tool's FEC column */
		l->fec_errors = rd(c, B, base + ROC_CRU_GBT_FEC);
		if (c->err)
			return;
		if (may_clear && roc_gbt_needs_clear(l->gbt_status) &&
		    !roc_status_clear_sticky(c, base, &after))
			l->state = roc_gbt_link_state(l->gbt_status, true,
						      after);
		else
			l->state = roc_gbt_link_state(l->gbt_status, false, 0);
	}
}

static void roc_status_crorc(struct roc_status_ctx *c, struct roc_status *st,
			     uint32_t links)
{
	struct roc_link_status *l;
	uint32_t v, power;
	unsigned int n;

	v = rd(c, 0, ROC_CRORC_CFG_CONTROL);
	set(st, ROC_STATUS_FIELD_DYNAMIC_OFFSET, v & ROC_CRORC_CFG_DYN_OFFSET);
	set(st, ROC_STATUS_FIELD_CRORC_ID, (v & ROC_CRORC_CFG_ID_MASK) >>
		ROC_CRORC_CFG_ID_SHIFT);
	v = rd(c, 0, ROC_CRORC_CFG_CONTROL_B);
	/* 4.1: TF length in bits 10:0 (read as 11:0) */
	set(st, ROC_STATUS_FIELD_TF_LENGTH, v & 0xfff);
	set(st, ROC_STATUS_FIELD_TF_DETECTION, !!(v & ROC_CRORC_CFG_TF_DETECTION));
	set(st, ROC_STATUS_FIELD_QSFP, !!(rd(c, 0, ROC_CRORC_LINK_STATUS) &
				    ROC_CRORC_LINK_QSFP_ON));

	for (n = 0; n < ROC_CRORC_LINKS; n++) {
		if (!(links & (1u << n)))
			continue;
		l = &st->link[st->num_links++];
		l->size = sizeof(*l);
		l->id = n;
		v = rd(c, n, ROC_CRORC_CHANNEL_CSR);
		l->state = v & ROC_CRORC_CSR_LINK_DOWN ? ROC_LINK_STATE_DOWN :
							 ROC_LINK_STATE_UP;
		power = rd(c, 0, roc_crorc_optical_power_reg(n));
		l->optical_power_uw = ((power >> (16 * (n % 2))) & 0xffff) /
				      10.0;
		l->acq_rate = rd(c, n, ROC_CRORC_ACQ_RATE);
		l->packets_received = rd(c, n, ROC_CRORC_PKTS_RECEIVED);
	}
}

ROC_API int roc_status_read(struct roc_card *card, uint32_t links, int flags,
			    struct roc_status **stp)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	struct roc_status_ctx c = {
		.card = card, .label = roc_card_get_label(card),
	};
	enum roc_type type = roc_card_info_get_type(info);
	struct roc_status *st;
	struct timespec ts;
	uint32_t all;
	unsigned int i;

	*stp = NULL;
	if (flags & ~ROC_STATUS_NO_CLEAR)
		return roc_err(-EINVAL, "%s: bad status flags 0x%x", c.label,
			       flags);
	if (type == ROC_TYPE_CRU)
		all = (1u << ROC_CRU_LINKS_PER_ENDPOINT) - 1;
	else if (type == ROC_TYPE_CRORC)
		all = (1u << ROC_CRORC_LINKS) - 1;
	else
		return roc_err(-EOPNOTSUPP, "%s: unknown card type", c.label);
	if (!links)
		links = all;
	if (links & ~all)
		return roc_err(-EINVAL, "%s: no link %d (the %s has links 0-%d)",
			       c.label, __builtin_ctz(links & ~all),
			       roc_type_name(type),
			       type == ROC_TYPE_CRU ?
			       ROC_CRU_LINKS_PER_ENDPOINT - 1 :
			       ROC_CRORC_LINKS - 1);

	st = calloc(1, sizeof(*st));
	if (!st)
		return roc_err_errno(-ENOMEM, "%s: status", c.label);
	st->type = type;
	clock_gettime(CLOCK_REALTIME, &ts);
	st->time_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;

	if (type == ROC_TYPE_CRU)
		roc_status_cru(&c, st, roc_card_info_get_endpoint(info), links,
			       flags);
	else
		roc_status_crorc(&c, st, links);

	for (i = 0; i < ROC_ARRAY_SIZE(c.bar); i++)
		roc_bar_close(c.bar[i]);
	if (c.err) {
		/* the message of the failed BAR access names the card */
		free(st);
		return c.err;
	}
	*stp = st;
	return 0;
}

ROC_API void roc_status_free(struct roc_status *st)
{
	free(st);
}

ROC_API enum roc_type roc_status_get_type(const struct roc_status *st)
{
	return st->type;
}

ROC_API uint64_t roc_status_get_time_ns(const struct roc_status *st)
{
	return st->time_ns;
}

ROC_API int roc_status_get(const struct roc_status *st,
			   enum roc_status_field field, int64_t *value)
{
	if ((unsigned int)field >= ROC_STATUS_FIELD_COUNT)
		return -EINVAL;
	if (!st->has[field])
		return -ENODATA;
	*value = st->field[field];
	return 0;
}

ROC_API size_t roc_status_get_num_links(const struct roc_status *st)
{
	return st->num_links;
}

ROC_API const struct roc_link_status *
roc_status_get_link(const struct roc_status *st, size_t i)
{
	return i < st->num_links ? &st->link[i] : NULL;
}

ROC_API int roc_status_get_datapath(const struct roc_status *st,
				    unsigned int dw_id, uint32_t *accepted,
				    uint32_t *rejected, uint32_t *forced)
{
	const struct roc_dw_link *d;

	if (st->type != ROC_TYPE_CRU || dw_id >= ROC_DW_IDS ||
	    dw_id == ROC_CRU_LINKS_PER_ENDPOINT)
		return -ENODATA;
	d = &st->dw[dw_id];
	*accepted = d->accepted;
	*rejected = d->rejected;
	*forced = d->forced;
	return d->enabled;
}
