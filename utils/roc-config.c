// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-config - configure CRU and C-RORC endpoints from an INI file and
 * options (docs/hardware.md 10, 10.1), writing only what differs unless
 * --force; or write a card's state as an INI file (--gen-cfg-file).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* A setting given as an option, applied after the file in order. */
struct setting {
	const char *opt;	/* "--clock" */
	const char *section;	/* "cru", "crorc", "links" */
	const char *key;
	const char *value;
};

#define MAX_SETTINGS 64

struct config {
	const char *id;
	bool all;
	const char *uri;
	const char *gen_file;
	const char *fw_list;
	const char *links;
	const char *clock_maps;
	bool force;
	bool dry_run;
	bool bypass_fw;
	bool json;
	bool onu_calibrate;
	struct setting set[MAX_SETTINGS];
	unsigned int nset;
};

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "the endpoint to configure (card ID: #N, serial[:ep], PCI address, /dev path)" },
		{ "    --config-all", "configure every endpoint" },
		{ "    --config-uri=URI", "settings from an INI file: ini:///path or a path" },
		{ "    --gen-cfg-file=PATH", "write the card's state as INI to PATH (\"-\": stdout);\nconfigures nothing" },
		{ "    --onu-calibrate", "CRU: calibrate the PON receiver; with --pon-upstream\nalso scan the TX phase and set --onu-address" },
		{ "    --force", "write every given setting, even if the card has it,\nand even while DMA runs" },
		{ "    --dry-run", "print what would change; write nothing" },
		{ "    --bypass-fw-check", "configure whatever firmware the card runs" },
		{ "    --fw-list=FILE", "add the accepted firmware of FILE (INI or JSON)" },
		{ "-j, --json", "print the changes as JSON" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};
	static const struct help_opt settings[] = {
		{ "    --links=LIST", "links enabled (\"0-3,5\", \"all\"); the others are disabled" },
		{ "    --clock=ttc|local", "[cru] clock: programs the PLLs unless they have it" },
		{ "    --clock-maps=DIR", "ClockBuilder Pro exports to program the PLLs from\n(default: the shipped ones, $ROC_CLOCK_MAPS)" },
		{ "    --datapathmode=packet|streaming", "[cru] datapathMode" },
		{ "    --downstreamdata=CTP|PATTERN|MIDTRG", "[cru] downstreamData" },
		{ "    --gbtmode=GBT|WB", "[cru] gbtMode" },
		{ "    --gbtmux=TTC|DDG|SWT|TTCUP|UL", "gbtMux of the --links (default all links)" },
		{ "    --fee-id=HEX", "feeId of the --links (default all links)" },
		{ "    --loopback", "[cru] loopback" },
		{ "    --pon-upstream", "[cru] ponUpstream: set up the PON upstream (TTC clock)" },
		{ "    --onu-address=N", "[cru] onuAddress: the ONU address of the upstream" },
		{ "    --dyn-offset", "[cru] and [crorc] dynamicOffset" },
		{ "    --cru-id=HEX", "[cru] cruId (12 bits)" },
		{ "    --crorc-id=HEX", "[crorc] crorcId (12 bits)" },
		{ "    --allow-rejection", "[cru] allowRejection" },
		{ "    --trigger-window-size=N", "[cru] triggerWindowSize (0-65535)" },
		{ "    --tf-length=N", "[cru] and [crorc] timeFrameLength" },
		{ "    --no-tf-detection", "[crorc] timeFrameDetectionEnabled = false" },
		{ "    --no-gbt", "[cru] gbtEnabled = false: GBT settings untouched" },
		{ "    --user-logic", "[cru] userLogicEnabled" },
		{ "    --run-stats", "[cru] runStatsEnabled" },
		{ "    --user-and-common-logic", "[cru] userAndCommonLogicEnabled" },
		{ "    --system-id=HEX", "[cru] systemId (8 bits)" },
		{ "    --drop-bad-rdh", "[cru] dropBadRdhEnabled" },
		{ NULL, NULL },
	};

	printf("Usage: %s (--id=ID | --config-all) [--config-uri=URI] [SETTINGS] [OPTIONS]\n"
	       "       %s --id=ID --gen-cfg-file=PATH\n", get_prog_name(),
	       get_prog_name());
	printf("\nConfigure CRU and C-RORC endpoints: settings of an INI file ([cru], [links],\n"
	       "[linkN], [crorc]), then those of the options.  Only settings that differ\n"
	       "from the card's are written (all of them with --force); settings not given\n"
	       "are left alone.  One line per change: \"CARD SETTING: OLD -> NEW\"\n"
	       "(\"?\": unknown), or \"CARD: nothing to change\".\n"
	       "Exit status: 0 done, 1 error (file, card, firmware, DMA running), 2 bad usage.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
	printf("\nSettings:\n");
	print_options(settings, NULL);
}

enum {
	OPT_ONU_CALIBRATE = 0xff,
	OPT_ALL = 0x100, OPT_URI, OPT_GEN, OPT_FORCE, OPT_DRY_RUN, OPT_BYPASS,
	OPT_FW_LIST, OPT_LINKS, OPT_CLOCK, OPT_DATAPATH, OPT_DOWNSTREAM,
	OPT_GBTMODE, OPT_GBTMUX, OPT_FEE_ID, OPT_LOOPBACK, OPT_PON,
	OPT_ONU, OPT_DYN_OFFSET, OPT_CRU_ID, OPT_CRORC_ID, OPT_REJECTION,
	OPT_TRIGGER, OPT_TF_LENGTH, OPT_NO_TF_DET, OPT_NO_GBT, OPT_UL,
	OPT_RUN_STATS, OPT_ULCL, OPT_SYSTEM_ID, OPT_DROP_BAD_RDH,
	OPT_CLOCK_MAPS,
};

/* Option -> setting; @section2 a second one ("--tf-length": cru, crorc). */
static const struct {
	int opt;
	const char *name, *section, *key, *value, *section2;
} opt_settings[] = {
	{ OPT_CLOCK, "--clock", "cru", "clock", NULL, NULL },
	{ OPT_DATAPATH, "--datapathmode", "cru", "datapathMode", NULL, NULL },
	{ OPT_DOWNSTREAM, "--downstreamdata", "cru", "downstreamData", NULL, NULL },
	{ OPT_GBTMODE, "--gbtmode", "cru", "gbtMode", NULL, NULL },
	{ OPT_GBTMUX, "--gbtmux", "links", "gbtMux", NULL, NULL },
	{ OPT_FEE_ID, "--fee-id", "links", "feeId", NULL, NULL },
	{ OPT_LOOPBACK, "--loopback", "cru", "loopback", "true", NULL },
	{ OPT_PON, "--pon-upstream", "cru", "ponUpstream", "true", NULL },
	{ OPT_ONU, "--onu-address", "cru", "onuAddress", NULL, NULL },
	{ OPT_DYN_OFFSET, "--dyn-offset", "cru", "dynamicOffset", "true", "crorc" },
	{ OPT_CRU_ID, "--cru-id", "cru", "cruId", NULL, NULL },
	{ OPT_CRORC_ID, "--crorc-id", "crorc", "crorcId", NULL, NULL },
	{ OPT_REJECTION, "--allow-rejection", "cru", "allowRejection", "true", NULL },
	{ OPT_TRIGGER, "--trigger-window-size", "cru", "triggerWindowSize", NULL, NULL },
	{ OPT_TF_LENGTH, "--tf-length", "cru", "timeFrameLength", NULL, "crorc" },
	{ OPT_NO_TF_DET, "--no-tf-detection", "crorc", "timeFrameDetectionEnabled", "false", NULL },
	{ OPT_NO_GBT, "--no-gbt", "cru", "gbtEnabled", "false", NULL },
	{ OPT_UL, "--user-logic", "cru", "userLogicEnabled", "true", NULL },
	{ OPT_RUN_STATS, "--run-stats", "cru", "runStatsEnabled", "true", NULL },
	{ OPT_ULCL, "--user-and-common-logic", "cru", "userAndCommonLogicEnabled", "true", NULL },
	{ OPT_SYSTEM_ID, "--system-id", "cru", "systemId", NULL, NULL },
	{ OPT_DROP_BAD_RDH, "--drop-bad-rdh", "cru", "dropBadRdhEnabled", "true", NULL },
};

static void add_setting(struct config *cfg, const char *opt,
			const char *section, const char *key, const char *value)
{
	if (cfg->nset == MAX_SETTINGS)
		die_usage("too many settings");
	cfg->set[cfg->nset++] = (struct setting){ opt, section, key, value };
}

static bool parse_setting(struct config *cfg, int opt, const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof(opt_settings) / sizeof(opt_settings[0]); i++) {
		if (opt_settings[i].opt != opt)
			continue;
		add_setting(cfg, opt_settings[i].name, opt_settings[i].section,
			    opt_settings[i].key,
			    opt_settings[i].value ? opt_settings[i].value : arg);
		if (opt_settings[i].section2)
			add_setting(cfg, opt_settings[i].name,
				    opt_settings[i].section2,
				    opt_settings[i].key,
				    opt_settings[i].value ?
				    opt_settings[i].value : arg);
		return true;
	}
	return false;
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "allow-rejection", no_argument, NULL, OPT_REJECTION },
		{ "bypass-fw-check", no_argument, NULL, OPT_BYPASS },
		{ "clock", required_argument, NULL, OPT_CLOCK },
		{ "clock-maps", required_argument, NULL, OPT_CLOCK_MAPS },
		{ "config-all", no_argument, NULL, OPT_ALL },
		{ "config-uri", required_argument, NULL, OPT_URI },
		{ "cru-id", required_argument, NULL, OPT_CRU_ID },
		{ "crorc-id", required_argument, NULL, OPT_CRORC_ID },
		{ "datapathmode", required_argument, NULL, OPT_DATAPATH },
		{ "downstreamdata", required_argument, NULL, OPT_DOWNSTREAM },
		{ "drop-bad-rdh", no_argument, NULL, OPT_DROP_BAD_RDH },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "dyn-offset", no_argument, NULL, OPT_DYN_OFFSET },
		{ "fee-id", required_argument, NULL, OPT_FEE_ID },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "force-config", no_argument, NULL, OPT_FORCE },
		{ "fw-list", required_argument, NULL, OPT_FW_LIST },
		{ "gbtmode", required_argument, NULL, OPT_GBTMODE },
		{ "gbtmux", required_argument, NULL, OPT_GBTMUX },
		{ "gen-cfg-file", required_argument, NULL, OPT_GEN },
		{ "help", no_argument, NULL, 'h' },
		{ "id", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "links", required_argument, NULL, OPT_LINKS },
		{ "loopback", no_argument, NULL, OPT_LOOPBACK },
		{ "no-gbt", no_argument, NULL, OPT_NO_GBT },
		{ "no-tf-detection", no_argument, NULL, OPT_NO_TF_DET },
		{ "onu-address", required_argument, NULL, OPT_ONU },
		{ "onu-calibrate", no_argument, NULL, OPT_ONU_CALIBRATE },
		{ "pon-upstream", no_argument, NULL, OPT_PON },
		{ "run-stats", no_argument, NULL, OPT_RUN_STATS },
		{ "system-id", required_argument, NULL, OPT_SYSTEM_ID },
		{ "tf-length", required_argument, NULL, OPT_TF_LENGTH },
		{ "trigger-window-size", required_argument, NULL, OPT_TRIGGER },
		{ "user-and-common-logic", no_argument, NULL, OPT_ULCL },
		{ "user-logic", no_argument, NULL, OPT_UL },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hi:jv";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'i':
			cfg->id = optarg;
			break;
		case OPT_ALL:
			cfg->all = true;
			break;
		case OPT_URI:
			cfg->uri = optarg;
			break;
		case OPT_GEN:
			cfg->gen_file = optarg;
			break;
		case OPT_FORCE:
			cfg->force = true;
			break;
		case OPT_DRY_RUN:
			cfg->dry_run = true;
			break;
		case OPT_BYPASS:
			cfg->bypass_fw = true;
			break;
		case OPT_FW_LIST:
			cfg->fw_list = optarg;
			break;
		case OPT_LINKS:
			cfg->links = optarg;
			break;
		case OPT_ONU_CALIBRATE:
			cfg->onu_calibrate = true;
			break;
		case OPT_CLOCK_MAPS:
			cfg->clock_maps = optarg;
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help) &&
			    !parse_setting(cfg, opt, optarg))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id == !cfg->all)
		die_usage(cfg->all ? "--id and --config-all exclude each other" :
			  "no card given (--id or --config-all)");
	if (cfg->gen_file) {
		if (cfg->all)
			die_usage("--gen-cfg-file needs one card (--id)");
		if (cfg->uri || cfg->nset || cfg->links || cfg->force ||
		    cfg->dry_run)
			die_usage("--gen-cfg-file configures nothing: no settings, --force or --dry-run with it");
	} else if (!cfg->uri && !cfg->nset && !cfg->links &&
		   !cfg->onu_calibrate) {
		die_usage("nothing to configure (give --config-uri or settings)");
	}
}

/* The configuration of the file and the options. */
static struct roc_config *build_config(const struct config *cfg)
{
	struct roc_config *rc;
	uint32_t mask = 0;
	unsigned int i, l;
	char section[16];

	if (roc_config_new(0, &rc))
		die_lib();
	if (cfg->links && roc_link_mask_parse(cfg->links,
					      ROC_CONFIG_LINKS - 1, &mask))
		die_usage("--links: %s", roc_strerror_last());
	if (cfg->uri && roc_config_load(rc, cfg->uri))
		die_lib();
	for (i = 0; i < cfg->nset; i++) {
		const struct setting *s = &cfg->set[i];

		/* link settings go to the --links, if given */
		if (!strcmp(s->section, "links") && cfg->links) {
			for (l = 0; l < ROC_CONFIG_LINKS; l++) {
				if (!(mask & (1u << l)))
					continue;
				snprintf(section, sizeof(section), "link%u", l);
				if (roc_config_set(rc, section, s->key, s->value))
					die_usage("%s: %s", s->opt,
						  roc_strerror_last());
			}
			continue;
		}
		if (roc_config_set(rc, s->section, s->key, s->value))
			die_usage("%s: %s", s->opt, roc_strerror_last());
	}
	if (cfg->links)
		for (l = 0; l < ROC_CONFIG_LINKS; l++)
			if (roc_config_set_value(rc, ROC_CONFIG_KEY_LINK_ENABLED, (int)l,
						 !!(mask & (1u << l))))
				die_lib();
	return rc;
}

static json_object *change_json(const struct roc_config_change *c)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "setting", json_object_new_string(c->setting));
	json_object_object_add(o, "old", c->has_old ?
			       json_object_new_string(c->old_text) : NULL);
	json_object_object_add(o, "new", json_object_new_string(c->new_text));
	json_object_object_add(o, "forced", json_object_new_boolean(
		!!(c->flags & ROC_CONFIG_CHANGE_FORCED)));
	json_object_object_add(o, "programmed", json_object_new_boolean(
		!(c->flags & ROC_CONFIG_CHANGE_NOT_PROGRAMMED)));
	return o;
}

static void print_changes(const char *name,
			  const struct roc_config_change *changes, size_t n,
			  bool dry_run)
{
	const struct roc_config_change *c;
	size_t i, real = 0;

	for (i = 0; i < n; i++) {
		c = roc_config_change_at(changes, i);
		printf("%s %s: %s -> %s", name, c->setting, c->old_text,
		       c->new_text);
		if (c->flags & ROC_CONFIG_CHANGE_NOT_PROGRAMMED)
			printf(" (not a register: applied by the PON setup)");
		else if (c->flags & ROC_CONFIG_CHANGE_FORCED)
			printf(" (forced)");
		printf("\n");
		if (!(c->flags & ROC_CONFIG_CHANGE_NOT_PROGRAMMED))
			real++;
	}
	if (!real)
		printf("%s: nothing to change\n", name);
	else if (dry_run)
		printf("%s: dry run: %zu change%s not written\n", name, real,
		       real == 1 ? "" : "s");
}

/*
 * The PON setup after the clock (CRU, docs/hardware.md P2-4.2), as the old
 * tool: PLLs just programmed for the TTC clock (@clock_set), or
 * --onu-calibrate, calibrate the PON receiver; then, with ponUpstream, the
 * TX phase is scanned and onuAddress set unless the upstream is already
 * as wanted (always with --force).  Unlike the old tool, roc also sets up
 * an upstream found not as wanted when the clock did not change, and says
 * so when ponUpstream is asked for without the TTC clock.
 * 0 or 1 (error printed).
 */
static int onu_setup(const struct config *cfg, const struct roc_config *rc,
		     struct roc_card *card, bool clock_set)
{
	uint32_t pon = 0, address = 0;
	enum roc_clock clock;
	bool calibrate;
	int ok;

	if (cfg->dry_run ||
	    roc_card_info_get_type(roc_card_get_info(card)) != ROC_TYPE_CRU)
		return 0;
	roc_config_get_value(rc, ROC_CONFIG_KEY_PON_UPSTREAM, -1, &pon);
	roc_config_get_value(rc, ROC_CONFIG_KEY_ONU_ADDRESS, -1, &address);
	calibrate = cfg->onu_calibrate;
	if (clock_set || pon) {
		if (roc_cru_clock_get(card, &clock))
			goto err;
		calibrate |= clock_set && clock == ROC_CLOCK_TTC;
		if (pon && clock != ROC_CLOCK_TTC) {
			fprintf(stderr, "%s: ponUpstream needs the TTC clock: the PON upstream is not set up\n",
				roc_card_get_label(card));
			pon = 0;
		}
	}
	if (calibrate) {
		if (!cfg->json)
			printf("%s: calibrating the PON receiver (2.5 s)\n",
			       roc_card_get_label(card));
		if (roc_onu_calibrate(card))
			goto err;
	}
	if (!pon)
		return 0;
	ok = roc_onu_upstream_ok(card, address);
	if (ok < 0)
		goto err;
	if (ok && !(cfg->force && calibrate))
		return 0;
	if (!cfg->json)
		printf("%s: scanning the PON TX phase, ONU address %u\n",
		       roc_card_get_label(card), address);
	if (roc_onu_tx_phase_scan(card, address))
		goto err;
	return 0;
err:
	print_error("%s", roc_strerror_last());
	return 1;
}

static void clock_progress(const char *bus, size_t done, size_t total,
			   void *arg)
{
	const char *name = arg;

	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%s: programming %s: %zu/%zu", name, bus,
			done, total);
	if (done == total)
		fprintf(stderr, "%s%s: programmed %s: %zu registers\n",
			isatty(STDERR_FILENO) ? "\r" : "", name, bus, total);
}

/*
 * The clock setting of a CRU: program the PLLs (docs/hardware.md P2-3.6)
 * unless the PLL has the clock already.  1 when the PLLs were programmed,
 * 0 when nothing was written (no clock asked for, already set, dry run),
 * -1 on an error (printed).
 */
static int program_clock(const struct config *cfg, struct roc_card *card,
			 const struct roc_config *rc, const char *name)
{
	int flags = 0, ret;
	uint32_t v;

	if (roc_card_info_get_type(roc_card_get_info(card)) != ROC_TYPE_CRU ||
	    roc_config_get_value(rc, ROC_CONFIG_KEY_CLOCK, -1, &v))
		return 0;
	if (cfg->force)
		flags |= ROC_CLOCK_FORCE;
	if (cfg->dry_run)
		flags |= ROC_CLOCK_DRY_RUN;
	ret = roc_cru_clock_set(card, (enum roc_clock)v, cfg->clock_maps, flags,
				clock_progress, (void *)name);
	if (ret < 0) {
		print_error("%s", roc_strerror_last());
		return -1;
	}
	if (ret == 1 && !cfg->json)
		fprintf(stderr, "%s: the PLL has clock %s already (--force reprograms)\n",
			name, roc_clock_name((enum roc_clock)v));
	return ret == 0 && !cfg->dry_run;
}

/* Configure one endpoint; 0 or 1 (error printed). */
static int configure(const struct config *cfg, const struct roc_config *rc,
		     const struct roc_fw_list *fw, const char *id,
		     json_object *jcards)
{
	struct roc_config_change *changes = NULL;
	const struct roc_card_info *info;
	struct roc_card *card;
	json_object *o, *arr;
	size_t n = 0, i;
	int flags = 0, ret, clock_set;
	const char *name;

	if (roc_card_open(id, cfg->dry_run ? ROC_OPEN_READONLY : 0, &card)) {
		print_error("%s", roc_strerror_last());
		return 1;
	}
	info = roc_card_get_info(card);
	name = roc_card_info_get_name(info);
	if (roc_fw_list_check(fw, info, cfg->bypass_fw ? ROC_FW_CHECK_BYPASS : 0)) {
		print_error("%s (--bypass-fw-check configures anyway)",
			    roc_strerror_last());
		roc_card_close(card);
		return 1;
	}
	if (cfg->force)
		flags |= ROC_CONFIG_APPLY_FORCE;
	if (cfg->dry_run)
		flags |= ROC_CONFIG_APPLY_DRY_RUN;
	/*
	 * The settings first (their changes are judged against the card as
	 * it was, the clock against its PLLs), then the PLLs, which end with
	 * the firmware's clock select again (docs/hardware.md P2-3.6).
	 */
	ret = roc_config_apply(card, rc, flags, &changes, &n);
	if (ret) {
		print_error("%s%s", roc_strerror_last(),
			    ret == -EBUSY ? " (--force configures anyway)" : "");
		roc_card_close(card);
		return 1;
	}
	clock_set = program_clock(cfg, card, rc, name);
	if (clock_set < 0) {
		free(changes);
		roc_card_close(card);
		return 1;
	}
	if (jcards) {
		o = json_object_new_object();
		arr = json_object_new_array();
		json_object_object_add(o, "card", json_object_new_string(name));
		json_object_object_add(o, "address", json_object_new_string(
			roc_card_info_get_address(info)));
		json_object_object_add(o, "type", json_object_new_string(
			roc_type_name(roc_card_info_get_type(info))));
		json_object_object_add(o, "endpoint", json_object_new_int(
			(int)roc_card_info_get_endpoint(info)));
		json_object_object_add(o, "dry_run",
				       json_object_new_boolean(cfg->dry_run));
		for (i = 0; i < n; i++)
			json_object_array_add(arr, change_json(roc_config_change_at(changes, i)));
		json_object_object_add(o, "changes", arr);
		json_object_array_add(jcards, o);
	} else {
		print_changes(name, changes, n, cfg->dry_run);
	}
	free(changes);
	ret = onu_setup(cfg, rc, card, clock_set);
	roc_card_close(card);
	return ret;
}

/*
 * Say which settings of the card's type the file leaves out: those without
 * a register, and those whose registers hold no valid value.
 */
static void note_unknown(const struct roc_config *state, enum roc_type type,
			 const char *path)
{
	char list[512];
	size_t len = 0;
	unsigned int k;
	uint32_t v;

	list[0] = '\0';
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
		enum roc_config_key key = (enum roc_config_key)k;
		bool crorc = !strcmp(roc_config_key_section(key), "crorc");
		int l, unknown = 0;

		if (crorc != (type == ROC_TYPE_CRORC))
			continue;
		if (roc_config_key_is_per_link(key)) {
			for (l = 0; l < ROC_CONFIG_LINKS; l++)
				unknown += !!roc_config_get_value(state, key, l, &v);
		} else {
			unknown = !!roc_config_get_value(state, key, -1, &v);
		}
		if (unknown && len < sizeof(list))
			len += snprintf(list + len, sizeof(list) - len, "%s%s",
					len ? ", " : "", roc_config_key_name(key));
	}
	if (len)
		fprintf(stderr, "%s: %s leaves out (no register, or no valid value in it): %s\n",
			get_prog_name(), path, list);
}

static int gen_cfg_file(const struct config *cfg)
{
	struct roc_config *state;
	struct roc_card *card;
	enum roc_type type;
	int ret;

	if (roc_card_open(cfg->id, ROC_OPEN_READONLY, &card))
		die_lib();
	type = roc_card_info_get_type(roc_card_get_info(card));
	ret = roc_config_read(card, &state);
	roc_card_close(card);
	if (ret)
		die_lib();
	if (roc_config_write_file(state, cfg->gen_file))
		die_lib();
	note_unknown(state, type, cfg->gen_file);
	roc_config_free(state);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	struct roc_card_list *list;
	struct roc_config *rc;
	struct roc_fw_list *fw;
	json_object *root = NULL, *jcards = NULL;
	int status = EXIT_SUCCESS;
	size_t i, n;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	if (cfg.id)
		roc_card_id_free(parse_card_id_or_die(cfg.id));
	if (cfg.gen_file)
		return gen_cfg_file(&cfg);

	rc = build_config(&cfg);
	if (roc_fw_list_new(0, &fw))
		die_lib();
	if (cfg.fw_list && roc_fw_list_load(fw, cfg.fw_list))
		die_lib();
	if (cfg.json) {
		root = json_object_new_object();
		jcards = json_object_new_array();
		json_object_object_add(root, "cards", jcards);
	}
	if (cfg.id) {
		status = configure(&cfg, rc, fw, cfg.id, jcards);
	} else {
		if (roc_card_list_new(&list))
			die_lib();
		n = roc_card_list_count(list);
		if (!n)
			print_error("no card to configure");
		for (i = 0; i < n; i++)
			status |= configure(&cfg, rc, fw, roc_card_info_get_path(
						roc_card_list_get(list, i)),
					    jcards);
		if (!n)
			status = 1;
		roc_card_list_free(list);
	}
	if (root)
		print_json(root, true);
	roc_config_free(rc);
	roc_fw_list_free(fw);
	return status;
}
