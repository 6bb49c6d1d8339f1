/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc - the C-RORC DDL command path (crorc_ddl.c), for crorc.c.
 */
#ifndef _ROC_CRORC_DDL_H
#define _ROC_CRORC_DDL_H

#include "roc.h"

/* docs/hardware.md 4.1: C_CSR of BAR n */
#define CRORC_C_CSR			0x010
#define  CRORC_C_CSR_RX			BIT(9)
#define  CRORC_C_CSR_LOOPBACK		BIT(12)
#define  CRORC_C_CSR_LINK_DOWN		BIT(13)
#define  CRORC_C_CSR_CMD_NOT_EMPTY	BIT(16)
#define  CRORC_C_CSR_RXSTAT_NOT_EMPTY	BIT(23)
#define CRORC_C_DCR			0x018
#define CRORC_C_DSR			0x01c
#define CRORC_CSR			0x000
#define  CRORC_CSR_RESET		0x3

int crorc_ddl_reset(struct roc_channel *ch, u32 level);
int crorc_ddl_start(struct roc_channel *ch);
void crorc_ddl_stop(struct roc_channel *ch);
bool crorc_ddl_link_lost(struct roc_channel *ch);
int crorc_ddl_status(struct roc_endpoint *ep, struct roc_ddl_status *st);
u32 crorc_ddl_link_state(struct roc_endpoint *ep, unsigned int bar);

#endif /* _ROC_CRORC_DDL_H */
