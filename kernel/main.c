// SPDX-License-Identifier: GPL-2.0
/*
 * roc - driver for the ALICE CRU and C-RORC readout cards.
 *
 * Module entry points: bring the parts of roc.ko up in order (registry and
 * character devices, netlink, then the PCI driver that creates endpoints)
 * and take them down in reverse.
 */
#include <linux/module.h>

#include "roc.h"

static int __init roc_init(void)
{
	int ret;

	ret = roc_endpoint_init();
	if (ret)
		return ret;

	ret = roc_nl_init();
	if (ret)
		goto err_endpoint_exit;

	ret = roc_pci_init();
	if (ret)
		goto err_nl_exit;
	return 0;

err_nl_exit:
	roc_nl_exit();
err_endpoint_exit:
	roc_endpoint_exit();
	return ret;
}

static void __exit roc_exit(void)
{
	roc_pci_exit();
	roc_nl_exit();
	roc_endpoint_exit();
}

module_init(roc_init);
module_exit(roc_exit);

MODULE_DESCRIPTION("ALICE CRU and C-RORC readout card driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(ROC_VERSION);
