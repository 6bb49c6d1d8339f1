/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note OR BSD-3-Clause */
/*
 * linux/roc.h - user-space interface of the roc driver for the ALICE CRU and
 * C-RORC readout cards.
 *
 * Every endpoint of a card is a character device /dev/rocN (udev adds
 * /dev/roc/by-serial/<serial>-<endpoint> and /dev/roc/by-path/<address>).
 * A CRU is two endpoints (two PCI functions, HARDWARE.md section 1.2); a
 * C-RORC is one endpoint.
 *
 * Conventions, as in VFIO:
 *  - Every extensible structure starts with { __u32 argsz; __u32 flags; }.
 *    The caller always sets argsz to sizeof() of the structure it was built
 *    with; the kernel accepts any argsz at least as large as the first
 *    version of the structure and never writes past argsz.
 *  - Reserved fields and unknown flag bits must be zero (-EINVAL otherwise).
 *  - All fields are fixed-width; pointers travel as __u64.
 *  - Register offsets are byte offsets into a BAR, as in HARDWARE.md.
 *  - Unknown ioctls fail with -ENOTTY; on a removed device every ioctl, read
 *    and mmap fails with -ENODEV.
 */
#ifndef _UAPI_ROC_H
#define _UAPI_ROC_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define ROC_UAPI_VERSION	1

#define ROC_IOC_MAGIC		0xC5

/**
 * enum roc_card_type - kind of card behind an endpoint
 * @ROC_CARD_UNKNOWN: not identified
 * @ROC_CARD_CRORC: C-RORC (PCI 10dc:0033), one endpoint, six DMA channels
 * @ROC_CARD_CRU: CRU (PCI 10dc:0034 or 1172:e001), two endpoints, one DMA
 *	channel each
 */
enum roc_card_type {
	ROC_CARD_UNKNOWN	= 0,
	ROC_CARD_CRORC		= 1,
	ROC_CARD_CRU		= 2,
};

/* Maximum number of BARs of an endpoint (the C-RORC has one per channel). */
#define ROC_MAX_BARS		6

/* Length of the address strings below, NUL included; a multiple of 8. */
#define ROC_ADDR_LEN		32

/**
 * struct roc_info - identity of an endpoint
 * @argsz: size of the structure as the caller knows it
 * @flags: output, %ROC_INFO_FLAG_*
 * @uapi_version: output, %ROC_UAPI_VERSION of the running driver
 * @card_type: output, &enum roc_card_type
 * @endpoint: output, endpoint number on the card (CRU: 0 or 1, from BAR0
 *	0x500; C-RORC: 0)
 * @serial: output, card serial number (HARDWARE.md 1.4), -1 if unreadable
 * @numa_node: output, NUMA node of the endpoint, -1 if none
 * @num_bars: output, number of BAR indices (some may be absent, size 0)
 * @num_channels: output, DMA channels (CRU 1, C-RORC 6)
 * @link_count: output, optical links (CRU: from the GBT wrappers, 2.2;
 *	C-RORC: 6)
 * @fw_hash: output, firmware git short hash (CRU BAR2 0x4, C-RORC 0x19C)
 * @fw_date: output, firmware build date (CRU BAR2 0x8; C-RORC: 0)
 * @fw_time: output, firmware build time (CRU BAR2 0xC; C-RORC: 0)
 * @features: output, %ROC_FEATURE_* bits supported by the driver
 * @address: output, bus address, "0000:3b:00.0" or "roc_sim:<id>.<ep>"
 */
struct roc_info {
	__u32 argsz;
	__u32 flags;
#define ROC_INFO_FLAG_SIMULATED	_BITUL(0)	/* endpoint of roc_sim */
#define ROC_INFO_FLAG_SERIAL	_BITUL(1)	/* @serial is valid */
	__u32 uapi_version;
	__u32 card_type;
	__u32 endpoint;
	__s32 serial;
	__s32 numa_node;
	__u32 num_bars;
	__u32 num_channels;
	__u32 link_count;
	__u32 fw_hash;
	__u32 fw_date;
	__u32 fw_time;
	__u32 reserved;
	__aligned_u64 features;
#define ROC_FEATURE_BAR_MMAP	_BITULL(0)
#define ROC_FEATURE_REG_BATCH	_BITULL(1)
#define ROC_FEATURE_HWMON	_BITULL(2)
	char address[ROC_ADDR_LEN];
};

/**
 * ROC_GET_INFO - _IOWR(ROC_IOC_MAGIC, 0x00, struct roc_info)
 *
 * Identify the endpoint.  The caller sets @argsz; the kernel fills the rest.
 *
 * Return: 0 on success, -EINVAL if @argsz is too small or @flags is not 0,
 * -EFAULT on a bad pointer, -ENODEV once the device is gone.
 */
#define ROC_GET_INFO		_IOWR(ROC_IOC_MAGIC, 0x00, struct roc_info)

/* mmap() offset of BAR @i: BARs are laid out 1 TiB apart in the file. */
#define ROC_BAR_OFFSET_SHIFT	40
#define ROC_BAR_OFFSET(i)	((__u64)(i) << ROC_BAR_OFFSET_SHIFT)

/* Most protected windows a BAR can have. */
#define ROC_MAX_PROT_WINDOWS	4

/**
 * struct roc_window - a byte range [@start, @end) of a BAR
 * @start: first byte
 * @end: first byte after the range
 */
struct roc_window {
	__u32 start;
	__u32 end;
};

/**
 * struct roc_bar_info - one BAR of the endpoint
 * @argsz: size of the structure as the caller knows it
 * @flags: output, %ROC_BAR_FLAG_*
 * @index: input, BAR index, 0 .. &roc_info.num_bars - 1
 * @num_prot: output, number of valid entries in @prot
 * @size: output, BAR length in bytes; 0 if the BAR is absent
 * @offset: output, mmap() offset of the BAR, ROC_BAR_OFFSET(@index)
 * @prot: output, windows that can point the card at memory (descriptor and
 *	host-address registers).  Only the kernel writes them: writes need
 *	CAP_SYS_RAWIO, through ROC_REG_BATCH as through a writable mmap of the
 *	pages that hold them.
 */
struct roc_bar_info {
	__u32 argsz;
	__u32 flags;
#define ROC_BAR_FLAG_READ	_BITUL(0)	/* readable (ioctl, mmap) */
#define ROC_BAR_FLAG_WRITE	_BITUL(1)	/* writable through ROC_REG_BATCH */
#define ROC_BAR_FLAG_MMAP	_BITUL(2)	/* mmap() is supported */
#define ROC_BAR_FLAG_MMAP_WRITE	_BITUL(3)	/* PROT_WRITE mmap allowed to caller */
	__u32 index;
	__u32 num_prot;
	__aligned_u64 size;
	__aligned_u64 offset;
	struct roc_window prot[ROC_MAX_PROT_WINDOWS];
};

/**
 * ROC_GET_BAR_INFO - _IOWR(ROC_IOC_MAGIC, 0x01, struct roc_bar_info)
 *
 * Describe one BAR.  The caller sets @argsz and @index.
 *
 * Return: 0 on success, -EINVAL for a bad @argsz, non-zero @flags or an
 * @index beyond &roc_info.num_bars, -EFAULT, -ENODEV.
 */
#define ROC_GET_BAR_INFO	_IOWR(ROC_IOC_MAGIC, 0x01, struct roc_bar_info)

/**
 * enum roc_reg_opcode - what a &struct roc_reg_op does
 * @ROC_REG_READ: @value = register
 * @ROC_REG_WRITE: register = @value
 * @ROC_REG_MODIFY: register = (register & ~@mask) | (@value & @mask), read
 *	and written under the endpoint's register lock; @value returns the
 *	new register value and @old the previous one
 */
enum roc_reg_opcode {
	ROC_REG_READ	= 0,
	ROC_REG_WRITE	= 1,
	ROC_REG_MODIFY	= 2,
};

/**
 * struct roc_reg_op - one 32-bit register access
 * @op: &enum roc_reg_opcode
 * @bar: BAR index
 * @offset: byte offset in the BAR, a multiple of 4
 * @value: value written, or value read
 * @mask: bits changed by %ROC_REG_MODIFY; must be 0 otherwise
 * @old: output of %ROC_REG_MODIFY, the value before
 */
struct roc_reg_op {
	__u32 op;
	__u32 bar;
	__u32 offset;
	__u32 value;
	__u32 mask;
	__u32 old;
};

/* Most operations in one ROC_REG_BATCH call. */
#define ROC_REG_BATCH_MAX	4096

/**
 * struct roc_reg_batch - a batch of register accesses
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @count: input, number of &struct roc_reg_op at @ops, 1..ROC_REG_BATCH_MAX
 * @done: output, number of operations carried out; on failure the index of
 *	the operation that failed
 * @ops: input, user pointer to an array of @count &struct roc_reg_op; read
 *	results are written back into it
 */
struct roc_reg_batch {
	__u32 argsz;
	__u32 flags;
	__u32 count;
	__u32 done;
	__aligned_u64 ops;
};

/**
 * ROC_REG_BATCH - _IOWR(ROC_IOC_MAGIC, 0x02, struct roc_reg_batch)
 *
 * Carry out register reads, writes and read-modify-writes in order, stopping
 * at the first that fails.  Every operation is checked before any is done.
 *
 * Return: 0 when all @count operations were done; otherwise -errno of the
 * operation at index @done:
 *  -EINVAL   bad @argsz, @flags, @count or opcode, @mask set on a
 *            non-MODIFY operation, or @offset not a multiple of 4
 *  -ENXIO    @bar does not exist or has size 0
 *  -ERANGE   @offset + 4 lies beyond the end of the BAR
 *  -EFAULT   a bad user pointer
 *  -EPERM    a write to a protected window (&roc_bar_info.prot) without
 *            CAP_SYS_RAWIO, or a write on a file opened read-only
 *  -ENODEV   the device is gone
 */
#define ROC_REG_BATCH		_IOWR(ROC_IOC_MAGIC, 0x02, struct roc_reg_batch)

#endif /* _UAPI_ROC_H */
