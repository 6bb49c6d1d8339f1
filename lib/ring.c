// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the push and ready rings of a channel (issue 14, uapi
 * ROC_RING_SETUP/ROC_RING_ENTER), used by channel.c instead of ROC_PUSH
 * and ROC_POP when the kernel has them.
 *
 * Without the kernel thread (the default) a push publishes its entries and
 * calls ROC_RING_ENTER once: the kernel takes every entry at once (libroc
 * never publishes more than the channel can hold), so an entry the kernel
 * refuses is already on the ready ring when the call returns.  libroc
 * takes the refusals of this push out of the ready ring (moving the
 * entries before them up, the consumer's side is the user's to write) and
 * reports the first as the push's error, as ROC_PUSH would.  Everything
 * else stays on the ready ring, so that poll() of the channel fd still
 * tells when something is ready.  With the thread the push is asynchronous: a refusal
 * stays in order among the completions and the pop that reaches it fails
 * with its errno and a message naming the superpage; the superpage is then
 * the user's again (roc_channel_get_refused()).  Every entry comes back
 * exactly once: as a popped superpage or as one error.
 *
 * libroc counts what it published and what it handed back; their
 * difference (in flight, ready or refused but not yet reported) never
 * exceeds the channel's capacity while DMA runs, nor the rings' size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/roc.h>

#include "internal.h"

/* Entries of each ring: more than any channel can hold (CRU: 12 x 128). */
#define ROC_CHRING_ENTRIES 4096

struct roc_chring {
	int fd;
	bool thread;
	void *push_map, *ready_map;
	size_t push_len, ready_len;
	uint32_t *push_prod, *push_cons, *push_flags;
	struct roc_superpage *push_desc;
	uint32_t push_mask;
	uint32_t *ready_prod, *ready_cons;
	struct roc_ring_done *ready_desc;
	uint32_t ready_mask;
	uint8_t *marks;		/* ready entries to take out, by index */
	/* published, and handed back (popped or reported refused) */
	uint64_t published, returned;
	uint32_t capacity;	/* the channel's, as last read */
	bool running;		/* the channel's state, as last read */
	bool stale;		/* read them before the next push */
	bool has_refused;
	struct roc_sp_desc refused;
	int refused_error;
};

static uint32_t ld_acq(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void st_rel(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static int ring_map(int fd, uint64_t off, uint64_t len, void **map)
{
	*map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    (off_t)off);
	if (*map == MAP_FAILED) {
		*map = NULL;
		return -errno;
	}
	return 0;
}

void roc_chring_close(struct roc_chring *r)
{
	if (!r)
		return;
	/* a mapping holds the channel file: unmap before the fd is closed */
	if (r->push_map)
		munmap(r->push_map, r->push_len);
	if (r->ready_map)
		munmap(r->ready_map, r->ready_len);
	free(r->marks);
	free(r);
}

int roc_chring_open(int fd, bool thread, struct roc_chring **rp,
		    bool *set_up)
{
	struct roc_ring_setup s = {
		.argsz = sizeof(s),
		.flags = thread ? ROC_RING_SETUP_THREAD : 0,
		.push_entries = ROC_CHRING_ENTRIES,
		.ready_entries = ROC_CHRING_ENTRIES,
	};
	struct roc_chring *r;
	uint8_t *m;
	int ret;

	*rp = NULL;
	*set_up = false;
	if (ioctl(fd, ROC_RING_SETUP, &s))
		return -errno;
	*set_up = true;		/* ROC_PUSH and ROC_POP are refused from now */
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->fd = fd;
	r->thread = thread;
	r->push_len = s.push_size;
	r->ready_len = s.ready_size;
	ret = ring_map(fd, s.push_mmap, s.push_size, &r->push_map);
	if (!ret)
		ret = ring_map(fd, s.ready_mmap, s.ready_size, &r->ready_map);
	r->marks = calloc(s.ready_entries, 1);
	if (!ret && !r->marks)
		ret = -ENOMEM;
	if (ret) {
		roc_chring_close(r);
		return ret;
	}
	m = r->push_map;
	r->push_prod = (uint32_t *)(m + s.push.producer);
	r->push_cons = (uint32_t *)(m + s.push.consumer);
	r->push_flags = (uint32_t *)(m + s.push.flags);
	r->push_desc = (struct roc_superpage *)(m + s.push.desc);
	r->push_mask = s.push_entries - 1;
	m = r->ready_map;
	r->ready_prod = (uint32_t *)(m + s.ready.producer);
	r->ready_cons = (uint32_t *)(m + s.ready.consumer);
	r->ready_desc = (struct roc_ring_done *)(m + s.ready.desc);
	r->ready_mask = s.ready_entries - 1;
	r->stale = true;
	*rp = r;
	return 0;
}

/* DMA (re)started: the capacity may have changed. */
void roc_chring_invalidate(struct roc_chring *r)
{
	if (r)
		r->stale = true;
}

bool roc_chring_thread(const struct roc_chring *r)
{
	return r->thread;
}

/* Ask the kernel to move entries, unless its thread is awake. */
static int ring_kick(struct roc_chring *r, bool always)
{
	struct roc_ring_enter en = { .argsz = sizeof(en) };

	if (r->thread && !always) {
		/* producer store, then the flag load (pairs with the thread) */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!(__atomic_load_n(r->push_flags, __ATOMIC_RELAXED) &
		      ROC_RING_NEED_WAKEUP))
			return 0;
	}
	return ioctl(r->fd, ROC_RING_ENTER, &en) ? -errno : 0;
}

static uint32_t ready_used(const struct roc_chring *r)
{
	return ld_acq(r->ready_prod) - *r->ready_cons;
}

static bool same_sp(const struct roc_ring_done *d, const struct roc_sp_desc *s)
{
	return d->ready.cookie == s->cookie && d->ready.buf_id == s->buffer_id &&
	       d->ready.offset == s->offset;
}

/*
 * Take the refusals of @sps (the push just made, in order) out of the
 * ready ring: the first one's index and errno go to *@bad and *@err.
 */
static void ring_take_refused(struct roc_chring *r,
			      const struct roc_sp_desc *sps, size_t n,
			      size_t *bad, int *err)
{
	uint32_t prod = ld_acq(r->ready_prod), cons = *r->ready_cons;
	uint32_t i, w, found = 0;
	size_t next = 0;

	if (prod - cons > r->ready_mask + 1)
		return;		/* not ours to make sense of */
	for (i = cons; i != prod && next < n; i++) {
		const struct roc_ring_done *d = &r->ready_desc[i & r->ready_mask];
		size_t k;

		if (!d->error)
			continue;
		for (k = next; k < n && !same_sp(d, &sps[k]); k++)
			;
		if (k == n)
			continue;
		if (!found) {
			*err = d->error;
			*bad = k;
		}
		r->marks[i & r->ready_mask] = 1;
		found++;
		next = k + 1;
	}
	if (!found)
		return;
	/* from the end: each kept entry moves up past the ones taken out */
	for (i = prod, w = prod; i != cons; ) {
		i--;
		if (r->marks[i & r->ready_mask]) {
			r->marks[i & r->ready_mask] = 0;
			continue;
		}
		w--;
		if (w != i)
			r->ready_desc[w & r->ready_mask] =
				r->ready_desc[i & r->ready_mask];
	}
	r->returned += found;
	st_rel(r->ready_cons, w);
}

/* What libroc may still publish. */
static uint32_t ring_room(const struct roc_chring *r)
{
	uint64_t busy = r->published - r->returned;
	uint64_t limit = r->push_mask + 1;

	if (r->ready_mask + 1 < limit)
		limit = r->ready_mask + 1;
	if (r->running && r->capacity < limit)
		limit = r->capacity;
	return busy >= limit ? 0 : (uint32_t)(limit - busy);
}

static void ring_status(struct roc_chring *r)
{
	struct roc_channel_status st = { .argsz = sizeof(st) };

	if (ioctl(r->fd, ROC_CHANNEL_STATUS, &st))
		return;
	r->stale = false;
	r->capacity = st.transfer_capacity;
	r->running = st.state == ROC_CHANNEL_RUNNING;
}

int roc_chring_push(struct roc_chring *r, const struct roc_sp_desc *sps,
		    size_t n, size_t *done, size_t *bad, int *err)
{
	uint32_t room, prod, k;
	int ret;

	*done = 0;
	*bad = 0;
	*err = 0;
	/*
	 * The capacity only changes when DMA starts: ask the kernel then,
	 * not whenever a push is larger than the room (a reader pushing all
	 * its free superpages would pay a ROC_CHANNEL_STATUS per push).
	 */
	if (r->stale)
		ring_status(r);
	room = ring_room(r);
	if (n < room)
		room = (uint32_t)n;
	if (!room)
		return -ENOSPC;
	prod = *r->push_prod;
	for (k = 0; k < room; k++)
		r->push_desc[(prod + k) & r->push_mask] = (struct roc_superpage){
			.buf_id = sps[k].buffer_id, .offset = sps[k].offset,
			.size = sps[k].size, .cookie = sps[k].cookie,
		};
	st_rel(r->push_prod, prod + room);
	r->published += room;
	*done = room;
	ret = ring_kick(r, false);
	if (ret)
		return ret;
	if (!r->thread)
		ring_take_refused(r, sps, room, bad, err);
	return 0;
}

int roc_chring_pop(struct roc_chring *r, struct roc_ring_done *out,
		   size_t max, bool report, int *err)
{
	uint32_t prod, cons = *r->ready_cons;
	size_t k = 0;
	int ret = 0;

	*err = 0;
	if (ready_used(r) < max)
		ret = ring_kick(r, false);
	prod = ld_acq(r->ready_prod);
	if (prod - cons > r->ready_mask + 1)
		prod = cons;	/* cannot happen unless the memory was overwritten */
	while (k < max && cons != prod) {
		const struct roc_ring_done *d = &r->ready_desc[cons & r->ready_mask];

		if (d->error) {
			if (k || !report)
				break;	/* reported by the next call */
			cons++;
			r->returned++;
			r->has_refused = true;
			r->refused = (struct roc_sp_desc){
				.buffer_id = d->ready.buf_id,
				.offset = d->ready.offset,
				.size = d->ready.size,
				.cookie = d->ready.cookie,
			};
			r->refused_error = d->error;
			*err = d->error;
			out[0] = *d;
			break;
		}
		out[k++] = *d;
		cons++;
		r->returned++;
	}
	st_rel(r->ready_cons, cons);
	if (*err)
		return 0;
	if (!k && ret)
		return ret;
	return (int)k;
}

bool roc_chring_ready(struct roc_chring *r)
{
	return ready_used(r) != 0;
}

void roc_chring_stats(struct roc_chring *r, uint32_t *queued,
		      uint32_t *ready)
{
	*queued += *r->push_prod - ld_acq(r->push_cons);
	*ready += ready_used(r);
}

int roc_chring_get_refused(const struct roc_chring *r,
			   struct roc_sp_desc *sp)
{
	if (!r || !r->has_refused)
		return 0;
	*sp = r->refused;
	return r->refused_error;
}
