// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-list-cards - list the endpoints of every CRU and C-RORC.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* BAR2 register with the user-logic firmware hash of a CRU. */
#define CRU_UL_BAR		2
#define CRU_USERLOGIC_GIT_HASH	0xc00004

struct config {
	bool json;
	const char *fw_list;
};

enum {
	COL_SEQ, COL_TYPE, COL_ADDR, COL_SERIAL, COL_EP, COL_NUMA, COL_FW,
	COL_UL, NCOLS
};

static const char *const col_names[NCOLS] = {
	"#", "Type", "PCI Addr", "Serial", "Endpoint", "NUMA", "FW Version",
	"UL Version",
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-j, --json", "print a JSON object keyed by \"#\"" },
		{ "    --fw-list=FILE", "add the accepted firmware of FILE (INI or JSON)" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS]\n", get_prog_name());
	printf("\nList the endpoints of the CRU and C-RORC cards, one per line, in the\n"
	       "order that numbers them for --id=#N: C-RORCs, then CRUs, by bus address.\n"
	       "Columns (separated by two or more spaces; \"-\" for a missing value):\n"
	       "  #, Type (CRU, CRORC), PCI Addr, Serial, Endpoint, NUMA,\n"
	       "  FW Version (release tag, TAG(old) or the hash), UL Version (CRU)\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

#define OPT_FW_LIST 0x100

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "fw-list",	required_argument,	NULL,	OPT_FW_LIST },
		{ "help",	no_argument,		NULL,	'h' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hjv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_FW_LIST:
			cfg->fw_list = optarg;
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
}

/* User-logic hash of a CRU endpoint; -1 if it cannot be read. */
static int64_t read_ul_version(const struct roc_card_info *info)
{
	struct roc_card *card;
	struct roc_bar *bar;
	int64_t ret = -1;
	uint32_t val;

	if (roc_card_info_get_type(info) != ROC_TYPE_CRU)
		return -1;
	if (roc_card_open(roc_card_info_get_path(info), ROC_OPEN_READONLY,
			  &card))
		return -1;
	if (!roc_bar_open(card, CRU_UL_BAR, ROC_BAR_IOCTL, &bar)) {
		if (!roc_bar_read(bar, CRU_USERLOGIC_GIT_HASH, &val))
			ret = val;
		roc_bar_close(bar);
	}
	roc_card_close(card);
	return ret;
}

static void print_table(char (*cells)[NCOLS][64], size_t rows)
{
	size_t width[NCOLS], i, c;

	for (c = 0; c < NCOLS; c++) {
		width[c] = strlen(col_names[c]);
		for (i = 0; i < rows; i++)
			if (strlen(cells[i][c]) > width[c])
				width[c] = strlen(cells[i][c]);
	}
	for (c = 0; c + 1 < NCOLS; c++)
		printf("%-*s  ", (int)width[c], col_names[c]);
	printf("%s\n", col_names[c]);
	for (i = 0; i < rows; i++) {
		for (c = 0; c + 1 < NCOLS; c++)
			printf("%-*s  ", (int)width[c], cells[i][c]);
		printf("%s\n", cells[i][c]);
	}
}

int main(int argc, char **argv)
{
	const struct roc_card_info *info;
	struct config cfg = { 0 };
	struct roc_card_list *list;
	struct roc_fw_list *fw;
	char (*cells)[NCOLS][64];
	json_object *root = NULL, *o;
	size_t n, i;
	int64_t ul;
	char key[24];

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	if (roc_fw_list_new(0, &fw))
		die_lib();
	if (cfg.fw_list && roc_fw_list_load(fw, cfg.fw_list))
		die_lib();
	if (roc_card_list_new(&list))
		die_lib();
	n = roc_card_list_count(list);
	cells = calloc(n ? n : 1, sizeof(*cells));
	if (!cells)
		die("out of memory");
	if (cfg.json)
		root = json_object_new_object();

	for (i = 0; i < n; i++) {
		info = roc_card_list_get(list, i);
		ul = read_ul_version(info);
		if (cfg.json) {
			o = card_info_json(info, fw);
			if (ul >= 0) {
				snprintf(key, sizeof(key), "%x", (uint32_t)ul);
				json_object_object_add(o, "userLogicVersion",
						       json_object_new_string(key));
			} else {
				json_object_object_add(o, "userLogicVersion", NULL);
			}
			snprintf(key, sizeof(key), "%zu", i);
			json_object_object_add(root, key, o);
			continue;
		}
		snprintf(cells[i][COL_SEQ], 64, "%zu", i);
		snprintf(cells[i][COL_TYPE], 64, "%s",
			 roc_type_name(roc_card_info_get_type(info)));
		snprintf(cells[i][COL_ADDR], 64, "%s",
			 roc_card_info_get_address(info));
		if (roc_card_info_get_serial(info) >= 0)
			snprintf(cells[i][COL_SERIAL], 64, "%04d",
				 roc_card_info_get_serial(info));
		else
			snprintf(cells[i][COL_SERIAL], 64, "-");
		snprintf(cells[i][COL_EP], 64, "%u",
			 roc_card_info_get_endpoint(info));
		snprintf(cells[i][COL_NUMA], 64, "%d",
			 roc_card_info_get_numa_node(info));
		roc_fw_list_describe(fw, roc_card_info_get_type(info),
				     roc_card_info_get_fw_hash(info),
				     cells[i][COL_FW], 64);
		if (ul >= 0)
			snprintf(cells[i][COL_UL], 64, "%x", (uint32_t)ul);
		else
			snprintf(cells[i][COL_UL], 64, "-");
	}

	if (cfg.json)
		print_json(root, true);
	else
		print_table(cells, n);
	free(cells);
	roc_card_list_free(list);
	roc_fw_list_free(fw);
	return EXIT_SUCCESS;
}
