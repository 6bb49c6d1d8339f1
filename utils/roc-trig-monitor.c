// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-trig-monitor - the TTC trigger counters of a CRU endpoint and their
 * rates (docs/hardware.md P2-4.5; the options of o2-roc-trig-monitor).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

struct config {
	const char *id;
	bool json;
	bool updateable;
	double interval;
};

static volatile sig_atomic_t stop;

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the CRU endpoint (required)" },
		{ "    --interval=SECONDS", "time between the two samples (default 1)" },
		{ "    --updateable", "print counts since start on one line until Ctrl-C" },
		{ "    --force-report", "accepted for compatibility (no effect)" },
		{ "-j, --json", "print JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s --id=ID [OPTIONS]\n", get_prog_name());
	printf("\nRead the TTC trigger counters (HB, PHY, CAL, TOF, SOX, EOX) twice, INTERVAL\n"
	       "apart, and print the second reading with the rates in kHz (32-bit wrap for\n"
	       "HB and PHY, 16-bit for CAL and TOF).\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

enum { OPT_INTERVAL = 256, OPT_UPDATEABLE, OPT_FORCE };

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "force-report",	no_argument,	NULL,	OPT_FORCE },
		{ "help",		no_argument,	NULL,	'h' },
		{ "id",			required_argument, NULL, 'i' },
		{ "interval",		required_argument, NULL, OPT_INTERVAL },
		{ "json",		no_argument,	NULL,	'j' },
		{ "json-out",	no_argument,	NULL,	'j' },
		{ "updateable",		no_argument,	NULL,	OPT_UPDATEABLE },
		{ "version",		no_argument,	NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	char *end;
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_INTERVAL:
			errno = 0;
			cfg->interval = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(cfg->interval > 0) ||
			    cfg->interval > 3600)
				die_usage("--interval \"%s\": not a number of seconds in (0, 3600]",
					  optarg);
			break;
		case OPT_UPDATEABLE:
			cfg->updateable = true;
			break;
		case OPT_FORCE:
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
}

static void sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) && errno == EINTR && !stop)
		;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void read_or_die(struct roc_card *card, struct roc_triggers *t)
{
	if (roc_triggers_read(card, t))
		die_lib();
}

static void updateable(struct roc_card *card)
{
	struct roc_triggers first, t, d;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	read_or_die(card, &first);
	printf("%-12s %-12s %-12s %-12s %-6s %-6s\n", "HB", "PHY", "CAL", "TOF",
	       "SOX", "EOX");
	while (!stop) {
		read_or_die(card, &t);
		roc_triggers_diff(&t, &first, &d);
		printf("\r%-12u %-12u %-12u %-12u %-6u %-6u", d.hb, d.phys, d.cal,
		       d.tof, d.sox, d.eox);
		fflush(stdout);
		sleep_s(1);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	struct config cfg = { .interval = 1 };
	struct roc_triggers a, b, d;
	struct roc_card_id *id;
	struct roc_card *card;
	double t0, dt;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, ROC_OPEN_READONLY, &card))
		die_lib();
	roc_card_id_free(id);
	if (cfg.updateable) {
		updateable(card);
		roc_card_close(card);
		return EXIT_SUCCESS;
	}
	read_or_die(card, &a);
	t0 = now_s();
	sleep_s(cfg.interval);
	read_or_die(card, &b);
	dt = now_s() - t0;
	roc_triggers_diff(&b, &a, &d);
	if (cfg.json) {
		o = json_object_new_object();
		json_object_object_add(o, "hbCount", json_object_new_int64(b.hb));
		json_object_object_add(o, "hbRate", json_double(d.hb / dt / 1e3, "%.3f"));
		json_object_object_add(o, "phyCount", json_object_new_int64(b.phys));
		json_object_object_add(o, "phyRate", json_double(d.phys / dt / 1e3, "%.3f"));
		json_object_object_add(o, "calCount", json_object_new_int64(b.cal));
		json_object_object_add(o, "calRate", json_double(d.cal / dt / 1e3, "%.3f"));
		json_object_object_add(o, "tofCount", json_object_new_int64(b.tof));
		json_object_object_add(o, "tofRate", json_double(d.tof / dt / 1e3, "%.3f"));
		json_object_object_add(o, "soxCount", json_object_new_int64(b.sox));
		json_object_object_add(o, "eoxCount", json_object_new_int64(b.eox));
		print_json(o, true);
	} else {
		printf("%-12s %-15s %-12s %-15s %-12s %-15s %-12s %-15s %-6s %-6s\n",
		       "HB", "HB rate (kHz)", "PHY", "PHY rate (kHz)", "CAL",
		       "CAL rate (kHz)", "TOF", "TOF rate (kHz)", "SOX", "EOX");
		printf("%-12u %-15.3f %-12u %-15.3f %-12u %-15.3f %-12u %-15.3f %-6u %-6u\n",
		       b.hb, d.hb / dt / 1e3, b.phys, d.phys / dt / 1e3, b.cal,
		       d.cal / dt / 1e3, b.tof, d.tof / dt / 1e3, b.sox, b.eox);
	}
	roc_card_close(card);
	return EXIT_SUCCESS;
}
