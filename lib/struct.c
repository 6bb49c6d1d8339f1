// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - structs that start with a size field (see "Structs with a
 * public layout" in libroc.h): the copy out to the caller's struct.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

int roc_struct_out(void *dst, const void *src, size_t len, size_t min,
		   const char *what)
{
	uint32_t size, filled;

	memcpy(&size, dst, sizeof(size));
	if (size < min)
		return roc_err(-EINVAL, "struct %s: size %u, at least %zu expected (set it to sizeof the struct)",
			       what, size, min);
	filled = size < len ? size : (uint32_t)len;
	memcpy(dst, src, filled);
	if (size > filled)
		memset((char *)dst + filled, 0, size - filled);
	memcpy(dst, &filled, sizeof(filled));
	return 0;
}
