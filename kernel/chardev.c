// SPDX-License-Identifier: GPL-2.0
/*
 * roc - /dev/rocN: open, the table of its ioctls, BAR mmap.
 *
 * Locking rule: a roc_ep_enter() section covers only hardware access and
 * never a user-memory access, so that removal never waits for a page fault
 * (the mmap fault handler enters under mmap_lock).
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "roc.h"

static int roc_chardev_open(struct inode *inode, struct file *file)
{
	struct roc_endpoint *ep = container_of(inode->i_cdev,
					       struct roc_endpoint, cdev);
	int idx;

	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	roc_ep_exit(idx);

	/* All files of an endpoint share one address space, see endpoint.c. */
	file->f_mapping = ep->inode->i_mapping;
	file->private_data = ep;
	return 0;
}

static int roc_chardev_release(struct inode *inode, struct file *file)
{
	return 0;
}

/*
 * The handlers of the device fd's ioctls get the caller's structure in
 * kernel memory, copied in and back by roc_chardev_ioctl() (see ioctl.c).
 */
static long roc_ioctl_get_info(struct roc_endpoint *ep, struct file *file,
			       void *arg)
{
	struct roc_info *info = arg;

	memset(info, 0, sizeof(*info));
	info->flags = ep->simulated ? ROC_INFO_FLAG_SIMULATED : 0;
	if (ep->serial >= 0)
		info->flags |= ROC_INFO_FLAG_SERIAL;
	info->uapi_version = ROC_UAPI_VERSION;
	info->card_type = ep->type;
	info->endpoint = ep->endpoint;
	info->serial = ep->serial;
	info->numa_node = ep->numa_node;
	info->num_bars = ep->num_bars;
	info->num_channels = ep->board->num_channels;
	info->link_count = ep->link_count;
	info->fw_hash = ep->fw_hash;
	info->fw_date = ep->fw_date;
	info->fw_time = ep->fw_time;
	info->features = ROC_FEATURE_BAR_MMAP | ROC_FEATURE_REG_BATCH;
	if (ep->hwmon)
		info->features |= ROC_FEATURE_HWMON;
	strscpy(info->address, ep->address, sizeof(info->address));
	return 0;
}

/* May the caller write [@offset, @offset + @len) of BAR @bar? */
static bool roc_may_write(struct roc_endpoint *ep, unsigned int bar,
			  u64 offset, u64 len)
{
	struct roc_window win[ROC_MAX_PROT_WINDOWS];
	unsigned int i, n;

	n = ep->card->prot_windows(ep, bar, win);
	for (i = 0; i < n; i++)
		if (offset < win[i].end && win[i].start < offset + len)
			return capable(CAP_SYS_RAWIO);
	return true;
}

static long roc_ioctl_get_bar_info(struct roc_endpoint *ep,
				   struct file *file, void *arg)
{
	struct roc_bar_info *bi = arg;
	u32 index = bi->index;

	if (index >= ep->num_bars)
		return -EINVAL;

	memset(bi, 0, sizeof(*bi));
	bi->index = index;
	bi->size = ep->bars[index].len;
	bi->offset = ROC_BAR_OFFSET(index);
	if (bi->size) {
		bi->flags = ROC_BAR_FLAG_READ | ROC_BAR_FLAG_WRITE |
			    ROC_BAR_FLAG_MMAP;
		bi->num_prot = ep->card->prot_windows(ep, index, bi->prot);
		if (roc_may_write(ep, index, 0, bi->size))
			bi->flags |= ROC_BAR_FLAG_MMAP_WRITE;
	}
	return 0;
}

static int roc_reg_op_check(struct roc_endpoint *ep, struct file *file,
			    const struct roc_reg_op *op)
{
	if (op->op > ROC_REG_MODIFY || op->old)
		return -EINVAL;
	if (op->op != ROC_REG_MODIFY && op->mask)
		return -EINVAL;
	if (op->offset % 4)
		return -EINVAL;
	if (op->bar >= ep->num_bars || !ep->bars[op->bar].len)
		return -ENXIO;
	if ((u64)op->offset + 4 > ep->bars[op->bar].len)
		return -ERANGE;
	if (op->op != ROC_REG_READ &&
	    (!(file->f_mode & FMODE_WRITE) ||
	     !roc_may_write(ep, op->bar, op->offset, 4)))
		return -EPERM;
	return 0;
}

static void roc_reg_op_do(struct roc_endpoint *ep, struct roc_reg_op *op)
{
	switch (op->op) {
	case ROC_REG_READ:
		op->value = roc_read32(ep, op->bar, op->offset);
		break;
	case ROC_REG_WRITE:
		roc_write32(ep, op->bar, op->offset, op->value);
		break;
	case ROC_REG_MODIFY:
		mutex_lock(&ep->reg_lock);
		op->old = roc_read32(ep, op->bar, op->offset);
		op->value = (op->old & ~op->mask) | (op->value & op->mask);
		roc_write32(ep, op->bar, op->offset, op->value);
		mutex_unlock(&ep->reg_lock);
		break;
	}
}

/* @done is written back also on failure: the index of the failed op. */
static long roc_ioctl_reg_batch(struct roc_endpoint *ep, struct file *file,
				void *arg)
{
	struct roc_reg_batch *batch = arg;
	struct roc_reg_op *ops;
	long ret = 0;
	u32 i = 0;
	int idx;

	batch->done = 0;
	if (!batch->count || batch->count > ROC_REG_BATCH_MAX)
		return -EINVAL;

	ops = memdup_user(u64_to_user_ptr(batch->ops),
			  array_size(batch->count, sizeof(*ops)));
	if (IS_ERR(ops))
		return PTR_ERR(ops);

	for (i = 0; i < batch->count; i++) {
		ret = roc_reg_op_check(ep, file, &ops[i]);
		if (ret)
			goto out_done;
	}

	if (roc_ep_enter(ep, &idx)) {
		for (i = 0; i < batch->count; i++)
			roc_reg_op_do(ep, &ops[i]);
		roc_ep_exit(idx);
	} else {
		ret = -ENODEV;
		i = 0;
	}

	if (!ret && copy_to_user(u64_to_user_ptr(batch->ops), ops,
				 array_size(batch->count, sizeof(*ops))))
		ret = -EFAULT;
out_done:
	batch->done = i;
	kfree(ops);
	return ret;
}

static long roc_ioctl_channel_open(struct roc_endpoint *ep, struct file *file,
				   void *arg)
{
	return roc_channel_open(ep, file, arg);
}

static long roc_ioctl_channel_query(struct roc_endpoint *ep,
				    struct file *file, void *arg)
{
	return roc_channel_query(ep, arg);
}

/* The C-RORC DDL link of a channel (crorc_ddl.c). */
static long roc_ioctl_ddl_status(struct roc_endpoint *ep, struct file *file,
				 void *arg)
{
	long ret;
	int idx;

	if (!ep->card->ddl_status)
		return -EOPNOTSUPP;
	/* DDL commands are writes, and reading clears the SIU's errors */
	if (!(file->f_mode & FMODE_WRITE))
		return -EPERM;
	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	ret = ep->card->ddl_status(ep, arg);
	roc_ep_exit(idx);
	return ret;
}

struct roc_dev_ioctl {
	long (*fn)(struct roc_endpoint *ep, struct file *file, void *arg);
	struct roc_ioctl_arg arg;
};

#define ROC_DEV_IOCTL(_cmd, _fn, _struct, _last, _out, _out_on_error)	\
	[_IOC_NR(_cmd)] = {						\
		.fn = _fn,						\
		.arg = ROC_IOCTL_ARG(_struct, _last, _out,		\
				     _out_on_error),			\
	}

/* The device fd's ioctls; the last field is that of the first version. */
static const struct roc_dev_ioctl roc_dev_ioctls[] = {
	ROC_DEV_IOCTL(ROC_GET_INFO, roc_ioctl_get_info,
		      struct roc_info, address, true, false),
	ROC_DEV_IOCTL(ROC_GET_BAR_INFO, roc_ioctl_get_bar_info,
		      struct roc_bar_info, prot, true, false),
	ROC_DEV_IOCTL(ROC_REG_BATCH, roc_ioctl_reg_batch,
		      struct roc_reg_batch, ops, true, true),
	ROC_DEV_IOCTL(ROC_CHANNEL_OPEN, roc_ioctl_channel_open,
		      struct roc_channel_open, fd, true, false),
	ROC_DEV_IOCTL(ROC_CHANNEL_QUERY, roc_ioctl_channel_query,
		      struct roc_channel_query, comm, true, false),
	ROC_DEV_IOCTL(ROC_DDL_STATUS, roc_ioctl_ddl_status,
		      struct roc_ddl_status, siu_hw_info, true, false),
};

static long roc_chardev_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct roc_endpoint *ep = file->private_data;
	const struct roc_dev_ioctl *op;
	union roc_ioctl_buf buf;
	unsigned int nr;
	long usize, ret;
	int idx;

	/* Identity is cached, but a removed device answers nothing. */
	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	roc_ep_exit(idx);

	nr = _IOC_NR(cmd);
	if (_IOC_TYPE(cmd) != ROC_IOC_MAGIC || nr >= ARRAY_SIZE(roc_dev_ioctls))
		return -ENOTTY;
	op = &roc_dev_ioctls[array_index_nospec(nr, ARRAY_SIZE(roc_dev_ioctls))];
	usize = roc_ioctl_copy_in(&op->arg, cmd, arg, &buf);
	if (usize < 0)
		return usize;
	ret = op->fn(ep, file, &buf);
	return roc_ioctl_copy_out(&op->arg, arg, &buf, usize, ret);
}

static vm_fault_t roc_bar_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct roc_endpoint *ep = vma->vm_private_data;
	unsigned int bar = vma->vm_pgoff >> (ROC_BAR_OFFSET_SHIFT - PAGE_SHIFT);
	u64 offset = ((u64)vmf->pgoff << PAGE_SHIFT) - ROC_BAR_OFFSET(bar);
	pgprot_t prot = vma->vm_page_prot;
	vm_fault_t ret = VM_FAULT_SIGBUS;
	unsigned long pfn;
	int idx;

	if (offset >= ep->bars[bar].len || !roc_ep_enter(ep, &idx))
		return ret;
	if (ep->bus->bar_pfn) {
		if (ep->bus->bar_pfn(ep, bar, offset, &pfn, &prot))
			goto out;
	} else {
		pfn = (ep->bars[bar].phys + offset) >> PAGE_SHIFT;
	}
	ret = vmf_insert_pfn_prot(vma, vmf->address, pfn, prot);
out:
	roc_ep_exit(idx);
	return ret;
}

static const struct vm_operations_struct roc_bar_vm_ops = {
	.fault = roc_bar_fault,
};

/*
 * mmap(offset = ROC_BAR_OFFSET(bar) + byte offset): map (part of) a BAR.
 * Shared mappings only.  Pages holding a protected window (descriptor and
 * host-address registers) are mapped writable only for CAP_SYS_RAWIO;
 * otherwise such a mapping is read-only and cannot be made writable.
 */
static int roc_chardev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct roc_endpoint *ep = file->private_data;
	u64 start = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;
	unsigned int bar = start >> ROC_BAR_OFFSET_SHIFT;
	u64 offset = start - ROC_BAR_OFFSET(bar);
	int idx;

	/* VM_SHARED is clear for MAP_SHARED of a read-only file. */
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (bar >= ep->num_bars || !ep->bars[bar].len)
		return -ENXIO;
	if (offset >= ep->bars[bar].len || len > ep->bars[bar].len - offset)
		return -ERANGE;

	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	roc_ep_exit(idx);

	if (!roc_may_write(ep, bar, offset, len)) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		roc_vm_flags_clear(vma, VM_MAYWRITE);
	}

	if (!ep->bus->bar_pfn)
		vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	roc_vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = ep;
	vma->vm_ops = &roc_bar_vm_ops;
	return 0;
}

const struct file_operations roc_chardev_fops = {
	.owner		= THIS_MODULE,
	.open		= roc_chardev_open,
	.release	= roc_chardev_release,
	.unlocked_ioctl	= roc_chardev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= roc_chardev_mmap,
	.llseek		= noop_llseek,
};
