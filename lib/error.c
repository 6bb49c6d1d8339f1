// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - last-error messages and the library version.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#ifndef ROC_VERSION
#define ROC_VERSION "0.0.0"
#endif

/* Message of the last failure in this thread. */
static _Thread_local char roc_last_error[2048];

ROC_API const char *roc_version_string(void)
{
	return ROC_VERSION;
}

ROC_API const char *roc_strerror_last(void)
{
	return roc_last_error;
}

static void roc_verr(int ret, bool with_errno, const char *fmt, va_list ap)
{
	int n;

	n = vsnprintf(roc_last_error, sizeof(roc_last_error), fmt, ap);
	if (n < 0)
		n = 0;
	if (with_errno && (size_t)n < sizeof(roc_last_error))
		snprintf(roc_last_error + n, sizeof(roc_last_error) - n,
			 ": %s", strerror(-ret));
}

int roc_err(int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	roc_verr(ret, false, fmt, ap);
	va_end(ap);
	return ret;
}

int roc_err_errno(int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	roc_verr(ret, true, fmt, ap);
	va_end(ap);
	return ret;
}
