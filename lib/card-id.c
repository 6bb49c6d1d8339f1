// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - card IDs: parsing, canonical text, matching an endpoint.
 *
 * The forms and their order are documented in libroc.h ("Card IDs").  Each
 * malformed ID gets a message saying which part is wrong.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define ROC_SERIAL_MAX	2147483646u
#define ROC_ENDPOINT_MAX 1u

struct roc_card_id {
	enum roc_card_id_kind kind;
	int number;		/* SEQUENCE, NAME */
	int serial;		/* SERIAL */
	int endpoint;		/* SERIAL, SIM */
	struct roc_bus_address addr;	/* PCI, SIM */
	char text[ROC_PATH_MAX];	/* canonical form */
};

static const char roc_id_forms[] =
	"expected a PCI address ([dddd:]bb:ss.f), #N, SERIAL[:ENDPOINT], "
	"rocN, a /dev path or roc_sim:CARD.ENDPOINT";

/*
 * Parse [@s, @end) as a number in @base (10 or 16) of 1 to @maxlen digits,
 * at most @max.  Returns 0, -EINVAL (not digits), -ERANGE (too large).
 */
static int roc_parse_uint(const char *s, const char *end, int base,
			  size_t maxlen, unsigned long max, unsigned long *val)
{
	unsigned long v = 0;
	const char *p;
	int d;

	if (s == end || (size_t)(end - s) > maxlen)
		return s == end ? -EINVAL : -ERANGE;
	for (p = s; p < end; p++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -EINVAL;
		if ((unsigned long)d > max || v > (max - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*val = v;
	return 0;
}

/* Parse one field for an error message naming @what and its range. */
static int roc_id_field(const char *id, const char *s, const char *end,
			int base, size_t maxlen, unsigned long max,
			const char *what, unsigned long *val)
{
	int ret = roc_parse_uint(s, end, base, maxlen, max, val);

	if (ret == -EINVAL && s == end)
		return roc_err(-EINVAL, "invalid card ID \"%s\": %s is missing",
			       id, what);
	if (ret == -EINVAL)
		return roc_err(-EINVAL,
			       "invalid card ID \"%s\": %s \"%.*s\" is not a %s number",
			       id, what, (int)(end - s), s,
			       base == 16 ? "hexadecimal" : "decimal");
	if (ret == -ERANGE)
		return roc_err(-EINVAL,
			       base == 16 ?
			       "invalid card ID \"%s\": %s \"%.*s\" out of range (0-%lx)" :
			       "invalid card ID \"%s\": %s \"%.*s\" out of range (0-%lu)",
			       id, what, (int)(end - s), s, max);
	return 0;
}

static int roc_id_parse_sequence(struct roc_card_id *cid, const char *id,
				 const char *s, const char *end)
{
	unsigned long v;
	int ret;

	ret = roc_id_field(id, s, end, 10, 10, INT_MAX, "the number after '#'",
			   &v);
	if (ret)
		return ret;
	cid->kind = ROC_CARD_ID_KIND_SEQUENCE;
	cid->number = (int)v;
	snprintf(cid->text, sizeof(cid->text), "#%d", cid->number);
	return 0;
}

static int roc_id_parse_sim(struct roc_card_id *cid, const char *id,
			    const char *s, const char *end)
{
	const char *dot = memchr(s, '.', end - s);
	unsigned long card, ep;
	int ret;

	if (!dot)
		return roc_err(-EINVAL,
			       "invalid card ID \"%s\": expected roc_sim:CARD.ENDPOINT",
			       id);
	ret = roc_id_field(id, s, dot, 10, 10, INT_MAX, "simulated card", &card);
	if (!ret)
		ret = roc_id_field(id, dot + 1, end, 10, 10, ROC_ENDPOINT_MAX,
				   "endpoint", &ep);
	if (ret)
		return ret;
	cid->kind = ROC_CARD_ID_KIND_SIM;
	cid->addr.bus = ROC_BUS_SIM;
	cid->addr.card = card;
	cid->addr.endpoint = ep;
	cid->endpoint = (int)ep;
	snprintf(cid->text, sizeof(cid->text), "roc_sim:%lu.%lu", card, ep);
	return 0;
}

static int roc_id_parse_pci(struct roc_card_id *cid, const char *id,
			    const char *s, const char *end)
{
	const char *c1, *c2, *dot, *bus;
	unsigned long dom = 0, b, sl, fn;
	int ret;

	c1 = memchr(s, ':', end - s);
	c2 = c1 ? memchr(c1 + 1, ':', end - c1 - 1) : NULL;
	if (c2 && memchr(c2 + 1, ':', end - c2 - 1))
		return roc_err(-EINVAL,
			       "invalid card ID \"%s\": too many ':' for a PCI address ([dddd:]bb:ss.f)",
			       id);
	if (!c1)
		return roc_err(-EINVAL,
			       "invalid card ID \"%s\": %s", id, roc_id_forms);
	dot = memchr(c2 ? c2 : c1, '.', end - (c2 ? c2 : c1));
	if (!dot)
		return roc_err(-EINVAL,
			       "invalid card ID \"%s\": a PCI address needs a function (bb:ss.f)",
			       id);
	if (c2) {
		ret = roc_id_field(id, s, c1, 16, 4, 0xffff, "PCI domain", &dom);
		if (ret)
			return ret;
		bus = c1 + 1;
	} else {
		bus = s;
		c2 = c1;
	}
	ret = roc_id_field(id, bus, c2, 16, 2, 0xff, "PCI bus", &b);
	if (!ret)
		ret = roc_id_field(id, c2 + 1, dot, 16, 2, 0x1f, "PCI slot",
				   &sl);
	if (!ret)
		ret = roc_id_field(id, dot + 1, end, 16, 1, 7, "PCI function",
				   &fn);
	if (ret)
		return ret;
	cid->kind = ROC_CARD_ID_KIND_PCI;
	cid->addr.bus = ROC_BUS_PCI;
	cid->addr.domain = dom;
	cid->addr.bus_nr = b;
	cid->addr.slot = sl;
	cid->addr.function = fn;
	snprintf(cid->text, sizeof(cid->text), "%04lx:%02lx:%02lx.%lx",
		 dom, b, sl, fn);
	return 0;
}

static bool roc_all_digits(const char *s, const char *end)
{
	if (s == end)
		return false;
	for (; s < end; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int roc_id_parse_serial(struct roc_card_id *cid, const char *id,
			       const char *s, const char *end)
{
	const char *colon = memchr(s, ':', end - s);
	const char *send = colon ? colon : end;
	unsigned long serial, ep = 0;
	int ret;

	if (!roc_all_digits(s, send))
		return roc_err(-EINVAL, "invalid card ID \"%s\": %s", id,
			       roc_id_forms);
	ret = roc_id_field(id, s, send, 10, 10, ROC_SERIAL_MAX, "serial",
			   &serial);
	if (!ret && colon)
		ret = roc_id_field(id, colon + 1, end, 10, 10,
				   ROC_ENDPOINT_MAX, "endpoint", &ep);
	if (ret)
		return ret;
	cid->kind = ROC_CARD_ID_KIND_SERIAL;
	cid->serial = (int)serial;
	cid->endpoint = (int)ep;
	snprintf(cid->text, sizeof(cid->text), "%lu:%lu", serial, ep);
	return 0;
}

static int roc_id_parse(struct roc_card_id *cid, const char *id)
{
	const char *s = id, *end = id + strlen(id);

	while (*s == ' ' || *s == '\t')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n'))
		end--;
	if (s == end)
		return roc_err(-EINVAL, "empty card ID: %s", roc_id_forms);
	if (memchr(s, ' ', end - s) || memchr(s, '\t', end - s))
		return roc_err(-EINVAL, "invalid card ID \"%s\": contains blanks",
			       id);

	if (*s == '/') {
		if ((size_t)(end - s) >= sizeof(cid->text))
			return roc_err(-EINVAL, "invalid card ID: path too long");
		cid->kind = ROC_CARD_ID_KIND_PATH;
		snprintf(cid->text, sizeof(cid->text), "%.*s",
			 (int)(end - s), s);
		return 0;
	}
	if (*s == '#')
		return roc_id_parse_sequence(cid, id, s + 1, end);
	if (end - s >= 8 && !strncmp(s, "roc_sim:", 8))
		return roc_id_parse_sim(cid, id, s + 8, end);
	if (end - s > 3 && !strncmp(s, "roc", 3) && roc_all_digits(s + 3, end)) {
		unsigned long v;
		int ret = roc_id_field(id, s + 3, end, 10, 10, INT_MAX,
				       "device number", &v);

		if (ret)
			return ret;
		cid->kind = ROC_CARD_ID_KIND_NAME;
		cid->number = (int)v;
		snprintf(cid->text, sizeof(cid->text), "roc%d", cid->number);
		return 0;
	}
	if (memchr(s, '.', end - s))
		return roc_id_parse_pci(cid, id, s, end);
	return roc_id_parse_serial(cid, id, s, end);
}

ROC_API int roc_card_id_parse(const char *str, struct roc_card_id **idp)
{
	struct roc_card_id *cid;
	int ret;

	*idp = NULL;
	if (!str)
		return roc_err(-EINVAL, "no card ID given");
	cid = calloc(1, sizeof(*cid));
	if (!cid)
		return roc_err_errno(-ENOMEM, "card ID \"%s\"", str);
	cid->number = -1;
	cid->serial = -1;
	cid->endpoint = -1;
	cid->addr.bus = ROC_BUS_OTHER;
	ret = roc_id_parse(cid, str);
	if (ret) {
		free(cid);
		return ret;
	}
	*idp = cid;
	return 0;
}

ROC_API void roc_card_id_free(struct roc_card_id *id)
{
	free(id);
}

ROC_API enum roc_card_id_kind roc_card_id_get_kind(const struct roc_card_id *id)
{
	return id->kind;
}

ROC_API const char *roc_card_id_to_string(const struct roc_card_id *id)
{
	return id->text;
}

ROC_API int roc_card_id_get_number(const struct roc_card_id *id)
{
	return id->number;
}

ROC_API int roc_card_id_get_serial(const struct roc_card_id *id)
{
	return id->serial;
}

ROC_API int roc_card_id_get_endpoint(const struct roc_card_id *id)
{
	return id->endpoint;
}

void roc_bus_address_parse(const char *str, struct roc_bus_address *addr)
{
	struct roc_card_id cid;
	char saved[sizeof(((struct roc_card_id *)0)->text)];
	int ret;

	memset(addr, 0, sizeof(*addr));
	addr->bus = ROC_BUS_OTHER;
	memset(&cid, 0, sizeof(cid));
	/* Parsing may fail; the caller's last error is kept. */
	snprintf(saved, sizeof(saved), "%s", roc_strerror_last());
	if (!strncmp(str, "roc_sim:", 8))
		ret = roc_id_parse_sim(&cid, str, str + 8, str + strlen(str));
	else
		ret = roc_id_parse_pci(&cid, str, str, str + strlen(str));
	roc_err(0, "%s", saved);
	if (!ret)
		*addr = cid.addr;
}

static bool roc_bus_address_equal(const struct roc_bus_address *a,
				  const struct roc_bus_address *b)
{
	if (a->bus != b->bus)
		return false;
	if (a->bus == ROC_BUS_PCI)
		return a->domain == b->domain && a->bus_nr == b->bus_nr &&
		       a->slot == b->slot && a->function == b->function;
	if (a->bus == ROC_BUS_SIM)
		return a->card == b->card && a->endpoint == b->endpoint;
	return false;
}

static bool roc_same_device(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) || stat(b, &sb))
		return false;
	return S_ISCHR(sa.st_mode) && S_ISCHR(sb.st_mode) &&
	       sa.st_rdev == sb.st_rdev;
}

ROC_API bool roc_card_id_matches(const struct roc_card_id *id,
				 const struct roc_card_info *info)
{
	struct roc_bus_address addr;

	switch (id->kind) {
	case ROC_CARD_ID_KIND_PATH:
		return roc_same_device(id->text, info->path);
	case ROC_CARD_ID_KIND_NAME:
		return info->dev_id == id->number;
	case ROC_CARD_ID_KIND_SEQUENCE:
		return info->sequence == id->number;
	case ROC_CARD_ID_KIND_SERIAL:
		return info->serial == id->serial &&
		       (int)info->endpoint == id->endpoint;
	case ROC_CARD_ID_KIND_SIM:
	case ROC_CARD_ID_KIND_PCI:
		roc_bus_address_parse(info->address, &addr);
		return roc_bus_address_equal(&addr, &id->addr);
	}
	return false;
}
