/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reg-common.h - what the register tools (roc-reg-*, roc-bar-stress)
 * share (reg-common.c).  Not a stable interface.
 */
#ifndef ROC_TOOLS_REG_COMMON_H
#define ROC_TOOLS_REG_COMMON_H

#include "common.h"

/*
 * "0x<addr> => 0xhhhh.hhhh = 0bbbbb.bbbb.(...) = <decimal>", the verbose
 * register line of the roc tools.  @buf needs REG_LINE_MAX bytes.
 */
#define REG_LINE_MAX 128
char *format_reg_line(uint32_t address, uint32_t value, char *buf);

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

json_object *reg_json(const struct reg_config *cfg,
		      const struct roc_card *card);

#endif /* ROC_TOOLS_REG_COMMON_H */
