// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-ul - configure the CRU user logic's generator or show its settings
 * (docs/hardware.md P2-4.6; the options of o2-roc-ul).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"

struct config {
	const char *id;
	bool json;
	bool status;
	struct roc_ul ul;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the CRU endpoint (required)" },
		{ "    --event-size=N", "event size in 128-bit GBT words (default 100)" },
		{ "    --random-event-size", "random event sizes" },
		{ "    --system-id=N", "system ID of the generated RDHs (default 0xff)" },
		{ "    --link-id=N", "link ID of the generated RDHs (default 0xf)" },
		{ "    --status", "print the settings; configure nothing" },
		{ "-j, --json", "with --status: print JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s --id=ID [OPTIONS]\n", get_prog_name());
	printf("\nConfigure the data generator of the user logic of a CRU endpoint, or show\n"
	       "its settings with --status.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

enum { OPT_EVSIZE = 256, OPT_RANDOM, OPT_SYSID, OPT_LINKID, OPT_STATUS };

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "event-size",		required_argument, NULL, OPT_EVSIZE },
		{ "help",		no_argument,	NULL,	'h' },
		{ "id",			required_argument, NULL, 'i' },
		{ "json",		no_argument,	NULL,	'j' },
		{ "link-id",		required_argument, NULL, OPT_LINKID },
		{ "random-event-size",	no_argument,	NULL,	OPT_RANDOM },
		{ "status",		no_argument,	NULL,	OPT_STATUS },
		{ "system-id",		required_argument, NULL, OPT_SYSID },
		{ "version",		no_argument,	NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_EVSIZE:
			cfg->ul.event_size = parse_value_or_die("--event-size", optarg, UINT32_MAX);
			break;
		case OPT_RANDOM:
			cfg->ul.random_event_size = true;
			break;
		case OPT_SYSID:
			cfg->ul.system_id = parse_value_or_die("--system-id", optarg, 0xff);
			break;
		case OPT_LINKID:
			cfg->ul.link_id = parse_value_or_die("--link-id", optarg, 0xff);
			break;
		case OPT_STATUS:
			cfg->status = true;
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

int main(int argc, char **argv)
{
	struct config cfg = {
		.ul = { .event_size = 100, .system_id = 0xff, .link_id = 0xf },
	};
	struct roc_card_id *id;
	struct roc_card *card;
	struct roc_ul ul;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, cfg.status ? ROC_OPEN_READONLY : 0, &card))
		die_lib();
	roc_card_id_free(id);
	if (!cfg.status) {
		if (roc_ul_set(card, &cfg.ul))
			die_lib();
		roc_card_close(card);
		return EXIT_SUCCESS;
	}
	if (roc_ul_get(card, &ul))
		die_lib();
	if (cfg.json) {
		o = json_object_new_object();
		json_object_object_add(o, "systemId", json_object_new_int64(ul.system_id));
		json_object_object_add(o, "linkId", json_object_new_int64(ul.link_id));
		json_object_object_add(o, "eventSize", json_object_new_int64(ul.event_size));
		json_object_object_add(o, "randomEventSize", json_object_new_boolean(ul.random_event_size));
		print_json(o, true);
	} else {
		printf("System ID:\t0x%x\n", ul.system_id);
		printf("Link ID:\t%u\n", ul.link_id);
		printf("Event size:\t%u GBT words (%.2f Kb, %.2f KB)\n", ul.event_size,
		       ul.event_size * 128 / 1024.0, ul.event_size * 128 / 8192.0);
		printf("Randomized:\t%s\n", ul.random_event_size ? "true" : "false");
	}
	roc_card_close(card);
	return EXIT_SUCCESS;
}
