/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc_dma.h - DMA helpers of the roc selftests: channel and buffer ioctls,
 * hugepage memory, and checkers of the simulated cards' data patterns
 * (docs/hardware.md 12.2, 12.3).
 */
#ifndef _ROC_DMA_H
#define _ROC_DMA_H

#include <poll.h>
#include <sys/mman.h>

#include "roc_test.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB	0x0004U
#endif
#define ROC_HUGE_2MB	(21 << 26)
#define ROC_HUGE_1GB	(30 << 26)

static inline int roc_channel_open_fd(int devfd, unsigned int channel)
{
	struct roc_channel_open op = { .argsz = sizeof(op), .channel = channel };
	int ret = ioctl(devfd, ROC_CHANNEL_OPEN, &op);

	return ret < 0 ? -errno : ret;
}

static inline int roc_buf_reg(int chfd, void *addr, uint64_t size,
			      struct roc_buffer_reg *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->argsz = sizeof(*reg);
	reg->addr = (uintptr_t)addr;
	reg->size = size;
	return ioctl(chfd, ROC_BUFFER_REGISTER, reg) ? -errno : 0;
}

static inline int roc_buf_unreg(int chfd, uint32_t id)
{
	struct roc_buffer_unreg u = { .argsz = sizeof(u), .id = id };

	return ioctl(chfd, ROC_BUFFER_UNREGISTER, &u) ? -errno : 0;
}

static inline int roc_start(int chfd, uint32_t source)
{
	struct roc_dma_start st = { .argsz = sizeof(st), .source = source };

	return ioctl(chfd, ROC_DMA_START, &st) ? -errno : 0;
}

static inline int roc_stop(int chfd)
{
	struct roc_dma_stop st = { .argsz = sizeof(st) };

	return ioctl(chfd, ROC_DMA_STOP, &st) ? -errno : 0;
}

static inline int roc_push_n(int chfd, const struct roc_superpage *sp,
			     uint32_t n, uint32_t *done)
{
	struct roc_push p = { .argsz = sizeof(p), .count = n,
			      .entries = (uintptr_t)sp };
	int ret = ioctl(chfd, ROC_PUSH, &p) ? -errno : 0;

	if (done)
		*done = p.done;
	return ret;
}

static inline int roc_push1(int chfd, uint32_t buf, uint64_t off,
			    uint64_t size, uint64_t cookie)
{
	struct roc_superpage sp = { .buf_id = buf, .offset = off,
				    .size = size, .cookie = cookie };

	return roc_push_n(chfd, &sp, 1, NULL);
}

/* Pop up to @max; returns the count or -errno. */
static inline int roc_pop_n(int chfd, struct roc_ready *r, uint32_t max)
{
	struct roc_pop p = { .argsz = sizeof(p), .max = max,
			     .entries = (uintptr_t)r };

	return ioctl(chfd, ROC_POP, &p) ? -errno : (int)p.count;
}

static inline int roc_status(int chfd, struct roc_channel_status *st)
{
	memset(st, 0, sizeof(*st));
	st->argsz = sizeof(*st);
	return ioctl(chfd, ROC_CHANNEL_STATUS, st) ? -errno : 0;
}

/*
 * Pop until @want superpages arrived or @ms passed, waiting in poll().
 * Returns how many were popped into @r.
 */
static inline int roc_pop_wait(int chfd, struct roc_ready *r, int want, int ms)
{
	struct pollfd pfd = { .fd = chfd, .events = POLLIN };
	int got = 0, n;

	while (got < want) {
		n = roc_pop_n(chfd, r + got, want - got > ROC_BATCH_MAX ?
			      ROC_BATCH_MAX : want - got);
		if (n < 0)
			return n;
		got += n;
		if (got >= want)
			break;
		if (ms <= 0)
			break;
		if (poll(&pfd, 1, 100) == 0)
			ms -= 100;
	}
	return got;
}

/* Hugepage memory of @size bytes (2 MiB or 1 GiB pages), or NULL. */
static inline void *roc_huge_alloc(size_t size, unsigned int huge)
{
	int fd = memfd_create("roc-test", MFD_HUGETLB | huge);
	void *p;

	if (fd < 0)
		return NULL;
	if (ftruncate(fd, size)) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		 fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * Open channel @ch of endpoint @devfd (*@fd) with @len bytes of 2 MiB
 * hugepages (*@mem) registered on it as buffer *@bid.  The caller releases
 * what was set up, also on error.
 */
static inline int roc_channel_with_buf(int devfd, unsigned int ch,
				       size_t len, int *fd, uint8_t **mem,
				       uint32_t *bid)
{
	struct roc_buffer_reg reg;
	int ret;

	*fd = roc_channel_open_fd(devfd, ch);
	if (*fd < 0)
		return *fd;
	*mem = roc_huge_alloc(len, ROC_HUGE_2MB);
	if (!*mem)
		return -ENOMEM;
	ret = roc_buf_reg(*fd, *mem, len, &reg);
	if (ret)
		return ret;
	*bid = reg.id;
	return 0;
}

static inline long roc_vmstat(const char *key)
{
	char line[128];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

/* VmLck of this process, in KiB. */
static inline long roc_vmlck_kib(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmLck:", 6))
			v = atol(line + 6);
	fclose(f);
	return v;
}

/* Per-link state of a data checker. */
struct roc_check {
	uint32_t counter[16];	/* next payload counter */
	uint32_t packet[16];	/* next RDH packet counter */
	int started[16];
	long errors;
	char first_error[160];
};

static inline void roc_check_fail(struct roc_check *c, const char *what,
				  size_t at, uint32_t got, uint32_t want)
{
	if (!c->errors++)
		snprintf(c->first_error, sizeof(c->first_error),
			 "%s at byte %zu: 0x%08x, expected 0x%08x", what, at,
			 got, want);
}

/*
 * CRU internal generator (12.2): each 32-byte word is eight copies of a
 * counter that goes up by one per word and runs on across superpages.
 */
static inline void roc_check_cru_internal(struct roc_check *c, int link,
					  const uint32_t *w, size_t bytes)
{
	uint32_t ctr = c->counter[link];
	size_t i, j;

	for (i = 0; i < bytes / 4; i += 8, ctr++) {
		unsigned int bad = 0, at = 0;

		for (j = 0; j < 8; j++)
			if (w[i + j] != ctr && !bad++)
				at = j;
		if (!bad)
			continue;
		roc_check_fail(c, "counter", (i + at) * 4, w[i + at], ctr);
		/* One corrupted copy is one error; all eight: resync. */
		if (bad == 8)
			ctr = w[i];
	}
	c->counter[link] = ctr;
}

/* RDH fields of 12.3 (v7). */
static inline int roc_check_rdh(struct roc_check *c, int link,
				const uint8_t *p, size_t at, uint32_t memsize)
{
	uint32_t pkt = p[13];
	int bad = 0;

	if (p[0] != 7 || p[1] != 0x40) {
		roc_check_fail(c, "RDH version/size", at,
			       p[0] | p[1] << 8, 7 | 0x40 << 8);
		bad = 1;
	}
	if (p[12] != link) {
		roc_check_fail(c, "RDH link", at, p[12], link);
		bad = 1;
	}
	if ((uint32_t)(p[10] | p[11] << 8) != memsize) {
		roc_check_fail(c, "RDH memory size", at, p[10] | p[11] << 8,
			       memsize);
		bad = 1;
	}
	if (c->started[link] && pkt != (c->packet[link] & 0xff)) {
		roc_check_fail(c, "RDH packet counter", at, pkt,
			       c->packet[link] & 0xff);
		bad = 1;
	}
	c->started[link] = 1;
	c->packet[link] = pkt + 1;
	return bad;
}

/* DDG (12.2): 8 KiB pages, RDH, then groups [c, c, c & 0xffff, 0]. */
static inline void roc_check_ddg(struct roc_check *c, int link,
				 const uint8_t *buf, size_t bytes)
{
	uint32_t ctr = c->counter[link];
	size_t page, i;

	for (page = 0; page + 8192 <= bytes; page += 8192) {
		const uint32_t *w = (const uint32_t *)(buf + page + 64);

		roc_check_rdh(c, link, buf + page, page, 8192);
		for (i = 0; i < (8192 - 64) / 4; i += 4, ctr++) {
			uint32_t want[4] = { ctr, ctr, ctr & 0xffff, 0 };
			int k;

			for (k = 0; k < 4; k++)
				if (w[i + k] != want[k]) {
					roc_check_fail(c, "DDG payload",
						       page + 64 + (i + k) * 4,
						       w[i + k], want[k]);
					ctr = w[i];
					break;
				}
		}
	}
	c->counter[link] = ctr;
}

/* C-RORC (12.2): 8 KiB pages, RDH, then a counter +1 per 32-bit word. */
static inline void roc_check_crorc(struct roc_check *c, int link,
				   const uint8_t *buf, size_t bytes)
{
	uint32_t ctr = c->counter[link];
	size_t page, i;

	for (page = 0; page + 8192 <= bytes; page += 8192) {
		const uint32_t *w = (const uint32_t *)(buf + page + 64);

		roc_check_rdh(c, link, buf + page, page, 8192);
		for (i = 0; i < (8192 - 64) / 4; i++, ctr++)
			if (w[i] != ctr) {
				roc_check_fail(c, "C-RORC payload",
					       page + 64 + i * 4, w[i], ctr);
				ctr = w[i];
			}
	}
	c->counter[link] = ctr;
}

#endif /* _ROC_DMA_H */
