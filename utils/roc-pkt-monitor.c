// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-pkt-monitor - packet counters of one endpoint: per datapath link
 * accepted, rejected and forced packets, and the endpoint's dropped packets
 * and packets per second (CRU, docs/hardware.md 2.3); per channel ACQ rate and
 * packets received (C-RORC, 4.1).  Once, or every --interval seconds.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"

struct config {
	const char *id;
	enum out_format format;
	double interval;
	uint32_t count;
};

#define OPT_INTERVAL	0x100
#define OPT_COUNT	0x101

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address, #N, SERIAL[:ENDPOINT], rocN, a /dev\n"
				 "path or roc_sim:C.E (required)" },
		{ "-j, --json", "print JSON (--format=json); one line per sample with --count" },
		{ "-f, --format=FMT", "table (default), json, prometheus or influx" },
		{ "    --monitoring", "the same as --format=influx (old name)" },
		{ "    --interval=S", "seconds between samples (default 1, may be fractional)" },
		{ "    --count=N", "number of samples (default 1; 0: until interrupted)" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID\n", get_prog_name());
	printf("\nShow the packet counters of an endpoint.  CRU: per datapath link (0-11,\n"
	       "and 13/14 run statistics, 15 user logic when enabled) Link, Accepted,\n"
	       "Rejected, Forced; then Wrapper (the endpoint's), Dropped, Total Packets/s.\n"
	       "C-RORC: per channel Channel, ACQ Rate, Packets Received.  Samples are\n"
	       "separated by an empty line.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static double parse_interval_or_die(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0) || v > 86400)
		die_usage("--interval: \"%s\" is not a number of seconds (0 < S <= 86400)",
			  s);
	return v;
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "count",	required_argument,	NULL,	OPT_COUNT },
		{ "format",	required_argument,	NULL,	'f' },
		{ "monitoring",	no_argument,		NULL,	'M' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "interval",	required_argument,	NULL,	OPT_INTERVAL },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:f:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_COUNT:
			cfg->count = parse_value_or_die("--count", optarg,
							UINT32_MAX);
			break;
		case 'M':	/* the old tools' InfluxDB line protocol on stdout */
			cfg->format = FORMAT_INFLUX;
			break;
		case 'f':
			cfg->format = parse_format_or_die("--format", optarg);
			break;
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_INTERVAL:
			cfg->interval = parse_interval_or_die(optarg);
			break;
		case 'j':
			/* --json is --format=json: the last one given wins */
			cfg->format = FORMAT_JSON;
			break;
		default:
			if (!parse_std_option(opt, NULL, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
}

static int64_t get(const struct roc_status *st, enum roc_status_field f)
{
	int64_t v = 0;

	roc_status_get(st, f, &v);
	return v;
}

static void print_table(const struct roc_card_info *info,
			const struct roc_status *st)
{
	static const char *const cru_cols[] = {
		"Link", "Accepted", "Rejected", "Forced",
	};
	static const char *const dw_cols[] = {
		"Wrapper", "Dropped", "Total Packets/s",
	};
	static const char *const crorc_cols[] = {
		"Channel", "ACQ Rate", "Packets Received",
	};
	const struct roc_link_status *l;
	uint32_t acc, rej, forced;
	struct table *t;
	unsigned int id;
	size_t i;
	int en;

	if (roc_status_get_type(st) != ROC_TYPE_CRU) {
		t = table_new(crorc_cols, 3);
		for (i = 0; i < roc_status_get_num_links(st); i++) {
			l = roc_status_get_link(st, i);
			table_cell(t, "%u", l->id);
			table_cell(t, "%u", l->acq_rate);
			table_cell(t, "%u", l->packets_received);
		}
		table_print(t);
		return;
	}
	t = table_new(cru_cols, 4);
	for (id = 0; id < 16; id++) {
		en = roc_status_get_datapath(st, id, &acc, &rej, &forced);
		if (en < 0 || (id > 11 && !en))
			continue;
		table_cell(t, "%u", id);
		table_cell(t, "%u", acc);
		table_cell(t, "%u", rej);
		table_cell(t, "%u", forced);
	}
	table_print(t);
	putchar('\n');
	t = table_new(dw_cols, 3);
	table_cell(t, "%u", roc_card_info_get_endpoint(info));
	table_cell(t, "%lld", (long long)get(st, ROC_STATUS_FIELD_DROPPED_PACKETS));
	table_cell(t, "%lld", (long long)get(st, ROC_STATUS_FIELD_PACKETS_PER_SECOND));
	table_print(t);
}

static json_object *sample_json(const struct roc_card_info *info,
				const struct roc_status *st)
{
	json_object *o = json_object_new_object(), *arr, *lo;
	const struct roc_link_status *l;
	uint32_t acc, rej, forced;
	unsigned int id;
	size_t i;
	int en;

	json_object_object_add(o, "card", card_id_json(info));
	json_object_object_add(o, "timeNs", json_object_new_int64(
		(int64_t)roc_status_get_time_ns(st)));
	arr = json_object_new_array();
	if (roc_status_get_type(st) != ROC_TYPE_CRU) {
		for (i = 0; i < roc_status_get_num_links(st); i++) {
			l = roc_status_get_link(st, i);
			lo = json_object_new_object();
			json_object_object_add(lo, "channel",
					       json_object_new_int((int)l->id));
			json_object_object_add(lo, "acqRate",
					       json_object_new_int64(l->acq_rate));
			json_object_object_add(lo, "packetsReceived",
					       json_object_new_int64(l->packets_received));
			json_object_array_add(arr, lo);
		}
		json_object_object_add(o, "channels", arr);
		return o;
	}
	for (id = 0; id < 16; id++) {
		en = roc_status_get_datapath(st, id, &acc, &rej, &forced);
		if (en < 0 || (id > 11 && !en))
			continue;
		lo = json_object_new_object();
		json_object_object_add(lo, "link", json_object_new_int((int)id));
		json_object_object_add(lo, "enabled", json_object_new_boolean(en));
		json_object_object_add(lo, "accepted", json_object_new_int64(acc));
		json_object_object_add(lo, "rejected", json_object_new_int64(rej));
		json_object_object_add(lo, "forced", json_object_new_int64(forced));
		json_object_array_add(arr, lo);
	}
	json_object_object_add(o, "links", arr);
	lo = json_object_new_object();
	json_object_object_add(lo, "wrapper", json_object_new_int(
		(int)roc_card_info_get_endpoint(info)));
	json_object_object_add(lo, "dropped", json_object_new_int64(
		get(st, ROC_STATUS_FIELD_DROPPED_PACKETS)));
	json_object_object_add(lo, "totalPacketsPerSecond", json_object_new_int64(
		get(st, ROC_STATUS_FIELD_PACKETS_PER_SECOND)));
	json_object_object_add(o, "wrapper", lo);
	return o;
}

static void sleep_s(double s)
{
	struct timespec ts = {
		.tv_sec = (time_t)s,
		.tv_nsec = (long)((s - (double)(time_t)s) * 1e9),
	};

	while (!stop_requested && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	struct config cfg = { .format = FORMAT_TABLE, .interval = 1, .count = 1 };
	const struct roc_card_info *info;
	struct sigaction sa = { .sa_handler = on_signal };
	struct roc_status *st;
	struct roc_card *card;
	struct metrics *m;
	uint32_t k;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	card = status_open_or_die(cfg.id);
	info = roc_card_get_info(card);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	for (k = 0; !cfg.count || k < cfg.count; k++) {
		if (k)
			sleep_s(cfg.interval);
		if (stop_requested)
			break;
		if (roc_status_read(card, 0, ROC_STATUS_NO_CLEAR, &st))
			die_lib();
		switch (cfg.format) {
		case FORMAT_TABLE:
			if (k)
				putchar('\n');
			print_table(info, st);
			break;
		case FORMAT_JSON:
			print_json(sample_json(info, st), cfg.count == 1);
			break;
		default:
			m = metrics_new(cfg.format);
			status_metrics(m, info, st, METRICS_CARD_HEALTH |
				       METRICS_LINK_COUNTERS);
			metrics_print(m, roc_status_get_time_ns(st));
			break;
		}
		fflush(stdout);
		roc_status_free(st);
	}
	roc_card_close(card);
	return EXIT_SUCCESS;
}
