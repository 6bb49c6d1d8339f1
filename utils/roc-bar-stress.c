// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-bar-stress - alternate writes and reads of one register and report
 * the rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "reg-common.h"

#define CYCLES_MAX 1000000000u

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "    --value=VALUE", "value to write, decimal or 0x hex (default 0)" },
		{ "    --cycles=N", "write+read cycles (default 100)" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR [--cycles=N]\n",
	       get_prog_name());
	printf("\nWrite VALUE to the register at byte address ADDR of a BAR and read it\n"
	       "back, N times; report one \"Key: value\" line each for Cycles,\n"
	       "Operations, Seconds, Ops/s, Mbps (32 bits per operation),\n"
	       "Latency (us) (per operation), Access (mmap-rw, mmap-ro or ioctl) and\n"
	       "Mismatches (reads that differed from VALUE).\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, opts);
}

#define OPT_CYCLES	OPT_TOOL

static bool parse_option(void *ctx, int opt, const char *arg)
{
	uint32_t *cycles = ctx;

	if (opt != OPT_CYCLES)
		return false;
	*cycles = parse_value_or_die("--cycles", arg, CYCLES_MAX);
	if (!*cycles)
		die_usage("--cycles: at least 1");
	return true;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const char *const access_name[] = {
		[ROC_BAR_ACCESS_IOCTL] = "ioctl",
		[ROC_BAR_ACCESS_MMAP_RO] = "mmap-ro",
		[ROC_BAR_ACCESS_MMAP_RW] = "mmap-rw",
	};
	static const struct option longopts[] = {
		{ "cycles",	required_argument,	NULL,	OPT_CYCLES },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t cycles = 100;
	const struct reg_tool tool = {
		.print_help = print_help,
		.flags = REG_OPT_VALUE,
		.longopts = longopts,
		.parse = parse_option,
		.ctx = &cycles,
	};
	struct reg_config cfg = { 0 };
	struct roc_card *card;
	struct roc_bar *bar;
	uint64_t mismatches = 0, ops;
	double t0, secs, rate;
	const char *access;
	json_object *o;
	uint32_t i, v;

	set_prog_name(argv[0]);
	reg_parse_args(argc, argv, &cfg, &tool);
	reg_open(&cfg, false, &card, &bar);
	access = access_name[roc_bar_get_access(bar)];

	t0 = now();
	for (i = 0; i < cycles; i++) {
		if (roc_bar_write(bar, cfg.address, cfg.value) ||
		    roc_bar_read(bar, cfg.address, &v))
			die_lib();
		if (v != cfg.value)
			mismatches++;
	}
	secs = now() - t0;
	ops = 2 * (uint64_t)cycles;
	rate = secs > 0 ? ops / secs : 0;

	if (cfg.json) {
		o = reg_json(&cfg, card);
		json_object_object_add(o, "cycles", json_object_new_int64(cycles));
		json_object_object_add(o, "operations", json_object_new_int64((int64_t)ops));
		json_object_object_add(o, "seconds", json_double(secs, "%.6f"));
		json_object_object_add(o, "opsPerSecond", json_double(rate, "%.0f"));
		json_object_object_add(o, "mbps", json_double(rate * 32 / 1e6, "%.3f"));
		json_object_object_add(o, "latencyUs",
				       json_double(ops ? secs * 1e6 / ops : 0, "%.3f"));
		json_object_object_add(o, "access", json_object_new_string(access));
		json_object_object_add(o, "mismatches",
				       json_object_new_int64((int64_t)mismatches));
		print_json(o, false);
	} else {
		printf("Cycles: %u\n", cycles);
		printf("Operations: %llu\n", (unsigned long long)ops);
		printf("Seconds: %.6f\n", secs);
		printf("Ops/s: %.0f\n", rate);
		printf("Mbps: %.3f\n", rate * 32 / 1e6);
		printf("Latency (us): %.3f\n", ops ? secs * 1e6 / ops : 0);
		printf("Access: %s\n", access);
		printf("Mismatches: %llu\n", (unsigned long long)mismatches);
	}
	reg_close(card, bar);
	return EXIT_SUCCESS;
}
