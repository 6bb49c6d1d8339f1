// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * reg-common.c - the register tools (roc-reg-*, roc-bar-stress): their
 * common options, opening the card and BAR, printing a register.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reg-common.h"

char *format_reg_line(uint32_t address, uint32_t value, char *buf)
{
	char bits[40];
	int i, n = 0;

	for (i = 31; i >= 0; i--) {
		bits[n++] = value >> i & 1 ? '1' : '0';
		if (i && i % 4 == 0)
			bits[n++] = '.';
	}
	bits[n] = '\0';
	snprintf(buf, REG_LINE_MAX, "0x%x => 0x%04x.%04x = 0b%s = %u",
		 address, value >> 16, value & 0xffff, bits, value);
	return buf;
}

const struct help_opt reg_common_help[] = {
	{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
			 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E" },
	{ "-c, --channel=N", "BAR index (CRU 0 or 2, C-RORC 0-5; default 0)" },
	{ "    --bar=N", "same as --channel" },
	{ "-a, --address=ADDR", "hexadecimal byte address, a multiple of 4" },
	{ "    --ioctl", "access registers by ioctl instead of mmap" },
	{ "-j, --json", "print the result as JSON" },
	{ "    --verbose", "print the verbose register format" },
	{ "-h, --help", "print this help and exit" },
	{ "-v, --version", "print the version and exit" },
	{ NULL, NULL },
};

bool reg_parse_common(struct reg_config *cfg, int opt, const char *arg,
		      void (*print_help)(void))
{
	switch (opt) {
	case 'a':
		cfg->address = parse_address_or_die("--address", arg);
		cfg->have_address = true;
		return true;
	case 'c':
		cfg->bar = parse_value_or_die("--channel", arg, 5);
		return true;
	case 'i':
		cfg->id = arg;
		return true;
	case OPT_IOCTL:
		cfg->use_ioctl = true;
		return true;
	case OPT_VERBOSE:
		cfg->verbose = true;
		return true;
	}
	return parse_std_option(opt, &cfg->json, print_help);
}

void reg_check_common(const struct reg_config *cfg)
{
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (!cfg->have_address)
		die_usage("no register address given (--address)");
}

void reg_open(const struct reg_config *cfg, bool readonly,
	      struct roc_card **cardp, struct roc_bar **barp)
{
	struct roc_card_id *id = parse_card_id_or_die(cfg->id);
	int ret;

	ret = roc_card_open_id(id, readonly ? ROC_OPEN_READONLY : 0, cardp);
	roc_card_id_free(id);
	if (ret)
		die_lib();
	ret = roc_bar_open(*cardp, cfg->bar, cfg->use_ioctl ? ROC_BAR_IOCTL : 0,
			   barp);
	if (ret)
		die_lib();
}

/* The options every register tool has, name-sorted. */
static const struct option reg_longopts[] = {
	{ "address",	required_argument,	NULL,	'a' },
	{ "bar",	required_argument,	NULL,	'c' },
	{ "channel",	required_argument,	NULL,	'c' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "id",		required_argument,	NULL,	'i' },
	{ "ioctl",	no_argument,		NULL,	OPT_IOCTL },
	{ "json",	no_argument,		NULL,	'j' },
	{ "verbose",	no_argument,		NULL,	OPT_VERBOSE },
	{ "version",	no_argument,		NULL,	'v' },
};
#define REG_NUM_LONGOPTS (sizeof(reg_longopts) / sizeof(reg_longopts[0]))
/* Common rows, --value, --noread, a tool's own and the final zero row. */
#define REG_MAX_LONGOPTS (REG_NUM_LONGOPTS + 2 + 16 + 1)

static size_t reg_add_opts(struct option *to, size_t n,
			   const struct option *from, size_t count)
{
	for (; count && from->name; from++, count--) {
		if (n + 1 >= REG_MAX_LONGOPTS)
			die("internal error: too many options");
		to[n++] = *from;
	}
	return n;
}

void reg_parse_args(int argc, char **argv, struct reg_config *cfg,
		    const struct reg_tool *tool)
{
	static const struct option value_opt[] = {
		{ "value",	required_argument,	NULL,	OPT_VALUE },
	};
	static const struct option noread_opt[] = {
		{ "noread",	no_argument,		NULL,	OPT_NOREAD },
	};
	struct option longopts[REG_MAX_LONGOPTS] = { { 0 } };
	char shortopts[64];
	size_t n;
	int opt;

	n = reg_add_opts(longopts, 0, reg_longopts, REG_NUM_LONGOPTS);
	if (tool->flags & (REG_OPT_VALUE | REG_NEED_VALUE))
		n = reg_add_opts(longopts, n, value_opt, 1);
	if (tool->flags & REG_OPT_NOREAD)
		n = reg_add_opts(longopts, n, noread_opt, 1);
	if (tool->longopts)
		reg_add_opts(longopts, n, tool->longopts, SIZE_MAX);
	snprintf(shortopts, sizeof(shortopts), "+:a:c:hi:jv%s",
		 tool->shortopts ? tool->shortopts : "");

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_VALUE:
			cfg->value = parse_value_or_die("--value", optarg,
							UINT32_MAX);
			cfg->have_value = true;
			continue;
		case OPT_NOREAD:
			cfg->noread = true;
			continue;
		}
		if (reg_parse_common(cfg, opt, optarg, tool->print_help))
			continue;
		if (opt == '?' || opt == ':' || !tool->parse ||
		    !tool->parse(tool->ctx, opt, optarg))
			die_bad_option(opt, argv);
	}
	check_no_operands(argc, argv);
	reg_check_common(cfg);
	if ((tool->flags & REG_NEED_VALUE) && !cfg->have_value)
		die_usage("no value given (--value)");
}

void reg_print_value(const struct reg_config *cfg, uint32_t value)
{
	char line[REG_LINE_MAX];

	if (cfg->verbose)
		printf("%s\n", format_reg_line(cfg->address, value, line));
	else
		printf("0x%08x\n", value);
}

void reg_close(struct roc_card *card, struct roc_bar *bar)
{
	roc_bar_close(bar);
	roc_card_close(card);
}

json_object *reg_json(const struct reg_config *cfg,
		      const struct roc_card *card)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(cfg->id));
	json_object_object_add(o, "device",
			       json_object_new_string(roc_card_info_get_path(info)));
	json_object_object_add(o, "bar", json_object_new_int((int)cfg->bar));
	json_object_object_add(o, "address", json_object_new_int64(cfg->address));
	return o;
}
