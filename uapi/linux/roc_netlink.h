/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	uapi/roc_netlink.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_ROC_NETLINK_H
#define _UAPI_LINUX_ROC_NETLINK_H

#define ROC_FAMILY_NAME		"roc"
#define ROC_FAMILY_VERSION	1

/**
 * enum roc_ddl_link_state - State of a C-RORC channel's DDL link: C_CSR bit 13
 *   (LINK_DOWN) as read now, told apart by what the last DDL commands found
 *   (the DIU's port state, a missing answer of the SIU).
 * @ROC_DDL_LINK_STATE_UP: The link is up (and the SIU answered the last
 *   command sent).
 * @ROC_DDL_LINK_STATE_DOWN: The link is down; no DIU status read since says
 *   why.
 * @ROC_DDL_LINK_STATE_DOWN_NO_SIGNAL: The link is down, the DIU port was
 *   Offline No Signal.
 * @ROC_DDL_LINK_STATE_DOWN_LOSS_OF_SYNC: The link is down, the DIU port was
 *   Offline Loss of Sync.
 * @ROC_DDL_LINK_STATE_NO_SIU: The link is up, but the SIU did not answer the
 *   last DDL command sent to it or the FEE behind it.
 */
enum roc_ddl_link_state {
	ROC_DDL_LINK_STATE_UP = 1,
	ROC_DDL_LINK_STATE_DOWN,
	ROC_DDL_LINK_STATE_DOWN_NO_SIGNAL,
	ROC_DDL_LINK_STATE_DOWN_LOSS_OF_SYNC,
	ROC_DDL_LINK_STATE_NO_SIU,
};

enum {
	ROC_A_DEV_ID = 1,
	ROC_A_DEV_PAD,
	ROC_A_DEV_CARD_TYPE,
	ROC_A_DEV_ENDPOINT,
	ROC_A_DEV_SERIAL,
	ROC_A_DEV_ADDRESS,
	ROC_A_DEV_NUMA_NODE,
	ROC_A_DEV_LINK_COUNT,
	ROC_A_DEV_FW_HASH,
	ROC_A_DEV_FW_DATE,
	ROC_A_DEV_FW_TIME,
	ROC_A_DEV_NUM_CHANNELS,
	ROC_A_DEV_SIMULATED,
	ROC_A_DEV_NAME,
	ROC_A_DEV_TEMPERATURE = 16,
	ROC_A_DEV_DROPPED_PACKETS,
	ROC_A_DEV_CHANNEL,
	ROC_A_DEV_LINK = 32,

	__ROC_A_DEV_MAX,
	ROC_A_DEV_MAX = (__ROC_A_DEV_MAX - 1)
};

enum {
	ROC_A_LINK_INDEX = 1,
	ROC_A_LINK_RX_POWER,
	ROC_A_LINK_DDL_STATE,

	__ROC_A_LINK_MAX,
	ROC_A_LINK_MAX = (__ROC_A_LINK_MAX - 1)
};

enum {
	ROC_A_CHANNEL_INDEX = 1,
	ROC_A_CHANNEL_PAD,
	ROC_A_CHANNEL_STATE,
	ROC_A_CHANNEL_PID,
	ROC_A_CHANNEL_COMM,
	ROC_A_CHANNEL_SOURCE,
	ROC_A_CHANNEL_LINKS,
	ROC_A_CHANNEL_CAPACITY,
	ROC_A_CHANNEL_QUEUED,
	ROC_A_CHANNEL_READY,
	ROC_A_CHANNEL_PUSHED,
	ROC_A_CHANNEL_COMPLETED,
	ROC_A_CHANNEL_BYTES,
	ROC_A_CHANNEL_FIFO_EMPTY,
	ROC_A_CHANNEL_DROPPED_PACKETS,

	__ROC_A_CHANNEL_MAX,
	ROC_A_CHANNEL_MAX = (__ROC_A_CHANNEL_MAX - 1)
};

enum {
	ROC_CMD_DEV_GET = 1,
	ROC_CMD_DEV_ADD_NTF,
	ROC_CMD_DEV_DEL_NTF,

	__ROC_CMD_MAX,
	ROC_CMD_MAX = (__ROC_CMD_MAX - 1)
};

#define ROC_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_ROC_NETLINK_H */
