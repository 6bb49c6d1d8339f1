// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-modify - set a bit field of one 32-bit register of a BAR.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "reg-common.h"

struct config {
	uint32_t position;
	uint32_t width;
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

#define OPT_POSITION	OPT_TOOL
#define OPT_WIDTH	(OPT_TOOL + 1)

static bool parse_option(void *ctx, int opt, const char *arg)
{
	struct config *cfg = ctx;

	switch (opt) {
	case OPT_POSITION:
		cfg->position = parse_value_or_die("--position", arg, 31);
		return true;
	case OPT_WIDTH:
		cfg->width = parse_value_or_die("--width", arg, 32);
		if (!cfg->width)
			die_usage("--width: at least 1 bit");
		return true;
	}
	return false;
}

static void parse_config(int argc, char **argv, struct reg_config *reg,
			 struct config *cfg)
{
	static const struct option longopts[] = {
		{ "position",	required_argument,	NULL,	OPT_POSITION },
		{ "width",	required_argument,	NULL,	OPT_WIDTH },
		{ NULL, 0, NULL, 0 },
	};
	const struct reg_tool tool = {
		.print_help = print_help,
		.flags = REG_NEED_VALUE | REG_OPT_NOREAD,
		.longopts = longopts,
		.parse = parse_option,
		.ctx = cfg,
	};

	cfg->width = 1;
	reg_parse_args(argc, argv, reg, &tool);
	if (cfg->position + cfg->width > 32)
		die_usage("bits %u to %u do not fit in a 32-bit register",
			  cfg->position, cfg->position + cfg->width - 1);
	if (cfg->width < 32 && reg->value >> cfg->width)
		die_usage("value 0x%x does not fit in %u bit%s", reg->value,
			  cfg->width, cfg->width == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	char l1[REG_LINE_MAX], l2[REG_LINE_MAX];
	struct reg_config reg = { 0 };
	struct config cfg = { 0 };
	struct roc_card *card;
	struct roc_bar *bar;
	uint32_t mask, old, now;
	json_object *o;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &reg, &cfg);
	mask = (cfg.width == 32 ? UINT32_MAX : (1u << cfg.width) - 1)
	       << cfg.position;
	reg_open(&reg, false, &card, &bar);
	if (roc_bar_modify(bar, reg.address, mask, reg.value << cfg.position,
			   &old, &now))
		die_lib();

	if (reg.json) {
		o = reg_json(&reg, card);
		json_object_object_add(o, "position",
				       json_object_new_int((int)cfg.position));
		json_object_object_add(o, "width",
				       json_object_new_int((int)cfg.width));
		json_object_object_add(o, "before", json_object_new_int64(old));
		json_object_object_add(o, "after", json_object_new_int64(now));
		print_json(o, false);
	} else if (!reg.noread) {
		if (reg.verbose)
			printf("%s\n%s\n", format_reg_line(reg.address, old, l1),
			       format_reg_line(reg.address, now, l2));
		else
			printf("0x%08x -> 0x%08x\n", old, now);
	}
	reg_close(card, bar);
	return EXIT_SUCCESS;
}
