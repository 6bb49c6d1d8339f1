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
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <linux/roc.h>	/* uapi/linux/roc.h */

#define ROC_DRV_NAME	"roc"

struct roc_endpoint;

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
 * @type: the &enum roc_card_type it drives
 * @name: "CRU" or "C-RORC"
 * @num_channels: DMA channels per endpoint
 * @identify: read serial, endpoint, firmware and link count into the
 *	endpoint (HARDWARE.md 1.4, 2.1, 2.2, 4.1); may sleep
 * @temperature: card temperature in millidegrees Celsius, -ENODATA if the
 *	card has no sensor or the reading is invalid
 * @dropped_packets: packets dropped by the endpoint for lack of a descriptor
 * @prot_windows: fill the protected windows of BAR @bar, return how many
 */
struct roc_card_ops {
	enum roc_card_type type;
	const char *name;
	unsigned int num_channels;
	int (*identify)(struct roc_endpoint *ep);
	int (*temperature)(struct roc_endpoint *ep, long *millideg);
	u64 (*dropped_packets)(struct roc_endpoint *ep);
	unsigned int (*prot_windows)(struct roc_endpoint *ep, unsigned int bar,
				     struct roc_window *win);
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
 * @card: card backend, chosen from @type
 * @type: card type
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
 * @alive_lock: held for read by every file operation that touches the
 *	hardware, for write by removal: after removal returns nothing touches
 *	the BARs
 * @dead: set under @alive_lock (write) when the bus device goes away
 * @reg_lock: serialises read-modify-write register sequences
 * @hwmon: hwmon device, if registered
 * @inode: pseudo-fs inode whose address space holds every BAR mapping of
 *	the endpoint, so that removal can zap them all
 */
struct roc_endpoint {
	struct device dev;
	struct cdev cdev;
	struct device *parent;
	struct device *dma_dev;
	const struct roc_bus_ops *bus;
	void *bus_priv;
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
	struct rw_semaphore alive_lock;	/* protects @dead, see above */
	bool dead;
	struct mutex reg_lock;		/* serialises read-modify-write */
	struct device *hwmon;
	struct inode *inode;
};

/* endpoint.c: the registry and the life of an endpoint */

/**
 * roc_endpoint_alloc() - allocate an endpoint for the bus glue
 * @parent: bus device
 * @type: card type, selects the backend
 * @bus: bus operations
 * @address: bus address string
 *
 * The glue then fills @bars, @num_bars, @dma_dev, @numa_node, @bus_priv and
 * @simulated, and calls roc_endpoint_register().
 *
 * Return: the endpoint or an ERR_PTR().
 */
struct roc_endpoint *roc_endpoint_alloc(struct device *parent,
					enum roc_card_type type,
					const struct roc_bus_ops *bus,
					const char *address);
/* Identify the card and publish /dev/rocN, sysfs, hwmon and netlink. */
int roc_endpoint_register(struct roc_endpoint *ep);
/*
 * Hot removal: wait for running file operations, then fail every later one
 * with -ENODEV, zap BAR mappings and unpublish.  Drops the glue's reference.
 */
void roc_endpoint_unregister(struct roc_endpoint *ep);
/* Drop the glue's reference of an endpoint that was never registered. */
void roc_endpoint_free(struct roc_endpoint *ep);

int roc_endpoint_init(void);
void roc_endpoint_exit(void);

/* Iterate the registry: call @fn for each endpoint, in /dev/rocN order. */
int roc_endpoint_for_each(int (*fn)(struct roc_endpoint *ep, void *arg),
			  void *arg);
/* Look an endpoint up by N, with a reference (put_device() when done). */
struct roc_endpoint *roc_endpoint_get_by_id(int id);

/* Register access for the core and the backends (no liveness check). */
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

/* hwmon.c: temp1_input of endpoints whose card has a sensor */
int roc_hwmon_register(struct roc_endpoint *ep);
void roc_hwmon_unregister(struct roc_endpoint *ep);

/* cru.c, crorc.c */
s32 roc_decode_ascii_serial(u32 word);
s32 roc_read_triggered_serial(struct roc_endpoint *ep, unsigned int bar,
			      u32 reg, u32 ctrl, u32 trigger,
			      unsigned int wait_ms);
extern const struct roc_card_ops roc_cru_ops;
extern const struct roc_card_ops roc_crorc_ops;

/* netlink.c: the generic netlink family "roc" */
int roc_nl_init(void);
void roc_nl_exit(void);
void roc_nl_notify_add(struct roc_endpoint *ep);
void roc_nl_notify_del(struct roc_endpoint *ep);

/* pci.c */
int roc_pci_init(void);
void roc_pci_exit(void);

#endif /* _ROC_H */
