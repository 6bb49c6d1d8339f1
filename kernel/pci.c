// SPDX-License-Identifier: GPL-2.0
/*
 * roc - PCI glue: binds the CRU and C-RORC endpoints by PCI ID.
 *
 * The IDs are those of HARDWARE.md section 1.1.  A CRU is two PCI functions,
 * each an endpoint of its own; a C-RORC is one.  Register access is plain
 * readl/writel on the BARs and mmap() maps their physical pages uncached,
 * which is what the core does when the bus ops leave those hooks NULL.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include "roc.h"

#define PCI_VENDOR_ID_CERN		0x10dc
#define PCI_DEVICE_ID_CERN_CRORC	0x0033
#define PCI_DEVICE_ID_CERN_CRU		0x0034
#define PCI_DEVICE_ID_ALTERA_CRU_DEV	0xe001

static const struct pci_device_id roc_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRORC),
	  .driver_data = ROC_CARD_CRORC },
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRU),
	  .driver_data = ROC_CARD_CRU },
	{ PCI_DEVICE(PCI_VENDOR_ID_ALTERA, PCI_DEVICE_ID_ALTERA_CRU_DEV),
	  .driver_data = ROC_CARD_CRU },
	{ }
};
MODULE_DEVICE_TABLE(pci, roc_pci_ids);

static const struct roc_bus_ops roc_pci_bus_ops = {
	/* readl/writel and uncached mmap of the physical BAR */
};

static int roc_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct roc_endpoint *ep;
	unsigned int i, mask = 0;
	void __iomem *const *iomap;
	int ret;

	if (!id->driver_data) {
		/* A driver_override binding matches no entry of the table. */
		dev_err(&pdev->dev, "%04x:%04x is not a CRU or C-RORC\n",
			pdev->vendor, pdev->device);
		return -ENODEV;
	}

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	for (i = 0; i < ROC_MAX_BARS; i++)
		if (pci_resource_len(pdev, i) &&
		    pci_resource_flags(pdev, i) & IORESOURCE_MEM)
			mask |= BIT(i);
	ret = pcim_iomap_regions(pdev, mask, ROC_DRV_NAME);
	if (ret) {
		dev_err(&pdev->dev, "cannot map BARs: %d\n", ret);
		return ret;
	}
	iomap = pcim_iomap_table(pdev);

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		return ret;
	}
	/* Buffers map to as few segments as the IOMMU can make. */
	dma_set_max_seg_size(&pdev->dev, UINT_MAX);
	pci_set_master(pdev);

	ep = roc_endpoint_alloc(&pdev->dev, id->driver_data, &roc_pci_bus_ops,
				pci_name(pdev));
	if (IS_ERR(ep)) {
		ret = PTR_ERR(ep);
		goto err_clear_master;
	}
	for (i = 0; i < ROC_MAX_BARS; i++) {
		if (!(mask & BIT(i)))
			continue;
		ep->bars[i].len = pci_resource_len(pdev, i);
		ep->bars[i].phys = pci_resource_start(pdev, i);
		ep->bars[i].regs = iomap[i];
	}
	ep->num_bars = id->driver_data == ROC_CARD_CRU ? 3 : ROC_MAX_BARS;

	ret = roc_endpoint_register(ep);
	if (ret)
		goto err_free;
	pci_set_drvdata(pdev, ep);
	return 0;

err_free:
	roc_endpoint_free(ep);
err_clear_master:
	pci_clear_master(pdev);
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
