// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the data the simulated cards generate (docs/hardware.md 12.2, 12.3).
 *
 * A DMA page is ROC_SIM_DMA_PAGE (8 KiB).  Three formats:
 *
 *   A      CRU internal PCIe generator: no header; every 32-byte word
 *          holds eight copies of a 32-bit counter, +1 per 32-byte word
 *          (256 per page).
 *   B      CRU detector data generator: a 64-byte RDH v7, then groups of
 *          four 32-bit words [c, c, c & 0xffff, 0], c +1 per group (508
 *          per page).
 *   C-RORC a 64-byte RDH v7, then a 32-bit counter +1 per word (2032 per
 *          page).
 *
 * The counters continue from page to page; the engines keep them.  All
 * words are little endian.
 *
 * RDH v7 as written (12.3; fields not listed are 0): byte 0 version 7,
 * byte 1 header size 0x40, bytes 2-3 FEE ID, byte 4 priority 0, byte 5
 * source ID, bytes 8-9 offsetToNext 0x2000, bytes 10-11 memorySize 0x2000,
 * byte 12 link ID, byte 13 packet counter, bytes 14-15 CRU ID | endpoint
 * << 12, bytes 16-19 bunch crossing 0, bytes 20-23 orbit, byte 24 data
 * format 0, bytes 32-35 trigger type, bytes 36-37 page count, byte 38 stop.
 *
 * Error injection: the 32-bit word at byte 64 of the page (the first
 * payload word after the RDH; in format A the first copy of the counter of
 * the third 32-byte word) has all its bits flipped (XOR 0xffffffff).
 */
#include <linux/bits.h>
#include <linux/kernel.h>

#include "sim.h"

#define ROC_SIM_RDH_LEN		64
#define ROC_SIM_RDH_VERSION	7
#define ROC_SIM_INJECT_OFF	64

/* One 32-bit value in both halves of a 64-bit word */
#define ROC_SIM_TWICE(c)	((u64)(u32)(c) * 0x100000001ULL)

u32 roc_sim_page_words(enum roc_sim_fmt fmt)
{
	switch (fmt) {
	case ROC_SIM_FMT_A:
		return ROC_SIM_DMA_PAGE / 32;
	case ROC_SIM_FMT_B:
		return (ROC_SIM_DMA_PAGE - ROC_SIM_RDH_LEN) / 16;
	default:
		return (ROC_SIM_DMA_PAGE - ROC_SIM_RDH_LEN) / 4;
	}
}

static void roc_sim_rdh_fill(__le64 *p, const struct roc_sim_rdh *r)
{
	p[0] = cpu_to_le64(ROC_SIM_RDH_VERSION | ROC_SIM_RDH_LEN << 8 |
			   (u64)r->fee_id << 16 | (u64)r->source_id << 40);
	p[1] = cpu_to_le64(ROC_SIM_DMA_PAGE | ROC_SIM_DMA_PAGE << 16 |
			   (u64)r->link_id << 32 |
			   (u64)r->packet_counter << 40 |
			   (u64)r->cru_id << 48);
	p[2] = cpu_to_le64((u64)r->orbit << 32);
	p[3] = 0;
	p[4] = cpu_to_le64(r->trigger_type | (u64)r->page_cnt << 32 |
			   (u64)r->stop << 48);
	p[5] = 0;
	p[6] = 0;
	p[7] = 0;
}

/* Format A from byte @off of the page: 32-byte words */
static void roc_sim_fill_a(__le64 *p, __le64 *end, u32 c)
{
	__le64 v;

	for (; p < end; p += 4, c++) {
		v = cpu_to_le64(ROC_SIM_TWICE(c));
		p[0] = v;
		p[1] = v;
		p[2] = v;
		p[3] = v;
	}
}

/* Format B payload: 16-byte groups [c, c, c & 0xffff, 0] */
static void roc_sim_fill_b(__le64 *p, __le64 *end, u32 c)
{
	for (; p < end; p += 2, c++) {
		p[0] = cpu_to_le64(ROC_SIM_TWICE(c));
		p[1] = cpu_to_le64(c & 0xffff);
	}
}

/* C-RORC payload: 32-bit words c, c + 1, ..., two per store */
static void roc_sim_fill_crorc(__le64 *p, __le64 *end, u32 c)
{
	for (; p < end; p++, c += 2)
		p[0] = cpu_to_le64(c | (u64)(u32)(c + 1) << 32);
}

/**
 * roc_sim_page_fill() - write part of a DMA page
 * @pg: the page
 * @dst: where byte @off of the page goes
 * @off: first byte, a multiple of 64
 * @len: bytes, a multiple of 64; @off + @len <= ROC_SIM_DMA_PAGE
 *
 * A page may be written in pieces (one per 4 KiB host page); the pieces
 * together are the same as the whole page written at once.
 */
void roc_sim_page_fill(const struct roc_sim_page *pg, void *dst, u32 off,
		       u32 len)
{
	__le64 *p = dst, *end = dst + len;
	u32 pos = off;

	if (pg->fmt == ROC_SIM_FMT_A) {
		roc_sim_fill_a(p, end, pg->counter + pos / 32);
	} else {
		if (!pos) {
			roc_sim_rdh_fill(p, &pg->rdh);
			p += ROC_SIM_RDH_LEN / sizeof(*p);
			pos = ROC_SIM_RDH_LEN;
		}
		pos -= ROC_SIM_RDH_LEN;
		if (pg->fmt == ROC_SIM_FMT_B)
			roc_sim_fill_b(p, end, pg->counter + pos / 16);
		else
			roc_sim_fill_crorc(p, end, pg->counter + pos / 4);
	}

	if (pg->inject && off <= ROC_SIM_INJECT_OFF &&
	    off + len > ROC_SIM_INJECT_OFF) {
		__le32 *w = dst + ROC_SIM_INJECT_OFF - off;

		*w = ~*w;
	}
}
