/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libroc - the configuration and status registers of the CRU and C-RORC
 * that the library reads and writes through the BARs (docs/hardware.md 2.2,
 * 2.3, 2.4 and 4.1).  Byte offsets.  The DMA engine registers are not
 * here: only the kernel touches those.
 *
 * Not installed; shared by config.c, status.c and the unit tests.
 */
#ifndef ROC_REGS_H
#define ROC_REGS_H

#include <stdint.h>

/* ---- CRU: BAR2, docs/hardware.md 2.2 ----------------------------------- */
#define ROC_CRU_BAR			2

#define ROC_CRU_FIRMWARE_GIT_HASH	0x000004
#define ROC_CRU_BSP_USER_CONTROL	0x000018
#define  ROC_CRU_USER_CONTROL_DMA	(1u << 0)	/* data taking */
#define  ROC_CRU_USER_CONTROL_ID_SHIFT	16		/* CRU ID, 27:16 */
#define  ROC_CRU_USER_CONTROL_ID_MASK	(0xfffu << 16)
/* GBT mux: 4 bits per link, i = link + 12 * endpoint, word i / 8 */
#define ROC_CRU_GBT_MUX_SELECT		0x00001c
#define ROC_CRU_TEMPERATURE		0x010008
#define ROC_CRU_FPGA_CHIP_HIGH		0x010014
#define ROC_CRU_FPGA_CHIP_LOW		0x010018
#define ROC_CRU_VIRTUAL_LINKS_IDS	0x100014	/* 23:16 system ID */
#define ROC_CRU_TTC_DATA		0x200000
#define  ROC_CRU_TTC_CLOCK_MASK		0x3u		/* 1:0 */
#define  ROC_CRU_TTC_DOWNSTREAM_SHIFT	16		/* 17:16 */
#define  ROC_CRU_TTC_DOWNSTREAM_MASK	(0x3u << 16)
#define ROC_CRU_LOCK_CLOCK_TO_REF	0x220000
#define ROC_CRU_CTP_CLOCK		0x240000	/* Hz */
#define ROC_CRU_LOCAL_CLOCK		0x240004	/* Hz */
#define ROC_CRU_WRAPPER(w)		(0x400000 + 0x100000 * (w))
#define  ROC_CRU_WRAPPER_CONF0		0x0
#define  ROC_CRU_WRAPPER_CONF1		0x4		/* 31:24 links */
#define  ROC_CRU_WRAPPER_CLOCK		0xc
#define ROC_CRU_DWRAPPER(ep)		(0x600000 + 0x100000 * (ep))
#define ROC_CRU_FIRST_ORBIT(ep)		(ROC_CRU_DWRAPPER(ep) + 0x4002c)
#define ROC_CRU_USERLOGIC_GIT_HASH	0xc00004

/* clock select, TTC_DATA 1:0 */
#define ROC_CRU_CLOCK_TTC		0
#define ROC_CRU_CLOCK_LOCAL		2

/* downstream data, TTC_DATA 17:16 */
#define ROC_CRU_DOWNSTREAM_CTP		0
#define ROC_CRU_DOWNSTREAM_PATTERN	1
#define ROC_CRU_DOWNSTREAM_MIDTRG	2

/* GBT mux values */
#define ROC_CRU_MUX_TTC			0
#define ROC_CRU_MUX_DDG			1
#define ROC_CRU_MUX_SWT			2
#define ROC_CRU_MUX_TTCUP		3
#define ROC_CRU_MUX_UL			4

/* ---- CRU: datapath wrapper, docs/hardware.md 2.3 (offsets from DWRAPPER) ---- */
#define ROC_CRU_DW_ENREG		0x00
#define  ROC_CRU_DW_EN_RUN_STATS_EP0	(1u << 13)
#define  ROC_CRU_DW_EN_RUN_STATS_EP1	(1u << 14)
#define  ROC_CRU_DW_EN_USER_LOGIC	(1u << 15)
#define  ROC_CRU_DW_EN_UL_AND_CL	(1u << 30)
#define  ROC_CRU_DW_EN_DYN_OFFSET	(1u << 31)
#define ROC_CRU_DW_DATAGENCTRL		0x04
#define ROC_CRU_DW_DROPPED_PACKETS	0x1c
#define ROC_CRU_DW_TOTAL_PACKETS_PS	0x2c
#define ROC_CRU_DW_TRIGGER_WINDOW	0x34		/* <= 65535 */
#define ROC_CRU_DW_DROP_BAD_RDH		0x38
#define ROC_CRU_DW_FLOW_CONTROL		0xc0000		/* bit 0 */
#define ROC_CRU_DW_LINK(id)		(0x40000 + 0x2000 * (id))
#define  ROC_CRU_DW_LINK_CONTROL	0x00
#define   ROC_CRU_DW_LINK_PACKET_MODE	(1u << 31)	/* 0 = streaming */
#define   ROC_CRU_DW_LINK_RAWMAXLEN	0x1fcu
#define  ROC_CRU_DW_LINK_IDS		0x04	/* 15:0 FEE, 23:16 system */
#define  ROC_CRU_DW_LINK_REJECTED	0x08
#define  ROC_CRU_DW_LINK_ACCEPTED	0x0c
#define  ROC_CRU_DW_LINK_FORCED		0x10

/* datapath link IDs besides the GBT links 0-11 */
#define ROC_CRU_DW_ID_RUN_STATS(ep)	(13 + (ep))
#define ROC_CRU_DW_ID_USER_LOGIC	15

/* ---- CRU: GBT links, docs/hardware.md 2.4 ------------------------------ */
#define ROC_CRU_GBT_STATUS		0x00
#define  ROC_CRU_GBT_STATUS_PLL_LOCK	(1u << 8)
#define  ROC_CRU_GBT_STATUS_RX_LOCKED	(1u << 10)
#define  ROC_CRU_GBT_STATUS_DATA_UP	(1u << 11)
#define  ROC_CRU_GBT_STATUS_PHY_UP	(1u << 13)
#define  ROC_CRU_GBT_STATUS_PHY_WAS_DOWN  (1u << 14)	/* inverted sticky */
#define  ROC_CRU_GBT_STATUS_DATA_WAS_DOWN (1u << 15)	/* inverted sticky */
#define ROC_CRU_GBT_TX_CLOCK		0x04		/* Hz */
#define ROC_CRU_GBT_RX_CLOCK		0x08		/* Hz */
#define ROC_CRU_GBT_RX_ERRORS		0x10
#define ROC_CRU_GBT_FEC			0x1c
#define ROC_CRU_GBT_TX_CONTROL		0x2c		/* bit 8: 1 = WB */
#define ROC_CRU_GBT_SOURCE_SELECT	0x30		/* bit 4 loopback */
#define  ROC_CRU_GBT_LOOPBACK		(1u << 4)
#define ROC_CRU_GBT_STICKY_CLEAR	0x38		/* write 0 */
#define ROC_CRU_GBT_RX_CONTROL		0x3c		/* bit 8: 1 = WB */
#define  ROC_CRU_GBT_MODE_WB		(1u << 8)

#define ROC_CRU_LINKS_PER_ENDPOINT	12

/*
 * roc_cru_gbt_link_base - BAR2 base of user link @link (0-11) of endpoint
 * @ep.  Endpoint e has wrapper e with two banks; user links interleave the
 * banks: position = 2 * (index in bank) + bank (2.4).
 */
static inline uint32_t roc_cru_gbt_link_base(unsigned int ep, unsigned int link)
{
	unsigned int bank = link % 2, index = link / 2;

	return ROC_CRU_WRAPPER(ep) + 0x20000 * (bank + 1) + 0x2000 * (index + 1);
}

/* GBT mux register and shift of link @link of endpoint @ep (2.2). */
static inline uint32_t roc_cru_gbt_mux_reg(unsigned int ep, unsigned int link)
{
	return ROC_CRU_GBT_MUX_SELECT + 4 * ((link + 12 * ep) / 8);
}

static inline unsigned int roc_cru_gbt_mux_shift(unsigned int ep,
						 unsigned int link)
{
	return 4 * ((link + 12 * ep) % 8);
}

/* ---- C-RORC: per-channel BAR n, docs/hardware.md 4.1 ------------------- */
#define ROC_CRORC_CHANNEL_CSR		0x010
#define  ROC_CRORC_CSR_LINK_DOWN	(1u << 13)
#define ROC_CRORC_ACQ_RATE		0x050
#define ROC_CRORC_PKTS_RECEIVED		0x054
#define ROC_CRORC_ORBIT_SOR		0x060
#define ROC_CRORC_LINK_STATUS		0x0a0
#define  ROC_CRORC_LINK_QSFP_ON		(1u << 31)
#define ROC_CRORC_I2C_CMD		0x0d0
#define  ROC_CRORC_I2C_LASER_ON		0x80
#define ROC_CRORC_OPTICAL_POWER_01	0x144
#define ROC_CRORC_OPTICAL_POWER_23	0x148
#define ROC_CRORC_OPTICAL_POWER_45	0x154
#define ROC_CRORC_FIRMWARE_HASH		0x19c
#define ROC_CRORC_CFG_CONTROL		0x1f0
#define  ROC_CRORC_CFG_DYN_OFFSET	(1u << 0)
#define  ROC_CRORC_CFG_ID_SHIFT		4		/* 15:4 */
#define  ROC_CRORC_CFG_ID_MASK		(0xfffu << 4)
#define ROC_CRORC_CFG_CONTROL_B		0x1f4
#define  ROC_CRORC_CFG_TF_LENGTH_MASK	0x7ffu		/* 10:0, <= 256 */
#define  ROC_CRORC_CFG_TF_DETECTION	(1u << 12)

#define ROC_CRORC_LINKS			6

/* Optical power register of C-RORC link @link: 16 bits, value / 10 = uW */
static inline uint32_t roc_crorc_optical_power_reg(unsigned int link)
{
	static const uint32_t reg[] = {
		ROC_CRORC_OPTICAL_POWER_01, ROC_CRORC_OPTICAL_POWER_23,
		ROC_CRORC_OPTICAL_POWER_45,
	};

	return reg[(link / 2) % 3];
}

/* ---- CRU: BAR0, docs/hardware.md 2.1: the one DMA-engine word configured ---- */
#define ROC_CRU_DMA_BAR			0
#define ROC_CRU_DEBUG			0x000c00	/* 13.8: shared word */
#define  ROC_CRU_TF_LENGTH_SHIFT	20		/* 31:20, orbits */
#define  ROC_CRU_TF_LENGTH_MASK		(0xfffu << 20)

/* bit 0 of the datapath wrapper's drop-bad-RDH and flow control (2.3) */
#define  ROC_CRU_DW_DROP_BAD_RDH_ON	(1u << 0)
#define  ROC_CRU_DW_ALLOW_REJECTION	(1u << 0)
#define  ROC_CRU_DW_LINK_IDS_FEE_MASK	0xffffu
#define  ROC_CRU_DW_LINK_IDS_SYS_SHIFT	16
#define  ROC_CRU_DW_LINK_IDS_SYS_MASK	(0xffu << 16)
#define ROC_CRU_VIRTUAL_SYS_SHIFT	16		/* VIRTUAL_LINKS_IDS */
#define ROC_CRU_VIRTUAL_SYS_MASK	(0xffu << 16)

#define  ROC_CRORC_CFG_FLUSH		(1u << 16)	/* self-clearing */

/* C-RORC configuration registers are in BAR0 (the channel 0 BAR) */
#define ROC_CRORC_CFG_BAR		0

/* datapath wrapper, fw: total packets (2.3) */
#define ROC_CRU_DW_TOTAL_PACKETS	0x18

#endif /* ROC_REGS_H */
