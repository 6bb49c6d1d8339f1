// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-reg-read-range - read consecutive 32-bit registers of a BAR, as
 * lines or into a binary file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reg-common.h"

/* Most registers one call reads: a 16 MiB BAR. */
#define RANGE_MAX (4u * 1024 * 1024)

struct config {
	uint32_t range;
	const char *file;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-r, --range=N", "number of registers to read (default 1)" },
		{ "-f, --file=PATH", "write the values to PATH as a binary dump\n"
				     "(32-bit words in host byte order) instead" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID --address=ADDR [--range=N]\n",
	       get_prog_name());
	printf("\nRead N consecutive 32-bit registers from byte address ADDR of a BAR;\n"
	       "print one line per register:\n"
	       "  0x<addr> => 0xhhhh.hhhh = 0b<bits> = <decimal>\n");
	printf("\nOptions:\n");
	print_options(reg_common_help, opts);
}

static bool parse_option(void *ctx, int opt, const char *arg)
{
	struct config *cfg = ctx;

	switch (opt) {
	case 'f':
		cfg->file = arg;
		return true;
	case 'r':
		cfg->range = parse_value_or_die("--range", arg, RANGE_MAX);
		if (!cfg->range)
			die_usage("--range: at least one register");
		return true;
	}
	return false;
}

static void parse_config(int argc, char **argv, struct reg_config *reg,
			 struct config *cfg)
{
	static const struct option longopts[] = {
		{ "file",	required_argument,	NULL,	'f' },
		{ "range",	required_argument,	NULL,	'r' },
		{ NULL, 0, NULL, 0 },
	};
	const struct reg_tool tool = {
		.print_help = print_help,
		.longopts = longopts,
		.shortopts = "f:r:",
		.parse = parse_option,
		.ctx = cfg,
	};

	cfg->range = 1;
	reg_parse_args(argc, argv, reg, &tool);
	if (cfg->file && reg->json)
		die_usage("--file and --json exclude each other");
}

static void write_file(const char *path, const uint32_t *values, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fwrite(values, sizeof(*values), n, f) != n || fclose(f))
		die("%s: write failed: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	struct reg_config reg = { 0 };
	struct config cfg = { 0 };
	char line[REG_LINE_MAX];
	struct roc_card *card;
	struct roc_bar *bar;
	uint32_t *values;
	json_object *o, *arr;
	size_t i;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &reg, &cfg);
	reg_open(&reg, true, &card, &bar);
	values = calloc(cfg.range, sizeof(*values));
	if (!values)
		die("out of memory");
	if (roc_bar_read_range(bar, reg.address, values, cfg.range))
		die_lib();

	if (cfg.file) {
		write_file(cfg.file, values, cfg.range);
	} else if (reg.json) {
		o = reg_json(&reg, card);
		arr = json_object_new_array();
		for (i = 0; i < cfg.range; i++)
			json_object_array_add(arr, json_object_new_int64(values[i]));
		json_object_object_add(o, "range", json_object_new_int64(cfg.range));
		json_object_object_add(o, "values", arr);
		print_json(o, false);
	} else {
		for (i = 0; i < cfg.range; i++)
			printf("%s\n", format_reg_line(reg.address + 4 * (uint32_t)i,
						       values[i], line));
	}
	free(values);
	reg_close(card, bar);
	return EXIT_SUCCESS;
}
