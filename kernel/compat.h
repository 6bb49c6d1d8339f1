/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc - the one place for kernel-version differences.
 *
 * roc builds against Debian 12's 6.1 and 6.12 kernels and a 6.12 debug
 * kernel.  Code elsewhere is written once; this header maps what changed
 * between those versions.
 */
#ifndef _ROC_COMPAT_H
#define _ROC_COMPAT_H

#include <linux/version.h>
#include <linux/device.h>
#include <linux/mm.h>

/* 6.4 dropped the owner argument of class_create(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#define roc_class_create(name)	class_create(THIS_MODULE, name)
#else
#define roc_class_create(name)	class_create(name)
#endif

/* 6.3 made the device argument of uevent callbacks const. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
#define roc_uevent_device	struct device
#else
#define roc_uevent_device	const struct device
#endif

/*
 * The parent of a C-RORC's MTD device.  The MTD device can outlive the
 * card (a process holding /dev/mtdN across the removal): it is deleted at
 * the last close, after its parent's sysfs directory went with the card.
 * 6.12's driver core takes that quietly; 6.1 WARNs from
 * sysfs_remove_group() ("sysfs group 'power' not found").  Before 6.12 the
 * device is left without a parent (/sys/devices/virtual/mtd; its name
 * still names the card).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define roc_mtd_parent(dev)	((void)(dev), (struct device *)NULL)
#else
#define roc_mtd_parent(dev)	(dev)
#endif

/* 6.3 made vma->vm_flags read-only behind vm_flags_set/clear(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
static inline void roc_vm_flags_set(struct vm_area_struct *vma,
				    unsigned long flags)
{
	vma->vm_flags |= flags;
}

static inline void roc_vm_flags_clear(struct vm_area_struct *vma,
				      unsigned long flags)
{
	vma->vm_flags &= ~flags;
}
#else
#define roc_vm_flags_set	vm_flags_set
#define roc_vm_flags_clear	vm_flags_clear
#endif

/* 6.5 made the hwmon channel info array const. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
#define roc_hwmon_const
#else
#define roc_hwmon_const		const
#endif

/*
 * 6.11 added memfd_pin_folios() and unpin_folio(): a memfd's folios pinned
 * one reference per folio.  Before, ROC_BUFFER_REG_MEMFD is -EOPNOTSUPP.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define ROC_HAVE_MEMFD_PIN	1
#else
#define ROC_HAVE_MEMFD_PIN	0
#endif

/*
 * The symbol namespace of roc.ko's exports.  6.13 made a namespace a string
 * literal; 6.1 and 6.12 take a bare token, which EXPORT_SYMBOL_NS_GPL() and
 * MODULE_IMPORT_NS() stringify (after expanding ROC_NS).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define ROC_NS	ROC
#else
#define ROC_NS	"ROC"
#endif

#endif /* _ROC_COMPAT_H */
