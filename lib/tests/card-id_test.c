// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * card-id_test - card ID parsing (every form, canonical text, bad inputs
 * and their messages), matching endpoints, enumeration order and labels.
 */
#include <errno.h>
#include <stdlib.h>

#include "../internal.h"
#include "tap.h"

static void good(const char *in, enum roc_card_id_kind kind, const char *canon)
{
	struct roc_card_id *id = (void *)1;
	int ret = roc_card_id_parse(in, &id);

	if (ret) {
		tap_ok(0, "parse \"%s\": %s", in, roc_strerror_last());
		return;
	}
	tap_ok(roc_card_id_get_kind(id) == kind &&
	       !strcmp(roc_card_id_to_string(id), canon),
	       "parse \"%s\" -> %s (got kind %d \"%s\")", in, canon,
	       roc_card_id_get_kind(id), roc_card_id_to_string(id));
	roc_card_id_free(id);
}

static void bad(const char *in, const char *msg)
{
	struct roc_card_id *id = (void *)1;
	int ret = roc_card_id_parse(in, &id);

	tap_ok(ret == -EINVAL && !id && tap_contains(roc_strerror_last(), msg),
	       "reject \"%s\": %s", in ? in : "(null)", roc_strerror_last());
	if (!ret)
		roc_card_id_free(id);
}

static void test_parse(void)
{
	struct roc_card_id *id;

	good("3b:00.0", ROC_CARD_ID_KIND_PCI, "0000:3b:00.0");
	good("0000:3b:00.0", ROC_CARD_ID_KIND_PCI, "0000:3b:00.0");
	good(" 0001:AF:1f.7\t", ROC_CARD_ID_KIND_PCI, "0001:af:1f.7");
	good("0:0.0", ROC_CARD_ID_KIND_PCI, "0000:00:00.0");
	good("#0", ROC_CARD_ID_KIND_SEQUENCE, "#0");
	good("#8", ROC_CARD_ID_KIND_SEQUENCE, "#8");
	good("#007", ROC_CARD_ID_KIND_SEQUENCE, "#7");
	good("#12345", ROC_CARD_ID_KIND_SEQUENCE, "#12345");
	good("245", ROC_CARD_ID_KIND_SERIAL, "245:0");
	good("245:1", ROC_CARD_ID_KIND_SERIAL, "245:1");
	good("0245:1", ROC_CARD_ID_KIND_SERIAL, "245:1");
	good("0", ROC_CARD_ID_KIND_SERIAL, "0:0");
	good("2147483646", ROC_CARD_ID_KIND_SERIAL, "2147483646:0");
	good("/dev/roc3", ROC_CARD_ID_KIND_PATH, "/dev/roc3");
	good("/dev/roc/by-serial/245-1", ROC_CARD_ID_KIND_PATH, "/dev/roc/by-serial/245-1");
	good("roc3", ROC_CARD_ID_KIND_NAME, "roc3");
	good("roc_sim:1.0", ROC_CARD_ID_KIND_SIM, "roc_sim:1.0");
	good("roc_sim:701.1", ROC_CARD_ID_KIND_SIM, "roc_sim:701.1");

	if (!roc_card_id_parse("0245:1", &id)) {
		tap_ok(roc_card_id_get_serial(id) == 245 &&
		       roc_card_id_get_endpoint(id) == 1 &&
		       roc_card_id_get_number(id) == -1,
		       "serial getters");
		roc_card_id_free(id);
	}
	if (!roc_card_id_parse("#12", &id)) {
		tap_ok(roc_card_id_get_number(id) == 12 &&
		       roc_card_id_get_serial(id) == -1, "sequence getters");
		roc_card_id_free(id);
	}

	bad(NULL, "no card ID given");
	bad("", "empty card ID");
	bad("  ", "empty card ID");
	bad("#", "the number after '#' is missing");
	bad("#x", "\"x\" is not a decimal number");
	bad("#-1", "is not a decimal number");
	bad("#99999999999", "out of range");
	bad("3b:00", "expected a PCI address");
	bad("3b:00.8", "PCI function \"8\" out of range (0-7)");
	bad("3b:20.0", "PCI slot \"20\" out of range (0-1f)");
	bad("100:00.0", "PCI bus \"100\" out of range (0-ff)");
	bad("10000:00:00.0", "PCI domain \"10000\" out of range (0-ffff)");
	bad("0000:3b:00.0:1", "too many ':'");
	bad("g0:00.0", "PCI bus \"g0\" is not a hexadecimal number");
	bad("3b:00.", "PCI function is missing");
	bad("3b.00:0", "needs a function");
	bad("245:2", "endpoint \"2\" out of range (0-1)");
	bad("245:", "endpoint is missing");
	bad("245:x", "endpoint \"x\" is not a decimal number");
	bad("2147483647", "serial \"2147483647\" out of range");
	bad("abc", "expected a PCI address");
	bad("-1", "expected a PCI address");
	bad("roc_sim:1", "expected roc_sim:CARD.ENDPOINT");
	bad("roc_sim:", "expected roc_sim:CARD.ENDPOINT");
	bad("roc_sim:x.0", "simulated card \"x\" is not a decimal number");
	bad("roc_sim:1.2", "endpoint \"2\" out of range (0-1)");
	bad("3b :00.0", "contains blanks");
	bad("roc99999999999", "out of range");
}

static struct roc_card_info mkinfo(enum roc_type type, const char *addr,
				   int serial, unsigned int ep, int dev_id)
{
	struct roc_card_info info;
	char name[16];

	roc_card_info_init(&info);
	info.type = type;
	snprintf(info.address, sizeof(info.address), "%s", addr);
	info.serial = serial;
	info.endpoint = ep;
	info.dev_id = dev_id;
	snprintf(name, sizeof(name), "roc%d", dev_id);
	roc_card_info_set_name(&info, name);
	return info;
}

static int matches(const char *str, const struct roc_card_info *info)
{
	struct roc_card_id *id;
	int ret;

	if (roc_card_id_parse(str, &id))
		return -1;
	ret = roc_card_id_matches(id, info);
	roc_card_id_free(id);
	return ret;
}

static void test_match(void)
{
	struct roc_card_info cru1 = mkinfo(ROC_TYPE_CRU, "0000:3b:00.1", 245, 1, 4);
	struct roc_card_info sim = mkinfo(ROC_TYPE_CRORC, "roc_sim:7.0", -1, 0, 2);

	cru1.sequence = 3;
	tap_ok(matches("3b:00.1", &cru1) == 1, "PCI without domain matches");
	tap_ok(matches("0000:3B:00.1", &cru1) == 1, "PCI with domain matches");
	tap_ok(matches("3b:00.0", &cru1) == 0, "other function does not match");
	tap_ok(matches("0001:3b:00.1", &cru1) == 0, "other domain does not match");
	tap_ok(matches("245:1", &cru1) == 1, "serial:endpoint matches");
	tap_ok(matches("245", &cru1) == 0, "serial, endpoint 0, does not match endpoint 1");
	tap_ok(matches("#3", &cru1) == 1, "sequence matches");
	tap_ok(matches("#4", &cru1) == 0, "other sequence does not match");
	tap_ok(matches("roc4", &cru1) == 1, "rocN matches");
	tap_ok(matches("roc_sim:7.0", &sim) == 1, "sim address matches");
	tap_ok(matches("roc_sim:7.1", &sim) == 0, "other sim endpoint does not match");
	tap_ok(matches("roc_sim:7.0", &cru1) == 0, "sim ID does not match a PCI card");
	tap_ok(matches("0", &sim) == 0, "serial 0 does not match a card without serial");
	tap_ok(matches("/nonexistent/roc4", &cru1) == 0, "missing path does not match");
}

static void test_order(void)
{
	struct roc_card_info v[] = {
		mkinfo(ROC_TYPE_CRU, "roc_sim:1.0", 245, 0, 0),
		mkinfo(ROC_TYPE_CRU, "0000:3b:00.1", 100, 1, 1),
		mkinfo(ROC_TYPE_CRORC, "roc_sim:2.0", 2942, 0, 2),
		mkinfo(ROC_TYPE_CRU, "0000:3b:00.0", 100, 0, 3),
		mkinfo(ROC_TYPE_UNKNOWN, "0000:01:00.0", -1, 0, 4),
		mkinfo(ROC_TYPE_CRORC, "0000:af:00.0", 1000, 0, 5),
		mkinfo(ROC_TYPE_CRU, "0000:0a:00.0", 7, 0, 6),
		mkinfo(ROC_TYPE_CRU, "roc_sim:10.0", 3, 0, 7),
		mkinfo(ROC_TYPE_CRU, "roc_sim:9.1", 3, 1, 8),
	};
	static const int want[] = { 5, 2, 6, 3, 1, 0, 8, 7, 4 };
	size_t n = ROC_ARRAY_SIZE(v), i, j;
	int ok = 1;

	/* insertion sort with the library's comparison */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && roc_card_info_cmp(&v[j - 1], &v[j]) > 0; j--) {
			struct roc_card_info t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		if (v[i].dev_id != want[i]) {
			tap_diag("position %zu: roc%d, expected roc%d", i,
				 v[i].dev_id, want[i]);
			ok = 0;
		}
	tap_ok(ok, "enumeration order: C-RORCs, CRUs, then unknown; PCI by address, then simulated by card");
}

static void test_label(void)
{
	struct roc_card_info a = mkinfo(ROC_TYPE_CRU, "0000:3b:00.1", 245, 1, 4);
	struct roc_card_info b = mkinfo(ROC_TYPE_CRORC, "roc_sim:2.0", -1, 0, 0);
	char buf[256];

	roc_card_info_label(&a, buf, sizeof(buf));
	tap_ok(!strcmp(buf, "roc4 (CRU 245:1, 0000:3b:00.1)"), "label: %s", buf);
	roc_card_info_label(&b, buf, sizeof(buf));
	tap_ok(!strcmp(buf, "roc0 (CRORC without serial, endpoint 0, roc_sim:2.0)"),
	       "label without serial: %s", buf);
}

static void test_bus_address_keeps_error(void)
{
	struct roc_bus_address addr;
	struct roc_card_id *id;

	roc_card_id_parse("#x", &id);
	roc_bus_address_parse("not an address", &addr);
	tap_ok(addr.bus == ROC_BUS_OTHER &&
	       tap_contains(roc_strerror_last(), "\"x\" is not a decimal"),
	       "parsing a bus address keeps the last error");
	roc_bus_address_parse("0000:3b:00.1", &addr);
	tap_ok(addr.bus == ROC_BUS_PCI && addr.bus_nr == 0x3b &&
	       addr.function == 1, "bus address of a PCI endpoint");
}

int main(void)
{
	tap_ok(!strcmp(roc_strerror_last(), ""), "no error at start");
	tap_ok(!strcmp(roc_version_string(), ROC_VERSION), "version %s",
	       roc_version_string());
	test_parse();
	test_match();
	test_order();
	test_label();
	test_bus_address_keeps_error();
	return tap_done();
}
