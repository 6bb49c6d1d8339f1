// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-base - the baselines taken in the same VM as the roc figures:
 *
 *   --getppid N   ns per getppid() system call (a loop of N calls): the
 *                 "syscall-equivalent" the control path is measured in
 *   --memcpy SIZE single-thread memcpy() bandwidth between two buffers of
 *                 SIZE bytes (bytes copied per second)
 *
 * --repeat R times each; one JSON line per measure on stdout, with --tag
 * NAME as "tag" (bench/guest.sh takes a baseline right before each
 * measure it is compared with: the host may be busy with other work).
 */
#include <getopt.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

static void help(void)
{
	printf("Usage: %s [--getppid N] [--memcpy SIZE] [--repeat R] [--tag NAME]\n"
	       "Baselines: ns per getppid() syscall, memcpy bandwidth (GB/s).\n"
	       "Prints one JSON line per measure.  Exit 0 ok, 1 error, 2 usage.\n",
	       get_prog_name());
}

static void *alloc_touch(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		die("cannot map %zu bytes: %s", size, strerror(errno));
	memset(p, 0x5a, size);
	return p;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "getppid", required_argument, NULL, 'g' },
		{ "memcpy", required_argument, NULL, 'm' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "tag", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double s[BENCH_MAX_SAMPLES];
	long calls = 0, repeat = 5, i, k;
	uint64_t msize = 0;
	struct bench_json j;
	const char *tag = "baseline";
	int opt;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'g': calls = bench_long("--getppid", optarg, 1, 1L << 40); break;
		case 'm': msize = bench_size("--memcpy", optarg); break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		case 't': tag = optarg; break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (optind < argc || (!calls && !msize))
		die_usage("give --getppid N and/or --memcpy SIZE");

	if (calls) {
		for (i = 0; i < calls / 10 + 1; i++)	/* warm up */
			syscall(SYS_getppid);
		for (k = 0; k < repeat; k++) {
			double t0 = bench_now();

			for (i = 0; i < calls; i++)
				syscall(SYS_getppid);
			s[k] = (bench_now() - t0) / calls * 1e9;
		}
		bench_json_begin(&j, "getppid");
		bench_json_str(&j, "tag", tag);
		bench_json_int(&j, "calls", calls);
		bench_json_arr(&j, "ns_per_call", s, repeat);
		bench_json_end(&j);
	}
	if (msize) {
		char *a = alloc_touch(msize), *b = alloc_touch(msize);

		memcpy(b, a, msize);	/* warm up */
		for (k = 0; k < repeat; k++) {
			double t0 = bench_now();

			memcpy(k & 1 ? a : b, k & 1 ? b : a, msize);
			s[k] = msize / (bench_now() - t0) / 1e9;
		}
		/* keep the copies observable */
		if (((volatile char *)a)[msize / 2] != 0x5a)
			die("memcpy went wrong");
		bench_json_begin(&j, "memcpy");
		bench_json_str(&j, "tag", tag);
		bench_json_int(&j, "size", (long long)msize);
		bench_json_arr(&j, "gbytes_per_s", s, repeat);
		bench_json_end(&j);
		munmap(a, msize);
		munmap(b, msize);
	}
	return 0;
}
