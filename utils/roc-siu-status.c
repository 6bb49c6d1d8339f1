// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-siu-status - the DDL link of a C-RORC channel: link state, DIU and
 * SIU interface status words decoded bit by bit, SIU hardware info
 * (docs/hardware.md P2-5.3: o2-roc-siu-status --id ID --channel N).
 *
 * Reading the SIU status clears its error bits (RandCIFST).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define MAX_BITS 32

struct config {
	const char *id;
	unsigned int channel;
	bool json;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
				 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E" },
		{ "-c, --channel=N", "C-RORC channel 0-5 (default 0)" },
		{ "-j, --json", "print the status as JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID [--channel=N]\n", get_prog_name());
	printf("\nShow the DDL link of a C-RORC channel: link state, the DIU's and the\n"
	       "SIU's interface status word with every bit decoded, and the SIU's\n"
	       "hardware info.  The SIU answers only over a working link.  Reading the\n"
	       "SIU status clears its error bits.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "channel",	required_argument,	NULL,	'c' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+:c:hi:jv", longopts, NULL)) >= 0) {
		switch (opt) {
		case 'c':
			cfg->channel = parse_value_or_die("--channel", optarg, 5);
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
	if (!cfg->id)
		die_usage("no card given (--id)");
}

static json_object *word_json(uint32_t status, bool siu)
{
	struct roc_ddl_bit bits[MAX_BITS];
	size_t i, n = roc_ddl_decode(status, siu, bits, MAX_BITS);
	json_object *o = json_object_new_object();
	json_object *b = json_object_new_object();
	char hex[16];

	snprintf(hex, sizeof(hex), "0x%08x", status);
	json_object_object_add(o, "register", json_object_new_string(hex));
	for (i = 0; i < n && i < MAX_BITS; i++) {
		if (!strcmp(bits[i].name, "PORT_STATE") ||
		    !strcmp(bits[i].name, "REMOTE_STATE"))
			json_object_object_add(o, !strcmp(bits[i].name, "PORT_STATE") ?
					       "port_state" : "remote_state",
					       json_object_new_string(bits[i].text));
		else
			json_object_object_add(b, bits[i].name,
					       json_object_new_boolean(bits[i].set));
	}
	json_object_object_add(o, "bits", b);
	return o;
}

static void word_text(const char *who, uint32_t status, bool siu)
{
	struct roc_ddl_bit bits[MAX_BITS];
	size_t i, n = roc_ddl_decode(status, siu, bits, MAX_BITS);

	printf("%s Status Register: 0x%08x\n", who, status);
	for (i = 0; i < n && i < MAX_BITS; i++) {
		if (!strcmp(bits[i].name, "PORT_STATE"))
			printf("  %-12s %s port in %s state\n", bits[i].name,
			       who, bits[i].text);
		else if (!strcmp(bits[i].name, "REMOTE_STATE"))
			printf("  %-12s remote SIU/DIU in %s state\n",
			       bits[i].name, bits[i].text);
		else if (!strcmp(bits[i].name, "ERROR"))
			printf("  %-12s %s %s\n", bits[i].name, who, bits[i].text);
		else
			printf("  %-12s %-3s %s%s\n", bits[i].name,
			       bits[i].set ? "1" : "0", bits[i].text,
			       bits[i].error && bits[i].set ? " (ERROR)" : "");
	}
}

int main(int argc, char **argv)
{
	const struct roc_card_info *info;
	struct config cfg = { 0 };
	struct roc_ddl_info d;
	struct roc_card_id *id;
	struct roc_card *card;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, 0, &card))
		die_lib();
	roc_card_id_free(id);
	info = roc_card_get_info(card);
	if (roc_card_info_get_type(info) != ROC_TYPE_CRORC)
		die("%s: not a C-RORC: only a C-RORC has a DDL link (SIU/DIU) (%s)",
		    roc_card_get_label(card), strerror(EOPNOTSUPP));
	if (roc_ddl_status(card, cfg.channel, &d))
		die_lib();

	if (cfg.json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_string(cfg.id));
		json_object_object_add(o, "device",
				       json_object_new_string(roc_card_info_get_path(info)));
		json_object_object_add(o, "channel",
				       json_object_new_int((int)cfg.channel));
		json_object_object_add(o, "link",
				       json_object_new_string(d.link_up ? "UP" : "DOWN"));
		json_object_object_add(o, "diu", d.diu_valid ?
				       word_json(d.diu_status, false) : NULL);
		json_object_object_add(o, "siu", d.siu_valid ?
				       word_json(d.siu_status, true) : NULL);
		json_object_object_add(o, "siu_hw_info", d.hw_info_valid ?
				       json_object_new_string(d.siu_hw_info) : NULL);
		json_object_object_add(o, "siu_error", d.siu_error ?
				       json_object_new_string(strerror(-d.siu_error)) :
				       NULL);
		print_json(o, true);
	} else {
		printf("Card ID: %s\n", cfg.id);
		printf("Channel: %u\n", cfg.channel);
		printf("Link: %s\n", d.link_up ? "UP" : "DOWN");
		if (d.diu_valid)
			word_text("DIU", d.diu_status, false);
		if (d.hw_info_valid)
			printf("SIU HW info: %s\n", d.siu_hw_info);
		if (d.siu_valid)
			word_text("SIU", d.siu_status, true);
		else
			printf("SIU: no answer (%s)\n", strerror(-d.siu_error));
	}
	roc_card_close(card);
	/* an SIU that does not answer is an error of the tool */
	return d.siu_valid ? EXIT_SUCCESS : EXIT_FAILURE;
}
