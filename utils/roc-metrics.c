// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-metrics - health metrics of every endpoint (or one): temperature,
 * dropped packets, CTP and local clocks, packets per second (docs/hardware.md
 * 2.2, 2.3; C-RORC: the sum of its channels' ACQ_RATE, 4.1), as a table,
 * JSON, Prometheus (node exporter textfile collector) or InfluxDB.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

struct config {
	const char *id;
	enum out_format format;
};

enum {
	COL_SEQ, COL_TYPE, COL_ADDR, COL_SERIAL, COL_EP, COL_TEMP, COL_DROPPED,
	COL_CTP, COL_LOCAL, COL_PPS, NCOLS
};

static const char *const col_names[NCOLS] = {
	"#", "Type", "PCI Addr", "Serial", "Endpoint", "Temp (C)",
	"Dropped Packets", "CTP Clock (MHz)", "Local Clock (MHz)",
	"Total Packets/s",
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "only this card: PCI address, #N, SERIAL[:ENDPOINT],\n"
				 "rocN, a /dev path or roc_sim:C.E (default: all)" },
		{ "-j, --json", "print a JSON object keyed by \"#\" (--format=json)" },
		{ "-f, --format=FMT", "table (default), json, prometheus or influx" },
		{ "    --monitoring", "the same as --format=influx (old name)" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS]\n", get_prog_name());
	printf("\nShow the health metrics of every endpoint, CRUs and C-RORCs, one per line.\n"
	       "Columns: #, Type, PCI Addr, Serial, Endpoint, Temp (C), Dropped Packets,\n"
	       "CTP Clock (MHz), Local Clock (MHz), Total Packets/s (C-RORC: the sum of\n"
	       "its channels' ACQ rates); \"-\" where a value does not apply.\n"
	       "--format=prometheus suits the node exporter's textfile collector.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "format",	required_argument,	NULL,	'f' },
		{ "monitoring",	no_argument,		NULL,	'M' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:f:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'M':	/* the old tools' InfluxDB line protocol on stdout */
			cfg->format = FORMAT_INFLUX;
			break;
		case 'f':
			cfg->format = parse_format_or_die("--format", optarg);
			break;
		case 'i':
			cfg->id = optarg;
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
}

/* Read the status of endpoint @info; NULL (message printed) on failure. */
static struct roc_status *read_status(const struct roc_card_info *info)
{
	struct roc_status *st = NULL;
	struct roc_card *card;

	if (roc_card_open(roc_card_info_get_path(info), ROC_OPEN_READONLY,
			  &card)) {
		print_error("%s", roc_strerror_last());
		return NULL;
	}
	if (roc_status_read(card, 0, ROC_STATUS_NO_CLEAR, &st))
		print_error("%s", roc_strerror_last());
	roc_card_close(card);
	return st;
}

static bool get(const struct roc_status *st, enum roc_status_field f,
		int64_t *v)
{
	return !roc_status_get(st, f, v);
}

static void add_row(struct table *t, size_t seq,
		    const struct roc_card_info *info,
		    const struct roc_status *st)
{
	bool cru = roc_card_info_get_type(info) == ROC_TYPE_CRU;
	int64_t v;

	table_cell(t, "%zu", seq);
	table_cell(t, "%s", roc_type_name(roc_card_info_get_type(info)));
	table_cell(t, "%s", roc_card_info_get_address(info));
	if (roc_card_info_get_serial(info) >= 0)
		table_cell(t, "%04d", roc_card_info_get_serial(info));
	else
		table_cell(t, "-");
	table_cell(t, "%u", roc_card_info_get_endpoint(info));
	if (st && get(st, ROC_STATUS_FIELD_TEMPERATURE_MDEG, &v))
		table_cell(t, "%.1f", v / 1000.0);
	else
		table_cell(t, "-");
	if (st && get(st, ROC_STATUS_FIELD_DROPPED_PACKETS, &v))
		table_cell(t, "%lld", (long long)v);
	else
		table_cell(t, "-");
	if (st && get(st, ROC_STATUS_FIELD_CTP_CLOCK_HZ, &v))
		table_cell(t, "%.3f", v / 1e6);
	else
		table_cell(t, "-");
	if (st && get(st, ROC_STATUS_FIELD_LOCAL_CLOCK_HZ, &v))
		table_cell(t, "%.3f", v / 1e6);
	else
		table_cell(t, "-");
	if (st && cru && get(st, ROC_STATUS_FIELD_PACKETS_PER_SECOND, &v))
		table_cell(t, "%lld", (long long)v);
	else if (st && !cru)
		table_cell(t, "%llu", (unsigned long long)status_crorc_rate(st));
	else
		table_cell(t, "-");
}

static json_object *row_json(const struct roc_card_info *info,
			     const struct roc_status *st)
{
	json_object *o = card_id_json(info);
	bool cru = roc_card_info_get_type(info) == ROC_TYPE_CRU;
	int64_t v;

	json_object_object_add(o, "temperature",
			       get(st, ROC_STATUS_FIELD_TEMPERATURE_MDEG, &v) ?
			       json_double(v / 1000.0, "%.3f") : NULL);
	json_object_object_add(o, "droppedPackets",
			       get(st, ROC_STATUS_FIELD_DROPPED_PACKETS, &v) ?
			       json_object_new_int64(v) : NULL);
	json_object_object_add(o, "ctpClock",
			       get(st, ROC_STATUS_FIELD_CTP_CLOCK_HZ, &v) ?
			       json_double(v / 1e6, "%.3f") : NULL);
	json_object_object_add(o, "localClock",
			       get(st, ROC_STATUS_FIELD_LOCAL_CLOCK_HZ, &v) ?
			       json_double(v / 1e6, "%.3f") : NULL);
	if (cru)
		json_object_object_add(o, "totalPacketsPerSecond",
				       get(st, ROC_STATUS_FIELD_PACKETS_PER_SECOND, &v) ?
				       json_object_new_int64(v) : NULL);
	else
		json_object_object_add(o, "totalPacketsPerSecond",
				       json_object_new_int64((int64_t)status_crorc_rate(st)));
	return o;
}

int main(int argc, char **argv)
{
	struct config cfg = { .format = FORMAT_TABLE };
	const struct roc_card_info *info;
	struct roc_card_id *id = NULL;
	struct roc_card_list *list;
	struct roc_status *st;
	struct metrics *m = NULL;
	struct table *t = NULL;
	json_object *root = NULL;
	uint64_t now = 0;
	size_t n, i;
	int status = EXIT_SUCCESS;
	char key[24];

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	if (cfg.id)
		id = parse_card_id_or_die(cfg.id);
	if (roc_card_list_new(&list))
		die_lib();
	if (id && !roc_card_list_find(list, id))
		die_lib();

	if (cfg.format == FORMAT_TABLE)
		t = table_new(col_names, NCOLS);
	else if (cfg.format == FORMAT_JSON)
		root = json_object_new_object();
	else
		m = metrics_new(cfg.format);

	n = roc_card_list_count(list);
	for (i = 0; i < n; i++) {
		info = roc_card_list_get(list, i);
		if (id && !roc_card_id_matches(id, info))
			continue;
		st = read_status(info);
		if (!st)
			status = EXIT_FAILURE;
		if (t) {
			add_row(t, i, info, st);
		} else if (root && st) {
			snprintf(key, sizeof(key), "%zu", i);
			json_object_object_add(root, key, row_json(info, st));
		} else if (m && st) {
			status_metrics(m, info, st, METRICS_CARD_HEALTH);
			now = roc_status_get_time_ns(st);
		}
		roc_status_free(st);
	}

	if (t)
		table_print(t);
	else if (root)
		print_json(root, true);
	else
		metrics_print(m, now);
	roc_card_id_free(id);
	roc_card_list_free(list);
	return status;
}
