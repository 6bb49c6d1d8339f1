// SPDX-License-Identifier: GPL-2.0
/*
 * roc - C-RORC backend: what the C-RORC registers mean (docs/hardware.md 4).
 *
 * BAR n is DMA channel n (1.2); identity registers are read from BAR0.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "crorc_ddl.h"

#define CRORC_CHANNELS			6

/* 4.1 */
#define CRORC_DG_CFG			0x020
#define  CRORC_DG_RUN			BIT(31)
#define CRORC_SP_WR_SIZE		0x028
#define CRORC_SP_WR_ADDR_LOW		0x02c
#define CRORC_SP_WR_ADDR_HIGH		0x030
#define CRORC_SPINFO_LOW		0x040
#define CRORC_SPINFO_HIGH		0x044
#define CRORC_RX_FIFO_ADDR_EXT		0x080	/* legacy scheme, 4.4 */
#define CRORC_RRBARX			0x084	/* legacy scheme, 4.4 */
#define CRORC_SERIAL_NUMBER_CTRL	0x0f0
#define  CRORC_SERIAL_NUMBER_TRIGGER	0xc0000000
#define CRORC_SERIAL_NUMBER		0x0fc
#define CRORC_FIRMWARE_HASH		0x19c
#define CRORC_CFG_CONTROL_B		0x1f4
#define  CRORC_FLUSH			BIT(16)
#define CRORC_QUEUE			128	/* software transfer queue, 4.2 */
#define CRORC_BAR_MIN			0x200

/**
 * struct crorc_chan - the C-RORC's per-channel data, &roc_channel.card_priv
 * @host: the 8-byte superpage-info word the card writes (4.2):
 *	{size, count}
 * @host_dma: bus address of @host
 * @sp_counter: push counter of SP_WR_SIZE
 * @host_count: last host-word count seen
 * @in_card: the card holds the head of the queue (it holds one at most)
 * @verified: the size register was read back once since start
 * @link_lost: the DDL link of the run went down (logged once)
 */
struct crorc_chan {
	__le32 *host;
	dma_addr_t host_dma;
	u8 sp_counter;
	u8 host_count;
	bool in_card;
	bool verified;
	bool link_lost;
};

static int crorc_identify(struct roc_endpoint *ep)
{
	if (!ep->num_bars || ep->bars[0].len < CRORC_BAR_MIN) {
		dev_err(ep->parent, "C-RORC BAR0 missing or too small\n");
		return -ENODEV;
	}

	/* 1.4: trigger the flash read and wait up to 500 ms. */
	ep->serial = roc_read_triggered_serial(ep, 0, CRORC_SERIAL_NUMBER,
					       CRORC_SERIAL_NUMBER_CTRL,
					       CRORC_SERIAL_NUMBER_TRIGGER,
					       500);
	if (ep->serial < 0)
		dev_warn(ep->parent, "C-RORC serial number unreadable\n");

	ep->endpoint = 0;
	ep->fw_hash = roc_read32(ep, 0, CRORC_FIRMWARE_HASH);
	ep->fw_date = 0;
	ep->fw_time = 0;
	ep->link_count = CRORC_CHANNELS;
	return 0;
}

/*
 * Registers that hold bus addresses (4.1, 4.4): superpage size/address
 * (0x28-0x30), the legacy ready-FIFO base and free-FIFO push (0x34-0x3c),
 * SPINFO (0x40-0x44), and the legacy high words at 0x80 and 0x84.
 */
static unsigned int crorc_prot_windows(struct roc_endpoint *ep,
				       unsigned int bar,
				       struct roc_window *win)
{
	win[0].start = CRORC_SP_WR_SIZE;
	win[0].end = CRORC_SPINFO_HIGH + 4;
	win[1].start = CRORC_RX_FIFO_ADDR_EXT;
	win[1].end = CRORC_RRBARX + 4;
	return 2;
}

/*
 * DMA, 4.2: the firmware holds one superpage at a time and reports its
 * completion by writing {u32 size; u32 count} to a host word whose bus
 * address the driver programs into SPINFO.
 */
static int crorc_dma_open(struct roc_channel *ch)
{
	struct crorc_chan *cc;

	cc = kzalloc(sizeof(*cc), GFP_KERNEL);
	if (!cc)
		return -ENOMEM;
	cc->host = dma_alloc_coherent(ch->ep->dma_dev, 8, &cc->host_dma,
				      GFP_KERNEL);
	if (!cc->host) {
		kfree(cc);
		return -ENOMEM;
	}
	ch->card_priv = cc;
	return 0;
}

static void crorc_dma_close(struct roc_channel *ch)
{
	struct crorc_chan *cc = ch->card_priv;

	dma_free_coherent(ch->ep->dma_dev, 8, cc->host, cc->host_dma);
	kfree(cc);
	ch->card_priv = NULL;
}

static void crorc_dma_reset(struct roc_channel *ch)
{
	roc_write32(ch->ep, ch->index, CRORC_CSR, CRORC_CSR_RESET);
}

/* C_CSR command bits toggle: write one only if the state differs. */
static void crorc_csr_set(struct roc_channel *ch, u32 bit, bool on)
{
	bool is = roc_read32(ch->ep, ch->index, CRORC_C_CSR) & bit;

	if (is != on)
		roc_write32(ch->ep, ch->index, CRORC_C_CSR, bit);
}

static void crorc_dg_stop(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	u32 v;

	mutex_lock(&ep->reg_lock);
	v = roc_read32(ep, ch->index, CRORC_DG_CFG);
	v &= ~CRORC_DG_RUN;
	roc_write32(ep, ch->index, CRORC_DG_CFG, v);
	mutex_unlock(&ep->reg_lock);
}

static int crorc_dma_start(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	struct crorc_chan *cc = ch->card_priv;
	unsigned int bar = ch->index;

	int ret;

	/* DDG is a CRU thing; FEE, DIU and SIU go over the DDL (5.2). */
	if (ch->source == ROC_SOURCE_DDG ||
	    (ch->start_options && ch->source != ROC_SOURCE_FEE))
		return -EOPNOTSUPP;
	if (bar >= ep->num_bars || ep->bars[bar].len < CRORC_BAR_MIN)
		return -ENODEV;

	cc->host[0] = 0;
	cc->host[1] = cpu_to_le32(0xff);
	cc->host_count = 0xff;
	cc->sp_counter = 0;
	crorc_dma_reset(ch);

	roc_write32(ep, bar, CRORC_SPINFO_LOW, lower_32_bits(cc->host_dma));
	roc_write32(ep, bar, CRORC_SPINFO_HIGH, upper_32_bits(cc->host_dma));
	crorc_csr_set(ch, CRORC_C_CSR_RX, true);
	ret = crorc_ddl_start(ch);
	if (ret) {
		crorc_csr_set(ch, CRORC_C_CSR_RX, false);
		return ret;
	}
	msleep(100);

	ch->link_mask = BIT(0);
	ch->nr_links = 1;
	ch->link_depth = 1;
	ch->capacity = CRORC_QUEUE;
	cc->in_card = false;
	cc->verified = false;
	cc->link_lost = false;
	return 0;
}

/* Hand the head of the queue to the card; the size write commits it. */
static void crorc_program(struct roc_channel *ch)
{
	struct crorc_chan *cc = ch->card_priv;
	struct roc_endpoint *ep = ch->ep;
	unsigned int bar = ch->index;
	const struct roc_sp *sp;
	u32 v;

	if (cc->in_card || !ch->link_depth)
		return;
	sp = roc_channel_link_peek(ch, 0);
	if (!sp)
		return;
	roc_write32(ep, bar, CRORC_SP_WR_ADDR_HIGH, upper_32_bits(sp->dma));
	roc_write32(ep, bar, CRORC_SP_WR_ADDR_LOW, lower_32_bits(sp->dma));
	roc_write32(ep, bar, CRORC_SP_WR_SIZE, sp->size);
	cc->sp_counter++;
	cc->in_card = true;
	/*
	 * A read is a PCIe round trip: check the card took the commit once
	 * per run, not per superpage (the budget is 3 writes, 0 reads).
	 */
	if (cc->verified)
		return;
	cc->verified = true;
	v = roc_read32(ep, bar, CRORC_SP_WR_SIZE);
	if (v != (sp->size << 8 | cc->sp_counter))
		dev_warn_ratelimited(&ep->dev,
				     "channel %u: superpage size read back 0x%08x, expected 0x%08x\n",
				     bar, v, sp->size << 8 | cc->sp_counter);
}

static int crorc_dma_push(struct roc_channel *ch, const struct roc_sp *sp)
{
	int ret;

	if (roc_channel_link_count(ch, 0) >= CRORC_QUEUE)
		return -ENOSPC;
	/* A C-RORC channel is one link: completions name the channel. */
	ret = roc_channel_queue(ch, 0, sp, ch->index);
	if (ret)
		return ret;
	crorc_program(ch);
	return 0;
}

static u8 crorc_host_count(struct crorc_chan *cc)
{
	return le32_to_cpu(READ_ONCE(cc->host[1])) & 0xff;
}

static int crorc_dma_harvest(struct roc_channel *ch)
{
	struct crorc_chan *cc = ch->card_priv;
	u8 count = crorc_host_count(cc);

	/* A run over the DDL whose link went down fails (4.2). */
	if (ch->link_depth && crorc_ddl_link_lost(ch)) {
		if (!cc->link_lost)
			dev_err(&ch->ep->dev,
				"channel %u: DDL link down during the run (C_CSR LINK_DOWN): failing the channel\n",
				ch->index);
		cc->link_lost = true;
		return -ENOLINK;
	}

	if (cc->in_card && count != cc->host_count) {
		/* The size is written before the count: read it after. */
		dma_rmb();
		roc_channel_complete(ch, 0, le32_to_cpu(READ_ONCE(cc->host[0])),
				     ROC_READY_DONE);
		cc->host_count = count;
		cc->in_card = false;
	}
	crorc_program(ch);
	return 0;
}

static bool crorc_dma_pending(struct roc_channel *ch)
{
	struct crorc_chan *cc = ch->card_priv;

	if (READ_ONCE(ch->link_depth) && crorc_ddl_link_lost(ch))
		return true;	/* wake the reader: the harvest fails */
	return READ_ONCE(cc->in_card) &&
	       crorc_host_count(cc) != READ_ONCE(cc->host_count);
}

static void crorc_dma_stop(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	u32 v;

	crorc_dg_stop(ch);
	crorc_ddl_stop(ch);
	mutex_lock(&ep->reg_lock);
	v = roc_read32(ep, ch->index, CRORC_CFG_CONTROL_B);
	roc_write32(ep, ch->index, CRORC_CFG_CONTROL_B, v | CRORC_FLUSH);
	mutex_unlock(&ep->reg_lock);
	crorc_csr_set(ch, CRORC_C_CSR_RX, false);
	/* Depth 0: the harvest that follows hands the card nothing new. */
	ch->link_depth = 0;
}

static void crorc_dma_counters(struct roc_channel *ch, u64 *fifo_empty,
			       u64 *dropped)
{
}

static const struct roc_card_ops roc_crorc_ops = {
	.dma_links		= 1,
	.dma_depth		= CRORC_QUEUE,
	.harvest_free		= true,
	.identify		= crorc_identify,
	.prot_windows		= crorc_prot_windows,
	.dma_open		= crorc_dma_open,
	.dma_close		= crorc_dma_close,
	.dma_start		= crorc_dma_start,
	.dma_stop		= crorc_dma_stop,
	.dma_reset		= crorc_dma_reset,
	.dma_push		= crorc_dma_push,
	.dma_harvest		= crorc_dma_harvest,
	.dma_pending		= crorc_dma_pending,
	.dma_counters		= crorc_dma_counters,
	.attach			= roc_crorc_flash_attach,
	.detach			= roc_crorc_flash_detach,
	.dma_reset_level	= crorc_ddl_reset,
	.ddl_status		= crorc_ddl_status,
};

/* The C-RORC: the PCI ID table and roc_sim drive it as this. */
const struct roc_board_data roc_crorc_board = {
	.name		= "C-RORC",
	.type_name	= "crorc",
	.type		= ROC_CARD_CRORC,
	.card		= &roc_crorc_ops,
	.num_bars	= ROC_MAX_BARS,
	.num_endpoints	= 1,
	.num_channels	= CRORC_CHANNELS,
	.dma_bits	= 64,
};
EXPORT_SYMBOL_NS_GPL(roc_crorc_board, ROC_NS);	/* for roc_sim */
