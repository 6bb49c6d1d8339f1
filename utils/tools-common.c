// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tools-common.c - code shared by the roc-* tools: messages and exit
 * codes, help tables, number parsing, the register tools' options,
 * output formats.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools-common.h"

#ifndef ROC_VERSION
#define ROC_VERSION "0.0.0"
#endif

static const char *prog_name = "roc";

const char *get_prog_name(void)
{
	return prog_name;
}

void set_prog_name(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	prog_name = slash ? slash + 1 : argv0;
}

static void vprint_error(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", prog_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void print_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

void die_lib(void)
{
	die("%s", roc_strerror_last());
}

void die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog_name);
	exit(EXIT_USAGE);
}

void print_version(void)
{
	printf("%s (roc) %s\n", prog_name, ROC_VERSION);
	printf("libroc %s\n", roc_version_string());
}

static size_t options_width(const struct help_opt *o, size_t width)
{
	for (; o && o->opt; o++)
		if (strlen(o->opt) > width)
			width = strlen(o->opt);
	return width;
}

static void print_option_rows(const struct help_opt *o, size_t width)
{
	const char *p, *nl;

	for (; o && o->opt; o++) {
		printf("  %-*s  ", (int)width, o->opt);
		for (p = o->help; (nl = strchr(p, '\n')); p = nl + 1)
			printf("%.*s\n  %-*s  ", (int)(nl - p), p, (int)width, "");
		printf("%s\n", p);
	}
}

void print_options(const struct help_opt *opts, const struct help_opt *more)
{
	size_t width = options_width(more, options_width(opts, 0));

	print_option_rows(opts, width);
	print_option_rows(more, width);
}

void die_bad_option(int opt, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	int len = (int)strcspn(arg, "=");

	/* A long option is named as given; a short one by optopt. */
	if (opt == ':') {
		if (!strncmp(arg, "--", 2) || !optopt)
			die_usage("option '%.*s' needs an argument", len, arg);
		die_usage("option '-%c' needs an argument", optopt);
	}
	if (!strncmp(arg, "--", 2) || !optopt)
		die_usage("unknown option '%.*s'", len, arg);
	die_usage("unknown option '-%c'", optopt);
}

bool parse_std_option(int opt, bool *json, void (*print_help)(void))
{
	switch (opt) {
	case 'h':
		print_help();
		exit(EXIT_SUCCESS);
	case 'v':
		print_version();
		exit(EXIT_SUCCESS);
	case 'j':
		if (!json)
			return false;
		*json = true;
		return true;
	}
	return false;
}

void check_no_operands(int argc, char **argv)
{
	if (optind < argc)
		die_usage("unexpected argument \"%s\"", argv[optind]);
}

static int parse_digits(const char *s, int base, uint64_t max, uint64_t *val)
{
	uint64_t v = 0;
	int d;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -EINVAL;
		if ((uint64_t)d > max || v > (max - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*val = v;
	return 0;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

int parse_value(const char *s, uint64_t max, uint64_t *val)
{
	if (has_hex_prefix(s))
		return parse_digits(s + 2, 16, max, val);
	return parse_digits(s, 10, max, val);
}

int parse_hex(const char *s, uint64_t max, uint64_t *val)
{
	return parse_digits(has_hex_prefix(s) ? s + 2 : s, 16, max, val);
}

uint32_t parse_value_or_die(const char *opt, const char *s, uint64_t max)
{
	uint64_t v;
	int ret = parse_value(s, max, &v);

	if (ret == -ERANGE)
		die_usage("%s: \"%s\" is out of range (0 to %llu)", opt, s,
			  (unsigned long long)max);
	if (ret)
		die_usage("%s: \"%s\" is not a number (decimal or 0x hex)",
			  opt, s);
	return (uint32_t)v;
}

uint32_t parse_address_or_die(const char *opt, const char *s)
{
	uint64_t v;
	int ret = parse_hex(s, UINT32_MAX, &v);

	if (ret == -ERANGE)
		die_usage("%s: address \"%s\" is out of range (0 to 0xffffffff)",
			  opt, s);
	if (ret)
		die_usage("%s: \"%s\" is not a hexadecimal byte address", opt,
			  s);
	if (v % 4)
		die_usage("%s: address 0x%llx is not a multiple of 4", opt,
			  (unsigned long long)v);
	return (uint32_t)v;
}

struct roc_card_id *parse_card_id_or_die(const char *s)
{
	struct roc_card_id *id;

	if (roc_card_id_parse(s, &id))
		die_usage("%s", roc_strerror_last());
	return id;
}

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

void print_json(json_object *obj, bool pretty)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	flags |= pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			  JSON_C_TO_STRING_PLAIN;
	printf("%s\n", json_object_to_json_string_ext(obj, flags));
	json_object_put(obj);
}

json_object *json_double(double v, const char *fmt)
{
	char buf[64];

	snprintf(buf, sizeof(buf), fmt, v);
	return json_object_new_double_s(v, buf);
}

json_object *card_info_json(const struct roc_card_info *info,
			    const struct roc_fw_list *fw)
{
	enum roc_type type = roc_card_info_get_type(info);
	uint32_t hash = roc_card_info_get_fw_hash(info);
	json_object *o = json_object_new_object();
	char buf[64];
	uint64_t dropped;
	int32_t mdeg;

	json_object_object_add(o, "type",
			       json_object_new_string(roc_type_name(type)));
	json_object_object_add(o, "pciAddress",
			       json_object_new_string(roc_card_info_get_address(info)));
	json_object_object_add(o, "serial", roc_card_info_get_serial(info) < 0 ?
			       NULL :
			       json_object_new_int(roc_card_info_get_serial(info)));
	json_object_object_add(o, "endpoint",
			       json_object_new_int((int)roc_card_info_get_endpoint(info)));
	json_object_object_add(o, "numa",
			       json_object_new_int(roc_card_info_get_numa_node(info)));
	if (fw)
		json_object_object_add(o, "firmware", json_object_new_string(
			roc_fw_list_describe(fw, type, hash, buf, sizeof(buf))));
	snprintf(buf, sizeof(buf), "%x", hash);
	json_object_object_add(o, "firmwareHash", json_object_new_string(buf));
	json_object_object_add(o, "linkCount",
			       json_object_new_int((int)roc_card_info_get_link_count(info)));
	json_object_object_add(o, "channels",
			       json_object_new_int((int)roc_card_info_get_num_channels(info)));
	json_object_object_add(o, "device",
			       json_object_new_string(roc_card_info_get_path(info)));
	json_object_object_add(o, "simulated",
			       json_object_new_boolean(roc_card_info_is_simulated(info)));
	if (!roc_card_info_get_temperature(info, &mdeg))
		json_object_object_add(o, "temperature",
				       json_double(mdeg / 1000.0, "%.3f"));
	if (!roc_card_info_get_dropped_packets(info, &dropped))
		json_object_object_add(o, "droppedPackets",
				       json_object_new_int64((int64_t)dropped));
	return o;
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

void print_cell_table(const char *const *names, size_t ncols, const char *cells,
		 size_t rows, size_t cell_len)
{
	size_t i, c, w, width[32];

	if (ncols > sizeof(width) / sizeof(width[0]))
		die("internal error: too many columns");
	for (c = 0; c < ncols; c++) {
		width[c] = strlen(names[c]);
		for (i = 0; i < rows; i++) {
			w = strlen(cells + (i * ncols + c) * cell_len);
			if (w > width[c])
				width[c] = w;
		}
	}
	for (c = 0; c + 1 < ncols; c++)
		printf("%-*s  ", (int)width[c], names[c]);
	printf("%s\n", ncols ? names[ncols - 1] : "");
	for (i = 0; i < rows; i++) {
		for (c = 0; c + 1 < ncols; c++)
			printf("%-*s  ", (int)width[c],
			       cells + (i * ncols + c) * cell_len);
		printf("%s\n", ncols ? cells + (i * ncols + ncols - 1) * cell_len : "");
	}
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
