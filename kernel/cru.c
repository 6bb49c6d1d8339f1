// SPDX-License-Identifier: GPL-2.0
/*
 * roc - CRU backend: what the CRU registers mean (docs/hardware.md sections 1-3).
 *
 * BAR0 is the DMA engine, BAR2 everything else (1.2).  Offsets are bytes.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "roc.h"

#define CRU_BAR_DMA			0
#define CRU_BAR_CTRL			2

/* BAR0, 2.1 */
#define CRU_DMA_CONTROL			0x200
#define  CRU_DMA_START			BIT(0)
#define  CRU_DMA_FLUSH			BIT(8)
#define CRU_LINK_SUPERPAGE_ADDR_HIGH(l)	(0x204 + 0x10 * (l))
#define CRU_LINK_SUPERPAGE_ADDR_LOW(l)	(0x208 + 0x10 * (l))
#define CRU_LINK_SUPERPAGE_PAGES(l)	(0x20c + 0x10 * (l))
#define CRU_RESET_CONTROL		0x400
#define  CRU_RESET_CARD			0x1
#define  CRU_RESET_DG_COUNTER		0x2
#define CRU_DATA_SOURCE_SELECT		0x700
#define  CRU_DATA_SOURCE_GBT		0x0
#define  CRU_DATA_SOURCE_INTERNAL	0x1
#define CRU_LINK_SUPERPAGE_COUNT(l)	(0x800 + 4 * (l))
#define CRU_LINK_SUPERPAGE_SIZE(l)	(0x840 + 4 * (l))
#define  CRU_SIZE_BYTES			GENMASK(23, 0)
#define  CRU_SIZE_INDEX			GENMASK(31, 24)
#define  CRU_SIZE_ADVANCE		0xbadcafe
#define CRU_LINK_SUPERPAGE_FIFO_EMPTY(l) (0x880 + 4 * (l))
#define CRU_DEBUG			0xc00
#define  CRU_DEBUG_MODE			0x2
#define  CRU_TIME_FRAME_LENGTH		GENMASK(31, 20)
#define CRU_MAX_SUPERPAGE_DESCRIPTORS	0xc04
#define  CRU_DESCRIPTORS_DEFAULT	128
#define CRU_DMA_PAGE_SIZE		8192
#define CRU_LINK_DEPTH_MAX		512
#define CRU_FIRMWARE_FEATURES		0x41c
#define  CRU_FEATURES_STANDALONE	0x5afe
#define  CRU_FEATURE_NO_TEMPERATURE	BIT(17)
#define  CRU_FEATURE_NO_SERIAL		BIT(18)
#define  CRU_FEATURE_NO_FIRMWARE_INFO	BIT(19)
#define CRU_ENDPOINT_ID			0x500
#define  CRU_ENDPOINT_ID_EP1		0x11111111
#define CRU_MAX_LINKS			16
#define CRU_EP_LINKS			12

/* BAR2, 2.2 and 2.3 */
#define CRU_BSP_USER_CONTROL		0x18
#define  CRU_DATA_TAKING		BIT(0)
#define CRU_FIRMWARE_GIT_HASH		0x04
#define CRU_FIRMWARE_DATE		0x08
#define CRU_FIRMWARE_TIME		0x0c
#define CRU_TEMPERATURE			0x10008
#define  CRU_TEMPERATURE_RAW		GENMASK(9, 0)
#define CRU_SERIAL_NUMBER_CTRL		0x30804
#define  CRU_SERIAL_NUMBER_TRIGGER	0x2
#define CRU_SERIAL_NUMBER		0x30818
#define CRU_WRAPPER_BASE(w)		(0x400000 + 0x100000 * (w))
#define  CRU_WRAPPER_CONF1		0x4
#define  CRU_WRAPPER_CLOCK		0xc
#define CRU_DWRAPPER_BASE(ep)		(0x600000 + 0x100000 * (ep))
#define  CRU_DW_ENABLE			0x0
#define  CRU_DW_DATA_LINKS		(GENMASK(11, 0) | GENMASK(15, 13))
#define  CRU_DW_DROPPED_PACKETS		0x1c

/* The highest BAR offsets used above bound the BAR sizes we accept. */
#define CRU_BAR_DMA_MIN			0x1000
#define CRU_BAR_CTRL_MIN		0x800000

/**
 * struct cru_link - what the backend keeps of one link while DMA runs
 * @hw_done: completions the card reported (BAR0 0x800 counter, 3.4)
 * @size_index: next size-FIFO index expected (3.4)
 * @fifo_empty0: FIFO-empty counter at start
 */
struct cru_link {
	u32 hw_done;
	u8 size_index;
	u32 fifo_empty0;
};

/**
 * struct cru_chan - the CRU's per-channel data, &roc_channel.card_priv
 * @links: per link
 */
struct cru_chan {
	struct cru_link links[CRU_MAX_LINKS];
};

static u32 cru_features(struct roc_endpoint *ep)
{
	u32 val = roc_read32(ep, CRU_BAR_DMA, CRU_FIRMWARE_FEATURES);

	/* Integrated firmware has every feature (2.1, FIRMWARE_FEATURES). */
	if ((val & 0xffff) != CRU_FEATURES_STANDALONE)
		return 0;
	return val;
}

static int cru_identify(struct roc_endpoint *ep)
{
	u32 features, id;
	int w;

	if (ep->num_bars <= CRU_BAR_CTRL ||
	    ep->bars[CRU_BAR_DMA].len < CRU_BAR_DMA_MIN ||
	    ep->bars[CRU_BAR_CTRL].len < CRU_BAR_CTRL_MIN) {
		dev_err(ep->parent, "CRU BAR0 or BAR2 missing or too small\n");
		return -ENODEV;
	}

	features = cru_features(ep);

	/* 1.2: anything but the two known IDs is an unknown endpoint. */
	id = roc_read32(ep, CRU_BAR_DMA, CRU_ENDPOINT_ID);
	if (id == CRU_ENDPOINT_ID_EP1) {
		ep->endpoint = 1;
	} else if (id == 0) {
		ep->endpoint = 0;
	} else {
		dev_err(ep->parent, "unknown CRU endpoint ID 0x%08x\n", id);
		return -ENODEV;
	}

	/* 1.4: trigger the I2C fetch and wait up to 40 ms. */
	ep->serial = -1;
	if (!(features & CRU_FEATURE_NO_SERIAL))
		ep->serial = roc_read_triggered_serial(ep, CRU_BAR_CTRL,
						       CRU_SERIAL_NUMBER,
						       CRU_SERIAL_NUMBER_CTRL,
						       CRU_SERIAL_NUMBER_TRIGGER,
						       40);
	if (ep->serial < 0)
		dev_warn(ep->parent, "CRU serial number unreadable\n");

	if (!(features & CRU_FEATURE_NO_FIRMWARE_INFO)) {
		ep->fw_hash = roc_read32(ep, CRU_BAR_CTRL,
					 CRU_FIRMWARE_GIT_HASH);
		ep->fw_date = roc_read32(ep, CRU_BAR_CTRL, CRU_FIRMWARE_DATE);
		ep->fw_time = roc_read32(ep, CRU_BAR_CTRL, CRU_FIRMWARE_TIME);
	}

	/*
	 * 2.2: a wrapper is present if its clock counter moves.  The card's
	 * links are split between the endpoints (1.2): each sees 12.
	 */
	ep->link_count = 0;
	for (w = 0; w < 2; w++) {
		u32 base = CRU_WRAPPER_BASE(w);
		u32 c0 = roc_read32(ep, CRU_BAR_CTRL, base + CRU_WRAPPER_CLOCK);
		u32 c1 = roc_read32(ep, CRU_BAR_CTRL, base + CRU_WRAPPER_CLOCK);

		if (c0 != c1)
			ep->link_count += roc_read32(ep, CRU_BAR_CTRL,
						     base + CRU_WRAPPER_CONF1) >> 24;
	}
	ep->link_count = min_t(u32, ep->link_count, CRU_EP_LINKS);
	return 0;
}

/* 2.2: degrees = raw * 693 / 1024 - 265; raw 0 means no reading. */
static int cru_temperature(struct roc_endpoint *ep, long *millideg)
{
	u32 raw;

	if (cru_features(ep) & CRU_FEATURE_NO_TEMPERATURE)
		return -ENODATA;
	raw = roc_read32(ep, CRU_BAR_CTRL, CRU_TEMPERATURE);
	if (raw & ~CRU_TEMPERATURE_RAW || !raw)
		return -ENODATA;
	*millideg = (long)raw * 693000 / 1024 - 265000;
	return 0;
}

static u64 cru_dropped_packets(struct roc_endpoint *ep)
{
	return roc_read32(ep, CRU_BAR_CTRL, CRU_DWRAPPER_BASE(ep->endpoint) +
			  CRU_DW_DROPPED_PACKETS);
}

/*
 * Only the superpage descriptor registers of BAR0 can point the card at
 * memory (2.1): address high, low and the page count that commits them,
 * for all 16 links.
 */
static unsigned int cru_prot_windows(struct roc_endpoint *ep,
				     unsigned int bar, struct roc_window *win)
{
	if (bar != CRU_BAR_DMA)
		return 0;
	win[0].start = CRU_LINK_SUPERPAGE_ADDR_HIGH(0);
	win[0].end = CRU_LINK_SUPERPAGE_PAGES(CRU_MAX_LINKS - 1) + 4;
	return 1;
}

/* 3.2 resetCru: data-generator counter, then the card, 100 ms each. */
static void cru_dma_reset(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;

	roc_write32(ep, CRU_BAR_DMA, CRU_RESET_CONTROL, CRU_RESET_DG_COUNTER);
	msleep(100);
	roc_write32(ep, CRU_BAR_DMA, CRU_RESET_CONTROL, CRU_RESET_CARD);
	msleep(100);
}

static void cru_data_taking(struct roc_endpoint *ep, bool on)
{
	u32 v;

	mutex_lock(&ep->reg_lock);
	v = roc_read32(ep, CRU_BAR_CTRL, CRU_BSP_USER_CONTROL);
	v = on ? v | CRU_DATA_TAKING : v & ~CRU_DATA_TAKING;
	roc_write32(ep, CRU_BAR_CTRL, CRU_BSP_USER_CONTROL, v);
	mutex_unlock(&ep->reg_lock);
}

static int cru_dma_open(struct roc_channel *ch)
{
	struct cru_chan *cc;

	cc = kzalloc(sizeof(*cc), GFP_KERNEL);
	if (!cc)
		return -ENOMEM;
	ch->card_priv = cc;
	return 0;
}

/* Destructor of 3.5: flush, and leave debug mode if we set it. */
static void cru_dma_close(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	u32 v;

	if (ch->source == ROC_SOURCE_INTERNAL && ch->link_mask) {
		mutex_lock(&ep->reg_lock);
		v = roc_read32(ep, CRU_BAR_DMA, CRU_DEBUG);
		roc_write32(ep, CRU_BAR_DMA, CRU_DEBUG,
			    v & CRU_TIME_FRAME_LENGTH);
		mutex_unlock(&ep->reg_lock);
	}
	kfree(ch->card_priv);
	ch->card_priv = NULL;
}

/* 3.2 startDma, with the links of 3.1. */
static int cru_dma_start(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	struct cru_chan *cc = ch->card_priv;
	bool gbt = ch->source != ROC_SOURCE_INTERNAL;
	u32 links, depth, v;
	unsigned int l;

	/* Links in use: the datapath wrapper's enable bits (3.1, 2.3). */
	links = roc_read32(ep, CRU_BAR_CTRL, CRU_DWRAPPER_BASE(ep->endpoint) +
			   CRU_DW_ENABLE) & CRU_DW_DATA_LINKS;
	if (!links)
		return -ENOLINK;
	depth = roc_read32(ep, CRU_BAR_DMA, CRU_MAX_SUPERPAGE_DESCRIPTORS);
	if (!depth)
		depth = CRU_DESCRIPTORS_DEFAULT;
	depth = min_t(u32, depth, CRU_LINK_DEPTH_MAX);

	mutex_lock(&ep->reg_lock);
	if (!gbt) {
		/*
		 * Debug mode shares its word with the time-frame length
		 * (13.8): keep bits 31:20 instead of overwriting them.
		 */
		v = roc_read32(ep, CRU_BAR_DMA, CRU_DEBUG);
		roc_write32(ep, CRU_BAR_DMA, CRU_DEBUG,
			    (v & CRU_TIME_FRAME_LENGTH) | CRU_DEBUG_MODE);
	}
	roc_write32(ep, CRU_BAR_DMA, CRU_DATA_SOURCE_SELECT,
		    gbt ? CRU_DATA_SOURCE_GBT : CRU_DATA_SOURCE_INTERNAL);
	mutex_unlock(&ep->reg_lock);

	/* Stale data of an aborted run must not survive the reset (13.6). */
	if (gbt)
		cru_data_taking(ep, false);
	cru_dma_reset(ch);

	ch->link_mask = links;
	ch->nr_links = hweight32(links);
	ch->link_depth = depth;
	ch->capacity = depth * ch->nr_links;
	for (l = 0; l < CRU_MAX_LINKS; l++) {
		struct cru_link *lk = &cc->links[l];

		lk->hw_done = 0;
		lk->size_index = 0;
		lk->fifo_empty0 = roc_read32(ep, CRU_BAR_DMA,
					     CRU_LINK_SUPERPAGE_FIFO_EMPTY(l));
	}

	roc_write32(ep, CRU_BAR_DMA, CRU_DMA_CONTROL, CRU_DMA_START);
	msleep(20);
	if (gbt)
		cru_data_taking(ep, true);
	return 0;
}

/* 3.5 stopDma: flush and stop data taking; the core harvests once. */
static void cru_dma_stop(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	u32 v;

	mutex_lock(&ep->reg_lock);
	v = roc_read32(ep, CRU_BAR_DMA, CRU_DMA_CONTROL);
	roc_write32(ep, CRU_BAR_DMA, CRU_DMA_CONTROL, v | CRU_DMA_FLUSH);
	mutex_unlock(&ep->reg_lock);
	cru_data_taking(ep, false);
}

/* 3.3: the link with the shortest queue, ties to the lowest. */
static int cru_dma_push(struct roc_channel *ch, const struct roc_sp *sp)
{
	struct roc_endpoint *ep = ch->ep;
	u32 best = U32_MAX, links = ch->link_mask;
	int l, pick = -1, ret;

	for (l = 0; links; l++, links >>= 1) {
		u32 n;

		if (!(links & 1))
			continue;
		n = roc_channel_link_count(ch, l);
		if (n < best && n < ch->link_depth) {
			best = n;
			pick = l;
		}
	}
	if (pick < 0)
		return -ENOSPC;

	ret = roc_channel_queue(ch, pick, sp, pick);
	if (ret)
		return ret;

	/* Address first; the page count commits the descriptor (2.1). */
	roc_write32(ep, CRU_BAR_DMA, CRU_LINK_SUPERPAGE_ADDR_HIGH(pick),
		    upper_32_bits(sp->dma));
	roc_write32(ep, CRU_BAR_DMA, CRU_LINK_SUPERPAGE_ADDR_LOW(pick),
		    lower_32_bits(sp->dma));
	roc_write32(ep, CRU_BAR_DMA, CRU_LINK_SUPERPAGE_PAGES(pick),
		    sp->size / CRU_DMA_PAGE_SIZE);
	return 0;
}

/* 3.4 fillSuperpages: counter first, then the size FIFO with its index. */
static int cru_dma_harvest(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	struct cru_chan *cc = ch->card_priv;
	u32 links = ch->link_mask;
	int l;

	for (l = 0; links; l++, links >>= 1) {
		struct cru_link *lk = &cc->links[l];
		u32 avail, queued;

		queued = roc_channel_link_count(ch, l);
		if (!(links & 1) || !queued)
			continue;
		avail = roc_read32(ep, CRU_BAR_DMA,
				   CRU_LINK_SUPERPAGE_COUNT(l)) - lk->hw_done;
		if (avail > queued) {
			dev_err_ratelimited(&ep->dev,
					    "link %d reported %u superpages, %u in flight\n",
					    l, avail, queued);
			return -EIO;
		}
		while (avail--) {
			unsigned int tries = 0;
			u32 v, bytes;

			/* Re-read until the index matches: PCIe may lag. */
			do {
				roc_write32(ep, CRU_BAR_DMA,
					    CRU_LINK_SUPERPAGE_SIZE(l),
					    CRU_SIZE_ADVANCE);
				v = roc_read32(ep, CRU_BAR_DMA,
					       CRU_LINK_SUPERPAGE_SIZE(l));
			} while (FIELD_GET(CRU_SIZE_INDEX, v) != lk->size_index &&
				 ++tries < 100);
			if (tries == 100) {
				dev_err_ratelimited(&ep->dev,
						    "link %d: size FIFO index %lu, expected %u\n",
						    l, FIELD_GET(CRU_SIZE_INDEX, v),
						    lk->size_index);
				return -EIO;
			}
			bytes = FIELD_GET(CRU_SIZE_BYTES, v);
			if (!bytes)	/* firmware < v3.4.0 reports nothing */
				bytes = roc_channel_link_peek(ch, l)->size;
			roc_channel_complete(ch, l, bytes, ROC_READY_DONE);
			lk->size_index++;
			lk->hw_done++;
		}
	}
	return 0;
}

static bool cru_dma_pending(struct roc_channel *ch)
{
	struct cru_chan *cc = ch->card_priv;
	u32 links = READ_ONCE(ch->link_mask);
	int l;

	for (l = 0; links; l++, links >>= 1) {
		struct cru_link *lk = &cc->links[l];

		if ((links & 1) && roc_channel_link_count(ch, l) &&
		    roc_read32(ch->ep, CRU_BAR_DMA, CRU_LINK_SUPERPAGE_COUNT(l)) !=
		    READ_ONCE(lk->hw_done))
			return true;
	}
	return false;
}

static void cru_dma_counters(struct roc_channel *ch, u64 *fifo_empty,
			     u64 *dropped)
{
	struct cru_chan *cc = ch->card_priv;
	u32 links = ch->link_mask;
	int l;

	for (l = 0; links; l++, links >>= 1)
		if (links & 1)
			*fifo_empty += roc_read32(ch->ep, CRU_BAR_DMA,
						  CRU_LINK_SUPERPAGE_FIFO_EMPTY(l)) -
				       cc->links[l].fifo_empty0;
	*dropped = cru_dropped_packets(ch->ep);
}

static const struct roc_card_ops roc_cru_ops = {
	.dma_links		= ROC_MAX_LINKS,
	.dma_depth		= CRU_LINK_DEPTH_MAX,
	.identify		= cru_identify,
	.temperature		= cru_temperature,
	.dropped_packets	= cru_dropped_packets,
	.prot_windows		= cru_prot_windows,
	.dma_open		= cru_dma_open,
	.dma_close		= cru_dma_close,
	.dma_start		= cru_dma_start,
	.dma_stop		= cru_dma_stop,
	.dma_reset		= cru_dma_reset,
	.dma_push		= cru_dma_push,
	.dma_harvest		= cru_dma_harvest,
	.dma_pending		= cru_dma_pending,
	.dma_counters		= cru_dma_counters,
	.attach			= roc_cru_i2c_attach,
	.detach			= roc_cru_i2c_detach,
	.rx_power		= roc_cru_rx_power,
	.rx_power_links		= CRU_EP_LINKS,
};

/* The CRU: the PCI ID table and roc_sim drive it as this. */
const struct roc_board_data roc_cru_board = {
	.name		= "CRU",
	.type_name	= "cru",
	.type		= ROC_CARD_CRU,
	.card		= &roc_cru_ops,
	.num_bars	= 3,
	.num_endpoints	= 2,
	.num_channels	= 1,
	.dma_bits	= 64,
};
EXPORT_SYMBOL_NS_GPL(roc_cru_board, ROC_NS);	/* for roc_sim */
