// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * common.c - what every roc-* tool shares: messages and exit codes, the
 * help layout and the standard options, number, card ID and link list
 * parsing, JSON output and the one table printer.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

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

int parse_links(const char *s, unsigned int max, uint32_t *mask)
{
	return roc_link_mask_parse(s, max, mask);
}

uint32_t parse_links_or_die(const char *opt, const char *s, unsigned int max)
{
	uint32_t mask;

	if (parse_links(s, max, &mask))
		die_usage("%s: %s", opt, roc_strerror_last());
	return mask;
}

struct table {
	const char *const *headers;
	size_t ncols, n, cap;
	char **cells;
};

struct table *table_new(const char *const *headers, size_t ncols)
{
	struct table *t = calloc(1, sizeof(*t));

	if (!t)
		die("out of memory");
	t->headers = headers;
	t->ncols = ncols;
	return t;
}

void table_cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	char *c;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cells = realloc(t->cells, t->cap * sizeof(*t->cells));
		if (!t->cells)
			die("out of memory");
	}
	va_start(ap, fmt);
	if (vasprintf(&c, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	t->cells[t->n++] = c;
}

void table_print(struct table *t)
{
	size_t w[32] = { 0 }, i, c;

	for (c = 0; c < t->ncols && c < 32; c++)
		w[c] = strlen(t->headers[c]);
	for (i = 0; i < t->n; i++)
		if (strlen(t->cells[i]) > w[i % t->ncols])
			w[i % t->ncols] = strlen(t->cells[i]);
	for (c = 0; c + 1 < t->ncols; c++)
		printf("%-*s  ", (int)w[c], t->headers[c]);
	printf("%s\n", t->headers[c]);
	for (i = 0; i < t->n; i++) {
		if ((i + 1) % t->ncols)
			printf("%-*s  ", (int)w[i % t->ncols], t->cells[i]);
		else
			printf("%s\n", t->cells[i]);
		free(t->cells[i]);
	}
	free(t->cells);
	free(t);
}

void print_kv(int width, const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%*s", key, width + 1 - (int)strlen(key), "");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* "/dev/mtdN" of the partition named NAME into @path, or -ENODEV */
int find_mtd(const char *name, char *path, size_t size)
{
	char file[64], line[128];
	int n, found = -ENODEV;

	for (n = 0; n < 1024 && found; n++) {
		FILE *f;

		snprintf(file, sizeof(file), "/sys/class/mtd/mtd%d/name", n);
		f = fopen(file, "r");
		if (!f) {
			if (errno == ENOENT && n > 64)
				break;
			continue;
		}
		if (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			if (!strcmp(line, name)) {
				snprintf(path, size, "/dev/mtd%d", n);
				found = 0;
			}
		}
		fclose(f);
	}
	return found;
}
