// SPDX-License-Identifier: GPL-2.0
/*
 * roc - PCI glue: binds the CRU and C-RORC endpoints by PCI ID.
 *
 * The IDs are those of docs/hardware.md section 1.1.  A CRU is two PCI functions,
 * each an endpoint of its own; a C-RORC is one.  Register access is plain
 * readl/writel on the BARs and mmap() maps their physical pages uncached,
 * which is what the core does when the bus ops leave those hooks NULL.
 *
 * A function of another ID can be bound with driver_override (echo roc >
 * /sys/bus/pci/devices/.../driver_override; echo ... > drivers_probe).
 * Without a backend registered for its ID the probe fails with -ENODEV and
 * touches nothing; with one (roc_pci_register_backend(), used by the test
 * module selftests/kmod/roc_edu.c for QEMU's edu device) it becomes an
 * endpoint driven by that backend, with the backend's DMA mask.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#include "roc.h"

#define PCI_VENDOR_ID_CERN		0x10dc
#define PCI_DEVICE_ID_CERN_CRORC	0x0033
#define PCI_DEVICE_ID_CERN_CRU		0x0034
#define PCI_DEVICE_ID_ALTERA_CRU_DEV	0xe001

static const struct pci_device_id roc_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRORC),
	  .driver_data = (kernel_ulong_t)&roc_crorc_board },
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRU),
	  .driver_data = (kernel_ulong_t)&roc_cru_board },
	{ PCI_DEVICE(PCI_VENDOR_ID_ALTERA, PCI_DEVICE_ID_ALTERA_CRU_DEV),
	  .driver_data = (kernel_ulong_t)&roc_cru_board },
	{ }
};
MODULE_DEVICE_TABLE(pci, roc_pci_ids);

static const struct roc_bus_ops roc_pci_bus_ops = {
	/* readl/writel and uncached mmap of the physical BAR */
};

/* Backends for IDs outside roc_pci_ids, see roc_pci_register_backend(). */
static LIST_HEAD(roc_pci_backends);
static DEFINE_MUTEX(roc_pci_backends_lock);	/* protects roc_pci_backends */

/**
 * roc_pci_register_backend() - drive functions of one PCI ID with @be
 * @be: the backend; stays registered until roc_pci_unregister_backend()
 *
 * Functions already bound are not affected; a later probe (driver_override
 * and drivers_probe) uses @be.
 *
 * Return: 0, -EINVAL for an incomplete backend or an ID roc drives itself,
 * -EEXIST if the ID has a backend already.
 */
int roc_pci_register_backend(struct roc_pci_backend *be)
{
	const struct roc_board_data *b = be->board;
	const struct roc_card_ops *c = b ? b->card : NULL;
	const struct pci_device_id *id;
	struct roc_pci_backend *pos;
	int ret = 0;

	if (!c || !b->name || !b->type_name || !b->num_channels ||
	    b->dma_bits < 24 || b->dma_bits > 64 ||
	    !b->num_bars || b->num_bars > ROC_MAX_BARS ||
	    !c->identify || !c->prot_windows ||
	    !c->dma_links || c->dma_links > ROC_MAX_LINKS || !c->dma_depth ||
	    !c->dma_open || !c->dma_close || !c->dma_start || !c->dma_stop ||
	    !c->dma_reset || !c->dma_push || !c->dma_harvest ||
	    !c->dma_pending || !c->dma_counters)
		return -EINVAL;
	for (id = roc_pci_ids; id->vendor; id++)
		if (id->vendor == be->vendor && id->device == be->device)
			return -EINVAL;

	mutex_lock(&roc_pci_backends_lock);
	list_for_each_entry(pos, &roc_pci_backends, list) {
		if (pos->vendor == be->vendor && pos->device == be->device) {
			ret = -EEXIST;
			break;
		}
	}
	if (!ret)
		list_add_tail(&be->list, &roc_pci_backends);
	mutex_unlock(&roc_pci_backends_lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(roc_pci_register_backend, ROC_NS);

/**
 * roc_pci_unregister_backend() - undo roc_pci_register_backend()
 * @be: the backend
 *
 * Endpoints using @be pin its module, so this runs (from the backend's
 * module exit) only when none is left.
 */
void roc_pci_unregister_backend(struct roc_pci_backend *be)
{
	mutex_lock(&roc_pci_backends_lock);
	list_del(&be->list);
	mutex_unlock(&roc_pci_backends_lock);
}
EXPORT_SYMBOL_NS_GPL(roc_pci_unregister_backend, ROC_NS);

/* The backend of @pdev's ID with a reference on its module, or NULL. */
static const struct roc_pci_backend *roc_pci_backend_get(struct pci_dev *pdev)
{
	const struct roc_pci_backend *found = NULL;
	struct roc_pci_backend *be;

	mutex_lock(&roc_pci_backends_lock);
	list_for_each_entry(be, &roc_pci_backends, list) {
		if (be->vendor == pdev->vendor && be->device == pdev->device) {
			if (try_module_get(be->owner))
				found = be;
			break;
		}
	}
	mutex_unlock(&roc_pci_backends_lock);
	return found;
}

static int roc_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	const struct roc_board_data *board = (void *)id->driver_data;
	const struct roc_pci_backend *be = NULL;
	unsigned int i, mask = 0;
	struct roc_endpoint *ep;
	void __iomem *const *iomap;
	int ret;

	if (!board) {
		/* A driver_override binding matches no entry of the table. */
		be = roc_pci_backend_get(pdev);
		if (!be) {
			dev_err(&pdev->dev, "%04x:%04x is not a CRU or C-RORC\n",
				pdev->vendor, pdev->device);
			return -ENODEV;
		}
		board = be->board;
	}

	ret = pcim_enable_device(pdev);
	if (ret)
		goto err_put_backend;

	for (i = 0; i < ROC_MAX_BARS; i++)
		if (pci_resource_len(pdev, i) &&
		    pci_resource_flags(pdev, i) & IORESOURCE_MEM)
			mask |= BIT(i);
	ret = pcim_iomap_regions(pdev, mask, ROC_DRV_NAME);
	if (ret) {
		dev_err(&pdev->dev, "cannot map BARs: %d\n", ret);
		goto err_put_backend;
	}
	iomap = pcim_iomap_table(pdev);

	ret = dma_set_mask_and_coherent(&pdev->dev,
					DMA_BIT_MASK(board->dma_bits));
	if (ret) {
		dev_err(&pdev->dev, "no usable DMA configuration for %u-bit addresses\n",
			board->dma_bits);
		goto err_put_backend;
	}
	/* Buffers map to as few segments as the IOMMU can make. */
	dma_set_max_seg_size(&pdev->dev, UINT_MAX);
	pci_set_master(pdev);

	ep = roc_endpoint_alloc(&pdev->dev, board, &roc_pci_bus_ops,
				pci_name(pdev));
	if (IS_ERR(ep)) {
		ret = PTR_ERR(ep);
		goto err_clear_master;
	}
	if (be) {
		/*
		 * From here on the endpoint holds the backend's module, until
		 * its last file is closed: until then an open file may still
		 * look at the backend's ops.
		 */
		ep->card_owner = be->owner;
		be = NULL;
	}
	for (i = 0; i < ROC_MAX_BARS; i++) {
		if (!(mask & BIT(i)))
			continue;
		ep->bars[i].len = pci_resource_len(pdev, i);
		ep->bars[i].phys = pci_resource_start(pdev, i);
		ep->bars[i].regs = iomap[i];
	}
	ep->num_bars = board->num_bars;

	ret = roc_endpoint_register(ep);
	if (ret)
		goto err_free;
	pci_set_drvdata(pdev, ep);
	return 0;

err_free:
	roc_endpoint_free(ep);
err_clear_master:
	pci_clear_master(pdev);
err_put_backend:
	if (be)
		module_put(be->owner);
	return ret;
}

static void roc_pci_remove(struct pci_dev *pdev)
{
	roc_endpoint_unregister(pci_get_drvdata(pdev));
	pci_clear_master(pdev);
}

static struct pci_driver roc_pci_driver = {
	.name		= ROC_DRV_NAME,
	.id_table	= roc_pci_ids,
	.probe		= roc_pci_probe,
	.remove		= roc_pci_remove,
};

int roc_pci_init(void)
{
	return pci_register_driver(&roc_pci_driver);
}

void roc_pci_exit(void)
{
	pci_unregister_driver(&roc_pci_driver);
}
