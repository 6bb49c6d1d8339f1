/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note OR BSD-3-Clause */
/*
 * linux/roc.h - user-space interface of the roc driver for the ALICE CRU and
 * C-RORC readout cards.
 *
 * Every endpoint of a card is a character device /dev/rocN (udev adds
 * /dev/roc/by-serial/<serial>-<endpoint> and /dev/roc/by-path/<address>).
 * A CRU is two endpoints (two PCI functions, docs/hardware.md section 1.2); a
 * C-RORC is one endpoint.
 *
 * Conventions, as in VFIO and iommufd:
 *  - Every ioctl takes a pointer to a structure that starts with
 *    { __u32 argsz; __u32 flags; }, also ROC_DMA_STOP and ROC_DMA_RESET.
 *    The caller sets argsz to sizeof() of the structure it was built with.
 *  - Command numbers are _IO(ROC_IOC_MAGIC, nr): they carry no size, so a
 *    structure can grow without its command changing.  A command with
 *    other direction or size bits, another type, or a number the file does
 *    not know fails with -ENOTTY.
 *  - Reserved fields and unknown flag bits must be zero (-EINVAL otherwise).
 *  - All fields are fixed-width; pointers travel as __u64.
 *  - Register offsets are byte offsets into a BAR, as in docs/hardware.md.
 *  - On a removed device every ioctl, read and mmap fails with -ENODEV.
 *
 * How the structures grow (the rules every ioctl below follows):
 *  - Fields are only ever added at the end; the "first version" of a
 *    structure ends at the last field that version 2 of this header has.
 *  - The kernel reads min(argsz, its own size) bytes.  An argsz below the
 *    first version fails with -EINVAL.  A caller built against an older
 *    header (smaller argsz) gets the new fields as zero, which always means
 *    "as before".  A caller built against a newer header (larger argsz) is
 *    accepted as long as every byte the kernel does not know is zero;
 *    otherwise the call fails with -E2BIG (the caller asked for something
 *    this kernel cannot do).
 *  - The kernel writes back at most min(argsz, its own size) bytes and never
 *    past argsz; it sets argsz on output to the number of bytes it wrote,
 *    so that a newer caller can tell which output fields an older kernel
 *    filled in.
 *  - Every ioctl checks first that the structure can be written back, so
 *    that a call with side effects (a channel opened, a buffer registered,
 *    superpages pushed or popped) is never done without its answer: an
 *    unwritable structure fails with -EFAULT before anything happens.
 *  - Errors common to all ioctls, not repeated below: -ENOTTY (unknown
 *    command), -EFAULT (the structure cannot be read or written), -EINVAL
 *    (argsz below the first version, or unknown flag bits), -E2BIG (argsz
 *    beyond what the kernel knows with a non-zero tail), -ENODEV (device
 *    removed).
 */
#ifndef _UAPI_ROC_H
#define _UAPI_ROC_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * Version of this interface.  2: command numbers without size, structures
 * of any argsz, ROC_DMA_STOP and ROC_DMA_RESET take a structure.
 */
#define ROC_UAPI_VERSION	2

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
 * @serial: output, card serial number (docs/hardware.md 1.4), -1 if unreadable
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
 * ROC_GET_INFO - _IO(ROC_IOC_MAGIC, 0x00), struct roc_info
 *
 * Device fd.  Identify the endpoint.  The caller sets @argsz; the kernel
 * fills the rest.  First version: up to @address.
 *
 * Return: 0 on success; -EINVAL if @argsz is too small or @flags is not 0,
 * -E2BIG, -EFAULT, -ENOTTY, -ENODEV (see the introduction).
 */
#define ROC_GET_INFO		_IO(ROC_IOC_MAGIC, 0x00)

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
 * ROC_GET_BAR_INFO - _IO(ROC_IOC_MAGIC, 0x01), struct roc_bar_info
 *
 * Device fd.  Describe one BAR.  The caller sets @argsz and @index.  First
 * version: up to @prot.
 *
 * Return: 0 on success; -EINVAL for a bad @argsz, non-zero @flags or an
 * @index beyond &roc_info.num_bars, -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_GET_BAR_INFO	_IO(ROC_IOC_MAGIC, 0x01)

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
 * ROC_REG_BATCH - _IO(ROC_IOC_MAGIC, 0x02), struct roc_reg_batch
 *
 * Device fd.  Carry out register reads, writes and read-modify-writes in
 * order, stopping at the first that fails.  Every operation is checked
 * before any is done.  @done is written back also on failure.  First
 * version: up to @ops.
 *
 * Return: 0 when all @count operations were done; otherwise -errno of the
 * operation at index @done:
 *  -EINVAL   bad @argsz, @flags, @count or opcode, @mask set on a
 *            non-MODIFY operation, or @offset not a multiple of 4
 *  -ENXIO    @bar does not exist or has size 0
 *  -ERANGE   @offset + 4 lies beyond the end of the BAR
 *  -EFAULT   a bad user pointer (the structure or @ops)
 *  -EPERM    a write to a protected window (&roc_bar_info.prot) without
 *            CAP_SYS_RAWIO, or a write on a file opened read-only
 *  -ENODEV   the device is gone
 *  -E2BIG, -ENOTTY: see the introduction
 */
#define ROC_REG_BATCH		_IO(ROC_IOC_MAGIC, 0x02)

/*
 * DMA channels
 * ============
 *
 * A CRU endpoint has one DMA channel (0) over its enabled links; a C-RORC
 * has six (0-5), one per link (docs/hardware.md 1.2).  ROC_CHANNEL_OPEN on the
 * device fd acquires a channel and returns a new file descriptor for it;
 * the ioctls below marked "channel fd" act on that descriptor.  Everything
 * the channel fd holds -- the channel itself, registered buffers with their
 * pinned pages and IOMMU mappings, superpages in flight -- is released when
 * it is closed, also when its owner dies: DMA is stopped first.
 *
 * Superpages are pieces of a registered buffer that the card fills.  The
 * kernel translates (buffer id, offset) into a bus address and writes it
 * into the card: user space never sees or supplies a bus address.
 */

/* Most DMA channels of an endpoint. */
#define ROC_MAX_CHANNELS	6

/**
 * enum roc_data_source - where the data of a DMA run comes from
 * @ROC_SOURCE_INTERNAL: the card's internal generator (CRU: PCIe data
 *	generator, no RDH; C-RORC: data generator in loopback)
 * @ROC_SOURCE_DDG: CRU only: detector data generator behind the GBT links,
 *	8 KiB pages each starting with an RDH (docs/hardware.md 12.3)
 * @ROC_SOURCE_FEE: front-end electronics over the optical links; on a
 *	C-RORC the detector behind the channel's DDL link, started with the
 *	FEE command RDYRX (or STBRD, %ROC_DMA_START_STBRD) and stopped with
 *	EOBTR (docs/hardware.md 4.2, P2-5.1)
 * @ROC_SOURCE_DIU: C-RORC only: the internal generator looped back in the
 *	DIU, the card's end of the DDL link (P2-5.1 IFLOOP)
 * @ROC_SOURCE_SIU: C-RORC only: the internal generator looped back in the
 *	SIU, the far end of the link: needs a working link
 */
enum roc_data_source {
	ROC_SOURCE_INTERNAL	= 0,
	ROC_SOURCE_DDG		= 1,
	ROC_SOURCE_FEE		= 2,
	ROC_SOURCE_DIU		= 3,
	ROC_SOURCE_SIU		= 4,
};

/**
 * enum roc_channel_state - state of a DMA channel
 * @ROC_CHANNEL_FREE: nobody holds it
 * @ROC_CHANNEL_STOPPED: held, DMA stopped
 * @ROC_CHANNEL_RUNNING: held, DMA running
 * @ROC_CHANNEL_FAILED: the card broke the protocol (e.g. reported more
 *	completions than were pushed); stop or reset the channel
 * @ROC_CHANNEL_GONE: the device was removed
 */
enum roc_channel_state {
	ROC_CHANNEL_FREE	= 0,
	ROC_CHANNEL_STOPPED	= 1,
	ROC_CHANNEL_RUNNING	= 2,
	ROC_CHANNEL_FAILED	= 3,
	ROC_CHANNEL_GONE	= 4,
};

/**
 * struct roc_channel_open - acquire a DMA channel
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @channel: input, channel number, 0 .. &roc_info.num_channels - 1
 * @fd: output, the channel file descriptor (O_CLOEXEC)
 */
struct roc_channel_open {
	__u32 argsz;
	__u32 flags;
	__u32 channel;
	__s32 fd;
};

/**
 * ROC_CHANNEL_OPEN - _IO(ROC_IOC_MAGIC, 0x10), struct roc_channel_open
 *
 * Device fd.  Acquire channel @channel for the caller.  A channel has one
 * holder at a time; ROC_CHANNEL_QUERY tells who.  Needs a device fd opened
 * for writing.  First version: up to @fd.
 *
 * Return: the new fd (also in @fd) on success; -EBUSY if another file holds
 * the channel, -EINVAL for a bad @argsz, @flags or @channel or a non-zero
 * output field @fd (clear a reused structure), -EPERM on a
 * read-only device fd, -EMFILE, -ENOMEM, -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_CHANNEL_OPEN	_IO(ROC_IOC_MAGIC, 0x10)

/**
 * struct roc_channel_query - who holds a DMA channel
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @channel: input, channel number
 * @state: output, &enum roc_channel_state
 * @pid: output, thread-group id of the process that opened it, 0 if free
 * @reserved: must be 0
 * @comm: output, command name of that process
 */
struct roc_channel_query {
	__u32 argsz;
	__u32 flags;
	__u32 channel;
	__u32 state;
	__s32 pid;
	__u32 reserved;
	char comm[16];
};

/**
 * ROC_CHANNEL_QUERY - _IO(ROC_IOC_MAGIC, 0x11), struct roc_channel_query
 *
 * Device fd.  Report the state and holder of a channel.  First version: up
 * to @comm.
 *
 * Return: 0; -EINVAL for a bad @argsz, @flags, @channel or @reserved,
 * -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_CHANNEL_QUERY	_IO(ROC_IOC_MAGIC, 0x11)

/* Most buffers registered on one channel at a time. */
#define ROC_MAX_BUFFERS		32

/**
 * struct roc_buffer_reg - register user memory for DMA
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @addr: input, start of the memory, page aligned
 * @size: input, length in bytes, a non-zero multiple of the page size
 * @id: output, buffer id for ROC_PUSH and ROC_BUFFER_UNREGISTER
 * @nr_segments: output, number of bus-contiguous segments the memory maps
 *	to: 1 behind an IOMMU, one per hugepage (or run of contiguous pages)
 *	without
 * @max_segment: output, size of the largest segment, the largest superpage
 *	the buffer can hold
 * @numa_node: output, NUMA node of the endpoint, where the memory should
 *	be (-1: none)
 * @reserved: must be 0
 * @memfd: input with %ROC_BUFFER_REG_MEMFD: the memfd (memfd_create(),
 *	shmem or hugetlb) whose pages are registered; 0 otherwise
 * @reserved2: must be 0
 * @memfd_offset: input with %ROC_BUFFER_REG_MEMFD: where in @memfd the
 *	buffer starts, page aligned; 0 otherwise
 *
 * @flags: %ROC_BUFFER_REG_MEMFD registers [@memfd_offset, @memfd_offset +
 * @size) of the file @memfd instead of the memory at @addr (which must then
 * be 0).  The kernel pins the file's folios (one pin per folio, not per
 * 4 KiB page), so that a buffer of hugepages costs per hugepage.  What the
 * caller sees through a MAP_SHARED mapping of the file is what the card
 * writes.  Only kernels with memfd_pin_folios() (6.11 and later) have it.
 */
struct roc_buffer_reg {
	__u32 argsz;
	__u32 flags;
	__aligned_u64 addr;
	__aligned_u64 size;
	__u32 id;
	__u32 nr_segments;
	__aligned_u64 max_segment;
	__s32 numa_node;
	__u32 reserved;
	/* version 2: registration of a memfd */
	__s32 memfd;
	__u32 reserved2;
	__aligned_u64 memfd_offset;
};

/* Flags of struct roc_buffer_reg. */
#define ROC_BUFFER_REG_MEMFD	_BITUL(0)
#define ROC_BUFFER_REG_FLAGS	ROC_BUFFER_REG_MEMFD

/**
 * ROC_BUFFER_REGISTER - _IO(ROC_IOC_MAGIC, 0x20), struct roc_buffer_reg
 *
 * Channel fd; first version up to @reserved, @memfd and @memfd_offset
 * since issue 14.  Pin the pages of [@addr, @addr + @size) (FOLL_LONGTERM),
 * or with %ROC_BUFFER_REG_MEMFD the folios of the memfd (see above),
 * charge them to RLIMIT_MEMLOCK unless the caller has CAP_IPC_LOCK, and map
 * them for the card's DMA.  They stay pinned until ROC_BUFFER_UNREGISTER or
 * the channel fd is closed.
 *
 * All buffers of a channel are charged to the process that registers the
 * first; another process (a child, or one the fd was passed to) gets -EPERM.
 *
 * Return: 0; -EINVAL for a bad @argsz, @flags, alignment or size, or for
 * non-zero output fields @id, @nr_segments, @max_segment (clear a reused
 * structure), -ENOSPC
 * when ROC_MAX_BUFFERS are registered, -ENOMEM when RLIMIT_MEMLOCK would be
 * exceeded or memory runs out, -EFAULT when the range is not mapped
 * writable, -EPERM (see above), -E2BIG, -ENOTTY, -ENODEV.  With
 * %ROC_BUFFER_REG_MEMFD also: -EINVAL for a non-zero @addr, an unaligned
 * @memfd_offset, a range beyond the file's size, or a file that is not a
 * memfd (shmem or hugetlbfs); -EBADF when @memfd is not an open file
 * descriptor or not open for writing; -EPERM when the memfd is sealed
 * against writing (F_SEAL_WRITE, F_SEAL_FUTURE_WRITE); -EOPNOTSUPP on a
 * kernel without memfd_pin_folios() (before 6.11: register the mapping at
 * @addr instead).  Without the flag, non-zero @memfd, @reserved2 or
 * @memfd_offset give -EINVAL.
 */
#define ROC_BUFFER_REGISTER	_IO(ROC_IOC_MAGIC, 0x20)

/**
 * struct roc_buffer_unreg - unregister a buffer
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @id: input, buffer id
 * @reserved: must be 0
 */
struct roc_buffer_unreg {
	__u32 argsz;
	__u32 flags;
	__u32 id;
	__u32 reserved;
};

/**
 * ROC_BUFFER_UNREGISTER - _IO(ROC_IOC_MAGIC, 0x21), struct roc_buffer_unreg
 *
 * Channel fd.  Unmap and unpin a buffer.  First version: up to @reserved.
 *
 * Return: 0; -ENOENT for an unknown @id, -EBUSY while a superpage of the
 * buffer is pushed and not yet popped, -EINVAL (bad @argsz, @flags or
 * @reserved), -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_BUFFER_UNREGISTER	_IO(ROC_IOC_MAGIC, 0x21)

/**
 * struct roc_dma_start - start DMA
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @source: input, &enum roc_data_source
 * @reserved: must be 0
 * @options: input, %ROC_DMA_START_* bits (0: as before); added after the
 *	first version
 * @reserved2: must be 0
 */
struct roc_dma_start {
	__u32 argsz;
	__u32 flags;
	__u32 source;
	__u32 reserved;
	__u32 options;
	__u32 reserved2;
};

/* C-RORC, %ROC_SOURCE_FEE: start the FEE with STBRD instead of RDYRX */
#define ROC_DMA_START_STBRD	_BITUL(0)
#define ROC_DMA_START_OPTIONS	ROC_DMA_START_STBRD

/**
 * ROC_DMA_START - _IO(ROC_IOC_MAGIC, 0x22), struct roc_dma_start
 *
 * Channel fd.  Reset the channel and start DMA with the card's sequence
 * (docs/hardware.md 3.2, 4.2).  The ready queue must have been emptied.  A
 * channel in ROC_CHANNEL_FAILED is stopped first.  First version: up to
 * @reserved.
 *
 * C-RORC with %ROC_SOURCE_FEE or %ROC_SOURCE_SIU: the DDL link must be up
 * (1000 consecutive good reads of C_CSR within 2 s, 4.2) and the SIU and
 * FEE must answer the DDL commands (status word checked, P2-5.1); the
 * kernel log names the channel, the command and what came back.  A link
 * that goes down during the run fails the channel (ROC_CHANNEL_FAILED,
 * with a kernel log line); ROC_DMA_STOP then returns its superpages as
 * usual.
 *
 * Return: 0; -EALREADY if running, -EBUSY if the ready queue is not empty,
 * -EOPNOTSUPP for a @source the card lacks (or %ROC_DMA_START_STBRD
 * without a C-RORC FEE), -ENOLINK when a CRU endpoint has no enabled link
 * or a C-RORC DDL link is down, -ETIMEDOUT when the SIU or FEE does not
 * answer a DDL command, -EPROTO when it answers something unexpected,
 * -EIO when it answers with its error bit or ILCMD, -EINVAL (bad @argsz,
 * @flags, @source, @options or reserved fields), -E2BIG, -EFAULT, -ENOTTY,
 * -ENODEV.
 */
#define ROC_DMA_START		_IO(ROC_IOC_MAGIC, 0x22)

/**
 * struct roc_dma_stop - stop DMA
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0 (room for ways of stopping to come)
 */
struct roc_dma_stop {
	__u32 argsz;
	__u32 flags;
};

/**
 * ROC_DMA_STOP - _IO(ROC_IOC_MAGIC, 0x23), struct roc_dma_stop
 *
 * Channel fd.  Stop DMA (docs/hardware.md 3.5, 4.2).  Every superpage pushed and
 * not yet returned goes to the ready queue exactly once: filled (READY),
 * partly filled (READY | PARTIAL) or untouched (flags 0, received 0).
 * Stopping a stopped channel does nothing.  Until version 2 this ioctl took
 * no argument; it takes one now so that it can grow like the others.
 * First version: up to @flags.
 *
 * Return: 0; -EINVAL (bad @argsz or @flags), -E2BIG, -EFAULT, -ENOTTY,
 * -ENODEV.
 */
#define ROC_DMA_STOP		_IO(ROC_IOC_MAGIC, 0x23)

/**
 * enum roc_reset_level - what ROC_DMA_RESET resets (docs/hardware.md 4.2)
 * @ROC_RESET_INTERNAL: the channel's DMA engine (the default, as before)
 * @ROC_RESET_NOTHING: nothing
 * @ROC_RESET_INTERNAL_SIU: C-RORC only: the engine and, over the DDL
 *	link, the SIU; the link must come up again
 */
enum roc_reset_level {
	ROC_RESET_INTERNAL	= 0,
	ROC_RESET_NOTHING	= 1,
	ROC_RESET_INTERNAL_SIU	= 2,
};

/**
 * struct roc_dma_reset - reset a channel's DMA engine
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @level: input, &enum roc_reset_level; added after the first version
 * @reserved: must be 0
 */
struct roc_dma_reset {
	__u32 argsz;
	__u32 flags;
	__u32 level;
	__u32 reserved;
};

/**
 * ROC_DMA_RESET - _IO(ROC_IOC_MAGIC, 0x24), struct roc_dma_reset
 *
 * Channel fd.  Reset the card's DMA engine of the channel (CRU: 3.2
 * resetCru; C-RORC: 4.2 reset).  DMA must be stopped.  Until version 2
 * this ioctl took no argument.  First version: up to @flags.
 *
 * Return: 0; -EBUSY unless stopped (a failed channel must be stopped
 * first), -EOPNOTSUPP for %ROC_RESET_INTERNAL_SIU on a card without SIU,
 * with INTERNAL_SIU the errors of the DDL commands (see ROC_DMA_START:
 * -ENOLINK, -ETIMEDOUT, -EPROTO, -EIO), -EINVAL (bad @argsz, @flags,
 * @level or @reserved), -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_DMA_RESET		_IO(ROC_IOC_MAGIC, 0x24)

/**
 * struct roc_superpage - a superpage to push
 * @buf_id: buffer id from ROC_BUFFER_REGISTER
 * @flags: must be 0
 * @offset: byte offset in the buffer, a multiple of 4 KiB
 * @size: bytes; a non-zero multiple of 32 KiB below 16 MiB, in one
 *	bus-contiguous segment of the buffer
 * @cookie: anything; returned with the superpage
 */
struct roc_superpage {
	__u32 buf_id;
	__u32 flags;
	__aligned_u64 offset;
	__aligned_u64 size;
	__aligned_u64 cookie;
};

/* Superpage size rules of both cards (docs/hardware.md 3.3, 3.5). */
#define ROC_SUPERPAGE_ALIGN	(32 * 1024)
#define ROC_SUPERPAGE_MAX	(16 * 1024 * 1024 - ROC_SUPERPAGE_ALIGN)
#define ROC_OFFSET_ALIGN	4096

/* Most entries of one ROC_PUSH or ROC_POP call. */
#define ROC_BATCH_MAX		1024

/**
 * struct roc_push - push superpages to the card
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @count: input, number of &struct roc_superpage at @entries,
 *	1..ROC_BATCH_MAX
 * @done: output, superpages pushed; on failure the index of the entry that
 *	failed (those before it were pushed)
 * @entries: input, user pointer to @count &struct roc_superpage
 */
struct roc_push {
	__u32 argsz;
	__u32 flags;
	__u32 count;
	__u32 done;
	__aligned_u64 entries;
};

/**
 * ROC_PUSH - _IO(ROC_IOC_MAGIC, 0x25), struct roc_push
 *
 * Channel fd.  Hand superpages to the card, in order.  A CRU spreads them
 * over its links, each to the link with the shortest queue (3.3); a C-RORC
 * keeps one in the card and queues the rest (4.2).  @entries is read
 * whole before anything is pushed: -EFAULT means nothing was pushed.
 * @done is written back also on failure.  First version: up to @entries.
 *
 * Return: 0 when all were pushed; else -errno for entry @done:
 *  -EPIPE       DMA is not running
 *  -ENOSPC      the transfer queue is full (or the ready queue would
 *               overflow: pop first)
 *  -ENOENT      no buffer @buf_id
 *  -ERANGE      @offset + @size lies outside the buffer, or overflows
 *  -EMSGSIZE    @size is 0, not a multiple of ROC_SUPERPAGE_ALIGN, or above
 *               ROC_SUPERPAGE_MAX
 *  -EINVAL      @offset not a multiple of ROC_OFFSET_ALIGN, @flags set
 *  -EXDEV       the superpage spans two bus segments of the buffer
 *  -EADDRINUSE  it overlaps a superpage pushed and not yet popped
 *  -ENOMEM      the first push into a buffer cannot allocate its map of
 *               what is in flight (a bit per 4 KiB)
 *  -EFAULT      the structure or @entries cannot be read (nothing pushed)
 *  -EINVAL      bad @argsz, @flags or @count (@done 0)
 *  -E2BIG, -ENOTTY, -ENODEV: see the introduction
 */
#define ROC_PUSH		_IO(ROC_IOC_MAGIC, 0x25)

/**
 * struct roc_ready - a superpage returned by the card
 * @cookie: the cookie it was pushed with
 * @offset: its offset in its buffer
 * @size: its size
 * @received: bytes the card wrote
 * @buf_id: its buffer
 * @link: CRU link that filled it; the channel number on a C-RORC
 * @flags: %ROC_READY_* bits; 0 means returned unfilled by ROC_DMA_STOP
 * @reserved: 0
 */
struct roc_ready {
	__aligned_u64 cookie;
	__aligned_u64 offset;
	__u32 size;
	__u32 received;
	__u32 buf_id;
	__u32 link;
	__u32 flags;
#define ROC_READY_DONE		_BITUL(0)	/* the card finished with it */
#define ROC_READY_PARTIAL	_BITUL(1)	/* @received < @size */
#define ROC_READY_ERROR		_BITUL(2)	/* the card reported an error */
	__u32 reserved;
};

/**
 * struct roc_pop - take superpages from the ready queue
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @max: input, room at @entries, 1..ROC_BATCH_MAX
 * @count: output, entries written
 * @entries: input, user pointer to @max &struct roc_ready
 */
struct roc_pop {
	__u32 argsz;
	__u32 flags;
	__u32 max;
	__u32 count;
	__aligned_u64 entries;
};

/**
 * ROC_POP - _IO(ROC_IOC_MAGIC, 0x26), struct roc_pop
 *
 * Channel fd.  Collect what the card finished, then pop up to @max
 * superpages of the ready queue.  Per link they come in push order (3.4).
 * Never blocks: poll() the channel fd for POLLIN to wait.  If @entries
 * cannot be written, the superpages go back to the head of the ready
 * queue, in their order, and the call fails with -EFAULT: none is lost and
 * none is returned twice.  First version: up to @entries.
 *
 * Return: 0 (@count may be 0); -EINVAL (bad @argsz, @flags or @max),
 * -EFAULT, -E2BIG, -ENOTTY, -ENODEV.
 */
#define ROC_POP			_IO(ROC_IOC_MAGIC, 0x26)

/**
 * struct roc_channel_status - queues and counters of a channel
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @state: output, &enum roc_channel_state
 * @source: output, &enum roc_data_source of the current or last run
 * @links: output, bit mask of the links in use (CRU: enabled data-taking
 *	links, 3.1; C-RORC: the channel's own link)
 * @link_depth: output, descriptors per link the card holds (CRU: BAR0
 *	0xC04, default 128; C-RORC: 1)
 * @transfer_capacity: output, superpages that can be in flight at once
 * @transfer_queued: output, superpages in flight
 * @ready_count: output, superpages waiting in the ready queue
 * @nr_buffers: output, buffers registered
 * @pushed: output, superpages pushed since the channel was opened
 * @completed: output, superpages the card finished
 * @bytes: output, bytes the card wrote
 * @fifo_empty: output, CRU: times a link's descriptor FIFO ran empty
 *	(BAR0 0x880), summed over the links in use
 * @dropped_packets: output, CRU: packets the endpoint dropped (2.3)
 */
struct roc_channel_status {
	__u32 argsz;
	__u32 flags;
	__u32 state;
	__u32 source;
	__u32 links;
	__u32 link_depth;
	__u32 transfer_capacity;
	__u32 transfer_queued;
	__u32 ready_count;
	__u32 nr_buffers;
	__aligned_u64 pushed;
	__aligned_u64 completed;
	__aligned_u64 bytes;
	__aligned_u64 fifo_empty;
	__aligned_u64 dropped_packets;
};

/**
 * ROC_CHANNEL_STATUS - _IO(ROC_IOC_MAGIC, 0x27), struct roc_channel_status
 *
 * Channel fd.  Also collects what the card finished, like ROC_POP.
 * transfer_capacity - transfer_queued is what can be pushed now, as long
 * as the ready queue is popped.  First version: up to @dropped_packets.
 *
 * Return: 0; -EINVAL (bad @argsz or @flags), -E2BIG, -EFAULT, -ENOTTY,
 * -ENODEV.
 */
#define ROC_CHANNEL_STATUS	_IO(ROC_IOC_MAGIC, 0x27)

/*
 * Push and ready rings (issue 14): a zero-copy, single-producer single-
 * consumer pair per channel, in the manner of AF_XDP, mmapped from the
 * channel fd.  The push ring carries &struct roc_superpage from the user
 * to the kernel, the ready ring &struct roc_ring_done back.  Each ring is
 * one mapping: a u32 producer, a u32 consumer and a u32 flags word on
 * cache lines of their own, then the entries; ROC_RING_SETUP returns the
 * byte offsets (&struct roc_ring_offsets) and the mmap offset and length.
 * Indices are free-running u32, an entry is at index & (entries - 1).
 *
 * The user fills push entries, then publishes them with a store-release
 * of the push producer; the kernel reads each entry once, validates its
 * copy as ROC_PUSH does and releases the consumer.  The kernel writes
 * ready entries and store-releases the ready producer; the user reads
 * them after a load-acquire of it and store-releases the ready consumer.
 * The kernel trusts no index the user writes beyond clamping it to the
 * ring: a producer too far ahead counts as a full ring.  A push entry the
 * kernel refuses comes back on the ready ring with its errno in @error
 * (the errnos of ROC_PUSH, -EPIPE once DMA stopped); an entry that cannot
 * be pushed yet for lack of room stays in the push ring.  Nothing is lost
 * and nothing comes back twice; ROC_DMA_STOP returns what is in flight
 * through the ready ring at the next move.
 *
 * Entries move when the user calls ROC_RING_ENTER or poll() (POLLIN: the
 * ready ring holds entries), or, with %ROC_RING_SETUP_THREAD, a kernel
 * thread of the channel on the card's NUMA node moves them: it polls the
 * rings and the card while there is progress or less than
 * @thread_idle_us has passed since the last, then sets
 * %ROC_RING_NEED_WAKEUP in the push ring's flags and sleeps (waking on
 * the poll timer while superpages are in flight).  The user publishes its
 * push producer, makes a full barrier, reads the flags, and calls
 * ROC_RING_ENTER (or poll()) only if the flag is set; so does a user who
 * finds the ready ring empty while the flag is set.  Without the thread
 * the flag is always set.  On a C-RORC the thread also hands the card its
 * next superpage as soon as the last one completed.  Once the rings are set
 * up, ROC_PUSH and ROC_POP fail with -EBUSY on that channel; the rings
 * live until the channel fd is closed (and unmapped).
 */
struct roc_ring_offsets {
	__aligned_u64 producer;
	__aligned_u64 consumer;
	__aligned_u64 flags;
	__aligned_u64 desc;
};

#define ROC_RING_NEED_WAKEUP	_BITUL(0)

/**
 * struct roc_ring_done - an entry of the ready ring
 * @ready: the superpage, as ROC_POP returns it (a rejected push: @cookie,
 *	@offset, @size and @buf_id as pushed, @flags 0)
 * @error: 0, or the -errno with which its push was refused
 * @reserved: 0
 */
struct roc_ring_done {
	struct roc_ready ready;
	__s32 error;
	__u32 reserved;
};

/**
 * struct roc_ring_setup - create the push and ready rings of a channel
 * @argsz: size of the structure as the caller knows it
 * @flags: 0 or %ROC_RING_SETUP_THREAD
 * @push_entries: input, entries of the push ring, a power of two up to
 *	65536, 0 for 1024; output, the number used
 * @ready_entries: input, likewise for the ready ring (0: 1024)
 * @push_mmap: output, mmap offset of the push ring
 * @push_size: output, its length in bytes
 * @ready_mmap: output, mmap offset of the ready ring
 * @ready_size: output, its length in bytes
 * @push: output, byte offsets in the push ring's mapping
 * @ready: output, byte offsets in the ready ring's mapping
 * @thread_idle_us: input, with %ROC_RING_SETUP_THREAD: how long the thread
 *	polls without progress before it sleeps, 1..1000000 (0: 1000)
 * @reserved: must be 0
 */
struct roc_ring_setup {
	__u32 argsz;
	__u32 flags;
	__u32 push_entries;
	__u32 ready_entries;
	__aligned_u64 push_mmap;
	__aligned_u64 push_size;
	__aligned_u64 ready_mmap;
	__aligned_u64 ready_size;
	struct roc_ring_offsets push;
	struct roc_ring_offsets ready;
	__u32 thread_idle_us;
	__u32 reserved;
};

#define ROC_RING_SETUP_THREAD	_BITUL(0)	/* a kernel thread moves entries */

/**
 * ROC_RING_SETUP - _IO(ROC_IOC_MAGIC, 0x28), struct roc_ring_setup
 *
 * Channel fd.  Create the channel's rings; mmap() each with its offset and
 * length (MAP_SHARED, read and write).  First version: up to @reserved.
 *
 * Return: 0; -EBUSY (rings exist already, or superpages pushed through
 * ROC_PUSH are in flight or ready), -EINVAL (bad @argsz, unknown @flags,
 * an entry count not a power of two or too large, @thread_idle_us too
 * large or set without the thread, @reserved set), -ENOMEM,
 * -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_RING_SETUP		_IO(ROC_IOC_MAGIC, 0x28)

/**
 * struct roc_ring_enter - move ring entries
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @pushed: output, push entries taken (pushed to the card or refused)
 * @completed: output, entries put on the ready ring
 */
struct roc_ring_enter {
	__u32 argsz;
	__u32 flags;
	__u32 pushed;
	__u32 completed;
};

/**
 * ROC_RING_ENTER - _IO(ROC_IOC_MAGIC, 0x29), struct roc_ring_enter
 *
 * Channel fd.  Collect what the card finished, put it on the ready ring,
 * and take the push ring's new entries; wake the channel's ring thread if
 * it has one.  Never blocks: poll() for POLLIN to wait.  First version: up
 * to @completed.
 *
 * Return: 0; -ENXIO (no rings: ROC_RING_SETUP first), -EINVAL (bad
 * @argsz or @flags), -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_RING_ENTER		_IO(ROC_IOC_MAGIC, 0x29)

/*
 * poll() on a channel fd: POLLIN when the ready queue holds a superpage or
 * the card finished one; POLLOUT when a superpage can be pushed; POLLHUP
 * and POLLERR once the device is gone.  The cards have no interrupts: the
 * kernel checks on a timer while superpages are in flight and somebody
 * waits, and uses no CPU otherwise.
 */

/*
 * The C-RORC DDL link (docs/hardware.md 4.1, P2-5.1, P2-5.2, P2-5.3).
 * Device fd ioctls, numbers 0x30-0x37.
 */

/* &roc_ddl_status.link */
#define ROC_DDL_LINK_UP		1	/* C_CSR bit 13 (LINK_DOWN) clear */
#define ROC_DDL_LINK_DOWN	2

/* &roc_ddl_status.valid bits */
#define ROC_DDL_VALID_DIU	_BITUL(0)	/* @diu_status read */
#define ROC_DDL_VALID_SIU	_BITUL(1)	/* @siu_status read */
#define ROC_DDL_VALID_HW_INFO	_BITUL(2)	/* @siu_hw_info read */

#define ROC_DDL_HW_INFO_LEN	64

/**
 * struct roc_ddl_status - DIU and SIU status of a C-RORC channel
 * @argsz: size of the structure as the caller knows it
 * @flags: must be 0
 * @channel: input, the channel (0-5), whose BAR drives its DDL link
 * @link: output, %ROC_DDL_LINK_UP or %ROC_DDL_LINK_DOWN
 * @valid: output, %ROC_DDL_VALID_* bits: what could be read (the SIU
 *	answers only over a working link)
 * @diu_status: output, the DIU's interface status word (IFSTW, P2-5.3) as
 *	read, bit 31 = error
 * @siu_status: output, the SIU's interface status word; reading it clears
 *	the SIU's error bits
 * @siu_errno: output, 0 or the positive errno of reading the SIU
 *	(ETIMEDOUT: no answer; ENOLINK: link down; EPROTO; EIO)
 * @siu_hw_info: output, the SIU's hardware-info string, NUL-terminated
 */
struct roc_ddl_status {
	__u32 argsz;
	__u32 flags;
	__u32 channel;
	__u32 link;
	__u32 valid;
	__u32 diu_status;
	__u32 siu_status;
	__u32 siu_errno;
	char siu_hw_info[ROC_DDL_HW_INFO_LEN];
};

/**
 * ROC_DDL_STATUS - _IO(ROC_IOC_MAGIC, 0x30), struct roc_ddl_status
 *
 * Device fd.  Read the link state, the DIU status and, over the link, the
 * SIU's status and hardware info with DDL commands (P2-5.3).  Needs no
 * channel fd and works while another process runs DMA on the channel
 * (DDL commands of a card are serialised).  First version: up to
 * @siu_hw_info.
 *
 * The commands are register writes: the device must be open for writing.
 *
 * Return: 0 (what the SIU did not answer is in @siu_errno and @valid);
 * -EOPNOTSUPP on a card without DDL (CRU), -EPERM if the fd is not open
 * for writing, -EINVAL (bad @channel),
 * -ETIMEDOUT or -EPROTO when the DIU in the card does not answer
 * properly, -EINTR, -E2BIG, -EFAULT, -ENOTTY, -ENODEV.
 */
#define ROC_DDL_STATUS		_IO(ROC_IOC_MAGIC, 0x30)

#endif /* _UAPI_ROC_H */
