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

/* ---- link lists, output formats, monitoring metrics --------------------- */

int parse_links(const char *s, unsigned int max, uint32_t *mask)
{
	uint64_t a, b;
	uint32_t m = 0;
	char item[32], *dash;
	size_t len;
	int ret;

	if (!strcmp(s, "all")) {
		*mask = max >= 31 ? UINT32_MAX : (1u << (max + 1)) - 1;
		return 0;
	}
	while (*s) {
		len = strcspn(s, ",");
		if (!len || len >= sizeof(item))
			return -EINVAL;
		memcpy(item, s, len);
		item[len] = '\0';
		s += len + (s[len] == ',');
		if (!*s && s[-1] == ',')
			return -EINVAL;
		dash = strchr(item, '-');
		if (dash)
			*dash = '\0';
		ret = parse_digits(item, 10, UINT32_MAX, &a);
		if (!ret)
			ret = dash ? parse_digits(dash + 1, 10, UINT32_MAX, &b) : 0;
		if (ret)
			return ret;
		if (!dash)
			b = a;
		if (a > b)
			return -EINVAL;
		if (b > max)
			return -ERANGE;
		for (; a <= b; a++)
			m |= 1u << a;
	}
	if (!m)
		return -EINVAL;
	*mask = m;
	return 0;
}

uint32_t parse_links_or_die(const char *opt, const char *s, unsigned int max)
{
	uint32_t mask;
	int ret = parse_links(s, max, &mask);

	if (ret == -ERANGE)
		die_usage("%s: \"%s\": links are 0 to %u", opt, s, max);
	if (ret)
		die_usage("%s: \"%s\" is not a link list (e.g. 0-11 or 0,2,5-7)",
			  opt, s);
	return mask;
}

enum out_format parse_format_or_die(const char *opt, const char *s)
{
	static const char *const names[] = {
		[FORMAT_TABLE] = "table", [FORMAT_JSON] = "json",
		[FORMAT_PROMETHEUS] = "prometheus", [FORMAT_INFLUX] = "influx",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return i;
	die_usage("%s: \"%s\" is not table, json, prometheus or influx", opt, s);
}

struct metric_sample {
	char *name;		/* Prometheus metric name */
	const char *type;
	const char *help;
	char *prom_labels;	/* {a="b",...} */
	char *influx_key;	/* measurement,tag=v,... */
	const char *field;
	double value;
	bool integer;
};

struct metrics {
	enum out_format format;
	size_t n, cap;
	struct metric_sample *s;
};

struct metrics *metrics_new(enum out_format format)
{
	struct metrics *m = calloc(1, sizeof(*m));

	if (!m)
		die("out of memory");
	m->format = format;
	return m;
}

/* Append @s to the growing string *@buf, escaping the characters in @esc. */
static void str_append(char **buf, size_t *len, const char *s,
		       const char *esc)
{
	size_t add = strlen(s) * 2 + 1;
	char *p;

	p = realloc(*buf, *len + add);
	if (!p)
		die("out of memory");
	*buf = p;
	for (; *s; s++) {
		if (*s == '\n') {	/* Prometheus: newline as \n */
			p[(*len)++] = '\\';
			p[(*len)++] = 'n';
			continue;
		}
		if (esc && strchr(esc, *s))
			p[(*len)++] = '\\';
		p[(*len)++] = *s;
	}
	p[*len] = '\0';
}

void metrics_add(struct metrics *m, const char *measurement,
		 const char *const *labels, const char *field,
		 const char *type, const char *help, double value,
		 bool integer)
{
	struct metric_sample *s;
	char *pl = NULL, *ik = NULL, *name;
	size_t pn = 0, in = 0;
	int i;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->s = realloc(m->s, m->cap * sizeof(*m->s));
		if (!m->s)
			die("out of memory");
	}
	str_append(&pl, &pn, "{", NULL);
	str_append(&ik, &in, "roc_", NULL);
	str_append(&ik, &in, measurement, ", =");
	for (i = 0; labels[i]; i += 2) {
		if (i)
			str_append(&pl, &pn, ",", NULL);
		str_append(&pl, &pn, labels[i], NULL);
		str_append(&pl, &pn, "=\"", NULL);
		str_append(&pl, &pn, labels[i + 1], "\\\"");
		str_append(&pl, &pn, "\"", NULL);
		if (!*labels[i + 1])	/* line protocol: no empty tag */
			continue;
		str_append(&ik, &in, ",", NULL);
		str_append(&ik, &in, labels[i], ", =");
		str_append(&ik, &in, "=", NULL);
		str_append(&ik, &in, labels[i + 1], ", =\\");
	}
	str_append(&pl, &pn, "}", NULL);
	if (asprintf(&name, "roc_%s_%s%s", measurement, field,
		     strcmp(type, "counter") ? "" : "_total") < 0)
		die("out of memory");
	s = &m->s[m->n++];
	s->name = name;
	s->type = type;
	s->help = help;
	s->prom_labels = pl;
	s->influx_key = ik;
	s->field = field;
	s->value = value;
	s->integer = integer;
}

static void print_value(const struct metric_sample *s, bool influx)
{
	if (s->integer)
		printf("%lld%s", (long long)s->value, influx ? "i" : "");
	else
		printf("%.9g", s->value);
}

static void metrics_print_prometheus(struct metrics *m)
{
	size_t i, j;
	bool seen;

	for (i = 0; i < m->n; i++) {
		seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = !strcmp(m->s[j].name, m->s[i].name);
		if (seen)
			continue;
		printf("# HELP %s %s\n# TYPE %s %s\n", m->s[i].name,
		       m->s[i].help, m->s[i].name, m->s[i].type);
		for (j = i; j < m->n; j++) {
			if (strcmp(m->s[j].name, m->s[i].name))
				continue;
			printf("%s%s ", m->s[j].name, m->s[j].prom_labels);
			print_value(&m->s[j], false);
			putchar('\n');
		}
	}
}

static void metrics_print_influx(struct metrics *m, uint64_t time_ns)
{
	size_t i, j;
	bool seen, first;

	for (i = 0; i < m->n; i++) {
		seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = !strcmp(m->s[j].influx_key, m->s[i].influx_key);
		if (seen)
			continue;
		printf("%s ", m->s[i].influx_key);
		first = true;
		for (j = i; j < m->n; j++) {
			if (strcmp(m->s[j].influx_key, m->s[i].influx_key))
				continue;
			printf("%s%s=", first ? "" : ",", m->s[j].field);
			print_value(&m->s[j], true);
			first = false;
		}
		printf(" %llu\n", (unsigned long long)time_ns);
	}
}

void metrics_print(struct metrics *m, uint64_t time_ns)
{
	size_t i;

	if (m->format == FORMAT_PROMETHEUS)
		metrics_print_prometheus(m);
	else
		metrics_print_influx(m, time_ns);
	for (i = 0; i < m->n; i++) {
		free(m->s[i].name);
		free(m->s[i].prom_labels);
		free(m->s[i].influx_key);
	}
	free(m->s);
	free(m);
}

const char *const *card_labels(struct card_labels *buf,
			       const struct roc_card_info *info,
			       const char *extra_name, long extra_value)
{
	int n = 0;

	snprintf(buf->serial, sizeof(buf->serial), "%d",
		 roc_card_info_get_serial(info));
	snprintf(buf->endpoint, sizeof(buf->endpoint), "%u",
		 roc_card_info_get_endpoint(info));
	buf->v[n++] = "card";
	buf->v[n++] = roc_card_info_get_name(info);
	buf->v[n++] = "type";
	buf->v[n++] = roc_type_name(roc_card_info_get_type(info));
	buf->v[n++] = "serial";
	buf->v[n++] = buf->serial;
	buf->v[n++] = "endpoint";
	buf->v[n++] = buf->endpoint;
	buf->v[n++] = "pci_address";
	buf->v[n++] = roc_card_info_get_address(info);
	if (extra_name) {
		snprintf(buf->extra, sizeof(buf->extra), "%ld", extra_value);
		buf->v[n++] = extra_name;
		buf->v[n++] = buf->extra;
	}
	buf->v[n] = NULL;
	return buf->v;
}

struct status_metric {
	enum roc_status_field field;
	int what;
	const char *name;
	const char *type;
	const char *help;
};

static const struct status_metric status_metric_table[] = {
	{ ROC_STATUS_FIELD_CRU_ID, METRICS_CARD_CONFIG, "cru_id", "gauge", "CRU ID (BSP_USER_CONTROL 27:16)" },
	{ ROC_STATUS_FIELD_CLOCK, METRICS_CARD_CONFIG, "clock_select", "gauge", "clock select: 0 TTC, 2 local" },
	{ ROC_STATUS_FIELD_DOWNSTREAM, METRICS_CARD_CONFIG, "downstream_data", "gauge", "downstream data: 0 CTP, 1 pattern, 2 MIDTRG" },
	{ ROC_STATUS_FIELD_DYNAMIC_OFFSET, METRICS_CARD_CONFIG, "dynamic_offset", "gauge", "1 if the RDH offset is dynamic" },
	{ ROC_STATUS_FIELD_USER_LOGIC, METRICS_CARD_CONFIG, "user_logic", "gauge", "1 if the user-logic link is enabled" },
	{ ROC_STATUS_FIELD_RUN_STATS, METRICS_CARD_CONFIG, "run_stats", "gauge", "1 if the run-statistics link is enabled" },
	{ ROC_STATUS_FIELD_UL_AND_CL, METRICS_CARD_CONFIG, "user_and_common_logic", "gauge", "1 if user and common logic are enabled" },
	{ ROC_STATUS_FIELD_DROP_BAD_RDH, METRICS_CARD_CONFIG, "drop_bad_rdh", "gauge", "1 if packets with a bad RDH are dropped" },
	{ ROC_STATUS_FIELD_DATA_TAKING, METRICS_CARD_CONFIG, "data_taking", "gauge", "1 while data taking is on (DMA)" },
	{ ROC_STATUS_FIELD_ALLOW_REJECTION, METRICS_CARD_CONFIG, "allow_rejection", "gauge", "1 if flow control may reject packets" },
	{ ROC_STATUS_FIELD_TRIGGER_WINDOW, METRICS_CARD_CONFIG, "trigger_window", "gauge", "trigger window size in GBT words" },
	{ ROC_STATUS_FIELD_SYSTEM_ID, METRICS_CARD_CONFIG, "system_id", "gauge", "system ID of the virtual links" },
	{ ROC_STATUS_FIELD_CRORC_ID, METRICS_CARD_CONFIG, "crorc_id", "gauge", "C-RORC ID (CFG_CONTROL 15:4)" },
	{ ROC_STATUS_FIELD_QSFP, METRICS_CARD_CONFIG, "qsfp", "gauge", "1 if the QSFP lasers are on" },
	{ ROC_STATUS_FIELD_TF_DETECTION, METRICS_CARD_CONFIG, "timeframe_detection", "gauge", "1 if time-frame detection is on" },
	{ ROC_STATUS_FIELD_TF_LENGTH, METRICS_CARD_CONFIG, "timeframe_length", "gauge", "time-frame length in orbits" },
	{ ROC_STATUS_FIELD_CTP_CLOCK_HZ, METRICS_CARD_HEALTH, "ctp_clock_hz", "gauge", "measured CTP clock in Hz (0: no TTC)" },
	{ ROC_STATUS_FIELD_LOCAL_CLOCK_HZ, METRICS_CARD_HEALTH, "local_clock_hz", "gauge", "measured local clock in Hz" },
	{ ROC_STATUS_FIELD_DROPPED_PACKETS, METRICS_CARD_HEALTH, "dropped_packets", "counter", "packets the endpoint dropped (no DMA descriptor)" },
	{ ROC_STATUS_FIELD_TOTAL_PACKETS, METRICS_CARD_HEALTH, "packets", "counter", "packets through the endpoint's datapath wrapper" },
	{ ROC_STATUS_FIELD_PACKETS_PER_SECOND, METRICS_CARD_HEALTH, "packets_per_second", "gauge", "packets per second through the datapath wrapper" },
};

uint64_t status_crorc_rate(const struct roc_status *st)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < roc_status_get_num_links(st); i++)
		sum += roc_status_get_link(st, i)->acq_rate;
	return sum;
}

void status_metrics(struct metrics *m, const struct roc_card_info *info,
		    const struct roc_status *st, int what)
{
	const struct roc_link_status *l;
	struct card_labels lb;
	const char *const *labels = card_labels(&lb, info, NULL, 0);
	bool cru = roc_status_get_type(st) == ROC_TYPE_CRU;
	uint32_t acc, rej, forced;
	unsigned int i;
	int64_t v;
	int en;

	for (i = 0; i < sizeof(status_metric_table) / sizeof(status_metric_table[0]); i++) {
		const struct status_metric *sm = &status_metric_table[i];

		if ((sm->what & what) && !roc_status_get(st, sm->field, &v))
			metrics_add(m, "card", labels, sm->name, sm->type,
				    sm->help, (double)v, true);
	}
	if ((what & METRICS_CARD_HEALTH) &&
	    !roc_status_get(st, ROC_STATUS_FIELD_TEMPERATURE_MDEG, &v))
		metrics_add(m, "card", labels, "temperature_celsius", "gauge",
			    "FPGA temperature in degrees Celsius", v / 1000.0,
			    false);
	if ((what & METRICS_CARD_HEALTH) && !cru)
		metrics_add(m, "card", labels, "packets_per_second", "gauge",
			    "packets per second, all channels (ACQ_RATE)",
			    (double)status_crorc_rate(st), true);

	for (i = 0; i < roc_status_get_num_links(st); i++) {
		l = roc_status_get_link(st, i);
		labels = card_labels(&lb, info, "link", l->id);
		if (what & METRICS_LINK_STATE) {
			metrics_add(m, "link", labels, "up", "gauge",
				    "1 if the link is up", l->state != ROC_LINK_STATE_DOWN, true);
			metrics_add(m, "link", labels, "was_down", "gauge",
				    "1 if the link went down since the last read",
				    l->state == ROC_LINK_STATE_UP_WAS_DOWN, true);
		}
		if ((what & METRICS_LINK_STATE) && cru) {
			metrics_add(m, "link", labels, "enabled", "gauge",
				    "1 if the datapath link is enabled", l->enabled, true);
			metrics_add(m, "link", labels, "rx_clock_hz", "gauge",
				    "measured RX clock in Hz", l->rx_clock_hz, true);
			metrics_add(m, "link", labels, "tx_clock_hz", "gauge",
				    "measured TX clock in Hz", l->tx_clock_hz, true);
		}
		if ((what & METRICS_LINK_STATE) && !cru)
			metrics_add(m, "link", labels, "optical_power_uw", "gauge",
				    "received optical power in microwatts",
				    l->optical_power_uw, false);
		if ((what & METRICS_LINK_COUNTERS) && !cru) {
			metrics_add(m, "link", labels, "acq_rate", "gauge",
				    "DMA pages per second (ACQ_RATE)", l->acq_rate, true);
			metrics_add(m, "link", labels, "packets_received", "counter",
				    "DMA pages received (PKTS_RECEIVED)",
				    l->packets_received, true);
		}
	}
	if (!(what & METRICS_LINK_COUNTERS) || !cru)
		return;
	/* every datapath link: GBT links 0-11, run statistics, user logic */
	for (i = 0; i < 16; i++) {
		en = roc_status_get_datapath(st, i, &acc, &rej, &forced);
		if (en < 0 || (i > 11 && !en))
			continue;
		labels = card_labels(&lb, info, "link", i);
		metrics_add(m, "link", labels, "accepted_packets", "counter",
			    "packets the datapath accepted", acc, true);
		metrics_add(m, "link", labels, "rejected_packets", "counter",
			    "packets the datapath rejected", rej, true);
		metrics_add(m, "link", labels, "forced_packets", "counter",
			    "packets the datapath forced", forced, true);
	}
}

json_object *card_id_json(const struct roc_card_info *info)
{
	json_object *o = json_object_new_object();
	int serial = roc_card_info_get_serial(info);

	json_object_object_add(o, "type", json_object_new_string(
		roc_type_name(roc_card_info_get_type(info))));
	json_object_object_add(o, "pciAddress", json_object_new_string(
		roc_card_info_get_address(info)));
	json_object_object_add(o, "serial", serial < 0 ? NULL :
			       json_object_new_int(serial));
	json_object_object_add(o, "endpoint", json_object_new_int(
		(int)roc_card_info_get_endpoint(info)));
	json_object_object_add(o, "device", json_object_new_string(
		roc_card_info_get_path(info)));
	return o;
}

struct roc_card *status_open_or_die(const char *id_str)
{
	struct roc_card_id *id = parse_card_id_or_die(id_str);
	struct roc_card *card;
	int ret;

	ret = roc_card_open_id(id, 0, &card);
	if (ret == -EACCES || ret == -EPERM || ret == -EROFS)
		ret = roc_card_open_id(id, ROC_OPEN_READONLY, &card);
	roc_card_id_free(id);
	if (ret)
		die_lib();
	return card;
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
