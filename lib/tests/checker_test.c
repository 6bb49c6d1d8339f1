// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * checker_test - the data checker on generated data of the three formats
 * (as roc_sim writes them, kernel/sim/pattern.c): correct data has no
 * error, a flipped word is exactly one error, a wrong RDH link and a
 * packet counter gap are one error each, the counters run on across
 * superpages per link.  All of it for each implementation of the stream
 * (lib/checker.c: generic, sse2, avx2, forced through an internal hook),
 * plus: a single flipped bit in every word of a page, and in every checked
 * RDH bit, is found; and every implementation records the same errors as
 * the scalar one on randomly damaged data.  A short benchmark (0.5 s per
 * format) prints the throughput of the full check as a TAP diagnostic; it
 * never fails on time.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../internal.h"
#include "tap.h"
#include "pattern-gen.h"

/* Internal hooks of lib/checker.c (not exported). */
int roc_checker_set_isa(const char *name);
const char *roc_checker_isa(void);

static const char *const isas[] = { "generic", "sse2", "avx2" };

/* "isa/format" for the test names. */
static const char *fname(enum roc_check_format f)
{
	static char name[64];

	snprintf(name, sizeof(name), "%s/%s", roc_checker_isa(),
		 roc_check_format_name(f));
	return name;
}

static void test_format(enum roc_check_format f)
{
	size_t sp = 32 * PAGE;	/* 256 KiB superpages */
	uint8_t *buf = malloc(sp);
	struct gen g[2] = { { .counter = 0xfffff000u }, { .counter = 7 } };
	struct roc_checker *c;
	const struct roc_check_error *e;
	int n, k, total;
	uint32_t w;

	if (roc_checker_new(f, ROC_CHECK_MODE_FULL, 16, &c) || !buf) {
		tap_ok(0, "%s: checker", fname(f));
		free(buf);
		return;
	}
	/* correct data of two interleaved links, counter wrapping at 2^32 */
	total = 0;
	for (k = 0; k < 6; k++) {
		gen_fill(f, &g[k & 1], k & 1, buf, sp);
		n = roc_checker_check(c, k & 1, buf, sp, k);
		total += n;
	}
	tap_ok(total == 0 && roc_checker_get_errors(c) == 0 &&
	       roc_checker_get_bytes(c) == 6 * sp,
	       "%s: correct data over 6 superpages, 2 links: %d errors",
	       fname(f), total);

	/* one flipped word in the middle of a page: exactly one error */
	gen_fill(f, &g[0], 0, buf, sp);
	memcpy(&w, buf + 5 * PAGE + 1000, 4);
	put32(buf + 5 * PAGE + 1000, ~w);
	n = roc_checker_check(c, 0, buf, sp, 100);
	e = roc_checker_get_error(c, 0);
	tap_ok(n == 1 && roc_checker_get_errors(c) == 1 && e &&
	       e->offset == 5 * PAGE + 1000 && e->got == ~w &&
	       e->expected == w && e->tag == 100 && e->link == 0,
	       "%s: one flipped word is one error at its offset (%d, offset %llu)",
	       fname(f), n, e ? (unsigned long long)e->offset : 0ULL);
	/* the next superpage is fine again */
	gen_fill(f, &g[0], 0, buf, sp);
	n = roc_checker_check(c, 0, buf, sp, 101);
	tap_ok(n == 0, "%s: resynced after the flipped word (%d)", fname(f), n);

	/* a flipped last word of a page: still one error */
	gen_fill(f, &g[1], 1, buf, sp);
	memcpy(&w, buf + PAGE - 4, 4);
	put32(buf + PAGE - 4, w ^ 1);
	n = roc_checker_check(c, 1, buf, sp, 102);
	tap_ok(n == 1, "%s: a flipped last word of a page is one error (%d)",
	       fname(f), n);

	/* a counter jump: one error, then resync */
	g[0].counter += 1000;
	gen_fill(f, &g[0], 0, buf, sp);
	n = roc_checker_check(c, 0, buf, sp, 103);
	tap_ok(n == 1, "%s: a counter jump is one error (%d)", fname(f), n);
	gen_fill(f, &g[0], 0, buf, sp);
	n = roc_checker_check(c, 0, buf, sp, 104);
	tap_ok(n == 0, "%s: resynced after the jump (%d)", fname(f), n);

	if (f != ROC_CHECK_FORMAT_CRU_INTERNAL) {
		uint64_t before = roc_checker_get_errors(c);

		gen_fill(f, &g[0], 0, buf, sp);
		buf[3 * PAGE + 12] = 5;	/* RDH link */
		n = roc_checker_check(c, 0, buf, sp, 105);
		e = roc_checker_get_error(c, roc_checker_get_num_recorded(c) - 1);
		tap_ok(n == 1 && e && !strcmp(e->what, "RDH link") &&
		       e->got == 5 && e->expected == 0 &&
		       e->offset == 3 * PAGE + 12,
		       "%s: a wrong RDH link is one error (%d, %s)", fname(f),
		       n, e ? e->what : "-");

		g[0].packet += 3;	/* packet counter gap */
		gen_fill(f, &g[0], 0, buf, sp);
		n = roc_checker_check(c, 0, buf, sp, 106);
		e = roc_checker_get_error(c, roc_checker_get_num_recorded(c) - 1);
		tap_ok(n == 1 && e && !strcmp(e->what, "RDH packet counter"),
		       "%s: a packet counter gap is one error (%d, %s)",
		       fname(f), n, e ? e->what : "-");
		tap_ok(roc_checker_get_errors(c) == before + 2,
		       "%s: error count adds up", fname(f));
	}

	/* fast mode: RDH only, a flipped payload word is not seen */
	roc_checker_free(c);
	if (!roc_checker_new(f, ROC_CHECK_MODE_FAST, 4, &c)) {
		struct gen h = { .counter = 1 };

		gen_fill(f, &h, 2, buf, sp);
		put32(buf + 2 * PAGE + 200, 0xdead);
		n = roc_checker_check(c, 2, buf, sp, 0);
		tap_ok(n == 0, "%s: fast mode skips the payload (%d)", fname(f), n);
		if (f != ROC_CHECK_FORMAT_CRU_INTERNAL) {
			gen_fill(f, &h, 2, buf, sp);
			buf[PAGE + 12] = 3;
			n = roc_checker_check(c, 2, buf, sp, 0);
			tap_ok(n == 1, "%s: fast mode sees a bad RDH (%d)",
			       fname(f), n);
		}
		roc_checker_free(c);
	}
	if (!roc_checker_new(f, ROC_CHECK_MODE_OFF, 0, &c)) {
		memset(buf, 0x55, sp);
		n = roc_checker_check(c, 0, buf, sp, 0);
		tap_ok(n == 0 && roc_checker_get_bytes(c) == sp,
		       "%s: mode off checks nothing", fname(f));
		roc_checker_free(c);
	}
	free(buf);
}

/*
 * A single flipped bit is found wherever the checker looks: in every 32-bit
 * word of a page's payload (every lane, every vector of a 64-byte step, the
 * first and the last of a page) and in every bit of the RDH fields it
 * checks.  The page is the third of four: the first anchors the link, the
 * next three go to the stream in one call, so the stream finds the bad
 * page, the page check records it and the stream resumes after it.  Twice:
 * with the counter wrapping at 2^32 (and its low half at 2^16, the DDG's
 * masked loop) inside that page, and far from any wrap.
 */
static void test_bits(enum roc_check_format f, uint32_t start)
{
	const size_t hdr = f == ROC_CHECK_FORMAT_CRU_INTERNAL ? 0 : 64;
	/*
	 * Byte flipped, the field reported, errors (a bad packet counter
	 * resyncs to the bad value: the next page's is one more error).
	 */
	static const struct {
		size_t byte, field;
		int errors;
		const char *what;
	} rdh[] = {
		{ 0, 0, 1, "RDH version/size" }, { 1, 0, 1, "RDH version/size" },
		{ 10, 10, 1, "RDH memory size" }, { 11, 10, 1, "RDH memory size" },
		{ 12, 12, 1, "RDH link" }, { 13, 13, 2, "RDH packet counter" },
	};
	struct gen g = { .counter = start, .packet = 254 };
	uint8_t *buf = malloc(4 * PAGE);
	size_t pos, i, tried = 0, bad = 0, first_bad = 0;
	struct roc_checker *c;

	if (!buf || roc_checker_new(f, ROC_CHECK_MODE_FULL, 4, &c)) {
		tap_ok(0, "%s: bit flips: checker", fname(f));
		free(buf);
		return;
	}
	gen_fill(f, &g, 3, buf, 4 * PAGE);
	/* payload: every word of page 2, the ends of pages 1 and 3 */
	for (pos = PAGE + hdr; pos < 4 * PAGE; pos += 4) {
		size_t w = (pos % PAGE) / 4;
		unsigned int bit = (w + w / 8) % 32;	/* all 32 in each lane */
		const struct roc_check_error *e;
		uint32_t want, got;
		int n0, n;

		if (pos % PAGE < hdr || (pos / PAGE != 2 &&
		    pos % PAGE != hdr && pos % PAGE != PAGE - 4))
			continue;
		memcpy(&want, buf + pos, 4);
		got = want ^ 1u << bit;
		put32(buf + pos, got);
		roc_checker_reset(c);
		n0 = roc_checker_check(c, 3, buf, PAGE, 0);
		n = roc_checker_check(c, 3, buf + PAGE, 3 * PAGE, 1);
		e = roc_checker_get_error(c, 0);
		put32(buf + pos, want);
		tried++;
		if (n0 == 0 && n == 1 && roc_checker_get_errors(c) == 1 && e &&
		    e->offset == pos - PAGE && e->expected == want &&
		    e->got == got && e->tag == 1 && e->link == 3)
			continue;
		if (!bad++)
			first_bad = pos;
	}
	tap_ok(tried == (PAGE - hdr) / 4 + 4 && !bad,
	       "%s, counter from 0x%08x: a flipped bit in any of %zu payload words is one error at its word (%zu missed, first at %zu)",
	       fname(f), start, tried, bad, first_bad);
	if (!hdr)
		goto out;

	/* every bit of the RDH fields checked, page 2 */
	tried = bad = 0;
	for (i = 0; i < sizeof(rdh) / sizeof(rdh[0]); i++) {
		unsigned int bit;

		for (bit = 0; bit < 8; bit++) {
			size_t at = 2 * PAGE + rdh[i].byte;
			const struct roc_check_error *e;
			int n0, n;

			buf[at] ^= 1u << bit;
			roc_checker_reset(c);
			n0 = roc_checker_check(c, 3, buf, PAGE, 0);
			n = roc_checker_check(c, 3, buf + PAGE, 3 * PAGE, 1);
			e = roc_checker_get_error(c, 0);
			buf[at] ^= 1u << bit;
			tried++;
			if (n0 == 0 && n == rdh[i].errors && e &&
			    e->offset == PAGE + rdh[i].field &&
			    !strcmp(e->what, rdh[i].what))
				continue;
			if (!bad++)
				first_bad = at * 8 + bit;
		}
	}
	tap_ok(!bad, "%s, counter from 0x%08x: a flipped bit in any of the %zu checked RDH bits is found (%zu missed, first bit %zu)",
	       fname(f), start, tried, bad, first_bad);
out:
	roc_checker_free(c);
	free(buf);
}

/* Counter advance per page of a format (docs/hardware.md 12.2). */
static uint32_t per_page(enum roc_check_format f)
{
	return f == ROC_CHECK_FORMAT_CRU_INTERNAL ? PAGE / 32 :
	       f == ROC_CHECK_FORMAT_DDG ? (PAGE - 64) / 16 : (PAGE - 64) / 4;
}

/* xorshift32: the same damage for every implementation. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Randomly damaged data (flipped bits, zeroed runs, counter jumps, bad RDH
 * bytes) over several calls with odd sizes: every implementation counts
 * and records exactly what the scalar one does.
 */
struct run_result {
	int n[8];
	uint64_t errors;
	size_t nrec;
	struct roc_check_error rec[64];
};

static void damaged_run(enum roc_check_format f, uint32_t seed,
			struct run_result *r)
{
	const size_t size = 64 * PAGE;
	static const size_t cuts[8] = { 0, 3, 4, 11, 12, 40, 41, 64 };
	struct gen g = { .counter = seed };
	uint8_t *buf = malloc(size);
	struct roc_checker *c;
	uint32_t s = seed | 1;
	size_t i, k;

	memset(r, 0, sizeof(*r));
	if (!buf || roc_checker_new(f, ROC_CHECK_MODE_FULL, 64, &c)) {
		free(buf);
		r->errors = ~0ull;
		return;
	}
	gen_fill(f, &g, 1, buf, size);
	for (i = 0; i < 12; i++) {
		size_t at = rnd(&s) % size;

		switch (rnd(&s) % 4) {
		case 0:		/* a flipped bit */
			buf[at] ^= 1u << (rnd(&s) % 8);
			break;
		case 1:		/* a zeroed run */
			memset(buf + at, 0, (size - at) < 300 ? size - at : 300);
			break;
		case 2:		/* a counter jump from here on */
			for (k = at & ~(size_t)3; k < size; k += 4) {
				uint32_t w;

				if (f != ROC_CHECK_FORMAT_CRU_INTERNAL && k % PAGE < 64)
					continue;
				memcpy(&w, buf + k, 4);
				if (w)
					put32(buf + k, w + 77);
			}
			break;
		default:	/* a bad RDH byte */
			buf[(at & ~(size_t)(PAGE - 1)) + 10 + rnd(&s) % 4] ^= 0x21;
		}
	}
	/* in calls of 3, 1, 7, ... pages; the CRU gets a ragged cut too */
	for (i = 0; i + 1 < 8; i++) {
		size_t from = cuts[i] * PAGE, to = cuts[i + 1] * PAGE;

		if (f == ROC_CHECK_FORMAT_CRU_INTERNAL && i == 3)
			to -= 96;
		if (f == ROC_CHECK_FORMAT_CRU_INTERNAL && i == 4)
			from -= 96;
		r->n[i] = roc_checker_check(c, 1, buf + from, to - from, i);
	}
	r->errors = roc_checker_get_errors(c);
	r->nrec = roc_checker_get_num_recorded(c);
	for (k = 0; k < r->nrec; k++)
		r->rec[k] = *roc_checker_get_error(c, k);
	roc_checker_free(c);
	free(buf);
}

static int same_result(const struct run_result *a, const struct run_result *b)
{
	size_t k;

	if (memcmp(a->n, b->n, sizeof(a->n)) || a->errors != b->errors ||
	    a->nrec != b->nrec)
		return 0;
	for (k = 0; k < a->nrec; k++) {
		const struct roc_check_error *x = &a->rec[k], *y = &b->rec[k];

		if (x->tag != y->tag || x->offset != y->offset ||
		    x->link != y->link || x->expected != y->expected ||
		    x->got != y->got || strcmp(x->what, y->what))
			return 0;
	}
	return 1;
}

static void test_same_as_generic(enum roc_check_format f)
{
	static struct run_result ref, got;
	const char *isa = roc_checker_isa();
	uint64_t errors = 0;
	uint32_t seed;
	int same = 1;

	for (seed = 1; seed <= 8; seed++) {
		roc_checker_set_isa("generic");
		damaged_run(f, seed * 0x9e3779b9u, &ref);
		roc_checker_set_isa(isa);
		damaged_run(f, seed * 0x9e3779b9u, &got);
		errors += ref.errors;
		if (!same_result(&ref, &got)) {
			tap_diag("seed %u: %" PRIu64 " errors, %" PRIu64 " by generic",
				 seed, got.errors, ref.errors);
			same = 0;
		}
	}
	tap_ok(same && errors > 8 && errors < ~0ull,
	       "%s: damaged data, 8 seeds: the same %" PRIu64 " errors as generic",
	       fname(f), errors);
}

/*
 * The choice: the widest the CPU has, or ROC_CHECKER_ISA, read again by
 * the hook with NULL; unknown and missing ISAs refused.
 */
static void test_isa_choice(void)
{
	const char *env = getenv("ROC_CHECKER_ISA");
	const char *widest = "sse2";

#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		widest = "avx2";
#endif
	unsetenv("ROC_CHECKER_ISA");
	roc_checker_set_isa(NULL);
	tap_ok(!strcmp(roc_checker_isa(), widest),
	       "the default is the widest this CPU has (%s, want %s)",
	       roc_checker_isa(), widest);
	setenv("ROC_CHECKER_ISA", "generic", 1);
	roc_checker_set_isa(NULL);
	tap_ok(!strcmp(roc_checker_isa(), "generic"),
	       "ROC_CHECKER_ISA=generic is obeyed (%s)", roc_checker_isa());
	setenv("ROC_CHECKER_ISA", "bogus", 1);
	roc_checker_set_isa(NULL);
	tap_ok(!strcmp(roc_checker_isa(), widest),
	       "ROC_CHECKER_ISA=bogus is ignored (%s)", roc_checker_isa());
	tap_ok(roc_checker_set_isa("bogus") == -EINVAL,
	       "an unknown ISA is -EINVAL");
	if (env)
		setenv("ROC_CHECKER_ISA", env, 1);
	else
		unsetenv("ROC_CHECKER_ISA");
	roc_checker_set_isa(NULL);
}

static void test_api(void)
{
	struct roc_checker *c = (void *)1;
	int ret;

	tap_ok(roc_checker_new(7, ROC_CHECK_MODE_FULL, 0, &c) == -EINVAL && !c,
	       "bad format is -EINVAL");
	if (roc_checker_new(ROC_CHECK_FORMAT_CRORC, ROC_CHECK_MODE_FULL, 2, &c))
		return;
	ret = roc_checker_check(c, ROC_CHECK_MAX_LINKS, "", 0, 0);
	tap_ok(ret == -EINVAL &&
	       tap_contains(roc_strerror_last(), "link 32 out of range"),
	       "link out of range is -EINVAL");
	tap_ok(roc_checker_get_error(c, 0) == NULL, "no error recorded");
	roc_checker_free(c);
	roc_checker_free(NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Throughput of the full check: a diagnostic, never a failure. */
static void bench(enum roc_check_format f)
{
	size_t sp = 1 << 20, total = 0;
	uint8_t *buf = malloc(16 * sp);
	struct gen g = { 0 };
	struct roc_checker *c;
	double t0, t;
	int errs = 0, k;

	if (!buf || roc_checker_new(f, ROC_CHECK_MODE_FULL, 0, &c)) {
		free(buf);
		return;
	}
	gen_fill(f, &g, 0, buf, 16 * sp);
	roc_checker_check(c, 0, buf, sp, 0);	/* anchor */
	roc_checker_reset(c);
	t0 = now();
	do {
		/* the 16 MiB regenerate the same counters: reset per pass */
		roc_checker_reset(c);
		for (k = 0; k < 16; k++)
			errs += roc_checker_check(c, 0, buf + k * sp, sp, k);
		total += 16 * sp;
	} while ((t = now() - t0) < 0.5);
	tap_ok(errs == 0, "bench %s: no errors", fname(f));
	tap_diag("checker %s full: %.2f GB/s (%zu MiB in %.2f s, one core)",
		 fname(f), total / t / 1e9, total >> 20, t);
	roc_checker_free(c);
	free(buf);
}

int main(void)
{
	static const enum roc_check_format fmts[] = {
		ROC_CHECK_FORMAT_CRU_INTERNAL, ROC_CHECK_FORMAT_DDG, ROC_CHECK_FORMAT_CRORC,
	};
	size_t i, k;

	test_api();
	test_isa_choice();
	for (i = 0; i < sizeof(isas) / sizeof(isas[0]); i++) {
		int ret = roc_checker_set_isa(isas[i]);

		if (ret) {
			tap_ok(ret == -ENODEV, "%s: not on this CPU (%d) # SKIP",
			       isas[i], ret);
			continue;
		}
		for (k = 0; k < 3; k++) {
			test_format(fmts[k]);
			/* the wrap a third into page 2; none */
			test_bits(fmts[k], 0u - 2 * per_page(fmts[k]) -
				  per_page(fmts[k]) / 3);
			test_bits(fmts[k], 1000);
			if (i)
				test_same_as_generic(fmts[k]);
		}
	}
	/* the benchmark with the default */
	roc_checker_set_isa(NULL);
	tap_diag("default implementation: %s", roc_checker_isa());
	bench(ROC_CHECK_FORMAT_CRU_INTERNAL);
	bench(ROC_CHECK_FORMAT_DDG);
	bench(ROC_CHECK_FORMAT_CRORC);
	return tap_done();
}
