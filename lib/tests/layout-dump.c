// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * layout-dump - print, as one JSON object, the size and field offsets of
 * the libroc structs that the Python binding mirrors (python/roc/_lib.py),
 * as this compiler lays them out.  python/tests/layout_test.py compares
 * them with ctypes' layout.  Built by `make unit` as build/unit/layout-dump.
 */
#include <stddef.h>
#include <stdio.h>

/* libroc.h promises no clash with the kernel's header: built with both. */
#include <linux/roc.h>

#include "libroc.h"

static int first_struct = 1, first_field;

static void begin(const char *name, size_t size)
{
	printf("%s\n  \"%s\": {\"size\": %zu, \"fields\": {",
	       first_struct ? "{" : ",", name, size);
	first_struct = 0;
	first_field = 1;
}

static void field(const char *name, size_t offset, size_t size)
{
	printf("%s\"%s\": [%zu, %zu]", first_field ? "" : ", ", name, offset,
	       size);
	first_field = 0;
}

static void end(void)
{
	printf("}}");
}

#define BEGIN(type) begin(#type, sizeof(struct type))
#define FIELD(type, f) \
	field(#f, offsetof(struct type, f), sizeof(((struct type *)0)->f))

int main(void)
{
	BEGIN(roc_sp_desc);
	FIELD(roc_sp_desc, buffer_id);
	FIELD(roc_sp_desc, reserved);
	FIELD(roc_sp_desc, offset);
	FIELD(roc_sp_desc, size);
	FIELD(roc_sp_desc, cookie);
	end();

	BEGIN(roc_sp_ready);
	FIELD(roc_sp_ready, cookie);
	FIELD(roc_sp_ready, offset);
	FIELD(roc_sp_ready, size);
	FIELD(roc_sp_ready, received);
	FIELD(roc_sp_ready, buffer_id);
	FIELD(roc_sp_ready, link);
	FIELD(roc_sp_ready, flags);
	FIELD(roc_sp_ready, reserved);
	end();

	BEGIN(roc_channel_stats);
	FIELD(roc_channel_stats, size);
	FIELD(roc_channel_stats, state);
	FIELD(roc_channel_stats, source);
	FIELD(roc_channel_stats, links);
	FIELD(roc_channel_stats, link_depth);
	FIELD(roc_channel_stats, transfer_capacity);
	FIELD(roc_channel_stats, transfer_queued);
	FIELD(roc_channel_stats, ready_count);
	FIELD(roc_channel_stats, transfer_available);
	FIELD(roc_channel_stats, nr_buffers);
	FIELD(roc_channel_stats, pushed);
	FIELD(roc_channel_stats, completed);
	FIELD(roc_channel_stats, bytes);
	FIELD(roc_channel_stats, fifo_empty);
	FIELD(roc_channel_stats, dropped_packets);
	end();

	BEGIN(roc_buffer_segments);
	FIELD(roc_buffer_segments, size);
	FIELD(roc_buffer_segments, nr_segments);
	FIELD(roc_buffer_segments, max_segment);
	FIELD(roc_buffer_segments, numa_node);
	FIELD(roc_buffer_segments, reserved);
	end();

	BEGIN(roc_check_error);
	FIELD(roc_check_error, size);
	FIELD(roc_check_error, link);
	FIELD(roc_check_error, tag);
	FIELD(roc_check_error, offset);
	FIELD(roc_check_error, expected);
	FIELD(roc_check_error, got);
	FIELD(roc_check_error, what);
	end();

	printf("\n}\n");
	return 0;
}
