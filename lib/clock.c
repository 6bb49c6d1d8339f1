// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the CRU clock: programming the PLLs (Si5345 #1, Si5345 #2, then
 * the Si5344) from Silicon Labs ClockBuilder Pro CSV exports through the
 * kernel's I2C adapters, and reading the selected clock back from Si5345 #2
 * (docs/hardware.md P2-3.6).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <i2c/smbus.h>

#include "internal.h"
#include "libroc.h"
#include "regs.h"

#define PLL_ADDR		0x68
#define PLL_PAGE_REG		0x01
#define PLL_SELECT		0x052a	/* input select, P2-3.6 */
#define CRU_ONU_CLK_PHASE_CTRL	0x222048
#define  REFGEN_ENABLE		0x80000000u
#define  REFGEN_240MHZ		0x2u

#ifndef ROC_DATADIR
#define ROC_DATADIR		"/usr/local/share/roc"
#endif

static void clock_op_add(struct roc_clock_map *m, uint16_t addr, uint8_t val,
			 uint32_t delay_ms, int *ret)
{
	struct roc_clock_op *ops;

	if (*ret)
		return;
	if (m->num_ops == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;

		ops = realloc(m->ops, cap * sizeof(*ops));
		if (!ops) {
			*ret = -ENOMEM;
			return;
		}
		m->ops = ops;
		m->cap = cap;
	}
	m->ops[m->num_ops++] = (struct roc_clock_op){
		.addr = addr, .value = val, .delay_ms = delay_ms,
	};
}

/* "0x0B24" or "0xC0": all hex digits, at most @max; -1 if not */
static long parse_hex(const char *s, size_t len, unsigned long max)
{
	unsigned long v = 0;
	size_t i;

	if (len < 3 || len > 6 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	for (i = 2; i < len; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return -1;
		v = v * 16 + d;
	}
	return v > max ? -1 : (long)v;
}

ROC_API int roc_clock_map_parse(const char *name, const char *text,
				struct roc_clock_map *map)
{
	const char *line = text;
	unsigned int lineno = 0;
	int ret = 0;

	memset(map, 0, sizeof(*map));
	while (*line && !ret) {
		size_t len = strcspn(line, "\n");
		const char *next = line + len + (line[len] == '\n');
		const char *comma;
		unsigned int ms;
		long a, v;

		lineno++;
		while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
			       line[len - 1] == '\t'))
			len--;
		if (!len || !strncmp(line, "Address,Data", len)) {
			line = next;
			continue;
		}
		if (line[0] == '#') {
			/* the export's own instruction: "# Delay 300 msec" */
			if (sscanf(line, "# Delay %u msec", &ms) == 1)
				clock_op_add(map, 0, 0, ms ? ms : 1, &ret);
			line = next;
			continue;
		}
		comma = memchr(line, ',', len);
		a = comma ? parse_hex(line, (size_t)(comma - line), 0xffff) : -1;
		v = comma ? parse_hex(comma + 1, len - (size_t)(comma + 1 - line),
				      0xff) : -1;
		if (a < 0 || v < 0) {
			ret = roc_err(-EINVAL, "%s:%u: not \"0xADDR,0xDATA\": %.*s",
				      name, lineno, (int)(len > 40 ? 40 : len),
				      line);
			break;
		}
		clock_op_add(map, (uint16_t)a, (uint8_t)v, 0, &ret);
		line = next;
	}
	if (ret == -ENOMEM)
		roc_err(ret, "%s: out of memory", name);
	if (!ret && !map->num_ops)
		ret = roc_err(-EINVAL, "%s: no register in the map", name);
	if (ret)
		roc_clock_map_free(map);
	return ret;
}

ROC_API int roc_clock_map_load(const char *path, struct roc_clock_map *map)
{
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *f;
	int ret;

	memset(map, 0, sizeof(*map));
	f = fopen(path, "re");
	if (!f)
		return roc_err_errno(-errno, "clock map %s", path);
	for (;;) {
		size_t n;

		if (cap - len < 4096) {
			char *t = realloc(text, cap + 65536);

			if (!t) {
				fclose(f);
				free(text);
				return roc_err(-ENOMEM, "clock map %s: out of memory", path);
			}
			text = t;
			cap += 65536;
		}
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
		if (!n)
			break;
	}
	ret = ferror(f) ? -EIO : 0;
	fclose(f);
	text[len] = '\0';
	if (ret)
		ret = roc_err(ret, "clock map %s: read error", path);
	else if (memchr(text, '\0', len))
		ret = roc_err(-EINVAL, "clock map %s: not a text file", path);
	else
		ret = roc_clock_map_parse(path, text, map);
	free(text);
	return ret;
}

ROC_API void roc_clock_map_free(struct roc_clock_map *map)
{
	free(map->ops);
	memset(map, 0, sizeof(*map));
}

ROC_API const char *roc_clock_maps_dir(void)
{
	const char *d = getenv("ROC_CLOCK_MAPS");

	return d && *d ? d : ROC_DATADIR "/clock-maps";
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int pll_write(struct roc_card *card, int fd, const char *bus,
		     uint8_t reg, uint8_t val)
{
	if (i2c_smbus_write_byte_data(fd, reg, val) < 0)
		return roc_err_errno(-errno, "%s: %s: writing 0x%02x to register 0x%02x",
				     roc_card_get_label(card), bus, val, reg);
	return 0;
}

ROC_API int roc_cru_clock_get(struct roc_card *card, enum roc_clock *clock)
{
	int fd, v, ret = 0;

	fd = roc_cru_i2c_open(card, "si5345-2", PLL_ADDR);
	if (fd < 0)
		return fd;
	ret = pll_write(card, fd, "si5345-2", PLL_PAGE_REG, PLL_SELECT >> 8);
	if (!ret) {
		v = i2c_smbus_read_byte_data(fd, PLL_SELECT & 0xff);
		if (v < 0)
			ret = roc_err_errno(-errno, "%s: si5345-2: reading the selected input",
					    roc_card_get_label(card));
		else
			*clock = ((v >> 1) & 3) ? ROC_CLOCK_TTC : ROC_CLOCK_LOCAL;
	}
	close(fd);
	return ret;
}

/* Program one PLL with @map (P2-3.6): page register first, then in order. */
static int pll_program(struct roc_card *card, const char *bus,
		       const struct roc_clock_map *map,
		       roc_clock_progress_fn progress, void *arg)
{
	size_t i, regs = 0, done = 0;
	int fd, ret, page = 0;

	for (i = 0; i < map->num_ops; i++)
		regs += !map->ops[i].delay_ms;
	fd = roc_cru_i2c_open(card, bus, PLL_ADDR);
	if (fd < 0)
		return fd;
	ret = pll_write(card, fd, bus, PLL_PAGE_REG, 0);
	for (i = 0; i < map->num_ops && !ret; i++) {
		const struct roc_clock_op *op = &map->ops[i];

		if (op->delay_ms) {
			sleep_ms(op->delay_ms);
			continue;
		}
		if (op->addr >> 8 != page) {
			page = op->addr >> 8;
			ret = pll_write(card, fd, bus, PLL_PAGE_REG, (uint8_t)page);
			if (ret)
				break;
		}
		ret = pll_write(card, fd, bus, op->addr & 0xff, op->value);
		if (!ret && progress && (++done % 64 == 0 || done == regs))
			progress(bus, done, regs, arg);
	}
	close(fd);
	return ret;
}

static int ttc_regs(struct roc_card *card, enum roc_clock clock, bool refgen)
{
	struct roc_batch *b;
	int ret;

	ret = roc_batch_new(&b);
	if (ret)
		return roc_err(ret, "%s: out of memory", roc_card_get_label(card));
	/* P2-3.6 step 1: the reference generator at 240 MHz for the TTC clock */
	if (refgen) {
		roc_batch_add_write(b, ROC_CRU_BAR, CRU_ONU_CLK_PHASE_CTRL, 0);
		roc_batch_add_write(b, ROC_CRU_BAR, CRU_ONU_CLK_PHASE_CTRL,
				    REFGEN_ENABLE | REFGEN_240MHZ);
	}
	/* step 3: unlock from the reference, select the clock */
	roc_batch_add_write(b, ROC_CRU_BAR, ROC_CRU_LOCK_CLOCK_TO_REF, 0);
	ret = roc_batch_add_modify(b, ROC_CRU_BAR, ROC_CRU_TTC_DATA,
				   ROC_CRU_TTC_CLOCK_MASK, (uint32_t)clock);
	if (ret >= 0)
		ret = roc_batch_run(b, card);
	roc_batch_free(b);
	if (ret < 0)
		return roc_err_errno(ret, "%s: clock select registers",
				     roc_card_get_label(card));
	return 0;
}

ROC_API int roc_cru_clock_set(struct roc_card *card, enum roc_clock clock,
			      const char *maps_dir, int flags,
			      roc_clock_progress_fn progress, void *arg)
{
	static const char *const files[2][3] = {
		{ "Si5345-RevD_ttc_pll1_zdb.csv", "Si5345-RevD_ttc_pll2_zdb.csv",
		  "Si5344-RevD-TFC_40.csv" },
		{ "Si5345-RevD_local_pll1_zdb.csv",
		  "Si5345-RevD_local_pll2_zdb.csv", "Si5344-RevD-TFC_40.csv" },
	};
	static const char *const buses[3] = { "si5345-1", "si5345-2", "si5344" };
	struct roc_clock_map maps[3] = { 0 };
	enum roc_clock now;
	char path[4096];
	int i, ret, which = clock == ROC_CLOCK_LOCAL;

	if (clock != ROC_CLOCK_TTC && clock != ROC_CLOCK_LOCAL)
		return roc_err(-EINVAL, "%s: unknown clock %d",
			       roc_card_get_label(card), (int)clock);
	if (roc_card_info_get_type(roc_card_get_info(card)) != ROC_TYPE_CRU)
		return roc_err(-EOPNOTSUPP, "%s: not a CRU: no PLL",
			       roc_card_get_label(card));
	if (!(flags & ROC_CLOCK_FORCE)) {
		ret = roc_cru_clock_get(card, &now);
		if (ret)
			return ret;
		if (now == clock)
			return 1;
	}
	if (!maps_dir)
		maps_dir = roc_clock_maps_dir();
	/* every map parses before the first write */
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", maps_dir, files[which][i]);
		ret = roc_clock_map_load(path, &maps[i]);
		if (ret)
			goto out;
	}
	if (flags & ROC_CLOCK_DRY_RUN)
		goto out;
	if (clock == ROC_CLOCK_TTC) {
		ret = ttc_regs(card, clock, true);
		if (ret)
			goto out;
	}
	for (i = 0; i < 3 && !ret; i++)
		ret = pll_program(card, buses[i], &maps[i], progress, arg);
	if (!ret)
		ret = ttc_regs(card, clock, false);
out:
	for (i = 0; i < 3; i++)
		roc_clock_map_free(&maps[i]);
	return ret;
}
