// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * clock-map_test - the ClockBuilder Pro CSV parser of lib/clock.c: the
 * shipped exports, delays, comments, CRLF, and the errors with their line.
 */
#include <errno.h>
#include <stdlib.h>

#include "../libroc.h"
#include "tap.h"

#ifndef MAPS
#define MAPS "../data/clock-maps"
#endif

static void shipped(const char *file, size_t regs, uint16_t select)
{
	struct roc_clock_map m;
	char path[512];
	size_t i, n = 0, delays = 0, at = 0;
	int ret;

	snprintf(path, sizeof(path), MAPS "/%s", file);
	ret = roc_clock_map_load(path, &m);
	if (!tap_ok(ret == 0, "%s loads", file)) {
		tap_diag("%s", roc_strerror_last());
		return;
	}
	for (i = 0; i < m.num_ops; i++) {
		if (m.ops[i].delay_ms) {
			delays++;
			continue;
		}
		if (m.ops[i].addr == 0x052a)
			at = i;
		n++;
	}
	tap_ok(n == regs, "%s: %zu registers (got %zu)", file, regs, n);
	tap_ok(delays == 1 && m.ops[3].delay_ms == 300,
	       "%s: one 300 ms delay after the 3-register preamble", file);
	tap_ok(m.ops[0].addr == 0x0b24 && m.ops[0].value == 0xc0 &&
	       m.ops[m.num_ops - 1].addr == 0x0b25 &&
	       m.ops[m.num_ops - 1].value == 0x02,
	       "%s: preamble first, postamble last", file);
	if (select)
		tap_ok(at && m.ops[at].value == (select & 0xff),
		       "%s: 0x052A = 0x%02x", file, select & 0xff);
	roc_clock_map_free(&m);
}

static int parse(const char *text, struct roc_clock_map *m)
{
	return roc_clock_map_parse("t.csv", text, m);
}

int main(void)
{
	struct roc_clock_map m;
	int ret;

	shipped("Si5345-RevD_ttc_pll1_zdb.csv", 526, 0x103);
	shipped("Si5345-RevD_local_pll2_zdb.csv", 526, 0x101);
	shipped("Si5344-RevD-TFC_40.csv", 465, 0);

	ret = parse("# c\r\nAddress,Data\r\n0x0001,0x0A\r\n# Delay 5 msec\r\n0xFFFF,0xff\r\n", &m);
	tap_ok(ret == 0 && m.num_ops == 3 && m.ops[0].addr == 1 &&
	       m.ops[0].value == 0x0a && m.ops[1].delay_ms == 5 &&
	       m.ops[2].addr == 0xffff && m.ops[2].value == 0xff,
	       "CRLF, header, delay, bounds");
	if (!ret)
		roc_clock_map_free(&m);

	ret = parse("Address,Data\n0x0B24,0xC0\n0x0B25,0x100\n", &m);
	tap_ok(ret == -EINVAL && tap_contains(roc_strerror_last(), "t.csv:3"),
	       "a value above 0xFF is an error naming line 3");
	ret = parse("0x10000,0x00\n", &m);
	tap_ok(ret == -EINVAL, "an address above 0xFFFF is an error");
	ret = parse("0x0B24 0xC0\n", &m);
	tap_ok(ret == -EINVAL, "a line without a comma is an error");
	ret = parse("0x0B24,\n", &m);
	tap_ok(ret == -EINVAL, "a missing value is an error");
	ret = parse("# only comments\n\n", &m);
	tap_ok(ret == -EINVAL && tap_contains(roc_strerror_last(), "no register"),
	       "a map without registers is an error");
	ret = roc_clock_map_load("/nonexistent/x.csv", &m);
	tap_ok(ret == -ENOENT, "a missing file is -ENOENT");
	return tap_done();
}
