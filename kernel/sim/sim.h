/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc_sim - simulated CRU and C-RORC cards on a bus of their own.
 *
 * Private header of roc_sim.ko.  The layers, in the netdevsim manner:
 *   bus.c      the roc_sim bus, its driver and the new_device/del_device
 *              bus attributes; one struct roc_sim_dev per simulated card
 *   dev.c      probe/remove: the endpoints of a card, their BAR memory and
 *              the struct roc_bus_ops the roc core calls; module init/exit
 *   cru.c      register model of a CRU endpoint (HARDWARE.md section 2)
 *   crorc.c    register model of a C-RORC (HARDWARE.md section 4)
 *   debugfs.c  /sys/kernel/debug/roc_sim/<card>/ fault and value knobs
 *
 * Lifetimes: a struct roc_sim_dev lives from new_device to del_device (and
 * until its last reference is put); a struct roc_sim_card lives while the
 * driver is bound to that device (probe to remove), together with the BAR
 * memory of its endpoints.
 */
#ifndef _ROC_SIM_H
#define _ROC_SIM_H

#include <linux/device.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../roc.h"

#define ROC_SIM_NAME		"roc_sim"

/* Endpoints of one card: the CRU has two (HARDWARE.md 1.2). */
#define ROC_SIM_MAX_EPS		2

/* Highest serial that fits the 4 ASCII digits of the register (1.4). */
#define ROC_SIM_SERIAL_MAX	9999

/* Default temperature knob, millidegrees Celsius. */
#define ROC_SIM_TEMPERATURE_DEFAULT	45000

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
};

static inline struct roc_sim_dev *to_roc_sim_dev(struct device *dev)
{
	return container_of(dev, struct roc_sim_dev, dev);
}

/**
 * struct roc_sim_ep - one simulated endpoint
 * @card: the card it belongs to
 * @ep: the roc core's endpoint; not to be touched after
 *	roc_endpoint_unregister() returned
 * @index: endpoint number on the card
 * @bar_mem: BAR memory (vzalloc, page aligned), NULL if the BAR is absent
 * @bar_len: BAR lengths
 * @lock: serialises the register model: read and write side effects such
 *	as counters and triggers (not mmap() accesses, which bypass it)
 * @ddir: debugfs directory ep<index>/
 */
struct roc_sim_ep {
	struct roc_sim_card *card;
	struct roc_endpoint *ep;
	unsigned int index;
	void *bar_mem[ROC_MAX_BARS];
	u32 bar_len[ROC_MAX_BARS];
	spinlock_t lock;	/* protects register side effects */
	struct dentry *ddir;
};

/**
 * struct roc_sim_model - register model of one card type
 * @type: the card type it models
 * @num_eps: endpoints per card
 * @num_bars: BAR indices per endpoint
 * @bar_len: length of each BAR, 0 if absent
 * @reset: set the power-on register values of a zeroed endpoint
 * @read: read a register, with its side effects; &roc_sim_ep.lock held
 * @write: write a register, with its side effects; &roc_sim_ep.lock held
 * @set_temperature: set the sensor from millidegrees; NULL if none
 * @get_dropped: read the dropped-packets counter; NULL if none
 * @set_dropped: set the dropped-packets counter; NULL if none
 */
struct roc_sim_model {
	enum roc_card_type type;
	unsigned int num_eps;
	unsigned int num_bars;
	u32 bar_len[ROC_MAX_BARS];
	void (*reset)(struct roc_sim_ep *sep);
	u32 (*read)(struct roc_sim_ep *sep, unsigned int bar, u32 off);
	void (*write)(struct roc_sim_ep *sep, unsigned int bar, u32 off,
		      u32 val);
	void (*set_temperature)(struct roc_sim_ep *sep, s32 millideg);
	u32 (*get_dropped)(struct roc_sim_ep *sep);
	void (*set_dropped)(struct roc_sim_ep *sep, u32 val);
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

/* debugfs.c */
void roc_sim_debugfs_init(void);
void roc_sim_debugfs_exit(void);
void roc_sim_dev_debugfs_init(struct roc_sim_dev *simdev);
void roc_sim_dev_debugfs_exit(struct roc_sim_dev *simdev);
void roc_sim_ep_debugfs_init(struct roc_sim_ep *sep);
void roc_sim_ep_debugfs_exit(struct roc_sim_ep *sep);

#endif /* _ROC_SIM_H */
