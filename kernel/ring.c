// SPDX-License-Identifier: GPL-2.0
/*
 * roc - push and ready rings of a channel (uapi: ROC_RING_SETUP).
 *
 * Two single-producer single-consumer rings in vmalloc memory that the
 * channel fd maps into the user's address space, as AF_XDP does:
 *
 *   push ring   user produces &struct roc_superpage, the kernel consumes
 *   ready ring  the kernel produces &struct roc_ring_done, the user consumes
 *
 * Memory ordering (the AF_XDP rules): a producer loads the consumer index
 * (A; the stores that follow depend on it), writes entries, then stores
 * its producer index with release (B); a consumer loads the producer with
 * acquire (C), reads entries, then stores its consumer index with release
 * (D).  A pairs with D and B with C.
 *
 * The kernel keeps its own side's index (@cached) and never believes the
 * user's beyond clamping: a user producer more than the ring ahead counts
 * as a full ring, a user consumer that is not within the ring counts as
 * nothing consumed.  Each push entry is read once (READ_ONCE per field)
 * into a local copy, and only the copy is validated and used: changing the
 * entry afterwards changes nothing.
 *
 * With %ROC_RING_SETUP_THREAD a kernel thread per channel, created on the
 * card's NUMA node, moves entries without any system call (see
 * roc_ring_thread()); it is stopped before the channel is released.
 *
 * Everything here runs under ch->lock and touches no user memory (the
 * rings are kernel memory; the user's mapping is a view of it), so no
 * fault can happen with the lock held.  The rings live until the channel
 * file is released, which cannot happen while a mapping holds the file:
 * mmap() therefore needs no lock, and munmap() at any time is harmless.
 */
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "roc.h"

/* Byte layout of a ring's mapping: each index on its own pair of lines. */
#define ROC_RING_PRODUCER	0
#define ROC_RING_CONSUMER	128
#define ROC_RING_FLAGS		256
#define ROC_RING_DESC		512

#define ROC_RING_DEFAULT	1024
#define ROC_RING_MAX		65536

/* mmap offsets of the two rings */
#define ROC_RING_PUSH_PGOFF	0
#define ROC_RING_READY_PGOFF	(SZ_1G >> PAGE_SHIFT)

/**
 * struct roc_uring - the kernel's view of one ring
 * @mem: the mapping, vmalloc_user() memory
 * @size: its length, page aligned
 * @mask: entries - 1
 * @producer: the producer index in @mem
 * @consumer: the consumer index in @mem
 * @flags: the flags word in @mem
 * @desc: the first entry in @mem
 * @cached: the kernel's own index: consumer of the push ring, producer of
 *	the ready ring
 */
struct roc_uring {
	void *mem;
	size_t size;
	u32 mask;
	u32 *producer;
	u32 *consumer;
	u32 *flags;
	void *desc;
	u32 cached;
};

/**
 * struct roc_rings - the rings of a channel, &roc_channel.rings
 * @push: user -> kernel
 * @ready: kernel -> user
 * @thread: the channel's ring thread, NULL without %ROC_RING_SETUP_THREAD
 * @idle: how long the thread polls without progress, in ns
 * @seen_prod: the push producer at the last move
 */
struct roc_rings {
	struct roc_uring push;
	struct roc_uring ready;
	struct task_struct *thread;
	u64 idle;
	u32 seen_prod;
};

static int roc_uring_alloc(struct roc_uring *r, u32 entries, size_t esize)
{
	r->size = PAGE_ALIGN(ROC_RING_DESC + (size_t)entries * esize);
	r->mem = vmalloc_user(r->size);
	if (!r->mem)
		return -ENOMEM;
	r->mask = entries - 1;
	r->producer = r->mem + ROC_RING_PRODUCER;
	r->consumer = r->mem + ROC_RING_CONSUMER;
	r->flags = r->mem + ROC_RING_FLAGS;
	r->desc = r->mem + ROC_RING_DESC;
	r->cached = 0;
	return 0;
}

static int roc_ring_entries(u32 *n)
{
	if (!*n)
		*n = ROC_RING_DEFAULT;
	if (*n > ROC_RING_MAX || !is_power_of_2(*n))
		return -EINVAL;
	return 0;
}

static void roc_ring_offsets(struct roc_ring_offsets *o)
{
	o->producer = ROC_RING_PRODUCER;
	o->consumer = ROC_RING_CONSUMER;
	o->flags = ROC_RING_FLAGS;
	o->desc = ROC_RING_DESC;
}

/*
 * Stop the ring thread; channel release, before it takes ch->lock (the
 * thread takes it).
 */
void roc_ring_release(struct roc_channel *ch)
{
	struct roc_rings *rings = ch->rings;

	if (rings && rings->thread) {
		kthread_stop(rings->thread);
		rings->thread = NULL;
	}
}

void roc_ring_free(struct roc_channel *ch)
{
	struct roc_rings *rings = ch->rings;

	if (!rings)
		return;
	roc_ring_release(ch);
	ch->rings = NULL;
	vfree(rings->push.mem);
	vfree(rings->ready.mem);
	kfree(rings);
}

static int roc_ring_move_hw(struct roc_channel *ch, bool card, u32 *pushed,
			    u32 *completed);

/* Did the user publish push entries since the last move looked? */
static bool roc_push_new(struct roc_rings *rings)
{
	/* C: pairs with the user's release of the producer */
	return smp_load_acquire(rings->push.producer) !=
	       READ_ONCE(rings->seen_prod);
}

/*
 * The ring thread (SQPOLL-like): move while there is progress, poll on for
 * @idle after the last, then sleep with NEED_WAKEUP set; while superpages
 * are in flight it wakes when the next harvest is due (an hrtimer with a
 * quarter of slack, as the endpoint's poll timer: a jiffy would idle a
 * C-RORC's link for milliseconds after each small superpage).
 */
static int roc_ring_thread(void *data)
{
	struct roc_channel *ch = data;
	struct roc_rings *rings = ch->rings;
	u64 last = ktime_get_ns(), next_card = 0;

	WRITE_ONCE(*rings->push.flags, 0);	/* polling from now on */
	while (!kthread_should_stop()) {
		u32 pushed = 0, completed = 0;
		bool inflight = false, gone;
		u64 now = ktime_get_ns();
		bool card = now >= next_card;

		/*
		 * The push ring is free to look at; the card costs a register
		 * read per link: asked again at once after a harvest that found
		 * something, else when about a batch should be done.
		 */
		mutex_lock(&ch->lock);
		gone = ch->state == ROC_CHANNEL_GONE;
		if (!gone) {
			u64 before = ch->completed;

			roc_ring_move_hw(ch, card, &pushed, &completed);
			inflight = ch->state == ROC_CHANNEL_RUNNING &&
				   ch->queued;
			if (card && ch->completed == before)
				next_card = now + roc_channel_wait_ns(ch);
		}
		mutex_unlock(&ch->lock);
		if (completed)
			wake_up_interruptible(&ch->wq);
		if (pushed || completed)
			last = ktime_get_ns();
		if (!gone && ktime_get_ns() - last < rings->idle) {
			cond_resched();
			continue;
		}

		/* Sleep: flag first, full barrier, then look once more. */
		set_current_state(TASK_INTERRUPTIBLE);
		WRITE_ONCE(*rings->push.flags, ROC_RING_NEED_WAKEUP);
		/*
		 * The flag store must not pass the producer load below; pairs
		 * with the user's barrier between its producer store and its
		 * flag load.
		 */
		smp_mb();
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		if (!gone && roc_push_new(rings)) {
			__set_current_state(TASK_RUNNING);
			WRITE_ONCE(*rings->push.flags, 0);
			continue;
		}
		if (inflight) {
			u64 wait = max(next_card, now) - now;
			ktime_t t = ns_to_ktime(wait);

			schedule_hrtimeout_range(&t, roc_wait_slack_ns(wait),
						 HRTIMER_MODE_REL);
		} else {
			schedule();
		}
		WRITE_ONCE(*rings->push.flags, 0);
		last = ktime_get_ns();
	}
	return 0;
}

long roc_ring_setup(struct roc_channel *ch, void *arg)
{
	struct roc_ring_setup *s = arg;
	struct roc_rings *rings;
	long ret;

	if (s->flags & ~ROC_RING_SETUP_THREAD || s->reserved ||
	    s->thread_idle_us > USEC_PER_SEC ||
	    (s->thread_idle_us && !(s->flags & ROC_RING_SETUP_THREAD)))
		return -EINVAL;
	ret = roc_ring_entries(&s->push_entries);
	if (!ret)
		ret = roc_ring_entries(&s->ready_entries);
	if (ret)
		return ret;

	rings = kzalloc(sizeof(*rings), GFP_KERNEL);
	if (!rings)
		return -ENOMEM;
	ret = roc_uring_alloc(&rings->push, s->push_entries,
			      sizeof(struct roc_superpage));
	if (!ret)
		ret = roc_uring_alloc(&rings->ready, s->ready_entries,
				      sizeof(struct roc_ring_done));
	if (ret)
		goto err_free;
	/* Until a thread runs, the user has to call. */
	WRITE_ONCE(*rings->push.flags, ROC_RING_NEED_WAKEUP);
	if (s->flags & ROC_RING_SETUP_THREAD) {
		if (!s->thread_idle_us)
			s->thread_idle_us = 1000;
		rings->idle = (u64)s->thread_idle_us * NSEC_PER_USEC;
		rings->thread = kthread_create_on_node(roc_ring_thread, ch,
						       ch->ep->numa_node,
						       "roc%u-ring%u",
						       ch->ep->id, ch->index);
		if (IS_ERR(rings->thread)) {
			ret = PTR_ERR(rings->thread);
			rings->thread = NULL;
			goto err_free;
		}
	}

	ret = roc_channel_lock(ch);
	if (ret)
		goto err_free;
	/* Superpages of ROC_PUSH must come back through ROC_POP first. */
	if (ch->rings || ch->queued || roc_channel_ready_count(ch)) {
		mutex_unlock(&ch->lock);
		ret = -EBUSY;
		goto err_free;
	}
	/* mmap() reads it without the lock: everything above first. */
	smp_store_release(&ch->rings, rings);
	mutex_unlock(&ch->lock);
	if (rings->thread)
		wake_up_process(rings->thread);

	s->push_mmap = (u64)ROC_RING_PUSH_PGOFF << PAGE_SHIFT;
	s->push_size = rings->push.size;
	s->ready_mmap = (u64)ROC_RING_READY_PGOFF << PAGE_SHIFT;
	s->ready_size = rings->ready.size;
	roc_ring_offsets(&s->push);
	roc_ring_offsets(&s->ready);
	return 0;

err_free:
	if (rings->thread)
		kthread_stop(rings->thread);	/* never woken: it just exits */
	vfree(rings->push.mem);
	vfree(rings->ready.mem);
	kfree(rings);
	return ret;
}

int roc_ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct roc_channel *ch = file->private_data;
	/* pairs with the release in roc_ring_setup() */
	struct roc_rings *rings = smp_load_acquire(&ch->rings);
	struct roc_uring *r;

	if (!rings)
		return -ENXIO;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_pgoff == ROC_RING_PUSH_PGOFF)
		r = &rings->push;
	else if (vma->vm_pgoff == ROC_RING_READY_PGOFF)
		r = &rings->ready;
	else
		return -EINVAL;
	if (vma->vm_end - vma->vm_start > r->size)
		return -EINVAL;
	return remap_vmalloc_range(vma, r->mem, 0);
}

/* Entries the user has not consumed yet; a bogus consumer: all. */
static u32 roc_ready_used(struct roc_uring *r)
{
	u32 used = r->cached - smp_load_acquire(r->consumer);	/* A, C */

	return min(used, r->mask + 1);
}

static void roc_ready_put(struct roc_uring *r, const struct roc_sp *sp)
{
	struct roc_ring_done *d = r->desc;

	d += r->cached & r->mask;
	*d = (struct roc_ring_done) {
		.ready = {
			.cookie = sp->cookie,
			.offset = sp->offset,
			.size = sp->size,
			.received = sp->received,
			.buf_id = sp->buf,
			.link = sp->link,
			.flags = sp->flags,
		},
	};
	r->cached++;
}

/* A refused push entry goes back as it was pushed, with its errno. */
static void roc_ready_reject(struct roc_uring *r,
			     const struct roc_superpage *e, int error)
{
	struct roc_ring_done *d = r->desc;

	d += r->cached & r->mask;
	*d = (struct roc_ring_done) {
		.ready = {
			.cookie = e->cookie,
			.offset = e->offset,
			.size = lower_32_bits(min_t(u64, e->size, U32_MAX)),
			.buf_id = e->buf_id,
		},
		.error = error,
	};
	r->cached++;
}

/* Read one push entry once; only the copy is used afterwards. */
static void roc_push_read(struct roc_uring *r, struct roc_superpage *e)
{
	struct roc_superpage *d = r->desc;

	d += r->cached & r->mask;
	e->buf_id = READ_ONCE(d->buf_id);
	e->flags = READ_ONCE(d->flags);
	e->offset = READ_ONCE(d->offset);
	e->size = READ_ONCE(d->size);
	e->cookie = READ_ONCE(d->cookie);
}

/*
 * Move entries: completions to the ready ring, new push entries to the
 * card.  ch->lock held, and the hardware (roc_channel_hw_get()) while the
 * channel runs.
 */
static void roc_ring_move(struct roc_channel *ch, bool card, u32 *pushed,
			  u32 *completed)
{
	struct roc_rings *rings = ch->rings;
	struct roc_uring *rr = &rings->ready, *pr = &rings->push;
	u32 room, avail;
	struct roc_sp sp;

	lockdep_assert_held(&ch->lock);
	room = rr->mask + 1 - roc_ready_used(rr);

	/* Harvest only if what the card finished can go somewhere. */
	if (ch->state == ROC_CHANNEL_RUNNING && ch->queued &&
	    (card || ch->ep->card->harvest_free) &&
	    (room > roc_channel_ready_count(ch) || ch->ep->card->harvest_free))
		roc_channel_harvest(ch);
	while (room && roc_channel_ready_take(ch, &sp)) {
		roc_ready_put(rr, &sp);
		/* The user has it: its memory may be pushed again. */
		roc_buffer_unclaim(ch, &sp);
		room--;
		(*completed)++;
	}

	avail = smp_load_acquire(pr->producer);			/* C */
	WRITE_ONCE(rings->seen_prod, avail);
	avail -= pr->cached;
	avail = min(avail, pr->mask + 1);
	/* Each entry may come back refused: it needs room on the ready ring. */
	while (avail && room) {
		struct roc_superpage e;
		int err;

		if (ch->state == ROC_CHANNEL_RUNNING &&
		    ch->queued + roc_channel_ready_count(ch) >= ch->capacity)
			break;		/* stays in the ring until there is room */
		roc_push_read(pr, &e);
		err = -EPIPE;
		if (ch->state == ROC_CHANNEL_RUNNING) {
			err = roc_buffer_claim(ch, &e, &sp);
			if (!err) {
				err = ch->ep->card->dma_push(ch, &sp);
				if (err)
					roc_buffer_unclaim(ch, &sp);
			}
		}
		if (err) {
			roc_ready_reject(rr, &e, err);
			room--;
			(*completed)++;
		} else {
			ch->queued++;
			ch->pushed++;
		}
		pr->cached++;
		avail--;
		(*pushed)++;
	}
	smp_store_release(pr->consumer, pr->cached);		/* D */
	smp_store_release(rr->producer, rr->cached);		/* B */
}

/* Move with the hardware held if the channel runs; ch->lock held. */
static int roc_ring_move_hw(struct roc_channel *ch, bool card, u32 *pushed,
			    u32 *completed)
{
	bool hw = ch->state == ROC_CHANNEL_RUNNING;

	if (hw && !roc_channel_hw_get(ch))
		return -ENODEV;
	roc_ring_move(ch, card, pushed, completed);
	if (hw)
		roc_channel_hw_put(ch);
	return 0;
}

long roc_ring_enter(struct roc_channel *ch, void *arg)
{
	struct roc_ring_enter *en = arg;
	long ret;

	en->pushed = 0;
	en->completed = 0;
	if (en->flags)
		return -EINVAL;
	ret = roc_channel_lock(ch);
	if (ret)
		return ret;
	if (!ch->rings) {
		ret = -ENXIO;
	} else {
		ret = roc_ring_move_hw(ch, true, &en->pushed, &en->completed);
		if (ch->rings->thread)
			wake_up_process(ch->rings->thread);
	}
	mutex_unlock(&ch->lock);
	return ret;
}

/*
 * poll() of a channel with rings: move, then POLLIN if the ready ring
 * holds entries, POLLOUT if the push ring has room.  ch->lock held.
 */
__poll_t roc_ring_poll(struct roc_channel *ch)
{
	struct roc_rings *rings = ch->rings;
	u32 pushed = 0, completed = 0, used;
	__poll_t mask = 0;

	roc_ring_move_hw(ch, true, &pushed, &completed);
	if (roc_ready_used(&rings->ready))
		mask |= EPOLLIN | EPOLLRDNORM;
	used = READ_ONCE(*rings->push.producer) - rings->push.cached;
	if (used <= rings->push.mask)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}
