// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the DMA engine of a simulated C-RORC (docs/hardware.md 4.1, 4.2,
 * 12.2).  BAR n is DMA channel n (0..5); every channel holds one superpage
 * at a time.
 *
 * Registers of BAR n, as the driver programs them:
 *
 *   0x000 CRORC_CSR        bit 1 (0x3 in practice) resets the channel: RX
 *                          and loopback off, superpage dropped, push
 *                          counter 0, info count back to 0xff, generator
 *                          counters 0
 *   0x010 C_CSR            writes toggle: bit 9 RX (DMA) on/off, bit 12
 *                          loopback; bit 5 clears the packet counter 0x054.
 *                          Reads return status: bit 9 RX on, bit 12
 *                          loopback, bit 13 LINK_DOWN (link_down knob),
 *                          bit 18 no
 *                          superpage held, bit 19 one held (FIFO full)
 *   0x020 DG_CFG           bit 31: the data generator runs.  The channel
 *                          moves data while RX is on and bit 31 is set.
 *   0x02C/0x030            superpage bus address low/high: latched (and
 *                          stored: the driver may read them back)
 *   0x028 SP_WR_SIZE       commits a superpage of the value in bytes; reads
 *                          back (size << 8) | 8-bit push counter, +1 per
 *                          accepted commit.  A commit while a superpage is
 *                          held, or of a size that is 0, not a multiple of
 *                          8 KiB or not below 16 MiB, is dropped and counted
 *                          (descriptors_dropped); the counter stays.
 *   0x040/0x044 SPINFO     bus address of the host word {u32 size; u32
 *                          count}, latched (and stored)
 *   0x050 ACQ_RATE         DMA pages received per second, over the last
 *                          second (housekeeping, dma.c)
 *   0x054 PKTS_RECEIVED    DMA pages received since reset or bit 5
 *   0x1F4 CFG_CONTROL_B    bit 16 (self-clearing): flush: the superpage
 *                          held is completed if it has bytes written,
 *                          else dropped
 *
 * Completion: the card writes size = bytes received, then count = previous
 * count + 1 (mod 256) into the host word; the count starts from 0xff after
 * reset, so the first completion writes 0 (dma.c writes size first).
 *
 * Stopping is synchronous (dma.c): RX off, flush and reset return once no
 * page write is in progress.  RX off keeps the superpage held (RX on again
 * continues it); flush or reset gives it up.
 *
 * Data: an RDH (FEE ID and link ID = channel, CRU ID from CFG_CONTROL
 * 0x1F0 bits 15:4, endpoint 0, same orbit, SOX, page count and stop rules
 * as the CRU, see cru_dma.c; SOX after reset and RX on) and a 32-bit
 * counter per word, continuing across pages.  Data from the FEE comes in
 * events, which may complete a superpage before it is full (crorc_ddl.c).
 */
#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/slab.h>

#include "sim.h"

#define ROC_SIM_CRORC_CHANNELS		6

#define ROC_SIM_CRORC_CSR		0x000
#define  ROC_SIM_CRORC_CSR_RESET_CHAN	BIT(1)
#define ROC_SIM_CRORC_C_CSR		0x010
#define  ROC_SIM_CRORC_CMD_CLEAR	BIT(5)
#define  ROC_SIM_CRORC_RX_ON		BIT(9)
#define  ROC_SIM_CRORC_LOOPBACK		BIT(12)
#define  ROC_SIM_CRORC_LINK_DOWN	BIT(13)
#define  ROC_SIM_CRORC_RX_AFIFO_EMPTY	BIT(18)
#define  ROC_SIM_CRORC_RX_AFIFO_FULL	BIT(19)
#define ROC_SIM_CRORC_C_DCR		0x018
#define ROC_SIM_CRORC_C_DSR		0x01c
#define ROC_SIM_CRORC_DG_CFG		0x020
#define  ROC_SIM_CRORC_DG_RUN		BIT(31)
#define ROC_SIM_CRORC_SP_SIZE		0x028
#define ROC_SIM_CRORC_SP_ADDR_LOW	0x02c
#define ROC_SIM_CRORC_SP_ADDR_HIGH	0x030
#define ROC_SIM_CRORC_SPINFO_LOW	0x040
#define ROC_SIM_CRORC_SPINFO_HIGH	0x044
#define ROC_SIM_CRORC_ACQ_RATE		0x050
#define ROC_SIM_CRORC_PKTS_RECEIVED	0x054
#define ROC_SIM_CRORC_CFG_CONTROL	0x1f0
#define ROC_SIM_CRORC_CFG_CONTROL_B	0x1f4
#define  ROC_SIM_CRORC_FLUSH		BIT(16)

#define ROC_SIM_CRORC_SOX		BIT(9)
#define ROC_SIM_CRORC_INFO_COUNT_RESET	0xff

/**
 * struct roc_sim_crorc_chan - one channel
 * @sp_addr: bus address of the superpage held
 * @sp_size: its size
 * @written: bytes of it written
 * @counter: payload counter
 * @orbit: orbit of the superpage being filled
 * @next_orbit: orbit of the next superpage
 * @addr_low: latched superpage address bits 31:0
 * @addr_high: latched bits 63:32
 * @info_low: latched host word address bits 31:0
 * @info_high: latched bits 63:32
 * @sp_valid: a superpage is held
 * @rx_on: RX (DMA) is on
 * @loopback: loopback is on
 * @sox: the next page is the first of the run
 * @push_count: accepted commits, 8 bits
 * @info_count: last count written to the host word
 * @packet_counter: RDH packet counter of the next page
 * @window_pages: pages received in the current ACQ_RATE window
 */
struct roc_sim_crorc_chan {
	u64 sp_addr;
	u32 sp_size;
	u32 written;
	u32 counter;
	u32 orbit;
	u32 next_orbit;
	u32 addr_low;
	u32 addr_high;
	u32 info_low;
	u32 info_high;
	bool sp_valid;
	bool rx_on;
	bool loopback;
	bool sox;
	u8 push_count;
	u8 info_count;
	u8 packet_counter;
	u32 window_pages;
};

/**
 * struct roc_sim_crorc_dma - the engine; protected by &roc_sim_ep.lock
 * @rr: channel to look at first in the next step
 * @window_ns: start of the ACQ_RATE window
 * @ch: the channels
 * @ddl: the far ends of their DDL links (crorc_ddl.c)
 * @flash: the card's flash (crorc_flash.c)
 */
struct roc_sim_crorc_dma {
	unsigned int rr;
	u64 window_ns;
	struct roc_sim_crorc_chan ch[ROC_SIM_CRORC_CHANNELS];
	struct roc_sim_ddl *ddl;
	struct roc_sim_flash *flash;
};

/* The DDL far end of the endpoint (crorc_ddl.c). */
struct roc_sim_ddl *roc_sim_crorc_ddl(struct roc_sim_ep *sep)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;

	return cd->ddl;
}

/* The flash of the card (crorc_flash.c). */
struct roc_sim_flash *roc_sim_crorc_flash(struct roc_sim_ep *sep)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;

	return cd->flash;
}

static struct roc_sim_crorc_chan *roc_sim_crorc_chan(struct roc_sim_ep *sep,
						     unsigned int n)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;

	return &cd->ch[n];
}

/* Mirror the channel state into the C_CSR status bits; lock held. */
void roc_sim_crorc_dma_status(struct roc_sim_ep *sep, unsigned int n)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);
	u32 val = roc_sim_crorc_ddl_csr(sep, roc_sim_crorc_ddl(sep), n);

	if (ch->rx_on)
		val |= ROC_SIM_CRORC_RX_ON;
	if (ch->loopback)
		val |= ROC_SIM_CRORC_LOOPBACK;
	val |= ch->sp_valid ? ROC_SIM_CRORC_RX_AFIFO_FULL :
			      ROC_SIM_CRORC_RX_AFIFO_EMPTY;
	/* a change of the model's own, not a store through mmap() (watch.c) */
	roc_sim_watch_set(sep, n, ROC_SIM_CRORC_C_CSR, val);
}

static bool roc_sim_crorc_running(struct roc_sim_ep *sep, unsigned int n)
{
	bool gen = roc_sim_reg_get(sep, n, ROC_SIM_CRORC_DG_CFG) &
		   ROC_SIM_CRORC_DG_RUN;
	/* the generator, or the far end of the DDL (crorc_ddl.c) */
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);

	return ch->rx_on && !sep->dma.dead &&
	       roc_sim_crorc_ddl_feeds(sep, roc_sim_crorc_ddl(sep), n, gen,
				       ch->loopback);
}

/* Give the superpage back: host word {size, count} (4.2). */
static void roc_sim_crorc_complete(struct roc_sim_ep *sep, unsigned int n)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);

	ch->info_count++;
	roc_sim_dma_write_info(sep, (u64)ch->info_high << 32 | ch->info_low,
			       ch->written, ch->info_count);
	ch->sp_valid = false;
	ch->written = 0;
	sep->dma.superpages++;
	roc_sim_crorc_dma_status(sep, n);
}

/*
 * Fill the next page(s) of channel @n's superpage.  Return false if its
 * FEE waits for the event rate (@wait_ns: look again then), true if it did
 * something.
 */
static bool roc_sim_crorc_fill(struct roc_sim_ep *sep, unsigned int n,
			       u64 credit, u64 *wait_ns)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);
	u32 cfg = roc_sim_reg_get(sep, n, ROC_SIM_CRORC_CFG_CONTROL);
	struct roc_sim_page pg = { .fmt = ROC_SIM_FMT_CRORC };
	struct roc_sim_ddl *ddl = roc_sim_crorc_ddl(sep);
	u32 room = (ch->sp_size - ch->written) / ROC_SIM_DMA_PAGE;
	u64 pages = roc_sim_dma_no_data(sep) ? min_t(u64, room, credit) : 1;
	enum roc_sim_fee fee;

	/* the FEE sends events (crorc_ddl.c) */
	fee = roc_sim_crorc_ddl_fee_page(ddl, n, ch->loopback, room,
					 !ch->written, &pages, wait_ns);
	if (fee == ROC_SIM_FEE_WAIT)
		return false;
	if (fee == ROC_SIM_FEE_CLOSE) {
		roc_sim_crorc_complete(sep, n);
		return true;
	}
	if (!ch->written)
		ch->orbit = ch->next_orbit++;
	if (!roc_sim_dma_no_data(sep)) {
		pg.counter = ch->counter;
		pg.rdh.fee_id = n;
		pg.rdh.link_id = n;
		pg.rdh.cru_id = (cfg >> 4) & 0xfff;
		pg.rdh.packet_counter = ch->packet_counter;
		pg.rdh.orbit = ch->orbit;
		pg.rdh.trigger_type = ch->sox ? ROC_SIM_CRORC_SOX : 0;
		pg.rdh.page_cnt = ch->written / ROC_SIM_DMA_PAGE;
		pg.rdh.stop = ch->written + ROC_SIM_DMA_PAGE >= ch->sp_size ||
			      (fee == ROC_SIM_FEE_PAGE &&
			       roc_sim_crorc_ddl_fee_last(ddl, n, room, 1));
		roc_sim_dma_write_page(sep, ch->sp_addr + ch->written, &pg);
	}
	ch->counter += pages * roc_sim_page_words(ROC_SIM_FMT_CRORC);
	ch->packet_counter += pages;
	ch->sox = false;
	ch->written += pages * ROC_SIM_DMA_PAGE;
	roc_sim_dma_consume(sep, pages);
	sep->dma.pages_written += pages;
	roc_sim_reg_set(sep, n, ROC_SIM_CRORC_PKTS_RECEIVED,
			roc_sim_reg_get(sep, n, ROC_SIM_CRORC_PKTS_RECEIVED) +
			pages);
	ch->window_pages += pages;
	if (fee == ROC_SIM_FEE_PAGE &&
	    roc_sim_crorc_ddl_fee_sent(ddl, n, pages))
		roc_sim_crorc_dma_status(sep, n);	/* EOBTR answered */
	if (ch->written >= ch->sp_size)
		roc_sim_crorc_complete(sep, n);
	return true;
}

/* One page on the next running channel, round-robin, holding a superpage. */
enum roc_sim_step roc_sim_crorc_dma_step(struct roc_sim_ep *sep)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;
	unsigned int i, n;
	u64 credit = 0, wait = U64_MAX, w;
	bool first = true;

	for (i = 0; i < ROC_SIM_CRORC_CHANNELS; i++) {
		n = (cd->rr + i) % ROC_SIM_CRORC_CHANNELS;
		if (!cd->ch[n].sp_valid || !roc_sim_crorc_running(sep, n))
			continue;
		if (first)
			credit = roc_sim_dma_credit(sep);
		first = false;
		if (!credit)
			return roc_sim_dma_wait(sep);
		if (!roc_sim_crorc_fill(sep, n, credit, &w)) {
			wait = min(wait, w);	/* its FEE's event rate */
			continue;
		}
		cd->rr = n + 1;
		return ROC_SIM_STEP_BUSY;
	}
	if (wait != U64_MAX) {
		sep->dma.wait_ns = wait;
		return ROC_SIM_STEP_WAIT;
	}
	/* flow control: without a superpage the generator waits (no drops) */
	return roc_sim_dma_idle(sep);
}

static void roc_sim_crorc_reset(struct roc_sim_ep *sep, unsigned int n)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);

	ch->rx_on = false;
	ch->loopback = false;
	ch->sp_valid = false;
	ch->written = 0;
	ch->push_count = 0;
	ch->info_count = ROC_SIM_CRORC_INFO_COUNT_RESET;
	ch->counter = 0;
	ch->packet_counter = 0;
	ch->orbit = 0;
	ch->next_orbit = 0;
	ch->sox = true;
	roc_sim_watch_set(sep, n, ROC_SIM_CRORC_SP_SIZE, 0);
	roc_sim_reg_set(sep, n, ROC_SIM_CRORC_PKTS_RECEIVED, 0);
	roc_sim_crorc_dma_status(sep, n);
}

static void roc_sim_crorc_command(struct roc_sim_ep *sep, unsigned int n,
				  u32 val)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);

	if (val & ROC_SIM_CRORC_RX_ON) {
		ch->rx_on = !ch->rx_on;
		if (ch->rx_on)
			ch->sox = true;
	}
	if (val & ROC_SIM_CRORC_LOOPBACK)
		ch->loopback = !ch->loopback;
	if (val & ROC_SIM_CRORC_CMD_CLEAR)
		roc_sim_reg_set(sep, n, ROC_SIM_CRORC_PKTS_RECEIVED, 0);
	roc_sim_crorc_dma_status(sep, n);
	if (roc_sim_crorc_running(sep, n))
		roc_sim_dma_kick(sep);
}

static void roc_sim_crorc_commit(struct roc_sim_ep *sep, unsigned int n,
				 u32 size)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, n);

	if (ch->sp_valid || !size || size >= SZ_16M ||
	    !IS_ALIGNED(size, ROC_SIM_DMA_PAGE)) {
		sep->dma.descriptors_dropped++;
	} else {
		ch->sp_addr = (u64)ch->addr_high << 32 | ch->addr_low;
		ch->sp_size = size;
		ch->written = 0;
		ch->sp_valid = true;
		ch->push_count++;
		roc_sim_crorc_dma_status(sep, n);
		if (roc_sim_crorc_running(sep, n))
			roc_sim_dma_kick(sep);
	}
	roc_sim_watch_set(sep, n, ROC_SIM_CRORC_SP_SIZE,
			  size << 8 | ch->push_count);
}

/**
 * roc_sim_crorc_dma_write() - a register write the DMA engine handles
 * @sep: endpoint, lock held
 * @bar: BAR, the channel
 * @off: register
 * @val: value
 *
 * Return: true if the engine took the write, false if it is an ordinary
 * register.
 */
bool roc_sim_crorc_dma_write(struct roc_sim_ep *sep, unsigned int bar,
			     u32 off, u32 val)
{
	struct roc_sim_crorc_chan *ch = roc_sim_crorc_chan(sep, bar);

	switch (off) {
	case ROC_SIM_CRORC_CSR:
		/* a command: the register reads 0 (watch.c sees the next) */
		roc_sim_reg_set(sep, bar, off, 0);
		if (val & ROC_SIM_CRORC_CSR_RESET_CHAN)
			roc_sim_crorc_reset(sep, bar);
		return true;
	case ROC_SIM_CRORC_C_CSR:
		roc_sim_crorc_command(sep, bar, val);
		return true;
	case ROC_SIM_CRORC_DG_CFG:
		roc_sim_reg_set(sep, bar, off, val);
		if (roc_sim_crorc_running(sep, bar))
			roc_sim_dma_kick(sep);
		return true;
	case ROC_SIM_CRORC_SP_SIZE:
		roc_sim_crorc_commit(sep, bar, val);
		return true;
	case ROC_SIM_CRORC_SP_ADDR_LOW:
		ch->addr_low = val;
		return false;
	case ROC_SIM_CRORC_SP_ADDR_HIGH:
		ch->addr_high = val;
		return false;
	case ROC_SIM_CRORC_SPINFO_LOW:
		ch->info_low = val;
		return false;
	case ROC_SIM_CRORC_SPINFO_HIGH:
		ch->info_high = val;
		return false;
	case ROC_SIM_CRORC_PKTS_RECEIVED:
	case ROC_SIM_CRORC_C_DSR:
		return true;
	case ROC_SIM_CRORC_C_DCR:
		/* consumed: the register reads 0 (watch.c sees the next) */
		roc_sim_reg_set(sep, bar, off, 0);
		roc_sim_crorc_ddl_command(sep, roc_sim_crorc_ddl(sep), bar, val);
		roc_sim_crorc_dma_status(sep, bar);
		if (roc_sim_crorc_running(sep, bar))
			roc_sim_dma_kick(sep);
		return true;
	case ROC_SIM_CRORC_CFG_CONTROL_B:
		roc_sim_reg_set(sep, bar, off, val & ~ROC_SIM_CRORC_FLUSH);
		if (!(val & ROC_SIM_CRORC_FLUSH) || !ch->sp_valid)
			return true;
		if (ch->written) {
			roc_sim_crorc_complete(sep, bar);
		} else {
			ch->sp_valid = false;
			roc_sim_crorc_dma_status(sep, bar);
		}
		return true;
	}
	return false;
}

int roc_sim_crorc_dma_init(struct roc_sim_ep *sep)
{
	struct roc_sim_crorc_dma *cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	unsigned int n;

	if (!cd)
		return -ENOMEM;
	cd->ddl = roc_sim_crorc_ddl_alloc();
	cd->flash = roc_sim_crorc_flash_alloc(sep->card->simdev->serial);
	if (!cd->ddl || !cd->flash) {
		roc_sim_crorc_flash_free(cd->flash);
		kfree(cd->ddl);
		kfree(cd);
		return -ENOMEM;
	}
	sep->dma.priv = cd;
	/* before the thread and the driver: no lock needed yet, but lockdep */
	spin_lock_bh(&sep->lock);
	for (n = 0; n < ROC_SIM_CRORC_CHANNELS; n++)
		roc_sim_crorc_reset(sep, n);
	/* the DDL has flow control: generator time is never dropped */
	roc_sim_dma_gen_start(sep);
	spin_unlock_bh(&sep->lock);
	return 0;
}

void roc_sim_crorc_dma_exit(struct roc_sim_ep *sep)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;

	kfree(cd->ddl);
	roc_sim_crorc_flash_free(cd->flash);
	kfree(sep->dma.priv);
	sep->dma.priv = NULL;
}

/* ACQ_RATE of every channel over the last window; lock held. */
void roc_sim_crorc_dma_housekeeping(struct roc_sim_ep *sep, u64 now_ns)
{
	struct roc_sim_crorc_dma *cd = sep->dma.priv;
	struct roc_sim_crorc_chan *ch;
	unsigned int n;
	u64 rate;

	/* knobs of the far end change the status and the data flow */
	for (n = 0; n < ROC_SIM_CRORC_CHANNELS; n++) {
		roc_sim_crorc_dma_status(sep, n);
		if (cd->ch[n].sp_valid && roc_sim_crorc_running(sep, n))
			roc_sim_dma_kick(sep);
	}
	if (now_ns - cd->window_ns < ROC_SIM_RATE_WINDOW_NS)
		return;
	for (n = 0; n < ROC_SIM_CRORC_CHANNELS; n++) {
		ch = &cd->ch[n];
		rate = div64_u64((u64)ch->window_pages * NSEC_PER_SEC,
				 now_ns - cd->window_ns);
		roc_sim_reg_set(sep, n, ROC_SIM_CRORC_ACQ_RATE,
				min_t(u64, rate, U32_MAX));
		ch->window_pages = 0;
	}
	cd->window_ns = now_ns;
}

void roc_sim_crorc_dma_kill(struct roc_sim_ep *sep)
{
	unsigned int n;

	for (n = 0; n < ROC_SIM_CRORC_CHANNELS; n++) {
		roc_sim_crorc_chan(sep, n)->rx_on = false;
		roc_sim_crorc_dma_status(sep, n);
	}
}
