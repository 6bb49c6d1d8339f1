// SPDX-License-Identifier: GPL-2.0
/*
 * roc_edu - TEST ONLY: a roc card backend for QEMU's "edu" device
 * (PCI 1234:11e8, QEMU docs/specs/edu.rst), so that roc's PCI glue (probe,
 * remove, BAR mmap, DMA mask) and its IOMMU mapping of user buffers can be
 * exercised on a real, if emulated, PCI function.  selftests/pci_test.c
 * drives it; nothing in production loads it.
 *
 * The edu device: BAR0 (1 MiB) with an identification register (0x00 reads
 * 0x010000ed), a liveness register (0x04 reads back the complement of what
 * was written) and a DMA engine: source 0x80, destination 0x88, count 0x90,
 * command 0x98 (bit 0 start, reads 1 while running; bit 1 direction, 1 =
 * from the device's 4 KiB buffer at device address 0x40000 to the bus).  A
 * transfer takes 100 ms of virtual time; bus addresses are cut to the
 * device's DMA mask, 28 bits unless QEMU's dma_mask property says other.
 *
 * One DMA channel, one link.  ROC_DMA_START copies a 2 KiB pattern (32-bit
 * word i is ROC_EDU_PATTERN(i)) from a coherent kernel buffer into the
 * device's buffer; every superpage pushed is then filled with copies of it,
 * 2 KiB per transfer, at the bus address roc computed.  (QEMU 7.2 refuses
 * a transfer of the whole 4 KiB buffer -- an off-by-one in its range check
 * that stops the VM with "hardware error" -- hence 2 KiB.)  Completion is
 * polled from the command register; the edu interrupt is not used.
 *
 * Debugfs, /sys/kernel/debug/roc_edu/<PCI address>/, root only:
 *   dmas        u64  0400  2 KiB transfers to the bus completed
 *   last_dma    x64  0400  bus address of the last superpage programmed
 *   fire_stale       0200  TEST ONLY: write 1 to copy the pattern to
 *                          last_dma again, whether or not that address is
 *                          still mapped -- after the buffer was
 *                          unregistered this shows the IOMMU refusing a
 *                          stale bus address (a DMAR fault, nothing lands)
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "kernel/roc.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_DMA_BITS		28	/* QEMU's default dma_mask */

#define EDU_IDENT		0x00
#define  EDU_IDENT_VALUE	0x010000ed
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define  EDU_DMA_RUN		BIT(0)
#define  EDU_DMA_TO_BUS		BIT(1)
#define EDU_DMA_END		0xa0
#define EDU_BUF			0x40000	/* device address of its buffer */
#define EDU_XFER		2048	/* bytes per transfer, see above */
#define EDU_BAR_SIZE		0x100000
#define EDU_QUEUE		32
#define EDU_TIMEOUT_MS		3000

#define ROC_EDU_PATTERN(i)	(0xed000000u | (i))

/**
 * struct roc_edu - one bound edu function
 * @ep: its endpoint
 * @pattern: what ROC_DMA_START loads into the device (coherent)
 * @pattern_dma: bus address of @pattern
 * @busy: a transfer to the bus is running
 * @chunk: transfers of the head superpage done
 * @last_dma: bus address of the last superpage programmed (test only)
 * @dmas: transfers to the bus completed
 *
 * All but @ep are changed under the channel lock; the poll timer reads
 * @busy.
 */
struct roc_edu {
	struct roc_endpoint *ep;
	u32 *pattern;
	dma_addr_t pattern_dma;
	bool busy;
	u32 chunk;
	u64 last_dma;
	u64 dmas;
};

static struct dentry *roc_edu_ddir;

static u32 edu_read(struct roc_endpoint *ep, u32 reg)
{
	return roc_read32(ep, 0, reg);
}

static void edu_write(struct roc_endpoint *ep, u32 reg, u32 val)
{
	roc_write32(ep, 0, reg, val);
}

/* The engine takes a full 64-bit address; ours fit 32 bits (the mask). */
static void edu_dma(struct roc_endpoint *ep, u64 src, u64 dst, u32 cmd)
{
	edu_write(ep, EDU_DMA_SRC, src);
	edu_write(ep, EDU_DMA_DST, dst);
	edu_write(ep, EDU_DMA_COUNT, EDU_XFER);
	edu_write(ep, EDU_DMA_CMD, cmd | EDU_DMA_RUN);
}

static int edu_wait_idle(struct roc_endpoint *ep)
{
	unsigned long end = jiffies + msecs_to_jiffies(EDU_TIMEOUT_MS);

	while (edu_read(ep, EDU_DMA_CMD) & EDU_DMA_RUN) {
		if (time_after(jiffies, end)) {
			dev_err(ep->parent, "edu DMA engine stuck\n");
			return -ETIMEDOUT;
		}
		usleep_range(1000, 2000);
	}
	return 0;
}

/* TEST ONLY, see the top of the file. */
static ssize_t fire_stale_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct roc_edu *edu = file->private_data;
	struct roc_endpoint *ep = edu->ep;
	struct roc_channel *ch = &ep->channels[0];
	int idx, ret = 0;

	mutex_lock(&ch->lock);
	if (!roc_ep_enter(ep, &idx)) {
		mutex_unlock(&ch->lock);
		return -ENODEV;
	}
	if (edu->busy || !edu->last_dma)
		ret = -EBUSY;
	if (!ret) {
		dev_info(ep->parent, "test: DMA to stale bus address %#llx\n",
			 edu->last_dma);
		edu_dma(ep, EDU_BUF, edu->last_dma, EDU_DMA_TO_BUS);
		ret = edu_wait_idle(ep);
	}
	roc_ep_exit(idx);
	mutex_unlock(&ch->lock);
	return ret ?: count;
}

static const struct file_operations fire_stale_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= fire_stale_write,
	.llseek	= noop_llseek,
};

static void edu_debugfs_remove(void *dir)
{
	debugfs_remove_recursive(dir);
}

static int edu_identify(struct roc_endpoint *ep)
{
	struct roc_edu *edu;
	struct dentry *dir;
	u32 ident;

	if (!ep->num_bars || ep->bars[0].len < EDU_BAR_SIZE)
		return -ENODEV;
	ident = edu_read(ep, EDU_IDENT);
	if (ident != EDU_IDENT_VALUE) {
		dev_err(ep->parent, "edu identification %#x, expected %#x\n",
			ident, EDU_IDENT_VALUE);
		return -ENODEV;
	}

	/* Lives as long as the PCI binding: every user is gone by then. */
	edu = devm_kzalloc(ep->parent, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->ep = ep;
	ep->card_priv = edu;

	dir = debugfs_create_dir(dev_name(ep->parent), roc_edu_ddir);
	debugfs_create_u64("dmas", 0400, dir, &edu->dmas);
	debugfs_create_x64("last_dma", 0400, dir, &edu->last_dma);
	debugfs_create_file("fire_stale", 0200, dir, edu, &fire_stale_fops);
	if (devm_add_action_or_reset(ep->parent, edu_debugfs_remove, dir))
		return -ENOMEM;

	ep->serial = -1;
	ep->endpoint = 0;
	ep->fw_hash = ident;
	ep->link_count = 1;
	return 0;
}

/* The DMA registers are what could point the device at memory. */
static unsigned int edu_prot_windows(struct roc_endpoint *ep,
				     unsigned int bar, struct roc_window *win)
{
	if (bar)
		return 0;
	win[0].start = EDU_DMA_SRC;
	win[0].end = EDU_DMA_END;
	return 1;
}

static int edu_dma_open(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;
	unsigned int i;

	edu->pattern = dma_alloc_coherent(ch->ep->dma_dev, EDU_XFER,
					  &edu->pattern_dma, GFP_KERNEL);
	if (!edu->pattern)
		return -ENOMEM;
	for (i = 0; i < EDU_XFER / 4; i++)
		edu->pattern[i] = ROC_EDU_PATTERN(i);
	return 0;
}

static void edu_dma_close(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;

	if (edu->pattern)
		dma_free_coherent(ch->ep->dma_dev, EDU_XFER, edu->pattern,
				  edu->pattern_dma);
	edu->pattern = NULL;
}

static int edu_dma_start(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;
	struct roc_endpoint *ep = ch->ep;
	int ret;

	if (ch->source != ROC_SOURCE_INTERNAL)
		return -EOPNOTSUPP;
	ret = edu_wait_idle(ep);
	if (ret)
		return ret;
	/* Load the pattern: bus -> device buffer. */
	edu_dma(ep, edu->pattern_dma, EDU_BUF, 0);
	ret = edu_wait_idle(ep);
	if (ret)
		return ret;

	edu->busy = false;
	edu->chunk = 0;
	ch->link_mask = BIT(0);
	ch->nr_links = 1;
	ch->link_depth = EDU_QUEUE;
	ch->capacity = EDU_QUEUE;
	return 0;
}

/* Start the next piece of the head superpage, if the engine is free. */
static void edu_kick(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;
	const struct roc_sp *sp;

	if (edu->busy || !ch->link_depth)
		return;
	sp = roc_channel_link_peek(ch, 0);
	if (!sp)
		return;
	edu->last_dma = sp->dma;
	edu_dma(ch->ep, EDU_BUF, sp->dma + (u64)edu->chunk * EDU_XFER,
		EDU_DMA_TO_BUS);
	WRITE_ONCE(edu->busy, true);
}

static int edu_dma_push(struct roc_channel *ch, const struct roc_sp *sp)
{
	int ret;

	if (roc_channel_link_count(ch, 0) >= EDU_QUEUE)
		return -ENOSPC;
	ret = roc_channel_queue(ch, 0, sp, sp->link);
	if (ret)
		return ret;
	edu_kick(ch);
	return 0;
}

static int edu_dma_harvest(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;
	const struct roc_sp *sp;
	int ret = 0;

	if (edu->busy && !(edu_read(ch->ep, EDU_DMA_CMD) & EDU_DMA_RUN)) {
		WRITE_ONCE(edu->busy, false);
		edu->dmas++;
		edu->chunk++;
		sp = roc_channel_link_peek(ch, 0);
		if (!sp) {
			ret = -EIO;
		} else if ((u64)edu->chunk * EDU_XFER >= sp->size) {
			edu->chunk = 0;
			ret = roc_channel_complete(ch, 0, sp->size,
						   ROC_READY_DONE);
		}
	}
	edu_kick(ch);
	return ret;
}

static bool edu_dma_pending(struct roc_channel *ch)
{
	struct roc_edu *edu = ch->ep->card_priv;

	return READ_ONCE(edu->busy) &&
	       !(edu_read(ch->ep, EDU_DMA_CMD) & EDU_DMA_RUN);
}

/* The engine cannot be aborted: wait for the transfer that runs. */
static void edu_dma_stop(struct roc_channel *ch)
{
	edu_wait_idle(ch->ep);
	/* Depth 0: the harvest that follows starts nothing new. */
	ch->link_depth = 0;
}

static void edu_dma_reset(struct roc_channel *ch)
{
	edu_wait_idle(ch->ep);
}

static void edu_dma_counters(struct roc_channel *ch, u64 *fifo_empty,
			     u64 *dropped)
{
}

static const struct roc_card_ops roc_edu_ops = {
	.dma_links		= 1,
	.dma_depth		= EDU_QUEUE,
	.identify		= edu_identify,
	.prot_windows		= edu_prot_windows,
	.dma_open		= edu_dma_open,
	.dma_close		= edu_dma_close,
	.dma_start		= edu_dma_start,
	.dma_stop		= edu_dma_stop,
	.dma_reset		= edu_dma_reset,
	.dma_push		= edu_dma_push,
	.dma_harvest		= edu_dma_harvest,
	.dma_pending		= edu_dma_pending,
	.dma_counters		= edu_dma_counters,
};

static const struct roc_board_data roc_edu_board = {
	.name		= "edu (test)",
	.type_name	= "unknown",
	.type		= ROC_CARD_UNKNOWN,
	.card		= &roc_edu_ops,
	.num_bars	= 1,
	.num_endpoints	= 1,
	.num_channels	= 1,
	.dma_bits	= EDU_DMA_BITS,
};

static struct roc_pci_backend roc_edu_backend = {
	.vendor		= EDU_VENDOR,
	.device		= EDU_DEVICE,
	.board		= &roc_edu_board,
	.owner		= THIS_MODULE,
};

static int __init roc_edu_init(void)
{
	int ret;

	roc_edu_ddir = debugfs_create_dir("roc_edu", NULL);
	ret = roc_pci_register_backend(&roc_edu_backend);
	if (ret)
		debugfs_remove_recursive(roc_edu_ddir);
	return ret;
}

static void __exit roc_edu_exit(void)
{
	roc_pci_unregister_backend(&roc_edu_backend);
	debugfs_remove_recursive(roc_edu_ddir);
}

module_init(roc_edu_init);
module_exit(roc_edu_exit);
MODULE_DESCRIPTION("TEST ONLY: roc card backend for QEMU's edu device");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ROC_NS);
