// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the far end of a simulated C-RORC channel's DDL link
 * (docs/hardware.md 4.1, 4.2, P2-5.1, P2-5.2, P2-5.3).
 *
 * Behind each channel: the DIU in the card, an optical link, the SIU at
 * the far end and a front-end (FEE) behind it.
 *
 *   0x018 C_DCR   a command word (bits 3:0 destination, 7:4 code, 11:8
 *                 transaction ID, 30:12 parameter) is executed at once;
 *                 its status words go to a reply FIFO of
 *                 %ROC_SIM_DDL_FIFO words (C_CSR bit 23 while not empty;
 *                 C_CSR bit 16, command FIFO not empty, never reads 1)
 *   0x01C C_DSR   reading pops the reply FIFO (0xffffffff when empty)
 *
 * Every status word echoes destination and transaction ID.  The DIU
 * answers SRST (SIU reset: loop-backs off, the FEE stops, the SIU's error
 * bits clear), IFLOOP (DIU loop-back) and RandCIFST (an IFSTW then a
 * CTSTW).  The SIU and the FEE answer only over a working link from an
 * SIU that answers (knobs below); a command sent to them otherwise gets
 * no reply at all, so the driver's wait times out.  The SIU answers
 * RHWVER (one byte of its hardware-info string per HWSTW, bits 27:20,
 * then a CTSTW), RandCIFST and IFLOOP; the FEE answers RDYRX and STBRD
 * (it sends data from then on) and EOBTR (it stops).  Anything else gets
 * ILCMD.
 *
 * The FEE sends events, each of fee<N>/event_size bytes rounded up to
 * whole DMA pages (8 KiB, each with its RDH; 0: one page).  An event goes
 * into one superpage: one that does not fit in what is left of the
 * superpage held closes it (the card returns it with the bytes received,
 * a multiple of the event size), unless the superpage is empty (an event
 * larger than a superpage continues in the next one).  EOBTR stops the
 * FEE at the end of the event it is sending: the CTSTW comes once that
 * event is in memory, so a superpage returned by the stop that follows
 * holds whole events.  fee<N>/event_rate limits the events per second:
 * an event starts at the earliest 1 / rate after the previous one started
 * (0: as fast as the link goes; the card's rate_mbps knob is the line
 * rate).  fee<N>/events counts the events sent.
 *
 * Knobs (debugfs, ep0/): link_down (loss of signal, shared with the QSFP
 * model), ddl_loss_of_sync, ddl_siu_mute (bit = channel), ddl_siu_errors
 * (error bits 30:17 the SIU reports, with bit 31, in its next IFSTW, then
 * clears); per channel N, fee<N>/: event_size (bytes), event_rate (events
 * per second), events (read only).
 */
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "sim.h"

#define ROC_SIM_DDL_CHANNELS		6
#define ROC_SIM_DDL_FIFO		8

/* docs/hardware.md P2-5.1 */
#define ROC_SIM_DDL_DEST_DIU		1
#define ROC_SIM_DDL_DEST_SIU		2
#define ROC_SIM_DDL_DEST_FEE		4
#define ROC_SIM_DDL_RANDCIFST		0
#define ROC_SIM_DDL_RHWVER		6
#define ROC_SIM_DDL_IFLOOP		9
#define ROC_SIM_DDL_SRST		15
#define ROC_SIM_FEE_RDYRX		1
#define ROC_SIM_FEE_STBRD		5
#define ROC_SIM_FEE_EOBTR		11
#define ROC_SIM_STW_CTSTW		0
#define ROC_SIM_STW_ILCMD		2
#define ROC_SIM_STW_HWSTW		6
#define ROC_SIM_STW_IFSTW		12
/* P2-5.3: port states, bits 14:12; remote state (DIU words) bits 17:15 */
#define ROC_SIM_PORT_ONLINE		2
#define ROC_SIM_PORT_NO_SIGNAL		4
#define ROC_SIM_PORT_LOSS_OF_SYNC	5
#define ROC_SIM_SIU_LBMOD		BIT(16)
#define ROC_SIM_SIU_OPTRAN		BIT(15)
#define ROC_SIM_SIU_ERRORS		GENMASK(30, 17)
#define ROC_SIM_DIU_LOOPBACK		BIT(30)
#define ROC_SIM_DIU_LOSS_SYNC		BIT(29)
#define ROC_SIM_STW_ERROR		BIT(31)
/* a channel waiting for its event rate is looked at again this soon */
#define ROC_SIM_FEE_WAIT_MAX_NS		NSEC_PER_MSEC

static const char roc_sim_siu_hw_info[] = "roc_sim SIU v2 (simulated DDL)";

/**
 * struct roc_sim_ddl_chan - the DDL behind one channel
 * @fifo: reply FIFO
 * @head: index of its oldest word
 * @count: words in it
 * @fee_on: the FEE sends data (RDYRX or STBRD received, no EOBTR yet)
 * @diu_loop: DIU loop-back on
 * @siu_loop: SIU loop-back on
 * @eobtr: EOBTR received during an event: stop at its end
 * @eobtr_cmd: the EOBTR command word, answered then
 * @ev_left: DMA pages left of the event being sent, 0 between events
 * @ev_next_ns: with an event rate, when the next event may start
 */
struct roc_sim_ddl_chan {
	u32 fifo[ROC_SIM_DDL_FIFO];
	u8 head;
	u8 count;
	bool fee_on;
	bool diu_loop;
	bool siu_loop;
	bool eobtr;
	u32 eobtr_cmd;
	u32 ev_left;
	u64 ev_next_ns;
};

/**
 * struct roc_sim_fee_knobs - the FEE behind one channel, debugfs fee<N>/
 * @event_size: bytes per event, rounded up to DMA pages; 0: one page
 * @event_rate: events per second at most; 0: no limit
 * @events: events sent (whole, since the card was created)
 */
struct roc_sim_fee_knobs {
	u32 event_size;
	u32 event_rate;
	u64 events;
};

/**
 * struct roc_sim_ddl - the DDLs of a card; protected by &roc_sim_ep.lock
 * @ch: per channel
 * @loss_of_sync: knob, bit = channel
 * @siu_mute: knob, bit = channel: the SIU does not answer
 * @siu_errors: knob, error bits of the SIUs' next IFSTW
 * @fee: knobs of the FEEs, per channel (not reset with the channel)
 */
struct roc_sim_ddl {
	struct roc_sim_ddl_chan ch[ROC_SIM_DDL_CHANNELS];
	u32 loss_of_sync;
	u32 siu_mute;
	u32 siu_errors;
	struct roc_sim_fee_knobs fee[ROC_SIM_DDL_CHANNELS];
};

struct roc_sim_ddl *roc_sim_crorc_ddl_alloc(void)
{
	return kzalloc(sizeof(struct roc_sim_ddl), GFP_KERNEL);
}

static struct roc_sim_ddl_chan *roc_sim_ddl_chan(struct roc_sim_ddl *d,
						 unsigned int n)
{
	return &d->ch[n % ROC_SIM_DDL_CHANNELS];
}

/* Is the optical link of channel @n up (no loss of signal or sync)? */
bool roc_sim_crorc_ddl_link_up(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			       unsigned int n)
{
	return !(sep->link_down & BIT(n)) &&
	       !(READ_ONCE(d->loss_of_sync) & BIT(n));
}

/* C_CSR status bits of the DDL: 23 RXSTAT_NOT_EMPTY, 13 LINK_DOWN. */
u32 roc_sim_crorc_ddl_csr(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			  unsigned int n)
{
	u32 val = 0;

	if (roc_sim_ddl_chan(d, n)->count)
		val |= BIT(23);
	if (!roc_sim_crorc_ddl_link_up(sep, d, n))
		val |= BIT(13);
	return val;
}

/*
 * Does data reach channel @n?  A loop-back in the card (@card_loop, C_CSR
 * bit 12) or in the DIU returns the generator's data without the link;
 * else the FEE after RDYRX/STBRD, or an SIU loop-back, over a working
 * link only.
 */
bool roc_sim_crorc_ddl_feeds(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			     unsigned int n, bool generator, bool card_loop)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	bool up = roc_sim_crorc_ddl_link_up(sep, d, n);

	if (card_loop || c->diu_loop)
		return generator;
	if (c->fee_on)
		return up;
	if (c->siu_loop)
		return generator && up;
	return generator;
}

void roc_sim_crorc_ddl_reset(struct roc_sim_ddl *d, unsigned int n)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);

	memset(c, 0, sizeof(*c));
}

static void roc_sim_ddl_reply(struct roc_sim_ddl_chan *c, u32 cmd, u32 code,
			      u32 param, bool err)
{
	u32 w = (cmd & 0xf0f) | code << 4 | (param & 0x7ffff) << 12;

	if (err)
		w |= ROC_SIM_STW_ERROR;
	if (c->count == ROC_SIM_DDL_FIFO)
		return;		/* a full FIFO drops the word */
	c->fifo[(c->head + c->count++) % ROC_SIM_DDL_FIFO] = w;
}

static u32 roc_sim_ddl_port(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			    unsigned int n)
{
	if (sep->link_down & BIT(n))
		return ROC_SIM_PORT_NO_SIGNAL;
	if (READ_ONCE(d->loss_of_sync) & BIT(n))
		return ROC_SIM_PORT_LOSS_OF_SYNC;
	return ROC_SIM_PORT_ONLINE;
}

/* IFSTW parameters (bits 30:12 >> 12) and error bit of DIU and SIU. */
static void roc_sim_ddl_diu_status(struct roc_sim_ep *sep,
				   struct roc_sim_ddl *d, unsigned int n,
				   u32 cmd)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	u32 port = roc_sim_ddl_port(sep, d, n);
	u32 w = port << 12;
	bool err = false;

	/* the remote SIU is seen online only over a working link */
	w |= (port == ROC_SIM_PORT_ONLINE ? ROC_SIM_PORT_ONLINE : 1) << 15;
	if (c->diu_loop)
		w |= ROC_SIM_DIU_LOOPBACK;
	if (port == ROC_SIM_PORT_LOSS_OF_SYNC) {
		w |= ROC_SIM_DIU_LOSS_SYNC;
		err = true;
	}
	roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_IFSTW, w >> 12, err);
}

static void roc_sim_ddl_siu_status(struct roc_sim_ddl *d, unsigned int n,
				   u32 cmd)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	u32 errs = READ_ONCE(d->siu_errors) & ROC_SIM_SIU_ERRORS;
	u32 w = ROC_SIM_PORT_ONLINE << 12 | errs;

	if (c->siu_loop)
		w |= ROC_SIM_SIU_LBMOD;
	if (c->fee_on)
		w |= ROC_SIM_SIU_OPTRAN;
	/* read and clear */
	WRITE_ONCE(d->siu_errors, 0);
	roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_IFSTW, w >> 12, errs);
}

/**
 * roc_sim_crorc_ddl_command() - a write of C_DCR
 * @sep: endpoint, lock held
 * @d: the DDLs
 * @n: channel
 * @cmd: the command word
 *
 * Return: true if the FEE started or stopped sending (the caller updates
 * the DMA engine).
 */
bool roc_sim_crorc_ddl_command(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			       unsigned int n, u32 cmd)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	u32 dest = cmd & 0xf, code = (cmd >> 4) & 0xf;
	u32 param = (cmd >> 12) & 0x7ffff;
	bool was = c->fee_on;

	if (dest == ROC_SIM_DDL_DEST_DIU) {
		switch (code) {
		case ROC_SIM_DDL_SRST:
			c->diu_loop = false;
			c->siu_loop = false;
			c->fee_on = false;
			c->eobtr = false;
			c->ev_left = 0;
			WRITE_ONCE(d->siu_errors, 0);
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		case ROC_SIM_DDL_IFLOOP:
			c->diu_loop = true;
			c->siu_loop = false;
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		case ROC_SIM_DDL_RANDCIFST:
			roc_sim_ddl_diu_status(sep, d, n, cmd);
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		default:
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_ILCMD, 0, false);
		}
		return false;
	}
	if (dest != ROC_SIM_DDL_DEST_SIU && dest != ROC_SIM_DDL_DEST_FEE) {
		roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_ILCMD, 0, false);
		return false;
	}
	/* over the link: nothing comes back from a dead link or SIU */
	if (!roc_sim_crorc_ddl_link_up(sep, d, n) ||
	    (READ_ONCE(d->siu_mute) & BIT(n)))
		return false;
	if (dest == ROC_SIM_DDL_DEST_SIU) {
		switch (code) {
		case ROC_SIM_DDL_RHWVER:
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_HWSTW,
					  param < sizeof(roc_sim_siu_hw_info) ?
					  (u8)roc_sim_siu_hw_info[param] << 8 :
					  0, false);
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		case ROC_SIM_DDL_RANDCIFST:
			roc_sim_ddl_siu_status(d, n, cmd);
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		case ROC_SIM_DDL_IFLOOP:
			c->siu_loop = true;
			c->diu_loop = false;
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
			break;
		default:
			roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_ILCMD, 0, false);
		}
		return false;
	}
	switch (code) {
	case ROC_SIM_FEE_RDYRX:
	case ROC_SIM_FEE_STBRD:
		if (!c->fee_on) {
			c->ev_left = 0;
			c->ev_next_ns = 0;
		}
		c->fee_on = true;
		c->eobtr = false;
		roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
		break;
	case ROC_SIM_FEE_EOBTR:
		if (c->fee_on && c->ev_left) {
			/* answered at the end of the event (fee_sent) */
			c->eobtr = true;
			c->eobtr_cmd = cmd;
			break;
		}
		c->fee_on = false;
		roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_CTSTW, 0, false);
		break;
	default:
		roc_sim_ddl_reply(c, cmd, ROC_SIM_STW_ILCMD, 0, false);
	}
	return c->fee_on != was;
}

/* Is the FEE the one sending the data of channel @n? */
static bool roc_sim_ddl_fee_sends(struct roc_sim_ddl_chan *c, bool card_loop)
{
	return c->fee_on && !card_loop && !c->diu_loop;
}

static u32 roc_sim_fee_event_pages(struct roc_sim_ddl *d, unsigned int n)
{
	u32 size = READ_ONCE(d->fee[n % ROC_SIM_DDL_CHANNELS].event_size);

	return max_t(u32, DIV_ROUND_UP_ULL(size, ROC_SIM_DMA_PAGE), 1);
}

/**
 * roc_sim_crorc_ddl_fee_page() - may the FEE of channel @n send a page now?
 * @d: the DDLs, lock held
 * @n: channel
 * @card_loop: the card's loop-back is on (the FEE's data does not count)
 * @room: DMA pages left in the superpage held
 * @empty: nothing is written in it yet
 * @pages: in: pages the caller would write; out: pages it may write
 * @wait_ns: out, for %ROC_SIM_FEE_WAIT: look again in this many ns
 *
 * Return: %ROC_SIM_FEE_NONE when the data does not come from the FEE
 * (the caller goes on as without it), %ROC_SIM_FEE_PAGE to write @pages
 * (then roc_sim_crorc_ddl_fee_sent()), %ROC_SIM_FEE_CLOSE when the next
 * event does not fit: complete the superpage as it is, %ROC_SIM_FEE_WAIT
 * when the event rate holds the next event back.
 */
enum roc_sim_fee roc_sim_crorc_ddl_fee_page(struct roc_sim_ddl *d,
					    unsigned int n, bool card_loop,
					    u32 room, bool empty, u64 *pages,
					    u64 *wait_ns)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	u32 rate, ev = roc_sim_fee_event_pages(d, n);
	u64 now;

	if (!roc_sim_ddl_fee_sends(c, card_loop))
		return ROC_SIM_FEE_NONE;
	if (!c->ev_left) {
		/* between events: does the next one fit, may it start? */
		if (ev > room && !empty)
			return ROC_SIM_FEE_CLOSE;
		rate = READ_ONCE(d->fee[n % ROC_SIM_DDL_CHANNELS].event_rate);
		if (rate) {
			now = ktime_get_ns();
			if (c->ev_next_ns && now < c->ev_next_ns) {
				*wait_ns = min_t(u64, c->ev_next_ns - now,
						 ROC_SIM_FEE_WAIT_MAX_NS);
				return ROC_SIM_FEE_WAIT;
			}
			c->ev_next_ns = now + div_u64(NSEC_PER_SEC, rate);
		}
		c->ev_left = ev;
	}
	*pages = min_t(u64, *pages, c->ev_left);
	return ROC_SIM_FEE_PAGE;
}

/*
 * After roc_sim_crorc_ddl_fee_page(): @pages went to memory.  Return true
 * if the event ends with them and closes the superpage (@room pages were
 * left before them; the next event does not fit): the RDH stop bit.
 */
bool roc_sim_crorc_ddl_fee_last(struct roc_sim_ddl *d, unsigned int n,
				u32 room, u64 pages)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);

	return c->ev_left == pages &&
	       roc_sim_fee_event_pages(d, n) > room - pages;
}

/**
 * roc_sim_crorc_ddl_fee_sent() - @pages of the FEE's event went to memory
 * @d: the DDLs, lock held
 * @n: channel
 * @pages: how many, as roc_sim_crorc_ddl_fee_page() allowed
 *
 * Return: true if the FEE stopped (an EOBTR is answered now): the caller
 * updates the channel's status.
 */
bool roc_sim_crorc_ddl_fee_sent(struct roc_sim_ddl *d, unsigned int n,
				u64 pages)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);

	c->ev_left -= min_t(u64, pages, c->ev_left);
	if (c->ev_left)
		return false;
	d->fee[n % ROC_SIM_DDL_CHANNELS].events++;
	if (!c->eobtr)
		return false;
	c->eobtr = false;
	c->fee_on = false;
	roc_sim_ddl_reply(c, c->eobtr_cmd, ROC_SIM_STW_CTSTW, 0, false);
	return true;
}

/* A read of C_DSR: the oldest reply, popped. */
u32 roc_sim_crorc_ddl_pop(struct roc_sim_ddl *d, unsigned int n)
{
	struct roc_sim_ddl_chan *c = roc_sim_ddl_chan(d, n);
	u32 w;

	if (!c->count)
		return ~0U;
	w = c->fifo[c->head];
	c->head = (c->head + 1) % ROC_SIM_DDL_FIFO;
	c->count--;
	return w;
}

void roc_sim_crorc_ddl_debugfs(struct roc_sim_ddl *d, struct dentry *dir)
{
	struct dentry *fee;
	unsigned int n;
	char name[8];

	debugfs_create_x32("ddl_loss_of_sync", 0600, dir, &d->loss_of_sync);
	debugfs_create_x32("ddl_siu_mute", 0600, dir, &d->siu_mute);
	debugfs_create_x32("ddl_siu_errors", 0600, dir, &d->siu_errors);
	for (n = 0; n < ROC_SIM_DDL_CHANNELS; n++) {
		snprintf(name, sizeof(name), "fee%u", n);
		fee = debugfs_create_dir(name, dir);
		debugfs_create_u32("event_size", 0600, fee,
				   &d->fee[n].event_size);
		debugfs_create_u32("event_rate", 0600, fee,
				   &d->fee[n].event_rate);
		debugfs_create_u64("events", 0400, fee, &d->fee[n].events);
	}
}
