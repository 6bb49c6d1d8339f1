/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tap.h - the smallest TAP producer for libroc's native unit tests: one
 * "ok N name" / "not ok N name" line per check, the plan "1..N" last.
 */
#ifndef ROC_TAP_H
#define ROC_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		tap_failed++;
	return ok;
}

/* A diagnostic line. */
#define tap_diag(...) do { printf("# "); printf(__VA_ARGS__); printf("\n"); } while (0)

/* Does @s contain @sub?  Prints both when not. */
static inline int tap_contains(const char *s, const char *sub)
{
	if (s && strstr(s, sub))
		return 1;
	tap_diag("\"%s\" does not contain \"%s\"", s ? s : "(null)", sub);
	return 0;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* ROC_TAP_H */
