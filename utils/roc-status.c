// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-status - configuration and link status of one endpoint: the CRU's
 * clock, IDs, datapath and GBT links (docs/hardware.md 2.2-2.4), the C-RORC's
 * IDs, QSFP and links (4.1), as a table, JSON, Prometheus or InfluxDB.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "../uapi/linux/roc_netlink.h"

#include "format.h"

/*
 * C-RORC: the DDL link state of each channel as the driver reports it in
 * the netlink link attributes (ddl-state, uapi/roc_netlink.yaml), read
 * with one dev-get; NULL where unknown.
 */
#define DDL_LINKS	6
static const char *ddl_state[DDL_LINKS];

static const char *ddl_state_name(uint32_t v)
{
	switch (v) {
	case ROC_DDL_LINK_STATE_UP: return "up";
	case ROC_DDL_LINK_STATE_DOWN: return "down";
	case ROC_DDL_LINK_STATE_DOWN_NO_SIGNAL: return "down (no signal)";
	case ROC_DDL_LINK_STATE_DOWN_LOSS_OF_SYNC: return "down (loss of sync)";
	case ROC_DDL_LINK_STATE_NO_SIU: return "no SIU";
	}
	return NULL;
}

/* Send @len bytes of @req, receive one reply into @buf; bytes or -1. */
static ssize_t nl_ask(int fd, void *req, size_t len, void *buf, size_t max)
{
	if (send(fd, req, len, 0) != (ssize_t)len)
		return -1;
	return recv(fd, buf, max, 0);
}

/* The attributes of a genetlink reply of type @type, or NULL. */
static struct nlattr *nl_attrs(void *buf, ssize_t n, int type, int *len)
{
	struct nlmsghdr *nh = buf;

	if (n < (ssize_t)NLMSG_HDRLEN || !NLMSG_OK(nh, (size_t)n) ||
	    nh->nlmsg_type != type)
		return NULL;
	*len = (int)nh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	return (struct nlattr *)((char *)NLMSG_DATA(nh) + GENL_HDRLEN);
}

#define NLA_NEXT_OK(a, rem) ((rem) >= (int)sizeof(*(a)) && \
			     (a)->nla_len >= sizeof(*(a)) && (a)->nla_len <= (rem))
#define NLA_STEP(a, rem) ((rem) -= NLA_ALIGN((a)->nla_len), \
			  (a) = (struct nlattr *)((char *)(a) + NLA_ALIGN((a)->nla_len)))

static void read_ddl_state(const struct roc_card_info *info)
{
	static char buf[16384];
	struct {
		struct nlmsghdr nh;
		struct genlmsghdr gh;
		char attrs[64];
	} req = { 0 };
	struct nlattr *a, *na;
	int fd, rem, nrem, family = 0;
	uint32_t link, state;
	ssize_t n;

	if (roc_card_info_get_type(info) != ROC_TYPE_CRORC)
		return;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return;
	/* the family's id */
	a = (struct nlattr *)req.attrs;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(ROC_FAMILY_NAME);
	memcpy((char *)a + NLA_HDRLEN, ROC_FAMILY_NAME, sizeof(ROC_FAMILY_NAME));
	req.nh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	req.nh.nlmsg_type = GENL_ID_CTRL;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.gh.cmd = CTRL_CMD_GETFAMILY;
	req.gh.version = 1;
	n = nl_ask(fd, &req, req.nh.nlmsg_len, buf, sizeof(buf));
	for (a = nl_attrs(buf, n, GENL_ID_CTRL, &rem); a && NLA_NEXT_OK(a, rem);
	     NLA_STEP(a, rem))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&family, (char *)a + NLA_HDRLEN, sizeof(uint16_t));
	if (!family)
		goto out;
	/* dev-get of this endpoint: its link nests */
	a = (struct nlattr *)req.attrs;
	a->nla_type = ROC_A_DEV_ID;
	a->nla_len = NLA_HDRLEN + sizeof(uint32_t);
	link = (uint32_t)roc_card_info_get_dev_id(info);
	memcpy((char *)a + NLA_HDRLEN, &link, sizeof(link));
	req.nh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	req.nh.nlmsg_type = (uint16_t)family;
	req.gh.cmd = ROC_CMD_DEV_GET;
	req.gh.version = ROC_FAMILY_VERSION;
	n = nl_ask(fd, &req, req.nh.nlmsg_len, buf, sizeof(buf));
	for (a = nl_attrs(buf, n, family, &rem); a && NLA_NEXT_OK(a, rem);
	     NLA_STEP(a, rem)) {
		if ((a->nla_type & NLA_TYPE_MASK) != ROC_A_DEV_LINK)
			continue;
		link = DDL_LINKS;
		state = 0;
		nrem = a->nla_len - NLA_HDRLEN;
		for (na = (struct nlattr *)((char *)a + NLA_HDRLEN);
		     NLA_NEXT_OK(na, nrem); NLA_STEP(na, nrem)) {
			if (na->nla_type == ROC_A_LINK_INDEX)
				memcpy(&link, (char *)na + NLA_HDRLEN, 4);
			if (na->nla_type == ROC_A_LINK_DDL_STATE)
				memcpy(&state, (char *)na + NLA_HDRLEN, 4);
		}
		if (link < DDL_LINKS)
			ddl_state[link] = ddl_state_name(state);
	}
out:
	close(fd);
}

struct config {
	const char *id;
	const char *links_arg;	/* --links, parsed once the card type is known */
	uint32_t links;
	enum out_format format;
	bool no_clear;
	bool onu_status;
	bool fec_status;
	bool onu_clear;
};

#define OPT_NO_CLEAR 0x100
#define OPT_ONU_STATUS 0x101
#define OPT_FEC_STATUS 0x102
#define OPT_CLEAR 0x103

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-i, --id=ID", "card: PCI address ([dddd:]bb:ss.f), #N (roc-list-cards),\n"
				 "SERIAL[:ENDPOINT], rocN, a /dev path or roc_sim:C.E (required)" },
		{ "-l, --links=LIST", "links to show: 0-11 (CRU), 0-5 (C-RORC), e.g. 0,3-5\n"
				      "or all (default: all)" },
		{ "-j, --json", "print JSON (same as --format=json)" },
		{ "-f, --format=FMT", "table (default), json, prometheus or influx" },
		{ "    --monitoring", "the same as --format=influx (old name)" },
		{ "    --no-clear", "do not clear the CRU links' sticky \"was down\" bits" },
		{ "    --onu-status", "CRU: show the ONU (TTC-PON) status instead" },
		{ "    --fec-status", "CRU: show the ONU FEC status instead" },
		{ "    --clear", "with --onu-status: clear the ONU sticky bits after\n"
			      "reading them (for every reader; never done otherwise)" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS] --id=ID\n", get_prog_name());
	printf("\nShow the configuration and link status of an endpoint.  CRU: CRU ID,\n"
	       "clock, PLL clock, offset, user logic, run statistics, drop-bad-RDH, DMA,\n"
	       "clocks, temperature, then per link: Link, GBT Mode Tx/Rx, Loopback, GBT MUX,\n"
	       "Datapath Mode, Datapath Status, RX Freq (MHz), TX Freq (MHz), Status\n"
	       "(UP, UP (was DOWN), DOWN), System ID, FEE ID, Accepted, Rejected, Forced,\n"
	       "FEC (the GBT link's FEC error counter, hex), Optical Power (uW).\n"
	       "C-RORC: CRORC ID, QSFP, offset, TF detection, TF length, then per link:\n"
	       "Link, Status, Optical Power (uW), ACQ Rate, Packets Received.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "format",	required_argument,	NULL,	'f' },
		{ "monitoring",	no_argument,		NULL,	'M' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "id",		required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "json-out",	no_argument,		NULL,	'j' },
		{ "links",	required_argument,	NULL,	'l' },
		{ "clear",	no_argument,		NULL,	OPT_CLEAR },
		{ "fec-status",	no_argument,		NULL,	OPT_FEC_STATUS },
		{ "no-clear",	no_argument,		NULL,	OPT_NO_CLEAR },
		{ "onu-status",	no_argument,		NULL,	OPT_ONU_STATUS },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:f:hi:jl:v";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'M':	/* the old tools' InfluxDB line protocol on stdout */
			cfg->format = FORMAT_INFLUX;
			break;
		case 'f':
			cfg->format = parse_format_or_die("--format", optarg);
			break;
		case 'i':
			cfg->id = optarg;
			break;
		case 'j':
			/* --json is --format=json: the last one given wins */
			cfg->format = FORMAT_JSON;
			break;
		case 'l':
			/* the syntax now (exit 2 before the card is opened) */
			parse_links_or_die("--links", optarg, 31);
			cfg->links_arg = optarg;
			break;
		case OPT_NO_CLEAR:
			cfg->no_clear = true;
			break;
		case OPT_ONU_STATUS:
			cfg->onu_status = true;
			break;
		case OPT_FEC_STATUS:
			cfg->fec_status = true;
			break;
		case OPT_CLEAR:
			cfg->onu_clear = true;
			break;
		default:
			if (!parse_std_option(opt, NULL, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (!cfg->id)
		die_usage("no card given (--id)");
	if (cfg->onu_clear && !cfg->onu_status)
		die_usage("--clear goes with --onu-status");
	if ((cfg->onu_status || cfg->fec_status) && cfg->format != FORMAT_TABLE &&
	    cfg->format != FORMAT_JSON)
		die_usage("--onu-status and --fec-status print a table or JSON");
}

/*
 * --onu-status and --fec-status (docs/hardware.md P2-4.3, P2-4.4): the
 * labels of the old tool, as "Label: value" lines or JSON keys.  The
 * sticky bits are cleared only with --clear (lib/ttc.c).  The PON RX
 * power comes from SFP1 over the kernel's I2C adapter (P2-3.4); without a
 * reading (no SFP, no light) it shows as "-" (JSON null).
 */
static void kv_add(json_object *o, const char *key, json_object *v,
		   const char *text)
{
	char label[64];

	if (o) {
		json_object_object_add(o, key, v);
		return;
	}
	snprintf(label, sizeof(label), "%s%s", key,
		 key[strlen(key) - 1] == ':' ? "" : ":");
	printf("%-28s %s\n", label, text);
	json_object_put(v);
}

static void onu_fec_status(const struct config *cfg, struct roc_card *card)
{
	json_object *o = cfg->format == FORMAT_JSON ? json_object_new_object() : NULL;
	struct roc_onu_status onu;
	struct roc_fec_status fec;
	char buf[64], key[48];
	double dbm;
	unsigned int b;

	if (cfg->onu_status) {
		if (roc_onu_status_read(card, cfg->onu_clear ? ROC_ONU_CLEAR_STICKY : 0,
					&onu))
			die_lib();
		kv_add(o, "ONU downstream status", json_object_new_string(
		       onu.downstream ? "UP" : "DOWN"), onu.downstream ? "UP" : "DOWN");
		kv_add(o, "ONU upstream status", json_object_new_string(
		       onu.upstream ? "UP" : "DOWN"), onu.upstream ? "UP" : "DOWN");
		snprintf(buf, sizeof(buf), "0x%02x", onu.sticky);
		kv_add(o, "ONU sticky value", json_object_new_string(buf), buf);
		snprintf(buf, sizeof(buf), "0x%02x", onu.sticky_was);
		kv_add(o, "ONU sticky value (was)", json_object_new_string(buf), buf);
		snprintf(buf, sizeof(buf), "%u", onu.address);
		kv_add(o, "ONU address", json_object_new_int64(onu.address), buf);
		for (b = 0; b < 8; b++) {
			snprintf(key, sizeof(key), "ONU %s", roc_onu_bit_name(b));
			kv_add(o, key, json_object_new_boolean(onu.status >> b & 1),
			       onu.status >> b & 1 ? "true" : "false");
		}
		snprintf(buf, sizeof(buf), "0x%x", onu.pon_quality);
		kv_add(o, "ONU PON quality", json_object_new_int64(onu.pon_quality), buf);
		kv_add(o, "ONU PON quality Status", json_object_new_string(
		       onu.pon_quality_good ? "good" : "bad"),
		       onu.pon_quality_good ? "good" : "bad");
		if (!roc_cru_pon_rx_power(card, &dbm) && isfinite(dbm)) {
			snprintf(buf, sizeof(buf), "%.3f", dbm);
			kv_add(o, "ONU PON RX power (dBm)",
			       json_object_new_double(dbm), buf);
		} else {
			kv_add(o, "ONU PON RX power (dBm)", NULL, "-");
		}
		snprintf(buf, sizeof(buf), "%u", onu.glitch_counter);
		kv_add(o, "ONU glitch counter", json_object_new_int64(onu.glitch_counter), buf);
	}
	if (cfg->fec_status) {
		if (roc_fec_status_read(card, &fec))
			die_lib();
		kv_add(o, "clearFecCrcError", json_object_new_boolean(fec.clear_fec_crc_errors),
		       fec.clear_fec_crc_errors ? "true" : "false");
		kv_add(o, "latchFecCrcError", json_object_new_boolean(fec.latch_fec_crc_errors),
		       fec.latch_fec_crc_errors ? "true" : "false");
		snprintf(buf, sizeof(buf), "%u", fec.slow_control_framing_locked);
		kv_add(o, "slowControlFramingLocked",
		       json_object_new_int64(fec.slow_control_framing_locked), buf);
		snprintf(buf, sizeof(buf), "%u", fec.fec_single_error_count);
		kv_add(o, o ? "fecSingleErrorCount" : "FEC single error count",
		       json_object_new_int64(fec.fec_single_error_count), buf);
		snprintf(buf, sizeof(buf), "%u", fec.fec_double_error_count);
		kv_add(o, o ? "fecDoubleErrorCount" : "FEC double error count",
		       json_object_new_int64(fec.fec_double_error_count), buf);
		snprintf(buf, sizeof(buf), "%u", fec.crc_error_count);
		kv_add(o, o ? "crcErrorCount" : "CRC error count",
		       json_object_new_int64(fec.crc_error_count), buf);
	}
	if (o)
		print_json(o, true);
}

static int64_t get(const struct roc_status *st, enum roc_status_field f)
{
	int64_t v = -1;

	roc_status_get(st, f, &v);
	return v;
}

static const char *on_off(int64_t v)
{
	return v > 0 ? "enabled" : "disabled";
}

static const char *mux_name(const struct roc_status *st,
			    const struct roc_link_status *l)
{
	const char *n = roc_gbt_mux_name(l->gbt_mux,
					 get(st, ROC_STATUS_FIELD_DOWNSTREAM));

	return n ? n : "?";
}

static const char *clock_name(const struct roc_status *st)
{
	const char *n = roc_clock_name(get(st, ROC_STATUS_FIELD_CLOCK));

	return n ? n : "?";
}

/*
 * The clock the PLL has selected (Si5345 #2, docs/hardware.md P2-3.6), read
 * over I2C once per run: "TTC", "LOCAL", or NULL without a reading.
 */
static const char *pll_clock;

static void read_pll_clock(struct roc_card *card)
{
	enum roc_clock c;

	if (roc_card_info_get_type(roc_card_get_info(card)) == ROC_TYPE_CRU &&
	    !roc_cru_clock_get(card, &c))
		pll_clock = roc_clock_name(c);
}

/* The "Optical Power (uW)" cell of a link: "-" without a reading. */
static void power_cell(struct table *t, const struct roc_link_status *l)
{
	if (l->optical_power_uw < 0)
		table_cell(t, "-");
	else
		table_cell(t, "%.1f", l->optical_power_uw);
}

static void print_cru(const struct roc_card *card, const struct roc_status *st)
{
	static const char *const cols[] = {
		"Link", "GBT Mode Tx/Rx", "Loopback", "GBT MUX", "Datapath Mode",
		"Datapath Status", "RX Freq (MHz)", "TX Freq (MHz)", "Status",
		"System ID", "FEE ID", "Accepted", "Rejected", "Forced", "FEC",
		"Optical Power (uW)",
	};
	const struct roc_link_status *l;
	struct table *t;
	int64_t v;
	size_t i;

	print_kv(14, "Card", "%s", roc_card_get_label(card));
	print_kv(14, "CRU ID", "0x%03llx", (long long)get(st, ROC_STATUS_FIELD_CRU_ID));
	print_kv(14, "Clock", "%s", clock_name(st));
	print_kv(14, "PLL clock", "%s", pll_clock ? pll_clock : "-");
	print_kv(14, "Offset", "%s", get(st, ROC_STATUS_FIELD_DYNAMIC_OFFSET) > 0 ?
		 "dynamic" : "fixed");
	print_kv(14, "User logic", "%s", on_off(get(st, ROC_STATUS_FIELD_USER_LOGIC)));
	print_kv(14, "Run stats", "%s", on_off(get(st, ROC_STATUS_FIELD_RUN_STATS)));
	print_kv(14, "UL+CL", "%s", on_off(get(st, ROC_STATUS_FIELD_UL_AND_CL)));
	print_kv(14, "Drop bad RDH", "%s", on_off(get(st, ROC_STATUS_FIELD_DROP_BAD_RDH)));
	print_kv(14, "Rejection", "%s", get(st, ROC_STATUS_FIELD_ALLOW_REJECTION) > 0 ?
		 "allowed" : "not allowed");
	print_kv(14, "System ID", "0x%02llx", (long long)get(st, ROC_STATUS_FIELD_SYSTEM_ID));
	print_kv(14, "DMA", "%s", on_off(get(st, ROC_STATUS_FIELD_DATA_TAKING)));
	print_kv(14, "CTP clock", "%.3f MHz", get(st, ROC_STATUS_FIELD_CTP_CLOCK_HZ) / 1e6);
	print_kv(14, "Local clock", "%.3f MHz", get(st, ROC_STATUS_FIELD_LOCAL_CLOCK_HZ) / 1e6);
	if (!roc_status_get(st, ROC_STATUS_FIELD_TEMPERATURE_MDEG, &v))
		print_kv(14, "Temperature", "%.1f C", v / 1000.0);
	else
		print_kv(14, "Temperature", "-");
	putchar('\n');

	t = table_new(cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < roc_status_get_num_links(st); i++) {
		l = roc_status_get_link(st, i);
		table_cell(t, "%u", l->id);
		table_cell(t, "%s/%s", l->gbt_tx_wb ? "WB" : "GBT",
			   l->gbt_rx_wb ? "WB" : "GBT");
		table_cell(t, "%s", l->loopback ? "on" : "off");
		table_cell(t, "%s", mux_name(st, l));
		table_cell(t, "%s", l->packet_mode ? "packet" : "streaming");
		table_cell(t, "%s", l->enabled ? "enabled" : "disabled");
		table_cell(t, "%.3f", l->rx_clock_hz / 1e6);
		table_cell(t, "%.3f", l->tx_clock_hz / 1e6);
		table_cell(t, "%s", roc_link_state_name(l->state));
		table_cell(t, "0x%02x", l->system_id);
		table_cell(t, "0x%04x", l->fee_id);
		table_cell(t, "%u", l->accepted);
		table_cell(t, "%u", l->rejected);
		table_cell(t, "%u", l->forced);
		table_cell(t, "0x%x", l->fec_errors);
		power_cell(t, l);
	}
	table_print(t);
}

static void print_crorc(const struct roc_card *card,
			const struct roc_status *st)
{
	static const char *const cols[] = {
		"Link", "Status", "Optical Power (uW)", "ACQ Rate",
		"Packets Received", "DDL",
	};
	const struct roc_link_status *l;
	struct table *t;
	size_t i;

	print_kv(13, "Card", "%s", roc_card_get_label(card));
	print_kv(13, "CRORC ID", "0x%03llx", (long long)get(st, ROC_STATUS_FIELD_CRORC_ID));
	print_kv(13, "QSFP", "%s", on_off(get(st, ROC_STATUS_FIELD_QSFP)));
	print_kv(13, "Offset", "%s", get(st, ROC_STATUS_FIELD_DYNAMIC_OFFSET) > 0 ?
		 "dynamic" : "fixed");
	print_kv(13, "TF detection", "%s", on_off(get(st, ROC_STATUS_FIELD_TF_DETECTION)));
	print_kv(13, "TF length", "%lld", (long long)get(st, ROC_STATUS_FIELD_TF_LENGTH));
	putchar('\n');

	t = table_new(cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < roc_status_get_num_links(st); i++) {
		l = roc_status_get_link(st, i);
		table_cell(t, "%u", l->id);
		table_cell(t, "%s", roc_link_state_name(l->state));
		table_cell(t, "%.1f", l->optical_power_uw);
		table_cell(t, "%u", l->acq_rate);
		table_cell(t, "%u", l->packets_received);
		table_cell(t, "%s", l->id < DDL_LINKS && ddl_state[l->id] ?
			   ddl_state[l->id] : "-");
	}
	table_print(t);
}

static json_object *status_json(const struct roc_card_info *info,
				const struct roc_status *st)
{
	json_object *o = json_object_new_object(), *links, *lo;
	bool cru = roc_status_get_type(st) == ROC_TYPE_CRU;
	const struct roc_link_status *l;
	unsigned int f;
	int64_t v;
	size_t i;

	json_object_object_add(o, "card", card_id_json(info));
	for (f = 0; f < ROC_STATUS_FIELD_COUNT; f++) {
		if (roc_status_get(st, f, &v))
			continue;
		if (f == ROC_STATUS_FIELD_TEMPERATURE_MDEG)
			json_object_object_add(o, "temperature",
					       json_double(v / 1000.0, "%.3f"));
		else if (f == ROC_STATUS_FIELD_CLOCK)
			json_object_object_add(o, "clock",
					       json_object_new_string(clock_name(st)));
		else
			json_object_object_add(o, roc_status_field_name(f),
					       json_object_new_int64(v));
	}
	if (cru)
		json_object_object_add(o, "pllClock", pll_clock ?
				       json_object_new_string(pll_clock) : NULL);
	links = json_object_new_array();
	for (i = 0; i < roc_status_get_num_links(st); i++) {
		l = roc_status_get_link(st, i);
		lo = json_object_new_object();
		json_object_object_add(lo, "link", json_object_new_int((int)l->id));
		json_object_object_add(lo, "status", json_object_new_string(
			roc_link_state_name(l->state)));
		if (cru) {
			json_object_object_add(lo, "gbtModeTx", json_object_new_string(
				l->gbt_tx_wb ? "WB" : "GBT"));
			json_object_object_add(lo, "gbtModeRx", json_object_new_string(
				l->gbt_rx_wb ? "WB" : "GBT"));
			json_object_object_add(lo, "loopback",
					       json_object_new_boolean(l->loopback));
			json_object_object_add(lo, "gbtMux", json_object_new_string(
				mux_name(st, l)));
			json_object_object_add(lo, "datapathMode", json_object_new_string(
				l->packet_mode ? "packet" : "streaming"));
			json_object_object_add(lo, "enabled",
					       json_object_new_boolean(l->enabled));
			json_object_object_add(lo, "rxFreqMHz",
					       json_double(l->rx_clock_hz / 1e6, "%.3f"));
			json_object_object_add(lo, "txFreqMHz",
					       json_double(l->tx_clock_hz / 1e6, "%.3f"));
			json_object_object_add(lo, "systemId",
					       json_object_new_int((int)l->system_id));
			json_object_object_add(lo, "feeId",
					       json_object_new_int((int)l->fee_id));
			json_object_object_add(lo, "accepted",
					       json_object_new_int64(l->accepted));
			json_object_object_add(lo, "rejected",
					       json_object_new_int64(l->rejected));
			json_object_object_add(lo, "forced",
					       json_object_new_int64(l->forced));
			json_object_object_add(lo, "fecCounter",
					       json_object_new_int64(l->fec_errors));
			json_object_object_add(lo, "opticalPowerUw",
					       l->optical_power_uw < 0 ? NULL :
					       json_double(l->optical_power_uw, "%.1f"));
		} else {
			json_object_object_add(lo, "opticalPowerUw",
					       json_double(l->optical_power_uw, "%.1f"));
			json_object_object_add(lo, "acqRate",
					       json_object_new_int64(l->acq_rate));
			json_object_object_add(lo, "packetsReceived",
					       json_object_new_int64(l->packets_received));
			json_object_object_add(lo, "ddlState",
					       l->id < DDL_LINKS && ddl_state[l->id] ?
					       json_object_new_string(ddl_state[l->id]) :
					       NULL);
		}
		json_object_array_add(links, lo);
	}
	json_object_object_add(o, "links", links);
	return o;
}

int main(int argc, char **argv)
{
	struct config cfg = { .format = FORMAT_TABLE };
	const struct roc_card_info *info;
	struct roc_status *st;
	struct roc_card *card;
	struct metrics *m;
	unsigned int max;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);
	card = status_open_or_die(cfg.id);
	info = roc_card_get_info(card);
	max = roc_card_info_get_type(info) == ROC_TYPE_CRORC ? 5 : 11;
	/* "all" is every link of this card */
	if (cfg.links_arg && parse_links(cfg.links_arg, max, &cfg.links))
		die_usage("--links: %s has links 0-%u", roc_card_get_label(card),
			  max);
	if (cfg.onu_status || cfg.fec_status) {
		onu_fec_status(&cfg, card);
		roc_card_close(card);
		return EXIT_SUCCESS;
	}

	if (roc_status_read(card, cfg.links, cfg.no_clear ? ROC_STATUS_NO_CLEAR : 0,
			    &st))
		die_lib();
	read_pll_clock(card);
	read_ddl_state(info);

	switch (cfg.format) {
	case FORMAT_TABLE:
		if (roc_status_get_type(st) == ROC_TYPE_CRU)
			print_cru(card, st);
		else
			print_crorc(card, st);
		break;
	case FORMAT_JSON:
		print_json(status_json(info, st), true);
		break;
	default:
		m = metrics_new(cfg.format);
		status_metrics(m, info, st, METRICS_CARD_CONFIG |
			       METRICS_CARD_HEALTH | METRICS_LINK_STATE |
			       METRICS_LINK_COUNTERS);
		metrics_print(m, roc_status_get_time_ns(st));
		break;
	}
	roc_status_free(st);
	roc_card_close(card);
	return EXIT_SUCCESS;
}
