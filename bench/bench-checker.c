// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-checker - GB/s of libroc's data checkers (lib/checker.c, the
 * checkers of roc-bench-dma) on one core, against a plain read pass
 * (summing the 64-bit words) over the same buffer.  Native: no card, no
 * VM.
 *
 * The buffer (--size, default 256 MiB, far beyond the caches) is filled
 * with correct data of each format as roc_sim writes it (the generator of
 * lib/tests/checker_test.c), then checked --repeat times in superpages of
 * --superpage-size (default 1 MiB) on link 0, each check right after a
 * read pass (the pair gives a ratio per repeat that holds even when the
 * host is busy with other work).  Any error found is a
 * failure (exit 1): the figure is for the checker finding nothing, the
 * normal case.  One JSON line per format and mode, one for the read pass.
 * The ratio is also given by CPU time of this thread
 * (cpu_ratio_to_readpass): on a host with more runnable threads than
 * cores it leaves out the time the bench waits for a core, which the
 * wall-clock ratio does not.
 * Each line names the implementation libroc runs ("isa": avx2, sse2 or
 * generic; ROC_CHECKER_ISA=... forces one, see lib/checker.c).  Use
 * --size 8M for data that stays in the L3 cache, --format to measure one
 * format.
 */
#include <getopt.h>
#include <sys/mman.h>

#include "libroc.h"
#include "bench.h"
#include "tests/pattern-gen.h"

static uint64_t __attribute__((noinline)) read_pass(const uint64_t *p,
						    size_t n)
{
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	size_t i;

	for (i = 0; i + 4 <= n; i += 4) {
		s0 += p[i];
		s1 += p[i + 1];
		s2 += p[i + 2];
		s3 += p[i + 3];
	}
	return s0 + s1 + s2 + s3;
}

/*
 * The checker's implementation as lib/checker.c chooses it: ROC_CHECKER_ISA
 * if this CPU can run it, else the widest it has.
 */
static const char *checker_isa(void)
{
	const char *want = getenv("ROC_CHECKER_ISA");
	const char *widest = "sse2";
	bool avx2 = false;

#if defined(__x86_64__)
	__builtin_cpu_init();
	avx2 = __builtin_cpu_supports("avx2");
	if (avx2)
		widest = "avx2";
#else
	widest = "vector";
#endif
	if (want && (!strcmp(want, "generic") || !strcmp(want, widest) ||
		     (avx2 && !strcmp(want, "sse2"))))
		return want;
	return widest;
}

/* CPU time of this thread: what the ratios by CPU time are made of. */
static double thread_cpu(void)
{
	return bench_clock(CLOCK_THREAD_CPUTIME_ID);
}

static void help(void)
{
	printf("Usage: %s [--size SIZE] [--superpage-size SIZE] [--repeat R]\n"
	       "       [--format cru-internal|ddg|crorc]\n"
	       "GB/s of the libroc data checkers (every format, full and fast)\n"
	       "and of a 64-bit read pass over the same buffer, one core.\n"
	       "ROC_CHECKER_ISA=generic|sse2|avx2 forces the checker's vectors.\n"
	       "Prints one JSON line per measure.  Exit 0 ok, 1 error, 2 usage.\n",
	       get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "size", required_argument, NULL, 's' },
		{ "superpage-size", required_argument, NULL, 'p' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const enum roc_check_format fmts[] = {
		ROC_CHECK_FORMAT_CRU_INTERNAL, ROC_CHECK_FORMAT_DDG, ROC_CHECK_FORMAT_CRORC,
	};
	static const enum roc_check_mode modes[] = { ROC_CHECK_MODE_FULL, ROC_CHECK_MODE_FAST };
	static const char *const mode_names[] = { "full", "fast" };
	uint64_t size = 256 * MiB, sp = 1 * MiB;
	double s[BENCH_MAX_SAMPLES], rp[BENCH_MAX_SAMPLES],
	       ratio[BENCH_MAX_SAMPLES], cratio[BENCH_MAX_SAMPLES];
	volatile uint64_t sink = 0;
	struct bench_json j;
	long repeat = 5, k;
	const char *only = NULL;
	uint8_t *buf;
	size_t fi, mi, off;
	int opt;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 's': size = bench_size("--size", optarg); break;
		case 'p': sp = bench_size("--superpage-size", optarg); break;
		case 'f':
			only = optarg;
			break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (only && strcmp(only, "cru-internal") && strcmp(only, "ddg") &&
	    strcmp(only, "crorc"))
		die_usage("unknown --format \"%s\"", only);
	if (!sp || sp % PAGE || !size || size % sp)
		die_usage("--size must be a multiple of --superpage-size, itself of 8Ki");

	buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED)
		die("cannot map %" PRIu64 " bytes: %s", size, strerror(errno));

	for (fi = 0; fi < sizeof(fmts) / sizeof(fmts[0]); fi++) {
		struct gen g = { 0 };

		if (only && strcmp(only, roc_check_format_name(fmts[fi])))
			continue;

		gen_fill(fmts[fi], &g, 0, buf, size);
		for (mi = 0; mi < 2; mi++) {
			struct roc_checker *chk;

			if (roc_checker_new(fmts[fi], modes[mi], 16, &chk))
				die("%s", roc_strerror_last());
			/* warm up: caches, TLB, CPU frequency */
			for (off = 0; off < size; off += sp)
				roc_checker_check(chk, 0, buf + off, sp, off / sp);
			for (k = 0; k < repeat; k++) {
				double t0 = bench_now(), c0 = thread_cpu(), rc;

				/* the baseline right before: the host may be busy */
				sink += read_pass((const uint64_t *)buf, size / 8);
				rp[k] = size / (bench_now() - t0) / 1e9;
				rc = thread_cpu() - c0;
				/* the data starts again from counter 0 */
				roc_checker_reset(chk);
				t0 = bench_now();
				c0 = thread_cpu();
				for (off = 0; off < size; off += sp)
					roc_checker_check(chk, 0, buf + off, sp, off / sp);
				s[k] = size / (bench_now() - t0) / 1e9;
				ratio[k] = s[k] / rp[k];
				cratio[k] = rc / (thread_cpu() - c0);
				if (roc_checker_get_errors(chk))
					die("checker %s/%s found %" PRIu64 " errors in correct data",
						  roc_check_format_name(fmts[fi]),
						  mode_names[mi], roc_checker_get_errors(chk));
			}
			roc_checker_free(chk);
			bench_json_begin(&j, "checker");
			bench_json_str(&j, "format", roc_check_format_name(fmts[fi]));
			bench_json_str(&j, "mode", mode_names[mi]);
			bench_json_str(&j, "isa", checker_isa());
			bench_json_int(&j, "size", (long long)size);
			bench_json_int(&j, "superpage_size", (long long)sp);
			bench_json_arr(&j, "gbytes_per_s", s, repeat);
			bench_json_arr(&j, "readpass_gbytes_per_s", rp, repeat);
			bench_json_arr(&j, "ratio_to_readpass", ratio, repeat);
			bench_json_arr(&j, "cpu_ratio_to_readpass", cratio, repeat);
			bench_json_end(&j);
		}
	}
	sink += read_pass((const uint64_t *)buf, size / 8);	/* warm up */
	for (k = 0; k < repeat; k++) {
		double t0 = bench_now();

		sink += read_pass((const uint64_t *)buf, size / 8);
		s[k] = size / (bench_now() - t0) / 1e9;
	}
	(void)sink;
	bench_json_begin(&j, "readpass");
	bench_json_int(&j, "size", (long long)size);
	bench_json_arr(&j, "gbytes_per_s", s, repeat);
	bench_json_end(&j);
	munmap(buf, size);
	return 0;
}
