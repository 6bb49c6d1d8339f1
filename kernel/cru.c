// SPDX-License-Identifier: GPL-2.0
/*
 * roc - CRU backend: what the CRU registers mean (HARDWARE.md sections 1-3).
 *
 * BAR0 is the DMA engine, BAR2 everything else (1.2).  Offsets are bytes.
 */
#include <linux/delay.h>
#include <linux/device.h>

#include "roc.h"

#define CRU_BAR_DMA			0
#define CRU_BAR_CTRL			2

/* BAR0, 2.1 */
#define CRU_LINK_SUPERPAGE_ADDR_HIGH(l)	(0x204 + 0x10 * (l))
#define CRU_LINK_SUPERPAGE_PAGES(l)	(0x20c + 0x10 * (l))
#define CRU_FIRMWARE_FEATURES		0x41c
#define  CRU_FEATURES_STANDALONE	0x5afe
#define  CRU_FEATURE_NO_TEMPERATURE	BIT(17)
#define  CRU_FEATURE_NO_SERIAL		BIT(18)
#define  CRU_FEATURE_NO_FIRMWARE_INFO	BIT(19)
#define CRU_ENDPOINT_ID			0x500
#define  CRU_ENDPOINT_ID_EP1		0x11111111
#define CRU_MAX_LINKS			16

/* BAR2, 2.2 and 2.3 */
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
#define  CRU_DW_DROPPED_PACKETS		0x1c

/* The highest BAR offsets used above bound the BAR sizes we accept. */
#define CRU_BAR_DMA_MIN			0x1000
#define CRU_BAR_CTRL_MIN		0x800000

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

	/* 2.2: a wrapper is present if its clock counter moves. */
	ep->link_count = 0;
	for (w = 0; w < 2; w++) {
		u32 base = CRU_WRAPPER_BASE(w);
		u32 c0 = roc_read32(ep, CRU_BAR_CTRL, base + CRU_WRAPPER_CLOCK);
		u32 c1 = roc_read32(ep, CRU_BAR_CTRL, base + CRU_WRAPPER_CLOCK);

		if (c0 != c1)
			ep->link_count += roc_read32(ep, CRU_BAR_CTRL,
						     base + CRU_WRAPPER_CONF1) >> 24;
	}
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

const struct roc_card_ops roc_cru_ops = {
	.type			= ROC_CARD_CRU,
	.name			= "CRU",
	.num_channels		= 1,
	.identify		= cru_identify,
	.temperature		= cru_temperature,
	.dropped_packets	= cru_dropped_packets,
	.prot_windows		= cru_prot_windows,
};
