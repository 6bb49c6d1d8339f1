// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - register batches: a growing array of uapi struct roc_reg_op
 * handed to the driver with ROC_REG_BATCH, ROC_REG_BATCH_MAX at a time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/roc.h>

#include "internal.h"

struct roc_batch {
	struct roc_reg_op *ops;
	size_t count;
	size_t alloc;
	size_t done;
};

static const char *const roc_reg_what_name[] = {
	[ROC_REG_WHAT_READ] = "reading",
	[ROC_REG_WHAT_WRITE] = "writing",
	[ROC_REG_WHAT_MODIFY] = "modifying",
};

int roc_reg_error(struct roc_card *card, enum roc_reg_what what,
		  unsigned int bar, uint32_t address, int ret)
{
	const char *label = roc_card_get_label(card);
	const char *verb = roc_reg_what_name[what];

	switch (ret) {
	case -EINVAL:
		if (address % 4)
			return roc_err(ret, "%s: %s BAR%u 0x%x: address is not a multiple of 4",
				       label, verb, bar, address);
		break;
	case -ENXIO:
		return roc_err(ret, "%s: %s BAR%u 0x%x: BAR%u does not exist",
			       label, verb, bar, address, bar);
	case -ERANGE:
		return roc_err(ret, "%s: %s BAR%u 0x%x: address beyond the end of the BAR",
			       label, verb, bar, address);
	case -EPERM:
		if (roc_card_is_readonly(card))
			return roc_err(ret, "%s: %s BAR%u 0x%x: the card is open read-only",
				       label, verb, bar, address);
		return roc_err(ret, "%s: %s BAR%u 0x%x: permission denied (a protected register: writing it needs CAP_SYS_RAWIO)",
			       label, verb, bar, address);
	case -ENODEV:
		return roc_err(ret, "%s: %s BAR%u 0x%x: the device is gone",
			       label, verb, bar, address);
	}
	return roc_err_errno(ret, "%s: %s BAR%u 0x%x", label, verb, bar,
			     address);
}

int roc_reg_ioctl(struct roc_card *card, struct roc_reg_op *ops,
		  size_t count, size_t *done)
{
	struct roc_reg_batch rb = {
		.argsz = sizeof(rb),
		.count = (uint32_t)count,
		.ops = (uintptr_t)ops,
	};
	static const enum roc_reg_what what[] = {
		[ROC_REG_READ] = ROC_REG_WHAT_READ,
		[ROC_REG_WRITE] = ROC_REG_WHAT_WRITE,
		[ROC_REG_MODIFY] = ROC_REG_WHAT_MODIFY,
	};
	const struct roc_reg_op *op;
	int ret;

	*done = 0;
	if (!count)
		return 0;
	if (!ioctl(roc_card_get_fd(card), ROC_REG_BATCH, &rb)) {
		*done = count;
		return 0;
	}
	ret = -errno;
	*done = rb.done < count ? rb.done : 0;
	op = &ops[*done];
	return roc_reg_error(card, op->op <= ROC_REG_MODIFY ? what[op->op] :
			     ROC_REG_WHAT_READ, op->bar, op->offset, ret);
}

ROC_API int roc_batch_new(struct roc_batch **batchp)
{
	*batchp = calloc(1, sizeof(**batchp));
	if (!*batchp)
		return roc_err_errno(-ENOMEM, "register batch");
	return 0;
}

ROC_API void roc_batch_free(struct roc_batch *batch)
{
	if (!batch)
		return;
	free(batch->ops);
	free(batch);
}

ROC_API void roc_batch_clear(struct roc_batch *batch)
{
	batch->count = 0;
	batch->done = 0;
}

ROC_API size_t roc_batch_count(const struct roc_batch *batch)
{
	return batch->count;
}

static int roc_batch_add(struct roc_batch *batch, uint32_t opcode,
			 unsigned int bar, uint32_t address, uint32_t mask,
			 uint32_t value)
{
	struct roc_reg_op *ops;
	size_t alloc;

	if (address % 4)
		return roc_err(-EINVAL, "register batch: address 0x%x is not a multiple of 4",
			       address);
	if (batch->count >= (size_t)INT32_MAX)
		return roc_err(-ENOMEM, "register batch: too many operations");
	if (batch->count == batch->alloc) {
		alloc = batch->alloc ? 2 * batch->alloc : 16;
		ops = realloc(batch->ops, alloc * sizeof(*ops));
		if (!ops)
			return roc_err_errno(-ENOMEM, "register batch");
		batch->ops = ops;
		batch->alloc = alloc;
	}
	ops = &batch->ops[batch->count];
	memset(ops, 0, sizeof(*ops));
	ops->op = opcode;
	ops->bar = bar;
	ops->offset = address;
	ops->mask = mask;
	ops->value = value;
	return (int)batch->count++;
}

ROC_API int roc_batch_add_read(struct roc_batch *batch, unsigned int bar,
			       uint32_t address)
{
	return roc_batch_add(batch, ROC_REG_READ, bar, address, 0, 0);
}

ROC_API int roc_batch_add_write(struct roc_batch *batch, unsigned int bar,
				uint32_t address, uint32_t value)
{
	return roc_batch_add(batch, ROC_REG_WRITE, bar, address, 0, value);
}

ROC_API int roc_batch_add_modify(struct roc_batch *batch, unsigned int bar,
				 uint32_t address, uint32_t mask,
				 uint32_t value)
{
	return roc_batch_add(batch, ROC_REG_MODIFY, bar, address, mask, value);
}

ROC_API int roc_batch_run(struct roc_batch *batch, struct roc_card *card)
{
	size_t n, done;
	int ret;

	batch->done = 0;
	while (batch->done < batch->count) {
		n = batch->count - batch->done;
		if (n > ROC_REG_BATCH_MAX)
			n = ROC_REG_BATCH_MAX;
		/* A modify's "old" goes in as 0, as the driver demands. */
		for (size_t i = 0; i < n; i++)
			batch->ops[batch->done + i].old = 0;
		ret = roc_reg_ioctl(card, &batch->ops[batch->done], n, &done);
		batch->done += done;
		if (ret)
			return ret;
	}
	return 0;
}

ROC_API size_t roc_batch_get_done(const struct roc_batch *batch)
{
	return batch->done;
}

ROC_API uint32_t roc_batch_get_value(const struct roc_batch *batch, size_t i)
{
	return i < batch->count ? batch->ops[i].value : 0;
}

ROC_API uint32_t roc_batch_get_old(const struct roc_batch *batch, size_t i)
{
	return i < batch->count ? batch->ops[i].old : 0;
}
