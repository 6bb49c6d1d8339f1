// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * api_test - what the library can check without the driver: opening
 * things that are not roc devices, register batches, errors when the
 * driver is not loaded (skipped when it is).
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"
#include "tap.h"

static void open_fails(const char *id, int err, const char *msg)
{
	struct roc_card *card = (void *)1;
	int ret = roc_card_open(id, 0, &card);

	tap_ok(ret == err && !card && tap_contains(roc_strerror_last(), msg),
	       "open \"%s\" fails (%d): %s", id, ret, roc_strerror_last());
	if (!ret)
		roc_card_close(card);
}

static void test_open(void)
{
	struct roc_card *card;

	open_fails("/dev/null", -ENOTTY, "card: /dev/null is not a roc device");
	open_fails("/nonexistent/roc0", -ENOENT,
		   "card: cannot open /nonexistent/roc0: No such file or directory");
	open_fails("/tmp", -EISDIR, "cannot open /tmp");
	open_fails("3b:00.9", -EINVAL, "PCI function");
	tap_ok(roc_card_open("/dev/null", 0x80, &card) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "bad open flags"),
	       "bad open flags");
}

static void test_batch(void)
{
	struct roc_batch *b;
	int i0, i1, i2;

	if (!tap_ok(roc_batch_new(&b) == 0, "new batch"))
		return;
	i0 = roc_batch_add_read(b, 2, 0xc80004);
	i1 = roc_batch_add_write(b, 0, 0x300, 7);
	i2 = roc_batch_add_modify(b, 0, 0x304, 0xf0, 0x30);
	tap_ok(i0 == 0 && i1 == 1 && i2 == 2 && roc_batch_count(b) == 3,
	       "operations are numbered");
	tap_ok(roc_batch_add_read(b, 0, 0x302) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "0x302 is not a multiple of 4"),
	       "unaligned address refused");
	tap_ok(roc_batch_get_value(b, 1) == 7 && roc_batch_get_value(b, 99) == 0,
	       "values before a run");
	for (int i = 0; i < 5000; i++)
		roc_batch_add_read(b, 0, 4 * (uint32_t)i);
	tap_ok(roc_batch_count(b) == 5003, "a batch grows past the ioctl limit");
	roc_batch_clear(b);
	tap_ok(roc_batch_count(b) == 0 && roc_batch_get_done(b) == 0, "clear");
	roc_batch_free(b);
}

static void test_no_driver(void)
{
	struct roc_card_list *list = (void *)1;
	struct roc_monitor *mon = (void *)1;
	struct roc_card_info *info = (void *)1;
	int ret;

	if (!access("/sys/module/roc", F_OK)) {
		printf("ok %d no driver: list fails # SKIP roc is loaded\n", ++tap_n);
		return;
	}
	ret = roc_card_list_new(&list);
	tap_ok(ret == -ENOENT && !list &&
	       tap_contains(roc_strerror_last(), "the roc driver is not loaded"),
	       "no driver: list fails with -ENOENT: %s", roc_strerror_last());
	ret = roc_monitor_new(&mon);
	tap_ok(ret == -ENOENT && !mon, "no driver: monitor fails with -ENOENT");
	ret = roc_card_info_query(0, &info);
	tap_ok(ret == -ENOENT && !info, "no driver: query fails with -ENOENT");
	open_fails("#0", -ENOENT, "the roc driver is not loaded");
	open_fails("245:1", -ENOENT, "the roc driver is not loaded");
}

/*
 * With the driver and simulated cards (tools_test.sh in the VM sets
 * ROC_TEST_CRU to endpoint 1 of a CRU with serial 245 and ROC_TEST_CRORC
 * to a C-RORC), the library against the real character device.
 */
static void test_cru(const char *cru_id)
{
	struct roc_card_info *q = NULL;
	const struct roc_card_info *info, *found;
	struct roc_card_list *list;
	struct roc_card_id *id;
	struct roc_card *card, *ro;
	struct roc_bar *bar, *bar_ioctl, *bar0;
	struct roc_batch *b;
	static uint32_t v1[5000], v2[5000];
	uint32_t val, old, now, start, end;
	int32_t mdeg;
	int ret, i;

	if (!tap_ok(roc_card_open(cru_id, 0, &card) == 0, "open %s: %s", cru_id,
		    roc_strerror_last()))
		return;
	info = roc_card_get_info(card);
	tap_ok(roc_card_info_get_type(info) == ROC_TYPE_CRU &&
	       roc_card_info_get_endpoint(info) == 1 &&
	       roc_card_info_get_serial(info) == 245 &&
	       roc_card_info_get_num_bars(info) == 3 &&
	       roc_card_info_get_num_channels(info) == 1 &&
	       roc_card_info_is_simulated(info) &&
	       !strcmp(roc_card_info_get_address(info), cru_id) &&
	       roc_card_info_get_sequence(info) >= 0 &&
	       roc_card_info_get_dev_id(info) >= 0,
	       "identity of %s", roc_card_get_label(card));

	ret = roc_card_info_query(roc_card_info_get_dev_id(info), &q);
	tap_ok(!ret && !strcmp(roc_card_info_get_address(q),
			       roc_card_info_get_address(info)) &&
	       roc_card_info_get_fw_hash(q) == roc_card_info_get_fw_hash(info) &&
	       roc_card_info_get_temperature(q, &mdeg) == 0 &&
	       roc_card_info_get_dropped_packets(q, (uint64_t[]){0}) == 0,
	       "netlink query agrees and has readings");
	roc_card_info_free(q);

	if (!roc_card_list_new(&list)) {
		roc_card_id_parse("245:1", &id);
		found = roc_card_list_find(list, id);
		tap_ok(found && roc_card_info_get_dev_id(found) ==
		       roc_card_info_get_dev_id(info) &&
		       roc_card_info_get_sequence(found) ==
		       roc_card_info_get_sequence(info),
		       "list finds 245:1 with the same sequence");
		roc_card_id_free(id);
	}
	roc_card_list_free(list);

	tap_ok(roc_bar_open(card, 1, 0, &bar) == -ENXIO &&
	       tap_contains(roc_strerror_last(), "BAR1 does not exist"),
	       "BAR1 of a CRU does not exist");
	tap_ok(roc_bar_open(card, 7, 0, &bar) == -ENXIO &&
	       tap_contains(roc_strerror_last(), "BAR7 does not exist (the endpoint has BARs 0-2)"),
	       "BAR7 does not exist");
	if (!tap_ok(roc_bar_open(card, 2, 0, &bar) == 0 &&
		    roc_bar_open(card, 2, ROC_BAR_IOCTL, &bar_ioctl) == 0 &&
		    roc_bar_open(card, 0, 0, &bar0) == 0, "open BAR0 and BAR2"))
		goto out_card;
	tap_ok(roc_bar_get_size(bar) == 16 << 20 &&
	       roc_bar_get_access(bar) == ROC_BAR_ACCESS_MMAP_RW &&
	       roc_bar_get_access(bar_ioctl) == ROC_BAR_ACCESS_IOCTL &&
	       roc_bar_get_num_prot_windows(bar) == 0,
	       "BAR2: 16 MiB, mapped writable, no protected window");
	tap_ok(roc_bar_get_num_prot_windows(bar0) == 1 &&
	       roc_bar_get_prot_window(bar0, 0, &start, &end) == 0 &&
	       start == 0x204 && end == 0x300 &&
	       roc_bar_get_prot_window(bar0, 1, &start, &end) == -EINVAL,
	       "BAR0: protected window 0x204-0x2ff");

	tap_ok(roc_bar_write(bar, 0xc80004, 0x5a5a0001) == 0 &&
	       roc_bar_read(bar_ioctl, 0xc80004, &val) == 0 && val == 0x5a5a0001,
	       "mapped write, ioctl read");
	tap_ok(roc_bar_write(bar_ioctl, 0xc80004, 0x5a5a0002) == 0 &&
	       roc_bar_read(bar, 0xc80004, &val) == 0 && val == 0x5a5a0002,
	       "ioctl write, mapped read");
	tap_ok(roc_bar_modify(bar, 0xc80004, 0xff00, 0x1234, &old, &now) == 0 &&
	       old == 0x5a5a0002 && now == 0x5a5a1202,
	       "modify returns old and new");
	tap_ok(roc_bar_read(bar, 0xc80006, &val) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "reading BAR2 0xc80006: address is not a multiple of 4"),
	       "unaligned read");
	tap_ok(roc_bar_write(bar_ioctl, 0x1000000, 0) == -ERANGE &&
	       tap_contains(roc_strerror_last(), "writing BAR2 0x1000000: address beyond the end of the BAR"),
	       "write beyond the BAR");

	for (i = 0; i < 5000; i++)
		roc_bar_write(bar, 0x100000 + 4 * i, 0xa0000000u + i);
	tap_ok(roc_bar_read_range(bar, 0x100000, v1, 5000) == 0 &&
	       roc_bar_read_range(bar_ioctl, 0x100000, v2, 5000) == 0 &&
	       !memcmp(v1, v2, sizeof(v1)) && v2[4999] == 0xa0000000u + 4999,
	       "read 5000 registers by mmap and by ioctl (two batches)");
	tap_ok(roc_bar_read_range(bar_ioctl, 0xfffffc, v1, 2) == -ERANGE,
	       "range beyond the BAR");

	roc_batch_new(&b);
	for (i = 0; i < 5000; i++)
		roc_batch_add_write(b, 2, 0x200000 + 4 * i, (uint32_t)i);
	roc_batch_add_read(b, 2, 0x200000 + 4 * 4321);
	roc_batch_add_modify(b, 2, 0x200000, 0xf0000000, 0x70000000);
	ret = roc_batch_run(b, card);
	tap_ok(!ret && roc_batch_get_done(b) == 5002 &&
	       roc_batch_get_value(b, 5000) == 4321 &&
	       roc_batch_get_old(b, 5001) == 0 &&
	       roc_batch_get_value(b, 5001) == 0x70000000,
	       "batch of 5002 operations: %s", ret ? roc_strerror_last() : "ok");
	roc_batch_clear(b);
	roc_batch_add_read(b, 2, 0);
	roc_batch_add_read(b, 1, 0);
	ret = roc_batch_run(b, card);
	tap_ok(ret == -ENXIO && roc_batch_get_done(b) == 1 &&
	       tap_contains(roc_strerror_last(), "reading BAR1 0x0: BAR1 does not exist"),
	       "batch stops at the absent BAR: %s", roc_strerror_last());
	roc_batch_free(b);

	roc_bar_close(bar0);
	roc_bar_close(bar_ioctl);
	roc_bar_close(bar);

	if (tap_ok(roc_card_open(cru_id, ROC_OPEN_READONLY, &ro) == 0,
		   "open read-only")) {
		if (!roc_bar_open(ro, 2, 0, &bar)) {
			tap_ok(roc_bar_get_access(bar) == ROC_BAR_ACCESS_MMAP_RO &&
			       roc_bar_read(bar, 0xc80004, &val) == 0 &&
			       val == 0x5a5a1202,
			       "read-only card: mapped read-only, reads work");
			tap_ok(roc_bar_write(bar, 0xc80004, 1) == -EPERM &&
			       tap_contains(roc_strerror_last(), "the card is open read-only"),
			       "read-only card: writes fail with -EPERM");
			roc_bar_close(bar);
		}
		roc_card_close(ro);
	}
out_card:
	roc_card_close(card);
}

static void test_crorc(const char *crorc_id)
{
	struct roc_fw_list *fw;
	struct roc_card *card;
	struct roc_monitor *mon;
	struct roc_event *ev = (void *)1;

	if (!tap_ok(roc_card_open(crorc_id, 0, &card) == 0, "open %s", crorc_id))
		return;
	tap_ok(roc_card_info_get_type(roc_card_get_info(card)) == ROC_TYPE_CRORC &&
	       roc_card_info_get_num_bars(roc_card_get_info(card)) == 6 &&
	       roc_card_info_get_num_channels(roc_card_get_info(card)) == 6,
	       "C-RORC identity");
	if (!roc_fw_list_new(ROC_FW_LIST_BUILTIN, &fw)) {
		tap_ok(roc_fw_list_check(fw, roc_card_get_info(card), 0) == 0,
		       "simulated C-RORC firmware is accepted");
		roc_fw_list_free(fw);
	}
	roc_card_close(card);

	if (tap_ok(roc_monitor_new(&mon) == 0, "monitor")) {
		tap_ok(roc_monitor_read_event(mon, 0, &ev) == -EAGAIN && !ev,
		       "no event: -EAGAIN");
		tap_ok(roc_monitor_read_event(mon, 50, &ev) == -EAGAIN && !ev &&
		       tap_contains(roc_strerror_last(), "no event within 50 ms"),
		       "no event within a timeout");
		roc_monitor_free(mon);
	}
}

int main(void)
{
	struct roc_card_info *info = (void *)1;
	const char *cru = getenv("ROC_TEST_CRU");
	const char *crorc = getenv("ROC_TEST_CRORC");

	test_open();
	test_batch();
	tap_ok(roc_card_info_query(-1, &info) == -EINVAL && !info,
	       "query of a negative device number");
	if (cru && crorc) {
		test_cru(cru);
		test_crorc(crorc);
	} else {
		test_no_driver();
	}
	return tap_done();
}
