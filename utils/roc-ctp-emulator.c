// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-ctp-emulator - start the CRU's CTP emulator, send EOX or one trigger
 * (docs/hardware.md P2-2; the options of o2-roc-ctp-emulator).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct config {
	const char *id;
	bool eox;
	bool single;
	struct roc_ctp ctp;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the CRU endpoint (required)" },
		{ "    --bcmax=N", "maximum bunch crossing, at most 3563 (default 3563)" },
		{ "    --hbmax=N", "heartbeats per time frame, at most 65535 (default 255)" },
		{ "    --hbdrop=N", "heartbeats to drop, 2-65535 (default 15000)" },
		{ "    --hbkeep=N", "heartbeats to keep, 2-65535 (default 15000)" },
		{ "    --init-orbit=HEX", "initial orbit, always hex (\"0x1e\" or \"1e\"; default 0)" },
		{ "    --trigger-mode=MODE", "manual, periodic (default), continuous, fixed, hc or cal" },
		{ "    --trigger-freq=N", "trigger divider: periodic > 7, hc > 10, cal > 18 to\n"
				       "activate; at most 0xfffffff (default 8)" },
		{ "    --eox", "send an end of run (the emulator goes idle); nothing else" },
		{ "    --single-trigger", "send one physics trigger; nothing else" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s --id=ID [OPTIONS]\n", get_prog_name());
	printf("\nConfigure and start the CTP emulator of a CRU endpoint, or send EOX or a\n"
	       "single trigger.  The TTC downstream data source is left as it is.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

enum {
	OPT_BCMAX = 256, OPT_HBMAX, OPT_HBDROP, OPT_HBKEEP, OPT_ORBIT,
	OPT_MODE, OPT_FREQ, OPT_EOX, OPT_SINGLE,
};

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "bcmax",		required_argument, NULL, OPT_BCMAX },
		{ "eox",		no_argument,	NULL,	OPT_EOX },
		{ "hbdrop",		required_argument, NULL, OPT_HBDROP },
		{ "hbkeep",		required_argument, NULL, OPT_HBKEEP },
		{ "hbmax",		required_argument, NULL, OPT_HBMAX },
		{ "help",		no_argument,	NULL,	'h' },
		{ "id",			required_argument, NULL, 'i' },
		{ "init-orbit",		required_argument, NULL, OPT_ORBIT },
		{ "single-trigger",	no_argument,	NULL,	OPT_SINGLE },
		{ "trigger-freq",	required_argument, NULL, OPT_FREQ },
		{ "trigger-mode",	required_argument, NULL, OPT_MODE },
		{ "version",		no_argument,	NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:v";
	struct roc_ctp *c = &cfg->ctp;
	uint64_t v;
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_BCMAX:
			c->bcmax = parse_value_or_die("--bcmax", optarg, UINT32_MAX);
			break;
		case OPT_HBMAX:
			c->hbmax = parse_value_or_die("--hbmax", optarg, UINT32_MAX);
			break;
		case OPT_HBDROP:
			c->hbdrop = parse_value_or_die("--hbdrop", optarg, UINT32_MAX);
			break;
		case OPT_HBKEEP:
			c->hbkeep = parse_value_or_die("--hbkeep", optarg, UINT32_MAX);
			break;
		case OPT_ORBIT:
			/* the old tool: strtoul(s, 16), "0x" optional */
			if (parse_hex(optarg, UINT32_MAX, &v))
				die_usage("--init-orbit \"%s\": not a 32-bit hex number", optarg);
			c->init_orbit = (uint32_t)v;
			break;
		case OPT_MODE:
			if (roc_ctp_mode_parse(optarg, &c->mode))
				die_usage("--trigger-mode: %s", roc_strerror_last());
			break;
		case OPT_FREQ:
			c->trigger_freq = parse_value_or_die("--trigger-freq", optarg, UINT32_MAX);
			break;
		case OPT_EOX:
			cfg->eox = true;
			break;
		case OPT_SINGLE:
			cfg->single = true;
			break;
		default:
			if (!parse_std_option(opt, NULL, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (cfg->eox && cfg->single)
		die_usage("--eox and --single-trigger exclude each other");
	if (!cfg->eox && !cfg->single && roc_ctp_check(c))
		die_usage("%s", roc_strerror_last());
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	struct roc_card_id *id;
	struct roc_card *card;
	int ret;

	set_prog_name(argv[0]);
	roc_ctp_defaults(&cfg.ctp);
	parse_config(argc, argv, &cfg);
	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, 0, &card))
		die_lib();
	roc_card_id_free(id);
	if (cfg.eox)
		ret = roc_ctp_eox(card);
	else if (cfg.single)
		ret = roc_ctp_single_trigger(card);
	else
		ret = roc_ctp_start(card, &cfg.ctp);
	if (ret)
		die_lib();
	roc_card_close(card);
	return EXIT_SUCCESS;
}
