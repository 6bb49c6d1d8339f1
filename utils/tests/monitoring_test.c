// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * monitoring_test - what roc-status, roc-metrics and roc-pkt-monitor share
 * in common.c and format.c: link lists, Prometheus text format (HELP/TYPE once per
 * family, label escaping, counters ending in _total) and InfluxDB line
 * protocol (fields grouped per measurement and tag set, tag escaping,
 * integers with "i").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../reg-common.h"
#include "../format.h"
#include "tap.h"

static void links(const char *s, unsigned int max, int ret, uint32_t want)
{
	uint32_t m = 0;
	int r = parse_links(s, max, &m);

	tap_ok(r == ret && (r || m == want), "parse_links(\"%s\", %u) = %d, 0x%x",
	       s, max, r, m);
}

/* Run metrics_print() with stdout in a temporary file; return its text. */
static char *capture(struct metrics *m, uint64_t t)
{
	static char buf[8192];
	FILE *f = tmpfile();
	int saved = dup(1);
	size_t n;

	fflush(stdout);
	dup2(fileno(f), 1);
	metrics_print(m, t);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void add(struct metrics *m, const char *card)
{
	const char *l0[] = { "card", card, "pci_address", "a b,c=d\"e\\", NULL };
	const char *l1[] = { "card", card, "link", "3", NULL };

	metrics_add(m, "card", l0, "temperature_celsius", "gauge", "temp", 45.5, false);
	metrics_add(m, "card", l0, "dropped_packets", "counter", "dropped", 7, true);
	metrics_add(m, "link", l1, "up", "gauge", "up", 1, true);
}

int main(void)
{
	char *out;

	printf("TAP version 13\n");
	links("0", 11, 0, 0x1);
	links("0-11", 11, 0, 0xfff);
	links("0,3-5,7", 11, 0, 0xb9);
	links("5-5", 5, 0, 0x20);
	links("all", 5, 0, 0x3f);
	links("all", 31, 0, 0xffffffff);
	links("12", 11, -EINVAL, 0);
	links("0-12", 11, -EINVAL, 0);
	links("5-3", 11, -EINVAL, 0);
	links("", 11, -EINVAL, 0);
	links("1,", 11, -EINVAL, 0);
	links(",1", 11, -EINVAL, 0);
	links("1,,2", 11, -EINVAL, 0);
	links("a", 11, -EINVAL, 0);
	links("-1", 11, -EINVAL, 0);
	links("1-", 11, -EINVAL, 0);
	links("99999999999", 31, -EINVAL, 0);
	/* libroc's parser, as roc-config and libroc take them */
	links("ALL", 11, 0, 0xfff);
	links(" all ", 3, 0, 0xf);
	links(" 1", 11, 0, 0x2);
	links("1 - 3, 5", 11, 0, 0x2e);
	links("alle", 11, -EINVAL, 0);
	links("32", 31, -EINVAL, 0);

	{
		struct metrics *m = metrics_new(FORMAT_PROMETHEUS);

		add(m, "roc0");
		add(m, "roc1");
		out = capture(m, 0);
	}
	tap_ok(!strncmp(out, "# HELP roc_card_temperature_celsius temp\n"
			"# TYPE roc_card_temperature_celsius gauge\n"
			"roc_card_temperature_celsius{card=\"roc0\",pci_address=\"a b,c=d\\\"e\\\\\"} 45.5\n"
			"roc_card_temperature_celsius{card=\"roc1\",", 150),
	       "Prometheus: HELP, TYPE, then the family's samples, labels escaped");
	tap_ok(tap_contains(out, "# TYPE roc_card_dropped_packets_total counter\n") &&
	       tap_contains(out, "roc_card_dropped_packets_total{card=\"roc1\",pci_address=\"a b,c=d\\\"e\\\\\"} 7\n"),
	       "Prometheus: counters end in _total, integers without decimals");
	tap_ok(tap_contains(out, "roc_link_up{card=\"roc0\",link=\"3\"} 1\n"),
	       "Prometheus: link metric with its link label");
	{
		const char *p = out;
		int types = 0;

		while ((p = strstr(p, "# TYPE ")))
			types++, p++;
		tap_ok(types == 3, "Prometheus: one TYPE per family (%d)", types);
	}

	{
		struct metrics *m = metrics_new(FORMAT_INFLUX);

		add(m, "roc0");
		out = capture(m, 1795500000000000000ULL);
	}
	tap_ok(!strcmp(out, "roc_card,card=roc0,pci_address=a\\ b\\,c\\=d\"e\\\\ "
			"temperature_celsius=45.5,dropped_packets=7i 1795500000000000000\n"
			"roc_link,card=roc0,link=3 up=1i 1795500000000000000\n"),
	       "Influx: one line per measurement and tag set, tags escaped, ints with i");
	if (!tap_contains(out, "roc_link"))
		tap_diag("got: %s", out);
	return tap_done();
}
