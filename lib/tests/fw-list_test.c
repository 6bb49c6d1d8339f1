// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fw-list_test - firmware lists: built-in entries, lookup per card type,
 * descriptions, the check and its message, INI and JSON files (good and
 * malformed), $ROC_FW_LIST.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"
#include "tap.h"

static char tmpdir[] = "/tmp/roc-fw-list-test.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[4][256];
	static int slot;
	char *p = path[slot++ % 4];
	FILE *f;

	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	f = fopen(p, "w");
	if (!f)
		return p;
	fputs(text, f);
	fclose(f);
	return p;
}

static struct roc_fw_list *builtin(void)
{
	struct roc_fw_list *list = NULL;

	if (roc_fw_list_new(ROC_FW_LIST_BUILTIN, &list))
		tap_diag("roc_fw_list_new: %s", roc_strerror_last());
	return list;
}

static void test_builtin(void)
{
	struct roc_fw_list *list = builtin();
	const char *tag;
	char buf[64];

	if (!tap_ok(list != NULL, "built-in list"))
		return;
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xf6b5d742, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "v3.19.4"),
	       "CRU f6b5d742 is v3.19.4");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRORC, 0x828801a2, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "v2.14.2"),
	       "C-RORC 828801a2 is v2.14.2");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRORC, 0x267f8e5, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "v2.9.1"),
	       "C-RORC 7-digit hash 267f8e5 is v2.9.1");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0x828801a2, &tag) ==
	       ROC_FW_STATUS_UNKNOWN && tag == NULL,
	       "a C-RORC hash is unknown for a CRU");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0x6955404, &tag) ==
	       ROC_FW_STATUS_OLD && !strcmp(tag, "v3.6.0"), "6955404 is old v3.6.0");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_UNKNOWN, 0xf6b5d742, NULL) ==
	       ROC_FW_STATUS_COMPATIBLE, "lookup for any type");
	tap_ok(!strcmp(roc_fw_list_describe(list, ROC_TYPE_CRU, 0xf6b5d742,
					    buf, sizeof(buf)), "v3.19.4"),
	       "describe accepted: %s", buf);
	tap_ok(!strcmp(roc_fw_list_describe(list, ROC_TYPE_CRU, 0x6955404,
					    buf, sizeof(buf)), "v3.6.0(old)"),
	       "describe old: %s", buf);
	tap_ok(!strcmp(roc_fw_list_describe(list, ROC_TYPE_CRU, 0xdeadbeef,
					    buf, sizeof(buf)), "deadbeef"),
	       "describe unknown: %s", buf);
	tap_ok(!strcmp(roc_fw_list_describe(list, ROC_TYPE_CRU, 0x123,
					    buf, sizeof(buf)), "123"),
	       "describe prints %%x without padding: %s", buf);

	roc_fw_list_add(list, ROC_TYPE_CRU, 0x6955404, "mine");
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0x6955404, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "mine"),
	       "adding an old hash accepts it");
	roc_fw_list_free(list);
}

static void test_check(void)
{
	struct roc_fw_list *list = builtin();
	struct roc_card_info info;
	const char *msg;
	int ret;

	if (!list)
		return;
	roc_card_info_init(&info);
	info.type = ROC_TYPE_CRU;
	info.serial = 245;
	info.endpoint = 1;
	snprintf(info.address, sizeof(info.address), "roc_sim:1.1");
	roc_card_info_set_name(&info, "roc3");

	info.fw_hash = 0xf6b5d742;
	tap_ok(roc_fw_list_check(list, &info, 0) == 0, "accepted firmware passes");

	info.fw_hash = 0xdeadbeef;
	ret = roc_fw_list_check(list, &info, 0);
	msg = roc_strerror_last();
	tap_ok(ret == -EPROTO, "unknown firmware fails with -EPROTO");
	tap_ok(tap_contains(msg, "roc3 (CRU 245:1, roc_sim:1.1): firmware deadbeef (unknown) is not accepted") &&
	       tap_contains(msg, "v3.19.4 (f6b5d742)") &&
	       !strstr(msg, "v2.14.2"),
	       "message names card, firmware and accepted CRU list: %s", msg);
	tap_ok(roc_fw_list_check(list, &info, ROC_FW_CHECK_BYPASS) == 0,
	       "bypass accepts anything");
	tap_ok(roc_fw_list_check(list, &info, 0x100) == -EINVAL, "bad check flags");

	info.fw_hash = 0xf71faa86;
	ret = roc_fw_list_check(list, &info, 0);
	tap_ok(ret == -EPROTO &&
	       tap_contains(roc_strerror_last(), "f71faa86 (v3.9.1, an old release)"),
	       "old firmware fails, named old");
	roc_fw_list_free(list);
}

static void load_ok(const char *name, const char *text)
{
	struct roc_fw_list *list = builtin();
	const char *path = write_file(name, text), *tag;
	int ret;

	if (!list)
		return;
	ret = roc_fw_list_load(list, path);
	if (!tap_ok(ret == 0, "load %s: %s", name, ret ? roc_strerror_last() : "ok"))
		goto out;
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xdeadbeef, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "my-build") &&
	       roc_fw_list_lookup(list, ROC_TYPE_CRORC, 0xdeadbeef, NULL) ==
	       ROC_FW_STATUS_COMPATIBLE, "%s: untyped entry accepted for both", name);
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0x12345678, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "cru-special") &&
	       roc_fw_list_lookup(list, ROC_TYPE_CRORC, 0x12345678, NULL) ==
	       ROC_FW_STATUS_UNKNOWN, "%s: [cru] entry for CRUs only", name);
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRORC, 0xabcdef1, &tag) ==
	       ROC_FW_STATUS_COMPATIBLE && !strcmp(tag, "crorc-special") &&
	       roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xabcdef1, NULL) ==
	       ROC_FW_STATUS_UNKNOWN, "%s: [crorc] entry for C-RORCs only", name);
	tap_ok(roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xf6b5d742, NULL) ==
	       ROC_FW_STATUS_COMPATIBLE, "%s: built-in entries stay", name);
out:
	roc_fw_list_free(list);
}

static void load_bad(const char *name, const char *text, int err,
		     const char *msg)
{
	struct roc_fw_list *list = builtin();
	const char *path = text ? write_file(name, text) : name;
	int ret;

	if (!list)
		return;
	ret = roc_fw_list_load(list, path);
	tap_ok(ret == err && tap_contains(roc_strerror_last(), msg),
	       "reject %s (%d): %s", name, ret, roc_strerror_last());
	roc_fw_list_free(list);
}

static void test_files(void)
{
	struct roc_fw_list *list;
	const char *path;
	int ret;

	load_ok("good.ini",
		"; local firmware\n"
		"deadbeef = my-build\n"
		"[cru]\n"
		"0x12345678 = cru-special\n"
		"[crorc]\n"
		"ABCDEF1 = crorc-special\n");
	load_ok("good.json",
		"{ \"deadbeef\": \"my-build\",\n"
		"  \"cru\": { \"0x12345678\": \"cru-special\" },\n"
		"  \"crorc\": { \"abcdef1\": \"crorc-special\" } }\n");

	load_bad("section.ini", "[cru]\n1 = a\n[gpu]\n2 = b\n", -EINVAL,
		 "unknown section [gpu] (expected [cru] or [crorc]) (line 4)");
	load_bad("hash.ini", "zz = x\n", -EINVAL, "\"zz\" is not a firmware hash");
	load_bad("long.ini", "123456789 = x\n", -EINVAL,
		 "\"123456789\" is not a firmware hash");
	load_bad("syntax.ini", "1 = a\nthis line has no equals sign\n",
		 -EINVAL, "syntax error on line 2");
	load_bad("bad.json", "{ \"1\": ", -EINVAL, "not valid JSON");
	load_bad("array.json", "[1, 2]", -EINVAL, "expected a JSON object");
	load_bad("number.json", "{\"1\": 5}", -EINVAL,
		 "the value of \"1\" is not a string");
	load_bad("type.json", "{\"gpu\": {\"1\": \"a\"}}", -EINVAL,
		 "unknown card type \"gpu\"");
	load_bad("key.json", "{\"xyz\": \"a\"}", -EINVAL,
		 "\"xyz\" is not a firmware hash");
	load_bad("/nonexistent/fw.ini", NULL, -ENOENT,
		 "firmware list /nonexistent/fw.ini: No such file");
	load_bad("/nonexistent/fw.json", NULL, -ENOENT,
		 "firmware list /nonexistent/fw.json: No such file");

	path = write_file("env.ini", "[cru]\ncafe = from-env\n");
	setenv(ROC_FW_LIST_ENV, path, 1);
	ret = roc_fw_list_new(0, &list);
	tap_ok(ret == 0 && roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xcafe, NULL) ==
	       ROC_FW_STATUS_COMPATIBLE, "$ROC_FW_LIST is read");
	roc_fw_list_free(list);
	ret = roc_fw_list_new(ROC_FW_LIST_BUILTIN, &list);
	tap_ok(ret == 0 && roc_fw_list_lookup(list, ROC_TYPE_CRU, 0xcafe, NULL) ==
	       ROC_FW_STATUS_UNKNOWN, "ROC_FW_LIST_BUILTIN ignores $ROC_FW_LIST");
	roc_fw_list_free(list);
	setenv(ROC_FW_LIST_ENV, "/nonexistent/x.ini", 1);
	list = (void *)1;
	ret = roc_fw_list_new(0, &list);
	tap_ok(ret == -ENOENT && !list &&
	       tap_contains(roc_strerror_last(), "/nonexistent/x.ini"),
	       "a missing $ROC_FW_LIST is an error");
	unsetenv(ROC_FW_LIST_ENV);
	tap_ok(roc_fw_list_new(0x10, &list) == -EINVAL, "bad list flags");
}

int main(void)
{
	char cmd[128];
	int ret;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_builtin();
	test_check();
	test_files();
	ret = tap_done();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		ret = 1;
	return ret;
}
