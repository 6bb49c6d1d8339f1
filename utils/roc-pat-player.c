// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-pat-player - configure and run the CRU pattern player, or read its
 * registers back (docs/hardware.md P2-1; the options of o2-roc-pat-player).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct config {
	const char *id;
	bool json;
	bool read_back;
	struct roc_patplayer pp;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the CRU endpoint: PCI address, #N, SERIAL[:ENDPOINT], rocN,\n"
				 "a /dev path or roc_sim:C.E (required)" },
		{ "    --pat0..--pat3=VALUE", "80-bit patterns, decimal or 0x hex (default 0)" },
		{ "    --pat1-length=N", "pattern 1 length (default 1)" },
		{ "    --pat1-delay=N", "pattern 1 delay (default 0)" },
		{ "    --pat2-length=N", "pattern 2 length (default 1)" },
		{ "    --pat3-length=N", "pattern 3 length (default 1)" },
		{ "    --pat1-trigger-select=N", "pattern 1 trigger select (default 29)" },
		{ "    --pat2-trigger-select=N", "pattern 2 trigger select (default 30)" },
		{ "    --pat3-trigger-select=N", "pattern 3 trigger select (default 0)" },
		{ "    --pat2-trigger-counters=N", "TF bits 31:20, orbit 19:12, BC 11:0 (default 0)" },
		{ "    --execute-pat1-at-start", "run pattern 1 when the run starts" },
		{ "    --execute-pat1-now", "run pattern 1 now" },
		{ "    --execute-pat2-now", "run pattern 2 now" },
		{ "    --read-back", "print the registers; configure nothing" },
		{ "-j, --json", "with --read-back: print JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s --id=ID [OPTIONS]\n", get_prog_name());
	printf("\nConfigure the pattern player of a CRU endpoint and run it (TTC downstream\n"
	       "data := pattern player).  Options not given take their defaults: every\n"
	       "register is written.  Firmware with the old (pre-2023-09) layout is refused.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

enum {
	OPT_PAT0 = 256, OPT_PAT1, OPT_PAT2, OPT_PAT3,
	OPT_PAT1_LENGTH, OPT_PAT1_DELAY, OPT_PAT2_LENGTH, OPT_PAT3_LENGTH,
	OPT_PAT1_SEL, OPT_PAT2_SEL, OPT_PAT3_SEL, OPT_PAT2_TF,
	OPT_AT_START, OPT_PAT1_NOW, OPT_PAT2_NOW, OPT_READ_BACK, OPT_OLD,
};

static void parse_pattern(const char *opt, const char *s, unsigned int i,
			  struct roc_patplayer *pp)
{
	int ret = roc_parse_wide(s, 80, &pp->pat_lo[i], &pp->pat_hi[i]);

	if (ret == -ERANGE)
		die_usage("--%s \"%s\": value exceeds 80 bits", opt, s);
	if (ret)
		die_usage("--%s \"%s\": not a decimal or 0x hex number", opt, s);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "execute-pat1-at-start", no_argument, NULL, OPT_AT_START },
		{ "execute-pat1-now",	no_argument,	NULL,	OPT_PAT1_NOW },
		{ "execute-pat2-now",	no_argument,	NULL,	OPT_PAT2_NOW },
		{ "help",		no_argument,	NULL,	'h' },
		{ "id",			required_argument, NULL, 'i' },
		{ "idle",		required_argument, NULL, OPT_OLD },
		{ "json",		no_argument,	NULL,	'j' },
		{ "pat0",		required_argument, NULL, OPT_PAT0 },
		{ "pat1",		required_argument, NULL, OPT_PAT1 },
		{ "pat1-delay",		required_argument, NULL, OPT_PAT1_DELAY },
		{ "pat1-length",	required_argument, NULL, OPT_PAT1_LENGTH },
		{ "pat1-trigger-select", required_argument, NULL, OPT_PAT1_SEL },
		{ "pat2",		required_argument, NULL, OPT_PAT2 },
		{ "pat2-length",	required_argument, NULL, OPT_PAT2_LENGTH },
		{ "pat2-trigger-counters", required_argument, NULL, OPT_PAT2_TF },
		{ "pat2-trigger-select", required_argument, NULL, OPT_PAT2_SEL },
		{ "pat3",		required_argument, NULL, OPT_PAT3 },
		{ "pat3-length",	required_argument, NULL, OPT_PAT3_LENGTH },
		{ "pat3-trigger-select", required_argument, NULL, OPT_PAT3_SEL },
		{ "read-back",		no_argument,	NULL,	OPT_READ_BACK },
		{ "reset",		required_argument, NULL, OPT_OLD },
		{ "sync",		required_argument, NULL, OPT_OLD },
		{ "version",		no_argument,	NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	struct roc_patplayer *pp = &cfg->pp;
	const char *name;
	int opt, idx;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, &idx)) >= 0) {
		name = opt >= 256 ? longopts[idx].name : "";
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_PAT0: case OPT_PAT1: case OPT_PAT2: case OPT_PAT3:
			parse_pattern(name,
				      optarg, opt - OPT_PAT0, pp);
			break;
		case OPT_PAT1_LENGTH:
			pp->pat1_length = parse_value_or_die("--pat1-length", optarg, UINT32_MAX);
			break;
		case OPT_PAT1_DELAY:
			pp->pat1_delay = parse_value_or_die("--pat1-delay", optarg, UINT32_MAX);
			break;
		case OPT_PAT2_LENGTH:
			pp->pat2_length = parse_value_or_die("--pat2-length", optarg, UINT32_MAX);
			break;
		case OPT_PAT3_LENGTH:
			pp->pat3_length = parse_value_or_die("--pat3-length", optarg, UINT32_MAX);
			break;
		case OPT_PAT1_SEL:
			pp->pat1_trigger_select = parse_value_or_die("--pat1-trigger-select", optarg, UINT32_MAX);
			break;
		case OPT_PAT2_SEL:
			pp->pat2_trigger_select = parse_value_or_die("--pat2-trigger-select", optarg, UINT32_MAX);
			break;
		case OPT_PAT3_SEL:
			pp->pat3_trigger_select = parse_value_or_die("--pat3-trigger-select", optarg, UINT32_MAX);
			break;
		case OPT_PAT2_TF:
			pp->pat2_trigger_tf = parse_value_or_die("--pat2-trigger-counters", optarg, UINT32_MAX);
			break;
		case OPT_AT_START:
			pp->exe_pat1_at_start = true;
			break;
		case OPT_PAT1_NOW:
			pp->exe_pat1_now = true;
			break;
		case OPT_PAT2_NOW:
			pp->exe_pat2_now = true;
			break;
		case OPT_READ_BACK:
			cfg->read_back = true;
			break;
		case OPT_OLD:
			die_usage("--%s: an option of the old pattern-player layout (firmware before 2023-09); use --pat0..--pat3",
				  name);
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
}

static void print_pattern(const char *name, uint64_t lo, uint16_t hi)
{
	if (hi)
		printf("%s pattern:\t\t0x%x%016llx\n", name, hi, (unsigned long long)lo);
	else
		printf("%s pattern:\t\t0x%llx\n", name, (unsigned long long)lo);
}

static json_object *pattern_json(uint64_t lo, uint16_t hi)
{
	char buf[32];

	if (hi)
		snprintf(buf, sizeof(buf), "0x%x%016llx", hi, (unsigned long long)lo);
	else
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)lo);
	return json_object_new_string(buf);
}

static void read_back(struct roc_card *card, bool json)
{
	struct roc_patplayer pp;
	json_object *o;
	char name[8];
	unsigned int i;
	uint32_t tf;

	if (roc_patplayer_read(card, &pp))
		die_lib();
	tf = pp.pat2_trigger_tf;
	if (json) {
		o = json_object_new_object();
		for (i = 0; i < 4; i++) {
			snprintf(name, sizeof(name), "pat%u", i);
			json_object_object_add(o, name, pattern_json(pp.pat_lo[i], pp.pat_hi[i]));
		}
		json_object_object_add(o, "pat1Length", json_object_new_int64(pp.pat1_length));
		json_object_object_add(o, "pat1Delay", json_object_new_int64(pp.pat1_delay));
		json_object_object_add(o, "pat2Length", json_object_new_int64(pp.pat2_length));
		json_object_object_add(o, "pat3Length", json_object_new_int64(pp.pat3_length));
		json_object_object_add(o, "pat1TriggerSelect", json_object_new_int64(pp.pat1_trigger_select));
		json_object_object_add(o, "pat2TriggerSelect", json_object_new_int64(pp.pat2_trigger_select));
		json_object_object_add(o, "pat3TriggerSelect", json_object_new_int64(pp.pat3_trigger_select));
		json_object_object_add(o, "pat2TriggerTF", json_object_new_int64(tf >> 20 & 0xfff));
		json_object_object_add(o, "pat2TriggerOrbit", json_object_new_int64(tf >> 12 & 0xff));
		json_object_object_add(o, "pat2TriggerBC", json_object_new_int64(tf & 0xfff));
		json_object_object_add(o, "executePat1AtStart", json_object_new_boolean(pp.exe_pat1_at_start));
		print_json(o, true);
		return;
	}
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "pat%u", i);
		print_pattern(name, pp.pat_lo[i], pp.pat_hi[i]);
	}
	printf("pat1 length:\t\t%u\n", pp.pat1_length);
	printf("pat1 delay:\t\t%u\n", pp.pat1_delay);
	printf("pat2 length:\t\t%u\n", pp.pat2_length);
	printf("pat3 length:\t\t%u\n", pp.pat3_length);
	printf("pat1 trigger select:\t0x%x\n", pp.pat1_trigger_select);
	printf("pat2 trigger select:\t0x%x\n", pp.pat2_trigger_select);
	printf("pat3 trigger select:\t0x%x\n", pp.pat3_trigger_select);
	printf("pat2 trigger counters:\tTF 0x%x ORBIT 0x%x BC 0x%x\n",
	       tf >> 20 & 0xfff, tf >> 12 & 0xff, tf & 0xfff);
	printf("execute pat1 at start:\t%s\n", pp.exe_pat1_at_start ? "true" : "false");
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	struct roc_card_id *id;
	struct roc_card *card;

	set_prog_name(argv[0]);
	roc_patplayer_defaults(&cfg.pp);
	parse_config(argc, argv, &cfg);
	id = parse_card_id_or_die(cfg.id);
	if (roc_card_open_id(id, cfg.read_back ? ROC_OPEN_READONLY : 0, &card))
		die_lib();
	roc_card_id_free(id);
	if (cfg.read_back)
		read_back(card, cfg.json);
	else if (roc_patplayer_play(card, &cfg.pp))
		die_lib();
	roc_card_close(card);
	return EXIT_SUCCESS;
}
