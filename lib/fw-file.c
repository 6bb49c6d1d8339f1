// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - local firmware list files: INI through inih, JSON through json-c
 * (formats in libroc.h, "Firmware versions").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>
#include <json-c/json.h>

#include "internal.h"

struct roc_fw_ini_ctx {
	struct roc_fw_list *list;
	const char *path;
	int ret;
};

static int roc_fw_ini_entry(void *user, const char *section, const char *name,
			    const char *value)
{
	struct roc_fw_ini_ctx *ctx = user;
	enum roc_type type;
	uint32_t hash;
	int ret;

	if (ctx->ret)
		return 1;
	if (roc_fw_section_type(section, &type)) {
		ctx->ret = roc_err(-EINVAL, "firmware list %s: unknown section [%s] (expected [cru] or [crorc])",
				   ctx->path, section);
		return 0;
	}
	if (roc_fw_hash_parse(name, &hash)) {
		ctx->ret = roc_err(-EINVAL, "firmware list %s: \"%s\" is not a firmware hash (1 to 8 hex digits)",
				   ctx->path, name);
		return 0;
	}
	ret = roc_fw_list_add(ctx->list, type, hash, value[0] ? value : name);
	if (ret) {
		ctx->ret = ret;
		return 0;
	}
	return 1;
}

int roc_fw_list_load_ini(struct roc_fw_list *list, const char *path)
{
	struct roc_fw_ini_ctx ctx = { .list = list, .path = path };
	char saved[1024];
	FILE *f;
	int line;

	f = fopen(path, "re");
	if (!f)
		return roc_err_errno(-errno, "firmware list %s", path);
	line = ini_parse_file(f, roc_fw_ini_entry, &ctx);
	fclose(f);
	if (line == 0)
		return 0;
	if (line < 0)
		return roc_err(-ENOMEM, "firmware list %s: out of memory", path);
	if (ctx.ret) {
		snprintf(saved, sizeof(saved), "%s", roc_strerror_last());
		return roc_err(ctx.ret, "%s (line %d)", saved, line);
	}
	return roc_err(-EINVAL, "firmware list %s: syntax error on line %d",
		       path, line);
}

/* Entries of one JSON object: "hash": "tag". */
static int roc_fw_json_entries(struct roc_fw_list *list, const char *path,
			       json_object *obj, enum roc_type type)
{
	uint32_t hash;
	int ret;

	json_object_object_foreach(obj, key, val) {
		if (type == ROC_TYPE_UNKNOWN &&
		    json_object_is_type(val, json_type_object)) {
			enum roc_type sub;

			if (roc_fw_section_type(key, &sub) ||
			    sub == ROC_TYPE_UNKNOWN)
				return roc_err(-EINVAL, "firmware list %s: unknown card type \"%s\" (expected \"cru\" or \"crorc\")",
					       path, key);
			ret = roc_fw_json_entries(list, path, val, sub);
			if (ret)
				return ret;
			continue;
		}
		if (!json_object_is_type(val, json_type_string))
			return roc_err(-EINVAL, "firmware list %s: the value of \"%s\" is not a string",
				       path, key);
		if (roc_fw_hash_parse(key, &hash))
			return roc_err(-EINVAL, "firmware list %s: \"%s\" is not a firmware hash (1 to 8 hex digits)",
				       path, key);
		ret = roc_fw_list_add(list, type, hash,
				      json_object_get_string_len(val) ?
				      json_object_get_string(val) : key);
		if (ret)
			return ret;
	}
	return 0;
}

int roc_fw_list_load_json(struct roc_fw_list *list, const char *path)
{
	json_object *root;
	int ret;

	if (access(path, R_OK))
		return roc_err_errno(-errno, "firmware list %s", path);
	root = json_object_from_file(path);
	if (!root) {
		const char *why = json_util_get_last_err();
		int len = why ? (int)strcspn(why, "\n") : 0;

		return roc_err(-EINVAL, "firmware list %s: not valid JSON%s%.*s",
			       path, len ? ": " : "", len, why ? why : "");
	}
	if (!json_object_is_type(root, json_type_object))
		ret = roc_err(-EINVAL, "firmware list %s: expected a JSON object {\"hash\": \"tag\", ...}",
			      path);
	else
		ret = roc_fw_json_entries(list, path, root, ROC_TYPE_UNKNOWN);
	json_object_put(root);
	return ret;
}
