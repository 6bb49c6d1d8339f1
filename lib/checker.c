// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - checker of the data patterns of the cards' generators
 * (HARDWARE.md 12.2, 12.3).
 *
 * Data is checked in 8 KiB pages.  The fast path compares each page
 * against expected 32-byte vectors (GCC vector extensions: two SSE or one
 * AVX compare per word) and only ORs the differences; a page that differs
 * is walked again word by word to record the first bad word.  A bad page
 * counts as one error and the link's counter resyncs from the page's last
 * word, so one flipped word is one error and a counter jump is one error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The vectors never cross a non-static function: no ABI question. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

typedef uint32_t roc_v8 __attribute__((vector_size(32)));

#define RDH_LEN 64
#define PAGE ROC_CHECK_PAGE_SIZE
#define PAYLOAD_WORDS ((PAGE - RDH_LEN) / 32)	/* 254 vectors */

struct roc_check_link {
	uint32_t counter;	/* next payload counter */
	uint32_t packet;	/* next RDH packet counter */
	bool started;		/* counter anchored */
	bool pkt_started;
};

struct roc_checker {
	enum roc_check_format format;
	enum roc_check_mode mode;
	uint64_t errors;
	uint64_t bytes;
	size_t max_record;
	size_t nr_record;
	struct roc_check_error *rec;
	struct roc_check_link link[ROC_CHECK_MAX_LINKS];
};

static const char *const roc_format_names[] = {
	[ROC_CHECK_FORMAT_CRU_INTERNAL] = "cru-internal",
	[ROC_CHECK_FORMAT_DDG] = "ddg",
	[ROC_CHECK_FORMAT_CRORC] = "crorc",
};

ROC_API const char *roc_check_format_name(enum roc_check_format format)
{
	if ((unsigned int)format >= ROC_ARRAY_SIZE(roc_format_names))
		return NULL;
	return roc_format_names[format];
}

ROC_API int roc_checker_new(enum roc_check_format format,
			    enum roc_check_mode mode, size_t max_record,
			    struct roc_checker **chkp)
{
	struct roc_checker *c;

	*chkp = NULL;
	if ((unsigned int)format > ROC_CHECK_FORMAT_CRORC ||
	    (unsigned int)mode > ROC_CHECK_MODE_OFF)
		return roc_err(-EINVAL, "bad checker format %d or mode %d",
			       (int)format, (int)mode);
	c = calloc(1, sizeof(*c));
	if (!c)
		return roc_err(-ENOMEM, "out of memory");
	if (max_record) {
		c->rec = calloc(max_record, sizeof(*c->rec));
		if (!c->rec) {
			free(c);
			return roc_err(-ENOMEM, "out of memory");
		}
	}
	c->format = format;
	c->mode = mode;
	c->max_record = max_record;
	*chkp = c;
	return 0;
}

ROC_API void roc_checker_free(struct roc_checker *c)
{
	if (!c)
		return;
	free(c->rec);
	free(c);
}

ROC_API void roc_checker_reset(struct roc_checker *c)
{
	memset(c->link, 0, sizeof(c->link));
	c->errors = 0;
	c->bytes = 0;
	c->nr_record = 0;
}

ROC_API uint64_t roc_checker_get_errors(const struct roc_checker *c)
{
	return c->errors;
}

ROC_API uint64_t roc_checker_get_bytes(const struct roc_checker *c)
{
	return c->bytes;
}

ROC_API size_t roc_checker_get_num_recorded(const struct roc_checker *c)
{
	return c->nr_record;
}

ROC_API const struct roc_check_error *
roc_checker_get_error(const struct roc_checker *c, size_t i)
{
	return i < c->nr_record ? &c->rec[i] : NULL;
}

static void roc_check_fail(struct roc_checker *c, unsigned int link,
			   uint64_t tag, uint64_t offset, uint32_t expected,
			   uint32_t got, const char *what)
{
	c->errors++;
	if (c->nr_record < c->max_record)
		c->rec[c->nr_record++] = (struct roc_check_error){
			.size = sizeof(struct roc_check_error),
			.tag = tag, .offset = offset, .link = link,
			.expected = expected, .got = got, .what = what,
		};
}

static inline roc_v8 roc_load(const uint8_t *p)
{
	roc_v8 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t roc_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline bool roc_v8_zero(roc_v8 v)
{
	uint32_t r = 0;
	int i;

	for (i = 0; i < 8; i++)
		r |= v[i];
	return !r;
}

/* Expected first vector and per-vector increment of a format. */
static inline void roc_expect(enum roc_check_format f, uint32_t c,
			      roc_v8 *e, roc_v8 *inc)
{
	switch (f) {
	case ROC_CHECK_FORMAT_CRU_INTERNAL:
		*e = (roc_v8){ c, c, c, c, c, c, c, c };
		*inc = (roc_v8){ 1, 1, 1, 1, 1, 1, 1, 1 };
		break;
	case ROC_CHECK_FORMAT_DDG:
		*e = (roc_v8){ c, c, c & 0xffff, 0,
			       c + 1, c + 1, (c + 1) & 0xffff, 0 };
		*inc = (roc_v8){ 2, 2, 2, 0, 2, 2, 2, 0 };
		break;
	default:
		*e = (roc_v8){ c, c + 1, c + 2, c + 3, c + 4, c + 5, c + 6,
			       c + 7 };
		*inc = (roc_v8){ 8, 8, 8, 8, 8, 8, 8, 8 };
	}
}

/* Counter advance per 32-byte vector. */
static inline uint32_t roc_per_vec(enum roc_check_format f)
{
	return f == ROC_CHECK_FORMAT_CRU_INTERNAL ? 1 : f == ROC_CHECK_FORMAT_DDG ? 2 : 8;
}

/* Counter at the first word of a vector, from the data. */
static inline uint32_t roc_counter_of(const uint8_t *v)
{
	return roc_get32(v);
}

/* Number of 32-bit words of the vector at @v that differ from counter @c. */
static int roc_vec_mismatches(enum roc_check_format f, const uint8_t *v,
			      uint32_t c)
{
	roc_v8 e, inc;
	int j, bad = 0;

	roc_expect(f, c, &e, &inc);
	for (j = 0; j < 8; j++) {
		uint32_t want = e[j];

		if (f == ROC_CHECK_FORMAT_DDG && (j & 3) == 2)
			want &= 0xffff;
		bad += roc_get32(v + j * 4) != want;
	}
	return bad;
}

static const uint32_t roc_ddg_mask[8] = { ~0u, ~0u, 0xffff, ~0u,
					  ~0u, ~0u, 0xffff, ~0u };

/*
 * Compare @n vectors at @p with the pattern from counter @ctr.  Returns
 * true if all match.  Vectorized: no branch in the loop.
 */
static bool roc_payload_ok(enum roc_check_format f, const uint8_t *p,
			   size_t n, uint32_t ctr)
{
	roc_v8 e, inc, acc = { 0 }, mask;
	size_t i;

	roc_expect(f, ctr, &e, &inc);
	memcpy(&mask, roc_ddg_mask, sizeof(mask));
	if (f == ROC_CHECK_FORMAT_DDG) {
		/* lanes 2 and 6 hold c & 0xffff: low half compared to
		 * the counter, high half must be 0 */
		for (i = 0; i < n; i++) {
			roc_v8 v = roc_load(p + i * 32);

			acc |= ((v ^ e) & mask) | (v & ~mask);
			e += inc;
		}
	} else {
		for (i = 0; i < n; i++) {
			acc |= roc_load(p + i * 32) ^ e;
			e += inc;
		}
	}
	return roc_v8_zero(acc);
}

/* Slow path: first differing 32-bit word of @n vectors; -1 if none. */
static long roc_payload_first_bad(enum roc_check_format f, const uint8_t *p,
				  size_t n, uint32_t ctr, uint32_t *exp)
{
	roc_v8 e, inc;
	size_t i;
	int j;

	roc_expect(f, ctr, &e, &inc);
	for (i = 0; i < n; i++, e += inc)
		for (j = 0; j < 8; j++) {
			uint32_t want = e[j];

			if (f == ROC_CHECK_FORMAT_DDG && (j & 3) == 2)
				want &= 0xffff;
			if (roc_get32(p + i * 32 + j * 4) != want) {
				*exp = want;
				return (long)(i * 8 + j);
			}
		}
	return -1;
}

/*
 * Check @n vectors of payload at @p (byte @off of the data) against the
 * link's counter; one error if any word differs, then resync.
 */
static int roc_check_payload(struct roc_checker *c, unsigned int link,
			     const uint8_t *p, size_t n, uint64_t off,
			     uint64_t tag)
{
	struct roc_check_link *ls = &c->link[link];
	enum roc_check_format f = c->format;
	uint32_t exp = 0;
	long bad;

	if (!n)
		return 0;
	if (!ls->started) {
		ls->counter = roc_counter_of(p);
		ls->started = true;
	}
	if (roc_payload_ok(f, p, n, ls->counter)) {
		ls->counter += (uint32_t)n * roc_per_vec(f);
		return 0;
	}
	bad = roc_payload_first_bad(f, p, n, ls->counter, &exp);
	if (bad < 0) {		/* cannot happen; be safe */
		ls->counter += (uint32_t)n * roc_per_vec(f);
		return 0;
	}
	roc_check_fail(c, link, tag, off + (uint64_t)bad * 4, exp,
		       roc_get32(p + bad * 4),
		       f == ROC_CHECK_FORMAT_CRU_INTERNAL ? "counter" : "payload");
	/*
	 * Resync: keep the expected counter if the last vector agrees with it
	 * but for at most one word (a flipped word), else take the counter
	 * from the data.
	 */
	{
		uint32_t end = ls->counter + (uint32_t)n * roc_per_vec(f);
		const uint8_t *last = p + (n - 1) * 32;

		if (roc_vec_mismatches(f, last, end - roc_per_vec(f)) <= 1)
			ls->counter = end;
		else
			ls->counter = roc_counter_of(last) + roc_per_vec(f);
	}
	return 1;
}

/* RDH v7 checks of 12.3; returns the number of errors (0 or 1). */
static int roc_check_rdh(struct roc_checker *c, unsigned int link,
			 const uint8_t *p, uint64_t off, uint64_t tag)
{
	struct roc_check_link *ls = &c->link[link];
	uint32_t memsize = p[10] | (uint32_t)p[11] << 8;
	uint32_t pkt = p[13];
	int bad = 0;

	if (p[0] != 7 || p[1] != RDH_LEN) {
		roc_check_fail(c, link, tag, off, 7 | RDH_LEN << 8,
			       p[0] | (uint32_t)p[1] << 8, "RDH version/size");
		bad = 1;
	} else if (p[12] != link) {
		roc_check_fail(c, link, tag, off + 12, link, p[12], "RDH link");
		bad = 1;
	} else if (memsize < RDH_LEN || memsize > PAGE) {
		roc_check_fail(c, link, tag, off + 10, PAGE, memsize,
			       "RDH memory size");
		bad = 1;
	} else if (ls->pkt_started && pkt != (ls->packet & 0xff)) {
		roc_check_fail(c, link, tag, off + 13, ls->packet & 0xff, pkt,
			       "RDH packet counter");
		bad = 1;
	}
	ls->pkt_started = true;
	ls->packet = pkt + 1;	/* resync */
	return bad;
}

ROC_API int roc_checker_check(struct roc_checker *c, unsigned int link,
			      const void *data, size_t bytes, uint64_t tag)
{
	const uint8_t *p = data;
	size_t off;
	int errs = 0;

	if (link >= ROC_CHECK_MAX_LINKS)
		return roc_err(-EINVAL, "data checker: link %u out of range (0-%d)",
			       link, ROC_CHECK_MAX_LINKS - 1);
	c->bytes += bytes;
	if (c->mode == ROC_CHECK_MODE_OFF)
		return 0;

	if (c->format == ROC_CHECK_FORMAT_CRU_INTERNAL) {
		for (off = 0; off + 32 <= bytes; off += PAGE) {
			size_t n = (bytes - off) / 32;

			if (n > PAGE / 32)
				n = PAGE / 32;
			if (c->mode == ROC_CHECK_MODE_FAST) {
				/* first word of the page only */
				struct roc_check_link *ls = &c->link[link];

				if (ls->started && !roc_payload_ok(c->format, p + off, 1,
								   ls->counter)) {
					roc_check_fail(c, link, tag, off, ls->counter,
						       roc_get32(p + off), "counter");
					errs++;
				}
				ls->started = true;
				ls->counter = roc_get32(p + off) + (uint32_t)n;
				continue;
			}
			errs += roc_check_payload(c, link, p + off, n, off, tag);
		}
		return errs;
	}

	for (off = 0; off + PAGE <= bytes; off += PAGE) {
		int e = roc_check_rdh(c, link, p + off, off, tag);

		errs += e;
		if (c->mode == ROC_CHECK_MODE_FAST)
			continue;
		errs += roc_check_payload(c, link, p + off + RDH_LEN,
					  PAYLOAD_WORDS, off + RDH_LEN, tag);
	}
	return errs;
}
