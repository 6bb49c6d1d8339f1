// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * checker_test - the data checker on generated data of the three formats
 * (as roc_sim writes them, kernel/sim/pattern.c): correct data has no
 * error, a flipped word is exactly one error, a wrong RDH link and a
 * packet counter gap are one error each, the counters run on across
 * superpages per link.  A short benchmark (0.5 s per format) prints the
 * throughput of the full check as a TAP diagnostic; it never fails on time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../internal.h"
#include "tap.h"
#include "pattern-gen.h"

static const char *fname(enum roc_check_format f)
{
	return roc_check_format_name(f);
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
	test_api();
	test_format(ROC_CHECK_FORMAT_CRU_INTERNAL);
	test_format(ROC_CHECK_FORMAT_DDG);
	test_format(ROC_CHECK_FORMAT_CRORC);
	bench(ROC_CHECK_FORMAT_CRU_INTERNAL);
	bench(ROC_CHECK_FORMAT_DDG);
	bench(ROC_CHECK_FORMAT_CRORC);
	return tap_done();
}
