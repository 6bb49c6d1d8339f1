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
 * Locks, outermost first: ch->lock (channel operations), then a
 * roc_ep_enter() section around hardware access only, never across user
 * memory access.
 * The poll timer takes neither: it only reads counters.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "roc.h"

static unsigned int poll_interval_us = 100;
module_param(poll_interval_us, uint, 0644);
MODULE_PARM_DESC(poll_interval_us,
		 "How often a waiting poll() checks the card, in microseconds (default 100)");

static ktime_t roc_poll_interval(void)
{
	return ns_to_ktime((u64)max(READ_ONCE(poll_interval_us), 1U) *
			   NSEC_PER_USEC);
}

/* The rings of superpages: the link queues and the ready ring. */
static inline u32 roc_ring_count(const struct roc_ring *r)
{
	return READ_ONCE(r->tail) - READ_ONCE(r->head);
}

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

/**
 * roc_channel_link_count() - superpages queued on a link and not completed
 * @ch: the channel
 * @l: the link queue
 *
 * Context: any; without ch->lock (&roc_card_ops.dma_pending) the answer
 * may be stale.
 * Return: how many.
 */
u32 roc_channel_link_count(const struct roc_channel *ch, unsigned int l)
{
	return roc_ring_count(&ch->links[l].q);
}
EXPORT_SYMBOL_NS_GPL(roc_channel_link_count, ROC_NS);

/* Completed superpages waiting for ROC_POP; ch->lock held. */
u32 roc_channel_ready_count(const struct roc_channel *ch)
{
	return roc_ring_count(&ch->ready);
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
static bool roc_channel_hw_get(struct roc_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	return roc_ep_enter(ch->ep, &ch->hw_idx);
}

static void roc_channel_hw_put(struct roc_channel *ch)
{
	roc_ep_exit(ch->hw_idx);
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
}

static void roc_channel_harvest(struct roc_channel *ch)
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

static enum hrtimer_restart roc_channel_timer(struct hrtimer *t)
{
	struct roc_channel *ch = container_of(t, struct roc_channel, timer);

	if (READ_ONCE(ch->state) != ROC_CHANNEL_RUNNING ||
	    !READ_ONCE(ch->queued) || ch->ep->card->dma_pending(ch)) {
		WRITE_ONCE(ch->timer_on, false);
		wake_up_interruptible(&ch->wq);
		return HRTIMER_NORESTART;
	}
	hrtimer_forward_now(t, roc_poll_interval());
	return HRTIMER_RESTART;
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
	if (roc_ring_count(&ch->ready))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ch->state == ROC_CHANNEL_RUNNING &&
	    ch->queued + roc_ring_count(&ch->ready) < ch->capacity)
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (ch->state == ROC_CHANNEL_FAILED)
		mask |= EPOLLERR;

	if (!(mask & EPOLLIN) && ch->state == ROC_CHANNEL_RUNNING &&
	    ch->queued) {
		if (ch->ep->card->dma_pending(ch)) {
			mask |= EPOLLIN | EPOLLRDNORM;
		} else if (!READ_ONCE(ch->timer_on)) {
			WRITE_ONCE(ch->timer_on, true);
			hrtimer_start(&ch->timer,
				      roc_poll_interval(),
				      HRTIMER_MODE_REL_SOFT);
		}
	}
out:
	mutex_unlock(&ch->lock);
	return mask;
}

static long roc_channel_buffer_register(struct roc_channel *ch,
					unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_buffer_reg, reserved);
	struct roc_buffer_reg reg;
	long argsz, ret;

	argsz = roc_copy_arg(&reg, minsz, sizeof(reg), arg);
	if (argsz < 0)
		return argsz;
	if (reg.reserved || reg.id || reg.nr_segments || reg.max_segment)
		return -EINVAL;

	ret = roc_buffer_register(ch, &reg);
	if (ret)
		return ret;
	if (copy_to_user((void __user *)arg, &reg, argsz)) {
		/* The caller cannot learn the id: undo, leave nothing pinned. */
		roc_buffer_unregister(ch, reg.id);
		return -EFAULT;
	}
	return 0;
}

static long roc_channel_buffer_unregister(struct roc_channel *ch,
					  unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_buffer_unreg, reserved);
	struct roc_buffer_unreg unreg;
	long argsz;

	argsz = roc_copy_arg(&unreg, minsz, sizeof(unreg), arg);
	if (argsz < 0)
		return argsz;
	if (unreg.reserved)
		return -EINVAL;
	return roc_buffer_unregister(ch, unreg.id);
}

static long roc_channel_start(struct roc_channel *ch, unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_dma_start, reserved);
	struct roc_dma_start start;
	long argsz;
	int ret;

	argsz = roc_copy_arg(&start, minsz, sizeof(start), arg);
	if (argsz < 0)
		return argsz;
	if (start.reserved || start.source > ROC_SOURCE_FEE)
		return -EINVAL;
	if (ch->state == ROC_CHANNEL_RUNNING)
		return -EALREADY;

	if (!roc_channel_hw_get(ch))
		return -ENODEV;
	/* A failed run is stopped first: its superpages go to the ready queue. */
	roc_channel_stop(ch);
	if (roc_ring_count(&ch->ready)) {
		roc_channel_hw_put(ch);
		return -EBUSY;
	}
	ch->source = start.source;
	ret = ch->ep->card->dma_start(ch);
	if (!ret)
		ch->state = ROC_CHANNEL_RUNNING;
	roc_channel_hw_put(ch);
	return ret;
}

static long roc_channel_push(struct roc_channel *ch, unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_push, entries);
	struct roc_push __user *upush = (void __user *)arg;
	struct roc_superpage *in = ch->scratch;
	struct roc_push push;
	long argsz, ret = 0;
	u32 i = 0;

	argsz = roc_copy_arg(&push, minsz, sizeof(push), arg);
	if (argsz < 0)
		return argsz;
	if (!push.count || push.count > ROC_BATCH_MAX)
		return -EINVAL;
	if (copy_from_user(in, u64_to_user_ptr(push.entries),
			   array_size(push.count, sizeof(*in))))
		return -EFAULT;
	/* EFAULT means nothing was pushed: @done must be writable first. */
	if (put_user(0, &upush->done))
		return -EFAULT;

	if (!roc_channel_hw_get(ch))
		return -ENODEV;
	if (ch->state != ROC_CHANNEL_RUNNING) {
		ret = -EPIPE;
		goto out;
	}
	for (i = 0; i < push.count; i++) {
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
out:
	roc_channel_hw_put(ch);
	if (put_user(i, &upush->done))
		return -EFAULT;
	return ret;
}

static long roc_channel_pop(struct roc_channel *ch, unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_pop, entries);
	struct roc_pop __user *upop = (void __user *)arg;
	struct roc_ready *out = ch->scratch;
	struct roc_pop pop;
	long argsz;
	u32 n, i;

	argsz = roc_copy_arg(&pop, minsz, sizeof(pop), arg);
	if (argsz < 0)
		return argsz;
	if (!pop.max || pop.max > ROC_BATCH_MAX)
		return -EINVAL;

	if (ch->state == ROC_CHANNEL_RUNNING) {
		if (!roc_channel_hw_get(ch))
			return -ENODEV;
		roc_channel_harvest(ch);
		roc_channel_hw_put(ch);
	}

	for (n = 0; n < pop.max && roc_ring_count(&ch->ready); n++) {
		const struct roc_sp *sp = roc_ring_peek(&ch->ready);

		out[n] = (struct roc_ready) {
			.cookie = sp->cookie,
			.offset = sp->offset,
			.size = sp->size,
			.received = sp->received,
			.buf_id = sp->buf,
			.link = sp->link,
			.flags = sp->flags,
		};
		roc_ring_pop(&ch->ready);
	}

	/*
	 * Put them back if either the entries or @count cannot be written:
	 * nothing is lost to a bad pointer.
	 */
	if ((n && copy_to_user(u64_to_user_ptr(pop.entries), out,
			       array_size(n, sizeof(*out)))) ||
	    put_user(n, &upop->count)) {
		WRITE_ONCE(ch->ready.head, ch->ready.head - n);
		return -EFAULT;
	}
	/* The user has them: their memory may be pushed again. */
	for (i = 0; i < n; i++)
		roc_buffer_unclaim(ch, &ch->ready.sp[(ch->ready.head - n + i) &
						     ch->ready.mask]);
	return 0;
}

static long roc_channel_status(struct roc_channel *ch, unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_channel_status, dropped_packets);
	struct roc_channel_status st;
	u64 fifo_empty = 0, dropped = 0;
	unsigned int i;
	long argsz;

	argsz = roc_copy_arg(&st, minsz, sizeof(st), arg);
	if (argsz < 0)
		return argsz;

	if (!roc_channel_hw_get(ch))
		return -ENODEV;
	roc_channel_harvest(ch);
	if (ch->state == ROC_CHANNEL_RUNNING)
		ch->ep->card->dma_counters(ch, &fifo_empty, &dropped);
	roc_channel_hw_put(ch);

	memset(&st, 0, sizeof(st));
	st.argsz = argsz;
	st.state = ch->state;
	st.source = ch->source;
	st.links = ch->link_mask;
	st.link_depth = ch->link_depth;
	st.transfer_capacity = ch->capacity;
	st.transfer_queued = ch->queued;
	st.ready_count = roc_ring_count(&ch->ready);
	for (i = 0; i < ROC_MAX_BUFFERS; i++)
		st.nr_buffers += ch->bufs[i].used;
	st.pushed = ch->pushed;
	st.completed = ch->completed;
	st.bytes = ch->bytes;
	st.fifo_empty = fifo_empty;
	st.dropped_packets = dropped;
	return copy_to_user((void __user *)arg, &st, argsz) ? -EFAULT : 0;
}

static long roc_channel_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct roc_channel *ch = file->private_data;
	long ret;

	mutex_lock(&ch->lock);
	if (ch->state == ROC_CHANNEL_GONE) {
		ret = -ENODEV;
		goto out;
	}

	switch (cmd) {
	case ROC_BUFFER_REGISTER:
		ret = roc_channel_buffer_register(ch, arg);
		break;
	case ROC_BUFFER_UNREGISTER:
		ret = roc_channel_buffer_unregister(ch, arg);
		break;
	case ROC_DMA_START:
		ret = roc_channel_start(ch, arg);
		break;
	case ROC_DMA_STOP:
		ret = -ENODEV;
		if (roc_channel_hw_get(ch)) {
			roc_channel_stop(ch);
			roc_channel_hw_put(ch);
			ret = 0;
		}
		break;
	case ROC_DMA_RESET:
		ret = -EBUSY;
		if (ch->state != ROC_CHANNEL_STOPPED)
			break;
		ret = -ENODEV;
		if (roc_channel_hw_get(ch)) {
			ch->ep->card->dma_reset(ch);
			roc_channel_hw_put(ch);
			ret = 0;
		}
		break;
	case ROC_PUSH:
		ret = roc_channel_push(ch, arg);
		break;
	case ROC_POP:
		ret = roc_channel_pop(ch, arg);
		break;
	case ROC_CHANNEL_STATUS:
		ret = roc_channel_status(ch, arg);
		break;
	default:
		ret = -ENOTTY;
		break;
	}
out:
	mutex_unlock(&ch->lock);
	return ret;
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
	hrtimer_cancel(&ch->timer);
	WRITE_ONCE(ch->timer_on, false);
	roc_channel_stop(ch);
	WRITE_ONCE(ch->ready.head, ch->ready.tail);
	ch->ep->card->dma_close(ch);
}

static int roc_channel_release(struct inode *inode, struct file *file)
{
	struct roc_channel *ch = file->private_data;
	struct roc_endpoint *ep = ch->ep;

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
	.llseek		= noop_llseek,
};

long roc_channel_open(struct roc_endpoint *ep, struct file *devfile,
		      unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_channel_open, fd);
	struct roc_channel_open op;
	struct roc_channel *ch;
	struct file *file;
	long argsz;
	int fd, ret;

	argsz = roc_copy_arg(&op, minsz, sizeof(op), arg);
	if (argsz < 0)
		return argsz;
	if (op.channel >= ep->board->num_channels || op.fd)
		return -EINVAL;
	if (!(devfile->f_mode & FMODE_WRITE))
		return -EPERM;
	ch = &ep->channels[op.channel];

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

	op.fd = fd;
	if (put_user(fd, &((struct roc_channel_open __user *)arg)->fd)) {
		/* The file is set up: closing it undoes everything. */
		fput(file);
		put_unused_fd(fd);
		return -EFAULT;
	}
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

long roc_channel_query(struct roc_endpoint *ep, unsigned long arg)
{
	size_t minsz = offsetofend(struct roc_channel_query, comm);
	struct roc_channel_query q;
	struct roc_channel *ch;
	long argsz;
	u32 index;

	argsz = roc_copy_arg(&q, minsz, sizeof(q), arg);
	if (argsz < 0)
		return argsz;
	if (q.channel >= ep->board->num_channels || q.reserved)
		return -EINVAL;
	index = q.channel;
	ch = &ep->channels[index];

	memset(&q, 0, sizeof(q));
	q.argsz = argsz;
	q.channel = index;
	mutex_lock(&ep->chan_lock);
	if (ch->file) {
		q.pid = ch->pid;
		memcpy(q.comm, ch->comm, sizeof(q.comm));
		q.state = READ_ONCE(ch->state);
	} else {
		q.state = ROC_CHANNEL_FREE;
	}
	mutex_unlock(&ep->chan_lock);
	return copy_to_user((void __user *)arg, &q, argsz) ? -EFAULT : 0;
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
	ep->channels = kcalloc(ep->board->num_channels, sizeof(*ep->channels),
			       GFP_KERNEL);
	if (!ep->channels)
		return -ENOMEM;
	for (i = 0; i < ep->board->num_channels; i++) {
		struct roc_channel *ch = &ep->channels[i];

		ch->ep = ep;
		ch->index = i;
		mutex_init(&ch->lock);
		init_waitqueue_head(&ch->wq);
		hrtimer_init(&ch->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
		ch->timer.function = roc_channel_timer;
	}
	return 0;
}

void roc_channel_free(struct roc_endpoint *ep)
{
	kfree(ep->channels);
}
