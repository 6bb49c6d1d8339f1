// SPDX-License-Identifier: GPL-2.0
/*
 * roc - DMA channels: acquisition by a file, the channel file's ioctls,
 * superpage queues and poll().
 *
 * ROC_CHANNEL_OPEN gives the caller a new file for the channel; the channel
 * is theirs until that file is closed, which stops DMA and releases every
 * buffer -- also when the holder is killed.  The card backends program the
 * hardware; this file keeps the queues:
 *
 *   push:  validated superpage -> backend -> a link queue (in flight)
 *   pop:   backend harvest moves completions to the ready ring -> user
 *   stop:  what is still queued goes to the ready ring, unfilled
 *
 * Only this file touches the queues: backends queue a superpage with
 * roc_channel_queue() and hand it back with roc_channel_complete().
 *
 * The ready ring can hold @capacity entries and a push is refused while
 * in-flight plus ready would exceed it, so it never overflows.  No
 * allocation happens per superpage: batches go through a per-channel
 * scratch area.
 *
 * Locks, outermost first: ch->xfer_lock (the scratch area of ROC_PUSH and
 * ROC_POP, held across their user copies; removal never takes it),
 * ch->lock (channel operations, never across user memory access except
 * the page pinning of ROC_BUFFER_REGISTER), then a roc_ep_enter() section
 * around hardware access only, never across user memory access.
 * The poll timer takes neither: it only wakes the waiters, under
 * ep->poll_lock.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "roc.h"

static unsigned int poll_interval_us = 100;
module_param(poll_interval_us, uint, 0644);
MODULE_PARM_DESC(poll_interval_us,
		 "How often a waiting poll() checks the card, in microseconds (default 100)");

unsigned int roc_channel_poll_us(void)
{
	return max(READ_ONCE(poll_interval_us), 1U);
}

/* The rings of superpages: the link queues and the ready ring. */
static inline bool roc_ring_full(const struct roc_ring *r)
{
	return roc_ring_count(r) > r->mask;
}

static inline struct roc_sp *roc_ring_peek(struct roc_ring *r)
{
	return &r->sp[r->head & r->mask];
}

static inline void roc_ring_push(struct roc_ring *r, const struct roc_sp *sp)
{
	r->sp[r->tail & r->mask] = *sp;
	WRITE_ONCE(r->tail, r->tail + 1);
}

static inline void roc_ring_pop(struct roc_ring *r)
{
	WRITE_ONCE(r->head, r->head + 1);
}

#define ROC_SCRATCH_SIZE \
	(ROC_BATCH_MAX * max(sizeof(struct roc_superpage), sizeof(struct roc_ready)))

/**
 * roc_channel_queue() - queue a superpage on a link for the card
 * @ch: the channel, in its backend's &roc_card_ops.dma_push
 * @l: the link queue, below &roc_card_ops.dma_links
 * @sp: the superpage dma_push received
 * @link: link number user space sees with its completion
 *
 * The backend then programs the card with @sp.  Superpages complete in the
 * order they were queued on a link, see roc_channel_complete().
 *
 * Context: ch->lock held.
 * Return: 0, -ENOSPC if the queue of @l is full.
 */
int roc_channel_queue(struct roc_channel *ch, unsigned int l,
		      const struct roc_sp *sp, u8 link)
{
	struct roc_ring *q = &ch->links[l].q;
	struct roc_sp *slot;

	lockdep_assert_held(&ch->lock);
	if (roc_ring_full(q))
		return -ENOSPC;
	slot = &q->sp[q->tail & q->mask];
	*slot = *sp;
	slot->link = link;
	WRITE_ONCE(q->tail, q->tail + 1);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(roc_channel_queue, ROC_NS);

/* Completed superpages waiting for ROC_POP; ch->lock held. */
u32 roc_channel_ready_count(const struct roc_channel *ch)
{
	return roc_ring_count(&ch->ready);
}

/* Take the oldest ready superpage, for the ready ring; ch->lock held. */
bool roc_channel_ready_take(struct roc_channel *ch, struct roc_sp *sp)
{
	if (!roc_ring_count(&ch->ready))
		return false;
	*sp = *roc_ring_peek(&ch->ready);
	roc_ring_pop(&ch->ready);
	return true;
}

/**
 * roc_channel_link_peek() - the oldest superpage queued on a link
 * @ch: the channel
 * @l: the link queue
 *
 * Context: ch->lock held.
 * Return: the superpage the card completes next on @l, NULL if none.
 */
const struct roc_sp *roc_channel_link_peek(struct roc_channel *ch,
					   unsigned int l)
{
	lockdep_assert_held(&ch->lock);
	if (!roc_ring_count(&ch->links[l].q))
		return NULL;
	return roc_ring_peek(&ch->links[l].q);
}
EXPORT_SYMBOL_NS_GPL(roc_channel_link_peek, ROC_NS);

/**
 * roc_channel_complete() - the card handed back the oldest superpage of a link
 * @ch: the channel, in its backend's &roc_card_ops.dma_harvest
 * @l: the link queue
 * @received: bytes the card wrote
 * @flags: %ROC_READY_DONE if the card filled it (0: returned unfilled)
 *
 * Moves the head of the queue of @l to the ready ring, where ROC_POP finds
 * it; its memory stays claimed until the user has popped it.
 *
 * Context: ch->lock held.
 * Return: 0, -EIO if nothing is queued on @l (the card broke the protocol).
 */
int roc_channel_complete(struct roc_channel *ch, unsigned int l,
			 u32 received, u8 flags)
{
	struct roc_ring *q = &ch->links[l].q;
	struct roc_sp *sp;

	lockdep_assert_held(&ch->lock);
	if (!roc_ring_count(q))
		return -EIO;
	sp = roc_ring_peek(q);
	sp->received = min(received, sp->size);
	sp->flags = flags;
	if (sp->flags & ROC_READY_DONE && sp->received < sp->size)
		sp->flags |= ROC_READY_PARTIAL;
	roc_ring_push(&ch->ready, sp);
	roc_ring_pop(q);
	ch->queued--;
	if (flags & ROC_READY_DONE) {
		ch->completed++;
		ch->bytes += sp->received;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(roc_channel_complete, ROC_NS);

/*
 * Hardware access happens only while the device is there: a roc_ep_enter()
 * section whose cookie ch->lock lets the channel keep.
 */
bool roc_channel_hw_get(struct roc_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	return roc_ep_enter(ch->ep, &ch->hw_idx);
}

void roc_channel_hw_put(struct roc_channel *ch)
{
	roc_ep_exit(ch->hw_idx);
}

/*
 * The card's pace: a running average of the time per superpage between
 * harvests that found some.  A waiter sleeps until about a batch should
 * have completed (roc_channel_wait_ns()): a harvest reads one counter per
 * link, so finding many superpages per pass keeps the reads per
 * superpage low.  Idle time of the user makes it an overestimate, which
 * the bound in roc_channel_wait_ns() limits.
 */
static void roc_channel_pace(struct roc_channel *ch, u64 before)
{
	u64 done = ch->completed - before, now, sample;

	if (!done)
		return;
	now = ktime_get_ns();
	if (ch->pace_last) {
		sample = div64_u64(now - ch->pace_last, done);
		ch->pace_ns = ch->pace_ns ? (3 * ch->pace_ns + sample) / 4 :
			      sample;
	}
	ch->pace_last = now;
}

/* Superpages a waiter sleeps for, at most, between harvests */
#define ROC_WAIT_BATCH		16
#define ROC_WAIT_MAX_NS		(2 * NSEC_PER_MSEC)

/**
 * roc_channel_wait_ns() - how long a waiter sleeps before the next harvest
 * @ch: the channel, ch->lock held
 *
 * No more superpages can complete before the next harvest than the card
 * holds.  A card that holds one (a C-RORC channel) gets the next one from
 * the harvest, so it is not paced at all: the pace would be measured
 * between harvests that each find one superpage, i.e. it would be the
 * sleep itself, and any sleep longer than the superpage idles the link.
 * Its harvest reads no register (the host word is in memory).
 *
 * Return: the poll interval, or longer when the card's pace says that
 * fewer than min(in flight, in the card, %ROC_WAIT_BATCH) superpages
 * complete in it (at most %ROC_WAIT_MAX_NS).
 */
u64 roc_channel_wait_ns(struct roc_channel *ch)
{
	u64 base = (u64)roc_channel_poll_us() * NSEC_PER_USEC;
	u32 in_card = ch->link_depth * ch->nr_links;
	u64 paced;

	if (in_card <= 1)
		return base;
	paced = ch->pace_ns * min3(ch->queued, in_card, (u32)ROC_WAIT_BATCH);

	return max(base, min_t(u64, paced, ROC_WAIT_MAX_NS));
}

/* What a harvest is for, see roc_channel_collect(). */
enum roc_harvest_mode {
	ROC_HARVEST_RUNNING,	/* a running channel, for ROC_POP or status */
	ROC_HARVEST_STOPPING,	/* the last one, DMA stopped, also if FAILED */
};

/*
 * Move what the card finished to the ready ring.  A card that breaks the
 * protocol fails the channel; a stopping channel becomes STOPPED anyway.
 */
static void roc_channel_collect(struct roc_channel *ch,
				enum roc_harvest_mode mode)
{
	u64 before = ch->completed;

	if (!ch->queued)
		return;
	if (mode == ROC_HARVEST_RUNNING && ch->state != ROC_CHANNEL_RUNNING)
		return;
	if (ch->ep->card->dma_harvest(ch)) {
		dev_err_ratelimited(&ch->ep->dev,
				    "channel %u: card broke the DMA protocol, stopping\n",
				    ch->index);
		ch->state = ROC_CHANNEL_FAILED;
	}
	roc_channel_pace(ch, before);
}

void roc_channel_harvest(struct roc_channel *ch)
{
	roc_channel_collect(ch, ROC_HARVEST_RUNNING);
}

/* Stop DMA and return everything still queued, unfilled, in push order. */
static void roc_channel_stop(struct roc_channel *ch)
{
	unsigned int l;

	if (ch->state != ROC_CHANNEL_RUNNING && ch->state != ROC_CHANNEL_FAILED)
		return;
	ch->ep->card->dma_stop(ch);
	roc_channel_collect(ch, ROC_HARVEST_STOPPING);
	for (l = 0; l < ROC_MAX_LINKS; l++)
		while (roc_ring_count(&ch->links[l].q))
			roc_channel_complete(ch, l, 0, 0);
	ch->state = ROC_CHANNEL_STOPPED;
	wake_up_interruptible(&ch->wq);
}

/*
 * The poll timer only wakes the waiters: their poll() harvests in process
 * context, so no register is read in softirq and a wake-up that finds
 * nothing costs one harvest pass, not one per expiry.  One timer per
 * endpoint serves all its channels (the six of a C-RORC): it wakes every
 * channel waiting at expiry, and is armed for the earliest one waiting.
 */
static enum hrtimer_restart roc_channel_timer(struct hrtimer *t)
{
	struct roc_endpoint *ep = container_of(t, struct roc_endpoint,
					       poll_timer);
	unsigned long waiting;
	unsigned int i;

	spin_lock(&ep->poll_lock);
	waiting = ep->poll_waiting;
	ep->poll_waiting = 0;
	ep->poll_armed = false;
	ep->poll_expiries++;
	ep->poll_woken += hweight_long(waiting);
	spin_unlock(&ep->poll_lock);
	for_each_set_bit(i, &waiting, BITS_PER_LONG)
		wake_up_interruptible(&ep->channels[i].wq);
	return HRTIMER_NORESTART;
}

/*
 * Arm the wake-up of a waiting poll(), with a quarter of slack, when about
 * a batch of superpages should be done; earlier if another channel of the
 * endpoint needs it sooner than the timer is set for.
 */
static void roc_channel_timer_arm(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	u64 wait = roc_channel_wait_ns(ch);
	ktime_t t = ktime_add_ns(ktime_get(), wait);

	spin_lock_bh(&ep->poll_lock);
	__set_bit(ch->index, &ep->poll_waiting);
	if (!ep->poll_armed || ktime_before(t, ep->poll_expires)) {
		ep->poll_armed = true;
		ep->poll_expires = t;
		ep->poll_starts++;
		hrtimer_start_range_ns(&ep->poll_timer, t, roc_wait_slack_ns(wait),
				       HRTIMER_MODE_ABS_SOFT);
	}
	spin_unlock_bh(&ep->poll_lock);
}

/* The channel waits no more; the timer stops when no channel waits. */
static void roc_channel_timer_stop(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;

	spin_lock_bh(&ep->poll_lock);
	__clear_bit(ch->index, &ep->poll_waiting);
	/* A callback already running ends by itself, waking nobody here. */
	if (!ep->poll_waiting && ep->poll_armed &&
	    hrtimer_try_to_cancel(&ep->poll_timer) == 1)
		ep->poll_armed = false;
	spin_unlock_bh(&ep->poll_lock);
}

static __poll_t roc_channel_poll(struct file *file, poll_table *wait)
{
	struct roc_channel *ch = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &ch->wq, wait);

	mutex_lock(&ch->lock);
	if (ch->state == ROC_CHANNEL_GONE) {
		mask = EPOLLHUP | EPOLLERR;
		goto out;
	}
	if (ch->rings) {
		mask = roc_ring_poll(ch);
		if (ch->state == ROC_CHANNEL_FAILED)
			mask |= EPOLLERR;
		else if (!(mask & EPOLLIN) &&
			 ch->state == ROC_CHANNEL_RUNNING && ch->queued)
			roc_channel_timer_arm(ch);
		goto out;
	}
	if (roc_ring_count(&ch->ready))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ch->state == ROC_CHANNEL_RUNNING &&
	    ch->queued + roc_ring_count(&ch->ready) < ch->capacity)
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (ch->state == ROC_CHANNEL_FAILED)
		mask |= EPOLLERR;

	/*
	 * Nothing ready: harvest into the ready queue (what is found there
	 * is what the next ROC_POP returns without a register read), else
	 * let the timer wake the waiter for another pass.
	 */
	if (!(mask & EPOLLIN) && ch->state == ROC_CHANNEL_RUNNING &&
	    ch->queued && roc_channel_hw_get(ch)) {
		roc_channel_harvest(ch);
		roc_channel_hw_put(ch);
		if (roc_ring_count(&ch->ready))
			mask |= EPOLLIN | EPOLLRDNORM;
		else if (ch->state == ROC_CHANNEL_RUNNING)
			roc_channel_timer_arm(ch);
		if (ch->state == ROC_CHANNEL_FAILED)
			mask |= EPOLLERR;
	}
out:
	mutex_unlock(&ch->lock);
	return mask;
}

/*
 * The channel fd's ioctls.  roc_channel_ioctl() copies the caller's
 * structure in before a handler runs and back after it (ioctl.c); the
 * handlers take ch->lock only around the channel's state, and ROC_PUSH and
 * ROC_POP copy their entries with it dropped: a caller stuck in a page
 * fault (userfaultfd, FUSE) never holds the lock that removal takes.
 */

/* Take the channel's lock, unless removal has taken the channel away. */
int roc_channel_lock(struct roc_channel *ch)
{
	mutex_lock(&ch->lock);
	if (ch->state == ROC_CHANNEL_GONE) {
		mutex_unlock(&ch->lock);
		return -ENODEV;
	}
	return 0;
}

static long roc_channel_buffer_register(struct roc_channel *ch, void *arg)
{
	struct roc_buffer_reg *reg = arg;
	struct roc_buffer pin;
	long ret;

	if (reg->reserved || reg->id || reg->nr_segments || reg->max_segment)
		return -EINVAL;
	/* A request that cannot succeed fails before anything is pinned. */
	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	ret = roc_buffer_free_id(ch);
	mutex_unlock(&ch->lock);
	if (ret < 0)
		return ret;
	/* Pinning may wait in a page fault: not under ch->lock. */
	ret = roc_buffer_pin_user(reg, &pin);
	if (ret)
		return ret;
	ret = roc_channel_lock(ch);
	if (ret)
		goto err_unpin;
	/*
	 * The structure was found writable before (ioctl.c); should the
	 * caller unmap it meanwhile, the buffer stays registered until the
	 * channel fd is closed.
	 */
	ret = roc_buffer_install(ch, reg, &pin);
	mutex_unlock(&ch->lock);
	if (ret)
		goto err_unpin;
	return 0;

err_unpin:
	roc_buffer_unpin_user(&pin);
	return ret;
}

static long roc_channel_buffer_unregister(struct roc_channel *ch, void *arg)
{
	struct roc_buffer_unreg *unreg = arg;
	long ret;

	if (unreg->reserved)
		return -EINVAL;
	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	ret = roc_buffer_unregister(ch, unreg->id);
	mutex_unlock(&ch->lock);
	return ret;
}

static long roc_channel_start(struct roc_channel *ch, void *arg)
{
	struct roc_dma_start *start = arg;
	long ret;

	if (start->reserved || start->reserved2 ||
	    start->source > ROC_SOURCE_SIU ||
	    (start->options & ~ROC_DMA_START_OPTIONS))
		return -EINVAL;
	/* DIU, SIU and the FEE options are the C-RORC's DDL (crorc_ddl.c) */
	if ((start->source >= ROC_SOURCE_DIU || start->options) &&
	    !ch->ep->card->ddl_status)
		return -EOPNOTSUPP;
	/* Wait for a ROC_POP copying out: its superpages may come back. */
	ret = mutex_lock_killable(&ch->xfer_lock);
	if (ret)
		return ret;
	ret = roc_channel_lock(ch);
	if (ret)
		goto out_xfer;
	if (ch->state == ROC_CHANNEL_RUNNING) {
		ret = -EALREADY;
		goto out_unlock;
	}
	if (!roc_channel_hw_get(ch)) {
		ret = -ENODEV;
		goto out_unlock;
	}
	/* A failed run is stopped first: its superpages go to the ready queue. */
	roc_channel_stop(ch);
	if (roc_ring_count(&ch->ready)) {
		ret = -EBUSY;
	} else {
		ch->source = start->source;
		ch->start_options = start->options;
		ret = ch->ep->card->dma_start(ch);
		if (!ret) {
			ch->state = ROC_CHANNEL_RUNNING;
			ch->pace_ns = 0;
			ch->pace_last = 0;
		}
	}
	roc_channel_hw_put(ch);
out_unlock:
	mutex_unlock(&ch->lock);
out_xfer:
	mutex_unlock(&ch->xfer_lock);
	return ret;
}

static long roc_channel_dma_stop(struct roc_channel *ch, void *arg)
{
	long ret;

	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	ret = -ENODEV;
	if (roc_channel_hw_get(ch)) {
		roc_channel_stop(ch);
		roc_channel_hw_put(ch);
		ret = 0;
	}
	mutex_unlock(&ch->lock);
	return ret;
}

static long roc_channel_dma_reset(struct roc_channel *ch, void *arg)
{
	struct roc_dma_reset *rs = arg;
	long ret;

	if (rs->reserved || rs->level > ROC_RESET_INTERNAL_SIU)
		return -EINVAL;
	if (rs->level == ROC_RESET_INTERNAL_SIU &&
	    !ch->ep->card->dma_reset_level)
		return -EOPNOTSUPP;
	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	ret = -EBUSY;
	if (ch->state == ROC_CHANNEL_STOPPED) {
		ret = -ENODEV;
		if (roc_channel_hw_get(ch)) {
			ret = 0;
			if (ch->ep->card->dma_reset_level)
				ret = ch->ep->card->dma_reset_level(ch,
								    rs->level);
			else if (rs->level == ROC_RESET_INTERNAL)
				ch->ep->card->dma_reset(ch);
			roc_channel_hw_put(ch);
		}
	}
	mutex_unlock(&ch->lock);
	return ret;
}

/* @done is written back also on failure: the index of the failed entry. */
static long roc_channel_push(struct roc_channel *ch, void *arg)
{
	struct roc_push *push = arg;
	struct roc_superpage *in = ch->scratch;
	long ret;
	u32 i = 0;

	push->done = 0;
	if (!push->count || push->count > ROC_BATCH_MAX)
		return -EINVAL;
	ret = mutex_lock_killable(&ch->xfer_lock);
	if (ret)
		return ret;
	/* All entries are read before anything is pushed, without ch->lock. */
	if (copy_from_user(in, u64_to_user_ptr(push->entries),
			   array_size(push->count, sizeof(*in)))) {
		ret = -EFAULT;
		goto out_xfer;
	}

	ret = roc_channel_lock(ch);
	if (ret)
		goto out_xfer;
	if (ch->rings) {		/* the rings own this channel */
		ret = -EBUSY;
		goto out_unlock;
	}
	if (!roc_channel_hw_get(ch)) {
		ret = -ENODEV;
		goto out_unlock;
	}
	if (ch->state != ROC_CHANNEL_RUNNING) {
		ret = -EPIPE;
		goto out_put;
	}
	/* The card was idle until now: its pace counts from here. */
	if (!ch->queued && ch->pace_last)
		ch->pace_last = ktime_get_ns();
	for (i = 0; i < push->count; i++) {
		struct roc_sp sp;

		if (ch->queued + roc_ring_count(&ch->ready) >= ch->capacity) {
			ret = -ENOSPC;
			break;
		}
		ret = roc_buffer_claim(ch, &in[i], &sp);
		if (ret)
			break;
		ret = ch->ep->card->dma_push(ch, &sp);
		if (ret) {
			roc_buffer_unclaim(ch, &sp);
			break;
		}
		ch->queued++;
		ch->pushed++;
	}
out_put:
	roc_channel_hw_put(ch);
out_unlock:
	mutex_unlock(&ch->lock);
out_xfer:
	mutex_unlock(&ch->xfer_lock);
	push->done = i;
	return ret;
}

/* Entries of struct roc_ready converted per copy_to_user() of ROC_POP. */
#define ROC_POP_CHUNK	16

/*
 * A ROC_POP could not hand its @n superpages over: put them back at the
 * head of the ready queue, in their order.  There is room: they left it
 * with xfer_lock held, which keeps ROC_PUSH (the only way to make more
 * superpages) out until now, so in flight plus ready plus these is still
 * at most the capacity, which the ring holds.  Removal empties the queue
 * for good: then they go with the rest.
 */
static void roc_channel_unpop(struct roc_channel *ch, const struct roc_sp *sp,
			      u32 n)
{
	u32 head = ch->ready.head;

	if (ch->state == ROC_CHANNEL_GONE)
		return;
	while (n--) {
		head--;
		ch->ready.sp[head & ch->ready.mask] = sp[n];
	}
	WRITE_ONCE(ch->ready.head, head);
}

static long roc_channel_pop(struct roc_channel *ch, void *arg)
{
	struct roc_pop *pop = arg;
	struct roc_sp *taken = ch->scratch;
	struct roc_ready out[ROC_POP_CHUNK];
	struct roc_ready __user *uout = u64_to_user_ptr(pop->entries);
	u32 n, i, j;
	long ret;

	pop->count = 0;
	if (!pop->max || pop->max > ROC_BATCH_MAX)
		return -EINVAL;
	ret = mutex_lock_killable(&ch->xfer_lock);
	if (ret)
		return ret;
	ret = roc_channel_lock(ch);
	if (ret)
		goto out_xfer;
	if (ch->rings) {		/* the rings own this channel */
		mutex_unlock(&ch->lock);
		ret = -EBUSY;
		goto out_xfer;
	}
	/*
	 * What the ready queue holds is served without a register read; a
	 * harvest that reads none (C-RORC) also feeds the card its next one.
	 */
	if (ch->state == ROC_CHANNEL_RUNNING &&
	    (roc_ring_count(&ch->ready) < pop->max ||
	     ch->ep->card->harvest_free)) {
		if (!roc_channel_hw_get(ch)) {
			mutex_unlock(&ch->lock);
			ret = -ENODEV;
			goto out_xfer;
		}
		roc_channel_harvest(ch);
		roc_channel_hw_put(ch);
	}
	for (n = 0; n < pop->max && roc_ring_count(&ch->ready); n++) {
		taken[n] = *roc_ring_peek(&ch->ready);
		roc_ring_pop(&ch->ready);
	}
	mutex_unlock(&ch->lock);

	/* Out to the caller with no channel lock: a fault may take long. */
	for (i = 0; i < n; i += j) {
		for (j = 0; j < ROC_POP_CHUNK && i + j < n; j++) {
			const struct roc_sp *sp = &taken[i + j];

			out[j] = (struct roc_ready) {
				.cookie = sp->cookie,
				.offset = sp->offset,
				.size = sp->size,
				.received = sp->received,
				.buf_id = sp->buf,
				.link = sp->link,
				.flags = sp->flags,
			};
		}
		if (copy_to_user(uout + i, out, array_size(j, sizeof(*out)))) {
			ret = -EFAULT;
			break;
		}
	}

	if (n) {
		mutex_lock(&ch->lock);
		if (ret) {
			/* Nothing is lost to a bad pointer. */
			roc_channel_unpop(ch, taken, n);
		} else {
			/* The user has them: their memory may be pushed again. */
			for (i = 0; i < n; i++)
				roc_buffer_unclaim(ch, &taken[i]);
		}
		mutex_unlock(&ch->lock);
	}
	if (!ret)
		pop->count = n;
out_xfer:
	mutex_unlock(&ch->xfer_lock);
	return ret;
}

static long roc_channel_status(struct roc_channel *ch, void *arg)
{
	struct roc_channel_status *st = arg;
	u64 fifo_empty = 0, dropped = 0;
	unsigned int i;
	long ret;

	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	if (!roc_channel_hw_get(ch)) {
		mutex_unlock(&ch->lock);
		return -ENODEV;
	}
	roc_channel_harvest(ch);
	if (ch->state == ROC_CHANNEL_RUNNING)
		ch->ep->card->dma_counters(ch, &fifo_empty, &dropped);
	roc_channel_hw_put(ch);

	memset(st, 0, sizeof(*st));
	st->state = ch->state;
	st->source = ch->source;
	st->links = ch->link_mask;
	st->link_depth = ch->link_depth;
	st->transfer_capacity = ch->capacity;
	st->transfer_queued = ch->queued;
	st->ready_count = roc_ring_count(&ch->ready);
	for (i = 0; i < ROC_MAX_BUFFERS; i++)
		st->nr_buffers += ch->bufs[i].used;
	st->pushed = ch->pushed;
	st->completed = ch->completed;
	st->bytes = ch->bytes;
	st->fifo_empty = fifo_empty;
	st->dropped_packets = dropped;
	mutex_unlock(&ch->lock);
	return 0;
}

struct roc_channel_ioctl {
	long (*fn)(struct roc_channel *ch, void *arg);
	struct roc_ioctl_arg arg;
};

#define ROC_CHANNEL_IOCTL(_cmd, _fn, _struct, _last, _out, _out_on_error) \
	[_IOC_NR(_cmd)] = {						\
		.fn = _fn,						\
		.arg = ROC_IOCTL_ARG(_struct, _last, _out,		\
				     _out_on_error),			\
	}

/* The channel fd's ioctls; the last field is that of the first version. */
static const struct roc_channel_ioctl roc_channel_ioctls[] = {
	[_IOC_NR(ROC_BUFFER_REGISTER)] = {
		.fn = roc_channel_buffer_register,
		.arg = ROC_IOCTL_ARG_FLAGS(struct roc_buffer_reg, reserved,
					   true, false, ROC_BUFFER_REG_FLAGS),
	},
	ROC_CHANNEL_IOCTL(ROC_BUFFER_UNREGISTER, roc_channel_buffer_unregister,
			  struct roc_buffer_unreg, reserved, false, false),
	ROC_CHANNEL_IOCTL(ROC_DMA_START, roc_channel_start,
			  struct roc_dma_start, reserved, false, false),
	ROC_CHANNEL_IOCTL(ROC_DMA_STOP, roc_channel_dma_stop,
			  struct roc_dma_stop, flags, false, false),
	ROC_CHANNEL_IOCTL(ROC_DMA_RESET, roc_channel_dma_reset,
			  struct roc_dma_reset, flags, false, false),
	ROC_CHANNEL_IOCTL(ROC_PUSH, roc_channel_push,
			  struct roc_push, entries, true, true),
	ROC_CHANNEL_IOCTL(ROC_POP, roc_channel_pop,
			  struct roc_pop, entries, true, false),
	ROC_CHANNEL_IOCTL(ROC_CHANNEL_STATUS, roc_channel_status,
			  struct roc_channel_status, dropped_packets, true, false),
	[_IOC_NR(ROC_RING_SETUP)] = {
		.fn = roc_ring_setup,
		.arg = ROC_IOCTL_ARG_FLAGS(struct roc_ring_setup, reserved,
					   true, false, ROC_RING_SETUP_THREAD),
	},
	ROC_CHANNEL_IOCTL(ROC_RING_ENTER, roc_ring_enter,
			  struct roc_ring_enter, completed, true, true),
};

static long roc_channel_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct roc_channel *ch = file->private_data;
	const struct roc_channel_ioctl *op;
	union roc_ioctl_buf buf;
	unsigned int nr;
	long usize, ret;

	nr = _IOC_NR(cmd);
	if (_IOC_TYPE(cmd) != ROC_IOC_MAGIC ||
	    nr >= ARRAY_SIZE(roc_channel_ioctls))
		return -ENOTTY;
	op = &roc_channel_ioctls[array_index_nospec(nr,
						    ARRAY_SIZE(roc_channel_ioctls))];
	usize = roc_ioctl_copy_in(&op->arg, cmd, arg, &buf);
	if (usize < 0)
		return usize;
	ret = op->fn(ch, &buf);
	return roc_ioctl_copy_out(&op->arg, arg, &buf, usize, ret);
}

static void roc_channel_free_queues(struct roc_channel *ch)
{
	unsigned int l;

	for (l = 0; l < ROC_MAX_LINKS; l++) {
		kvfree(ch->links[l].q.sp);
		ch->links[l].q.sp = NULL;
	}
	kvfree(ch->ready.sp);
	ch->ready.sp = NULL;
	kvfree(ch->scratch);
	ch->scratch = NULL;
}

/*
 * Queues for the largest configuration the card can have, allocated when
 * the channel is acquired so that nothing is allocated while it runs.
 */
static int roc_channel_alloc_queues(struct roc_channel *ch)
{
	const struct roc_card_ops *card = ch->ep->card;
	u32 depth = roundup_pow_of_two(card->dma_depth);
	u32 ready = roundup_pow_of_two(card->dma_links * card->dma_depth);
	unsigned int l;

	memset(ch->links, 0, sizeof(ch->links));
	for (l = 0; l < card->dma_links; l++) {
		ch->links[l].q.sp = kvcalloc(depth, sizeof(struct roc_sp),
					     GFP_KERNEL);
		if (!ch->links[l].q.sp)
			goto err_free;
		ch->links[l].q.mask = depth - 1;
	}
	ch->ready.sp = kvcalloc(ready, sizeof(struct roc_sp), GFP_KERNEL);
	ch->scratch = kvmalloc(ROC_SCRATCH_SIZE, GFP_KERNEL);
	if (!ch->scratch || !ch->ready.sp)
		goto err_free;
	ch->ready.mask = ready - 1;
	ch->ready.head = 0;
	ch->ready.tail = 0;
	return 0;

err_free:
	roc_channel_free_queues(ch);
	return -ENOMEM;
}

static void roc_channel_teardown(struct roc_channel *ch)
{
	roc_channel_timer_stop(ch);
	roc_channel_stop(ch);
	WRITE_ONCE(ch->ready.head, ch->ready.tail);
	ch->ep->card->dma_close(ch);
}

static int roc_channel_release(struct inode *inode, struct file *file)
{
	struct roc_channel *ch = file->private_data;
	struct roc_endpoint *ep = ch->ep;

	roc_ring_release(ch);	/* its thread takes ch->lock */
	mutex_lock(&ch->lock);
	if (ch->state != ROC_CHANNEL_GONE) {
		/*
		 * Removal did not pass this channel: the hardware is still
		 * there (the endpoint dies only after its channels are gone).
		 */
		if (roc_channel_hw_get(ch)) {
			roc_channel_teardown(ch);
			roc_channel_hw_put(ch);
		}
	}
	roc_buffer_release_all(ch);
	roc_channel_free_queues(ch);
	roc_ring_free(ch);
	/* A removed endpoint's channels stay gone: no open may follow. */
	if (ch->state != ROC_CHANNEL_GONE)
		ch->state = ROC_CHANNEL_FREE;
	mutex_unlock(&ch->lock);

	mutex_lock(&ep->chan_lock);
	ch->file = NULL;
	ch->pid = 0;
	mutex_unlock(&ep->chan_lock);

	put_device(&ep->dev);
	return 0;
}

static const struct file_operations roc_channel_fops = {
	.owner		= THIS_MODULE,
	.release	= roc_channel_release,
	.unlocked_ioctl	= roc_channel_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.poll		= roc_channel_poll,
	.mmap		= roc_ring_mmap,
	.llseek		= noop_llseek,
};

long roc_channel_open(struct roc_endpoint *ep, struct file *devfile,
		      struct roc_channel_open *op)
{
	struct roc_channel *ch;
	struct file *file;
	int fd, ret;

	if (op->channel >= ep->board->num_channels || op->fd)
		return -EINVAL;
	if (!(devfile->f_mode & FMODE_WRITE))
		return -EPERM;
	ch = &ep->channels[op->channel];

	mutex_lock(&ep->chan_lock);
	if (ch->file) {
		ret = -EBUSY;
		goto err_unlock;
	}

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto err_unlock;
	}

	mutex_lock(&ch->lock);
	/*
	 * The ioctl saw the endpoint alive, but removal may have passed this
	 * channel since (roc_channel_remove()): nothing may be set up on the
	 * bus device any more.
	 */
	if (ch->state == ROC_CHANNEL_GONE)
		ret = -ENODEV;
	else
		ret = roc_channel_alloc_queues(ch);
	if (!ret) {
		ret = ch->ep->card->dma_open(ch);
		if (ret)
			roc_channel_free_queues(ch);
	}
	if (!ret) {
		ch->state = ROC_CHANNEL_STOPPED;
		ch->pushed = 0;
		ch->completed = 0;
		ch->bytes = 0;
		ch->queued = 0;
		ch->capacity = 0;
		ch->link_mask = 0;
	}
	mutex_unlock(&ch->lock);
	if (ret)
		goto err_put_fd;

	get_device(&ep->dev);	/* put by roc_channel_release() */
	file = anon_inode_getfile("[roc-channel]", &roc_channel_fops, ch,
				  O_RDWR | O_CLOEXEC);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_close;
	}
	ch->file = file;
	ch->pid = task_tgid_nr(current);
	get_task_comm(ch->comm, current);
	mutex_unlock(&ep->chan_lock);

	/*
	 * The caller's structure was found writable before (ioctl.c); should
	 * the caller unmap it meanwhile, the fd is open all the same and the
	 * ioctl's return value names it.
	 */
	op->fd = fd;
	fd_install(fd, file);
	return fd;

err_close:
	put_device(&ep->dev);
	mutex_lock(&ch->lock);
	if (ch->state != ROC_CHANNEL_GONE) {	/* else removal closed it */
		ch->ep->card->dma_close(ch);
		ch->state = ROC_CHANNEL_FREE;
	}
	roc_channel_free_queues(ch);
	mutex_unlock(&ch->lock);
err_put_fd:
	put_unused_fd(fd);
err_unlock:
	mutex_unlock(&ep->chan_lock);
	return ret;
}

long roc_channel_query(struct roc_endpoint *ep, struct roc_channel_query *q)
{
	struct roc_channel *ch;
	u32 index = q->channel;

	if (index >= ep->board->num_channels || q->reserved)
		return -EINVAL;
	ch = &ep->channels[index];

	memset(q, 0, sizeof(*q));
	q->channel = index;
	mutex_lock(&ep->chan_lock);
	if (ch->file) {
		q->pid = ch->pid;
		memcpy(q->comm, ch->comm, sizeof(q->comm));
		q->state = READ_ONCE(ch->state);
	} else {
		q->state = ROC_CHANNEL_FREE;
	}
	mutex_unlock(&ep->chan_lock);
	return 0;
}

/*
 * Device removal, before the hardware goes: stop every channel, take the
 * card's view of every buffer away, wake waiters with POLLHUP.  Pages stay
 * pinned until the channel files are closed.  Free channels are marked
 * gone too, so that a ROC_CHANNEL_OPEN that passed the endpoint's liveness
 * check before the removal cannot set one up afterwards.
 */
void roc_channel_remove(struct roc_endpoint *ep)
{
	unsigned int i;

	for (i = 0; i < ep->board->num_channels; i++) {
		struct roc_channel *ch = &ep->channels[i];

		mutex_lock(&ch->lock);
		if (ch->state != ROC_CHANNEL_FREE &&
		    ch->state != ROC_CHANNEL_GONE) {
			roc_channel_teardown(ch);
			roc_buffer_unmap_all(ch);
		}
		ch->state = ROC_CHANNEL_GONE;
		mutex_unlock(&ch->lock);
		wake_up_interruptible(&ch->wq);
	}
}

int roc_channel_init(struct roc_endpoint *ep)
{
	unsigned int i;

	mutex_init(&ep->chan_lock);
	spin_lock_init(&ep->poll_lock);
	hrtimer_init(&ep->poll_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_SOFT);
	ep->poll_timer.function = roc_channel_timer;
	/* A bit per channel in ep->poll_waiting */
	if (ep->board->num_channels > BITS_PER_LONG)
		return -EINVAL;
	ep->channels = kcalloc(ep->board->num_channels, sizeof(*ep->channels),
			       GFP_KERNEL);
	if (!ep->channels)
		return -ENOMEM;
	for (i = 0; i < ep->board->num_channels; i++) {
		struct roc_channel *ch = &ep->channels[i];

		ch->ep = ep;
		ch->index = i;
		mutex_init(&ch->xfer_lock);
		mutex_init(&ch->lock);
		init_waitqueue_head(&ch->wq);
	}
	return 0;
}

void roc_channel_free(struct roc_endpoint *ep)
{
	/* Every channel is gone: nothing arms it again. */
	if (ep->channels)
		hrtimer_cancel(&ep->poll_timer);
	kfree(ep->channels);
}
