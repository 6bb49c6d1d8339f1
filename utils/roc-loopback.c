// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-loopback - the GBT loopback test of a CRU endpoint: the links' own
 * generator, error counters every interval (docs/hardware.md P2-4.5; the
 * options of o2-roc-loopback).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

struct config {
	const char *id;
	bool json;
	bool skip_reset;
	bool expert;
	uint32_t links;
	unsigned int interval;
	unsigned int count;
	struct roc_loopback lb;
};

static volatile sig_atomic_t stop;

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the CRU endpoint (required)" },
		{ "    --links=LIST", "links, e.g. 0-3,5 or all (default 0)" },
		{ "    --interval=SECONDS", "time between readings (default 1)" },
		{ "    --count=N", "stop after N readings (default: until Ctrl-C)" },
		{ "    --skip-reset", "do not set up the generator nor reset the counters" },
		{ "    --pattern-mode=MODE", "counter (default) or static" },
		{ "    --counter-type=TYPE", "30bit (default) or 8bit" },
		{ "    --high-mask=HEX", "mask of bits 79:64 (default 0xffffffff)" },
		{ "    --med-mask=HEX", "mask of bits 63:32 (default 0xffffffff)" },
		{ "    --low-mask=HEX", "mask of bits 31:0 (default 0xffffffff)" },
		{ "    --expert-view", "add PLL lock, RX locked to data, data layer up" },
		{ "-j, --json", "print one JSON object per reading" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s --id=ID [OPTIONS]\n", get_prog_name());
	printf("\nRun the GBT loopback test: the links' internal generator feeds their\n"
	       "receivers; print the error counters every interval.  The generator is\n"
	       "left on afterwards, as with the old tool.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

enum {
	OPT_LINKS = 256, OPT_INTERVAL, OPT_COUNT, OPT_SKIP, OPT_PMODE, OPT_CTYPE,
	OPT_HIGH, OPT_MED, OPT_LOW, OPT_EXPERT,
};

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "count",		required_argument, NULL, OPT_COUNT },
		{ "counter-type",	required_argument, NULL, OPT_CTYPE },
		{ "expert-view",	no_argument,	NULL,	OPT_EXPERT },
		{ "help",		no_argument,	NULL,	'h' },
		{ "high-mask",		required_argument, NULL, OPT_HIGH },
		{ "id",			required_argument, NULL, 'i' },
		{ "interval",		required_argument, NULL, OPT_INTERVAL },
		{ "json",		no_argument,	NULL,	'j' },
		{ "json-out",	no_argument,	NULL,	'j' },
		{ "links",		required_argument, NULL, OPT_LINKS },
		{ "low-mask",		required_argument, NULL, OPT_LOW },
		{ "med-mask",		required_argument, NULL, OPT_MED },
		{ "pattern-mode",	required_argument, NULL, OPT_PMODE },
		{ "skip-reset",		no_argument,	NULL,	OPT_SKIP },
		{ "version",		no_argument,	NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	uint64_t v;
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_LINKS:
			cfg->links = parse_links_or_die("--links", optarg, 12);
			break;
		case OPT_INTERVAL:
			cfg->interval = parse_value_or_die("--interval", optarg, 3600);
			if (!cfg->interval)
				die_usage("--interval 0: at least 1 second");
			break;
		case OPT_COUNT:
			cfg->count = parse_value_or_die("--count", optarg, UINT32_MAX);
			break;
		case OPT_SKIP:
			cfg->skip_reset = true;
			break;
		case OPT_PMODE:
			if (!strcasecmp(optarg, "static"))
				cfg->lb.static_pattern = true;
			else if (!strcasecmp(optarg, "counter"))
				cfg->lb.static_pattern = false;
			else
				die_usage("--pattern-mode \"%s\": not counter or static", optarg);
			break;
		case OPT_CTYPE:
			if (!strcasecmp(optarg, "8bit"))
				cfg->lb.counter_8bit = true;
			else if (!strcasecmp(optarg, "30bit"))
				cfg->lb.counter_8bit = false;
			else
				die_usage("--counter-type \"%s\": not 30bit or 8bit", optarg);
			break;
		case OPT_HIGH: case OPT_MED: case OPT_LOW:
			if (parse_hex(optarg, UINT32_MAX, &v))
				die_usage("--%s-mask \"%s\": not a 32-bit hex number",
					  opt == OPT_HIGH ? "high" : opt == OPT_MED ? "med" : "low",
					  optarg);
			if (opt == OPT_HIGH)
				cfg->lb.high_mask = (uint32_t)v;
			else if (opt == OPT_MED)
				cfg->lb.med_mask = (uint32_t)v;
			else
				cfg->lb.low_mask = (uint32_t)v;
			break;
		case OPT_EXPERT:
			cfg->expert = true;
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

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void reading(struct roc_card *card, const struct config *cfg)
{
	struct roc_loopback_stats st;
	json_object *o = NULL, *l;
	unsigned int link;
	char key[8];

	if (cfg->json)
		o = json_object_new_object();
	else if (cfg->expert)
		printf("%-8s %-12s %-20s %-20s %-9s %-18s %-14s\n", "Link ID",
		       "GBT PHY UP", "RX Data Error Count", "FEC Error Count",
		       "PLL Lock", "RX Locked to Data", "Data layer UP");
	else
		printf("%-8s %-12s %-20s %-20s\n", "Link ID", "GBT PHY UP",
		       "RX Data Error Count", "FEC Error Count");
	for (link = 0; link < 12; link++) {
		if (!(cfg->links & (1u << link)))
			continue;
		if (roc_loopback_read(card, link, &st))
			die_lib();
		if (o) {
			l = json_object_new_object();
			json_object_object_add(l, "gbtPhyUp", json_object_new_boolean(st.phy_up));
			json_object_object_add(l, "rxDataErrorCount", json_object_new_int64(st.rx_data_errors));
			json_object_object_add(l, "fecErrorCount", json_object_new_int64(st.fec_errors));
			json_object_object_add(l, "pllLock", json_object_new_boolean(st.pll_lock));
			json_object_object_add(l, "rxLockedToData", json_object_new_boolean(st.rx_locked));
			json_object_object_add(l, "dataLayerUp", json_object_new_boolean(st.data_layer_up));
			snprintf(key, sizeof(key), "%u", link);
			json_object_object_add(o, key, l);
		} else if (cfg->expert) {
			printf("%-8u %-12s %-20u %-20u %-9s %-18s %-14s\n", link,
			       st.phy_up ? "UP" : "DOWN", st.rx_data_errors, st.fec_errors,
			       st.pll_lock ? "yes" : "no", st.rx_locked ? "yes" : "no",
			       st.data_layer_up ? "UP" : "DOWN");
		} else {
			printf("%-8u %-12s %-20u %-20u\n", link, st.phy_up ? "UP" : "DOWN",
			       st.rx_data_errors, st.fec_errors);
		}
	}
	if (o)
		print_json(o, false);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct config cfg = {
		.links = 1, .interval = 1,
		.lb = { .high_mask = 0xffffffff, .med_mask = 0xffffffff,
			.low_mask = 0xffffffff },
	};
	struct roc_card_id *id;
	struct roc_card *card;
	struct timespec ts;
	unsigned int n = 0;
	bool tty;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, cfg.skip_reset ? ROC_OPEN_READONLY : 0, &card))
		die_lib();
	roc_card_id_free(id);
	if (!cfg.skip_reset && roc_loopback_setup(card, cfg.links, &cfg.lb))
		die_lib();
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	tty = isatty(STDOUT_FILENO) && !cfg.json;
	while (!stop) {
		if (tty)
			printf("\033[2J\033[H");
		reading(card, &cfg);
		if (cfg.count && ++n >= cfg.count)
			break;
		ts.tv_sec = cfg.interval;
		ts.tv_nsec = 0;
		while (nanosleep(&ts, &ts) && errno == EINTR && !stop)
			;
	}
	roc_card_close(card);
	return EXIT_SUCCESS;
}
