// SPDX-License-Identifier: GPL-2.0
/*
 * roc - C-RORC backend: what the C-RORC registers mean (HARDWARE.md 4).
 *
 * BAR n is DMA channel n (1.2); identity registers are read from BAR0.
 */
#include <linux/device.h>

#include "roc.h"

#define CRORC_CHANNELS			6

/* 4.1 */
#define CRORC_SP_WR_SIZE		0x028
#define CRORC_SPINFO_HIGH		0x044
#define CRORC_RX_FIFO_ADDR_EXT		0x080	/* legacy scheme, 4.4 */
#define CRORC_RRBARX			0x084	/* legacy scheme, 4.4 */
#define CRORC_SERIAL_NUMBER_CTRL	0x0f0
#define  CRORC_SERIAL_NUMBER_TRIGGER	0xc0000000
#define CRORC_SERIAL_NUMBER		0x0fc
#define CRORC_FIRMWARE_HASH		0x19c
#define CRORC_BAR_MIN			0x200

static int crorc_identify(struct roc_endpoint *ep)
{
	if (!ep->num_bars || ep->bars[0].len < CRORC_BAR_MIN) {
		dev_err(ep->parent, "C-RORC BAR0 missing or too small\n");
		return -ENODEV;
	}

	/* 1.4: trigger the flash read and wait up to 500 ms. */
	ep->serial = roc_read_triggered_serial(ep, 0, CRORC_SERIAL_NUMBER,
					       CRORC_SERIAL_NUMBER_CTRL,
					       CRORC_SERIAL_NUMBER_TRIGGER,
					       500);
	if (ep->serial < 0)
		dev_warn(ep->parent, "C-RORC serial number unreadable\n");

	ep->endpoint = 0;
	ep->fw_hash = roc_read32(ep, 0, CRORC_FIRMWARE_HASH);
	ep->fw_date = 0;
	ep->fw_time = 0;
	ep->link_count = CRORC_CHANNELS;
	return 0;
}

/*
 * Registers that hold bus addresses (4.1, 4.4): superpage size/address
 * (0x28-0x30), the legacy ready-FIFO base and free-FIFO push (0x34-0x3c),
 * SPINFO (0x40-0x44), and the legacy high words at 0x80 and 0x84.
 */
static unsigned int crorc_prot_windows(struct roc_endpoint *ep,
				       unsigned int bar,
				       struct roc_window *win)
{
	win[0].start = CRORC_SP_WR_SIZE;
	win[0].end = CRORC_SPINFO_HIGH + 4;
	win[1].start = CRORC_RX_FIFO_ADDR_EXT;
	win[1].end = CRORC_RRBARX + 4;
	return 2;
}

const struct roc_card_ops roc_crorc_ops = {
	.type			= ROC_CARD_CRORC,
	.name			= "C-RORC",
	.num_channels		= CRORC_CHANNELS,
	.identify		= crorc_identify,
	.prot_windows		= crorc_prot_windows,
};
