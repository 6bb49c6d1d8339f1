// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the DMA engine of a simulated CRU endpoint (docs/hardware.md 2.1,
 * 2.3, 3, 12.2).
 *
 * Registers (BAR0 unless noted), as the driver programs them:
 *
 *   0x204/0x208 + 0x10 L   superpage bus address of link L (0..15), high
 *                          and low half; latched in the engine, read as 0
 *                          (user space may map the BAR: no bus addresses)
 *   0x20C + 0x10 L         commits {address, value * 8 KiB} into link L's
 *                          descriptor FIFO, ROC_SIM_CRU_SP_DESCRIPTORS deep
 *                          (0xC04).  A commit into a full FIFO, or of 0 or
 *                          more than 2047 pages (the size FIFO has 24 bits),
 *                          is dropped and counted (descriptors_dropped).
 *   0x200 DMA_CONTROL      bit 8 set: flush, stop; else bit 0 set: start.
 *                          Flush completes a superpage that has bytes
 *                          written with that partial count and discards
 *                          the descriptors not started, without completion.
 *   0x400 RESET_CONTROL    bit 1: reset the generator counters; bit 0:
 *                          that, and stop, empty the descriptor and size
 *                          FIFOs, zero 0x800, 0x840, 0x880 of every link
 *                          and the size indices
 *   0x608                  0x1: flip one word of the next page written
 *   0x700                  latched at start: 1 internal generator (format
 *                          A), else the GBT path with the DDG (format B)
 *   0x800 + 4 L            superpages completed on link L (read-only)
 *   0x840 + 4 L            a write pops the next entry of link L's size
 *                          FIFO into the register (an empty FIFO leaves it
 *                          as it was); reads return the last entry popped:
 *                          bytes in bits 23:0, sequence index in 31:24
 *   0x880 + 4 L            times link L had data to send, had been given a
 *                          descriptor since start, and found its FIFO empty
 *                          (read-only)
 *   BAR2 DW(ep) + 0x0      links in use, latched at start: bits 0-11 and
 *                          13-15; 0x00000fff after card creation (2.3)
 *   BAR2 DW(ep) + 0x1C     pages dropped for lack of a descriptor, with a
 *                          line rate only (see dma.c)
 *
 * Datapath counters (BAR2, 2.3), for data through the GBT path (DDG,
 * FEE; the internal PCIe generator bypasses the datapath wrapper), one
 * packet per DMA page:
 *
 *   DW(ep) + 0x40000 + 0x2000 L + 0xC   packets accepted on link L
 *   DW(ep) + 0x40000 + 0x2000 L + 0x8   packets rejected: a page dropped
 *                          for lack of a descriptor on link L while flow
 *                          control allows rejection (DW + 0xC0000 bit 0)
 *   DW(ep) + 0x18          packets accepted, all links
 *   DW(ep) + 0x2C          packets accepted per second, over the last
 *                          second (housekeeping, dma.c)
 *
 * A link moves data only while its enable bit in DW(ep) + 0x0 is set:
 * the bits latched at start, and still set now (clearing one stops the
 * link; its counters stay).  Forced packets (+0x10) are never counted.
 *
 * Completion (3.4): FIRST the entry {bytes, index} goes into the size FIFO
 * (index 0 after reset, +1 per completion mod 256), THEN the count at
 * 0x800 + 4 L is incremented.  Both happen under &roc_sim_ep.lock, which
 * the 0x840 pop also takes, so a driver that reads the count lock-free and
 * then pops finds the entry.
 *
 * Data, per link: format A or B of pattern.c.  In format B the RDH has FEE
 * ID and link ID L, source ID from BAR2 0x100014 bits 23:16, CRU ID from
 * BAR2 0x18 bits 27:16 and the endpoint in bits 15:12 of bytes 14-15,
 * packet counter +1 per page, orbit 0 for the first superpage after reset
 * and +1 per superpage started (a time frame boundary is always at a
 * superpage start), trigger type bit 9 (SOX) on the first page of a run,
 * page count = page index in the superpage, stop bit on its last page;
 * while the CTP emulator runs, also its trigger types (cru_ttc.c).
 */
#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/slab.h>

#include "sim.h"

#define ROC_SIM_CRU_LINKS		16
#define ROC_SIM_CRU_SIZE_DEPTH		256
#define ROC_SIM_CRU_MAX_PAGES		((SZ_16M - 1) / ROC_SIM_DMA_PAGE)

#define ROC_SIM_CRU_DMA_CONTROL		0x200
#define  ROC_SIM_CRU_DMA_START		BIT(0)
#define  ROC_SIM_CRU_DMA_FLUSH		BIT(8)
#define ROC_SIM_CRU_LINK_REGS		0x200	/* + 0x10 L + 0x4/0x8/0xc */
#define  ROC_SIM_CRU_LINK_HIGH		0x4
#define  ROC_SIM_CRU_LINK_LOW		0x8
#define  ROC_SIM_CRU_LINK_PAGES		0xc
#define ROC_SIM_CRU_RESET_CONTROL	0x400
#define  ROC_SIM_CRU_RESET_DMA		BIT(0)
#define  ROC_SIM_CRU_RESET_DG		BIT(1)
#define ROC_SIM_CRU_INJECT_ERROR	0x608
#define ROC_SIM_CRU_DATA_SOURCE		0x700
#define  ROC_SIM_CRU_SOURCE_INTERNAL	BIT(0)
#define ROC_SIM_CRU_SP_COUNT(l)		(0x800 + 4 * (l))
#define ROC_SIM_CRU_SP_SIZE(l)		(0x840 + 4 * (l))
#define ROC_SIM_CRU_SP_FIFO_EMPTY(l)	(0x880 + 4 * (l))
#define ROC_SIM_CRU_SP_REGS_END		0x8c0
/* BAR2 */
#define ROC_SIM_CRU_USER_CONTROL	0x18
#define ROC_SIM_CRU_VIRTUAL_LINKS_IDS	0x100014
/* DW enable bits that are links: GBT 0-11, run statistics, user logic */
#define ROC_SIM_CRU_DW_LINKS		(GENMASK(11, 0) | GENMASK(15, 13))
#define ROC_SIM_CRU_SOX			BIT(9)

struct roc_sim_cru_desc {
	u64 addr;
	u32 bytes;
};

/**
 * struct roc_sim_cru_link - one link of the engine
 * @desc: descriptor FIFO; the head is the superpage being filled
 * @sizes: size FIFO, completions not yet popped
 * @high: latched address bits 63:32
 * @low: latched address bits 31:0
 * @desc_head: index of the head of @desc
 * @desc_count: descriptors in @desc
 * @size_head: index of the head of @sizes
 * @size_count: entries in @sizes
 * @written: bytes of the head descriptor written
 * @counter: payload counter
 * @orbit: orbit of the superpage being filled
 * @next_orbit: orbit of the next superpage
 * @size_index: sequence index of the next completion
 * @packet_counter: RDH packet counter of the next page
 * @sox: the next page is the first of the run
 * @fed: a descriptor was committed since start
 * @starved: the FIFO-empty event was counted, no descriptor since
 */
struct roc_sim_cru_link {
	struct roc_sim_cru_desc desc[ROC_SIM_CRU_SP_DESCRIPTORS];
	u32 sizes[ROC_SIM_CRU_SIZE_DEPTH];
	u32 high;
	u32 low;
	u32 desc_head;
	u32 desc_count;
	u32 size_head;
	u32 size_count;
	u32 written;
	u32 counter;
	u32 orbit;
	u32 next_orbit;
	u8 size_index;
	u8 packet_counter;
	bool sox;
	bool fed;
	bool starved;
};

/**
 * struct roc_sim_cru_dma - the engine; protected by &roc_sim_ep.lock
 * @running: started and not stopped
 * @ddg: data format B (latched at start)
 * @links: links in use (latched at start)
 * @rr: link to look at first in the next step
 * @window_ns: start of the packets-per-second window
 * @window_pkts: packets accepted in it
 * @link: the links
 */
struct roc_sim_cru_dma {
	bool running;
	bool ddg;
	u32 links;
	unsigned int rr;
	u64 window_ns;
	u32 window_pkts;
	struct roc_sim_cru_link link[ROC_SIM_CRU_LINKS];
};

static struct roc_sim_cru_dma *roc_sim_cru_dma(struct roc_sim_ep *sep)
{
	return sep->dma.priv;
}

static void roc_sim_cru_bar0_set(struct roc_sim_ep *sep, u32 off, u32 val)
{
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR0, off, val);
}

static void roc_sim_cru_bar0_inc(struct roc_sim_ep *sep, u32 off)
{
	roc_sim_cru_bar0_set(sep, off,
			     roc_sim_reg_get(sep, ROC_SIM_CRU_BAR0, off) + 1);
}

/* Add @n to the datapath wrapper register @off of the endpoint (2.3). */
static void roc_sim_cru_dw_add(struct roc_sim_ep *sep, u32 off, u32 n)
{
	off += ROC_SIM_CRU_DWRAPPER(sep->index);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off,
			roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2, off) + n);
}

static u32 roc_sim_cru_dw_get(struct roc_sim_ep *sep, u32 off)
{
	return roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2,
			       ROC_SIM_CRU_DWRAPPER(sep->index) + off);
}

/* Links moving data: in use since start and still enabled (2.3). */
static u32 roc_sim_cru_links(struct roc_sim_ep *sep)
{
	return roc_sim_cru_dma(sep)->links &
	       roc_sim_cru_dw_get(sep, ROC_SIM_CRU_DW_ENABLE);
}

/* @pages of link @l went through the datapath wrapper (2.3). */
static void roc_sim_cru_accept(struct roc_sim_ep *sep, unsigned int l,
			       u32 pages)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);

	if (!cd->ddg)
		return;
	roc_sim_cru_dw_add(sep, ROC_SIM_CRU_DW_LINK(l) +
			   ROC_SIM_CRU_DW_LINK_ACCEPTED, pages);
	roc_sim_cru_dw_add(sep, ROC_SIM_CRU_DW_TOTAL_PACKETS, pages);
	cd->window_pkts += pages;
}

/* A page of link @l was dropped: rejected if flow control allows it. */
static void roc_sim_cru_reject(struct roc_sim_ep *sep, unsigned int l)
{
	if (roc_sim_cru_dma(sep)->ddg &&
	    (roc_sim_cru_dw_get(sep, ROC_SIM_CRU_DW_FLOW_CONTROL) &
	     ROC_SIM_CRU_DW_ALLOW_REJECT))
		roc_sim_cru_dw_add(sep, ROC_SIM_CRU_DW_LINK(l) +
				   ROC_SIM_CRU_DW_LINK_REJECTED, 1);
}

/* Packets per second over the last window (2.3, DW + 0x2C); lock held. */
void roc_sim_cru_dma_housekeeping(struct roc_sim_ep *sep, u64 now_ns)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	u64 rate;

	if (now_ns - cd->window_ns < ROC_SIM_RATE_WINDOW_NS)
		return;
	rate = div64_u64((u64)cd->window_pkts * NSEC_PER_SEC,
			 now_ns - cd->window_ns);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2,
			ROC_SIM_CRU_DWRAPPER(sep->index) +
			ROC_SIM_CRU_DW_PACKETS_PER_SEC,
			min_t(u64, rate, U32_MAX));
	cd->window_pkts = 0;
	cd->window_ns = now_ns;
}

/* Complete link @l's head superpage with @bytes written (3.4). */
static void roc_sim_cru_complete(struct roc_sim_ep *sep, unsigned int l,
				 u32 bytes)
{
	struct roc_sim_cru_link *link = &roc_sim_cru_dma(sep)->link[l];
	u32 tail;

	if (link->size_count < ROC_SIM_CRU_SIZE_DEPTH) {
		tail = (link->size_head + link->size_count) %
		       ROC_SIM_CRU_SIZE_DEPTH;
		link->sizes[tail] = bytes | (u32)link->size_index << 24;
		link->size_count++;
	} else {
		sep->dma.size_fifo_overflows++;
	}
	link->size_index++;
	roc_sim_cru_bar0_inc(sep, ROC_SIM_CRU_SP_COUNT(l));

	link->desc_head = (link->desc_head + 1) % ROC_SIM_CRU_SP_DESCRIPTORS;
	link->desc_count--;
	link->written = 0;
	sep->dma.superpages++;
}

/* Describe the next page of link @l, whose superpage is @desc. */
static void roc_sim_cru_page(struct roc_sim_ep *sep, unsigned int l,
			     const struct roc_sim_cru_desc *desc,
			     struct roc_sim_page *pg)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	struct roc_sim_cru_link *link = &cd->link[l];
	struct roc_sim_rdh *rdh = &pg->rdh;
	u32 bsp = roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2,
				  ROC_SIM_CRU_USER_CONTROL);
	u32 ids = roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2,
				  ROC_SIM_CRU_VIRTUAL_LINKS_IDS);

	memset(pg, 0, sizeof(*pg));
	pg->counter = link->counter;
	if (!cd->ddg) {
		pg->fmt = ROC_SIM_FMT_A;
		return;
	}
	pg->fmt = ROC_SIM_FMT_B;
	rdh->fee_id = l;
	rdh->source_id = (ids >> 16) & 0xff;
	rdh->link_id = l;
	rdh->packet_counter = link->packet_counter;
	rdh->cru_id = ((bsp >> 16) & 0xfff) | sep->index << 12;
	rdh->orbit = link->orbit;
	rdh->trigger_type = (link->sox ? ROC_SIM_CRU_SOX : 0) |
			    roc_sim_cru_ttc_trigger_type(sep);
	rdh->page_cnt = link->written / ROC_SIM_DMA_PAGE;
	rdh->stop = link->written + ROC_SIM_DMA_PAGE >= desc->bytes;
}

/*
 * Fill the next page of link @l (or, with no_data, up to @credit pages
 * without writing them) and complete the superpage when it is full.
 */
static void roc_sim_cru_fill(struct roc_sim_ep *sep, unsigned int l,
			     u64 credit)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	struct roc_sim_cru_link *link = &cd->link[l];
	struct roc_sim_cru_desc *desc = &link->desc[link->desc_head];
	struct roc_sim_page pg;
	u32 pages = 1;

	if (!link->written)
		link->orbit = link->next_orbit++;
	if (roc_sim_dma_no_data(sep)) {
		pages = (desc->bytes - link->written) / ROC_SIM_DMA_PAGE;
		pages = min_t(u64, pages, credit);
	} else {
		roc_sim_cru_page(sep, l, desc, &pg);
		roc_sim_dma_write_page(sep, desc->addr + link->written, &pg);
	}
	link->counter += pages *
			 roc_sim_page_words(cd->ddg ? ROC_SIM_FMT_B :
						      ROC_SIM_FMT_A);
	link->packet_counter += pages;
	link->sox = false;
	link->written += pages * ROC_SIM_DMA_PAGE;
	roc_sim_dma_consume(sep, pages);
	sep->dma.pages_written += pages;
	roc_sim_cru_accept(sep, l, pages);
	if (link->written >= desc->bytes)
		roc_sim_cru_complete(sep, l, link->written);
}

/* Link @l has data to send and no descriptor (0x880, 3.5). */
static void roc_sim_cru_starve(struct roc_sim_ep *sep, unsigned int l)
{
	struct roc_sim_cru_link *link = &roc_sim_cru_dma(sep)->link[l];

	if (link->fed && !link->starved) {
		link->starved = true;
		roc_sim_cru_bar0_inc(sep, ROC_SIM_CRU_SP_FIFO_EMPTY(l));
	}
}

void roc_sim_cru_dma_drop(struct roc_sim_ep *sep, u64 pages)
{
	u32 off = ROC_SIM_CRU_DWRAPPER(sep->index) +
		  ROC_SIM_CRU_DW_DROPPED_PACKETS;

	if (!roc_sim_cru_dma(sep)->links)
		return;
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, off,
			roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2, off) +
			(u32)pages);
}

/*
 * One page on the next link in round-robin order that has a descriptor.
 * With a line rate, the links without one that come first in the order
 * drop their page.  When no link has a descriptor, the engine goes idle
 * at once: no waking up per page just to drop it.
 */
enum roc_sim_step roc_sim_cru_dma_step(struct roc_sim_ep *sep)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	unsigned int i, l, start = cd->rr;
	bool any = false;
	u32 links;
	u64 credit;

	if (!cd->running)
		return ROC_SIM_STEP_IDLE;
	links = roc_sim_cru_links(sep);
	for (l = 0; l < ROC_SIM_CRU_LINKS; l++) {
		if (!(links & BIT(l)))
			continue;
		if (cd->link[l].desc_count)
			any = true;
		else
			roc_sim_cru_starve(sep, l);
	}
	if (!any)
		return roc_sim_dma_idle(sep);

	credit = roc_sim_dma_credit(sep);
	/*
	 * No data and no line rate: nothing takes time, so every queued
	 * descriptor completes in this one hold of the lock, not one step
	 * (and one lock round trip) per superpage.
	 */
	if (credit == ROC_SIM_DMA_UNLIMITED && roc_sim_dma_no_data(sep)) {
		for (l = 0; l < ROC_SIM_CRU_LINKS; l++)
			while ((links & BIT(l)) && cd->link[l].desc_count)
				roc_sim_cru_fill(sep, l, credit);
		return ROC_SIM_STEP_BUSY;
	}
	for (i = 0; i < ROC_SIM_CRU_LINKS; i++) {
		l = (start + i) % ROC_SIM_CRU_LINKS;
		if (!(links & BIT(l)))
			continue;
		if (!credit)
			return roc_sim_dma_wait(sep);
		if (cd->link[l].desc_count) {
			roc_sim_cru_fill(sep, l, credit);
			cd->rr = l + 1;
			return ROC_SIM_STEP_BUSY;
		}
		if (credit != ROC_SIM_DMA_UNLIMITED) {
			/* this link's turn of the line rate: dropped */
			roc_sim_cru_dma_drop(sep, 1);
			roc_sim_cru_reject(sep, l);
			roc_sim_dma_consume(sep, 1);
			credit--;
			cd->rr = l + 1;
		}
	}
	return roc_sim_dma_idle(sep);
}

static void roc_sim_cru_start(struct roc_sim_ep *sep)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	u32 enable = roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2,
				     ROC_SIM_CRU_DWRAPPER(sep->index) +
				     ROC_SIM_CRU_DW_ENABLE);
	unsigned int l;

	if (cd->running || sep->dma.dead)
		return;
	cd->running = true;
	cd->links = enable & ROC_SIM_CRU_DW_LINKS;
	cd->ddg = !(roc_sim_reg_get(sep, ROC_SIM_CRU_BAR0,
				    ROC_SIM_CRU_DATA_SOURCE) &
		    ROC_SIM_CRU_SOURCE_INTERNAL);
	cd->rr = 0;
	for (l = 0; l < ROC_SIM_CRU_LINKS; l++) {
		cd->link[l].sox = true;
		cd->link[l].fed = false;
		cd->link[l].starved = false;
	}
	roc_sim_dma_gen_start(sep);
	roc_sim_dma_kick(sep);
}

/* Stop; with @flush, complete the superpages that have data (3.5). */
static void roc_sim_cru_stop(struct roc_sim_ep *sep, bool flush)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	struct roc_sim_cru_link *link;
	unsigned int l;

	if (cd->running)
		roc_sim_dma_gen_stop(sep);
	cd->running = false;
	for (l = 0; l < ROC_SIM_CRU_LINKS; l++) {
		link = &cd->link[l];
		if (flush && link->desc_count && link->written)
			roc_sim_cru_complete(sep, l, link->written);
		link->desc_head = 0;
		link->desc_count = 0;
		link->written = 0;
		link->starved = false;
	}
}

/* RESET_CONTROL: @dma resets the engine, else only the generator. */
static void roc_sim_cru_dma_reset(struct roc_sim_ep *sep, bool dma)
{
	struct roc_sim_cru_link *link;
	unsigned int l;

	if (dma) {
		roc_sim_cru_stop(sep, false);
		roc_sim_cru_bar0_set(sep, ROC_SIM_CRU_DMA_CONTROL, 0);
	}
	for (l = 0; l < ROC_SIM_CRU_LINKS; l++) {
		link = &roc_sim_cru_dma(sep)->link[l];
		link->counter = 0;
		link->packet_counter = 0;
		link->orbit = 0;
		link->next_orbit = 0;
		if (!dma)
			continue;
		link->size_head = 0;
		link->size_count = 0;
		link->size_index = 0;
		link->fed = false;
		roc_sim_cru_bar0_set(sep, ROC_SIM_CRU_SP_COUNT(l), 0);
		roc_sim_cru_bar0_set(sep, ROC_SIM_CRU_SP_SIZE(l), 0);
		roc_sim_cru_bar0_set(sep, ROC_SIM_CRU_SP_FIFO_EMPTY(l), 0);
	}
}

static void roc_sim_cru_commit(struct roc_sim_ep *sep, unsigned int l,
			       u32 pages)
{
	struct roc_sim_cru_dma *cd = roc_sim_cru_dma(sep);
	struct roc_sim_cru_link *link = &cd->link[l];
	struct roc_sim_cru_desc *desc;

	if (!pages || pages > ROC_SIM_CRU_MAX_PAGES ||
	    link->desc_count >= ROC_SIM_CRU_SP_DESCRIPTORS) {
		sep->dma.descriptors_dropped++;
		return;
	}
	desc = &link->desc[(link->desc_head + link->desc_count) %
			   ROC_SIM_CRU_SP_DESCRIPTORS];
	desc->addr = (u64)link->high << 32 | link->low;
	desc->bytes = pages * ROC_SIM_DMA_PAGE;
	link->desc_count++;
	link->fed = true;
	link->starved = false;
	if (cd->running && (roc_sim_cru_links(sep) & BIT(l)))
		roc_sim_dma_kick(sep);
}

/* A write to the link registers 0x204..0x2FF: latch or commit. */
static void roc_sim_cru_link_write(struct roc_sim_ep *sep, u32 off, u32 val)
{
	unsigned int l = (off - ROC_SIM_CRU_LINK_REGS) / 0x10;
	struct roc_sim_cru_link *link = &roc_sim_cru_dma(sep)->link[l];

	switch (off & 0xf) {
	case ROC_SIM_CRU_LINK_HIGH:
		link->high = val;
		break;
	case ROC_SIM_CRU_LINK_LOW:
		link->low = val;
		break;
	case ROC_SIM_CRU_LINK_PAGES:
		roc_sim_cru_commit(sep, l, val);
		break;
	}
}

/* The registers at 0x800..0x8BF: counts are read-only, 0x840 pops. */
static void roc_sim_cru_sp_write(struct roc_sim_ep *sep, u32 off)
{
	struct roc_sim_cru_link *link;
	unsigned int l;

	if (off < ROC_SIM_CRU_SP_SIZE(0) ||
	    off >= ROC_SIM_CRU_SP_FIFO_EMPTY(0))
		return;
	l = (off - ROC_SIM_CRU_SP_SIZE(0)) / 4;
	link = &roc_sim_cru_dma(sep)->link[l];
	if (!link->size_count)
		return;
	roc_sim_cru_bar0_set(sep, off, link->sizes[link->size_head]);
	link->size_head = (link->size_head + 1) % ROC_SIM_CRU_SIZE_DEPTH;
	link->size_count--;
}

/**
 * roc_sim_cru_dma_write() - a register write the DMA engine handles
 * @sep: endpoint, lock held
 * @bar: BAR
 * @off: register
 * @val: value
 *
 * Return: true if the engine took the write (the register model does
 * nothing more with it), false if it is an ordinary register.
 */
bool roc_sim_cru_dma_write(struct roc_sim_ep *sep, unsigned int bar, u32 off,
			   u32 val)
{
	if (bar != ROC_SIM_CRU_BAR0)
		return false;

	if (off > ROC_SIM_CRU_DMA_CONTROL &&
	    off < ROC_SIM_CRU_LINK_REGS + 0x10 * ROC_SIM_CRU_LINKS &&
	    (off & 0xf)) {
		roc_sim_cru_link_write(sep, off, val);
		return true;
	}
	if (off >= ROC_SIM_CRU_SP_COUNT(0) && off < ROC_SIM_CRU_SP_REGS_END) {
		roc_sim_cru_sp_write(sep, off);
		return true;
	}

	switch (off) {
	case ROC_SIM_CRU_DMA_CONTROL:
		roc_sim_cru_bar0_set(sep, off, val);
		if (val & ROC_SIM_CRU_DMA_FLUSH)
			roc_sim_cru_stop(sep, true);
		else if (val & ROC_SIM_CRU_DMA_START)
			roc_sim_cru_start(sep);
		return true;
	case ROC_SIM_CRU_RESET_CONTROL:
		roc_sim_cru_bar0_set(sep, off, val);
		if (val & (ROC_SIM_CRU_RESET_DMA | ROC_SIM_CRU_RESET_DG))
			roc_sim_cru_dma_reset(sep, val & ROC_SIM_CRU_RESET_DMA);
		return true;
	case ROC_SIM_CRU_INJECT_ERROR:
		roc_sim_cru_bar0_set(sep, off, val);
		if (val == 0x1)
			sep->dma.inject_error = true;
		return true;
	}
	return false;
}

int roc_sim_cru_dma_init(struct roc_sim_ep *sep)
{
	struct roc_sim_cru_dma *cd = kvzalloc(sizeof(*cd), GFP_KERNEL);

	sep->dma.priv = cd;
	return cd ? 0 : -ENOMEM;
}

void roc_sim_cru_dma_exit(struct roc_sim_ep *sep)
{
	kvfree(sep->dma.priv);
	sep->dma.priv = NULL;
}

void roc_sim_cru_dma_kill(struct roc_sim_ep *sep)
{
	roc_sim_cru_stop(sep, false);
}
