// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - card configurations (the CardConfigurator role, docs/hardware.md
 * 10.1): the settings, their values as text, INI files read through inih
 * and written back, and the difference between two configurations.
 * Reading a card's state and applying a configuration is config-card.c's.
 *
 * A setting has a card-wide slot ([cru], [crorc], or [links] for a link
 * setting) and, if it is a per-link one, a slot per link ([linkN]).  The
 * value in effect for a link is its own slot, else the card-wide one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "config.h"

static const char *const roc_cfg_clock_names[] = {
	[ROC_CLOCK_TTC] = "ttc", [ROC_CLOCK_LOCAL] = "local",
};
static const char *const roc_cfg_downstream_names[] = {
	"CTP", "PATTERN", "MIDTRG",
};
static const char *const roc_cfg_datapath_names[] = {
	[ROC_DATAPATH_STREAMING] = "streaming",
	[ROC_DATAPATH_PACKET] = "packet",
};
static const char *const roc_cfg_gbt_mode_names[] = { "GBT", "WB" };
static const char *const roc_cfg_mux_names[] = {
	"TTC", "DDG", "SWT", "TTCUP", "UL",
};

#define ROC_CFG_ENUM(n) .names = (n), .nnames = ROC_ARRAY_SIZE(n)

const struct roc_cfg_keydef roc_cfg_keys[ROC_CONFIG_KEY_COUNT] = {
	[ROC_CONFIG_KEY_CLOCK] = { "clock", ROC_CFG_SCOPE_CRU, ROC_CFG_ENUM_T, 0, 2,
			    ROC_CLOCK_LOCAL,
			    ROC_CFG_ENUM(roc_cfg_clock_names) },
	[ROC_CONFIG_KEY_DOWNSTREAM_DATA] = { "downstreamData", ROC_CFG_SCOPE_CRU,
				      ROC_CFG_ENUM_T, 0, 2, 0,
				      ROC_CFG_ENUM(roc_cfg_downstream_names) },
	[ROC_CONFIG_KEY_PON_UPSTREAM] = { "ponUpstream", ROC_CFG_SCOPE_CRU,
				   ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_ONU_ADDRESS] = { "onuAddress", ROC_CFG_SCOPE_CRU,
				  ROC_CFG_NUM_T, 0, 255, 0 },
	[ROC_CONFIG_KEY_GBT_ENABLED] = { "gbtEnabled", ROC_CFG_SCOPE_CRU,
				  ROC_CFG_BOOL_T, 0, 1, 1 },
	[ROC_CONFIG_KEY_LINK_GBT_MUX] = { "gbtMux", ROC_CFG_SCOPE_LINK,
				   ROC_CFG_ENUM_T, 0, 4, 0,
				   ROC_CFG_ENUM(roc_cfg_mux_names) },
	[ROC_CONFIG_KEY_GBT_MODE] = { "gbtMode", ROC_CFG_SCOPE_CRU_LINK,
			       ROC_CFG_ENUM_T, 0, 1, 0,
			       ROC_CFG_ENUM(roc_cfg_gbt_mode_names) },
	[ROC_CONFIG_KEY_LOOPBACK] = { "loopback", ROC_CFG_SCOPE_CRU_LINK,
			       ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_LINK_ENABLED] = { "enabled", ROC_CFG_SCOPE_LINK,
				   ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_DATAPATH_MODE] = { "datapathMode", ROC_CFG_SCOPE_CRU_LINK,
				    ROC_CFG_ENUM_T, 0, 1,
				    ROC_DATAPATH_PACKET,
				    ROC_CFG_ENUM(roc_cfg_datapath_names) },
	[ROC_CONFIG_KEY_ALLOW_REJECTION] = { "allowRejection", ROC_CFG_SCOPE_CRU,
				      ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_LINK_FEE_ID] = { "feeId", ROC_CFG_SCOPE_LINK, ROC_CFG_HEX_T,
				  0, 0xffff, 0 },
	[ROC_CONFIG_KEY_SYSTEM_ID] = { "systemId", ROC_CFG_SCOPE_CRU_LINK,
				ROC_CFG_HEX_T, 0, 0xff, 0 },
	[ROC_CONFIG_KEY_USER_LOGIC] = { "userLogicEnabled", ROC_CFG_SCOPE_CRU,
				 ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_RUN_STATS] = { "runStatsEnabled", ROC_CFG_SCOPE_CRU,
				ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_USER_AND_COMMON_LOGIC] = { "userAndCommonLogicEnabled",
					    ROC_CFG_SCOPE_CRU, ROC_CFG_BOOL_T,
					    0, 1, 0 },
	[ROC_CONFIG_KEY_CRU_ID] = { "cruId", ROC_CFG_SCOPE_CRU, ROC_CFG_HEX_T, 0,
			     0xfff, 0 },
	[ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE] = { "triggerWindowSize",
					  ROC_CFG_SCOPE_CRU, ROC_CFG_NUM_T, 0,
					  65535, 1000 },
	[ROC_CONFIG_KEY_DYNAMIC_OFFSET] = { "dynamicOffset", ROC_CFG_SCOPE_CRU,
				     ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_TIME_FRAME_LENGTH] = { "timeFrameLength", ROC_CFG_SCOPE_CRU,
					ROC_CFG_NUM_T, 1, 4095, 256 },
	[ROC_CONFIG_KEY_DROP_BAD_RDH] = { "dropBadRdhEnabled", ROC_CFG_SCOPE_CRU,
				   ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_CRORC_DYNAMIC_OFFSET] = { "dynamicOffset",
					   ROC_CFG_SCOPE_CRORC,
					   ROC_CFG_BOOL_T, 0, 1, 0 },
	[ROC_CONFIG_KEY_CRORC_ID] = { "crorcId", ROC_CFG_SCOPE_CRORC, ROC_CFG_HEX_T,
			       0, 0xfff, 0 },
	[ROC_CONFIG_KEY_CRORC_TIME_FRAME_LENGTH] = { "timeFrameLength",
					      ROC_CFG_SCOPE_CRORC,
					      ROC_CFG_NUM_T, 0, 256, 256 },
	[ROC_CONFIG_KEY_CRORC_TF_DETECTION] = { "timeFrameDetectionEnabled",
					 ROC_CFG_SCOPE_CRORC, ROC_CFG_BOOL_T,
					 0, 1, 1 },
};

static bool roc_cfg_key_ok(enum roc_config_key key)
{
	return (unsigned int)key < ROC_CONFIG_KEY_COUNT;
}

ROC_API bool roc_config_key_is_per_link(enum roc_config_key key)
{
	return roc_cfg_key_ok(key) &&
	       (roc_cfg_keys[key].scope == ROC_CFG_SCOPE_LINK ||
		roc_cfg_keys[key].scope == ROC_CFG_SCOPE_CRU_LINK);
}

ROC_API const char *roc_config_key_name(enum roc_config_key key)
{
	return roc_cfg_key_ok(key) ? roc_cfg_keys[key].name : NULL;
}

ROC_API const char *roc_config_key_section(enum roc_config_key key)
{
	if (!roc_cfg_key_ok(key))
		return NULL;
	switch (roc_cfg_keys[key].scope) {
	case ROC_CFG_SCOPE_LINK:
		return "links";
	case ROC_CFG_SCOPE_CRORC:
		return "crorc";
	default:
		return "cru";
	}
}

ROC_API int roc_config_new(int flags, struct roc_config **cfgp)
{
	struct roc_config *cfg;
	unsigned int k;

	*cfgp = NULL;
	if (flags & ~ROC_CONFIG_NEW_DEFAULTS)
		return roc_err(-EINVAL, "configuration: unknown flags 0x%x",
			       (unsigned int)flags);
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg)
		return roc_err_errno(-ENOMEM, "configuration");
	if (flags & ROC_CONFIG_NEW_DEFAULTS) {
		for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
			cfg->card[k].set = true;
			cfg->card[k].v = roc_cfg_keys[k].def;
		}
		/* o2-roc-config's --links default "0" */
		cfg->link[0][ROC_CONFIG_KEY_LINK_ENABLED].set = true;
		cfg->link[0][ROC_CONFIG_KEY_LINK_ENABLED].v = 1;
	}
	*cfgp = cfg;
	return 0;
}

ROC_API void roc_config_free(struct roc_config *cfg)
{
	free(cfg);
}

ROC_API int roc_config_dup(const struct roc_config *cfg,
			   struct roc_config **copyp)
{
	*copyp = malloc(sizeof(*cfg));
	if (!*copyp)
		return roc_err_errno(-ENOMEM, "configuration");
	memcpy(*copyp, cfg, sizeof(*cfg));
	return 0;
}

static struct roc_cfg_slot *roc_cfg_slot(struct roc_config *cfg,
					 enum roc_config_key key, int link)
{
	if (!roc_cfg_key_ok(key) || link < -1 || link >= ROC_CONFIG_LINKS)
		return NULL;
	if (link < 0)
		return &cfg->card[key];
	if (!roc_config_key_is_per_link(key))
		return NULL;
	return &cfg->link[link][key];
}

ROC_API int roc_config_set_value(struct roc_config *cfg,
				 enum roc_config_key key, int link,
				 uint32_t value)
{
	struct roc_cfg_slot *slot = roc_cfg_slot(cfg, key, link);
	const struct roc_cfg_keydef *d;

	if (!slot)
		return roc_err(-EINVAL, "configuration: no setting %d for link %d",
			       (int)key, link);
	d = &roc_cfg_keys[key];
	if (value < d->min || value > d->max ||
	    (d->type == ROC_CFG_ENUM_T && !d->names[value]))
		return roc_err(-EINVAL, "configuration: %s: value %u out of range",
			       d->name, value);
	slot->set = true;
	slot->v = value;
	return 0;
}

ROC_API void roc_config_unset(struct roc_config *cfg, enum roc_config_key key,
			      int link)
{
	struct roc_cfg_slot *slot = roc_cfg_slot(cfg, key, link);

	if (slot)
		slot->set = false;
}

ROC_API int roc_config_get_value(const struct roc_config *cfg,
				 enum roc_config_key key, int link,
				 uint32_t *value)
{
	const struct roc_cfg_slot *slot;

	slot = roc_cfg_slot((struct roc_config *)cfg, key, link);
	if (!slot)
		return -EINVAL;
	if (!slot->set && link >= 0)
		slot = &cfg->card[key];
	if (!slot->set)
		return -ENODATA;
	*value = slot->v;
	return 0;
}

ROC_API char *roc_config_format_value(enum roc_config_key key, uint32_t value,
				      char *buf, size_t len)
{
	const struct roc_cfg_keydef *d;

	if (!roc_cfg_key_ok(key)) {
		snprintf(buf, len, "%u", value);
		return buf;
	}
	d = &roc_cfg_keys[key];
	switch (d->type) {
	case ROC_CFG_BOOL_T:
		snprintf(buf, len, "%s", value ? "true" : "false");
		break;
	case ROC_CFG_ENUM_T:
		if (value < d->nnames && d->names[value])
			snprintf(buf, len, "%s", d->names[value]);
		else
			snprintf(buf, len, "%u", value);
		break;
	case ROC_CFG_HEX_T:
		snprintf(buf, len, "0x%x", value);
		break;
	default:
		snprintf(buf, len, "%u", value);
		break;
	}
	return buf;
}

/* "true, false"; "ttc, local"; "0x0-0xfff"; "0-65535" */
static void roc_cfg_accepted(const struct roc_cfg_keydef *d, char *buf,
			     size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	switch (d->type) {
	case ROC_CFG_BOOL_T:
		snprintf(buf, len, "true, false");
		break;
	case ROC_CFG_ENUM_T:
		for (i = 0; i < d->nnames; i++)
			if (d->names[i] && n < len)
				n += snprintf(buf + n, len - n, "%s%s",
					      n ? ", " : "", d->names[i]);
		break;
	case ROC_CFG_HEX_T:
		snprintf(buf, len, "hex 0x%x-0x%x", d->min, d->max);
		break;
	default:
		snprintf(buf, len, "%u-%u", d->min, d->max);
		break;
	}
}

static int roc_cfg_parse_number(const char *s, int base, uint32_t *v)
{
	unsigned long long x;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (base == 16 || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			s += 2;
		base = 16;
	}
	if (!((*s >= '0' && *s <= '9') ||
	      (base == 16 && ((*s >= 'a' && *s <= 'f') ||
			      (*s >= 'A' && *s <= 'F')))))
		return -EINVAL;
	errno = 0;
	x = strtoull(s, &end, base);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end || errno || x > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)x;
	return 0;
}

/* Parse @text as a value of @d: 0 or -EINVAL. */
int roc_cfg_parse_value(const struct roc_cfg_keydef *d, const char *text,
			uint32_t *v)
{
	static const char *const yes[] = { "true", "1", "yes", "on" };
	static const char *const no[] = { "false", "0", "no", "off" };
	size_t i;

	switch (d->type) {
	case ROC_CFG_BOOL_T:
		for (i = 0; i < ROC_ARRAY_SIZE(yes); i++) {
			if (!strcasecmp(text, yes[i])) {
				*v = 1;
				return 0;
			}
			if (!strcasecmp(text, no[i])) {
				*v = 0;
				return 0;
			}
		}
		return -EINVAL;
	case ROC_CFG_ENUM_T:
		for (i = 0; i < d->nnames; i++)
			if (d->names[i] && !strcasecmp(text, d->names[i])) {
				*v = (uint32_t)i;
				return 0;
			}
		return -EINVAL;
	case ROC_CFG_HEX_T:
		if (roc_cfg_parse_number(text, 16, v))
			return -EINVAL;
		break;
	default:
		if (roc_cfg_parse_number(text, 10, v))
			return -EINVAL;
		break;
	}
	return *v < d->min || *v > d->max ? -ERANGE : 0;
}

/*
 * Section name -> scope of the keys it takes and the link (-1 card-wide).
 * 0, -EINVAL unknown, -ERANGE a link above 11.
 */
static int roc_cfg_section(const char *section, enum roc_cfg_scope *scope,
			   int *link, unsigned long *n)
{
	char *end;

	*link = -1;
	if (!strcasecmp(section, "cru")) {
		*scope = ROC_CFG_SCOPE_CRU;
		return 0;
	}
	if (!strcasecmp(section, "crorc")) {
		*scope = ROC_CFG_SCOPE_CRORC;
		return 0;
	}
	if (!strcasecmp(section, "links")) {
		*scope = ROC_CFG_SCOPE_LINK;
		return 0;
	}
	if (strncasecmp(section, "link", 4) || section[4] < '0' ||
	    section[4] > '9')
		return -EINVAL;
	errno = 0;
	*n = strtoul(section + 4, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno || *n >= ROC_CONFIG_LINKS)
		return -ERANGE;
	*scope = ROC_CFG_SCOPE_LINK;
	*link = (int)*n;
	return 0;
}

/* May key @k be given in a section of @scope (link @link)? */
static bool roc_cfg_key_in(unsigned int k, enum roc_cfg_scope scope, int link)
{
	enum roc_cfg_scope ks = roc_cfg_keys[k].scope;

	if (scope == ROC_CFG_SCOPE_CRU)
		return ks == ROC_CFG_SCOPE_CRU || ks == ROC_CFG_SCOPE_CRU_LINK;
	if (scope == ROC_CFG_SCOPE_LINK)
		return ks == ROC_CFG_SCOPE_LINK ||
		       (link >= 0 && ks == ROC_CFG_SCOPE_CRU_LINK);
	return ks == scope;
}

ROC_API int roc_config_set(struct roc_config *cfg, const char *section,
			   const char *key, const char *value)
{
	enum roc_cfg_scope scope;
	char accepted[512];
	unsigned long n = 0;
	size_t len = 0;
	unsigned int k;
	uint32_t v;
	int link, ret;

	ret = roc_cfg_section(section, &scope, &link, &n);
	if (ret == -ERANGE)
		return roc_err(-EINVAL, "[%s]: link %lu out of range (links 0-%d)",
			       section, n, ROC_CONFIG_LINKS - 1);
	if (ret)
		return roc_err(-EINVAL, "[%s]: unknown section (accepted: cru, links, link0-link%d, crorc)",
			       section, ROC_CONFIG_LINKS - 1);
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
		if (!roc_cfg_key_in(k, scope, link))
			continue;
		if (strcasecmp(key, roc_cfg_keys[k].name))
			continue;
		ret = roc_cfg_parse_value(&roc_cfg_keys[k], value, &v);
		if (ret) {
			roc_cfg_accepted(&roc_cfg_keys[k], accepted,
					 sizeof(accepted));
			return roc_err(-EINVAL, "[%s] %s = %s: %s (accepted: %s)",
				       section, roc_cfg_keys[k].name, value,
				       ret == -ERANGE ? "out of range" :
				       "bad value", accepted);
		}
		return roc_config_set_value(cfg, (enum roc_config_key)k, link,
					    v);
	}
	accepted[0] = '\0';
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++)
		if (roc_cfg_key_in(k, scope, link) && len < sizeof(accepted))
			len += snprintf(accepted + len, sizeof(accepted) - len,
					"%s%s", len ? ", " : "",
					roc_cfg_keys[k].name);
	return roc_err(-EINVAL, "[%s] %s: unknown key (accepted: %s)", section,
		       key, accepted);
}

struct roc_cfg_ini_ctx {
	struct roc_config *cfg;
	int ret;
};

static int roc_cfg_ini_entry(void *user, const char *section,
			     const char *name, const char *value)
{
	struct roc_cfg_ini_ctx *ctx = user;

	if (ctx->ret)
		return 1;
	if (!section[0]) {
		ctx->ret = roc_err(-EINVAL, "%s: key outside a section (sections: cru, links, linkN, crorc)",
				   name);
		return 0;
	}
	ctx->ret = roc_config_set(ctx->cfg, section, name, value);
	return !ctx->ret;
}

ROC_API int roc_config_load(struct roc_config *cfg, const char *uri)
{
	struct roc_cfg_ini_ctx ctx = { 0 };
	const char *path = uri;
	struct roc_config *tmp;
	char saved[1024];
	FILE *f;
	int line, ret;

	if (!strncmp(uri, "ini://", 6)) {
		path = uri + 6;
	} else if (strstr(uri, "://")) {
		return roc_err(-EPROTONOSUPPORT, "configuration %s: unsupported URI scheme (only ini:// or a file path)",
			       uri);
	}
	if (!path[0])
		return roc_err(-EINVAL, "configuration %s: no file name", uri);
	/* parse into a copy: a bad file leaves @cfg as it was */
	ret = roc_config_dup(cfg, &tmp);
	if (ret)
		return ret;
	ctx.cfg = tmp;
	f = fopen(path, "re");
	if (!f) {
		roc_config_free(tmp);
		return roc_err_errno(-errno, "configuration file %s", path);
	}
	line = ini_parse_file(f, roc_cfg_ini_entry, &ctx);
	fclose(f);
	if (line == 0) {
		memcpy(cfg, tmp, sizeof(*cfg));
		roc_config_free(tmp);
		return 0;
	}
	roc_config_free(tmp);
	if (line < 0)
		return roc_err(-ENOMEM, "configuration file %s: out of memory",
			       path);
	if (ctx.ret) {
		snprintf(saved, sizeof(saved), "%s", roc_strerror_last());
		return roc_err(ctx.ret, "%s:%d: %s", path, line, saved);
	}
	return roc_err(-EINVAL, "%s:%d: syntax error (expected [section] or key = value)",
		       path, line);
}
