// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reset - acquire a DMA channel and reset the card's DMA engine of it
 * (docs/hardware.md 10: o2-roc-reset --reset NOTHING|INTERNAL|INTERNAL_SIU).
 *
 * NOTHING only acquires and releases the channel (a check that nobody
 * holds it); INTERNAL resets the DMA engine of the channel on the card;
 * INTERNAL_SIU also resets the SIU at the far end of a C-RORC channel's
 * DDL link and checks that the link comes up again (4.2); a CRU has no SIU
 * (EOPNOTSUPP).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

enum reset_level { RESET_NOTHING, RESET_INTERNAL, RESET_INTERNAL_SIU };

static const char *const level_names[] = {
	[RESET_NOTHING] = "NOTHING",
	[RESET_INTERNAL] = "INTERNAL",
	[RESET_INTERNAL_SIU] = "INTERNAL_SIU",
};

struct config {
	const char *id;
	unsigned int channel;
	enum reset_level level;
	bool json;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
				 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E" },
		{ "-c, --channel=N", "DMA channel (CRU 0, C-RORC 0-5; default 0)" },
		{ "-r, --reset=LEVEL", "NOTHING, INTERNAL (default) or INTERNAL_SIU" },
		{ "-j, --json", "print the result as JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID [--channel=N] [--reset=LEVEL]\n",
	       get_prog_name());
	printf("\nAcquire DMA channel N of a card and reset the card's DMA engine of the\n"
	       "channel (INTERNAL), or only check that the channel is free (NOTHING).\n"
	       "INTERNAL_SIU also resets the SIU of a C-RORC channel's DDL link and checks\n"
	       "that the link comes up again (a CRU has no SIU: refused).\n"
	       "Prints \"<card>: DMA channel N: reset LEVEL\".  A channel held by another\n"
	       "process is an error naming the process.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static enum reset_level parse_level(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (!strcasecmp(s, level_names[i]))
			return (enum reset_level)i;
	die_usage("--reset: unknown level \"%s\" (NOTHING, INTERNAL, INTERNAL_SIU)",
		  s);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "channel",	required_argument,	NULL,	'c' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "reset",	required_argument,	NULL,	'r' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:c:hi:jr:v";
	int opt;

	cfg->level = RESET_INTERNAL;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'c':
			cfg->channel = parse_value_or_die("--channel", optarg, 5);
			break;
		case 'i':
			cfg->id = optarg;
			break;
		case 'r':
			cfg->level = parse_level(optarg);
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
	const struct roc_card_info *info;
	struct config cfg = { 0 };
	struct roc_channel *ch;
	struct roc_card_id *id;
	struct roc_card *card;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, 0, &card))
		die_lib();
	roc_card_id_free(id);
	info = roc_card_get_info(card);

	if (cfg.level == RESET_INTERNAL_SIU &&
	    roc_card_info_get_type(info) != ROC_TYPE_CRORC)
		/* Exit 1 like every error; errno EOPNOTSUPP in the message. */
		die("%s: DMA channel %u: reset INTERNAL_SIU: the card has no SIU; use --reset=INTERNAL (%s)",
		    roc_card_get_label(card), cfg.channel, strerror(EOPNOTSUPP));
	/* Acquiring the channel stops nothing: it fails if somebody holds it. */
	if (roc_channel_open(card, cfg.channel, &ch))
		die_lib();
	if (cfg.level == RESET_INTERNAL && roc_channel_reset(ch))
		die_lib();
	if (cfg.level == RESET_INTERNAL_SIU &&
	    roc_channel_reset_level(ch, ROC_RESET_LEVEL_INTERNAL_SIU))
		die_lib();
	roc_channel_close(ch);

	if (cfg.json) {
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_string(cfg.id));
		json_object_object_add(o, "device",
				       json_object_new_string(roc_card_info_get_path(info)));
		json_object_object_add(o, "channel",
				       json_object_new_int((int)cfg.channel));
		json_object_object_add(o, "reset",
				       json_object_new_string(level_names[cfg.level]));
		print_json(o, false);
	} else {
		printf("%s: DMA channel %u: reset %s\n", roc_card_get_label(card),
		       cfg.channel, level_names[cfg.level]);
	}
	roc_card_close(card);
	return EXIT_SUCCESS;
}
