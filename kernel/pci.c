// SPDX-License-Identifier: GPL-2.0
/*
 * roc - PCI glue: binds the CRU and C-RORC endpoints by PCI ID.
 *
 * The IDs are those of HARDWARE.md section 1.1.  A CRU is two PCI functions,
 * each an endpoint of its own; a C-RORC is one.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include "roc.h"

#define PCI_VENDOR_ID_CERN		0x10dc
#define PCI_DEVICE_ID_CERN_CRORC	0x0033
#define PCI_DEVICE_ID_CERN_CRU		0x0034
#define PCI_DEVICE_ID_ALTERA_CRU_DEV	0xe001

static const struct pci_device_id roc_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRORC) },
	{ PCI_DEVICE(PCI_VENDOR_ID_CERN, PCI_DEVICE_ID_CERN_CRU) },
	{ PCI_DEVICE(PCI_VENDOR_ID_ALTERA, PCI_DEVICE_ID_ALTERA_CRU_DEV) },
	{ }
};
MODULE_DEVICE_TABLE(pci, roc_pci_ids);

static int roc_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		return ret;
	}
	pci_set_master(pdev);

	dev_info(&pdev->dev, "roc endpoint %04x:%04x\n", id->vendor,
		 id->device);
	return 0;
}

static void roc_pci_remove(struct pci_dev *pdev)
{
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
