// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - simulated cards: probe and remove of the roc_sim bus driver,
 * the endpoints' BAR memory, the struct roc_bus_ops the roc core calls,
 * and module init/exit.
 *
 * A BAR is vzalloc() memory: page aligned, so the core can map its pages
 * into user space (bar_pfn below).  Register accesses through the core
 * (ROC_REG_BATCH, the card backends) go through read32/write32 and so
 * through the register model in cru.c/crorc.c, which adds side effects
 * (serial number trigger, free-running counters, read-only registers, the
 * DMA engines).  Accesses through an mmap() of a BAR touch the memory
 * directly: a user store lands as is, even on a read-only register, and
 * a counter only moves when read through the core.  Stores to registers
 * with side effects (commands, triggers) are seen by sampling, as
 * firmware does, within ROC_SIM_WATCH_NS (watch.c); DMA descriptors and
 * other registers whose every write counts are not.
 *
 * Every read32/write32 is counted per endpoint (debugfs ep<N>/registers):
 * on a real card a read is a PCIe round trip, so the counts are what the
 * driver's control path costs, whatever the host's load.
 *
 * Locking: writes, and reads of registers with side effects, run under
 * &roc_sim_ep.lock (with bottom halves off: the hooks may be called from
 * timers).  Other reads load the BAR word without a lock, so that what a
 * driver polls (CRU completion counts, 0x800 + 4 L) never waits for the
 * DMA fill thread, which holds the lock while it writes a page.
 *
 * Removal: the DMA engine is killed (it writes no more memory, whatever is
 * written to its registers) before the endpoint is unregistered, as the
 * driver unpins its buffers then; its thread is stopped before the BARs
 * are freed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "sim.h"

const struct roc_sim_model *roc_sim_model_get(enum roc_card_type type)
{
	return type == ROC_CARD_CRU ? &roc_sim_cru_model : &roc_sim_crorc_model;
}

/**
 * roc_sim_serial_reg() - serial register value after the trigger (1.4)
 * @sep: endpoint
 *
 * Four ASCII decimal digits, the first (most significant) digit in the
 * least significant byte: serial 245 is "0245", 0x35343230.
 *
 * Return: the value, or 0 when the fail_serial knob is set.
 */
u32 roc_sim_serial_reg(struct roc_sim_ep *sep)
{
	struct roc_sim_dev *simdev = sep->card->simdev;
	u32 serial = simdev->serial, val = 0;
	int i;

	if (READ_ONCE(simdev->fail_serial))
		return 0;
	for (i = 0; i < 4; i++) {
		val |= (u32)('0' + serial % 10) << (8 * (3 - i));
		serial /= 10;
	}
	return val;
}

static bool roc_sim_reg_ok(struct roc_sim_ep *sep, unsigned int bar, u64 off)
{
	return bar < ROC_MAX_BARS && sep->bar_mem[bar] && !(off & 3) &&
	       off + 4 <= sep->bar_len[bar];
}

/* Outside a BAR reads return all ones, as a PCI read nobody answers. */
static u32 roc_sim_read32(struct roc_endpoint *ep, unsigned int bar,
			  u32 offset)
{
	struct roc_sim_ep *sep = ep->bus_priv;
	const struct roc_sim_model *model;
	u32 val;

	atomic64_inc(&sep->reg_reads);
	if (!roc_sim_reg_ok(sep, bar, offset))
		return ~0U;
	model = sep->card->model;
	if (!model->read_locked || !model->read_locked(sep, bar, offset))
		return roc_sim_reg_get(sep, bar, offset);
	spin_lock_bh(&sep->lock);
	val = model->read(sep, bar, offset);
	spin_unlock_bh(&sep->lock);
	return val;
}

static void roc_sim_write32(struct roc_endpoint *ep, unsigned int bar,
			    u32 offset, u32 val)
{
	struct roc_sim_ep *sep = ep->bus_priv;
	bool wake;

	atomic64_inc(&sep->reg_writes);
	if (!roc_sim_reg_ok(sep, bar, offset))
		return;
	spin_lock_bh(&sep->lock);
	sep->card->model->write(sep, bar, offset, val);
	roc_sim_watch_written(sep, bar, offset);
	wake = sep->dma.wake;
	sep->dma.wake = false;
	spin_unlock_bh(&sep->lock);
	/* The fill thread is woken with the lock dropped (dma.c). */
	if (wake)
		wake_up(&sep->dma.wq);
}

/*
 * Page frame behind byte @offset of BAR @bar.  Convention for @prot: the
 * caller passes the VMA's protection (vma->vm_page_prot) and the simulator
 * leaves it as it is.  Its BARs are ordinary cacheable kernel memory, and
 * must not be mapped uncached (a second, uncached, mapping of cacheable
 * RAM is an attribute conflict on x86).  The pages stay valid until
 * roc_endpoint_unregister() has returned, which zaps all user mappings.
 */
static int roc_sim_bar_pfn(struct roc_endpoint *ep, unsigned int bar,
			   u64 offset, unsigned long *pfn, pgprot_t *prot)
{
	struct roc_sim_ep *sep = ep->bus_priv;

	if (bar >= ROC_MAX_BARS || !sep->bar_mem[bar])
		return -ENXIO;
	if (offset >= sep->bar_len[bar])
		return -ERANGE;
	*pfn = vmalloc_to_pfn(sep->bar_mem[bar] + offset);
	return 0;
}

static const struct roc_bus_ops roc_sim_bus_ops = {
	.read32		= roc_sim_read32,
	.write32	= roc_sim_write32,
	.bar_pfn	= roc_sim_bar_pfn,
};

static void roc_sim_bars_free(struct roc_sim_ep *sep)
{
	unsigned int i;

	for (i = 0; i < ROC_MAX_BARS; i++) {
		vfree(sep->bar_mem[i]);
		sep->bar_mem[i] = NULL;
	}
}

static int roc_sim_bars_alloc(struct roc_sim_ep *sep)
{
	const struct roc_sim_model *model = sep->card->model;
	unsigned int i;

	for (i = 0; i < model->num_bars; i++) {
		sep->bar_len[i] = model->bar_len[i];
		if (!sep->bar_len[i])
			continue;
		sep->bar_mem[i] = vzalloc(sep->bar_len[i]);
		if (!sep->bar_mem[i]) {
			roc_sim_bars_free(sep);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Create and register endpoint @index of @card.  Device lock held. */
static int roc_sim_ep_create(struct roc_sim_card *card, unsigned int index)
{
	const struct roc_sim_model *model = card->model;
	struct roc_sim_dev *simdev = card->simdev;
	struct roc_sim_ep *sep = &card->eps[index];
	char address[ROC_ADDR_LEN];
	struct roc_endpoint *ep;
	unsigned int i;
	int err;

	sep->card = card;
	sep->index = index;
	spin_lock_init(&sep->lock);

	err = roc_sim_bars_alloc(sep);
	if (err)
		return err;
	model->reset(sep);
	if (model->set_temperature)
		model->set_temperature(sep, simdev->temperature);
	err = roc_sim_watch_init(sep);
	if (err)
		goto err_bars_free;
	err = roc_sim_dma_init(sep);
	if (err)
		goto err_watch_exit;

	snprintf(address, sizeof(address), ROC_SIM_NAME ":%u.%u", simdev->id,
		 index);
	ep = roc_endpoint_alloc(&simdev->dev, model->board, &roc_sim_bus_ops,
				address);
	if (IS_ERR(ep)) {
		err = PTR_ERR(ep);
		goto err_dma_exit;
	}
	ep->bus_priv = sep;
	ep->simulated = true;
	ep->numa_node = dev_to_node(&simdev->dev);
	ep->dma_dev = &simdev->dev;
	for (i = 0; i < model->num_bars; i++) {
		ep->bars[i].len = sep->bar_len[i];
		ep->bars[i].regs = (void __iomem __force *)sep->bar_mem[i];
		ep->bars[i].phys = 0;
	}
	ep->num_bars = model->num_bars;
	sep->ep = ep;

	err = roc_endpoint_register(ep);
	if (err)
		goto err_endpoint_free;

	roc_sim_ep_debugfs_init(sep);
	return 0;

err_endpoint_free:
	sep->ep = NULL;
	roc_endpoint_free(ep);
err_dma_exit:
	roc_sim_dma_exit(sep);
err_watch_exit:
	roc_sim_watch_exit(sep);
err_bars_free:
	roc_sim_bars_free(sep);
	return err;
}

/*
 * Undo roc_sim_ep_create().  The core may call the bus ops and map BAR
 * pages until roc_endpoint_unregister() returns (it waits for running
 * file operations and zaps the mappings), so the BARs go only after it,
 * even if user space still holds the device open.  DMA stops for good
 * before: the driver may unpin its buffers while unregistering.
 */
static void roc_sim_ep_destroy(struct roc_sim_ep *sep)
{
	roc_sim_ep_debugfs_exit(sep);
	roc_sim_dma_kill(sep);
	roc_endpoint_unregister(sep->ep);
	sep->ep = NULL;
	roc_sim_dma_exit(sep);
	roc_sim_watch_exit(sep);
	roc_sim_bars_free(sep);
}

int roc_sim_drv_probe(struct roc_sim_dev *simdev)
{
	const struct roc_sim_model *model = roc_sim_model_get(simdev->type);
	struct roc_sim_card *card;
	unsigned int i;
	int err;

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card) {
		err = -ENOMEM;
		goto err_out;
	}
	card->simdev = simdev;
	card->model = model;

	/*
	 * The endpoints' DMA device: no IOMMU and no bus translation, so the
	 * DMA API maps directly (dma-direct) once the mask is set.
	 */
	err = dma_coerce_mask_and_coherent(&simdev->dev, DMA_BIT_MASK(64));
	if (err)
		goto err_card_free;

	for (i = 0; i < model->num_eps; i++) {
		err = roc_sim_ep_create(card, i);
		if (err)
			goto err_eps_destroy;
		card->num_eps++;
	}

	dev_set_drvdata(&simdev->dev, card);
	simdev->probe_err = 0;
	return 0;

err_eps_destroy:
	while (card->num_eps)
		roc_sim_ep_destroy(&card->eps[--card->num_eps]);
err_card_free:
	kfree(card);
err_out:
	simdev->probe_err = err;
	return err;
}

void roc_sim_drv_remove(struct roc_sim_dev *simdev)
{
	struct roc_sim_card *card = dev_get_drvdata(&simdev->dev);

	dev_set_drvdata(&simdev->dev, NULL);
	while (card->num_eps)
		roc_sim_ep_destroy(&card->eps[--card->num_eps]);
	kfree(card);
}

static int __init roc_sim_init(void)
{
	int err;

	roc_sim_debugfs_init();
	err = roc_sim_bus_init();
	if (err)
		goto err_debugfs_exit;
	return 0;

err_debugfs_exit:
	roc_sim_debugfs_exit();
	return err;
}

static void __exit roc_sim_exit(void)
{
	roc_sim_bus_exit();
	roc_sim_debugfs_exit();
}

module_init(roc_sim_init);
module_exit(roc_sim_exit);

MODULE_DESCRIPTION("Simulated ALICE CRU and C-RORC cards for the roc driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(ROC_VERSION);
MODULE_IMPORT_NS(ROC_NS);
