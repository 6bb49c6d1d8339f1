/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench.h - what the roc benchmark programs share: clocks, sizes, a tiny
 * JSON writer for one result line.  Messages, exit codes and the standard
 * options (--help, --version, unknown options, operands) are those of the
 * roc-* tools (utils/common.h, linked from utils/common.c).
 *
 * Every program prints one JSON object per line on stdout, one per
 * configuration measured, with the raw per-repeat samples; bench/report.py
 * turns them into medians and spreads.  Messages go to stderr.  Exit
 * status: 0 ok, 1 error, 2 bad usage.
 */
#ifndef ROC_BENCH_H
#define ROC_BENCH_H

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* die(), die_usage(), the standard options: shared with the roc-* tools */
#include "common.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

#define BENCH_MAX_SAMPLES 64

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time (user + system) of the calling process, seconds. */
static inline double bench_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline double bench_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "64Ki", "1Mi", "1G", "4096": bytes; exits 2 on a bad size. */
static inline uint64_t bench_size(const char *opt, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (end == s || errno || *s == '-')
		die_usage("%s: \"%s\" is not a size", opt, s);
	if (!*end)
		return v;
	if (!strcmp(end, "k") || !strcmp(end, "K") || !strcmp(end, "Ki"))
		return v * KiB;
	if (!strcmp(end, "M") || !strcmp(end, "Mi"))
		return v * MiB;
	if (!strcmp(end, "G") || !strcmp(end, "Gi"))
		return v * GiB;
	die_usage("%s: \"%s\": unknown suffix (Ki, Mi, Gi)", opt, s);
}

static inline long bench_long(const char *opt, const char *s, long min,
			      long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (end == s || *end || errno || v < min || v > max)
		die_usage("%s: \"%s\" is not a number in %ld..%ld", opt, s,
			    min, max);
	return v;
}

static inline double bench_double(const char *opt, const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v > 0))
		die_usage("%s: \"%s\" is not a positive number", opt, s);
	return v;
}

/*
 * One JSON object on one line: bench_json_begin(), then fields, then
 * bench_json_end().  Strings are written as given (callers pass plain
 * ASCII names).
 */
struct bench_json {
	FILE *f;
	bool first;
};

static inline void bench_json_begin(struct bench_json *j, const char *bench)
{
	j->f = stdout;
	j->first = false;
	fprintf(j->f, "{\"bench\": \"%s\"", bench);
}

static inline void bench_json_str(struct bench_json *j, const char *k,
				  const char *v)
{
	fprintf(j->f, ", \"%s\": \"%s\"", k, v);
}

static inline void bench_json_int(struct bench_json *j, const char *k,
				  long long v)
{
	fprintf(j->f, ", \"%s\": %lld", k, v);
}

static inline void bench_json_num(struct bench_json *j, const char *k,
				  double v)
{
	fprintf(j->f, ", \"%s\": %.6g", k, v);
}

static inline void bench_json_arr(struct bench_json *j, const char *k,
				  const double *v, size_t n)
{
	size_t i;

	fprintf(j->f, ", \"%s\": [", k);
	for (i = 0; i < n; i++)
		fprintf(j->f, "%s%.6g", i ? ", " : "", v[i]);
	fprintf(j->f, "]");
}

static inline void bench_json_end(struct bench_json *j)
{
	fprintf(j->f, "}\n");
	fflush(j->f);
}

#endif /* ROC_BENCH_H */
