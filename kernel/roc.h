/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc - driver for the ALICE CRU and C-RORC readout cards.
 *
 * Private header of roc.ko and of the bus glue modules (roc_sim.ko).
 *
 * Layers, each depending only on those above it:
 *   uapi/roc.h          the contract with user space
 *   core                endpoint registry, character device, ioctls, mmap,
 *                       hwmon, netlink (main.c endpoint.c chardev.c ...)
 *   card backends       what the registers of a CRU or C-RORC mean
 *                       (cru.c crorc.c); registers only, no bus knowledge
 *   bus glue            where the registers are (pci.c, roc_sim.ko): it
 *                       creates an endpoint with struct roc_bus_ops and
 *                       registers it
 */
#ifndef _ROC_H
#define _ROC_H

#include <linux/device.h>
#include <linux/cdev.h>
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/scatterlist.h>
#include <linux/wait.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <linux/roc.h>	/* uapi/linux/roc.h */

#include "compat.h"

#define ROC_DRV_NAME	"roc"

struct roc_endpoint;
struct roc_channel;
struct roc_sp;

/**
 * struct roc_bar - one BAR as the bus glue provides it
 * @len: length in bytes, 0 if absent
 * @regs: kernel mapping used for register access (PCI: ioremap; sim:
 *	kernel memory cast to __iomem)
 * @phys: physical address for mmap() of a PCI BAR; 0 when @bar_pfn of the
 *	bus ops is used instead
 */
struct roc_bar {
	resource_size_t len;
	void __iomem *regs;
	phys_addr_t phys;
};

/**
 * struct roc_bus_ops - what the bus glue does for the core
 * @read32: read a register; NULL means readl() of &roc_bar.regs
 * @write32: write a register; NULL means writel() to &roc_bar.regs.  The
 *	simulator hooks these to model register side effects.
 * @bar_pfn: page frame behind byte @offset of BAR @bar, and the page
 *	protection to map it with; NULL means PCI: @phys + @offset, uncached.
 */
struct roc_bus_ops {
	u32 (*read32)(struct roc_endpoint *ep, unsigned int bar, u32 offset);
	void (*write32)(struct roc_endpoint *ep, unsigned int bar, u32 offset,
			u32 val);
	int (*bar_pfn)(struct roc_endpoint *ep, unsigned int bar, u64 offset,
		       unsigned long *pfn, pgprot_t *prot);
};

/**
 * struct roc_card_ops - what a card backend (cru.c, crorc.c) knows
 * @dma_links: most links a channel spreads superpages over
 * @dma_depth: most superpages queued per link by the driver
 * @identify: read serial, endpoint, firmware and link count into the
 *	endpoint (docs/hardware.md 1.4, 2.1, 2.2, 4.1); may sleep
 * @temperature: card temperature in millidegrees Celsius, -ENODATA if the
 *	card has no sensor or the reading is invalid
 * @dropped_packets: packets dropped by the endpoint for lack of a descriptor
 * @prot_windows: fill the protected windows of BAR @bar, return how many
 * @dma_open: prepare a channel being acquired: allocate what the backend
 *	keeps per channel (&roc_channel.card_priv); may fail
 * @dma_close: undo @dma_open; called while the hardware is still there
 * @dma_start: reset and start DMA (docs/hardware.md 3.2, 4.2); sets the links in
 *	use and their depth; -EOPNOTSUPP for a source the card lacks
 * @dma_stop: stop DMA; when it returns the card writes no more memory
 * @dma_reset: reset the channel's DMA engine (DMA stopped)
 * @dma_push: give one validated superpage to the card: choose a link,
 *	queue it there (roc_channel_queue()) and program the card; -ENOSPC
 *	if every link is full
 * @dma_harvest: move what the card finished to the ready queue with
 *	roc_channel_complete(); -EIO if the card broke the protocol
 * @harvest_free: @dma_harvest reads no register (completions are in host
 *	memory): the core may harvest whenever it likes
 * @dma_pending: has the card finished something not harvested yet?  No
 *	sleeping, no locks; reads only (not used by the poll timer, which
 *	reads nothing)
 * @dma_counters: add FIFO-empty events and dropped packets of the channel
 * @attach: after @identify, before the endpoint is published: on-card
 *	buses (CRU I2C adapters, cru_i2c.c); NULL if none
 * @detach: undo @attach, while the hardware is still there
 * @rx_power: optical receive power of user link @link in microwatts
 *	(hwmon power channels); NULL if the card has no such readings
 * @rx_power_links: channels of @rx_power
 * @dma_reset_level: reset at a &enum roc_reset_level other than
 *	INTERNAL (DMA stopped); NULL: only INTERNAL and NOTHING exist
 * @ddl_status: fill ROC_DDL_STATUS; NULL: the card has no DDL
 */
struct roc_card_ops {
	unsigned int dma_links;
	unsigned int dma_depth;
	bool harvest_free;
	int (*identify)(struct roc_endpoint *ep);
	int (*temperature)(struct roc_endpoint *ep, long *millideg);
	u64 (*dropped_packets)(struct roc_endpoint *ep);
	unsigned int (*prot_windows)(struct roc_endpoint *ep, unsigned int bar,
				     struct roc_window *win);
	int (*dma_open)(struct roc_channel *ch);
	void (*dma_close)(struct roc_channel *ch);
	int (*dma_start)(struct roc_channel *ch);
	void (*dma_stop)(struct roc_channel *ch);
	void (*dma_reset)(struct roc_channel *ch);
	int (*dma_push)(struct roc_channel *ch, const struct roc_sp *sp);
	int (*dma_harvest)(struct roc_channel *ch);
	bool (*dma_pending)(struct roc_channel *ch);
	void (*dma_counters)(struct roc_channel *ch, u64 *fifo_empty,
			     u64 *dropped);
	int (*attach)(struct roc_endpoint *ep);
	void (*detach)(struct roc_endpoint *ep);
	int (*rx_power)(struct roc_endpoint *ep, unsigned int link, long *uw);
	unsigned int rx_power_links;
	int (*dma_reset_level)(struct roc_channel *ch, u32 level);
	int (*ddl_status)(struct roc_endpoint *ep, struct roc_ddl_status *st);
};

/**
 * struct roc_board_data - a kind of card: the driver_data of an entry of
 *	the PCI ID table, and what roc_sim passes for the card it models
 * @name: "CRU", "C-RORC", for messages
 * @type_name: "cru", "crorc": sysfs card_type and ROC_CARD_TYPE of uevents
 * @type: what user space sees (&enum roc_card_type)
 * @card: the backend
 * @num_bars: BAR indices an endpoint exposes (1 to %ROC_MAX_BARS)
 * @num_endpoints: endpoints (PCI functions) one card has
 * @num_channels: DMA channels per endpoint
 * @dma_bits: bus-address bits the card can drive (its DMA mask)
 */
struct roc_board_data {
	const char *name;
	const char *type_name;
	enum roc_card_type type;
	const struct roc_card_ops *card;
	unsigned int num_bars;
	unsigned int num_endpoints;
	unsigned int num_channels;
	unsigned int dma_bits;
};

/**
 * struct roc_sp - a superpage in the driver's queues
 * @cookie: the user's cookie
 * @offset: offset in its buffer
 * @dma: bus address
 * @size: bytes
 * @received: bytes the card wrote
 * @buf: buffer id
 * @link: link it went to
 * @flags: %ROC_READY_* once completed
 */
struct roc_sp {
	u64 cookie;
	u64 offset;
	dma_addr_t dma;
	u32 size;
	u32 received;
	u16 buf;
	u8 link;
	u8 flags;
};

/**
 * struct roc_ring - a power-of-two ring of superpages; only channel.c
 *	touches one
 * @sp: the slots
 * @mask: number of slots - 1
 * @head: next to take out (free-running)
 * @tail: next to put in (free-running)
 */
struct roc_ring {
	struct roc_sp *sp;
	u32 mask;
	u32 head;
	u32 tail;
};

/* Entries in @r (channel.c's link queues and ready ring). */
static inline u32 roc_ring_count(const struct roc_ring *r)
{
	return READ_ONCE(r->tail) - READ_ONCE(r->head);
}

#define ROC_MAX_LINKS		16

/**
 * struct roc_link - the superpages of one link, in push order; channel.c's
 * @q: queued (roc_channel_queue()) and not yet completed; the card holds
 *	the first ones
 */
struct roc_link {
	struct roc_ring q;
};

/**
 * struct roc_segment - a bus-contiguous piece of a buffer
 * @offset: where it starts in the buffer
 * @len: bytes
 * @dma: bus address
 */
struct roc_segment {
	u64 offset;
	u64 len;
	dma_addr_t dma;
};

/**
 * struct roc_buffer - registered user memory
 * @used: the slot holds a buffer
 * @mapped: @sgt is mapped for the card
 * @folio_pins: @sgt holds one pin per entry (a memfd's folios), not one
 *	per 4 KiB page
 * @size: bytes
 * @sgt: the pinned pages
 * @sg_total: entries allocated for @sgt (more than used when it was
 *	appended to in batches)
 * @segs: bus-contiguous segments in buffer order
 * @nr_segs: entries of @segs
 * @max_seg: longest segment
 * @busy: one bit per 4 KiB of the buffer pushed and not yet popped
 * @inflight: superpages pushed and not yet popped
 */
struct roc_buffer {
	bool used;
	bool mapped;
	bool folio_pins;
	u64 size;
	struct sg_table sgt;
	unsigned int sg_total;
	struct roc_segment *segs;
	u32 nr_segs;
	u64 max_seg;
	unsigned long *busy;
	u32 inflight;
};

/**
 * struct roc_channel - a DMA channel and what its holder registered
 * @ep: the endpoint
 * @index: channel number
 * @file: the holder's channel file, NULL when free (ep->chan_lock)
 * @pid: holder's thread group id (ep->chan_lock)
 * @comm: holder's command name (ep->chan_lock)
 * @xfer_lock: serialises the users of @scratch; held across the copies of
 *	ROC_PUSH and ROC_POP entries, so never taken by removal
 * @lock: serialises the channel's operations; everything below
 * @hw_idx: cookie of the roc_ep_enter() section a channel operation is in
 * @state: &enum roc_channel_state
 * @source: data source of the current or last run
 * @start_options: %ROC_DMA_START_* options of the current or last run
 * @bufs: registered buffers, indexed by id
 * @mm: memory the pages were charged to (locked_vm)
 * @links: per-link queues
 * @link_mask: links in use
 * @link_depth: superpages the card holds per link
 * @nr_links: bits in @link_mask
 * @capacity: most superpages in flight plus ready
 * @queued: superpages in flight
 * @ready: completed superpages waiting for ROC_POP
 * @scratch: room for one ROC_PUSH or ROC_POP batch
 * @pushed: counters
 * @completed: counters
 * @bytes: counters
 * @wq: poll() waiters, woken by the endpoint's @poll_timer
 * @card_priv: card backend private data of the channel, allocated by
 *	&roc_card_ops.dma_open and freed by &roc_card_ops.dma_close
 * @ddl_state: C-RORC: what the last DDL commands found about the link,
 *	&enum roc_ddl_link_state or 0 (crorc_ddl.c; READ_ONCE/WRITE_ONCE)
 */
struct roc_channel {
	struct roc_endpoint *ep;
	unsigned int index;
	struct file *file;
	pid_t pid;
	char comm[TASK_COMM_LEN];

	struct mutex xfer_lock;	/* owns @scratch, see above */
	struct mutex lock;	/* serialises channel operations, see above */
	int hw_idx;
	u32 state;
	u32 source;
	u32 start_options;
	struct roc_buffer bufs[ROC_MAX_BUFFERS];
	struct mm_struct *mm;

	struct roc_link links[ROC_MAX_LINKS];
	u32 link_mask;
	u32 link_depth;
	u32 nr_links;
	u32 capacity;
	u32 queued;
	struct roc_ring ready;
	void *scratch;

	u64 pushed;
	u64 completed;
	u64 bytes;

	wait_queue_head_t wq;
	struct roc_rings *rings;	/* ring.c; set once, freed on release */
	u64 pace_ns;		/* ns per superpage the card took lately */
	u64 pace_last;		/* when the last completion was harvested */

	void *card_priv;
	u8 ddl_state;
};

/**
 * struct roc_endpoint - one endpoint: one CRU PCI function or one C-RORC
 * @dev: the class device /dev/rocN; its refcount keeps the structure alive
 *	while files are open after removal
 * @cdev: the character device
 * @parent: the bus device (PCI function, roc_sim card)
 * @dma_dev: device to map DMA buffers for (the PCI function, or the
 *	simulator's device)
 * @bus: bus glue operations
 * @bus_priv: bus glue private data
 * @board: the kind of card
 * @card: card backend, @board->card
 * @type: card type, @board->type
 * @id: N of /dev/rocN
 * @address: bus address string, see &roc_info.address
 * @numa_node: NUMA node, NUMA_NO_NODE if none
 * @simulated: endpoint of roc_sim
 * @bars: the BARs, indexed by BAR number
 * @num_bars: number of BAR indices
 * @serial: card serial, -1 if unreadable
 * @endpoint: endpoint number on the card
 * @fw_hash: firmware git hash
 * @fw_date: firmware build date
 * @fw_time: firmware build time
 * @link_count: number of links
 * @list: entry in the endpoint registry
 * @dead: set when the bus device goes away; read by roc_ep_enter(), which
 *	every operation that touches the hardware calls first: once removal
 *	returns nothing touches the BARs
 * @reg_lock: serialises read-modify-write register sequences
 * @hwmon: hwmon device, if registered
 * @channels: the DMA channels, board->num_channels of them
 * @chan_lock: protects who holds which channel
 * @inode: pseudo-fs inode whose address space holds every BAR mapping of
 *	the endpoint, so that removal can zap them all
 * @card_priv: card backend private data (a PCI backend's, see pci.c)
 * @card_owner: module of @card if not roc.ko, put when the structure goes
 * @poll_timer: wakes the poll() waiters of all channels (channel.c): one
 *	timer per endpoint, armed while a channel waits with superpages in
 *	flight
 * @poll_lock: protects the @poll_ fields
 * @poll_waiting: bit per channel: waits for @poll_timer
 * @poll_armed: @poll_timer is armed, for @poll_expires
 * @poll_expires: when it expires
 * @poll_starts: counters: times it was started, expired, and channels
 *	it woke
 * @poll_expiries: counters
 * @poll_woken: counters
 */
struct roc_endpoint {
	struct device dev;
	struct cdev cdev;
	struct device *parent;
	struct device *dma_dev;
	const struct roc_bus_ops *bus;
	void *bus_priv;
	const struct roc_board_data *board;
	const struct roc_card_ops *card;
	enum roc_card_type type;
	int id;
	char address[ROC_ADDR_LEN];
	int numa_node;
	bool simulated;

	struct roc_bar bars[ROC_MAX_BARS];
	unsigned int num_bars;

	s32 serial;
	u32 endpoint;
	u32 fw_hash;
	u32 fw_date;
	u32 fw_time;
	u32 link_count;

	struct list_head list;
	bool dead;
	struct mutex reg_lock;		/* serialises read-modify-write */
	struct device *hwmon;
	struct inode *inode;
	struct roc_channel *channels;
	struct mutex chan_lock;		/* protects channel holders */
	void *card_priv;
	struct module *card_owner;

	struct hrtimer poll_timer;
	spinlock_t poll_lock;		/* protects the poll_ fields */
	unsigned long poll_waiting;
	bool poll_armed;
	ktime_t poll_expires;
	u64 poll_starts;
	u64 poll_expiries;
	u64 poll_woken;
};

/* endpoint.c: the registry and the life of an endpoint */

struct roc_endpoint *roc_endpoint_alloc(struct device *parent,
					const struct roc_board_data *board,
					const struct roc_bus_ops *bus,
					const char *address);
int roc_endpoint_register(struct roc_endpoint *ep);
void roc_endpoint_unregister(struct roc_endpoint *ep);
void roc_endpoint_free(struct roc_endpoint *ep);

int roc_endpoint_init(void);
void roc_endpoint_exit(void);

int roc_endpoint_for_each(int (*fn)(struct roc_endpoint *ep, void *arg),
			  void *arg);
struct roc_endpoint *roc_endpoint_get_by_id(int id);

bool roc_ep_enter(struct roc_endpoint *ep, int *idx);
void roc_ep_exit(int idx);

/*
 * Register access for the core and the backends, between roc_ep_enter() and
 * roc_ep_exit() (no liveness check of their own).
 */
static inline u32 roc_read32(struct roc_endpoint *ep, unsigned int bar,
			     u32 offset)
{
	if (ep->bus->read32)
		return ep->bus->read32(ep, bar, offset);
	return readl(ep->bars[bar].regs + offset);
}

static inline void roc_write32(struct roc_endpoint *ep, unsigned int bar,
			       u32 offset, u32 val)
{
	if (ep->bus->write32)
		ep->bus->write32(ep, bar, offset, val);
	else
		writel(val, ep->bars[bar].regs + offset);
}

/* chardev.c: file operations of /dev/rocN */
extern const struct file_operations roc_chardev_fops;

/* ioctl.c: argument copies of the ioctl tables (see there) */
union roc_ioctl_buf {
	struct roc_info info;
	struct roc_bar_info bar_info;
	struct roc_reg_batch reg_batch;
	struct roc_channel_open channel_open;
	struct roc_channel_query channel_query;
	struct roc_buffer_reg buffer_reg;
	struct roc_buffer_unreg buffer_unreg;
	struct roc_dma_start dma_start;
	struct roc_dma_stop dma_stop;
	struct roc_dma_reset dma_reset;
	struct roc_push push;
	struct roc_pop pop;
	struct roc_channel_status channel_status;
	struct roc_ring_setup ring_setup;
	struct roc_ring_enter ring_enter;
	struct roc_ddl_status ddl_status;
};

/**
 * struct roc_ioctl_arg - how an ioctl's structure is copied
 * @min_size: first version of the structure: smaller is -EINVAL
 * @size: the structure as this kernel knows it
 * @out: copy it back after the handler (also checked writable before)
 * @out_on_error: copy it back also when the handler fails (progress
 *	fields such as @done)
 * @in_flags: the flag bits the command knows (others are -EINVAL)
 */
struct roc_ioctl_arg {
	u16 min_size;
	u16 size;
	bool out;
	bool out_on_error;
	u32 in_flags;
};

#define ROC_IOCTL_ARG_FLAGS(_struct, _last, _out, _out_on_error, _flags) \
	{								\
		.min_size = offsetofend(_struct, _last),		\
		.size = sizeof(_struct) +				\
			BUILD_BUG_ON_ZERO(sizeof(_struct) >		\
					  sizeof(union roc_ioctl_buf)),	\
		.out = _out,						\
		.out_on_error = _out_on_error,				\
		.in_flags = _flags,					\
	}

#define ROC_IOCTL_ARG(_struct, _last, _out, _out_on_error)		\
	ROC_IOCTL_ARG_FLAGS(_struct, _last, _out, _out_on_error, 0)

long roc_ioctl_copy_in(const struct roc_ioctl_arg *a, unsigned int cmd,
		       unsigned long arg, union roc_ioctl_buf *buf);
long roc_ioctl_copy_out(const struct roc_ioctl_arg *a, unsigned long arg,
			union roc_ioctl_buf *buf, u32 usize, long ret);

/* channel.c: DMA channels */
int roc_channel_init(struct roc_endpoint *ep);
void roc_channel_free(struct roc_endpoint *ep);
void roc_channel_remove(struct roc_endpoint *ep);
long roc_channel_open(struct roc_endpoint *ep, struct file *file,
		      struct roc_channel_open *op);
long roc_channel_query(struct roc_endpoint *ep, struct roc_channel_query *q);

/* channel.c: the link queues, for the backends */
int roc_channel_queue(struct roc_channel *ch, unsigned int l,
		      const struct roc_sp *sp, u8 link);
u32 roc_channel_ready_count(const struct roc_channel *ch);

/**
 * roc_channel_link_count() - superpages queued on a link and not completed
 * @ch: the channel
 * @l: the link queue
 *
 * Inline: a CRU push asks it of every link for each superpage.
 *
 * Context: any; without ch->lock (&roc_card_ops.dma_pending) the answer
 * may be stale.
 * Return: how many.
 */
static inline u32 roc_channel_link_count(const struct roc_channel *ch,
					 unsigned int l)
{
	return roc_ring_count(&ch->links[l].q);
}

/* channel.c, for ring.c (issue 14) */
int roc_channel_lock(struct roc_channel *ch);
bool roc_channel_hw_get(struct roc_channel *ch);
void roc_channel_hw_put(struct roc_channel *ch);
void roc_channel_harvest(struct roc_channel *ch);
bool roc_channel_ready_take(struct roc_channel *ch, struct roc_sp *sp);
/* ring.c: push and ready rings of a channel */
struct roc_rings;
long roc_ring_setup(struct roc_channel *ch, void *arg);
long roc_ring_enter(struct roc_channel *ch, void *arg);
int roc_ring_mmap(struct file *file, struct vm_area_struct *vma);
__poll_t roc_ring_poll(struct roc_channel *ch);
void roc_ring_release(struct roc_channel *ch);
void roc_ring_free(struct roc_channel *ch);
unsigned int roc_channel_poll_us(void);
u64 roc_channel_wait_ns(struct roc_channel *ch);

/* The slack of a sleep until the next harvest (poll timer, ring thread) */
static inline u64 roc_wait_slack_ns(u64 wait_ns)
{
	return wait_ns / 4;
}

const struct roc_sp *roc_channel_link_peek(struct roc_channel *ch,
					   unsigned int l);
int roc_channel_complete(struct roc_channel *ch, unsigned int l,
			 u32 received, u8 flags);

/* buffer.c: registered memory */
int roc_buffer_pin_user(const struct roc_buffer_reg *reg,
			struct roc_buffer *pin);
void roc_buffer_unpin_user(struct roc_buffer *pin);
int roc_buffer_free_id(struct roc_channel *ch);
int roc_buffer_install(struct roc_channel *ch, struct roc_buffer_reg *reg,
		       struct roc_buffer *pin);
int roc_buffer_unregister(struct roc_channel *ch, u32 id);
void roc_buffer_unmap_all(struct roc_channel *ch);
void roc_buffer_release_all(struct roc_channel *ch);
int roc_buffer_claim(struct roc_channel *ch, const struct roc_superpage *in,
		     struct roc_sp *sp);
void roc_buffer_unclaim(struct roc_channel *ch, const struct roc_sp *sp);

/* hwmon.c: temp1_input of endpoints whose card has a sensor */
int roc_hwmon_register(struct roc_endpoint *ep);
void roc_hwmon_unregister(struct roc_endpoint *ep);

/* cru.c, crorc.c */
s32 roc_decode_ascii_serial(u32 word);
s32 roc_read_triggered_serial(struct roc_endpoint *ep, unsigned int bar,
			      u32 reg, u32 ctrl, u32 trigger,
			      unsigned int wait_ms);
extern const struct roc_board_data roc_cru_board;

/* cru_i2c.c: the CRU's I2C masters, MiniPOD power, EEPROM serial */
int roc_cru_i2c_attach(struct roc_endpoint *ep);
void roc_cru_i2c_detach(struct roc_endpoint *ep);
int roc_cru_rx_power(struct roc_endpoint *ep, unsigned int link, long *uw);
extern const struct roc_board_data roc_crorc_board;

/* crorc_flash.c: the C-RORC flash as an MTD device */
int roc_crorc_flash_attach(struct roc_endpoint *ep);
void roc_crorc_flash_detach(struct roc_endpoint *ep);

/* netlink.c: the generic netlink family "roc" */
int roc_nl_init(void);
void roc_nl_exit(void);
void roc_nl_notify_add(struct roc_endpoint *ep);
void roc_nl_notify_del(struct roc_endpoint *ep);

/* pci.c */
int roc_pci_init(void);
void roc_pci_exit(void);

/**
 * struct roc_pci_backend - card backend for a PCI function that roc's ID
 *	table does not list, bound to roc with driver_override
 * @vendor: PCI vendor ID
 * @device: PCI device ID
 * @board: the kind of card, with its backend (registers only, as cru.c and
 *	crorc.c); @board->type is what user space sees, usually
 *	%ROC_CARD_UNKNOWN
 * @owner: module of @board and of this structure; pinned from probe until
 *	the endpoint's last file is closed
 * @list: private to pci.c
 *
 * This is how test hardware (QEMU's edu device, selftests/kmod/roc_edu.c)
 * exercises the PCI glue, the IOMMU mapping of buffers and removal with a
 * real PCI function.  A backend's @board->card->dma_push receives bus
 * addresses computed by roc; it queues superpages with roc_link_queue() and
 * completes them with roc_channel_complete().
 */
struct roc_pci_backend {
	u16 vendor;
	u16 device;
	const struct roc_board_data *board;
	struct module *owner;
	struct list_head list;
};

int roc_pci_register_backend(struct roc_pci_backend *be);
void roc_pci_unregister_backend(struct roc_pci_backend *be);

#endif /* _ROC_H */
