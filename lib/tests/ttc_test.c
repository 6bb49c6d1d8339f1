// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ttc_test - the pure parts of lib/ttc.c: 80-bit pattern values, CTP
 * emulator limits and modes, trigger counter wrap-around.
 */
#include <errno.h>
#include <stdint.h>

#include "libroc.h"
#include "tap.h"

static void test_wide(void)
{
	uint64_t lo = 1;
	uint16_t hi = 1;

	tap_ok(!roc_parse_wide("0", 80, &lo, &hi) && !lo && !hi, "0");
	tap_ok(!roc_parse_wide("0x123456789abcdef01234", 80, &lo, &hi) &&
	       lo == 0x56789abcdef01234ull && hi == 0x1234, "80-bit hex");
	tap_ok(!roc_parse_wide("0xffffffffffffffffffff", 80, &lo, &hi) &&
	       lo == UINT64_MAX && hi == 0xffff, "all 80 bits");
	tap_ok(roc_parse_wide("0x100000000000000000000", 80, &lo, &hi) == -ERANGE,
	       "81 bits: -ERANGE");
	tap_ok(!roc_parse_wide("18446744073709551616", 80, &lo, &hi) &&
	       lo == 0 && hi == 1, "2^64 in decimal");
	tap_ok(roc_parse_wide("4294967296", 32, &lo, &hi) == -ERANGE, "2^32 in 32 bits");
	tap_ok(roc_parse_wide("12a", 80, &lo, &hi) == -EINVAL, "decimal with a letter");
	tap_ok(roc_parse_wide("0x", 80, &lo, &hi) == -EINVAL, "0x alone");
	tap_ok(roc_parse_wide("", 80, &lo, &hi) == -EINVAL, "empty");
}

static void test_ctp(void)
{
	struct roc_ctp c;
	enum roc_ctp_mode m;

	roc_ctp_defaults(&c);
	tap_ok(!roc_ctp_check(&c) && c.mode == ROC_CTP_PERIODIC && c.bcmax == 3563 &&
	       c.hbmax == 255 && c.hbdrop == 15000 && c.hbkeep == 15000 &&
	       c.trigger_freq == 8, "defaults are those of the old tool, and valid");
	c.bcmax = 3564;
	tap_ok(roc_ctp_check(&c) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "bcmax 3564: at most 3563"), "bcmax 3564");
	roc_ctp_defaults(&c);
	c.hbmax = 0x10000;
	tap_ok(roc_ctp_check(&c) == -EINVAL, "hbmax 65536");
	roc_ctp_defaults(&c);
	c.hbdrop = 1;
	tap_ok(roc_ctp_check(&c) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "hbdrop 1: from 2 to 65535"), "hbdrop 1");
	roc_ctp_defaults(&c);
	c.hbkeep = 0x10000;
	tap_ok(roc_ctp_check(&c) == -EINVAL, "hbkeep 65536");
	roc_ctp_defaults(&c);
	c.trigger_freq = 0x10000000;
	tap_ok(roc_ctp_check(&c) == -EINVAL, "divider of 29 bits");
	c.trigger_freq = 0x0fffffff;
	tap_ok(!roc_ctp_check(&c), "divider of 28 bits");
	tap_ok(!roc_ctp_mode_parse("CONTINUOUS", &m) && m == ROC_CTP_CONTINUOUS,
	       "mode names in any case");
	tap_ok(!roc_ctp_mode_parse("hc", &m) && m == ROC_CTP_HC, "hc");
	tap_ok(roc_ctp_mode_parse("sometimes", &m) == -EINVAL, "unknown mode");
	tap_ok(roc_ctp_mode_name(ROC_CTP_CAL) && !roc_ctp_mode_name((enum roc_ctp_mode)9),
	       "mode names");
}

static void test_triggers(void)
{
	struct roc_triggers a = { .hb = 0xfffffff0, .phys = 5, .cal = 0xfffe,
				  .tof = 1, .sox = 15, .eox = 0 };
	struct roc_triggers b = { .hb = 0x10, .phys = 5, .cal = 2, .tof = 1,
				  .sox = 1, .eox = 3 };
	struct roc_triggers d;

	roc_triggers_diff(&b, &a, &d);
	tap_ok(d.hb == 0x20 && d.phys == 0 && d.cal == 4 && d.tof == 0 &&
	       d.sox == 2 && d.eox == 3, "counter wrap: 32, 16 and 4 bits");
}

int main(void)
{
	test_wide();
	test_ctp();
	test_triggers();
	return tap_done();
}
