/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pattern-gen.h - generators of the data patterns of docs/hardware.md 12.2
 * (CRU internal, DDG with RDH, C-RORC) in 8 KiB pages, for the checker's
 * unit test and the checker benchmark (bench/bench-checker.c).
 */
#ifndef ROC_PATTERN_GEN_H
#define ROC_PATTERN_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "libroc.h"

#define PAGE ROC_CHECK_PAGE_SIZE

struct gen {
	uint32_t counter;
	uint8_t packet;
};

static inline void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static inline void gen_rdh(uint8_t *p, unsigned int link, uint8_t pkt)
{
	memset(p, 0, 64);
	p[0] = 7;
	p[1] = 0x40;
	p[8] = PAGE & 0xff;
	p[9] = PAGE >> 8;
	p[10] = PAGE & 0xff;
	p[11] = PAGE >> 8;
	p[12] = link;
	p[13] = pkt;
}

/* Fill @bytes (a multiple of 8 KiB) with format @f of link @link. */
static inline void gen_fill(enum roc_check_format f, struct gen *g, unsigned int link,
		     uint8_t *buf, size_t bytes)
{
	size_t off, i;

	for (off = 0; off < bytes; off += PAGE) {
		uint8_t *p = buf + off;

		if (f == ROC_CHECK_FORMAT_CRU_INTERNAL) {
			for (i = 0; i < PAGE; i += 32, g->counter++)
				for (int j = 0; j < 8; j++)
					put32(p + i + j * 4, g->counter);
			continue;
		}
		gen_rdh(p, link, g->packet++);
		if (f == ROC_CHECK_FORMAT_DDG) {
			for (i = 64; i < PAGE; i += 16, g->counter++) {
				put32(p + i, g->counter);
				put32(p + i + 4, g->counter);
				put32(p + i + 8, g->counter & 0xffff);
				put32(p + i + 12, 0);
			}
		} else {
			for (i = 64; i < PAGE; i += 4)
				put32(p + i, g->counter++);
		}
	}
}

#endif /* ROC_PATTERN_GEN_H */
