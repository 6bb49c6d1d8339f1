// SPDX-License-Identifier: GPL-2.0
/*
 * roc - driver for the ALICE CRU and C-RORC readout cards.
 *
 * Module entry points: bring the parts of roc.ko up in order and take them
 * down in reverse.
 */
#include <linux/module.h>

#include "roc.h"

static int __init roc_init(void)
{
	return roc_pci_init();
}

static void __exit roc_exit(void)
{
	roc_pci_exit();
}

module_init(roc_init);
module_exit(roc_exit);

MODULE_DESCRIPTION("ALICE CRU and C-RORC readout card driver");
MODULE_LICENSE("GPL");
