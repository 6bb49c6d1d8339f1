// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * common_test - number parsing and output formats shared by the
 * roc-* tools.
 */
#include <errno.h>

#include "../reg-common.h"
#include "../format.h"
#include "tap.h"

static void value(const char *s, uint64_t max, int ret, uint64_t want)
{
	uint64_t v = 0;
	int r = parse_value(s, max, &v);

	tap_ok(r == ret && (r || v == want), "parse_value(\"%s\", %llu) = %d, %llu",
	       s, (unsigned long long)max, r, (unsigned long long)v);
}

static void hex(const char *s, uint64_t max, int ret, uint64_t want)
{
	uint64_t v = 0;
	int r = parse_hex(s, max, &v);

	tap_ok(r == ret && (r || v == want), "parse_hex(\"%s\") = %d, 0x%llx",
	       s, r, (unsigned long long)v);
}

int main(void)
{
	char buf[REG_LINE_MAX];

	value("0", UINT32_MAX, 0, 0);
	value("42", UINT32_MAX, 0, 42);
	value("0x2a", UINT32_MAX, 0, 42);
	value("0XFF", UINT32_MAX, 0, 255);
	value("4294967295", UINT32_MAX, 0, UINT32_MAX);
	value("4294967296", UINT32_MAX, -ERANGE, 0);
	value("0x100000000", UINT32_MAX, -ERANGE, 0);
	value("99999999999999999999999", UINT32_MAX, -ERANGE, 0);
	value("6", 5, -ERANGE, 0);
	value("", UINT32_MAX, -EINVAL, 0);
	value("0x", UINT32_MAX, -EINVAL, 0);
	value("-1", UINT32_MAX, -EINVAL, 0);
	value("12a", UINT32_MAX, -EINVAL, 0);
	value(" 1", UINT32_MAX, -EINVAL, 0);
	value("ff", UINT32_MAX, -EINVAL, 0);

	hex("c80004", UINT32_MAX, 0, 0xc80004);
	hex("0xC80004", UINT32_MAX, 0, 0xc80004);
	hex("10", UINT32_MAX, 0, 0x10);
	hex("fffffffc", UINT32_MAX, 0, 0xfffffffc);
	hex("100000000", UINT32_MAX, -ERANGE, 0);
	hex("g", UINT32_MAX, -EINVAL, 0);
	hex("", UINT32_MAX, -EINVAL, 0);

	format_reg_line(0xc80004, 0x12345678, buf);
	tap_ok(!strcmp(buf, "0xc80004 => 0x1234.5678 = 0b0001.0010.0011.0100.0101.0110.0111.1000 = 305419896"),
	       "verbose line: %s", buf);
	format_reg_line(0, 0xffffffff, buf);
	tap_ok(!strcmp(buf, "0x0 => 0xffff.ffff = 0b1111.1111.1111.1111.1111.1111.1111.1111 = 4294967295"),
	       "verbose line of all ones: %s", buf);
	format_reg_line(0x300, 0, buf);
	tap_ok(!strcmp(buf, "0x300 => 0x0000.0000 = 0b0000.0000.0000.0000.0000.0000.0000.0000 = 0"),
	       "verbose line of zero: %s", buf);
	return tap_done();
}
