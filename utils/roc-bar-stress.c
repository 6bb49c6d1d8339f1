// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-bar-stress - alternate writes and reads of one register and report
 * the rate.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tools-common.h"

#define CYCLES_MAX 1000000000u

struct config {
	struct reg_config reg;
	uint32_t value;
	uint32_t cycles;
};

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

#define OPT_VALUE	0x200
#define OPT_CYCLES	0x201

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "address",	required_argument,	NULL,	'a' },
		{ "bar",	required_argument,	NULL,	'c' },
		{ "channel",	required_argument,	NULL,	'c' },
		{ "cycles",	required_argument,	NULL,	OPT_CYCLES },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "ioctl",	no_argument,		NULL,	OPT_IOCTL },
		{ "json",	no_argument,		NULL,	'j' },
		{ "value",	required_argument,	NULL,	OPT_VALUE },
		{ "verbose",	no_argument,		NULL,	OPT_VERBOSE },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:a:c:hi:jv";
	int opt;

	cfg->cycles = 100;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_VALUE:
			cfg->value = parse_value_or_die("--value", optarg,
							UINT32_MAX);
			break;
		case OPT_CYCLES:
			cfg->cycles = parse_value_or_die("--cycles", optarg,
							 CYCLES_MAX);
			if (!cfg->cycles)
				die_usage("--cycles: at least 1");
			break;
		default:
			if (!reg_parse_common(&cfg->reg, opt, optarg,
					      print_help))
				die_bad_option(opt, argv);
		}
	}
	if (optind < argc)
		die_usage("unexpected argument \"%s\"", argv[optind]);
	reg_check_common(&cfg->reg);
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
		[ROC_ACCESS_IOCTL] = "ioctl",
		[ROC_ACCESS_MMAP_RO] = "mmap-ro",
		[ROC_ACCESS_MMAP_RW] = "mmap-rw",
	};
	struct config cfg = { 0 };
	struct roc_card *card;
	struct roc_bar *bar;
	uint64_t mismatches = 0, ops;
	double t0, secs, rate;
	const char *access;
	json_object *o;
	uint32_t i, v;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	reg_open(&cfg.reg, false, &card, &bar);
	access = access_name[roc_bar_get_access(bar)];

	t0 = now();
	for (i = 0; i < cfg.cycles; i++) {
		if (roc_bar_write(bar, cfg.reg.address, cfg.value) ||
		    roc_bar_read(bar, cfg.reg.address, &v))
			die_lib();
		if (v != cfg.value)
			mismatches++;
	}
	secs = now() - t0;
	ops = 2 * (uint64_t)cfg.cycles;
	rate = secs > 0 ? ops / secs : 0;

	if (cfg.reg.json) {
		o = reg_json(&cfg.reg, card);
		json_object_object_add(o, "cycles", json_object_new_int64(cfg.cycles));
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
		printf("Cycles: %u\n", cfg.cycles);
		printf("Operations: %llu\n", (unsigned long long)ops);
		printf("Seconds: %.6f\n", secs);
		printf("Ops/s: %.0f\n", rate);
		printf("Mbps: %.3f\n", rate * 32 / 1e6);
		printf("Latency (us): %.3f\n", ops ? secs * 1e6 / ops : 0);
		printf("Access: %s\n", access);
		printf("Mismatches: %llu\n", (unsigned long long)mismatches);
	}
	roc_bar_close(bar);
	roc_card_close(card);
	return EXIT_SUCCESS;
}
