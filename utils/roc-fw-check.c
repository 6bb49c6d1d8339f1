// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-fw-check - check the firmware of every endpoint (or of one) against
 * the accepted versions (docs/hardware.md 9; o2-roc-fw-check of 10).
 *
 * There is no --bypass: a bypassed check accepts everything and so has
 * nothing to say.  The bypass belongs to the tools that refuse to run on
 * unsupported firmware.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct config {
	const char *id;
	const char *fw_list;
	bool builtin;
	bool json;
};

enum {
	COL_SEQ, COL_TYPE, COL_ADDR, COL_SERIAL, COL_EP, COL_HASH, COL_FW,
	COL_STATUS, NCOLS
};

static const char *const col_names[NCOLS] = {
	"#", "Type", "PCI Addr", "Serial", "Endpoint", "FW Hash",
	"FW Version", "Status",
};

static const char *const status_names[] = {
	[ROC_FW_STATUS_UNKNOWN] = "unknown",
	[ROC_FW_STATUS_COMPATIBLE] = "ok",
	[ROC_FW_STATUS_OLD] = "old",
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "check only this card (PCI address, #N, SERIAL[:ENDPOINT],\n"
				 "rocN, a /dev path or roc_sim:C.E)" },
		{ "    --fw-list=FILE", "add the accepted firmware of FILE (INI or JSON)" },
		{ "    --builtin", "ignore $ROC_FW_LIST and /etc/roc/fw-list.{ini,json}" },
		{ "-j, --json", "print a JSON object keyed by \"#\"" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS]\n", get_prog_name());
	printf("\nCheck the firmware of every endpoint against the accepted versions: the\n"
	       "built-in list, $ROC_FW_LIST or /etc/roc/fw-list.ini and .json, and FILE.\n"
	       "Columns (separated by two or more spaces):\n"
	       "  #, Type, PCI Addr, Serial, Endpoint, FW Hash,\n"
	       "  FW Version (release tag, TAG(old) or the hash), Status (ok, old, unknown)\n"
	       "Exits 1, with a message per card, if any firmware is not accepted.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

#define OPT_FW_LIST	0x100
#define OPT_BUILTIN	0x101

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "builtin",	no_argument,		NULL,	OPT_BUILTIN },
		{ "fw-list",	required_argument,	NULL,	OPT_FW_LIST },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case OPT_BUILTIN:
			cfg->builtin = true;
			break;
		case OPT_FW_LIST:
			cfg->fw_list = optarg;
			break;
		case 'i':
			cfg->id = optarg;
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
}

static void fill_row(char (*row)[64], size_t seq,
		     const struct roc_card_info *info,
		     const struct roc_fw_list *fw, enum roc_fw_status st)
{
	enum roc_type type = roc_card_info_get_type(info);
	uint32_t hash = roc_card_info_get_fw_hash(info);

	snprintf(row[COL_SEQ], 64, "%zu", seq);
	snprintf(row[COL_TYPE], 64, "%s", roc_type_name(type));
	snprintf(row[COL_ADDR], 64, "%s", roc_card_info_get_address(info));
	if (roc_card_info_get_serial(info) >= 0)
		snprintf(row[COL_SERIAL], 64, "%04d",
			 roc_card_info_get_serial(info));
	else
		snprintf(row[COL_SERIAL], 64, "-");
	snprintf(row[COL_EP], 64, "%u", roc_card_info_get_endpoint(info));
	snprintf(row[COL_HASH], 64, "%x", hash);
	roc_fw_list_describe(fw, type, hash, row[COL_FW], 64);
	snprintf(row[COL_STATUS], 64, "%s", status_names[st]);
}

int main(int argc, char **argv)
{
	const struct roc_card_info *info;
	struct roc_card_id *id = NULL;
	struct config cfg = { 0 };
	struct roc_card_list *list;
	struct roc_fw_list *fw;
	struct table *t = NULL;
	char row[NCOLS][64];
	unsigned int c;
	json_object *root = NULL, *o;
	size_t n, i;
	enum roc_fw_status st;
	int bad = 0;
	char key[24];

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	if (cfg.id)
		id = parse_card_id_or_die(cfg.id);

	if (roc_fw_list_new(cfg.builtin ? ROC_FW_LIST_BUILTIN : 0, &fw))
		die_lib();
	if (cfg.fw_list && roc_fw_list_load(fw, cfg.fw_list))
		die_lib();
	if (roc_card_list_new(&list))
		die_lib();
	if (id && !roc_card_list_find(list, id))
		die_lib();
	n = roc_card_list_count(list);
	if (cfg.json)
		root = json_object_new_object();
	else
		t = table_new(col_names, NCOLS);

	for (i = 0; i < n; i++) {
		info = roc_card_list_get(list, i);
		if (id && !roc_card_id_matches(id, info))
			continue;
		st = roc_fw_list_lookup(fw, roc_card_info_get_type(info),
					roc_card_info_get_fw_hash(info), NULL);
		/* The library's message names the card and the accepted list. */
		if (roc_fw_list_check(fw, info, 0)) {
			print_error("%s", roc_strerror_last());
			bad++;
		}
		if (cfg.json) {
			o = card_info_json(info, fw);
			json_object_object_add(o, "firmwareStatus",
					       json_object_new_string(status_names[st]));
			json_object_object_add(o, "accepted",
					       json_object_new_boolean(st == ROC_FW_STATUS_COMPATIBLE));
			snprintf(key, sizeof(key), "%zu", i);
			json_object_object_add(root, key, o);
		} else {
			fill_row(row, i, info, fw, st);
			for (c = 0; c < NCOLS; c++)
				table_cell(t, "%s", row[c]);
		}
	}

	if (cfg.json)
		print_json(root, true);
	else
		table_print(t);
	roc_card_list_free(list);
	roc_fw_list_free(fw);
	roc_card_id_free(id);
	return bad ? EXIT_FAILURE : EXIT_SUCCESS;
}
