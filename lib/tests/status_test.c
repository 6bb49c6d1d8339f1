// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * status_test - the pure decoding of the status snapshot: GBT link state
 * from the status word and its sticky bits (docs/hardware.md 2.4), GBT mux and
 * clock names (2.2), CRU temperature (2.2), field names, the GBT link and
 * mux register mapping of regs.h.
 */
#include <errno.h>
#include <string.h>

#include "../internal.h"
#include "../regs.h"
#include "tap.h"

#define UP_BITS	(ROC_CRU_GBT_STATUS_PLL_LOCK | ROC_CRU_GBT_STATUS_RX_LOCKED | \
		 ROC_CRU_GBT_STATUS_DATA_UP | ROC_CRU_GBT_STATUS_PHY_UP)
#define STICKY	(ROC_CRU_GBT_STATUS_PHY_WAS_DOWN | \
		 ROC_CRU_GBT_STATUS_DATA_WAS_DOWN)

static int streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int main(void)
{
	int32_t mdeg = 0;
	unsigned int i;
	int ok;

	printf("TAP version 13\n");

	/* link state */
	tap_ok(roc_gbt_link_state(UP_BITS | STICKY, false, 0) == ROC_LINK_STATE_UP,
	       "both sticky bits set: UP");
	tap_ok(!roc_gbt_needs_clear(UP_BITS | STICKY), "UP needs no clear");
	tap_ok(roc_gbt_needs_clear(UP_BITS | ROC_CRU_GBT_STATUS_PHY_WAS_DOWN),
	       "one sticky bit clear needs a clear");
	tap_ok(roc_gbt_link_state(UP_BITS, true, UP_BITS | STICKY) ==
	       ROC_LINK_STATE_UP_WAS_DOWN, "sticky set again after the clear: UP (was DOWN)");
	tap_ok(roc_gbt_link_state(UP_BITS, true, UP_BITS) == ROC_LINK_STATE_DOWN,
	       "sticky still clear after the clear: DOWN");
	tap_ok(roc_gbt_link_state(ROC_CRU_GBT_STATUS_PLL_LOCK, true,
				  ROC_CRU_GBT_STATUS_PLL_LOCK) == ROC_LINK_STATE_DOWN,
	       "only PLL lock: DOWN");
	tap_ok(roc_gbt_link_state(UP_BITS, false, 0) == ROC_LINK_STATE_UP_WAS_DOWN,
	       "not cleared, live bits up: UP (was DOWN)");
	tap_ok(roc_gbt_link_state(ROC_CRU_GBT_STATUS_PHY_UP, false, 0) ==
	       ROC_LINK_STATE_DOWN, "not cleared, data layer down: DOWN");
	tap_ok(roc_gbt_link_state(0, false, 0) == ROC_LINK_STATE_DOWN,
	       "status 0: DOWN");
	tap_ok(streq(roc_link_state_name(ROC_LINK_STATE_UP), "UP") &&
	       streq(roc_link_state_name(ROC_LINK_STATE_UP_WAS_DOWN), "UP (was DOWN)") &&
	       streq(roc_link_state_name(ROC_LINK_STATE_DOWN), "DOWN") &&
	       !roc_link_state_name((enum roc_link_state)7),
	       "link state names");

	/* GBT mux, clock */
	tap_ok(streq(roc_gbt_mux_name(ROC_GBT_MUX_TTC, 0), "TTC:CTP") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_TTC, 1), "TTC:PATTERN") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_TTC, 2), "TTC:MIDTRG") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_TTC, 3), "TTC"),
	       "TTC mux names carry the downstream data");
	tap_ok(streq(roc_gbt_mux_name(ROC_GBT_MUX_DDG, 0), "DDG") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_SWT, 1), "SWT") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_TTCUP, 2), "TTCUP") &&
	       streq(roc_gbt_mux_name(ROC_GBT_MUX_UL, 0), "UL") &&
	       !roc_gbt_mux_name(5, 0) && !roc_gbt_mux_name(15, 0),
	       "other mux names, unknown values NULL");
	tap_ok(streq(roc_clock_name(ROC_CLOCK_TTC), "TTC") &&
	       streq(roc_clock_name(ROC_CLOCK_LOCAL), "LOCAL") &&
	       !roc_clock_name(1) && !roc_clock_name(3), "clock names");

	/* temperature: degrees = raw * 693 / 1024 - 265 */
	ok = !roc_cru_temperature_decode(459, &mdeg);
	tap_ok(ok && mdeg == 45631, "raw 459 is 45.631 C (got %d)", mdeg);
	ok = !roc_cru_temperature_decode(1023, &mdeg);
	tap_ok(ok && mdeg == 427323, "raw 1023 is 427.323 C (got %d)", mdeg);
	ok = !roc_cru_temperature_decode(1, &mdeg);
	tap_ok(ok && mdeg == -264324, "raw 1 is -264.324 C (got %d)", mdeg);
	tap_ok(roc_cru_temperature_decode(0, &mdeg) == -ENODATA &&
	       roc_cru_temperature_decode(1024, &mdeg) == -ENODATA &&
	       roc_cru_temperature_decode(0xffffffff, &mdeg) == -ENODATA,
	       "raw 0 and above 1023 are invalid");

	/* field names: every field has a distinct one */
	ok = 1;
	for (i = 0; i < ROC_STATUS_FIELD_COUNT; i++) {
		const char *n = roc_status_field_name(i);
		unsigned int j;

		if (!n || !*n)
			ok = 0;
		for (j = 0; n && j < i; j++)
			if (streq(n, roc_status_field_name(j)))
				ok = 0;
	}
	tap_ok(ok && !roc_status_field_name(ROC_STATUS_FIELD_COUNT) &&
	       streq(roc_status_field_name(ROC_STATUS_FIELD_CTP_CLOCK_HZ), "ctpClockHz"),
	       "field names distinct, NULL past the end");

	/* register map of 2.4 and 2.2 */
	tap_ok(roc_cru_gbt_link_base(0, 0) == 0x400000 + 0x20000 + 0x2000 &&
	       roc_cru_gbt_link_base(0, 1) == 0x400000 + 0x40000 + 0x2000 &&
	       roc_cru_gbt_link_base(0, 11) == 0x400000 + 0x40000 + 0xc000 &&
	       roc_cru_gbt_link_base(1, 2) == 0x500000 + 0x20000 + 0x4000,
	       "GBT link bases interleave the two banks of the endpoint's wrapper");
	tap_ok(roc_cru_gbt_mux_reg(0, 7) == 0x1c && roc_cru_gbt_mux_shift(0, 7) == 28 &&
	       roc_cru_gbt_mux_reg(0, 8) == 0x20 && roc_cru_gbt_mux_shift(0, 8) == 0 &&
	       roc_cru_gbt_mux_reg(1, 0) == 0x20 && roc_cru_gbt_mux_shift(1, 0) == 16 &&
	       roc_cru_gbt_mux_reg(1, 11) == 0x24 && roc_cru_gbt_mux_shift(1, 11) == 28,
	       "GBT mux nibbles: index link + 12 endpoint, 8 per word");
	tap_ok(roc_crorc_optical_power_reg(0) == 0x144 &&
	       roc_crorc_optical_power_reg(3) == 0x148 &&
	       roc_crorc_optical_power_reg(5) == 0x154,
	       "C-RORC optical power registers");

	return tap_done();
}
