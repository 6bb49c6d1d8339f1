// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - accepted firmware versions (docs/hardware.md section 9): the built-in
 * lists of ReadoutCard v0.46, entries added from local files (fw-file.c),
 * lookup and the check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

struct roc_fw_entry {
	enum roc_type type;	/* ROC_TYPE_UNKNOWN: both */
	uint32_t hash;
	enum roc_fw_status status;
	char *tag;
};

struct roc_fw_list {
	struct roc_fw_entry *entries;
	size_t count;
	size_t alloc;
};

static const struct {
	enum roc_type type;
	uint32_t hash;
	enum roc_fw_status status;
	const char *tag;
} roc_fw_builtin[] = {
	{ ROC_TYPE_CRU, 0xe64b97b1, ROC_FW_STATUS_COMPATIBLE, "v3.15.0" },
	{ ROC_TYPE_CRU, 0x14ccd414, ROC_FW_STATUS_COMPATIBLE, "v3.14.1" },
	{ ROC_TYPE_CRU, 0x2058c933, ROC_FW_STATUS_COMPATIBLE, "v3.14.0" },
	{ ROC_TYPE_CRU, 0x4a412c71, ROC_FW_STATUS_COMPATIBLE, "v3.13.0" },
	{ ROC_TYPE_CRU, 0x82b4662d, ROC_FW_STATUS_COMPATIBLE, "MFT_PSU" },
	{ ROC_TYPE_CRU, 0x6838510f, ROC_FW_STATUS_COMPATIBLE, "v3.17.0" },
	{ ROC_TYPE_CRU, 0x8e74a7f8, ROC_FW_STATUS_COMPATIBLE, "v3.17.1" },
	{ ROC_TYPE_CRU, 0x9052c0dd, ROC_FW_STATUS_COMPATIBLE, "v3.18.1" },
	{ ROC_TYPE_CRU, 0x47df4106, ROC_FW_STATUS_COMPATIBLE, "v3.19.0" },
	{ ROC_TYPE_CRU, 0xadc37d07, ROC_FW_STATUS_COMPATIBLE, "v3.19.0" },
	{ ROC_TYPE_CRU, 0x641a503d, ROC_FW_STATUS_COMPATIBLE, "v3.19.2" },
	{ ROC_TYPE_CRU, 0xb0332f4e, ROC_FW_STATUS_COMPATIBLE, "v3.19.3" },
	{ ROC_TYPE_CRU, 0xf6b5d742, ROC_FW_STATUS_COMPATIBLE, "v3.19.4" },
	{ ROC_TYPE_CRU, 0xf71faa86, ROC_FW_STATUS_OLD, "v3.9.1" },
	{ ROC_TYPE_CRU, 0x06955404, ROC_FW_STATUS_OLD, "v3.6.0" },
	{ ROC_TYPE_CRORC, 0x0267f8e5, ROC_FW_STATUS_COMPATIBLE, "v2.9.1" },
	{ ROC_TYPE_CRORC, 0x0cecc295, ROC_FW_STATUS_COMPATIBLE, "v2.9.0" },
	{ ROC_TYPE_CRORC, 0x0221ff28, ROC_FW_STATUS_COMPATIBLE, "v2.10.0" },
	{ ROC_TYPE_CRORC, 0x0cfa0bc9, ROC_FW_STATUS_COMPATIBLE, "v2.10.1" },
	{ ROC_TYPE_CRORC, 0x02d4c902, ROC_FW_STATUS_COMPATIBLE, "v2.11.0" },
	{ ROC_TYPE_CRORC, 0x0c7ff568, ROC_FW_STATUS_COMPATIBLE, "v2.12.0" },
	{ ROC_TYPE_CRORC, 0x0ac9dd57, ROC_FW_STATUS_COMPATIBLE, "v2.12.1" },
	{ ROC_TYPE_CRORC, 0x828801a2, ROC_FW_STATUS_COMPATIBLE, "v2.14.2" },
};

int roc_fw_hash_parse(const char *str, uint32_t *hashp)
{
	const char *p = str;
	uint32_t v = 0;
	int n = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++, n++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -EINVAL;
		if (n == 8)
			return -EINVAL;
		v = v << 4 | (uint32_t)d;
	}
	if (!n)
		return -EINVAL;
	*hashp = v;
	return 0;
}

int roc_fw_section_type(const char *section, enum roc_type *typep)
{
	if (!section[0])
		*typep = ROC_TYPE_UNKNOWN;
	else if (!strcasecmp(section, "cru"))
		*typep = ROC_TYPE_CRU;
	else if (!strcasecmp(section, "crorc") || !strcasecmp(section, "c-rorc"))
		*typep = ROC_TYPE_CRORC;
	else
		return -EINVAL;
	return 0;
}

static struct roc_fw_entry *roc_fw_find(const struct roc_fw_list *list,
					enum roc_type type, uint32_t hash,
					bool exact)
{
	struct roc_fw_entry *e, *best = NULL;
	size_t i;

	for (i = 0; i < list->count; i++) {
		e = &list->entries[i];
		if (e->hash != hash)
			continue;
		if (exact ? e->type != type :
		    (type != ROC_TYPE_UNKNOWN && e->type != ROC_TYPE_UNKNOWN &&
		     e->type != type))
			continue;
		/* An accepted entry wins over an old one. */
		if (!best || (best->status != ROC_FW_STATUS_COMPATIBLE &&
			      e->status == ROC_FW_STATUS_COMPATIBLE))
			best = e;
	}
	return best;
}

static int roc_fw_list_put(struct roc_fw_list *list, enum roc_type type,
			   uint32_t hash, enum roc_fw_status status,
			   const char *tag)
{
	struct roc_fw_entry *e;
	char *copy;
	size_t alloc;

	copy = strdup(tag);
	if (!copy)
		return roc_err_errno(-ENOMEM, "firmware list");
	e = roc_fw_find(list, type, hash, true);
	if (e) {
		free(e->tag);
		e->tag = copy;
		e->status = status;
		return 0;
	}
	if (list->count == list->alloc) {
		alloc = list->alloc ? 2 * list->alloc : 32;
		e = realloc(list->entries, alloc * sizeof(*e));
		if (!e) {
			free(copy);
			return roc_err_errno(-ENOMEM, "firmware list");
		}
		list->entries = e;
		list->alloc = alloc;
	}
	e = &list->entries[list->count++];
	e->type = type;
	e->hash = hash;
	e->status = status;
	e->tag = copy;
	return 0;
}

ROC_API int roc_fw_list_add(struct roc_fw_list *list, enum roc_type type,
			    uint32_t hash, const char *tag)
{
	return roc_fw_list_put(list, type, hash, ROC_FW_STATUS_COMPATIBLE, tag);
}

ROC_API int roc_fw_list_load(struct roc_fw_list *list, const char *path)
{
	size_t len = strlen(path);

	if (len >= 5 && !strcasecmp(path + len - 5, ".json"))
		return roc_fw_list_load_json(list, path);
	return roc_fw_list_load_ini(list, path);
}

ROC_API int roc_fw_list_new(int flags, struct roc_fw_list **listp)
{
	static const char *const defaults[] = {
		ROC_FW_LIST_INI, ROC_FW_LIST_JSON,
	};
	struct roc_fw_list *list;
	const char *env;
	size_t i;
	int ret;

	*listp = NULL;
	if (flags & ~ROC_FW_LIST_BUILTIN)
		return roc_err(-EINVAL, "firmware list: bad flags 0x%x", flags);
	list = calloc(1, sizeof(*list));
	if (!list)
		return roc_err_errno(-ENOMEM, "firmware list");
	for (i = 0; i < ROC_ARRAY_SIZE(roc_fw_builtin); i++) {
		ret = roc_fw_list_put(list, roc_fw_builtin[i].type,
				      roc_fw_builtin[i].hash,
				      roc_fw_builtin[i].status,
				      roc_fw_builtin[i].tag);
		if (ret)
			goto err_free;
	}
	if (!(flags & ROC_FW_LIST_BUILTIN)) {
		env = getenv(ROC_FW_LIST_ENV);
		if (env && env[0]) {
			ret = roc_fw_list_load(list, env);
			if (ret)
				goto err_free;
		} else {
			for (i = 0; i < ROC_ARRAY_SIZE(defaults); i++) {
				if (access(defaults[i], F_OK))
					continue;
				ret = roc_fw_list_load(list, defaults[i]);
				if (ret)
					goto err_free;
			}
		}
	}
	*listp = list;
	return 0;

err_free:
	roc_fw_list_free(list);
	return ret;
}

ROC_API void roc_fw_list_free(struct roc_fw_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		free(list->entries[i].tag);
	free(list->entries);
	free(list);
}

ROC_API enum roc_fw_status roc_fw_list_lookup(const struct roc_fw_list *list,
					      enum roc_type type,
					      uint32_t hash, const char **tag)
{
	struct roc_fw_entry *e = roc_fw_find(list, type, hash, false);

	if (tag)
		*tag = e ? e->tag : NULL;
	return e ? e->status : ROC_FW_STATUS_UNKNOWN;
}

ROC_API char *roc_fw_list_describe(const struct roc_fw_list *list,
				   enum roc_type type, uint32_t hash,
				   char *buf, size_t len)
{
	const char *tag;

	switch (roc_fw_list_lookup(list, type, hash, &tag)) {
	case ROC_FW_STATUS_COMPATIBLE:
		snprintf(buf, len, "%s", tag);
		break;
	case ROC_FW_STATUS_OLD:
		snprintf(buf, len, "%s(old)", tag);
		break;
	default:
		snprintf(buf, len, "%x", hash);
		break;
	}
	return buf;
}

ROC_API int roc_fw_list_check(const struct roc_fw_list *list,
			      const struct roc_card_info *info, int flags)
{
	char label[ROC_PATH_MAX + 128], accepted[1024], fw[64];
	const struct roc_fw_entry *e;
	const char *tag;
	size_t i, n = 0;
	int len;

	if (flags & ~ROC_FW_CHECK_BYPASS)
		return roc_err(-EINVAL, "firmware check: bad flags 0x%x", flags);
	if (flags & ROC_FW_CHECK_BYPASS)
		return 0;
	if (roc_fw_list_lookup(list, info->type, info->fw_hash, NULL) ==
	    ROC_FW_STATUS_COMPATIBLE)
		return 0;

	accepted[0] = '\0';
	for (i = 0; i < list->count; i++) {
		e = &list->entries[i];
		if (e->status != ROC_FW_STATUS_COMPATIBLE ||
		    (e->type != info->type && e->type != ROC_TYPE_UNKNOWN))
			continue;
		len = (int)strlen(accepted);
		snprintf(accepted + len, sizeof(accepted) - len, "%s%s (%x)",
			 n++ ? ", " : "", e->tag, e->hash);
	}
	roc_card_info_label(info, label, sizeof(label));
	if (roc_fw_list_lookup(list, info->type, info->fw_hash, &tag) ==
	    ROC_FW_STATUS_OLD)
		snprintf(fw, sizeof(fw), "%x (%s, an old release)",
			 info->fw_hash, tag);
	else
		snprintf(fw, sizeof(fw), "%x (unknown)", info->fw_hash);
	return roc_err(-EPROTO,
		       "%s: firmware %s is not accepted; accepted %s firmware: %s (add the hash to %s or bypass the check)",
		       label, fw, roc_type_name(info->type),
		       n ? accepted : "none", ROC_FW_LIST_INI);
}
