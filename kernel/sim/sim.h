/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc_sim - simulated CRU and C-RORC cards on a bus of their own.
 *
 * Private header of roc_sim.ko.  The layers, in the netdevsim manner:
 *   bus.c      the roc_sim bus, its driver and the new_device/del_device
 *              bus attributes; one struct roc_sim_dev per simulated card
 *   dev.c      probe/remove: the endpoints of a card, their BAR memory and
 *              the struct roc_bus_ops the roc core calls; module init/exit
 *   cru.c      register model of a CRU endpoint (docs/hardware.md section 2)
 *   cru_dma.c  the CRU DMA engine: descriptor and size FIFOs (2.1, 3)
 *   crorc.c    register model of a C-RORC (docs/hardware.md section 4)
 *   crorc_dma.c the C-RORC DMA engine: one superpage per channel (4.1, 4.2)
 *   crorc_ddl.c the far end of each C-RORC DDL link: DIU, SIU, FEE (5.1-5.3)
 *   crorc_flash.c the C-RORC's NOR flash behind BAR0 (P2-5.5)
 *   dma.c      what both engines share: the fill thread of an endpoint,
 *              line-rate pacing, bus address translation, page writes
 *   pattern.c  the generated data: RDH and payload patterns (12.2, 12.3)
 *   debugfs.c  /sys/kernel/debug/roc_sim/<card>/ fault and value knobs
 *   watch.c    registers written through an mmap(): sampled like firmware
 *   cru_ttc.c  CRU TTC-PON, ONU, pattern player, CTP emulator, user logic
 *
 * Lifetimes: a struct roc_sim_dev lives from new_device to del_device (and
 * until its last reference is put); a struct roc_sim_card lives while the
 * driver is bound to that device (probe to remove), together with the BAR
 * memory of its endpoints.
 */
#ifndef _ROC_SIM_H
#define _ROC_SIM_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "../roc.h"

#define ROC_SIM_NAME		"roc_sim"

/* Endpoints of one card: the CRU has two (docs/hardware.md 1.2). */
#define ROC_SIM_MAX_EPS		2

/* Highest serial that fits the 4 ASCII digits of the register (1.4). */
#define ROC_SIM_SERIAL_MAX	9999

/* Default temperature knob, millidegrees Celsius. */
#define ROC_SIM_TEMPERATURE_DEFAULT	45000

/* DMA page of both cards, fixed in firmware (docs/hardware.md 2.1, 4.2) */
#define ROC_SIM_DMA_PAGE	SZ_8K

/* CRU registers that cru.c and cru_dma.c share (docs/hardware.md 2.1-2.3) */
#define ROC_SIM_CRU_BAR0		0
#define ROC_SIM_CRU_BAR2		2
#define ROC_SIM_CRU_SP_DESCRIPTORS	128	/* BAR0 0xC04, 2.1 default */
#define ROC_SIM_CRU_DWRAPPER(e)		(0x600000 + 0x100000 * (e))
#define ROC_SIM_CRU_DW_ENABLE		0x0
#define ROC_SIM_CRU_DW_TOTAL_PACKETS	0x18
#define ROC_SIM_CRU_DW_DROPPED_PACKETS	0x1c
#define ROC_SIM_CRU_DW_PACKETS_PER_SEC	0x2c
#define ROC_SIM_CRU_DW_FLOW_CONTROL	0xc0000
#define  ROC_SIM_CRU_DW_ALLOW_REJECT	BIT(0)
#define ROC_SIM_CRU_DW_LINK(id)		(0x40000 + 0x2000 * (id))
#define  ROC_SIM_CRU_DW_LINK_REJECTED	0x08
#define  ROC_SIM_CRU_DW_LINK_ACCEPTED	0x0c
#define  ROC_SIM_CRU_DW_LINK_FORCED	0x10

/* GBT links of an endpoint (docs/hardware.md 2.4), clocks of both cards */
#define ROC_SIM_CRU_GBT_LINKS		12
#define ROC_SIM_CLOCK_HZ		240474000	/* 240.474 MHz */

/* Housekeeping period: rate registers, mmap-written commands (dma.c) */
#define ROC_SIM_HK_NS			(100 * NSEC_PER_MSEC)
/*
 * Registers stored through an mmap() are sampled this often (watch.c):
 * the fill thread wakes at this period while the model watches registers.
 */
#define ROC_SIM_WATCH_NS		(10 * NSEC_PER_MSEC)
/* Rate registers count over windows of this length */
#define ROC_SIM_RATE_WINDOW_NS		NSEC_PER_SEC

/*
 * The driver core made struct bus_type const for bus attribute callbacks
 * and struct device in 6.3/6.4.  Take the type the way struct device holds
 * it, so that one spelling builds on 6.1 and on 6.12.
 */
#define roc_sim_bus_type_t	typeof(*((struct device *)NULL)->bus)

struct roc_sim_card;

/**
 * struct roc_sim_dev - one simulated card, a device on the roc_sim bus
 * @dev: the bus device; parent and DMA device of the endpoints
 * @list: entry in the bus's device list, protected by its list lock
 * @id: ID given to new_device, also the device's name roc_sim<ID>
 * @type: card type
 * @serial: card serial number, 0..%ROC_SIM_SERIAL_MAX
 * @probe_err: result of the last probe, -ENODEV before the first one
 * @ddir: debugfs directory roc_sim/roc_sim<ID>/
 * @temperature: knob, card temperature in millidegrees Celsius; written
 *	under the device lock (debugfs.c), applied by probe to the registers
 * @fail_serial: knob, the serial number trigger never fills in the serial
 *	register
 * @rate_mbps: knob, line rate of each endpoint's data generator in Mb/s,
 *	0 for as fast as the simulator goes; read by the fill threads
 * @no_data: knob, complete superpages at full size without writing memory
 * @ttc: knob, CRU: a TTC (CTP clock) is connected; written under the device
 *	lock, applied by probe and by the knob to the registers
 * @i2c: CRU: the chips behind the I2C masters and their knobs (cru_i2c.c)
 *
 * The driver data of @dev is the &struct roc_sim_card while bound.
 */
struct roc_sim_dev {
	struct device dev;
	struct list_head list;
	unsigned int id;
	enum roc_card_type type;
	u32 serial;
	int probe_err;
	struct dentry *ddir;
	s32 temperature;
	bool fail_serial;
	u32 rate_mbps;
	bool no_data;
	bool ttc;
	struct roc_sim_i2c *i2c;
};

static inline struct roc_sim_dev *to_roc_sim_dev(struct device *dev)
{
	return container_of(dev, struct roc_sim_dev, dev);
}

/**
 * enum roc_sim_fmt - format of the generated data (docs/hardware.md 12.2)
 * @ROC_SIM_FMT_A: CRU internal generator: eight copies of a counter per
 *	32-byte word, no header
 * @ROC_SIM_FMT_B: CRU DDG: RDH, then groups [c, c, c & 0xffff, 0]
 * @ROC_SIM_FMT_CRORC: C-RORC: RDH, then a 32-bit counter per word
 */
enum roc_sim_fmt {
	ROC_SIM_FMT_A,
	ROC_SIM_FMT_B,
	ROC_SIM_FMT_CRORC,
};

/**
 * struct roc_sim_rdh - the varying fields of an RDH v7 (docs/hardware.md 12.3)
 * @fee_id: bytes 2-3
 * @cru_id: bytes 14-15: CRU ID (bits 11:0) and endpoint (bits 15:12)
 * @source_id: byte 5
 * @link_id: byte 12
 * @packet_counter: byte 13
 * @stop: byte 38, 1 on the last page of a superpage
 * @page_cnt: bytes 36-37, page index within the superpage
 * @orbit: bytes 20-23
 * @trigger_type: bytes 32-35
 */
struct roc_sim_rdh {
	u16 fee_id;
	u16 cru_id;
	u8 source_id;
	u8 link_id;
	u8 packet_counter;
	u8 stop;
	u16 page_cnt;
	u32 orbit;
	u32 trigger_type;
};

/**
 * struct roc_sim_page - what one DMA page holds
 * @fmt: data format
 * @counter: payload counter at the start of the page
 * @inject: flip the bits of one word (roc_sim_page_fill())
 * @rdh: header fields, formats B and C-RORC
 */
struct roc_sim_page {
	enum roc_sim_fmt fmt;
	u32 counter;
	bool inject;
	struct roc_sim_rdh rdh;
};

/* Result of one step of an engine, see &roc_sim_model.dma_step. */
enum roc_sim_step {
	ROC_SIM_STEP_IDLE,	/* nothing to do: sleep until kicked */
	ROC_SIM_STEP_BUSY,	/* did some work: step again */
	ROC_SIM_STEP_WAIT,	/* line rate: sleep &roc_sim_dma.wait_ns */
};

/* roc_sim_dma_credit() without a line rate */
#define ROC_SIM_DMA_UNLIMITED	U64_MAX

/**
 * struct roc_sim_dma - the DMA engine of an endpoint, common part
 * @thread: fill thread, see dma.c
 * @wq: the thread sleeps here while there is nothing to do
 * @kick: set when there may be work, cleared by the thread when it finds
 *	none; written under &roc_sim_ep.lock, read without it by the thread
 *	waiting
 * @wake: a kick needs the thread woken; the waker does it after dropping
 *	&roc_sim_ep.lock (roc_sim_write32()), never under it
 * @dead: the endpoint is going away: the engine never starts again
 * @gen_on: the data generator runs: the line rate accrues credit
 * @idle: the generator runs but no link can take data: with a line rate,
 *	the time passing is pages dropped (&roc_sim_model.dma_drop)
 * @inject_error: flip one word of the next page written (CRU 0x608)
 * @last_ns: when the credit was last brought up to date (valid with
 *	@last_valid; the clock is read only while a line rate is set)
 * @last_valid: @last_ns holds a time
 * @credit_ns: generator time not yet spent on pages
 * @page_ns: time one DMA page takes at the line rate
 * @wait_ns: for %ROC_SIM_STEP_WAIT: time until the next page's credit
 * @staging: one DMA page, built here when the target is not 64-byte
 *	aligned
 * @priv: the card type's engine (cru_dma.c, crorc_dma.c)
 * @descriptors_dropped: stat: superpage commits refused (FIFO full,
 *	invalid size)
 * @dma_errors: stat: 4 KiB pieces not written because the bus address
 *	does not translate to memory
 * @pages_written: stat: DMA pages done (or skipped by no_data)
 * @superpages: stat: superpages completed
 * @size_fifo_overflows: stat: CRU completions lost to a full size FIFO
 * @hk_ns: when the model's housekeeping last ran
 *
 * Everything but @thread, @wq and @staging is protected by
 * &roc_sim_ep.lock; the stats are read without it by debugfs.
 */
struct roc_sim_dma {
	struct task_struct *thread;
	wait_queue_head_t wq;
	bool kick;
	bool wake;
	bool dead;
	bool gen_on;
	bool idle;
	bool inject_error;
	bool last_valid;
	u64 last_ns;
	u64 credit_ns;
	u64 page_ns;
	u64 wait_ns;
	void *staging;
	void *priv;
	u64 descriptors_dropped;
	u64 dma_errors;
	u64 pages_written;
	u64 superpages;
	u64 size_fifo_overflows;
	u64 hk_ns;
};

/**
 * struct roc_sim_watch_reg - a register whose writes have a side effect
 * @bar: BAR
 * @off: byte offset
 * @self_clear: trigger bits: the firmware clears them once it has acted
 *	(after the write hook), however the register was written
 *
 * The API of watch.c, for any model: list the registers in
 * &roc_sim_model.watch.  Then, every %ROC_SIM_WATCH_NS at most, the fill
 * thread calls roc_sim_watch_scan(), which runs &roc_sim_model.write
 * (lock held) for each listed register whose memory differs from the
 * endpoint's shadow copy, i.e. that was stored through an mmap() of the
 * BAR, and then clears @self_clear and resyncs the shadow.  dev.c calls
 * roc_sim_watch_written() after each write through the core (same
 * clearing, shadow updated: the hook runs once); a model that changes a
 * listed register itself, outside its write hook, calls
 * roc_sim_watch_set() instead of roc_sim_reg_set().  Limits: a store
 * undone before the next scan, or of the value the register already
 * holds, is not seen.
 */
struct roc_sim_watch_reg {
	unsigned int bar;
	u32 off;
	u32 self_clear;
};

/**
 * struct roc_sim_ep - one simulated endpoint
 * @card: the card it belongs to
 * @ep: the roc core's endpoint; not to be touched after
 *	roc_endpoint_unregister() returned
 * @index: endpoint number on the card
 * @bar_mem: BAR memory (vzalloc, page aligned), NULL if the BAR is absent
 * @bar_len: BAR lengths
 * @lock: serialises the register model: read and write side effects such
 *	as counters and triggers (not mmap() accesses, which bypass it), and
 *	the DMA engine @dma: the fill thread holds it while it writes a DMA
 *	page, so that a register write that stops DMA returns only once no
 *	page write is in progress.  Taken with spin_lock_bh(): register
 *	hooks may run in softirq context (timers).
 * @dma: DMA engine
 * @ddir: debugfs directory ep<index>/
 * @link_down: knob: links taken down (bit = user link, CRU 0-11, C-RORC
 *	channel 0-5); protected by @lock
 * @watch_shadow: watch.c: last value seen of each &roc_sim_model.watch
 *	register; protected by @lock
 * @watch_hk_ns: when roc_sim_watch_scan() last ran; protected by @lock
 * @watch_stores: stat: stores through an mmap() the scan acted on
 * @ttc: cru_ttc.c state, CRU only; protected by @lock
 */
struct roc_sim_ep {
	struct roc_sim_card *card;
	struct roc_endpoint *ep;
	unsigned int index;
	void *bar_mem[ROC_MAX_BARS];
	u32 bar_len[ROC_MAX_BARS];
	spinlock_t lock;	/* protects register side effects, @dma */
	struct roc_sim_dma dma;
	struct dentry *ddir;
	u32 link_down;
	u32 *watch_shadow;
	u64 watch_hk_ns;
	u64 watch_stores;
	void *ttc;
	atomic64_t reg_reads;	/* read32 calls through the core, debugfs */
	atomic64_t reg_writes;	/* write32 calls through the core, debugfs */
};

/**
 * struct roc_sim_model - register model of one card type
 * @type: the card type it models
 * @board: what roc drives it as (roc_endpoint_alloc())
 * @num_eps: endpoints per card
 * @num_bars: BAR indices per endpoint
 * @bar_len: length of each BAR, 0 if absent
 * @reset: set the power-on register values of a zeroed endpoint
 * @read_locked: does reading this register have side effects?  NULL: no
 *	register has.  Others read BAR memory without the lock, so that the
 *	registers a driver polls are read lock-free.
 * @read: read a register with side effects; &roc_sim_ep.lock held
 * @write: write a register, with its side effects; &roc_sim_ep.lock held
 * @set_temperature: set the sensor from millidegrees; NULL if none
 * @get_dropped: read the dropped-packets counter; NULL if none
 * @set_dropped: set the dropped-packets counter; NULL if none
 * @dma_init: allocate the engine's state; may sleep
 * @dma_exit: free it; the fill thread has stopped
 * @dma_step: do a bounded amount of DMA work; &roc_sim_ep.lock held
 * @dma_kill: stop DMA for good, the endpoint goes away; lock held
 * @dma_drop: count @pages the generator dropped; lock held; NULL if the
 *	card never drops (flow control)
 * @housekeeping: what the firmware does now and then (every
 *	%ROC_SIM_HK_NS at most, from the fill thread): rate registers,
 *	status; lock held (stores through an mmap(): @watch)
 * @set_link_down: take the links of a mask down, the others up; lock held
 * @set_ttc: CRU: a TTC is connected or not; lock held; NULL if none
 * @watch: registers whose writes have side effects, sampled for stores
 *	through an mmap() (watch.c, &struct roc_sim_watch_reg); NULL if none
 * @num_watch: entries of @watch
 */
struct roc_sim_model {
	enum roc_card_type type;
	const struct roc_board_data *board;
	unsigned int num_eps;
	unsigned int num_bars;
	u32 bar_len[ROC_MAX_BARS];
	void (*reset)(struct roc_sim_ep *sep);
	bool (*read_locked)(struct roc_sim_ep *sep, unsigned int bar, u32 off);
	u32 (*read)(struct roc_sim_ep *sep, unsigned int bar, u32 off);
	void (*write)(struct roc_sim_ep *sep, unsigned int bar, u32 off,
		      u32 val);
	void (*set_temperature)(struct roc_sim_ep *sep, s32 millideg);
	u32 (*get_dropped)(struct roc_sim_ep *sep);
	void (*set_dropped)(struct roc_sim_ep *sep, u32 val);
	int (*dma_init)(struct roc_sim_ep *sep);
	void (*dma_exit)(struct roc_sim_ep *sep);
	enum roc_sim_step (*dma_step)(struct roc_sim_ep *sep);
	void (*dma_kill)(struct roc_sim_ep *sep);
	void (*dma_drop)(struct roc_sim_ep *sep, u64 pages);
	void (*housekeeping)(struct roc_sim_ep *sep, u64 now_ns);
	void (*set_link_down)(struct roc_sim_ep *sep, u32 mask);
	void (*set_ttc)(struct roc_sim_ep *sep, bool present);
	const struct roc_sim_watch_reg *watch;
	unsigned int num_watch;
};

/**
 * struct roc_sim_card - a bound simulated card
 * @simdev: the bus device
 * @model: register model of the card type
 * @num_eps: endpoints created
 * @eps: the endpoints
 */
struct roc_sim_card {
	struct roc_sim_dev *simdev;
	const struct roc_sim_model *model;
	unsigned int num_eps;
	struct roc_sim_ep eps[ROC_SIM_MAX_EPS];
};

/* Plain register access to the BAR memory, bounds checked by the caller. */
static inline u32 roc_sim_reg_get(struct roc_sim_ep *sep, unsigned int bar,
				  u32 off)
{
	return READ_ONCE(*(u32 *)(sep->bar_mem[bar] + off));
}

static inline void roc_sim_reg_set(struct roc_sim_ep *sep, unsigned int bar,
				   u32 off, u32 val)
{
	WRITE_ONCE(*(u32 *)(sep->bar_mem[bar] + off), val);
}

/* bus.c */
int roc_sim_bus_init(void);
void roc_sim_bus_exit(void);

/* dev.c */
int roc_sim_drv_probe(struct roc_sim_dev *simdev);
void roc_sim_drv_remove(struct roc_sim_dev *simdev);
u32 roc_sim_serial_reg(struct roc_sim_ep *sep);
const struct roc_sim_model *roc_sim_model_get(enum roc_card_type type);

/* cru.c, crorc.c */
extern const struct roc_sim_model roc_sim_cru_model;
extern const struct roc_sim_model roc_sim_crorc_model;

/* cru_i2c.c: the CRU's I2C masters and chips */
struct roc_sim_i2c;
void roc_sim_cru_i2c_write(struct roc_sim_ep *sep, u32 off, u32 val);
void roc_sim_cru_i2c_init(struct roc_sim_dev *simdev);
void roc_sim_cru_i2c_exit(struct roc_sim_dev *simdev);

/* cru_dma.c: the CRU engine; the _write returns true if it took the write */
bool roc_sim_cru_dma_write(struct roc_sim_ep *sep, unsigned int bar, u32 off,
			   u32 val);
int roc_sim_cru_dma_init(struct roc_sim_ep *sep);
void roc_sim_cru_dma_exit(struct roc_sim_ep *sep);
enum roc_sim_step roc_sim_cru_dma_step(struct roc_sim_ep *sep);
void roc_sim_cru_dma_kill(struct roc_sim_ep *sep);
void roc_sim_cru_dma_drop(struct roc_sim_ep *sep, u64 pages);
void roc_sim_cru_dma_housekeeping(struct roc_sim_ep *sep, u64 now_ns);

/* crorc_dma.c: the C-RORC engine, same conventions */
bool roc_sim_crorc_dma_write(struct roc_sim_ep *sep, unsigned int bar,
			     u32 off, u32 val);
int roc_sim_crorc_dma_init(struct roc_sim_ep *sep);
void roc_sim_crorc_dma_exit(struct roc_sim_ep *sep);
enum roc_sim_step roc_sim_crorc_dma_step(struct roc_sim_ep *sep);
void roc_sim_crorc_dma_kill(struct roc_sim_ep *sep);
void roc_sim_crorc_dma_housekeeping(struct roc_sim_ep *sep, u64 now_ns);
void roc_sim_crorc_dma_status(struct roc_sim_ep *sep, unsigned int n);
struct roc_sim_ddl *roc_sim_crorc_ddl(struct roc_sim_ep *sep);

/* crorc_ddl.c: the DDL far end (DIU, link, SIU, FEE); lock held */
struct roc_sim_ddl;
struct roc_sim_ddl *roc_sim_crorc_ddl_alloc(void);
bool roc_sim_crorc_ddl_link_up(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			       unsigned int n);
u32 roc_sim_crorc_ddl_csr(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			  unsigned int n);
bool roc_sim_crorc_ddl_feeds(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			     unsigned int n, bool generator, bool card_loop);
void roc_sim_crorc_ddl_reset(struct roc_sim_ddl *d, unsigned int n);
bool roc_sim_crorc_ddl_command(struct roc_sim_ep *sep, struct roc_sim_ddl *d,
			       unsigned int n, u32 cmd);
u32 roc_sim_crorc_ddl_pop(struct roc_sim_ddl *d, unsigned int n);
/* what the FEE of a channel does next, roc_sim_crorc_ddl_fee_page() */
enum roc_sim_fee {
	ROC_SIM_FEE_NONE,	/* the data does not come from the FEE */
	ROC_SIM_FEE_PAGE,	/* write pages of the current event */
	ROC_SIM_FEE_CLOSE,	/* the next event does not fit: complete */
	ROC_SIM_FEE_WAIT,	/* the event rate holds the next one back */
};

enum roc_sim_fee roc_sim_crorc_ddl_fee_page(struct roc_sim_ddl *d,
					    unsigned int n, bool card_loop,
					    u32 room, bool empty, u64 *pages,
					    u64 *wait_ns);
bool roc_sim_crorc_ddl_fee_last(struct roc_sim_ddl *d, unsigned int n,
				u32 room, u64 pages);
bool roc_sim_crorc_ddl_fee_sent(struct roc_sim_ddl *d, unsigned int n,
				u64 pages);
void roc_sim_crorc_ddl_debugfs(struct roc_sim_ddl *d, struct dentry *dir);

/* crorc_flash.c: the flash behind BAR0 0xF0-0xF8; lock held */
struct roc_sim_flash;
struct roc_sim_flash *roc_sim_crorc_flash_alloc(u32 serial);
void roc_sim_crorc_flash_free(struct roc_sim_flash *fl);
struct roc_sim_flash *roc_sim_crorc_flash(struct roc_sim_ep *sep);
bool roc_sim_crorc_flash_write(struct roc_sim_ep *sep, struct roc_sim_flash *fl,
			       u32 val);
void roc_sim_crorc_flash_debugfs(struct roc_sim_flash *fl, struct dentry *dir);

/* dma.c: life of the engine */
int roc_sim_dma_init(struct roc_sim_ep *sep);
void roc_sim_dma_kill(struct roc_sim_ep *sep);
void roc_sim_dma_exit(struct roc_sim_ep *sep);
/* dma.c: for the engines, &roc_sim_ep.lock held */
void roc_sim_dma_gen_start(struct roc_sim_ep *sep);
void roc_sim_dma_gen_stop(struct roc_sim_ep *sep);
void roc_sim_dma_kick(struct roc_sim_ep *sep);
void roc_sim_dma_account(struct roc_sim_ep *sep);
u64 roc_sim_dma_credit(struct roc_sim_ep *sep);
void roc_sim_dma_consume(struct roc_sim_ep *sep, u64 pages);
enum roc_sim_step roc_sim_dma_wait(struct roc_sim_ep *sep);
enum roc_sim_step roc_sim_dma_idle(struct roc_sim_ep *sep);
bool roc_sim_dma_no_data(struct roc_sim_ep *sep);
void roc_sim_dma_write_page(struct roc_sim_ep *sep, u64 bus,
			    struct roc_sim_page *pg);
void roc_sim_dma_write_info(struct roc_sim_ep *sep, u64 bus, u32 size,
			    u32 count);

/* watch.c: registers stored through an mmap(), see roc_sim_watch_reg */
int roc_sim_watch_init(struct roc_sim_ep *sep);
void roc_sim_watch_exit(struct roc_sim_ep *sep);
void roc_sim_watch_scan(struct roc_sim_ep *sep);
void roc_sim_watch_written(struct roc_sim_ep *sep, unsigned int bar, u32 off);
void roc_sim_watch_set(struct roc_sim_ep *sep, unsigned int bar, u32 off,
		       u32 val);

/* cru_ttc.c: TTC-PON, ONU, pattern player, CTP emulator, user logic */
/* 14 registers, and +0x30 of the 2 x 12 GBT links of each wrapper */
#define ROC_SIM_CRU_NUM_WATCH	(14 + 2 * 2 * ROC_SIM_CRU_GBT_LINKS)
extern const struct roc_sim_watch_reg roc_sim_cru_watch[ROC_SIM_CRU_NUM_WATCH];
int roc_sim_cru_ttc_init(struct roc_sim_ep *sep);
void roc_sim_cru_ttc_exit(struct roc_sim_ep *sep);
void roc_sim_cru_ttc_reset(struct roc_sim_ep *sep);
bool roc_sim_cru_ttc_write(struct roc_sim_ep *sep, unsigned int bar, u32 off,
			   u32 val);
bool roc_sim_cru_ttc_read_locked(unsigned int bar, u32 off);
void roc_sim_cru_ttc_update(struct roc_sim_ep *sep);
u32 roc_sim_cru_ttc_trigger_type(struct roc_sim_ep *sep);
void roc_sim_cru_ttc_debugfs_init(struct roc_sim_ep *sep);

/* pattern.c */
u32 roc_sim_page_words(enum roc_sim_fmt fmt);
void roc_sim_page_fill(const struct roc_sim_page *pg, void *dst, u32 off,
		       u32 len);

/* debugfs.c */
void roc_sim_debugfs_init(void);
void roc_sim_debugfs_exit(void);
void roc_sim_dev_debugfs_init(struct roc_sim_dev *simdev);
void roc_sim_dev_debugfs_exit(struct roc_sim_dev *simdev);
void roc_sim_ep_debugfs_init(struct roc_sim_ep *sep);
void roc_sim_ep_debugfs_exit(struct roc_sim_ep *sep);

#endif /* _ROC_SIM_H */
