// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - configurations and cards: reading the state of an endpoint from
 * its registers (one batch of reads) and applying a configuration (one
 * batch of writes, in the order of docs/hardware.md 10.1's configure sequence).
 * Register encodings: docs/hardware.md 2.1-2.4 (CRU), 4.1 (C-RORC); regs.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/roc.h>

#include "config.h"
#include "regs.h"

/* Per-link registers read for the state of a CRU endpoint. */
enum { L_MUX, L_CTRL, L_IDS, L_TX, L_RX, L_SRC, L_NUM };
/* Card-wide ones. */
enum { C_BSP, C_VIRT, C_TTC, C_ENREG, C_TRIG, C_DROP, C_FLOW, C_TF, C_NUM };

struct roc_cfg_cru_regs {
	uint32_t c[C_NUM];
	uint32_t l[ROC_CONFIG_LINKS][L_NUM];
};

static uint32_t roc_cfg_dw(unsigned int ep, uint32_t off)
{
	return ROC_CRU_DWRAPPER(ep) + off;
}

static uint32_t roc_cfg_link_reg(unsigned int ep, unsigned int l, int which)
{
	switch (which) {
	case L_MUX:
		return roc_cru_gbt_mux_reg(ep, l);
	case L_CTRL:
		return roc_cfg_dw(ep, ROC_CRU_DW_LINK(l) +
				  ROC_CRU_DW_LINK_CONTROL);
	case L_IDS:
		return roc_cfg_dw(ep, ROC_CRU_DW_LINK(l) + ROC_CRU_DW_LINK_IDS);
	case L_TX:
		return roc_cru_gbt_link_base(ep, l) + ROC_CRU_GBT_TX_CONTROL;
	case L_RX:
		return roc_cru_gbt_link_base(ep, l) + ROC_CRU_GBT_RX_CONTROL;
	default:
		return roc_cru_gbt_link_base(ep, l) + ROC_CRU_GBT_SOURCE_SELECT;
	}
}

static int roc_cfg_cru_read_regs(struct roc_card *card, unsigned int ep,
				 struct roc_cfg_cru_regs *r)
{
	static const uint32_t card_off[C_NUM] = {
		[C_BSP] = ROC_CRU_BSP_USER_CONTROL,
		[C_VIRT] = ROC_CRU_VIRTUAL_LINKS_IDS,
		[C_TTC] = ROC_CRU_TTC_DATA,
	};
	struct roc_batch *b;
	unsigned int i, l;
	uint32_t addr;
	int ret;

	ret = roc_batch_new(&b);
	if (ret)
		return ret;
	for (i = 0; i < C_NUM && ret >= 0; i++) {
		unsigned int bar = ROC_CRU_BAR;

		switch (i) {
		case C_ENREG:
			addr = roc_cfg_dw(ep, ROC_CRU_DW_ENREG);
			break;
		case C_TRIG:
			addr = roc_cfg_dw(ep, ROC_CRU_DW_TRIGGER_WINDOW);
			break;
		case C_DROP:
			addr = roc_cfg_dw(ep, ROC_CRU_DW_DROP_BAD_RDH);
			break;
		case C_FLOW:
			addr = roc_cfg_dw(ep, ROC_CRU_DW_FLOW_CONTROL);
			break;
		case C_TF:
			bar = ROC_CRU_DMA_BAR;
			addr = ROC_CRU_DEBUG;
			break;
		default:
			addr = card_off[i];
			break;
		}
		ret = roc_batch_add_read(b, bar, addr);
	}
	for (l = 0; l < ROC_CONFIG_LINKS && ret >= 0; l++)
		for (i = 0; i < L_NUM && ret >= 0; i++)
			ret = roc_batch_add_read(b, ROC_CRU_BAR,
						 roc_cfg_link_reg(ep, l, (int)i));
	if (ret >= 0)
		ret = roc_batch_run(b, card);
	if (ret >= 0) {
		for (i = 0; i < C_NUM; i++)
			r->c[i] = roc_batch_get_value(b, i);
		for (l = 0; l < ROC_CONFIG_LINKS; l++)
			for (i = 0; i < L_NUM; i++)
				r->l[l][i] = roc_batch_get_value(b, C_NUM +
								 l * L_NUM + i);
		ret = 0;
	}
	roc_batch_free(b);
	return ret;
}

static void roc_cfg_put(struct roc_config *cfg, enum roc_config_key key,
			int link, uint32_t v)
{
	const struct roc_cfg_keydef *d = &roc_cfg_keys[key];

	/* values outside the accepted ones stay unset (decoded as unknown) */
	if (v < d->min || v > d->max ||
	    (d->type == ROC_CFG_ENUM_T && (v >= d->nnames || !d->names[v])))
		return;
	roc_config_set_value(cfg, key, link, v);
}

static void roc_cfg_cru_decode(const struct roc_cfg_cru_regs *r,
			       unsigned int ep, struct roc_config *cfg)
{
	uint32_t en = r->c[C_ENREG];
	unsigned int l, k;

	roc_cfg_put(cfg, ROC_CONFIG_KEY_CLOCK, -1, r->c[C_TTC] & ROC_CRU_TTC_CLOCK_MASK);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_DOWNSTREAM_DATA, -1,
		    (r->c[C_TTC] & ROC_CRU_TTC_DOWNSTREAM_MASK) >>
		    ROC_CRU_TTC_DOWNSTREAM_SHIFT);
	/* no register: GBT settings are what the card has */
	roc_cfg_put(cfg, ROC_CONFIG_KEY_GBT_ENABLED, -1, 1);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_ALLOW_REJECTION, -1,
		    !!(r->c[C_FLOW] & ROC_CRU_DW_ALLOW_REJECTION));
	roc_cfg_put(cfg, ROC_CONFIG_KEY_SYSTEM_ID, -1,
		    (r->c[C_VIRT] & ROC_CRU_VIRTUAL_SYS_MASK) >>
		    ROC_CRU_VIRTUAL_SYS_SHIFT);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_USER_LOGIC, -1,
		    !!(en & ROC_CRU_DW_EN_USER_LOGIC));
	roc_cfg_put(cfg, ROC_CONFIG_KEY_RUN_STATS, -1,
		    !!(en & (ep ? ROC_CRU_DW_EN_RUN_STATS_EP1 :
			     ROC_CRU_DW_EN_RUN_STATS_EP0)));
	roc_cfg_put(cfg, ROC_CONFIG_KEY_USER_AND_COMMON_LOGIC, -1,
		    !!(en & ROC_CRU_DW_EN_UL_AND_CL));
	roc_cfg_put(cfg, ROC_CONFIG_KEY_DYNAMIC_OFFSET, -1,
		    !!(en & ROC_CRU_DW_EN_DYN_OFFSET));
	roc_cfg_put(cfg, ROC_CONFIG_KEY_CRU_ID, -1,
		    (r->c[C_BSP] & ROC_CRU_USER_CONTROL_ID_MASK) >>
		    ROC_CRU_USER_CONTROL_ID_SHIFT);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE, -1, r->c[C_TRIG]);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_TIME_FRAME_LENGTH, -1,
		    (r->c[C_TF] & ROC_CRU_TF_LENGTH_MASK) >>
		    ROC_CRU_TF_LENGTH_SHIFT);
	roc_cfg_put(cfg, ROC_CONFIG_KEY_DROP_BAD_RDH, -1,
		    !!(r->c[C_DROP] & ROC_CRU_DW_DROP_BAD_RDH_ON));

	for (l = 0; l < ROC_CONFIG_LINKS; l++) {
		const uint32_t *lr = r->l[l];
		uint32_t tx = !!(lr[L_TX] & ROC_CRU_GBT_MODE_WB);
		uint32_t rx = !!(lr[L_RX] & ROC_CRU_GBT_MODE_WB);

		roc_cfg_put(cfg, ROC_CONFIG_KEY_LINK_GBT_MUX, (int)l,
			    (lr[L_MUX] >> roc_cru_gbt_mux_shift(ep, l)) & 0xf);
		/* TX and RX disagreeing: neither GBT nor WB */
		if (tx == rx)
			roc_cfg_put(cfg, ROC_CONFIG_KEY_GBT_MODE, (int)l, tx);
		roc_cfg_put(cfg, ROC_CONFIG_KEY_LOOPBACK, (int)l,
			    !!(lr[L_SRC] & ROC_CRU_GBT_LOOPBACK));
		roc_cfg_put(cfg, ROC_CONFIG_KEY_LINK_ENABLED, (int)l, !!(en & (1u << l)));
		roc_cfg_put(cfg, ROC_CONFIG_KEY_DATAPATH_MODE, (int)l,
			    !!(lr[L_CTRL] & ROC_CRU_DW_LINK_PACKET_MODE));
		roc_cfg_put(cfg, ROC_CONFIG_KEY_LINK_FEE_ID, (int)l,
			    lr[L_IDS] & ROC_CRU_DW_LINK_IDS_FEE_MASK);
		roc_cfg_put(cfg, ROC_CONFIG_KEY_SYSTEM_ID, (int)l,
			    (lr[L_IDS] & ROC_CRU_DW_LINK_IDS_SYS_MASK) >>
			    ROC_CRU_DW_LINK_IDS_SYS_SHIFT);
	}
	/* [cru] value of the per-link settings without a register: link 0's */
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++)
		if (roc_cfg_keys[k].scope == ROC_CFG_SCOPE_CRU_LINK &&
		    k != ROC_CONFIG_KEY_SYSTEM_ID && cfg->link[0][k].set)
			cfg->card[k] = cfg->link[0][k];
}

static int roc_cfg_crorc_read_regs(struct roc_card *card, uint32_t *ctl,
				   uint32_t *ctl_b)
{
	struct roc_batch *b;
	int ret;

	ret = roc_batch_new(&b);
	if (ret)
		return ret;
	ret = roc_batch_add_read(b, ROC_CRORC_CFG_BAR, ROC_CRORC_CFG_CONTROL);
	if (ret >= 0)
		ret = roc_batch_add_read(b, ROC_CRORC_CFG_BAR,
					 ROC_CRORC_CFG_CONTROL_B);
	if (ret >= 0)
		ret = roc_batch_run(b, card);
	if (ret >= 0) {
		*ctl = roc_batch_get_value(b, 0);
		*ctl_b = roc_batch_get_value(b, 1);
		ret = 0;
	}
	roc_batch_free(b);
	return ret;
}

/* State of @card; for a CRU, @bsp receives BSP_USER_CONTROL. */
static int roc_cfg_read(struct roc_card *card, struct roc_config **cfgp,
			uint32_t *bsp)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	enum roc_type type = roc_card_info_get_type(info);
	unsigned int ep = roc_card_info_get_endpoint(info);
	struct roc_cfg_cru_regs *r;
	struct roc_config *cfg;
	uint32_t ctl, ctl_b;
	int ret;

	*cfgp = NULL;
	if (type != ROC_TYPE_CRU && type != ROC_TYPE_CRORC)
		return roc_err(-EOPNOTSUPP, "%s: unknown card type: no configuration",
			       roc_card_get_label(card));
	ret = roc_config_new(0, &cfg);
	if (ret)
		return ret;
	if (type == ROC_TYPE_CRORC) {
		ret = roc_cfg_crorc_read_regs(card, &ctl, &ctl_b);
		if (!ret) {
			roc_cfg_put(cfg, ROC_CONFIG_KEY_CRORC_DYNAMIC_OFFSET, -1,
				    !!(ctl & ROC_CRORC_CFG_DYN_OFFSET));
			roc_cfg_put(cfg, ROC_CONFIG_KEY_CRORC_ID, -1,
				    (ctl & ROC_CRORC_CFG_ID_MASK) >>
				    ROC_CRORC_CFG_ID_SHIFT);
			roc_cfg_put(cfg, ROC_CONFIG_KEY_CRORC_TIME_FRAME_LENGTH, -1,
				    ctl_b & ROC_CRORC_CFG_TF_LENGTH_MASK);
			roc_cfg_put(cfg, ROC_CONFIG_KEY_CRORC_TF_DETECTION, -1,
				    !!(ctl_b & ROC_CRORC_CFG_TF_DETECTION));
		}
	} else {
		r = calloc(1, sizeof(*r));
		if (!r) {
			roc_config_free(cfg);
			return roc_err_errno(-ENOMEM, "%s: configuration",
					     roc_card_get_label(card));
		}
		ret = roc_cfg_cru_read_regs(card, ep, r);
		if (!ret) {
			enum roc_clock pll;

			roc_cfg_cru_decode(r, ep, cfg);
			/*
			 * The clock is what the card's PLLs have (one set for
			 * both endpoints, docs/hardware.md P2-3.6), when they
			 * can be read; else the firmware's clock select.
			 */
			if (!roc_cru_clock_get(card, &pll))
				roc_cfg_put(cfg, ROC_CONFIG_KEY_CLOCK, -1, pll);
			if (bsp)
				*bsp = r->c[C_BSP];
		}
		free(r);
	}
	if (ret) {
		roc_config_free(cfg);
		return ret;
	}
	*cfgp = cfg;
	return 0;
}

ROC_API int roc_config_read(struct roc_card *card, struct roc_config **cfgp)
{
	return roc_cfg_read(card, cfgp, NULL);
}

/* Is DMA running on the endpoint?  -EBUSY with a message if so. */
static int roc_cfg_check_dma(struct roc_card *card, enum roc_type type,
			     uint32_t bsp)
{
	const char *label = roc_card_get_label(card);
	unsigned int ch, nch = type == ROC_TYPE_CRU ? 1 : ROC_CRORC_LINKS;

	for (ch = 0; ch < nch; ch++) {
		struct roc_channel_query q = {
			.argsz = sizeof(q), .channel = ch,
		};

		if (ioctl(roc_card_get_fd(card), ROC_CHANNEL_QUERY, &q))
			return roc_err_errno(-errno, "%s: querying DMA channel %u",
					     label, ch);
		if (q.state == ROC_CHANNEL_RUNNING)
			return roc_err(-EBUSY, "%s: DMA is running on channel %u (process %d (%.16s)): not reconfiguring during data taking",
				       label, ch, q.pid, q.comm);
	}
	if (type == ROC_TYPE_CRU && (bsp & ROC_CRU_USER_CONTROL_DMA))
		return roc_err(-EBUSY, "%s: data taking is on (BSP_USER_CONTROL bit 0): not reconfiguring during data taking",
			       label);
	return 0;
}

static int roc_cfg_mod(struct roc_batch *b, unsigned int bar, uint32_t addr,
		       uint32_t mask, uint32_t v)
{
	return roc_batch_add_modify(b, bar, addr, mask, v & mask);
}

static int roc_cfg_mod_bit(struct roc_batch *b, uint32_t addr, uint32_t bit,
			   uint32_t on)
{
	return roc_cfg_mod(b, ROC_CRU_BAR, addr, bit, on ? bit : 0);
}

/* The register operations of one CRU change (10.1 sequence). */
static int roc_cfg_cru_ops(struct roc_batch *b, unsigned int ep,
			   const struct roc_config_change *c)
{
	uint32_t v = c->new_value, en = roc_cfg_dw(ep, ROC_CRU_DW_ENREG);
	unsigned int l = c->link >= 0 ? (unsigned int)c->link : 0;
	int ret;

	switch (c->key) {
	case ROC_CONFIG_KEY_CLOCK:
		/* no PLL/I2C work in roc: clock select and unlock only */
		ret = roc_cfg_mod(b, ROC_CRU_BAR, ROC_CRU_TTC_DATA,
				  ROC_CRU_TTC_CLOCK_MASK, v);
		if (ret >= 0)
			ret = roc_batch_add_write(b, ROC_CRU_BAR,
						  ROC_CRU_LOCK_CLOCK_TO_REF, 0);
		return ret;
	case ROC_CONFIG_KEY_DOWNSTREAM_DATA:
		return roc_cfg_mod(b, ROC_CRU_BAR, ROC_CRU_TTC_DATA,
				   ROC_CRU_TTC_DOWNSTREAM_MASK,
				   v << ROC_CRU_TTC_DOWNSTREAM_SHIFT);
	case ROC_CONFIG_KEY_LINK_GBT_MUX:
		return roc_cfg_mod(b, ROC_CRU_BAR, roc_cru_gbt_mux_reg(ep, l),
				   0xfu << roc_cru_gbt_mux_shift(ep, l),
				   v << roc_cru_gbt_mux_shift(ep, l));
	case ROC_CONFIG_KEY_GBT_MODE:
		ret = roc_cfg_mod_bit(b, roc_cfg_link_reg(ep, l, L_TX),
				      ROC_CRU_GBT_MODE_WB, v);
		if (ret >= 0)
			ret = roc_cfg_mod_bit(b, roc_cfg_link_reg(ep, l, L_RX),
					      ROC_CRU_GBT_MODE_WB, v);
		return ret;
	case ROC_CONFIG_KEY_LOOPBACK:
		return roc_cfg_mod_bit(b, roc_cfg_link_reg(ep, l, L_SRC),
				       ROC_CRU_GBT_LOOPBACK, v);
	case ROC_CONFIG_KEY_LINK_ENABLED:
		return roc_cfg_mod_bit(b, en, 1u << l, v);
	case ROC_CONFIG_KEY_DATAPATH_MODE:
		/* whole word: mode in bit 31, RAWMAXLEN 0x1FC below (2.3) */
		return roc_batch_add_write(b, ROC_CRU_BAR,
					   roc_cfg_link_reg(ep, l, L_CTRL),
					   (v ? ROC_CRU_DW_LINK_PACKET_MODE : 0) |
					   ROC_CRU_DW_LINK_RAWMAXLEN);
	case ROC_CONFIG_KEY_ALLOW_REJECTION:
		return roc_cfg_mod_bit(b, roc_cfg_dw(ep, ROC_CRU_DW_FLOW_CONTROL),
				       ROC_CRU_DW_ALLOW_REJECTION, v);
	case ROC_CONFIG_KEY_LINK_FEE_ID:
		return roc_cfg_mod(b, ROC_CRU_BAR, roc_cfg_link_reg(ep, l, L_IDS),
				   ROC_CRU_DW_LINK_IDS_FEE_MASK, v);
	case ROC_CONFIG_KEY_SYSTEM_ID:
		if (c->link >= 0)
			return roc_cfg_mod(b, ROC_CRU_BAR,
					   roc_cfg_link_reg(ep, l, L_IDS),
					   ROC_CRU_DW_LINK_IDS_SYS_MASK,
					   v << ROC_CRU_DW_LINK_IDS_SYS_SHIFT);
		/* 2.2: bits 23:16 system ID, bits 15:0 set to 0 */
		return roc_batch_add_write(b, ROC_CRU_BAR,
					   ROC_CRU_VIRTUAL_LINKS_IDS,
					   v << ROC_CRU_VIRTUAL_SYS_SHIFT);
	case ROC_CONFIG_KEY_USER_LOGIC:
		return roc_cfg_mod_bit(b, en, ROC_CRU_DW_EN_USER_LOGIC, v);
	case ROC_CONFIG_KEY_RUN_STATS:
		return roc_cfg_mod_bit(b, en, ep ? ROC_CRU_DW_EN_RUN_STATS_EP1 :
				       ROC_CRU_DW_EN_RUN_STATS_EP0, v);
	case ROC_CONFIG_KEY_USER_AND_COMMON_LOGIC:
		return roc_cfg_mod_bit(b, en, ROC_CRU_DW_EN_UL_AND_CL, v);
	case ROC_CONFIG_KEY_CRU_ID:
		/* read-modify-write: bit 0 (data taking) stays */
		return roc_cfg_mod(b, ROC_CRU_BAR, ROC_CRU_BSP_USER_CONTROL,
				   ROC_CRU_USER_CONTROL_ID_MASK,
				   v << ROC_CRU_USER_CONTROL_ID_SHIFT);
	case ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE:
		return roc_batch_add_write(b, ROC_CRU_BAR,
					   roc_cfg_dw(ep, ROC_CRU_DW_TRIGGER_WINDOW),
					   v);
	case ROC_CONFIG_KEY_DYNAMIC_OFFSET:
		return roc_cfg_mod_bit(b, en, ROC_CRU_DW_EN_DYN_OFFSET, v);
	case ROC_CONFIG_KEY_TIME_FRAME_LENGTH:
		/* 13.8: the word is shared with debug mode: bits 31:20 only */
		return roc_cfg_mod(b, ROC_CRU_DMA_BAR, ROC_CRU_DEBUG,
				   ROC_CRU_TF_LENGTH_MASK,
				   v << ROC_CRU_TF_LENGTH_SHIFT);
	case ROC_CONFIG_KEY_DROP_BAD_RDH:
		return roc_cfg_mod_bit(b, roc_cfg_dw(ep, ROC_CRU_DW_DROP_BAD_RDH),
				       ROC_CRU_DW_DROP_BAD_RDH_ON, v);
	default:
		return 0;
	}
}

/*
 * CFG_CONTROL_B bits @mask to @v.  Bit 16 is the superpage flush command
 * (4.1): a read-modify-write that read it as 1 would flush again, so it
 * is always written 0 and left to the card.
 */
static int roc_cfg_crorc_mod_b(struct roc_batch *b, uint32_t mask, uint32_t v)
{
	return roc_cfg_mod(b, ROC_CRORC_CFG_BAR, ROC_CRORC_CFG_CONTROL_B,
			   mask | ROC_CRORC_CFG_FLUSH, v & mask);
}

static int roc_cfg_crorc_ops(struct roc_batch *b,
			     const struct roc_config_change *c)
{
	uint32_t v = c->new_value;

	switch (c->key) {
	case ROC_CONFIG_KEY_CRORC_DYNAMIC_OFFSET:
		return roc_cfg_mod(b, ROC_CRORC_CFG_BAR, ROC_CRORC_CFG_CONTROL,
				   ROC_CRORC_CFG_DYN_OFFSET,
				   v ? ROC_CRORC_CFG_DYN_OFFSET : 0);
	case ROC_CONFIG_KEY_CRORC_ID:
		return roc_cfg_mod(b, ROC_CRORC_CFG_BAR, ROC_CRORC_CFG_CONTROL,
				   ROC_CRORC_CFG_ID_MASK,
				   v << ROC_CRORC_CFG_ID_SHIFT);
	case ROC_CONFIG_KEY_CRORC_TIME_FRAME_LENGTH:
		/* 256 is 0x100 in bits 10:0 */
		return roc_cfg_crorc_mod_b(b, ROC_CRORC_CFG_TF_LENGTH_MASK, v);
	case ROC_CONFIG_KEY_CRORC_TF_DETECTION:
		return roc_cfg_crorc_mod_b(b, ROC_CRORC_CFG_TF_DETECTION,
					   v ? ROC_CRORC_CFG_TF_DETECTION : 0);
	default:
		return 0;
	}
}

ROC_API int roc_config_apply(struct roc_card *card,
			     const struct roc_config *cfg, int flags,
			     struct roc_config_change **changesp,
			     size_t *countp)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	enum roc_type type = roc_card_info_get_type(info);
	unsigned int ep = roc_card_info_get_endpoint(info);
	struct roc_config_change *changes = NULL;
	struct roc_config *cur = NULL;
	struct roc_batch *b = NULL;
	size_t i, count = 0, programmed = 0;
	uint32_t bsp = 0;
	int ret;

	if (changesp)
		*changesp = NULL;
	if (countp)
		*countp = 0;
	if (flags & ~(ROC_CONFIG_APPLY_FORCE | ROC_CONFIG_APPLY_DRY_RUN))
		return roc_err(-EINVAL, "%s: configuration: unknown flags 0x%x",
			       roc_card_get_label(card), (unsigned int)flags);
	ret = roc_cfg_read(card, &cur, &bsp);
	if (ret)
		return ret;
	ret = roc_config_diff(cur, cfg, type, flags, &changes, &count);
	if (ret)
		goto out;
	for (i = 0; i < count; i++)
		if (!(changes[i].flags & ROC_CONFIG_CHANGE_NOT_PROGRAMMED))
			programmed++;
	if (!programmed || (flags & ROC_CONFIG_APPLY_DRY_RUN))
		goto out;
	if (roc_card_is_readonly(card)) {
		ret = roc_err(-EPERM, "%s: the card is open read-only: cannot configure it",
			      roc_card_get_label(card));
		goto out;
	}
	if (!(flags & ROC_CONFIG_APPLY_FORCE)) {
		ret = roc_cfg_check_dma(card, type, bsp);
		if (ret)
			goto out;
	}
	ret = roc_batch_new(&b);
	if (ret)
		goto out;
	/* C-RORC configure sequence (10.1): laser on first */
	if (type == ROC_TYPE_CRORC)
		ret = roc_batch_add_write(b, ROC_CRORC_CFG_BAR,
					  ROC_CRORC_I2C_CMD,
					  ROC_CRORC_I2C_LASER_ON);
	for (i = 0; i < count && ret >= 0; i++) {
		if (changes[i].flags & ROC_CONFIG_CHANGE_NOT_PROGRAMMED)
			continue;
		ret = type == ROC_TYPE_CRU ? roc_cfg_cru_ops(b, ep, &changes[i]) :
		      roc_cfg_crorc_ops(b, &changes[i]);
	}
	if (ret >= 0)
		ret = roc_batch_run(b, card);
	if (ret > 0)
		ret = 0;
out:
	roc_batch_free(b);
	roc_config_free(cur);
	if (ret) {
		free(changes);
		return ret;
	}
	if (changesp)
		*changesp = changes;
	else
		free(changes);
	if (countp)
		*countp = count;
	return 0;
}
