/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * format.h - what the monitoring tools (roc-status, roc-metrics,
 * roc-pkt-monitor) share (format.c).  Not a stable interface.
 */
#ifndef ROC_TOOLS_FORMAT_H
#define ROC_TOOLS_FORMAT_H

#include "common.h"

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
#endif /* ROC_TOOLS_FORMAT_H */
