// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * format.c - the monitoring tools (roc-status, roc-metrics,
 * roc-pkt-monitor): output formats, metrics in Prometheus and InfluxDB
 * form, the metrics of a status snapshot, the card's JSON identity.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

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
		if ((what & METRICS_LINK_STATE) &&
		    (!cru || l->optical_power_uw >= 0))
			metrics_add(m, "link", labels, "optical_power_uw", "gauge",
				    "received optical power in microwatts",
				    l->optical_power_uw, false);
		if ((what & METRICS_LINK_COUNTERS) && cru)
			metrics_add(m, "link", labels, "fec_errors", "counter",
				    "FEC errors of the GBT link (P2-4.4)",
				    l->fec_errors, true);
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
