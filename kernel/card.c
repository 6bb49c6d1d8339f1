// SPDX-License-Identifier: GPL-2.0
/*
 * roc - what the CRU and C-RORC backends share.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>

#include "roc.h"

/*
 * Serial numbers are four ASCII digits, least-significant byte first
 * ("0245" reads 0x35343230); a '-' marks a pre-production card, serial 0
 * (1.4).  Returns the serial or -1 if the word holds no number.
 */
s32 roc_decode_ascii_serial(u32 word)
{
	s32 serial = 0;
	int i;

	for (i = 0; i < 4; i++) {
		u8 c = word >> (8 * i);

		if (c == '-')
			return 0;
		if (c < '0' || c > '9')
			return -1;
		serial = serial * 10 + (c - '0');
	}
	return serial;
}

/*
 * Read a serial register that needs a trigger write first: poll up to
 * @wait_ms for the card to fill it in.  The current stack sleeps the whole
 * time once (1.4); polling returns as soon as the value is there.
 */
s32 roc_read_triggered_serial(struct roc_endpoint *ep, unsigned int bar,
			      u32 reg, u32 ctrl, u32 trigger,
			      unsigned int wait_ms)
{
	unsigned long deadline;
	u32 word;

	word = roc_read32(ep, bar, reg);
	if (!word) {
		roc_write32(ep, bar, ctrl, trigger);
		deadline = jiffies + msecs_to_jiffies(wait_ms);
		do {
			usleep_range(5000, 10000);
			word = roc_read32(ep, bar, reg);
		} while (!word && time_before(jiffies, deadline));
	}
	if (!word)
		return -1;
	return roc_decode_ascii_serial(word);
}
