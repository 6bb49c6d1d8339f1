// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - configurations out: the INI writer (whose output parses back to
 * the same values in effect, so that applying a card's state to the card
 * changes nothing) and the difference between a card's state and a wanted
 * configuration.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static void roc_cfg_put(FILE *f, unsigned int k, uint32_t v)
{
	char buf[32];

	fprintf(f, "%s = %s\n", roc_cfg_keys[k].name,
		roc_config_format_value((enum roc_config_key)k, v, buf,
					sizeof(buf)));
}

/* Effective value of per-link key @k on link @l; false if unset. */
static bool roc_cfg_eff(const struct roc_config *cfg, unsigned int k,
			unsigned int l, uint32_t *v)
{
	return !roc_config_get_value(cfg, (enum roc_config_key)k, (int)l, v);
}

/*
 * Base value written for link key @k in [links] (or [cru]): the card-wide
 * slot if set; else, if every link has a value, that of link 0; else none
 * (every link that has a value gets it in [linkN]).
 */
static bool roc_cfg_link_base(const struct roc_config *cfg, unsigned int k,
			      uint32_t *base)
{
	unsigned int l;
	uint32_t v;

	if (cfg->card[k].set) {
		*base = cfg->card[k].v;
		return true;
	}
	/* the card-wide systemId is a register of its own (2.2) */
	if (k == ROC_CONFIG_KEY_SYSTEM_ID)
		return false;
	for (l = 0; l < ROC_CONFIG_LINKS; l++)
		if (!roc_cfg_eff(cfg, k, l, &v))
			return false;
	roc_cfg_eff(cfg, k, 0, base);
	return true;
}

static void roc_cfg_write(const struct roc_config *cfg, FILE *f)
{
	bool have_base[ROC_CONFIG_KEY_COUNT] = { false };
	uint32_t base[ROC_CONFIG_KEY_COUNT];
	bool any, section;
	unsigned int k, l;
	uint32_t v;

	fprintf(f, "# roc card configuration (docs/hardware.md 10.1), written by libroc %s\n",
		roc_version_string());
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++)
		if (roc_config_key_is_per_link((enum roc_config_key)k))
			have_base[k] = roc_cfg_link_base(cfg, k, &base[k]);

	any = false;
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
		enum roc_cfg_scope s = roc_cfg_keys[k].scope;

		if (s != ROC_CFG_SCOPE_CRU && s != ROC_CFG_SCOPE_CRU_LINK)
			continue;
		if (s == ROC_CFG_SCOPE_CRU_LINK ? !have_base[k] :
		    !cfg->card[k].set)
			continue;
		if (!any)
			fprintf(f, "\n[cru]\n");
		any = true;
		roc_cfg_put(f, k, s == ROC_CFG_SCOPE_CRU_LINK ? base[k] :
			    cfg->card[k].v);
	}

	any = false;
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
		if (roc_cfg_keys[k].scope != ROC_CFG_SCOPE_LINK || !have_base[k])
			continue;
		if (!any)
			fprintf(f, "\n[links]\n");
		any = true;
		roc_cfg_put(f, k, base[k]);
	}

	for (l = 0; l < ROC_CONFIG_LINKS; l++) {
		section = false;
		for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
			if (!roc_config_key_is_per_link((enum roc_config_key)k) ||
			    !roc_cfg_eff(cfg, k, l, &v))
				continue;
			if (have_base[k] && v == base[k])
				continue;
			if (!section)
				fprintf(f, "\n[link%u]\n", l);
			section = true;
			roc_cfg_put(f, k, v);
		}
	}

	any = false;
	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++) {
		if (roc_cfg_keys[k].scope != ROC_CFG_SCOPE_CRORC ||
		    !cfg->card[k].set)
			continue;
		if (!any)
			fprintf(f, "\n[crorc]\n");
		any = true;
		roc_cfg_put(f, k, cfg->card[k].v);
	}
}

ROC_API int roc_config_write_file(const struct roc_config *cfg,
				  const char *path)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdout : fopen(path, "we");
	int ret = 0;

	if (!f)
		return roc_err_errno(-errno, "configuration file %s", path);
	roc_cfg_write(cfg, f);
	if (fflush(f) || ferror(f))
		ret = -errno ? -errno : -EIO;
	if (!std && fclose(f) && !ret)
		ret = -errno;
	if (ret)
		return roc_err_errno(ret, "writing configuration file %s",
				     path);
	return 0;
}

struct roc_cfg_changes {
	struct roc_config_change *v;
	size_t n, alloc;
};

static int roc_cfg_add_change(struct roc_cfg_changes *c, unsigned int k,
			      int link, bool has_old, uint32_t old,
			      uint32_t now, uint32_t flags)
{
	struct roc_config_change *ch;
	const char *section;

	if (c->n == c->alloc) {
		size_t alloc = c->alloc ? 2 * c->alloc : 32;
		void *p = realloc(c->v, alloc * sizeof(*c->v));

		if (!p)
			return roc_err_errno(-ENOMEM, "configuration changes");
		c->v = p;
		c->alloc = alloc;
	}
	ch = &c->v[c->n++];
	memset(ch, 0, sizeof(*ch));
	ch->size = sizeof(*ch);
	ch->key = (enum roc_config_key)k;
	ch->link = link;
	ch->flags = flags;
	ch->has_old = has_old;
	ch->old_value = has_old ? old : 0;
	ch->new_value = now;
	section = roc_cfg_keys[k].scope == ROC_CFG_SCOPE_CRORC ? "crorc" :
		  "cru";
	if (link >= 0)
		snprintf(ch->setting, sizeof(ch->setting), "link%d.%s", link,
			 roc_cfg_keys[k].name);
	else
		snprintf(ch->setting, sizeof(ch->setting), "%s.%s", section,
			 roc_cfg_keys[k].name);
	if (has_old)
		roc_config_format_value(ch->key, old, ch->old_text,
					sizeof(ch->old_text));
	else
		snprintf(ch->old_text, sizeof(ch->old_text), "?");
	roc_config_format_value(ch->key, now, ch->new_text,
				sizeof(ch->new_text));
	return 0;
}

/* Compare one value; add a change if it differs (or FORCE). */
static int roc_cfg_cmp(struct roc_cfg_changes *c, const struct roc_config *cur,
		       unsigned int k, int link, uint32_t want, int flags)
{
	bool has_old;
	uint32_t old;

	has_old = !roc_config_get_value(cur, (enum roc_config_key)k, link,
					&old);
	if (has_old && old == want) {
		if (!(flags & ROC_CONFIG_APPLY_FORCE))
			return 0;
		return roc_cfg_add_change(c, k, link, true, old, want,
					  ROC_CONFIG_CHANGE_FORCED);
	}
	return roc_cfg_add_change(c, k, link, has_old, old, want, 0);
}

/* Does the key apply to a card of @type? */
static bool roc_cfg_for_type(unsigned int k, enum roc_type type)
{
	bool crorc = roc_cfg_keys[k].scope == ROC_CFG_SCOPE_CRORC;

	return type == ROC_TYPE_CRORC ? crorc : type == ROC_TYPE_CRU && !crorc;
}

/* Settings without a register of their own. */
static bool roc_cfg_no_register(unsigned int k)
{
	return k == ROC_CONFIG_KEY_PON_UPSTREAM || k == ROC_CONFIG_KEY_ONU_ADDRESS;
}

/* GBT settings, left alone when gbtEnabled is false. */
static bool roc_cfg_is_gbt(unsigned int k)
{
	return k == ROC_CONFIG_KEY_LINK_GBT_MUX || k == ROC_CONFIG_KEY_GBT_MODE ||
	       k == ROC_CONFIG_KEY_LOOPBACK;
}

ROC_API int roc_config_diff(const struct roc_config *cur,
			    const struct roc_config *want, enum roc_type type,
			    int flags, struct roc_config_change **changes,
			    size_t *count)
{
	struct roc_cfg_changes c = { 0 };
	uint32_t v, gbt = 1;
	unsigned int k;
	int ret = 0, l;

	*changes = NULL;
	*count = 0;
	roc_config_get_value(want, ROC_CONFIG_KEY_GBT_ENABLED, -1, &gbt);
	for (k = 0; k < ROC_CONFIG_KEY_COUNT && !ret; k++) {
		if (!roc_cfg_for_type(k, type) || k == ROC_CONFIG_KEY_GBT_ENABLED ||
		    (!gbt && roc_cfg_is_gbt(k)))
			continue;
		if (roc_cfg_no_register(k)) {
			if (want->card[k].set)
				ret = roc_cfg_add_change(&c, k, -1, false, 0,
							 want->card[k].v,
							 ROC_CONFIG_CHANGE_NOT_PROGRAMMED);
			continue;
		}
		/* card-wide settings, and systemId's VIRTUAL_LINKS_IDS */
		if ((!roc_config_key_is_per_link((enum roc_config_key)k) ||
		     k == ROC_CONFIG_KEY_SYSTEM_ID) && want->card[k].set)
			ret = roc_cfg_cmp(&c, cur, k, -1, want->card[k].v,
					  flags);
		if (!roc_config_key_is_per_link((enum roc_config_key)k))
			continue;
		for (l = 0; l < ROC_CONFIG_LINKS && !ret; l++)
			if (!roc_config_get_value(want, (enum roc_config_key)k,
						  l, &v))
				ret = roc_cfg_cmp(&c, cur, k, l, v, flags);
	}
	if (ret) {
		free(c.v);
		return ret;
	}
	*changes = c.v;
	*count = c.n;
	return 0;
}
