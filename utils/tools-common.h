/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tools-common.h - code shared by the roc-* tools.  Not a stable
 * interface: it only avoids duplicating code between the tools.
 *
 * Exit status of every tool: 0 success, 1 an error (card missing, driver
 * refusing, I/O), 2 bad usage (unknown option, malformed argument).
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
 * address is hex with or without "0x" (HARDWARE.md section 10).  Each
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

/*
 * "0x<addr> => 0xhhhh.hhhh = 0bbbbb.bbbb.(...) = <decimal>", the verbose
 * register line of the roc tools.  @buf needs REG_LINE_MAX bytes.
 */
#define REG_LINE_MAX 128
char *format_reg_line(uint32_t address, uint32_t value, char *buf);

/* Print a JSON value on one line (@pretty: indented), then release it. */
void print_json(json_object *obj, bool pretty);
/* A JSON number printed with the printf format @fmt ("%.3f"). */
json_object *json_double(double v, const char *fmt);
/* A JSON object describing @info: the keys of roc-list-cards. */
json_object *card_info_json(const struct roc_card_info *info,
			    const struct roc_fw_list *fw);

/*
 * Options of the register tools (roc-reg-*, roc-bar-stress): card, BAR
 * ("channel" as the old tools say), address, output flags.
 */
struct reg_config {
	const char *id;
	unsigned int bar;
	uint32_t address;
	bool have_address;
	bool verbose;
	bool json;
	bool use_ioctl;
	/* --value and --noread, for the tools that take them */
	uint32_t value;
	bool have_value;
	bool noread;
};

/*
 * Every register tool has, in its name-sorted getopt_long table:
 * -a/--address, --bar and -c/--channel, -h/--help, -i/--id, --ioctl,
 * -j/--json, --verbose, -v/--version.  Long-only options return these:
 */
#define OPT_IOCTL	0x100
#define OPT_VERBOSE	0x101
#define OPT_VALUE	0x102	/* with REG_OPT_VALUE */
#define OPT_NOREAD	0x103	/* with REG_OPT_NOREAD */
/* A tool's own long-only options count from here. */
#define OPT_TOOL	0x200
/* Help rows of the common register options. */
extern const struct help_opt reg_common_help[];

/*
 * Handle option @opt (from getopt_long) if it is a common one: returns
 * true if handled.  --help and --version print and exit via @print_help.
 */
bool reg_parse_common(struct reg_config *cfg, int opt, const char *arg,
		      void (*print_help)(void));
/* Check that --id and --address were given; die with a usage error. */
void reg_check_common(const struct reg_config *cfg);
/*
 * Open the card (read-only if @readonly) and the BAR, or die naming the
 * card and the problem.  A malformed ID is a usage error.
 */
void reg_open(const struct reg_config *cfg, bool readonly,
	      struct roc_card **cardp, struct roc_bar **barp);
/* Common options a register tool takes besides those above. */
enum reg_tool_flags {
	REG_OPT_VALUE = 1 << 0,		/* --value=VALUE (decimal or 0x hex) */
	REG_NEED_VALUE = 1 << 1,	/* --value is required */
	REG_OPT_NOREAD = 1 << 2,	/* --noread */
};

/*
 * What one register tool adds to the common options: its help, its own
 * getopt_long rows (ending at a zero row) and short options, and a
 * handler for them that returns false for an option it does not know.
 */
struct reg_tool {
	void (*print_help)(void);
	unsigned int flags;		/* enum reg_tool_flags */
	const struct option *longopts;	/* may be NULL */
	const char *shortopts;		/* may be NULL: "f:r:" */
	bool (*parse)(void *ctx, int opt, const char *arg);
	void *ctx;
};

/*
 * The command line of a register tool: common and own options, no
 * operand; --id and --address (and --value with REG_NEED_VALUE) given.
 * Dies with a usage error (exit 2) otherwise.
 */
void reg_parse_args(int argc, char **argv, struct reg_config *cfg,
		    const struct reg_tool *tool);
/* Print a register value: 0x%08x, or the verbose line with --verbose. */
void reg_print_value(const struct reg_config *cfg, uint32_t value);
/* Close what reg_open() opened. */
void reg_close(struct roc_card *card, struct roc_bar *bar);

/*
 * Print a table: a header of @ncols @names, then @rows rows of @ncols
 * cells, each a string in @cell_len bytes of @cells (row by row); columns
 * left-aligned and separated by two spaces (the tools' stable format).
 */
void print_cell_table(const char *const *names, size_t ncols, const char *cells,
		 size_t rows, size_t cell_len);

/* Start a JSON result with "id", "device", "bar" and "address". */
json_object *reg_json(const struct reg_config *cfg,
		      const struct roc_card *card);

/* ---- link lists, output formats, monitoring metrics --------------------- */

/*
 * A link list: comma-separated numbers and ranges a-b ("0-11", "0,3,5-7"),
 * each link at most @max (<= 31); "all" is 0-@max.  Returns 0 and the bit
 * mask, or -EINVAL (malformed, empty) / -ERANGE (a link beyond @max).
 */
int parse_links(const char *s, unsigned int max, uint32_t *mask);
/* The same, dying with a usage error that names @opt. */
uint32_t parse_links_or_die(const char *opt, const char *s, unsigned int max);

/* Output of the monitoring tools (roc-status, roc-metrics, roc-pkt-monitor) */
enum out_format {
	FORMAT_TABLE,
	FORMAT_JSON,
	FORMAT_PROMETHEUS,	/* text exposition format 0.0.4 */
	FORMAT_INFLUX,		/* InfluxDB line protocol */
};
/* "table", "json", "prometheus", "influx": the format, or die (usage). */
enum out_format parse_format_or_die(const char *opt, const char *s);

/*
 * Metrics, printed in Prometheus text format (one "# HELP"/"# TYPE" pair
 * per metric name, then its samples, no timestamps, as the node exporter's
 * textfile collector wants) or InfluxDB line protocol (one line per
 * measurement and tag set, with every field added for them, and the
 * timestamp in ns).
 *
 * A sample: @measurement ("card", "link") with @labels (NULL-terminated
 * name/value pairs, values escaped here), field @field, value @value
 * (@integer: printed without decimals, "i" in line protocol), its
 * Prometheus name "roc_<measurement>_<field>" and @type "gauge" or
 * "counter" (counters get "_total"), and @help.
 */
struct metrics;
struct metrics *metrics_new(enum out_format format);
void metrics_add(struct metrics *m, const char *measurement,
		 const char *const *labels, const char *field,
		 const char *type, const char *help, double value,
		 bool integer);
/* Print everything to stdout (@time_ns: Influx timestamp), free @m. */
void metrics_print(struct metrics *m, uint64_t time_ns);

/*
 * Labels of an endpoint: card (rocN), type, serial, endpoint, pci_address;
 * then @extra_name = @extra_value if @extra_name is not NULL (link).  The
 * strings live in @buf until the next call with the same @buf.
 */
struct card_labels {
	const char *v[16];
	char serial[16], endpoint[16], extra[16];
};
const char *const *card_labels(struct card_labels *buf,
			       const struct roc_card_info *info,
			       const char *extra_name, long extra_value);

/*
 * Metrics of a status snapshot (libroc roc_status_read()), by @what:
 * card-wide configuration, card-wide health (temperature, clocks, dropped
 * and total packets, packets per second), link state (up, was down,
 * enabled, clocks, optical power), link packet counters.
 */
enum {
	METRICS_CARD_CONFIG = 1 << 0,
	METRICS_CARD_HEALTH = 1 << 1,
	METRICS_LINK_STATE = 1 << 2,
	METRICS_LINK_COUNTERS = 1 << 3,
};
void status_metrics(struct metrics *m, const struct roc_card_info *info,
		    const struct roc_status *st, int what);
/* C-RORC: the sum of the channels' ACQ_RATE of a snapshot (all links). */
uint64_t status_crorc_rate(const struct roc_status *st);
/* A JSON "card" object: type, pciAddress, serial, endpoint, device. */
json_object *card_id_json(const struct roc_card_info *info);
/*
 * Open the card for a monitoring tool: read-write if allowed (to clear the
 * sticky bits of the CRU links), else read-only; die naming the card.
 */
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
