// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-read - read one 32-bit register of a BAR.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools-common.h"

static void print_help(void)
{
	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR\n", get_prog_name());
	printf("\nRead the 32-bit register at byte address ADDR of a BAR.\n");
	printf("Prints 0x<value>, or with --verbose\n"
	       "  0x<addr> => 0xhhhh.hhhh = 0b<bits> = <decimal>\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, NULL);
}

static void parse_config(int argc, char **argv, struct reg_config *cfg)
{
	static const struct option longopts[] = {
		{ "address",	required_argument,	NULL,	'a' },
		{ "bar",	required_argument,	NULL,	'c' },
		{ "channel",	required_argument,	NULL,	'c' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "ioctl",	no_argument,		NULL,	OPT_IOCTL },
		{ "json",	no_argument,		NULL,	'j' },
		{ "verbose",	no_argument,		NULL,	OPT_VERBOSE },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:a:c:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0)
		if (!reg_parse_common(cfg, opt, optarg, print_help))
			die_bad_option(opt, argv);
	if (optind < argc)
		die_usage("unexpected argument \"%s\"", argv[optind]);
	reg_check_common(cfg);
}

int main(int argc, char **argv)
{
	struct reg_config cfg = { 0 };
	char line[REG_LINE_MAX];
	struct roc_card *card;
	struct roc_bar *bar;
	json_object *o;
	uint32_t value;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	reg_open(&cfg, true, &card, &bar);
	if (roc_bar_read(bar, cfg.address, &value))
		die_lib();

	if (cfg.json) {
		o = reg_json(&cfg, card);
		json_object_object_add(o, "value", json_object_new_int64(value));
		print_json(o, false);
	} else if (cfg.verbose) {
		printf("%s\n", format_reg_line(cfg.address, value, line));
	} else {
		printf("0x%08x\n", value);
	}
	roc_bar_close(bar);
	roc_card_close(card);
	return EXIT_SUCCESS;
}
