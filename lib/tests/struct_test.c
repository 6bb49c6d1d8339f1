// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit test of the structs that start with a size field (libroc.h, "Structs
 * with a public layout"): the copy out honours the caller's size both ways,
 * ROC_HAS_FIELD() and roc_config_change_at().  Prints TAP.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

/* Three versions of one struct, as three headers would declare it. */
struct v1 {
	uint32_t size;
	uint32_t a;
	uint64_t b;
};
struct v2 {
	uint32_t size;
	uint32_t a;
	uint64_t b;
	uint64_t c;
};
struct v3 {
	uint32_t size;
	uint32_t a;
	uint64_t b;
	uint64_t c;
	uint64_t d;
};

static void test_out(void)
{
	struct v2 lib = { .size = sizeof(lib), .a = 1, .b = 2, .c = 3 };
	struct v1 old;
	struct v3 new;
	struct v2 same;
	int ret;

	/* A program of the first version: gets what it knows. */
	memset(&old, 0xa5, sizeof(old));
	old.size = sizeof(old);
	ret = roc_struct_out(&old, &lib, sizeof(lib), sizeof(struct v1), "v");
	tap_ok(!ret && old.size == sizeof(old) && old.a == 1 && old.b == 2,
	       "an older, smaller struct gets its fields and size %u", old.size);

	/* A newer program: the tail is zeroed, size says what was filled. */
	memset(&new, 0xa5, sizeof(new));
	new.size = sizeof(new);
	ret = roc_struct_out(&new, &lib, sizeof(lib), sizeof(struct v1), "v");
	tap_ok(!ret && new.size == sizeof(struct v2) && new.a == 1 &&
	       new.b == 2 && new.c == 3 && new.d == 0,
	       "a newer, larger struct: size %u, its new field zeroed",
	       new.size);
	tap_ok(ROC_HAS_FIELD(struct v3, &new, c) &&
	       !ROC_HAS_FIELD(struct v3, &new, d),
	       "ROC_HAS_FIELD(): c filled, d not");

	memset(&same, 0, sizeof(same));
	same.size = sizeof(same);
	ret = roc_struct_out(&same, &lib, sizeof(lib), sizeof(struct v1), "v");
	tap_ok(!ret && same.size == sizeof(same) && same.c == 3,
	       "the same version: everything filled");

	/* Below the first version (or a forgotten size): -EINVAL. */
	memset(&old, 0, sizeof(old));
	old.a = 7;
	ret = roc_struct_out(&old, &lib, sizeof(lib), sizeof(struct v1), "v");
	tap_ok(ret == -EINVAL && old.a == 7 && old.size == 0 &&
	       tap_contains(roc_strerror_last(), "size 0"),
	       "size 0: -EINVAL, nothing written (%s)", roc_strerror_last());
}

static void test_library_structs(void)
{
	struct roc_channel_stats st = ROC_STRUCT_INIT(st);
	struct roc_buffer_segments seg = ROC_STRUCT_INIT(seg);

	tap_ok(st.size == sizeof(st) && st.state == 0 && st.bytes == 0 &&
	       seg.size == sizeof(seg),
	       "ROC_STRUCT_INIT() sets size and zeroes the rest");
}

static void test_change_at(void)
{
	struct roc_config *cur = NULL, *want = NULL;
	struct roc_config_change *c = NULL;
	const struct roc_config_change *e;
	size_t n = 0, i;
	int ret, good = 1;

	ret = roc_config_new(0, &cur);
	if (!ret)
		ret = roc_config_new(ROC_CONFIG_NEW_DEFAULTS, &want);
	if (!ret)
		ret = roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &c, &n);
	tap_ok(!ret && n > 1, "a diff from nothing to the defaults: %zu changes",
	       n);
	for (i = 0; i < n; i++) {
		e = roc_config_change_at(c, i);
		if (e != &c[i] || e->size != sizeof(*e))
			good = 0;
	}
	tap_ok(good, "roc_config_change_at() steps by the size libroc set");
	free(c);
	roc_config_free(cur);
	roc_config_free(want);
}

int main(void)
{
	printf("TAP version 13\n");
	test_out();
	test_library_structs();
	test_change_at();
	return tap_done();
}
