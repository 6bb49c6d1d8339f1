// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the CRU's I2C masters as Linux I2C adapters (docs/hardware.md P2-3.2),
 * the MiniPOD receive power per link (P2-3.3) and the EEPROM serial fallback
 * (1.4, P2-3.5).
 *
 * Endpoint 0 of a card registers one adapter per master of BAR2, named
 * "roc<N> CRU <bus>", parent the endpoint's bus device, so that
 * `i2cdetect -l` lists them and i2c-dev drives them.  The I2C core holds the
 * adapter's bus lock around each transfer: one transaction of a master at a
 * time, whoever asks (i2c-dev, hwmon, endpoint 1).  Endpoint 1 reaches the
 * same masters through endpoint 0's adapters, found by the card serial.
 *
 * BAR2's I2C block stays writable through mmap() and the register ioctls
 * while the adapters exist (P2-3.2): the firmware's serial fetch is a write to
 * the EEPROM master's command register (0x30804) that existing tools do, and
 * a protected window would take the BAR2 mapping away from every tool that
 * maps it writable.  Such raw writes are not serialised with the adapters;
 * the adapters are the supported way.
 */
#include <linux/delay.h>
#include <linux/i2c.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "roc.h"

#define CRU_I2C_BAR		2
#define CRU_I2C_CONFIG		0x0
#define CRU_I2C_COMMAND		0x4
#define  CRU_I2C_CMD_WRITE	0x1
#define  CRU_I2C_CMD_READ	0x2
#define  CRU_I2C_CMD_PROBE	0x4
#define  CRU_I2C_CMD_RESET	0x8
#define CRU_I2C_STATUS		0x10
#define  CRU_I2C_DONE		BIT(31)
#define  CRU_I2C_DATA		GENMASK(7, 0)

/* A probe waits about 1 ms (P2-3.2); absent chips are the common case. */
#define CRU_I2C_PROBE_US	1000

/* P2-3.3: MiniPOD registers */
#define MINIPOD_TYPE		177
#define  MINIPOD_TYPE_RX	50
#define MINIPOD_RX_POWER(c)	(64 + 2 * (c))
#define MINIPOD_CHANNELS	12
#define MINIPOD_MAX_RX		4
/*
 * MiniPODs are soldered on: scan the bus once, again after a failed read,
 * and, while an endpoint's MiniPOD is missing, at most this often.
 */
#define MINIPOD_RESCAN_MS	5000

/* P2-3.5: EEPROM */
#define EEPROM_ADDR		0x50
#define EEPROM_MAX		125

struct cru_i2c_master {
	u32 base;
	const char *name;
};

/* P2-3.2: the masters, in BAR2 order */
static const struct cru_i2c_master cru_i2c_masters[] = {
	{ 0x30000, "temperature" },
	{ 0x30200, "sfp1" },
	{ 0x30300, "minipod" },
	{ 0x30400, "si5344" },
	{ 0x30500, "si5345-1" },
	{ 0x30600, "si5345-2" },
	{ 0x30700, "sfp2" },
	{ 0x30800, "eeprom" },
};

#define CRU_I2C_NUM		ARRAY_SIZE(cru_i2c_masters)
#define CRU_I2C_MINIPOD		2

/**
 * struct cru_i2c_bus - one master and its adapter
 * @adap: the adapter; freed with the structure after i2c_del_adapter()
 * @ep: endpoint 0, whose BAR2 holds the master
 * @base: BAR2 offset of the master
 * @added: @adap is registered
 * @scan_lock: protects the fields below (MiniPOD master only)
 * @rx: RX MiniPOD addresses found, ascending
 * @nr_rx: entries of @rx
 * @scanned: jiffies of the last scan
 * @stale: rescan before the next read
 */
struct cru_i2c_bus {
	struct i2c_adapter adap;
	struct roc_endpoint *ep;
	u32 base;
	bool added;
	struct mutex scan_lock;		/* protects the scan results */
	u8 rx[MINIPOD_MAX_RX];
	unsigned int nr_rx;
	unsigned long scanned;
	bool stale;
};

/**
 * struct cru_i2c_card - the adapters of one card, kept by endpoint 0
 * @list: entry in cru_i2c_cards
 * @ep: endpoint 0
 * @serial: card serial, the key endpoint 1 looks it up by
 * @bus: the masters
 */
struct cru_i2c_card {
	struct list_head list;
	struct roc_endpoint *ep;
	s32 serial;
	struct cru_i2c_bus *bus[CRU_I2C_NUM];
};

static LIST_HEAD(cru_i2c_cards);
static DEFINE_MUTEX(cru_i2c_cards_lock);	/* protects cru_i2c_cards */

/* Raw master access: the caller owns the master and is in roc_ep_enter(). */

static int cru_i2c_wait(struct roc_endpoint *ep, u32 base, unsigned int us,
			u32 *status)
{
	ktime_t end = ktime_add_us(ktime_get(), us);

	for (;;) {
		bool late = ktime_after(ktime_get(), end);

		*status = roc_read32(ep, CRU_I2C_BAR, base + CRU_I2C_STATUS);
		if (*status & CRU_I2C_DONE)
			return 0;
		if (late)
			return -ETIMEDOUT;
		usleep_range(50, 100);
	}
}

static void cru_i2c_command(struct roc_endpoint *ep, u32 base, u32 cmd)
{
	roc_write32(ep, CRU_I2C_BAR, base + CRU_I2C_COMMAND, cmd);
	roc_write32(ep, CRU_I2C_BAR, base + CRU_I2C_COMMAND, 0);
}

static int cru_i2c_transact(struct roc_endpoint *ep, u32 base, u32 config,
			    u32 cmd, unsigned int us, u32 *status)
{
	cru_i2c_command(ep, base, CRU_I2C_CMD_RESET);
	roc_write32(ep, CRU_I2C_BAR, base + CRU_I2C_CONFIG, config);
	cru_i2c_command(ep, base, cmd);
	return cru_i2c_wait(ep, base, us, status);
}

static int cru_i2c_probe(struct roc_endpoint *ep, u32 base, u8 addr)
{
	u32 status;

	if (cru_i2c_transact(ep, base, (u32)addr << 16, CRU_I2C_CMD_PROBE,
			     CRU_I2C_PROBE_US, &status))
		return -ENXIO;
	return 0;
}

/*
 * One done/ACK bit (P2-3.2): a transfer that never completes is either a chip
 * that did not acknowledge or a hung bus.  A probe tells them apart.
 */
static int cru_i2c_rw(struct roc_endpoint *ep, u32 base, unsigned int us,
		      u8 addr, u8 reg, bool read, u8 *val)
{
	u32 config = (u32)addr << 16 | (u32)reg << 8 | (read ? 0 : *val);
	u32 status;
	int ret;

	ret = cru_i2c_transact(ep, base, config,
			       read ? CRU_I2C_CMD_READ : CRU_I2C_CMD_WRITE,
			       us, &status);
	if (ret) {
		ret = cru_i2c_probe(ep, base, addr) ?: -ETIMEDOUT;
		cru_i2c_command(ep, base, CRU_I2C_CMD_RESET);
		return ret;
	}
	if (read)
		*val = status & CRU_I2C_DATA;
	return 0;
}

/* The adapter */

static int cru_i2c_xfer(struct i2c_adapter *adap, u16 addr,
			unsigned short flags, char read_write, u8 command,
			int size, union i2c_smbus_data *data)
{
	struct cru_i2c_bus *bus = i2c_get_adapdata(adap);
	struct roc_endpoint *ep = bus->ep;
	unsigned int us = jiffies_to_usecs(adap->timeout);
	int idx, ret;
	u8 val;

	if (size != I2C_SMBUS_QUICK && size != I2C_SMBUS_BYTE_DATA)
		return -EOPNOTSUPP;
	if (addr > 0x7f)
		return -EINVAL;
	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;

	if (size == I2C_SMBUS_QUICK) {
		ret = cru_i2c_probe(ep, bus->base, addr);
	} else if (read_write == I2C_SMBUS_READ) {
		ret = cru_i2c_rw(ep, bus->base, us, addr, command, true, &val);
		if (!ret)
			data->byte = val;
	} else {
		val = data->byte;
		ret = cru_i2c_rw(ep, bus->base, us, addr, command, false, &val);
	}
	roc_ep_exit(idx);
	if (ret)
		dev_dbg(&adap->dev, "0x%02x: %s failed: %d\n", addr,
			size == I2C_SMBUS_QUICK ? "probe" :
			read_write == I2C_SMBUS_READ ? "read" : "write", ret);
	return ret;
}

static u32 cru_i2c_func(struct i2c_adapter *adap)
{
	return I2C_FUNC_SMBUS_QUICK | I2C_FUNC_SMBUS_BYTE_DATA;
}

static const struct i2c_algorithm cru_i2c_algo = {
	.smbus_xfer	= cru_i2c_xfer,
	.functionality	= cru_i2c_func,
};

/* 1.4, P2-3.5: the serial in the EEPROM's JSON, for firmware < v3.6.3 */
static s32 cru_eeprom_serial(struct roc_endpoint *ep)
{
	static const char * const prefixes[] = {
		"\"pn\": \"p40_fv22b", "\"pn\": \"p40_tv20pr"
	};
	static const char suffix[] = "\", \"serial_number_p40\":";
	u32 base = cru_i2c_masters[CRU_I2C_NUM - 1].base;
	unsigned int us = jiffies_to_usecs(HZ / 5);
	char json[EEPROM_MAX + 1], *p = NULL, *end;
	unsigned int i, n = 0;
	long serial;
	int ret;
	u8 c;

	for (i = 0; i < EEPROM_MAX; i++) {
		ret = cru_i2c_rw(ep, base, us, EEPROM_ADDR, i, true, &c);
		if (ret)
			return ret;
		json[n++] = c;
		if (c == '}')
			break;
	}
	json[n] = '\0';

	for (i = 0; i < ARRAY_SIZE(prefixes) && !p; i++) {
		p = strstr(json, prefixes[i]);
		if (p)
			p += strlen(prefixes[i]);
	}
	if (!p)
		return -ENODATA;
	end = strstr(p, suffix);
	if (!end || end == p || end - p > 10)
		return -ENODATA;
	*end = '\0';
	/* the old software parses base 0 (P2-3.5): so do we */
	if (kstrtol(p, 0, &serial) || serial < 0 || serial > S32_MAX)
		return -ENODATA;
	return serial;
}

static void cru_i2c_card_free(struct cru_i2c_card *card)
{
	unsigned int i;

	for (i = 0; i < CRU_I2C_NUM; i++) {
		struct cru_i2c_bus *bus = card->bus[i];

		if (!bus)
			continue;
		/* waits for every user of the adapter (i2c-dev files too) */
		if (bus->added)
			i2c_del_adapter(&bus->adap);
		mutex_destroy(&bus->scan_lock);
		kfree(bus);
	}
	kfree(card);
}

/**
 * roc_cru_i2c_attach() - the CRU's I2C at probe
 * @ep: the endpoint, identified
 *
 * Reads the serial from the EEPROM if the firmware did not give it (1.4),
 * then, on endpoint 0, registers an adapter per master.
 *
 * Return: 0 or -errno; nothing is left registered on failure.
 */
int roc_cru_i2c_attach(struct roc_endpoint *ep)
{
	struct cru_i2c_card *card;
	unsigned int i;
	int idx, ret;

	if (ep->serial < 0 && roc_ep_enter(ep, &idx)) {
		s32 serial = cru_eeprom_serial(ep);

		roc_ep_exit(idx);
		if (serial >= 0) {
			ep->serial = serial;
			dev_info(ep->parent, "CRU serial %d from the EEPROM\n",
				 serial);
		} else {
			dev_warn(ep->parent, "no serial in the EEPROM: %d\n",
				 serial);
		}
	}

	if (ep->endpoint != 0)
		return 0;

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return -ENOMEM;
	card->ep = ep;
	card->serial = ep->serial;

	for (i = 0; i < CRU_I2C_NUM; i++) {
		struct cru_i2c_bus *bus = kzalloc(sizeof(*bus), GFP_KERNEL);

		if (!bus) {
			ret = -ENOMEM;
			goto err_free;
		}
		card->bus[i] = bus;
		mutex_init(&bus->scan_lock);
		bus->ep = ep;
		bus->base = cru_i2c_masters[i].base;
		bus->stale = true;
		bus->adap.owner = THIS_MODULE;
		bus->adap.algo = &cru_i2c_algo;
		bus->adap.timeout = HZ / 5;
		bus->adap.dev.parent = ep->parent;
		snprintf(bus->adap.name, sizeof(bus->adap.name),
			 "%s CRU %s", dev_name(&ep->dev),
			 cru_i2c_masters[i].name);
		i2c_set_adapdata(&bus->adap, bus);
		ret = i2c_add_adapter(&bus->adap);
		if (ret) {
			dev_err(ep->parent, "cannot add I2C adapter %s: %d\n",
				bus->adap.name, ret);
			goto err_free;
		}
		bus->added = true;
	}

	mutex_lock(&cru_i2c_cards_lock);
	list_add(&card->list, &cru_i2c_cards);
	mutex_unlock(&cru_i2c_cards_lock);
	return 0;

err_free:
	cru_i2c_card_free(card);
	return ret;
}

/**
 * roc_cru_i2c_detach() - undo roc_cru_i2c_attach()
 * @ep: the endpoint, still alive
 *
 * Unregisters the adapters of endpoint 0; when it returns no transfer of
 * them runs and none starts.
 */
void roc_cru_i2c_detach(struct roc_endpoint *ep)
{
	struct cru_i2c_card *card, *found = NULL;

	mutex_lock(&cru_i2c_cards_lock);
	list_for_each_entry(card, &cru_i2c_cards, list) {
		if (card->ep == ep) {
			found = card;
			list_del(&card->list);
			break;
		}
	}
	mutex_unlock(&cru_i2c_cards_lock);
	if (found)
		cru_i2c_card_free(found);
}

/*
 * Endpoint 0's MiniPOD adapter of @ep's card, referenced, or NULL: the card
 * whose endpoint 0 has the same bus device (roc_sim), else the same serial.
 */
static struct cru_i2c_bus *cru_minipod_get(struct roc_endpoint *ep)
{
	struct cru_i2c_card *card, *found = NULL;
	struct cru_i2c_bus *bus = NULL;
	struct i2c_adapter *adap;

	mutex_lock(&cru_i2c_cards_lock);
	list_for_each_entry(card, &cru_i2c_cards, list) {
		if (card->ep->parent == ep->parent) {
			found = card;
			break;
		}
		if (!found && ep->serial >= 0 && card->serial == ep->serial)
			found = card;
	}
	if (found) {
		adap = i2c_get_adapter(found->bus[CRU_I2C_MINIPOD]->adap.nr);
		if (adap)
			bus = i2c_get_adapdata(adap);
	}
	mutex_unlock(&cru_i2c_cards_lock);
	return bus;
}

/* P2-3.3 steps 1-2: the RX MiniPODs, in ascending address order */
static void cru_minipod_scan(struct cru_i2c_bus *bus)
{
	struct i2c_adapter *adap = &bus->adap;
	union i2c_smbus_data data;
	u16 addr;

	bus->nr_rx = 0;
	for (addr = 0; addr < 0x80 && bus->nr_rx < MINIPOD_MAX_RX; addr++) {
		if (i2c_smbus_xfer(adap, addr, 0, I2C_SMBUS_WRITE, 0,
				   I2C_SMBUS_QUICK, NULL))
			continue;
		if (i2c_smbus_xfer(adap, addr, 0, I2C_SMBUS_READ, MINIPOD_TYPE,
				   I2C_SMBUS_BYTE_DATA, &data))
			continue;
		if (data.byte == MINIPOD_TYPE_RX)
			bus->rx[bus->nr_rx++] = addr;
	}
	bus->scanned = jiffies;
	bus->stale = false;
}

/**
 * roc_cru_rx_power() - receive power of one of the endpoint's links
 * @ep: the endpoint, inside roc_ep_enter()
 * @link: user link 0-11
 * @uw: power in microwatts
 *
 * P2-3.3: RX MiniPOD number E serves endpoint E; its channel 11 - L is link L.
 *
 * Return: 0, -ENODATA without the endpoint's MiniPOD, or -errno of the bus.
 */
int roc_cru_rx_power(struct roc_endpoint *ep, unsigned int link, long *uw)
{
	struct cru_i2c_bus *bus;
	union i2c_smbus_data msb, lsb;
	unsigned int ch;
	int ret;
	u16 addr;

	if (link >= MINIPOD_CHANNELS || ep->endpoint >= MINIPOD_MAX_RX)
		return -EINVAL;
	bus = cru_minipod_get(ep);
	if (!bus)
		return -ENODATA;

	mutex_lock(&bus->scan_lock);
	if (bus->stale ||
	    (ep->endpoint >= bus->nr_rx &&
	     time_after(jiffies, bus->scanned +
			msecs_to_jiffies(MINIPOD_RESCAN_MS))))
		cru_minipod_scan(bus);
	if (ep->endpoint >= bus->nr_rx) {
		ret = -ENODATA;
		goto out;
	}
	addr = bus->rx[ep->endpoint];
	ch = MINIPOD_CHANNELS - 1 - link;
	ret = i2c_smbus_xfer(&bus->adap, addr, 0, I2C_SMBUS_READ,
			     MINIPOD_RX_POWER(ch), I2C_SMBUS_BYTE_DATA, &msb);
	if (!ret)
		ret = i2c_smbus_xfer(&bus->adap, addr, 0, I2C_SMBUS_READ,
				     MINIPOD_RX_POWER(ch) + 1,
				     I2C_SMBUS_BYTE_DATA, &lsb);
	if (ret) {
		bus->stale = true;
		goto out;
	}
	/* units of 0.1 uW */
	*uw = ((long)msb.byte << 8 | lsb.byte) / 10;
out:
	mutex_unlock(&bus->scan_lock);
	i2c_put_adapter(&bus->adap);
	return ret;
}
