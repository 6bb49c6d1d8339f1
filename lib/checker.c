// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - checker of the data patterns of the cards' generators
 * (docs/hardware.md 12.2, 12.3).
 *
 * Data is checked in 8 KiB pages.  A bad page counts as one error and the
 * link's counter resyncs from the page's last 32-byte word, so one flipped
 * word is one error and a counter jump is one error.
 *
 * Two paths give the same result.  The stream runs over as many whole
 * pages as are entirely correct: the expected payload stays in vector
 * registers and advances by a constant per 64 bytes (the counter runs on
 * across pages; the RDH in between gets a few scalar compares), the
 * differences are only ORed, and each page ends with one test.  It stops
 * at the first page that is not entirely correct.  That page goes through
 * the scalar page check, which records the first bad word (or the RDH
 * field) and resyncs, and the stream resumes after it.  The scalar page
 * check also takes a link's first page (the counter is anchored from the
 * data) and a partial last page.
 *
 * The stream comes in three widths, chosen once per process: AVX2
 * (32-byte vectors) where the CPU and the OS have it, else 16-byte vectors
 * (SSE2, which every x86-64 has; the compiler's generic vectors
 * elsewhere), or plain scalar C ("generic").  ROC_CHECKER_ISA=generic,
 * sse2 or avx2 in the environment forces one if the CPU can run it.  Each
 * vector type is used only inside functions compiled for its width, so
 * nothing is spilled to the stack or passed across an ABI boundary.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define RDH_LEN 64
#define PAGE ROC_CHECK_PAGE_SIZE
#define PAYLOAD_WORDS ((PAGE - RDH_LEN) / 32)	/* 254 32-byte words */
#define STEP 64					/* bytes per stream step */
/*
 * The stream asks for the data this far ahead (a prefetch never faults,
 * past the end neither).  Measured on an AMD EPYC guest, 256 MiB: the DDG
 * and C-RORC streams ran at 0.86-0.88 x a read pass without it (why the
 * formats with an RDH in each page suffer was not found), 1.13-1.14 x
 * with it; the CRU stream and data in L3 are the same either way.
 */
#define PREFETCH 4096

struct roc_check_link {
	uint32_t counter;	/* next payload counter */
	uint32_t packet;	/* next RDH packet counter */
	bool started;		/* counter anchored */
	bool pkt_started;
};

/*
 * Where a stream starts and what it carries from page to page; the stream
 * advances it over the pages it found correct.
 */
struct roc_stream {
	uint32_t counter;	/* payload counter at the first page */
	uint32_t packet;	/* next RDH packet counter (low 8 bits) */
	unsigned int link;
};

/* Checks up to @npages whole pages; returns how many were correct. */
typedef size_t roc_stream_fn(enum roc_check_format f, struct roc_stream *s,
			     const uint8_t *p, size_t npages);

struct roc_checker {
	enum roc_check_format format;
	enum roc_check_mode mode;
	roc_stream_fn *stream;
	uint64_t errors;
	uint64_t bytes;
	size_t max_record;
	size_t nr_record;
	struct roc_check_error *rec;
	struct roc_check_link link[ROC_CHECK_MAX_LINKS];
};

/*
 * A format as 64-byte steps of payload.  With the counter c at the start
 * of the payload, 32-bit word k of the payload is
 *	(c + (k / 16) * inc + off[k % 16]) & mask[k % 16]
 * so that a step is the previous one plus inc in every lane, masked.
 */
struct roc_format_step {
	uint32_t off[16];
	uint32_t mask[16];
	uint32_t inc;		/* counter advance per 64 bytes */
	uint32_t hdr;		/* payload offset in a page */
	uint32_t per_page;	/* counter advance per page */
};

#define M16 0xffffu
static const struct roc_format_step roc_steps[] = {
	/* 32 bytes of the counter, the counter +1 per 32 bytes */
	[ROC_CHECK_FORMAT_CRU_INTERNAL] = {
		.off = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 },
		.mask = { ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u,
			  ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u },
		.inc = 2, .hdr = 0, .per_page = PAGE / 32,
	},
	/* per 16 bytes: c, c, c & 0xffff, 0; the counter +1 per 16 bytes */
	[ROC_CHECK_FORMAT_DDG] = {
		.off = { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 },
		.mask = { ~0u, ~0u, M16, 0, ~0u, ~0u, M16, 0,
			  ~0u, ~0u, M16, 0, ~0u, ~0u, M16, 0 },
		.inc = 4, .hdr = RDH_LEN, .per_page = (PAGE - RDH_LEN) / 16,
	},
	/* the counter +1 per 32-bit word */
	[ROC_CHECK_FORMAT_CRORC] = {
		.off = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
		.mask = { ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u,
			  ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u },
		.inc = 16, .hdr = RDH_LEN, .per_page = (PAGE - RDH_LEN) / 4,
	},
};
#undef M16

static inline uint32_t roc_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Expected 32-bit word @k of a payload that starts at counter @c. */
static inline uint32_t roc_expect_word(const struct roc_format_step *fs,
				       uint32_t c, size_t k)
{
	return (c + (uint32_t)(k / 16) * fs->inc + fs->off[k % 16]) &
	       fs->mask[k % 16];
}

/* Counter advance per 32-byte word. */
static inline uint32_t roc_per_vec(enum roc_check_format f)
{
	return roc_steps[f].inc / 2;
}

/*
 * First of @nwords 32-bit words at @p that differs from the pattern from
 * counter @c (its expected value in *@exp), or -1 if none.
 */
static long roc_first_bad(const struct roc_format_step *fs, const uint8_t *p,
			  size_t nwords, uint32_t c, uint32_t *exp)
{
	size_t k;

	for (k = 0; k < nwords; k++) {
		uint32_t want = roc_expect_word(fs, c, k);

		if (roc_get32(p + k * 4) != want) {
			*exp = want;
			return (long)k;
		}
	}
	return -1;
}

/* An RDH of 12.3 with nothing to report, link @link, packet @packet. */
static inline bool roc_rdh_good(const uint8_t *p, unsigned int link,
				uint32_t packet)
{
	uint32_t memsize = p[10] | (uint32_t)p[11] << 8;

	return p[0] == 7 && p[1] == RDH_LEN && p[12] == link &&
	       memsize >= RDH_LEN && memsize <= PAGE &&
	       p[13] == (packet & 0xff);
}

/* The stream in scalar C: the reference the vector streams must match. */
static size_t roc_stream_generic(enum roc_check_format f, struct roc_stream *s,
				 const uint8_t *p, size_t npages)
{
	const struct roc_format_step *fs = &roc_steps[f];
	uint32_t exp;
	size_t pg;

	for (pg = 0; pg < npages; pg++, p += PAGE) {
		if (fs->hdr && !roc_rdh_good(p, s->link, s->packet))
			break;
		if (roc_first_bad(fs, p + fs->hdr, (PAGE - fs->hdr) / 4,
				  s->counter, &exp) >= 0)
			break;
		s->counter += fs->per_page;
		if (fs->hdr)
			s->packet = p[13] + 1u;
	}
	return pg;
}

/*
 * The stream in vectors of type VT, in functions with attribute ATTR: a
 * 64-byte step is 64 / sizeof(VT) vectors, each with its own expected
 * value, set from the counter at the start of each page and advanced by
 * inc per step.  The DDG's third word (the counter's low half) must also
 * be masked, but only in a page where that half wraps (one in 129), so
 * the other pages take the loop without the mask.  The format is a
 * constant in each copy, so its table folds into immediates.
 */
#define ROC_STREAM_STEPS(VT, MASKED)				\
	for (i = 0; i < (PAGE - fs->hdr) / STEP; i++, q += STEP) {	\
		__builtin_prefetch((const void *)((uintptr_t)q + PREFETCH)); \
		_Pragma("GCC unroll 4")					\
		for (j = 0; j < NV; j++) {				\
			VT v;						\
									\
			memcpy(&v, q + j * sizeof(v), sizeof(v));	\
			acc[j & 1] |= v ^ e[j];				\
			e[j] += inc;					\
			if (MASKED)					\
				e[j] &= mask[j];			\
		}							\
	}

#define ROC_DEFINE_STREAM(NAME, VT, ATTR)				\
static ATTR __attribute__((always_inline)) inline size_t		\
NAME##_format(const enum roc_check_format f, struct roc_stream *s,	\
	      const uint8_t *p, size_t npages)				\
{									\
	enum { NV = STEP / sizeof(VT), LANES = sizeof(VT) / 4 };	\
	const struct roc_format_step *fs = &roc_steps[f];		\
	VT e[NV], off[NV], mask[NV], inc, acc[2];			\
	uint64_t red[sizeof(VT) / 8];					\
	uint32_t counter = s->counter;					\
	size_t pg, i, j;						\
									\
	_Pragma("GCC unroll 4")						\
	for (j = 0; j < NV; j++) {					\
		memcpy(&off[j], fs->off + j * LANES, sizeof(off[j]));	\
		memcpy(&mask[j], fs->mask + j * LANES, sizeof(mask[j])); \
	}								\
	/* the same in every vector: 4 lanes repeat; 0 where masked to 0 */ \
	inc = ((VT){ 0 } + fs->inc) & mask[0];				\
	for (pg = 0; pg < npages; pg++, p += PAGE) {			\
		const uint8_t *q = p + fs->hdr;				\
									\
		if (fs->hdr && !roc_rdh_good(p, s->link, s->packet))	\
			break;						\
		_Pragma("GCC unroll 4")					\
		for (j = 0; j < NV; j++)				\
			e[j] = ((VT){ 0 } + counter + off[j]) & mask[j]; \
		acc[0] = acc[1] = (VT){ 0 };				\
		if (f != ROC_CHECK_FORMAT_DDG ||				\
		    (counter & 0xffff) + fs->per_page <= 0x10000) {	\
			ROC_STREAM_STEPS(VT, 0)			\
		} else {						\
			ROC_STREAM_STEPS(VT, 1)			\
		}							\
		acc[0] |= acc[1];					\
		memcpy(red, &acc[0], sizeof(red));			\
		for (j = 1; j < ROC_ARRAY_SIZE(red); j++)		\
			red[0] |= red[j];				\
		if (red[0])						\
			break;						\
		counter += fs->per_page;				\
		if (fs->hdr)						\
			s->packet = p[13] + 1u;				\
	}								\
	s->counter = counter;						\
	return pg;							\
}									\
									\
static ATTR size_t NAME(enum roc_check_format f, struct roc_stream *s,	\
			const uint8_t *p, size_t npages)		\
{									\
	switch (f) {							\
	case ROC_CHECK_FORMAT_CRU_INTERNAL:					\
		return NAME##_format(ROC_CHECK_FORMAT_CRU_INTERNAL, s, p, npages); \
	case ROC_CHECK_FORMAT_DDG:						\
		return NAME##_format(ROC_CHECK_FORMAT_DDG, s, p, npages);	\
	default:							\
		return NAME##_format(ROC_CHECK_FORMAT_CRORC, s, p, npages);	\
	}								\
}

typedef uint32_t roc_v4 __attribute__((vector_size(16)));
ROC_DEFINE_STREAM(roc_stream_v16, roc_v4, )

#if defined(__x86_64__) && defined(__GNUC__)
#define ROC_HAVE_AVX2 1
/* Only inside the avx2 functions; none is passed to other code. */
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
typedef uint32_t roc_v8 __attribute__((vector_size(32)));
ROC_DEFINE_STREAM(roc_stream_avx2, roc_v8, __attribute__((target("avx2"))))

static bool roc_cpu_avx2(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2");
}
#endif

struct roc_isa {
	const char *name;
	roc_stream_fn *stream;
	bool (*usable)(void);	/* NULL: always */
};

/* Narrowest first: the last one the CPU can run is the default. */
static const struct roc_isa roc_isas[] = {
	{ "generic", roc_stream_generic, NULL },
#if defined(__x86_64__)
	{ "sse2", roc_stream_v16, NULL },
#else
	{ "vector", roc_stream_v16, NULL },
#endif
#ifdef ROC_HAVE_AVX2
	{ "avx2", roc_stream_avx2, roc_cpu_avx2 },
#endif
};

/* Index into roc_isas of the chosen one; -1 until chosen. */
static int roc_isa_chosen = -1;

static bool roc_isa_usable(size_t i)
{
	return !roc_isas[i].usable || roc_isas[i].usable();
}

/* ROC_CHECKER_ISA if the CPU can run it, else the widest it can. */
static int roc_isa_choose(void)
{
	const char *want = getenv("ROC_CHECKER_ISA");
	size_t i, best = 0;

	for (i = 0; i < ROC_ARRAY_SIZE(roc_isas); i++) {
		if (!roc_isa_usable(i))
			continue;
		if (want && !strcmp(want, roc_isas[i].name))
			return (int)i;
		best = i;
	}
	return (int)best;
}

static const struct roc_isa *roc_isa_get(void)
{
	int i = __atomic_load_n(&roc_isa_chosen, __ATOMIC_ACQUIRE);

	if (i < 0) {
		/* a race only chooses the same twice */
		i = roc_isa_choose();
		__atomic_store_n(&roc_isa_chosen, i, __ATOMIC_RELEASE);
	}
	return &roc_isas[i];
}

/*
 * Internal hooks (not exported) for the unit test: force the stream of
 * checkers made from now on by name (-EINVAL unknown, -ENODEV not on this
 * CPU), or with NULL choose again as at start; the name in use.
 */
int roc_checker_set_isa(const char *name);
const char *roc_checker_isa(void);

int roc_checker_set_isa(const char *name)
{
	size_t i;

	if (!name) {
		__atomic_store_n(&roc_isa_chosen, roc_isa_choose(),
				 __ATOMIC_RELEASE);
		return 0;
	}
	for (i = 0; i < ROC_ARRAY_SIZE(roc_isas); i++) {
		if (strcmp(name, roc_isas[i].name))
			continue;
		if (!roc_isa_usable(i))
			return -ENODEV;
		__atomic_store_n(&roc_isa_chosen, (int)i, __ATOMIC_RELEASE);
		return 0;
	}
	return -EINVAL;
}

const char *roc_checker_isa(void)
{
	return roc_isa_get()->name;
}

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
	c->stream = roc_isa_get()->stream;
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

/*
 * Number of the 8 words of the 32-byte word at @v that differ from the
 * pattern from counter @c.
 */
static int roc_vec_mismatches(enum roc_check_format f, const uint8_t *v,
			      uint32_t c)
{
	int j, bad = 0;

	for (j = 0; j < 8; j++)
		bad += roc_get32(v + j * 4) != roc_expect_word(&roc_steps[f], c, j);
	return bad;
}

/*
 * Check @n 32-byte words of payload at @p (byte @off of the data) against
 * the link's counter; one error if any word differs, then resync.
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
		ls->counter = roc_get32(p);
		ls->started = true;
	}
	bad = roc_first_bad(&roc_steps[f], p, n * 8, ls->counter, &exp);
	if (bad < 0) {
		ls->counter += (uint32_t)n * roc_per_vec(f);
		return 0;
	}
	roc_check_fail(c, link, tag, off + (uint64_t)bad * 4, exp,
		       roc_get32(p + bad * 4),
		       f == ROC_CHECK_FORMAT_CRU_INTERNAL ? "counter" : "payload");
	/*
	 * Resync: keep the expected counter if the last word agrees with it
	 * but for at most one 32-bit word (a flipped word), else take the
	 * counter from the data.
	 */
	{
		uint32_t end = ls->counter + (uint32_t)n * roc_per_vec(f);
		const uint8_t *last = p + (n - 1) * 32;

		if (roc_vec_mismatches(f, last, end - roc_per_vec(f)) <= 1)
			ls->counter = end;
		else
			ls->counter = roc_get32(last) + roc_per_vec(f);
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

/*
 * Full check of the page at @p (byte @off of the data, @left bytes from
 * there to the end of the data), one 32-byte word at a time.
 */
static int roc_check_page(struct roc_checker *c, unsigned int link,
			  const uint8_t *p, size_t left, uint64_t off,
			  uint64_t tag)
{
	int errs;

	if (c->format == ROC_CHECK_FORMAT_CRU_INTERNAL) {
		size_t n = left / 32;

		if (n > PAGE / 32)
			n = PAGE / 32;
		return roc_check_payload(c, link, p, n, off, tag);
	}
	errs = roc_check_rdh(c, link, p, off, tag);
	return errs + roc_check_payload(c, link, p + RDH_LEN, PAYLOAD_WORDS,
					off + RDH_LEN, tag);
}

ROC_API int roc_checker_check(struct roc_checker *c, unsigned int link,
			      const void *data, size_t bytes, uint64_t tag)
{
	const uint8_t *p = data;
	struct roc_check_link *ls;
	size_t off, min;
	int errs = 0;

	if (link >= ROC_CHECK_MAX_LINKS)
		return roc_err(-EINVAL, "data checker: link %u out of range (0-%d)",
			       link, ROC_CHECK_MAX_LINKS - 1);
	c->bytes += bytes;
	if (c->mode == ROC_CHECK_MODE_OFF)
		return 0;
	ls = &c->link[link];

	if (c->mode == ROC_CHECK_MODE_FAST) {
		for (off = 0; c->format == ROC_CHECK_FORMAT_CRU_INTERNAL &&
			      off + 32 <= bytes; off += PAGE) {
			size_t n = (bytes - off) / 32;

			if (n > PAGE / 32)
				n = PAGE / 32;
			/* first word of the page only */
			if (ls->started &&
			    roc_vec_mismatches(c->format, p + off, ls->counter)) {
				roc_check_fail(c, link, tag, off, ls->counter,
					       roc_get32(p + off), "counter");
				errs++;
			}
			ls->started = true;
			ls->counter = roc_get32(p + off) + (uint32_t)n;
		}
		for (off = 0; c->format != ROC_CHECK_FORMAT_CRU_INTERNAL &&
			      off + PAGE <= bytes; off += PAGE)
			errs += roc_check_rdh(c, link, p + off, off, tag);
		return errs;
	}

	/* the stream as far as it goes, a page by itself where it stops */
	min = c->format == ROC_CHECK_FORMAT_CRU_INTERNAL ? 32 : PAGE;
	for (off = 0; off < bytes;) {
		size_t full = (bytes - off) / PAGE;

		if (full && ls->started &&
		    (ls->pkt_started || c->format == ROC_CHECK_FORMAT_CRU_INTERNAL)) {
			struct roc_stream s = {
				.counter = ls->counter, .packet = ls->packet,
				.link = link,
			};
			size_t good = c->stream(c->format, &s, p + off, full);

			ls->counter = s.counter;
			ls->packet = s.packet;
			off += good * PAGE;
			if (good == full)
				continue;
		}
		if (bytes - off < min)
			break;
		errs += roc_check_page(c, link, p + off, bytes - off, off, tag);
		off += PAGE;
	}
	return errs;
}
