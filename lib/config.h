/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libroc - private declarations of the configuration objects, shared by
 * config.c (settings, INI), config-write.c (INI writer, diff) and
 * config-card.c (reading and applying to a card).  Not installed.
 */
#ifndef ROC_CONFIG_H
#define ROC_CONFIG_H

#include "internal.h"

/* Where a setting lives. */
enum roc_cfg_scope {
	ROC_CFG_SCOPE_CRU,	/* [cru] */
	ROC_CFG_SCOPE_CRU_LINK,	/* [cru], for every link; [linkN] override */
	ROC_CFG_SCOPE_LINK,	/* [links], [linkN] */
	ROC_CFG_SCOPE_CRORC,	/* [crorc] */
};

enum roc_cfg_type {
	ROC_CFG_BOOL_T,
	ROC_CFG_ENUM_T,		/* names indexed by value, NULL holes */
	ROC_CFG_HEX_T,		/* hex, "0x" optional */
	ROC_CFG_NUM_T,		/* decimal or "0x" hex */
};

struct roc_cfg_keydef {
	const char *name;
	enum roc_cfg_scope scope;
	enum roc_cfg_type type;
	uint32_t min, max;
	uint32_t def;		/* ROC_CONFIG_NEW_DEFAULTS */
	const char *const *names;
	size_t nnames;
};

extern const struct roc_cfg_keydef roc_cfg_keys[ROC_CONFIG_KEY_COUNT];

struct roc_cfg_slot {
	bool set;
	uint32_t v;
};

struct roc_config {
	/* [cru] / [crorc] values; [links] for the link settings */
	struct roc_cfg_slot card[ROC_CONFIG_KEY_COUNT];
	/* [linkN] values of the per-link settings */
	struct roc_cfg_slot link[ROC_CONFIG_LINKS][ROC_CONFIG_KEY_COUNT];
};

/* Parse @text as a value of @d: 0, -EINVAL (bad), -ERANGE. */
int roc_cfg_parse_value(const struct roc_cfg_keydef *d, const char *text,
			uint32_t *v);

#endif /* ROC_CONFIG_H */
