// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - registers written through an mmap() of a BAR: the simulated
 * firmware samples them, as firmware samples its registers.
 *
 * A store through a user mapping of a BAR lands in the BAR memory and no
 * register hook sees it (dev.c).  On a card, writing a register by mmap()
 * and by the register ioctl are the same thing.  So a model lists the
 * registers whose writes have a side effect (struct roc_sim_watch_reg, in
 * &roc_sim_model.watch); the endpoint keeps a shadow copy of each, and
 * roc_sim_watch_scan(), run by the fill thread every %ROC_SIM_WATCH_NS
 * (dma.c), compares the memory with the shadow: a register that changed
 * was written by mmap(), and the model's write hook runs for it, under
 * &roc_sim_ep.lock, as if the value had been written through the core.
 *
 * Trigger bits clear themselves (&roc_sim_watch_reg.self_clear) once the
 * firmware has acted on them, whichever way they were written, so that
 * writing 1 again is seen again.  A write through the core updates the
 * shadow (roc_sim_watch_written()) so that the scan does not run the hook
 * a second time.  A model that changes a watched register itself uses
 * roc_sim_watch_set(), or its change would look like a user write.
 *
 * What sampling cannot see, and firmware would: a value stored and
 * changed back between two scans (a pulse: set a bit, clear it), and a
 * store of the value the register already holds.  Tools that pulse use
 * read-modify-write, which always goes through the core (lib/bar.c).
 */
#include <linux/lockdep.h>
#include <linux/slab.h>

#include "sim.h"

static unsigned int roc_sim_watch_count(struct roc_sim_ep *sep)
{
	return sep->card->model->num_watch;
}

/* Index of @bar/@off in the model's table, or -1. */
static int roc_sim_watch_find(struct roc_sim_ep *sep, unsigned int bar,
			      u32 off)
{
	const struct roc_sim_watch_reg *w = sep->card->model->watch;
	unsigned int i;

	for (i = 0; i < roc_sim_watch_count(sep); i++)
		if (w[i].off == off && w[i].bar == bar)
			return i;
	return -1;
}

/**
 * roc_sim_watch_init() - take the first shadow copy
 * @sep: endpoint whose BARs hold their power-on values, not yet shared
 *
 * Return: 0 or -ENOMEM.
 */
int roc_sim_watch_init(struct roc_sim_ep *sep)
{
	const struct roc_sim_watch_reg *w = sep->card->model->watch;
	unsigned int i, n = roc_sim_watch_count(sep);

	sep->watch_shadow = NULL;
	if (!n)
		return 0;
	sep->watch_shadow = kcalloc(n, sizeof(u32), GFP_KERNEL);
	if (!sep->watch_shadow)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		sep->watch_shadow[i] = roc_sim_reg_get(sep, w[i].bar, w[i].off);
	return 0;
}

/* Undo roc_sim_watch_init(); the fill thread has stopped. */
void roc_sim_watch_exit(struct roc_sim_ep *sep)
{
	kfree(sep->watch_shadow);
	sep->watch_shadow = NULL;
}

/* The firmware has acted on register @i: clear its triggers, resync. */
static void roc_sim_watch_done(struct roc_sim_ep *sep, unsigned int i)
{
	const struct roc_sim_watch_reg *w = &sep->card->model->watch[i];
	u32 val = roc_sim_reg_get(sep, w->bar, w->off);

	if (val & w->self_clear) {
		val &= ~w->self_clear;
		roc_sim_reg_set(sep, w->bar, w->off, val);
	}
	sep->watch_shadow[i] = val;
}

/**
 * roc_sim_watch_written() - a register was written through the core
 * @sep: endpoint, lock held
 * @bar: BAR
 * @off: register; nothing happens if it is not watched
 *
 * Called after the model's write hook: clears the trigger bits of the
 * register and updates its shadow.
 */
void roc_sim_watch_written(struct roc_sim_ep *sep, unsigned int bar, u32 off)
{
	int i;

	lockdep_assert_held(&sep->lock);
	if (!sep->watch_shadow)
		return;
	i = roc_sim_watch_find(sep, bar, off);
	if (i >= 0)
		roc_sim_watch_done(sep, i);
}

/**
 * roc_sim_watch_set() - the model sets a watched register itself
 * @sep: endpoint, lock held (or not yet shared)
 * @bar: BAR
 * @off: register
 * @val: its new value; the shadow follows, so no hook runs
 */
void roc_sim_watch_set(struct roc_sim_ep *sep, unsigned int bar, u32 off,
		       u32 val)
{
	int i;

	roc_sim_reg_set(sep, bar, off, val);
	if (!sep->watch_shadow)
		return;
	i = roc_sim_watch_find(sep, bar, off);
	if (i >= 0)
		sep->watch_shadow[i] = val;
}

/**
 * roc_sim_watch_scan() - run the write hook of registers stored by mmap()
 * @sep: endpoint, lock held
 *
 * In table order, so a model lists a command register after the
 * registers it takes its arguments from.
 */
void roc_sim_watch_scan(struct roc_sim_ep *sep)
{
	const struct roc_sim_model *model = sep->card->model;
	const struct roc_sim_watch_reg *w = model->watch;
	unsigned int i;
	u32 val;

	lockdep_assert_held(&sep->lock);
	if (!sep->watch_shadow)
		return;
	for (i = 0; i < model->num_watch; i++) {
		val = roc_sim_reg_get(sep, w[i].bar, w[i].off);
		if (val == sep->watch_shadow[i])
			continue;
		sep->watch_stores++;
		model->write(sep, w[i].bar, w[i].off, val);
		roc_sim_watch_done(sep, i);
	}
}
