// SPDX-License-Identifier: GPL-2.0
/*
 * roc - DMA buffers: user memory pinned, charged to RLIMIT_MEMLOCK and
 * mapped for the card, and the checks that a superpage lies in one of them.
 *
 * A buffer belongs to a channel file.  Pages are pinned FOLL_LONGTERM in
 * small batches and appended run by run to a scatter-gather table (or, for
 * a memfd, its folios are pinned one pin each, an entry per folio), so the
 * cost goes with the number of runs and folios, not of 4 KiB pages.  The
 * DMA mapping is then cut into bus-contiguous segments, so that a
 * superpage can be checked to lie in one (behind an IOMMU a buffer is one
 * segment; without, one per hugepage).
 * A bitmap with a bit per 4 KiB tells which parts are in flight; it is
 * allocated at the buffer's first push, so that registration does no
 * work per 4 KiB (32 KiB of bitmap per GiB, zeroed).
 *
 * Called with the channel lock held.
 */
#include <linux/bitmap.h>
#include <linux/dma-mapping.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hugetlb.h>
#include <linux/magic.h>
#include <linux/memfd.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <uapi/linux/fcntl.h>

#include "roc.h"

#define ROC_GRANULE_SHIFT	12	/* ROC_OFFSET_ALIGN */
#define ROC_PIN_BATCH		512	/* page or folio pointers per pin call */
#define ROC_BUFFER_MAX_SIZE	BIT_ULL(40)
/* Longest scatter-gather entry: sg->length is an unsigned int. */
#define ROC_SG_MAX		(UINT_MAX & PAGE_MASK)

/*
 * Drop the pins of @sgt's entries and mark their pages dirty (the card
 * wrote them).  Pinned by address, every 4 KiB page of an entry holds a
 * pin; pinned from a memfd, an entry is (part of) one folio holding one.
 */
static void roc_sgt_unpin(struct sg_table *sgt, bool folio_pins)
{
	struct scatterlist *sg;
	unsigned int i;

	for_each_sgtable_sg(sgt, sg, i) {
		struct page *page = sg_page(sg);
		unsigned long left = sg->length >> PAGE_SHIFT, n;

		if (!folio_pins) {
			unpin_user_page_range_dirty_lock(page, left, true);
			continue;
		}
		/* Whole folios, physically contiguous: one pin each. */
		while (left) {
			struct folio *folio = page_folio(page);

			n = min_t(unsigned long, left,
				  folio_nr_pages(folio) -
				  folio_page_idx(folio, page));
			unpin_user_page_range_dirty_lock(page, 1, true);
			page = nth_page(page, n);
			left -= n;
		}
	}
}

static void roc_buffer_unpin(struct roc_buffer *b)
{
	roc_sgt_unpin(&b->sgt, b->folio_pins);
	if (b->sg_total) {
		struct sg_append_table sga = {
			.sgt = b->sgt, .total_nents = b->sg_total,
		};

		sg_free_append_table(&sga);
	} else {
		sg_free_table(&b->sgt);
	}
}

/*
 * Pin [uaddr, uaddr + size) and build the scatter-gather table.  Pages are
 * pinned ROC_PIN_BATCH at a time into one small array and appended run by
 * run: a physically contiguous run (a hugepage, or neighbouring ones)
 * becomes one entry, and no array of the whole buffer is ever built.
 */
static int roc_buffer_pin(struct roc_buffer *b, u64 uaddr, u64 size)
{
	unsigned long npages = size >> PAGE_SHIFT, done = 0;
	struct sg_append_table sga = {};
	struct page **pages;
	int ret = 0;

	pages = kmalloc_array(ROC_PIN_BATCH, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	while (done < npages) {
		unsigned int n = min_t(unsigned long, npages - done,
				       ROC_PIN_BATCH);

		ret = pin_user_pages_fast(uaddr + (done << PAGE_SHIFT), n,
					  FOLL_WRITE | FOLL_LONGTERM, pages);
		if (ret <= 0) {
			ret = ret ?: -EFAULT;
			break;
		}
		n = ret;
		/* The pages still to come bound the entries still needed. */
		ret = sg_alloc_append_table_from_pages(&sga, pages, n, 0,
						       (unsigned long)n << PAGE_SHIFT,
						       ROC_SG_MAX,
						       npages - done - n,
						       GFP_KERNEL);
		if (ret) {
			unpin_user_pages(pages, n);
			break;
		}
		done += n;
	}
	kfree(pages);
	if (ret) {
		roc_sgt_unpin(&sga.sgt, false);
		sg_free_append_table(&sga);
		return ret;
	}
	b->sgt = sga.sgt;
	b->sg_total = sga.total_nents;
	return 0;
}

#if ROC_HAVE_MEMFD_PIN
/* The seals of a shmem or hugetlbfs file; -EINVAL for any other file. */
static int roc_memfd_seals(struct file *file)
{
	struct inode *inode = file_inode(file);

	if (shmem_file(file))
		return SHMEM_I(inode)->seals;
	if (inode->i_sb->s_magic == HUGETLBFS_MAGIC)
		return HUGETLBFS_I(inode)->seals;
	return -EINVAL;
}

/*
 * Does the part of @folio from page @o on continue the entry @sg (the
 * next physical page, and the entry stays below ROC_SG_MAX)?
 */
static bool roc_sg_continues(struct scatterlist *sg, struct folio *folio,
			     size_t o, size_t len)
{
	return sg && sg->length + len <= ROC_SG_MAX &&
	       page_to_pfn(sg_page(sg)) + (sg->length >> PAGE_SHIFT) ==
	       folio_pfn(folio) + (o >> PAGE_SHIFT);
}

/*
 * Pin the folios of [off, off + size) of the memfd @file, one pin per
 * folio, and build a scatter-gather table of whole folios, physically
 * contiguous ones merged into one entry.  The array of folios has an
 * entry per hugepage of a hugetlb memfd; for shmem it is bounded by the
 * number of 4 KiB pages.
 */
static int roc_buffer_pin_memfd(struct roc_buffer *b, struct file *file,
				u64 off, u64 size)
{
	struct inode *inode = file_inode(file);
	loff_t pos = off, end = off + size;
	unsigned long nr = 0, cap, i, runs;
	struct scatterlist *sg, run = {};
	struct folio **folios;
	pgoff_t first = 0;
	int pass;
	long ret;

	ret = roc_memfd_seals(file);
	if (ret < 0)
		return ret;
	if (ret & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (end > i_size_read(inode))
		return -EINVAL;
	if (shmem_file(file)) {
		cap = size >> PAGE_SHIFT;
	} else {
		unsigned long hsz = huge_page_size(hstate_inode(inode));

		cap = (ALIGN(end, hsz) - ALIGN_DOWN(off, hsz)) / hsz;
	}
	folios = kvmalloc_array(cap, sizeof(*folios),
				GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!folios)
		return -ENOMEM;

	while (pos < end) {
		pgoff_t offset;
		long n;

		n = memfd_pin_folios(file, pos, end - 1, folios + nr,
				     min_t(unsigned long, cap - nr,
					   ROC_PIN_BATCH), &offset);
		if (n <= 0) {
			ret = n ?: -EFAULT;
			goto err_unpin;
		}
		if (!nr)
			first = offset;
		/* Every call but the first starts on a folio boundary. */
		pos += folio_size(folios[nr]) - offset;
		for (i = nr + 1; i < nr + n; i++)
			pos += folio_size(folios[i]);
		nr += n;
	}

	/* Count the runs, then fill them in. */
	for (pass = 0; pass < 2; pass++) {
		u64 left = size;

		sg = NULL;
		runs = 0;
		for (i = 0; i < nr; i++) {
			size_t o = i ? 0 : first;
			size_t len = min_t(u64, folio_size(folios[i]) - o, left);

			if (roc_sg_continues(sg, folios[i], o, len)) {
				sg->length += len;
			} else {
				sg = pass ? (sg ? sg_next(sg) : b->sgt.sgl) :
					    &run;
				sg_set_page(sg, folio_page(folios[i],
							   o >> PAGE_SHIFT),
					    len, 0);
				runs++;
			}
			left -= len;
		}
		if (!pass) {
			ret = sg_alloc_table(&b->sgt, runs, GFP_KERNEL_ACCOUNT);
			if (ret)
				goto err_unpin;
		}
	}
	kvfree(folios);
	b->folio_pins = true;
	b->sg_total = 0;
	return 0;

err_unpin:
	unpin_folios(folios, nr);
	kvfree(folios);
	return ret;
}

static int roc_buffer_pin_fd(struct roc_buffer *b, int fd, u64 off, u64 size)
{
	struct file *file = fget(fd);
	int ret;

	if (!file)
		return -EBADF;
	if (!(file->f_mode & FMODE_WRITE))
		ret = -EBADF;
	else
		ret = roc_buffer_pin_memfd(b, file, off, size);
	fput(file);
	return ret;
}
#else
static int roc_buffer_pin_fd(struct roc_buffer *b, int fd, u64 off, u64 size)
{
	return -EOPNOTSUPP;
}
#endif

/* Cut the DMA mapping into bus-contiguous segments. */
static int roc_buffer_segments(struct roc_buffer *b)
{
	struct scatterlist *sg;
	struct roc_segment *seg;
	u64 offset = 0;
	unsigned int i, n = 0;

	b->segs = kvcalloc(b->sgt.nents, sizeof(*b->segs), GFP_KERNEL);
	if (!b->segs)
		return -ENOMEM;

	for_each_sgtable_dma_sg(&b->sgt, sg, i) {
		dma_addr_t dma = sg_dma_address(sg);
		u64 len = sg_dma_len(sg);

		seg = n ? &b->segs[n - 1] : NULL;
		if (seg && seg->dma + seg->len == dma) {
			seg->len += len;
		} else {
			seg = &b->segs[n++];
			seg->offset = offset;
			seg->dma = dma;
			seg->len = len;
		}
		offset += len;
	}
	b->nr_segs = n;
	b->max_seg = 0;
	for (i = 0; i < n; i++)
		b->max_seg = max(b->max_seg, b->segs[i].len);
	return 0;
}

/*
 * Is [uaddr, uaddr + size) mapped writable by ordinary memory?  Checked
 * before anything is charged or allocated, so that a bogus range costs
 * nothing (the page array of a 1 TiB range is 2 GiB); pinning checks again.
 */
static int roc_buffer_check_range(u64 uaddr, u64 size)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	u64 end = uaddr + size;
	int ret = 0;

	mmap_read_lock(mm);
	while (uaddr < end) {
		vma = find_vma(mm, uaddr);
		if (!vma || vma->vm_start > uaddr ||
		    !(vma->vm_flags & VM_WRITE) ||
		    vma->vm_flags & (VM_IO | VM_PFNMAP)) {
			ret = -EFAULT;
			break;
		}
		uaddr = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return ret;
}

static unsigned long *roc_busy_alloc(u64 size)
{
	return kvcalloc(BITS_TO_LONGS(size >> ROC_GRANULE_SHIFT),
			sizeof(unsigned long), GFP_KERNEL | __GFP_NOWARN);
}

/**
 * roc_buffer_pin_user() - first half of ROC_BUFFER_REGISTER, without locks
 * @reg: the caller's request (address and size, or memfd, offset and size)
 * @pin: where the pinned pages go, for roc_buffer_install()
 *
 * Checks the range, charges it to the caller's RLIMIT_MEMLOCK and pins it.
 * Runs without the channel lock: pinning may wait in a page fault for as
 * long as userfaultfd or FUSE make it, and removal must not wait for that.
 *
 * Return: 0, or -EINVAL for a bad range or field, -EFAULT for memory that
 * is not ordinary writable memory, -ENOMEM, the error of the accounting,
 * or for %ROC_BUFFER_REG_MEMFD -EBADF, -EPERM (sealed), -EOPNOTSUPP
 * (kernel before 6.11).
 */
int roc_buffer_pin_user(const struct roc_buffer_reg *reg,
			struct roc_buffer *pin)
{
	bool memfd = reg->flags & ROC_BUFFER_REG_MEMFD;
	int ret;

	if (!reg->size || !PAGE_ALIGNED(reg->size) ||
	    reg->size > ROC_BUFFER_MAX_SIZE || reg->reserved2)
		return -EINVAL;
	if (memfd) {
		if (reg->addr || !PAGE_ALIGNED(reg->memfd_offset) ||
		    reg->memfd_offset > ROC_BUFFER_MAX_SIZE)
			return -EINVAL;
		if (!ROC_HAVE_MEMFD_PIN)
			return -EOPNOTSUPP;
	} else {
		if (reg->memfd || reg->memfd_offset ||
		    !PAGE_ALIGNED(reg->addr) ||
		    reg->addr + reg->size < reg->addr)
			return -EINVAL;
		ret = roc_buffer_check_range(reg->addr, reg->size);
		if (ret)
			return ret;
	}

	ret = account_locked_vm(current->mm, reg->size >> PAGE_SHIFT, true);
	if (ret)
		return ret;

	memset(pin, 0, sizeof(*pin));
	if (memfd)
		ret = roc_buffer_pin_fd(pin, reg->memfd, reg->memfd_offset,
					reg->size);
	else
		ret = roc_buffer_pin(pin, reg->addr, reg->size);
	if (ret) {
		account_locked_vm(current->mm, reg->size >> PAGE_SHIFT, false);
		return ret;
	}
	pin->size = reg->size;
	return 0;
}

/**
 * roc_buffer_unpin_user() - undo roc_buffer_pin_user() of a buffer that was
 *	not installed
 * @pin: what roc_buffer_pin_user() filled
 */
void roc_buffer_unpin_user(struct roc_buffer *pin)
{
	roc_buffer_unpin(pin);
	account_locked_vm(current->mm, pin->size >> PAGE_SHIFT, false);
}

/**
 * roc_buffer_free_id() - may the caller register a buffer on @ch now?
 * @ch: the channel, locked
 *
 * Return: the id a new buffer would get, -ENOSPC when the channel has
 * %ROC_MAX_BUFFERS, -EPERM when its buffers are charged to another
 * process (all buffers of a channel are charged to one mm).
 */
int roc_buffer_free_id(struct roc_channel *ch)
{
	u32 id;

	lockdep_assert_held(&ch->lock);
	if (ch->mm && ch->mm != current->mm)
		return -EPERM;
	for (id = 0; id < ROC_MAX_BUFFERS; id++)
		if (!ch->bufs[id].used)
			return id;
	return -ENOSPC;
}

/**
 * roc_buffer_install() - second half of ROC_BUFFER_REGISTER, under ch->lock
 * @ch: the channel, locked and not gone
 * @reg: the request; id, nr_segments, max_segment and numa_node are set
 * @pin: the pages roc_buffer_pin_user() pinned; the channel owns them on
 *	success, the caller still does on failure
 *
 * Maps the pages for the card, cuts the mapping into bus-contiguous
 * segments and gives the buffer an id.
 *
 * Return: 0, or an error of roc_buffer_free_id(), -ENOMEM, or the DMA
 * mapping's error.
 */
int roc_buffer_install(struct roc_channel *ch, struct roc_buffer_reg *reg,
		       struct roc_buffer *pin)
{
	struct device *dev = ch->ep->dma_dev;
	struct roc_buffer *b = NULL;
	u32 id;
	int ret;

	ret = roc_buffer_free_id(ch);
	if (ret < 0)
		return ret;
	id = ret;
	b = &ch->bufs[id];
	*b = *pin;
	ret = dma_map_sgtable(dev, &b->sgt, DMA_FROM_DEVICE, 0);
	if (ret)
		goto err_clear;

	ret = roc_buffer_segments(b);
	if (ret)
		goto err_unmap;

	if (!ch->mm) {
		ch->mm = current->mm;
		mmgrab(ch->mm);
	}
	b->used = true;
	b->mapped = true;
	reg->id = id;
	reg->nr_segments = b->nr_segs;
	reg->max_segment = b->max_seg;
	reg->numa_node = ch->ep->numa_node;
	return 0;

err_unmap:
	dma_unmap_sgtable(dev, &b->sgt, DMA_FROM_DEVICE, 0);
err_clear:
	memset(b, 0, sizeof(*b));
	return ret;
}

static void roc_buffer_unmap(struct roc_channel *ch, struct roc_buffer *b)
{
	if (b->mapped)
		dma_unmap_sgtable(ch->ep->dma_dev, &b->sgt, DMA_FROM_DEVICE, 0);
	b->mapped = false;
}

static void roc_buffer_release(struct roc_channel *ch, struct roc_buffer *b)
{
	roc_buffer_unmap(ch, b);
	roc_buffer_unpin(b);
	account_locked_vm(ch->mm, b->size >> PAGE_SHIFT, false);
	kvfree(b->busy);
	kvfree(b->segs);
	memset(b, 0, sizeof(*b));
}

int roc_buffer_unregister(struct roc_channel *ch, u32 id)
{
	struct roc_buffer *b;

	if (id >= ROC_MAX_BUFFERS || !ch->bufs[id].used)
		return -ENOENT;
	b = &ch->bufs[id];
	if (b->inflight)
		return -EBUSY;
	roc_buffer_release(ch, b);
	return 0;
}

/* Device removal: the card may never see these mappings again. */
void roc_buffer_unmap_all(struct roc_channel *ch)
{
	unsigned int i;

	for (i = 0; i < ROC_MAX_BUFFERS; i++)
		if (ch->bufs[i].used)
			roc_buffer_unmap(ch, &ch->bufs[i]);
}

/* The channel file goes: unmap, unpin, uncharge everything. */
void roc_buffer_release_all(struct roc_channel *ch)
{
	unsigned int i;

	for (i = 0; i < ROC_MAX_BUFFERS; i++)
		if (ch->bufs[i].used)
			roc_buffer_release(ch, &ch->bufs[i]);
	if (ch->mm) {
		mmdrop(ch->mm);
		ch->mm = NULL;
	}
}

static const struct roc_segment *roc_buffer_find_segment(const struct roc_buffer *b,
							 u64 offset)
{
	u32 lo = 0, hi = b->nr_segs;

	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (b->segs[mid].offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return &b->segs[lo];
}

/*
 * Check a superpage against the rules of ROC_PUSH (uapi/linux/roc.h), then
 * mark its part of the buffer in flight and fill in @sp.
 */
int roc_buffer_claim(struct roc_channel *ch, const struct roc_superpage *in,
		     struct roc_sp *sp)
{
	const struct roc_segment *seg;
	unsigned long first, nbits;
	struct roc_buffer *b;

	if (in->flags)
		return -EINVAL;
	if (in->buf_id >= ROC_MAX_BUFFERS || !ch->bufs[in->buf_id].used)
		return -ENOENT;
	b = &ch->bufs[in->buf_id];
	if (!in->size || in->size % ROC_SUPERPAGE_ALIGN ||
	    in->size > ROC_SUPERPAGE_MAX)
		return -EMSGSIZE;
	if (in->offset % ROC_OFFSET_ALIGN)
		return -EINVAL;
	if (in->offset >= b->size || in->size > b->size - in->offset)
		return -ERANGE;

	seg = roc_buffer_find_segment(b, in->offset);
	if (in->offset + in->size > seg->offset + seg->len)
		return -EXDEV;

	if (unlikely(!b->busy)) {
		/* the first push: 4 MiB for 128 GiB, beyond kmalloc's reach */
		b->busy = roc_busy_alloc(b->size);
		if (!b->busy)
			return -ENOMEM;
	}
	first = in->offset >> ROC_GRANULE_SHIFT;
	nbits = in->size >> ROC_GRANULE_SHIFT;
	if (find_next_bit(b->busy, first + nbits, first) < first + nbits)
		return -EADDRINUSE;
	bitmap_set(b->busy, first, nbits);
	b->inflight++;

	sp->cookie = in->cookie;
	sp->offset = in->offset;
	sp->dma = seg->dma + (in->offset - seg->offset);
	sp->size = in->size;
	sp->received = 0;
	sp->buf = in->buf_id;
	sp->link = 0;
	sp->flags = 0;
	return 0;
}

/* The user popped a superpage: its memory is the user's again. */
void roc_buffer_unclaim(struct roc_channel *ch, const struct roc_sp *sp)
{
	struct roc_buffer *b = &ch->bufs[sp->buf];

	bitmap_clear(b->busy, sp->offset >> ROC_GRANULE_SHIFT,
		     sp->size >> ROC_GRANULE_SHIFT);
	b->inflight--;
}
