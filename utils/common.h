/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * common.h - what every roc-* tool shares (common.c).  Not a stable
 * interface: it only avoids duplicating code between the tools.
 *
 * Exit status of every tool: 0 success, 1 an error (card missing, driver
 * refusing, I/O), 2 bad usage (unknown option, malformed argument).
 *
 * Every tool parses its command line the same way: a name-sorted
 * getopt_long() table with short options starting "+:", parse_std_option()
 * for -h/--help, -v/--version and -j/--json, die_bad_option() for the rest,
 * check_no_operands() after the loop; link lists with parse_links() (the
 * parser of libroc); tables with table_new().
 */
#ifndef ROC_TOOLS_COMMON_H
#define ROC_TOOLS_COMMON_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>
#include <libroc.h>

#define EXIT_USAGE 2

#define NORETURN __attribute__((noreturn))
#define PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

const char *get_prog_name(void);
void set_prog_name(const char *argv0);

/* "prog: message", exit 1. */
void die(const char *fmt, ...) NORETURN PRINTF(1, 2);
/* "prog: <roc_strerror_last()>", exit 1. */
void die_lib(void) NORETURN;
/* "prog: message" and a hint to --help, exit 2. */
void die_usage(const char *fmt, ...) NORETURN PRINTF(1, 2);
/* "prog: message", no exit. */
void print_error(const char *fmt, ...) PRINTF(1, 2);
/* "prog (roc) VERSION" and the library version. */
void print_version(void);
/* "/dev/mtdN" of the MTD partition named @name into @path, or -ENODEV */
int find_mtd(const char *name, char *path, size_t size);

/*
 * One row of an option table for print_options(): @opt as shown
 * ("-i, --id=ID"), @help one line or several separated by '\n'.
 */
struct help_opt {
	const char *opt;
	const char *help;
};
/*
 * Print option tables, help aligned over both; each ends at a row with
 * opt NULL; @more may be NULL.
 */
void print_options(const struct help_opt *opts, const struct help_opt *more);
/*
 * getopt_long() returned '?' or ':' (short options start with "+:"):
 * die with a usage error naming the option.
 */
void die_bad_option(int opt, char **argv) NORETURN;

/*
 * Options every tool has: -h/--help, -v/--version and, if @json is not
 * NULL, -j/--json.  Returns true if @opt (from getopt_long) was one of
 * them; --help and --version print and exit 0.
 */
bool parse_std_option(int opt, bool *json, void (*print_help)(void));
/* Die with a usage error if operands follow the options (optind). */
void check_no_operands(int argc, char **argv);

/*
 * Numbers of the command line.  A value is decimal or "0x" hex; an
 * address is hex with or without "0x" (docs/hardware.md section 10).  Each
 * returns 0, or -EINVAL (not a number) / -ERANGE (beyond @max).
 */
int parse_value(const char *s, uint64_t max, uint64_t *val);
int parse_hex(const char *s, uint64_t max, uint64_t *val);
/* The same, dying with a usage error that names @opt. */
uint32_t parse_value_or_die(const char *opt, const char *s, uint64_t max);
/* A byte address: hex, a multiple of 4, at most 0xfffffffc. */
uint32_t parse_address_or_die(const char *opt, const char *s);

/* Parse a card ID or die with a usage error. */
struct roc_card_id *parse_card_id_or_die(const char *s);

/* Print a JSON value on one line (@pretty: indented), then release it. */
void print_json(json_object *obj, bool pretty);
/* A JSON number printed with the printf format @fmt ("%.3f"). */
json_object *json_double(double v, const char *fmt);
/* A JSON object describing @info: the keys of roc-list-cards. */
json_object *card_info_json(const struct roc_card_info *info,
			    const struct roc_fw_list *fw);

/*
 * A link list, parsed by libroc (roc_link_mask_parse()): "all" (any case)
 * or comma-separated numbers and ranges a-b ("0-11", "0,3,5-7"), blanks
 * allowed around items, each link at most @max (<= 31).  Returns 0 and
 * the bit mask, or -EINVAL with the reason in roc_strerror_last().
 */
int parse_links(const char *s, unsigned int max, uint32_t *mask);
/* The same, dying with a usage error that names @opt and the reason. */
uint32_t parse_links_or_die(const char *opt, const char *s, unsigned int max);

struct roc_card *status_open_or_die(const char *id);

/*
 * A table with a header row, columns left-aligned and separated by two
 * spaces, the last column not padded; "-" stands for a missing value.
 */
struct table;
struct table *table_new(const char *const *headers, size_t ncols);
/* Add a row of ncols printf-formatted cells: table_cell() each. */
void table_cell(struct table *t, const char *fmt, ...) PRINTF(2, 3);
/* Print to stdout and free. */
void table_print(struct table *t);
/* "Key:" lines with values aligned: print_kv(width, "Clock", "%s", "TTC") */
void print_kv(int width, const char *key, const char *fmt, ...) PRINTF(3, 4);

#endif /* ROC_TOOLS_COMMON_H */
