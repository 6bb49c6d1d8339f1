// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-write - write one 32-bit register of a BAR and read it back.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools-common.h"

struct config {
	struct reg_config reg;
	uint32_t value;
	bool have_value;
	bool noread;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "    --value=VALUE", "value to write, decimal or 0x hex (required)" },
		{ "    --noread", "do not read the register back" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR --value=VALUE\n",
	       get_prog_name());
	printf("\nWrite VALUE to the 32-bit register at byte address ADDR of a BAR, then\n"
	       "read it back and print 0x<value> (--verbose: the verbose format).\n"
	       "Registers holding DMA addresses are protected: writing them needs\n"
	       "CAP_SYS_RAWIO.\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, opts);
}

#define OPT_VALUE	0x200
#define OPT_NOREAD	0x201

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "address",	required_argument,	NULL,	'a' },
		{ "bar",	required_argument,	NULL,	'c' },
		{ "channel",	required_argument,	NULL,	'c' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "ioctl",	no_argument,		NULL,	OPT_IOCTL },
		{ "json",	no_argument,		NULL,	'j' },
		{ "noread",	no_argument,		NULL,	OPT_NOREAD },
		{ "value",	required_argument,	NULL,	OPT_VALUE },
		{ "verbose",	no_argument,		NULL,	OPT_VERBOSE },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:a:c:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_VALUE:
			cfg->value = parse_value_or_die("--value", optarg,
							UINT32_MAX);
			cfg->have_value = true;
			break;
		case OPT_NOREAD:
			cfg->noread = true;
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
	if (!cfg->have_value)
		die_usage("no value given (--value)");
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	char line[REG_LINE_MAX];
	struct roc_card *card;
	struct roc_bar *bar;
	uint32_t value = 0;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	reg_open(&cfg.reg, false, &card, &bar);
	if (roc_bar_write(bar, cfg.reg.address, cfg.value))
		die_lib();
	if (!cfg.noread && roc_bar_read(bar, cfg.reg.address, &value))
		die_lib();

	if (cfg.reg.json) {
		o = reg_json(&cfg.reg, card);
		json_object_object_add(o, "written",
				       json_object_new_int64(cfg.value));
		if (!cfg.noread)
			json_object_object_add(o, "value",
					       json_object_new_int64(value));
		print_json(o, false);
	} else if (!cfg.noread) {
		if (cfg.reg.verbose)
			printf("%s\n", format_reg_line(cfg.reg.address, value, line));
		else
			printf("0x%08x\n", value);
	}
	roc_bar_close(bar);
	roc_card_close(card);
	return EXIT_SUCCESS;
}
