// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - link lists ("0-11", "0,2,4-6", "all") as bit masks, the form
 * of docs/hardware.md 1.3 (Parameters::linkMaskFromString) with "all" added.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* A decimal link number at *@s; advances @s.  0 or -EINVAL. */
static int roc_link_number(const char **s, unsigned long *n)
{
	char *end;

	while (**s == ' ' || **s == '\t')
		(*s)++;
	if (!isdigit((unsigned char)**s))
		return -EINVAL;
	errno = 0;
	*n = strtoul(*s, &end, 10);
	if (errno)
		*n = ~0ul;
	*s = end;
	while (**s == ' ' || **s == '\t')
		(*s)++;
	return 0;
}

ROC_API int roc_link_mask_parse(const char *str, unsigned int max_link,
				uint32_t *maskp)
{
	const char *s = str, *item;
	unsigned long a, b;
	uint32_t mask = 0;

	*maskp = 0;
	if (max_link > 31)
		return roc_err(-EINVAL, "link list: highest link %u above 31",
			       max_link);
	while (*s == ' ' || *s == '\t')
		s++;
	if (!strncasecmp(s, "all", 3)) {
		s += 3;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			*maskp = max_link == 31 ? ~0u : (2u << max_link) - 1;
			return 0;
		}
		s = str;
	}
	for (;;) {
		item = s;
		if (roc_link_number(&s, &a))
			goto bad;
		b = a;
		if (*s == '-') {
			s++;
			if (roc_link_number(&s, &b))
				goto bad;
		}
		if (a > max_link || b > max_link)
			return roc_err(-EINVAL, "link list \"%s\": link %lu out of range (0-%u)",
				       str, a > max_link ? a : b, max_link);
		if (b < a)
			return roc_err(-EINVAL, "link list \"%s\": range %lu-%lu runs backwards",
				       str, a, b);
		for (; a <= b; a++)
			mask |= 1u << a;
		if (!*s)
			break;
		if (*s != ',')
			goto bad;
		s++;
	}
	*maskp = mask;
	return 0;
bad:
	return roc_err(-EINVAL, "link list \"%s\": bad item at \"%s\" (expected \"all\" or numbers and ranges: 0-3,5)",
		       str, item);
}

ROC_API char *roc_link_mask_format(uint32_t mask, char *buf, size_t len)
{
	unsigned int a, b;
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	for (a = 0; a < 32 && n < len; a++) {
		if (!(mask & (1u << a)))
			continue;
		for (b = a; b + 1 < 32 && (mask & (1u << (b + 1))); b++)
			;
		if (b == a)
			n += snprintf(buf + n, len - n, "%s%u", n ? "," : "", a);
		else
			n += snprintf(buf + n, len - n, "%s%u-%u", n ? "," : "",
				      a, b);
		a = b;
	}
	return buf;
}
