// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - register access to one BAR: through a shared mapping when the
 * driver allows it, else (and for read-modify-write) through ROC_REG_BATCH.
 *
 * The mapping is writable only when ROC_GET_BAR_INFO says the caller may
 * map the whole BAR writable (no protected window, or CAP_SYS_RAWIO) and
 * the card is open read-write; otherwise it is read-only and writes take
 * the ioctl, where the driver refuses protected registers with -EPERM.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/roc.h>

#include "internal.h"

struct roc_bar {
	struct roc_card *card;
	unsigned int index;
	uint64_t size;
	unsigned int num_prot;
	struct roc_window prot[ROC_MAX_PROT_WINDOWS];
	enum roc_bar_access access;
	volatile uint32_t *map;
};

ROC_API int roc_bar_open(struct roc_card *card, unsigned int index, int flags,
			 struct roc_bar **barp)
{
	struct roc_bar_info bi = { .argsz = sizeof(bi), .index = index };
	const struct roc_card_info *info = roc_card_get_info(card);
	const char *label = roc_card_get_label(card);
	struct roc_bar *bar;
	void *map;
	int ret, prot;

	*barp = NULL;
	if (flags & ~ROC_BAR_IOCTL)
		return roc_err(-EINVAL, "%s: BAR%u: bad flags 0x%x", label,
			       index, flags);
	if (info->num_bars && index >= info->num_bars)
		return roc_err(-ENXIO, "%s: BAR%u does not exist (the endpoint has BARs 0-%u)",
			       label, index, info->num_bars - 1);
	if (ioctl(roc_card_get_fd(card), ROC_GET_BAR_INFO, &bi)) {
		ret = -errno;
		if (ret == -ENODEV)
			return roc_err(ret, "%s: the device is gone", label);
		if (ret == -EINVAL)
			return roc_err(-ENXIO, "%s: BAR%u does not exist",
				       label, index);
		return roc_err_errno(ret, "%s: ROC_GET_BAR_INFO %u", label,
				     index);
	}
	if (!bi.size || !(bi.flags & ROC_BAR_FLAG_READ))
		return roc_err(-ENXIO, "%s: BAR%u does not exist", label,
			       index);

	bar = calloc(1, sizeof(*bar));
	if (!bar)
		return roc_err_errno(-ENOMEM, "%s: BAR%u", label, index);
	bar->card = card;
	bar->index = index;
	bar->size = bi.size;
	bar->num_prot = bi.num_prot < ROC_MAX_PROT_WINDOWS ?
			bi.num_prot : ROC_MAX_PROT_WINDOWS;
	memcpy(bar->prot, bi.prot, sizeof(bar->prot));
	bar->access = ROC_BAR_ACCESS_IOCTL;

	if (!(flags & ROC_BAR_IOCTL) && (bi.flags & ROC_BAR_FLAG_MMAP) &&
	    bi.size <= SIZE_MAX) {
		prot = PROT_READ;
		if ((bi.flags & ROC_BAR_FLAG_MMAP_WRITE) &&
		    !roc_card_is_readonly(card))
			prot |= PROT_WRITE;
		map = mmap(NULL, bi.size, prot, MAP_SHARED,
			   roc_card_get_fd(card), (off_t)bi.offset);
		/* Without a mapping every access is an ioctl. */
		if (map != MAP_FAILED) {
			bar->map = map;
			bar->access = prot & PROT_WRITE ? ROC_BAR_ACCESS_MMAP_RW :
				      ROC_BAR_ACCESS_MMAP_RO;
		}
	}
	*barp = bar;
	return 0;
}

ROC_API void roc_bar_close(struct roc_bar *bar)
{
	if (!bar)
		return;
	if (bar->map)
		munmap((void *)bar->map, bar->size);
	free(bar);
}

ROC_API unsigned int roc_bar_get_index(const struct roc_bar *bar)
{
	return bar->index;
}

ROC_API uint64_t roc_bar_get_size(const struct roc_bar *bar)
{
	return bar->size;
}

ROC_API enum roc_bar_access roc_bar_get_access(const struct roc_bar *bar)
{
	return bar->access;
}

ROC_API unsigned int roc_bar_get_num_prot_windows(const struct roc_bar *bar)
{
	return bar->num_prot;
}

ROC_API int roc_bar_get_prot_window(const struct roc_bar *bar, unsigned int i,
				    uint32_t *start, uint32_t *end)
{
	if (i >= bar->num_prot)
		return roc_err(-EINVAL, "%s: BAR%u has %u protected windows, not %u",
			       roc_card_get_label(bar->card), bar->index,
			       bar->num_prot, i + 1);
	*start = bar->prot[i].start;
	*end = bar->prot[i].end;
	return 0;
}

/* Check [@address, @address + 4 * @count) for an access. */
static int roc_bar_check(struct roc_bar *bar, enum roc_reg_what what,
			 uint32_t address, size_t count)
{
	if (address % 4)
		return roc_reg_error(bar->card, what, bar->index, address,
				     -EINVAL);
	if (!count || (uint64_t)address + 4 * (uint64_t)count > bar->size) {
		if (count > 1)
			return roc_err(-ERANGE, "%s: %s BAR%u 0x%x-0x%llx: range beyond the end of the BAR (size 0x%llx)",
				       roc_card_get_label(bar->card),
				       what == ROC_REG_WHAT_READ ? "reading" : "writing",
				       bar->index, address,
				       (unsigned long long)address + 4 * count - 1,
				       (unsigned long long)bar->size);
		return roc_err(-ERANGE, "%s: %s BAR%u 0x%x: address beyond the end of the BAR (size 0x%llx)",
			       roc_card_get_label(bar->card),
			       what == ROC_REG_WHAT_READ ? "reading" :
			       what == ROC_REG_WHAT_WRITE ? "writing" : "modifying",
			       bar->index, address,
			       (unsigned long long)bar->size);
	}
	return 0;
}

/* One operation by ioctl, with a precise message for protected windows. */
static int roc_bar_ioctl(struct roc_bar *bar, struct roc_reg_op *op,
			 enum roc_reg_what what)
{
	unsigned int i;
	size_t done;
	int ret;

	op->bar = bar->index;
	ret = roc_reg_ioctl(bar->card, op, 1, &done);
	if (ret != -EPERM || roc_card_is_readonly(bar->card))
		return ret;
	for (i = 0; i < bar->num_prot; i++)
		if (op->offset >= bar->prot[i].start &&
		    op->offset < bar->prot[i].end)
			return roc_err(ret, "%s: %s BAR%u 0x%x: permission denied: protected window 0x%x-0x%x (DMA addresses) needs CAP_SYS_RAWIO",
				       roc_card_get_label(bar->card),
				       what == ROC_REG_WHAT_WRITE ? "writing" : "modifying",
				       bar->index, op->offset,
				       bar->prot[i].start, bar->prot[i].end - 1);
	return ret;
}

ROC_API int roc_bar_read(struct roc_bar *bar, uint32_t address,
			 uint32_t *value)
{
	struct roc_reg_op op = { .op = ROC_REG_READ, .offset = address };
	int ret;

	ret = roc_bar_check(bar, ROC_REG_WHAT_READ, address, 1);
	if (ret)
		return ret;
	if (bar->map) {
		*value = bar->map[address / 4];
		return 0;
	}
	ret = roc_bar_ioctl(bar, &op, ROC_REG_WHAT_READ);
	if (!ret)
		*value = op.value;
	return ret;
}

ROC_API int roc_bar_read_range(struct roc_bar *bar, uint32_t address,
			       uint32_t *values, size_t count)
{
	struct roc_reg_op *ops;
	size_t i, n, done;
	int ret;

	ret = roc_bar_check(bar, ROC_REG_WHAT_READ, address, count);
	if (ret)
		return ret;
	if (bar->map) {
		for (i = 0; i < count; i++)
			values[i] = bar->map[address / 4 + i];
		return 0;
	}
	n = count < ROC_REG_BATCH_MAX ? count : ROC_REG_BATCH_MAX;
	ops = calloc(n, sizeof(*ops));
	if (!ops)
		return roc_err_errno(-ENOMEM, "%s: reading BAR%u",
				     roc_card_get_label(bar->card), bar->index);
	for (i = 0; i < count; i += n) {
		if (n > count - i)
			n = count - i;
		memset(ops, 0, n * sizeof(*ops));
		for (size_t j = 0; j < n; j++) {
			ops[j].op = ROC_REG_READ;
			ops[j].bar = bar->index;
			ops[j].offset = address + 4 * (uint32_t)(i + j);
		}
		ret = roc_reg_ioctl(bar->card, ops, n, &done);
		if (ret)
			break;
		for (size_t j = 0; j < n; j++)
			values[i + j] = ops[j].value;
	}
	free(ops);
	return ret;
}

ROC_API int roc_bar_write(struct roc_bar *bar, uint32_t address,
			  uint32_t value)
{
	struct roc_reg_op op = {
		.op = ROC_REG_WRITE, .offset = address, .value = value,
	};
	int ret;

	ret = roc_bar_check(bar, ROC_REG_WHAT_WRITE, address, 1);
	if (ret)
		return ret;
	if (bar->access == ROC_BAR_ACCESS_MMAP_RW) {
		bar->map[address / 4] = value;
		return 0;
	}
	return roc_bar_ioctl(bar, &op, ROC_REG_WHAT_WRITE);
}

ROC_API int roc_bar_modify(struct roc_bar *bar, uint32_t address,
			   uint32_t mask, uint32_t value, uint32_t *old,
			   uint32_t *now)
{
	struct roc_reg_op op = {
		.op = ROC_REG_MODIFY, .offset = address, .mask = mask,
		.value = value,
	};
	int ret;

	ret = roc_bar_check(bar, ROC_REG_WHAT_MODIFY, address, 1);
	if (ret)
		return ret;
	ret = roc_bar_ioctl(bar, &op, ROC_REG_WHAT_MODIFY);
	if (ret)
		return ret;
	if (old)
		*old = op.old;
	if (now)
		*now = op.value;
	return 0;
}
