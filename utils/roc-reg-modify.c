// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-modify - set a bit field of one 32-bit register of a BAR.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools-common.h"

struct config {
	struct reg_config reg;
	uint32_t value;
	bool have_value;
	uint32_t position;
	uint32_t width;
	bool noread;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "    --value=VALUE", "value of the field, decimal or 0x hex (required)" },
		{ "    --position=BIT", "lowest bit of the field, 0-31 (default 0)" },
		{ "    --width=BITS", "width of the field, 1-32 (default 1)" },
		{ "    --noread", "print nothing" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR --value=VALUE\n"
	       "       [--position=BIT] [--width=BITS]\n", get_prog_name());
	printf("\nSet bits POSITION to POSITION+WIDTH-1 of the 32-bit register at byte\n"
	       "address ADDR of a BAR to VALUE, atomically with respect to other\n"
	       "read-modify-writes.  Prints the register before and after:\n"
	       "  0x<before> -> 0x<after>\n"
	       "(--verbose: one verbose line for each).\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, opts);
}

#define OPT_VALUE	0x200
#define OPT_NOREAD	0x201
#define OPT_POSITION	0x202
#define OPT_WIDTH	0x203

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
		{ "position",	required_argument,	NULL,	OPT_POSITION },
		{ "value",	required_argument,	NULL,	OPT_VALUE },
		{ "verbose",	no_argument,		NULL,	OPT_VERBOSE },
		{ "version",	no_argument,		NULL,	'v' },
		{ "width",	required_argument,	NULL,	OPT_WIDTH },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:a:c:hi:jv";
	int opt;

	cfg->width = 1;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_VALUE:
			cfg->value = parse_value_or_die("--value", optarg,
							UINT32_MAX);
			cfg->have_value = true;
			break;
		case OPT_POSITION:
			cfg->position = parse_value_or_die("--position", optarg, 31);
			break;
		case OPT_WIDTH:
			cfg->width = parse_value_or_die("--width", optarg, 32);
			if (!cfg->width)
				die_usage("--width: at least 1 bit");
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
	if (cfg->position + cfg->width > 32)
		die_usage("bits %u to %u do not fit in a 32-bit register",
			  cfg->position, cfg->position + cfg->width - 1);
	if (cfg->width < 32 && cfg->value >> cfg->width)
		die_usage("value 0x%x does not fit in %u bit%s", cfg->value,
			  cfg->width, cfg->width == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	char l1[REG_LINE_MAX], l2[REG_LINE_MAX];
	struct roc_card *card;
	struct roc_bar *bar;
	uint32_t mask, old, now;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	mask = (cfg.width == 32 ? UINT32_MAX : (1u << cfg.width) - 1)
	       << cfg.position;
	reg_open(&cfg.reg, false, &card, &bar);
	if (roc_bar_modify(bar, cfg.reg.address, mask,
			   cfg.value << cfg.position, &old, &now))
		die_lib();

	if (cfg.reg.json) {
		o = reg_json(&cfg.reg, card);
		json_object_object_add(o, "position",
				       json_object_new_int((int)cfg.position));
		json_object_object_add(o, "width",
				       json_object_new_int((int)cfg.width));
		json_object_object_add(o, "before", json_object_new_int64(old));
		json_object_object_add(o, "after", json_object_new_int64(now));
		print_json(o, false);
	} else if (!cfg.noread) {
		if (cfg.reg.verbose)
			printf("%s\n%s\n", format_reg_line(cfg.reg.address, old, l1),
			       format_reg_line(cfg.reg.address, now, l2));
		else
			printf("0x%08x -> 0x%08x\n", old, now);
	}
	roc_bar_close(bar);
	roc_card_close(card);
	return EXIT_SUCCESS;
}
