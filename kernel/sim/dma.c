// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - what the DMA engines of the simulated cards share: the fill
 * thread of an endpoint, line-rate pacing, and writing into host memory.
 *
 * The fill thread.  One kernel thread per endpoint, "roc_sim<ID>.<EP>",
 * runs the card type's &roc_sim_model.dma_step in a loop.  A step does a
 * bounded amount of work, one DMA page, under &roc_sim_ep.lock, and says
 * what next: step again, sleep until kicked (nothing to do: the thread
 * only wakes every ROC_SIM_HK_NS for the model's housekeeping, the rate
 * registers, and every ROC_SIM_WATCH_NS when the model samples registers
 * stored through an mmap(), watch.c), or sleep for the line rate.  Register writes
 * that give the engine work (a descriptor, start) kick it.  The steps go
 * round-robin over links or channels, so that they progress together.
 * When its work runs out, the thread looks for a kick for
 * ROC_SIM_DMA_LINGER_NS before it sleeps, as a card's engine polls its
 * descriptor FIFO (not after an idle wake-up for housekeeping): a burst
 * of pushes then does not pay for waking it again and again (in a profile
 * of ROC_PUSH under TCG, the wake-ups were 40 % of the time of the
 * simulated register writes).
 *
 * Stop is synchronous.  A step decides, writes its page and completes
 * superpages in one hold of &roc_sim_ep.lock, and register writes run
 * under the same lock.  So when a register write that stops DMA (CRU flush
 * or reset, C-RORC flush, reset or RX off) returns, no page write is in
 * progress and none starts until DMA is started again: the driver may
 * unmap and unpin right away.  The lock is held for one page, about a
 * microsecond.
 *
 * Line rate.  With the rate_mbps knob set, the generator of an endpoint
 * makes one DMA page per 8 KiB * 8 / rate of time (credit), spread over
 * its links.  When a link with credit has no descriptor, the CRU drops
 * the page (dropped-packets counter, docs/hardware.md 2.3); a C-RORC has flow
 * control and waits.  The credit is computed from the time passed when
 * needed, never by polling: while every link lacks a descriptor the thread
 * sleeps, and the time slept turns into dropped pages when the engine is
 * kicked or the counter is read.  Dropped pages do not advance the data
 * counters: what reaches memory stays a continuous, checkable stream.
 * When the simulator cannot keep up with the rate, the credit beyond
 * ROC_SIM_DMA_BURST_NS is forgotten (not counted as dropped).
 *
 * Host memory.  Bus addresses are translated back through the DMA API of
 * the endpoint's DMA device (the roc_sim device: dma-direct, no IOMMU)
 * with dma_to_phys(), and written through kmap_local_page(), one 4 KiB
 * page at a time; so a wrong mapping in the driver shows up as wrong
 * data.  An address that does not translate to a valid page frame is not
 * written (as a DMA write an IOMMU blocks) and counted in dma_errors.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-direct.h>
#include <linux/highmem.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "sim.h"

/* Most generator time banked: a burst after a late wake-up */
#define ROC_SIM_DMA_BURST_NS	(2 * NSEC_PER_MSEC)
#define ROC_SIM_DMA_BURST_PAGES	64
/* Shortest pacing sleep; the credit of several pages then comes at once */
#define ROC_SIM_DMA_MIN_SLEEP_NS	(50 * NSEC_PER_USEC)
/* How long an idle engine looks for a kick before it sleeps */
#define ROC_SIM_DMA_LINGER_NS		(50 * NSEC_PER_USEC)
/* 8 KiB in bits, per Mb/s, in ns: 8192 * 8 / (rate * 1e6) s */
#define ROC_SIM_DMA_PAGE_NS_MBPS	(ROC_SIM_DMA_PAGE * 8ULL * 1000)

static u32 roc_sim_dma_rate(struct roc_sim_ep *sep)
{
	return READ_ONCE(sep->card->simdev->rate_mbps);
}

bool roc_sim_dma_no_data(struct roc_sim_ep *sep)
{
	return READ_ONCE(sep->card->simdev->no_data);
}

/**
 * roc_sim_dma_account() - bring the line-rate credit up to date
 * @sep: endpoint, lock held
 *
 * While the engine is idle (no link can take data), the credit gained is
 * pages dropped.
 */
void roc_sim_dma_account(struct roc_sim_ep *sep)
{
	const struct roc_sim_model *model = sep->card->model;
	struct roc_sim_dma *dma = &sep->dma;
	u32 rate = roc_sim_dma_rate(sep);
	u64 now, pages;

	lockdep_assert_held(&sep->lock);
	/* Without a line rate no clock is read: time does not matter. */
	if (!dma->gen_on || !rate) {
		dma->last_valid = false;
		dma->credit_ns = 0;
		return;
	}
	now = ktime_get_ns();
	if (!dma->last_valid) {
		dma->last_ns = now;
		dma->last_valid = true;
	}
	dma->page_ns = max_t(u64, div_u64(ROC_SIM_DMA_PAGE_NS_MBPS, rate), 1);
	dma->credit_ns += now - dma->last_ns;
	dma->last_ns = now;
	if (!dma->idle)
		return;
	pages = div64_u64(dma->credit_ns, dma->page_ns);
	dma->credit_ns -= pages * dma->page_ns;
	if (pages && model->dma_drop)
		model->dma_drop(sep, pages);
}

/**
 * roc_sim_dma_credit() - how many pages the line rate allows now
 * @sep: endpoint, lock held
 *
 * Return: a page count, %ROC_SIM_DMA_UNLIMITED without a line rate.
 */
u64 roc_sim_dma_credit(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;
	u64 cap;

	if (!roc_sim_dma_rate(sep))
		return ROC_SIM_DMA_UNLIMITED;
	roc_sim_dma_account(sep);
	cap = max_t(u64, ROC_SIM_DMA_BURST_NS,
		    ROC_SIM_DMA_BURST_PAGES * dma->page_ns);
	dma->credit_ns = min(dma->credit_ns, cap);
	return div64_u64(dma->credit_ns, dma->page_ns);
}

/* Spend the credit of @pages; lock held. */
void roc_sim_dma_consume(struct roc_sim_ep *sep, u64 pages)
{
	struct roc_sim_dma *dma = &sep->dma;

	if (!roc_sim_dma_rate(sep) || !dma->page_ns)
		return;
	dma->credit_ns -= min(dma->credit_ns, pages * dma->page_ns);
}

/* Step result when the credit is spent: sleep until the next page's. */
enum roc_sim_step roc_sim_dma_wait(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;

	dma->wait_ns = dma->page_ns - min(dma->credit_ns, dma->page_ns);
	return ROC_SIM_STEP_WAIT;
}

/*
 * Step result when no link or channel can take data: the credit left is
 * dropped, and so is the generator time until the next kick.
 */
enum roc_sim_step roc_sim_dma_idle(struct roc_sim_ep *sep)
{
	sep->dma.idle = true;
	roc_sim_dma_account(sep);
	return ROC_SIM_STEP_IDLE;
}

/* The generator starts: credit accrues from now; lock held. */
void roc_sim_dma_gen_start(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;

	lockdep_assert_held(&sep->lock);
	dma->gen_on = true;
	dma->idle = false;
	dma->credit_ns = 0;
	dma->last_valid = false;
}

/* The generator stops, after counting what it dropped; lock held. */
void roc_sim_dma_gen_stop(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;

	roc_sim_dma_account(sep);
	dma->gen_on = false;
	dma->idle = false;
}

/* There may be work: wake the fill thread; lock held. */
void roc_sim_dma_kick(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;

	lockdep_assert_held(&sep->lock);
	if (dma->idle) {
		roc_sim_dma_account(sep);
		dma->idle = false;
	}
	/*
	 * Set means the thread has not gone idle since: no wake-up needed.
	 * The wake-up itself waits for the lock to be dropped, so the thread
	 * does not wake only to spin on it: roc_sim_write32() in dev.c.
	 */
	if (!dma->kick) {
		WRITE_ONCE(dma->kick, true);
		dma->wake = true;
	}
}

/*
 * Kernel address of bus address @bus, within one page, or NULL (counted)
 * if it does not translate to a valid page frame.  kunmap_local() after.
 */
static void *roc_sim_dma_map(struct roc_sim_ep *sep, u64 bus)
{
	struct device *dev = &sep->card->simdev->dev;
	phys_addr_t phys = dma_to_phys(dev, (dma_addr_t)bus);
	unsigned long pfn = PHYS_PFN(phys);

	if (!pfn_valid(pfn)) {
		sep->dma.dma_errors++;
		dev_warn_ratelimited(dev, "ep%u: DMA to bus address %#llx: no memory there\n",
				     sep->index, bus);
		return NULL;
	}
	return kmap_local_page(pfn_to_page(pfn)) + offset_in_page(phys);
}

/**
 * roc_sim_dma_write_page() - write one DMA page into host memory
 * @sep: endpoint, lock held
 * @bus: bus address of the page
 * @pg: what it holds; a pending error injection is added to it
 *
 * The page is written in one piece per 4 KiB host page, each translated
 * on its own.  Built in place when @bus is 64-byte aligned, else in the
 * staging page and copied.
 */
void roc_sim_dma_write_page(struct roc_sim_ep *sep, u64 bus,
			    struct roc_sim_page *pg)
{
	struct roc_sim_dma *dma = &sep->dma;
	bool direct = IS_ALIGNED(bus, 64);
	u32 off, len;
	void *va;

	lockdep_assert_held(&sep->lock);
	pg->inject = dma->inject_error;
	dma->inject_error = false;
	if (!direct)
		roc_sim_page_fill(pg, dma->staging, 0, ROC_SIM_DMA_PAGE);

	for (off = 0; off < ROC_SIM_DMA_PAGE; off += len) {
		len = min_t(u32, ROC_SIM_DMA_PAGE - off,
			    PAGE_SIZE - offset_in_page(bus + off));
		va = roc_sim_dma_map(sep, bus + off);
		if (!va)
			continue;
		if (direct)
			roc_sim_page_fill(pg, va, off, len);
		else
			memcpy(va, dma->staging + off, len);
		kunmap_local(va);
	}
}

/**
 * roc_sim_dma_write_info() - write a C-RORC superpage info word (4.2)
 * @sep: endpoint, lock held
 * @bus: bus address of the 8-byte word, 8-byte aligned
 * @size: bytes received, the first 32-bit word
 * @count: completion count, the second; written after @size
 */
void roc_sim_dma_write_info(struct roc_sim_ep *sep, u64 bus, u32 size,
			    u32 count)
{
	__le32 *w;

	lockdep_assert_held(&sep->lock);
	if (!IS_ALIGNED(bus, 8)) {
		sep->dma.dma_errors++;
		return;
	}
	w = roc_sim_dma_map(sep, bus);
	if (!w)
		return;
	WRITE_ONCE(w[0], cpu_to_le32(size));
	/* a reader that sees the new count sees the size */
	smp_wmb();
	WRITE_ONCE(w[1], cpu_to_le32(count));
	kunmap_local(w);
}

static void roc_sim_dma_sleep(u64 ns)
{
	ktime_t t = ns_to_ktime(max_t(u64, ns, ROC_SIM_DMA_MIN_SLEEP_NS));

	set_current_state(TASK_IDLE);
	if (!kthread_should_stop())
		schedule_hrtimeout_range(&t, ROC_SIM_DMA_MIN_SLEEP_NS,
					 HRTIMER_MODE_REL);
	__set_current_state(TASK_RUNNING);
}

/*
 * The model's housekeeping, every %ROC_SIM_HK_NS at most; lock held.  The
 * thread wakes for it at that period even while idle, so that the rate
 * registers fall to 0 after a run and commands written through an mmap()
 * of a BAR, which no register hook sees, take effect.
 */
static void roc_sim_dma_housekeeping(struct roc_sim_ep *sep, u64 now)
{
	const struct roc_sim_model *model = sep->card->model;

	if (model->num_watch && now - sep->watch_hk_ns >= ROC_SIM_WATCH_NS) {
		sep->watch_hk_ns = now;
		roc_sim_watch_scan(sep);
	}
	if (!model->housekeeping || now - sep->dma.hk_ns < ROC_SIM_HK_NS)
		return;
	sep->dma.hk_ns = now;
	model->housekeeping(sep, now);
}

/* Idle: was the engine kicked within ROC_SIM_DMA_LINGER_NS? */
static bool roc_sim_dma_linger(struct roc_sim_dma *dma)
{
	u64 t0 = ktime_get_ns();

	do {
		if (READ_ONCE(dma->kick) || kthread_should_stop())
			return true;
		cpu_relax();
	} while (ktime_get_ns() - t0 < ROC_SIM_DMA_LINGER_NS);
	return false;
}

static int roc_sim_dma_thread(void *data)
{
	struct roc_sim_ep *sep = data;
	const struct roc_sim_model *model = sep->card->model;
	struct roc_sim_dma *dma = &sep->dma;
	/* idle, wake for housekeeping and for sampling mmap() stores */
	u64 idle_ns = model->num_watch ? ROC_SIM_WATCH_NS : ROC_SIM_HK_NS;
	enum roc_sim_step step, prev = ROC_SIM_STEP_IDLE;
	u64 wait_ns;

	while (!kthread_should_stop()) {
		/* The clock is read before the lock, not under it. */
		u64 now = ktime_get_ns();

		spin_lock_bh(&sep->lock);
		roc_sim_dma_housekeeping(sep, now);
		step = model->dma_step(sep);
		/* under the lock: a kick after this is not lost */
		if (step == ROC_SIM_STEP_IDLE)
			WRITE_ONCE(dma->kick, false);
		dma->wake = false;	/* this thread is awake */
		wait_ns = dma->wait_ns;
		spin_unlock_bh(&sep->lock);

		switch (step) {
		case ROC_SIM_STEP_IDLE:
			if (prev != ROC_SIM_STEP_IDLE && roc_sim_dma_linger(dma))
				break;
			wait_event_idle_timeout(dma->wq,
						READ_ONCE(dma->kick) ||
						kthread_should_stop(),
						nsecs_to_jiffies(idle_ns));
			break;
		case ROC_SIM_STEP_WAIT:
			roc_sim_dma_sleep(wait_ns);
			break;
		default:
			cond_resched();
			break;
		}
		prev = step;
	}
	return 0;
}

/**
 * roc_sim_dma_init() - create the DMA engine of an endpoint
 * @sep: endpoint with its BARs, not yet registered
 *
 * Return: 0 or -errno.
 */
int roc_sim_dma_init(struct roc_sim_ep *sep)
{
	const struct roc_sim_model *model = sep->card->model;
	struct roc_sim_dev *simdev = sep->card->simdev;
	struct roc_sim_dma *dma = &sep->dma;
	struct task_struct *thread;
	int err;

	init_waitqueue_head(&dma->wq);
	dma->staging = kmalloc(ROC_SIM_DMA_PAGE, GFP_KERNEL);
	if (!dma->staging)
		return -ENOMEM;
	err = model->dma_init(sep);
	if (err)
		goto err_staging_free;

	thread = kthread_create_on_node(roc_sim_dma_thread, sep,
					dev_to_node(&simdev->dev),
					ROC_SIM_NAME "%u.%u", simdev->id,
					sep->index);
	if (IS_ERR(thread)) {
		err = PTR_ERR(thread);
		goto err_model_exit;
	}
	dma->thread = thread;
	wake_up_process(thread);
	return 0;

err_model_exit:
	model->dma_exit(sep);
err_staging_free:
	kfree(dma->staging);
	dma->staging = NULL;
	return err;
}

/**
 * roc_sim_dma_kill() - stop DMA for good
 * @sep: endpoint
 *
 * Synchronous like a stop register write: when it returns the engine
 * writes no more memory, whatever the driver does to the registers.
 */
void roc_sim_dma_kill(struct roc_sim_ep *sep)
{
	spin_lock_bh(&sep->lock);
	sep->dma.dead = true;
	sep->card->model->dma_kill(sep);
	roc_sim_dma_gen_stop(sep);
	spin_unlock_bh(&sep->lock);
}

/* Undo roc_sim_dma_init(): stop the thread, free the engine. */
void roc_sim_dma_exit(struct roc_sim_ep *sep)
{
	struct roc_sim_dma *dma = &sep->dma;

	kthread_stop(dma->thread);
	dma->thread = NULL;
	sep->card->model->dma_exit(sep);
	kfree(dma->staging);
	dma->staging = NULL;
}
