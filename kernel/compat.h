/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc - the one place for kernel-version differences.
 *
 * roc builds against Debian 12's 6.1 and 6.12 kernels and a 6.12 debug
 * kernel.  Code elsewhere uses the newest API; this header maps it onto the
 * older kernels.
 */
#ifndef _ROC_COMPAT_H
#define _ROC_COMPAT_H

#include <linux/version.h>
#include <linux/device.h>

/* 6.4 dropped the owner argument of class_create(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#define roc_class_create(name)	class_create(THIS_MODULE, name)
#else
#define roc_class_create(name)	class_create(name)
#endif

#endif /* _ROC_COMPAT_H */
