// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the argument copies of the ioctl tables, as in iommufd.
 *
 * Each file type (chardev.c: the device fd; channel.c: the channel fd) has
 * a table indexed by _IOC_NR() that says, for each command, how large its
 * structure is now and how large it was first (uapi/linux/roc.h, "How the
 * structures grow").  The structure is copied into a union on the caller's
 * stack before the handler runs and back after it, so that handlers see
 * kernel memory only (apart from the __u64 user pointers inside the
 * structures) and can copy with no lock held.
 */
#include <linux/uaccess.h>

#include "roc.h"

/**
 * roc_ioctl_copy_in() - read an ioctl's structure
 * @a: table entry of the command number's _IOC_NR()
 * @cmd: the command number the caller used
 * @arg: the user pointer
 * @buf: where the structure goes
 *
 * Return: the number of bytes to write back, min(argsz, @a->size), which
 * the caller passes to roc_ioctl_copy_out(); -ENOTTY for a command number
 * that is not exactly _IO(ROC_IOC_MAGIC, nr) of an entry of the table,
 * -EFAULT, -EINVAL for an argsz below the first version or unknown flags,
 * -E2BIG for a larger structure whose unknown tail is not zero.
 */
long roc_ioctl_copy_in(const struct roc_ioctl_arg *a, unsigned int cmd,
		       unsigned long arg, union roc_ioctl_buf *buf)
{
	void __user *uarg = (void __user *)arg;
	u32 usize;
	int ret;

	/* An empty entry, or the size or direction bits of version 1. */
	if (!a->size || cmd != _IO(ROC_IOC_MAGIC, _IOC_NR(cmd)))
		return -ENOTTY;
	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize < a->min_size)
		return -EINVAL;
	ret = copy_struct_from_user(buf, a->size, uarg, usize);
	if (ret)
		return ret;
	/* Input flags: only those the ioctl knows (most know none). */
	if (buf->info.flags & ~a->flags)
		return -EINVAL;
	usize = min_t(u32, usize, a->size);
	/*
	 * Writing the caller's own bytes back proves that the answer can be
	 * given before anything is done that would need one.
	 */
	if (a->out && copy_to_user(uarg, buf, usize))
		return -EFAULT;
	return usize;
}

/**
 * roc_ioctl_copy_out() - write an ioctl's structure back
 * @a: table entry
 * @arg: the user pointer
 * @buf: the structure, as the handler left it
 * @usize: what roc_ioctl_copy_in() returned; written into argsz
 * @ret: what the handler returned
 *
 * Return: @ret, or -EFAULT if the structure had to be written and could
 * not be.
 */
long roc_ioctl_copy_out(const struct roc_ioctl_arg *a, unsigned long arg,
			union roc_ioctl_buf *buf, u32 usize, long ret)
{
	if (!a->out || (ret < 0 && !a->out_on_error))
		return ret;
	buf->info.argsz = usize;
	if (copy_to_user((void __user *)arg, buf, usize))
		return -EFAULT;
	return ret;
}
