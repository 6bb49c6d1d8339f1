// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - DMA channels: acquiring a channel (ROC_CHANNEL_OPEN), starting
 * and stopping DMA, pushing and popping superpages in batches, waiting in
 * poll(), the channel's queues and counters.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/roc.h>

#include "internal.h"

_Static_assert((int)ROC_DMA_SOURCE_INTERNAL == (int)ROC_SOURCE_INTERNAL &&
	       (int)ROC_DMA_SOURCE_DDG == (int)ROC_SOURCE_DDG &&
	       (int)ROC_DMA_SOURCE_FEE == (int)ROC_SOURCE_FEE &&
	       (int)ROC_DMA_SOURCE_DIU == (int)ROC_SOURCE_DIU &&
	       (int)ROC_DMA_SOURCE_SIU == (int)ROC_SOURCE_SIU,
	       "enum roc_dma_source follows enum roc_data_source");
_Static_assert((int)ROC_CH_STATE_FREE == (int)ROC_CHANNEL_FREE &&
	       (int)ROC_CH_STATE_STOPPED == (int)ROC_CHANNEL_STOPPED &&
	       (int)ROC_CH_STATE_RUNNING == (int)ROC_CHANNEL_RUNNING &&
	       (int)ROC_CH_STATE_FAILED == (int)ROC_CHANNEL_FAILED &&
	       (int)ROC_CH_STATE_GONE == (int)ROC_CHANNEL_GONE,
	       "enum roc_ch_state follows enum roc_channel_state");
_Static_assert(ROC_SP_DONE == ROC_READY_DONE &&
	       ROC_SP_PARTIAL == ROC_READY_PARTIAL &&
	       ROC_SP_ERROR == ROC_READY_ERROR, "superpage flags");

/* Entries translated per ioctl; the kernel takes up to ROC_BATCH_MAX. */
#define ROC_CH_BATCH 256

struct roc_channel {
	struct roc_card *card;
	unsigned int number;
	int fd;
	struct roc_chring *ring;	/* NULL: the ioctl path */
	struct roc_superpage push[ROC_CH_BATCH];
	struct roc_ready pop[ROC_CH_BATCH];
	struct roc_ring_done done[ROC_CH_BATCH];
};

static const char *const roc_source_names[] = {
	[ROC_DMA_SOURCE_INTERNAL] = "internal",
	[ROC_DMA_SOURCE_DDG] = "ddg",
	[ROC_DMA_SOURCE_FEE] = "fee",
	[ROC_DMA_SOURCE_DIU] = "diu",
	[ROC_DMA_SOURCE_SIU] = "siu",
};

ROC_API const char *roc_source_name(enum roc_dma_source source)
{
	if ((unsigned int)source >= ROC_ARRAY_SIZE(roc_source_names))
		return NULL;
	return roc_source_names[source];
}

ROC_API int roc_source_parse(const char *str, enum roc_dma_source *sourcep)
{
	size_t i;

	for (i = 0; i < ROC_ARRAY_SIZE(roc_source_names); i++)
		if (!strcasecmp(str, roc_source_names[i])) {
			*sourcep = (enum roc_dma_source)i;
			return 0;
		}
	return roc_err(-EINVAL, "unknown data source \"%s\" (internal, ddg, fee, diu, siu)",
		       str);
}

static const char *roc_ch_label(const struct roc_channel *ch)
{
	return roc_card_get_label(ch->card);
}

static bool roc_env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

ROC_API int roc_channel_open(struct roc_card *card, unsigned int channel,
			     struct roc_channel **chp)
{
	return roc_channel_open_flags(card, channel, 0, chp);
}

ROC_API int roc_channel_open_flags(struct roc_card *card, unsigned int channel,
				   unsigned int flags, struct roc_channel **chp)
{
	struct roc_channel_open op = { .argsz = sizeof(op), .channel = channel };
	struct roc_channel_query q = { .argsz = sizeof(q), .channel = channel };
	struct roc_channel *ch;
	int fd, ret;

	*chp = NULL;
	if (flags & ~(ROC_CHANNEL_OPEN_IOCTL | ROC_CHANNEL_OPEN_RING_THREAD))
		return roc_err(-EINVAL, "%s: channel %u: unknown open flags 0x%x",
			       roc_card_get_label(card), channel, flags);
	fd = ioctl(roc_card_get_fd(card), ROC_CHANNEL_OPEN, &op);
	if (fd < 0) {
		ret = -errno;
		if (ret == -EBUSY &&
		    !ioctl(roc_card_get_fd(card), ROC_CHANNEL_QUERY, &q) &&
		    q.pid > 0)
			return roc_err(ret, "%s: DMA channel %u is busy: held by process %d (%.*s)",
				       roc_card_get_label(card), channel,
				       q.pid, (int)sizeof(q.comm), q.comm);
		if (ret == -EINVAL &&
		    channel >= roc_card_info_get_num_channels(roc_card_get_info(card)))
			return roc_err(ret, "%s: no DMA channel %u (the endpoint has %u)",
				       roc_card_get_label(card), channel,
				       roc_card_info_get_num_channels(roc_card_get_info(card)));
		if (ret == -EPERM || ret == -EBADF)
			return roc_err(-EPERM, "%s: cannot open DMA channel %u: the card is open read-only",
				       roc_card_get_label(card), channel);
		return roc_err_errno(ret, "%s: cannot open DMA channel %u",
				     roc_card_get_label(card), channel);
	}
	ch = calloc(1, sizeof(*ch));
	if (!ch) {
		close(fd);
		return roc_err(-ENOMEM, "%s: out of memory", roc_card_get_label(card));
	}
	ch->card = card;
	ch->number = channel;
	ch->fd = fd;
	/*
	 * The rings when the kernel has them; an older module answers ENOTTY
	 * (or EOPNOTSUPP), and any failure leaves the ioctl path, which works.
	 */
	if (!(flags & ROC_CHANNEL_OPEN_IOCTL) && !roc_env_set("ROC_NO_RINGS")) {
		bool set_up;

		ret = roc_chring_open(fd, (flags & ROC_CHANNEL_OPEN_RING_THREAD) ||
				      roc_env_set("ROC_RING_THREAD"), &ch->ring,
				      &set_up);
		if (ret && set_up) {
			close(fd);
			free(ch);
			return roc_err_errno(ret, "%s: cannot map the rings of DMA channel %u",
					     roc_card_get_label(card), channel);
		}
	}
	*chp = ch;
	return 0;
}

ROC_API const char *roc_channel_get_path(const struct roc_channel *ch)
{
	return ch->ring ? "rings" : "ioctl";
}

ROC_API bool roc_channel_get_ring_thread(const struct roc_channel *ch)
{
	return ch->ring && roc_chring_thread(ch->ring);
}

ROC_API int roc_channel_get_refused(const struct roc_channel *ch,
				    struct roc_sp_desc *sp)
{
	return roc_chring_get_refused(ch->ring, sp);
}

struct roc_chring *roc_channel_ring(const struct roc_channel *ch)
{
	return ch->ring;
}

ROC_API void roc_channel_close(struct roc_channel *ch)
{
	if (!ch)
		return;
	roc_chring_close(ch->ring);	/* unmaps: the file can go */
	close(ch->fd);
	free(ch);
}

ROC_API int roc_channel_get_fd(const struct roc_channel *ch)
{
	return ch->fd;
}

ROC_API unsigned int roc_channel_get_number(const struct roc_channel *ch)
{
	return ch->number;
}

ROC_API struct roc_card *roc_channel_get_card(const struct roc_channel *ch)
{
	return ch->card;
}

ROC_API int roc_channel_start(struct roc_channel *ch, enum roc_dma_source source)
{
	/* siu.c: also the C-RORC's options and link state */
	return roc_channel_start_ddl(ch, source, 0);
}

ROC_API int roc_channel_stop(struct roc_channel *ch)
{
	struct roc_dma_stop st = { .argsz = sizeof(st) };

	if (ioctl(ch->fd, ROC_DMA_STOP, &st))
		return roc_err_errno(-errno, "%s: cannot stop DMA on channel %u",
				     roc_ch_label(ch), ch->number);
	return 0;
}

ROC_API int roc_channel_reset(struct roc_channel *ch)
{
	struct roc_dma_reset rs = { .argsz = sizeof(rs) };

	if (!ioctl(ch->fd, ROC_DMA_RESET, &rs))
		return 0;
	if (errno == EBUSY)
		return roc_err(-EBUSY, "%s: cannot reset DMA channel %u: stop it first",
			       roc_ch_label(ch), ch->number);
	return roc_err_errno(-errno, "%s: cannot reset DMA channel %u",
			     roc_ch_label(ch), ch->number);
}

static int roc_push_error(struct roc_channel *ch, int ret,
			  const struct roc_sp_desc *sp)
{
	const char *why;

	switch (ret) {
	case -ENOSPC: why = "the transfer queue is full"; break;
	case -EPIPE: why = "DMA is not running"; break;
	case -ENOENT: why = "no such buffer"; break;
	case -ERANGE: why = "outside the buffer"; break;
	case -EMSGSIZE: why = "size not a multiple of 32 KiB below 16 MiB"; break;
	case -EINVAL: why = "offset not 4 KiB aligned, or bad request"; break;
	case -EXDEV: why = "spans two bus segments of the buffer"; break;
	case -EADDRINUSE: why = "overlaps a superpage in flight"; break;
	default:
		return roc_err_errno(ret, "%s: cannot push superpage (cookie 0x%llx, buffer %u offset 0x%llx size 0x%llx)",
				     roc_ch_label(ch),
				     (unsigned long long)sp->cookie,
				     sp->buffer_id,
				     (unsigned long long)sp->offset,
				     (unsigned long long)sp->size);
	}
	return roc_err(ret, "%s: cannot push superpage (cookie 0x%llx, buffer %u offset 0x%llx size 0x%llx): %s",
		       roc_ch_label(ch), (unsigned long long)sp->cookie,
		       sp->buffer_id, (unsigned long long)sp->offset,
		       (unsigned long long)sp->size, why);
}

/*
 * Static rules of a superpage (docs: ROC_PUSH): checked here on the ring
 * path so that a batch stops at its first such entry, as with ROC_PUSH.
 */
static int roc_sp_static_check(const struct roc_sp_desc *d)
{
	if (!d->size || d->size % ROC_SUPERPAGE_ALIGN ||
	    d->size > ROC_SUPERPAGE_MAX)
		return -EMSGSIZE;
	if (d->offset % ROC_OFFSET_ALIGN)
		return -EINVAL;
	return 0;
}

static int roc_ring_push(struct roc_channel *ch, const struct roc_sp_desc *sps,
			 size_t n, size_t good, size_t *donep)
{
	size_t total = 0, k, bad;
	int ret = 0, err, stat = 0;

	for (k = 0; k < good; k++) {
		stat = roc_sp_static_check(&sps[k]);
		if (stat)
			break;
	}
	good = k;
	while (total < good) {
		size_t done;

		ret = roc_chring_push(ch->ring, &sps[total], good - total,
				      &done, &bad, &err);
		if (err) {
			/* entries after it were taken too: they come back by pop */
			total += bad;
			ret = roc_push_error(ch, err, &sps[total]);
			goto out;
		}
		total += done;
		if (ret == -ENOSPC) {
			ret = roc_push_error(ch, ret, &sps[total]);
			goto out;
		}
		if (ret) {
			ret = roc_err_errno(ret, "%s: cannot push superpages to channel %u through its ring",
					    roc_ch_label(ch), ch->number);
			goto out;
		}
	}
	if (stat)
		ret = roc_push_error(ch, stat, &sps[total]);
	else if (total < n)
		ret = roc_err(-EINVAL, "%s: cannot push superpage %zu: its reserved field is not 0",
			      roc_ch_label(ch), total);
out:
	if (donep)
		*donep = total;
	return ret;
}

static const char *roc_refused_why(int err)
{
	switch (err) {
	case -EPIPE: return "DMA is not running";
	case -ENOENT: return "no such buffer";
	case -ERANGE: return "outside the buffer";
	case -EMSGSIZE: return "size not a multiple of 32 KiB below 16 MiB";
	case -EINVAL: return "offset not 4 KiB aligned, or bad request";
	case -EXDEV: return "spans two bus segments of the buffer";
	case -EADDRINUSE: return "overlaps a superpage in flight";
	}
	return NULL;
}

static int roc_ring_pop(struct roc_channel *ch, struct roc_sp_ready *out,
			size_t max)
{
	size_t total = 0;

	while (total < max) {
		size_t k, want = max - total > ROC_CH_BATCH ? ROC_CH_BATCH : max - total;
		int n, err;

		n = roc_chring_pop(ch->ring, ch->done, want, !total, &err);
		if (err) {
			const struct roc_ready *r = &ch->done[0].ready;
			const char *why = roc_refused_why(err);

			return roc_err(err, "%s: channel %u refused superpage (cookie 0x%llx, buffer %u offset 0x%llx size 0x%x): %s",
				       roc_ch_label(ch), ch->number,
				       (unsigned long long)r->cookie, r->buf_id,
				       (unsigned long long)r->offset, r->size,
				       why ? why : strerror(-err));
		}
		if (n < 0) {
			if (total)
				break;
			return roc_err_errno(n, "%s: cannot pop superpages of channel %u",
					     roc_ch_label(ch), ch->number);
		}
		for (k = 0; k < (size_t)n; k++) {
			const struct roc_ready *r = &ch->done[k].ready;

			out[total + k] = (struct roc_sp_ready){
				.cookie = r->cookie, .offset = r->offset,
				.size = r->size, .received = r->received,
				.buffer_id = r->buf_id, .link = r->link,
				.flags = r->flags,
			};
		}
		total += n;
		if ((size_t)n < want)
			break;
	}
	return (int)total;
}

ROC_API int roc_channel_push(struct roc_channel *ch,
			     const struct roc_sp_desc *sps, size_t n,
			     size_t *done)
{
	size_t total = 0, good;
	int ret = 0;

	/* Entries before the first bad one are pushed, as for the kernel. */
	for (good = 0; good < n && !sps[good].reserved; good++)
		;
	if (ch->ring)
		return roc_ring_push(ch, sps, n, good, done);
	while (total < good) {
		size_t k, cnt = good - total > ROC_CH_BATCH ? ROC_CH_BATCH :
							   good - total;
		struct roc_push p = { .argsz = sizeof(p), .count = cnt,
				      .entries = (uintptr_t)ch->push };

		for (k = 0; k < cnt; k++) {
			const struct roc_sp_desc *d = &sps[total + k];

			ch->push[k] = (struct roc_superpage){
				.buf_id = d->buffer_id, .offset = d->offset,
				.size = d->size, .cookie = d->cookie,
			};
		}
		if (ioctl(ch->fd, ROC_PUSH, &p)) {
			ret = -errno;
			if (p.done < cnt)
				total += p.done;
			ret = roc_push_error(ch, ret, &sps[total < n ? total : n - 1]);
			break;
		}
		total += cnt;
	}
	if (!ret && total < n)
		ret = roc_err(-EINVAL, "%s: cannot push superpage %zu: its reserved field is not 0",
			      roc_ch_label(ch), total);
	if (done)
		*done = total;
	return ret;
}

ROC_API int roc_channel_push_one(struct roc_channel *ch, uint32_t buffer_id,
				 uint64_t offset, uint64_t size,
				 uint64_t cookie)
{
	struct roc_sp_desc d = { .buffer_id = buffer_id, .offset = offset,
				 .size = size, .cookie = cookie };

	return roc_channel_push(ch, &d, 1, NULL);
}

ROC_API int roc_channel_pop(struct roc_channel *ch, struct roc_sp_ready *out,
			    size_t max)
{
	size_t total = 0;

	if (ch->ring)
		return roc_ring_pop(ch, out, max);

	while (total < max) {
		size_t k, want = max - total > ROC_CH_BATCH ? ROC_CH_BATCH : max - total;
		struct roc_pop p = { .argsz = sizeof(p), .max = want,
				     .entries = (uintptr_t)ch->pop };

		if (ioctl(ch->fd, ROC_POP, &p)) {
			if (total)
				break;
			return roc_err_errno(-errno, "%s: cannot pop superpages of channel %u",
					     roc_ch_label(ch), ch->number);
		}
		for (k = 0; k < p.count; k++) {
			const struct roc_ready *r = &ch->pop[k];

			out[total + k] = (struct roc_sp_ready){
				.cookie = r->cookie, .offset = r->offset,
				.size = r->size, .received = r->received,
				.buffer_id = r->buf_id, .link = r->link,
				.flags = r->flags,
			};
		}
		total += p.count;
		if (p.count < want)
			break;
	}
	return (int)total;
}

ROC_API int roc_channel_pop_one(struct roc_channel *ch,
				struct roc_sp_ready *out)
{
	return roc_channel_pop(ch, out, 1);
}

ROC_API int roc_channel_wait(struct roc_channel *ch, int timeout_ms)
{
	struct pollfd pfd = { .fd = ch->fd, .events = POLLIN };
	int n;

	if (ch->ring && roc_chring_ready(ch->ring))
		return 1;	/* libroc holds some already */
	n = poll(&pfd, 1, timeout_ms);

	if (n < 0) {
		if (errno == EINTR)
			return -EINTR;
		return roc_err_errno(-errno, "%s: poll on channel %u",
				     roc_ch_label(ch), ch->number);
	}
	if (!n)
		return 0;
	if (pfd.revents & POLLHUP)
		return roc_err(-ENODEV, "%s: the device is gone",
			       roc_ch_label(ch));
	if (pfd.revents & POLLERR)
		return roc_err(-EIO, "%s: DMA channel %u failed",
			       roc_ch_label(ch), ch->number);
	return (pfd.revents & POLLIN) ? 1 : 0;
}

ROC_API int roc_channel_get_stats(struct roc_channel *ch,
				  struct roc_channel_stats *stats)
{
	struct roc_channel_status st = { .argsz = sizeof(st) };
	struct roc_channel_stats out = ROC_STRUCT_INIT(out), *s = &out;
	uint64_t busy;

	if (stats->size < sizeof(out))
		return roc_struct_out(stats, &out, sizeof(out), sizeof(out),
				      "roc_channel_stats");

	if (ioctl(ch->fd, ROC_CHANNEL_STATUS, &st))
		return roc_err_errno(-errno, "%s: cannot read the status of channel %u",
				     roc_ch_label(ch), ch->number);
	s->state = (enum roc_ch_state)st.state;
	s->source = (enum roc_dma_source)st.source;
	s->links = st.links;
	s->link_depth = st.link_depth;
	s->transfer_capacity = st.transfer_capacity;
	s->transfer_queued = st.transfer_queued;
	s->ready_count = st.ready_count;
	if (ch->ring)	/* what the rings and libroc hold */
		roc_chring_stats(ch->ring, &s->transfer_queued, &s->ready_count);
	busy = (uint64_t)s->transfer_queued + s->ready_count;
	s->transfer_available = busy >= st.transfer_capacity ? 0 :
				st.transfer_capacity - (uint32_t)busy;
	s->nr_buffers = st.nr_buffers;
	s->pushed = st.pushed;
	s->completed = st.completed;
	s->bytes = st.bytes;
	s->fifo_empty = st.fifo_empty;
	s->dropped_packets = st.dropped_packets;
	return roc_struct_out(stats, &out, sizeof(out), sizeof(out),
			      "roc_channel_stats");
}

ROC_API int roc_channel_get_ready_count(struct roc_channel *ch)
{
	struct roc_channel_stats s = ROC_STRUCT_INIT(s);
	int ret = roc_channel_get_stats(ch, &s);

	return ret ? ret : (int)s.ready_count;
}

ROC_API int roc_channel_get_transfer_available(struct roc_channel *ch)
{
	struct roc_channel_stats s = ROC_STRUCT_INIT(s);
	int ret = roc_channel_get_stats(ch, &s);

	return ret ? ret : (int)s.transfer_available;
}
