// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the CRU's I2C masters (docs/hardware.md P2-3.2) and the chips
 * behind them, one set per card, shared by its endpoints:
 *
 *   0x30200 sfp1     SFP at 0x51: RX power in registers 0x68/0x69 (P2-3.4)
 *   0x30300 minipod  MiniPODs: RX at 0x30 (endpoint 0) and 0x31 (endpoint
 *                    1), register 177 = 50 and RX power in registers
 *                    64-87, channel c = link 11 - c (P2-3.3); TX at 0x28 and
 *                    0x29, register 177 = 0
 *   0x30400 si5344   PLL at 0x68 \
 *   0x30500 si5345-1 PLL at 0x68  > paged register files (page register
 *   0x30600 si5345-2 PLL at 0x68 /  0x01) that log every write (P2-3.6)
 *   0x30800 eeprom   EEPROM at 0x50: the JSON of P2-3.5 with the card serial
 *
 * A command written to a master's command register runs the transaction at
 * once: the status register gets bit 31 (done) and the byte read, or stays
 * 0 when the chip does not answer.
 *
 * debugfs knobs, /sys/kernel/debug/roc_sim/roc_sim<ID>/:
 *   rx_power_uw   rw   MiniPOD RX power of the card's 24 links in uW
 *                      (link L of endpoint E is 12 E + L): reads the 24
 *                      values; write "L V" to set link L, or "V" for all
 *   power_loss    u32  links (12 E + L) whose receiver sees no light (0)
 *   minipod_missing u32 MiniPODs that do not answer: bit 0 RX 0x30, bit 1
 *                      RX 0x31, bit 2 TX 0x28, bit 3 TX 0x29
 *   sfp_rx_power  u32  SFP1 RX power in 0.1 uW
 *   i2c_nack      u32  7-bit address that never acknowledges on any
 *                      master; 128 or more (default 255): none
 *   i2c_timeout   u32  the next N reads or writes hang (done never set);
 *                      probes still answer
 *   pll_log       rw   the PLL register writes since the log was cleared,
 *                      one per line "<chip> 0x<addr> 0x<value>" (the page
 *                      register writes are not logged); write to clear
 *   pll_writes    u64  PLL register writes ever (page writes excluded)
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "sim.h"

#define I2C_BLOCK_START		0x30000
#define I2C_BLOCK_END		0x30900
#define I2C_CONFIG		0x0
#define I2C_COMMAND		0x4
#define  I2C_CMD_WRITE		0x1
#define  I2C_CMD_READ		0x2
#define  I2C_CMD_PROBE		0x4
#define  I2C_CMD_RESET		0x8
#define I2C_STATUS		0x10
#define  I2C_DONE		BIT(31)

#define M_SFP1			0x30200
#define M_MINIPOD		0x30300
#define M_SI5344		0x30400
#define M_SI5345_1		0x30500
#define M_SI5345_2		0x30600
#define M_EEPROM		0x30800

#define PLL_ADDR		0x68
#define PLL_PAGES		12
#define PLL_PAGE_REG		0x01
#define PLL_LOG_MAX		8192

#define LINKS			24

static const u8 minipod_addr[4] = { 0x30, 0x31, 0x28, 0x29 };

struct roc_sim_pll {
	u8 page;
	u8 regs[PLL_PAGES][256];
};

/**
 * struct roc_sim_i2c - the I2C chips of one simulated CRU
 * @lock: protects everything below; taken inside &roc_sim_ep.lock
 * @eeprom: EEPROM content
 * @rx_power: knob, per physical link, uW
 * @power_loss: knob
 * @minipod_missing: knob
 * @sfp_rx_power: knob
 * @nack: knob
 * @timeout: knob
 * @pll: Si5344, Si5345 #1, Si5345 #2
 * @log: logged PLL writes: chip << 24 | addr << 8 | value
 * @log_len: entries of @log
 * @writes: PLL writes ever
 */
struct roc_sim_i2c {
	spinlock_t lock;	/* the model */
	char eeprom[128];
	u32 rx_power[LINKS];
	u32 power_loss;
	u32 minipod_missing;
	u32 sfp_rx_power;
	u32 nack;
	u32 timeout;
	struct roc_sim_pll pll[3];
	u32 log[PLL_LOG_MAX];
	u32 log_len;
	u64 writes;
};

static const char * const pll_names[3] = { "si5344", "si5345-1", "si5345-2" };

static int pll_index(u32 base)
{
	switch (base) {
	case M_SI5344:
		return 0;
	case M_SI5345_1:
		return 1;
	case M_SI5345_2:
		return 2;
	}
	return -1;
}

/* Is chip @addr on master @base there?  Lock held. */
static bool chip_present(struct roc_sim_i2c *s, u32 base, u8 addr)
{
	unsigned int i;

	if (addr == s->nack)
		return false;
	switch (base) {
	case M_SFP1:
		return addr == 0x51;
	case M_MINIPOD:
		for (i = 0; i < ARRAY_SIZE(minipod_addr); i++)
			if (addr == minipod_addr[i])
				return !(s->minipod_missing & BIT(i));
		return false;
	case M_SI5344:
	case M_SI5345_1:
	case M_SI5345_2:
		return addr == PLL_ADDR;
	case M_EEPROM:
		return addr == 0x50;
	}
	return false;
}

static u8 minipod_read(struct roc_sim_i2c *s, u8 addr, u8 reg)
{
	unsigned int k = addr - minipod_addr[0], c, link;
	u32 raw;

	if (addr != minipod_addr[0] && addr != minipod_addr[1])
		return 0;	/* TX: not an RX MiniPOD, no RX power */
	if (reg == 177)
		return 50;
	if (reg < 64 || reg > 87)
		return 0;
	c = (reg - 64) / 2;
	link = 12 * k + 11 - c;
	raw = (s->power_loss & BIT(link)) ? 0 :
	      min_t(u32, s->rx_power[link] * 10, 0xffff);
	return (reg & 1) ? raw & 0xff : raw >> 8;
}

static u8 chip_read(struct roc_sim_i2c *s, u32 base, u8 addr, u8 reg)
{
	int p = pll_index(base);

	switch (base) {
	case M_SFP1:
		if (reg == 0x68)
			return min_t(u32, s->sfp_rx_power, 0xffff) >> 8;
		if (reg == 0x69)
			return min_t(u32, s->sfp_rx_power, 0xffff) & 0xff;
		return 0;
	case M_MINIPOD:
		return minipod_read(s, addr, reg);
	case M_EEPROM:
		return reg < sizeof(s->eeprom) ? s->eeprom[reg] : 0xff;
	}
	if (p < 0)
		return 0;
	if (reg == PLL_PAGE_REG)
		return s->pll[p].page;
	return s->pll[p].regs[s->pll[p].page % PLL_PAGES][reg];
}

static void chip_write(struct roc_sim_i2c *s, u32 base, u8 reg, u8 val)
{
	int p = pll_index(base);
	struct roc_sim_pll *pll;

	if (p < 0)
		return;		/* EEPROM write protected, SFP/MiniPOD ignore */
	pll = &s->pll[p];
	if (reg == PLL_PAGE_REG) {
		pll->page = val;
		return;
	}
	pll->regs[pll->page % PLL_PAGES][reg] = val;
	s->writes++;
	if (s->log_len < PLL_LOG_MAX)
		s->log[s->log_len++] = (u32)p << 24 | (u32)pll->page << 16 |
				       (u32)reg << 8 | val;
}

/**
 * roc_sim_cru_i2c_write() - a write to BAR2 of a CRU endpoint, I2C block
 * @sep: the endpoint; &roc_sim_ep.lock held
 * @off: BAR2 offset, already stored
 * @val: value written
 */
void roc_sim_cru_i2c_write(struct roc_sim_ep *sep, u32 off, u32 val)
{
	struct roc_sim_i2c *s = sep->card->simdev->i2c;
	u32 base = off & ~0xffU, reg = off & 0xff, status = 0, config;
	u8 addr, creg;

	if (!s || off < I2C_BLOCK_START || off >= I2C_BLOCK_END ||
	    reg != I2C_COMMAND || !val)
		return;

	spin_lock(&s->lock);
	config = roc_sim_reg_get(sep, ROC_SIM_CRU_BAR2, base + I2C_CONFIG);
	addr = (config >> 16) & 0x7f;
	creg = (config >> 8) & 0xff;
	switch (val) {
	case I2C_CMD_RESET:
		break;
	case I2C_CMD_PROBE:
		if (chip_present(s, base, addr))
			status = I2C_DONE;
		break;
	case I2C_CMD_READ:
	case I2C_CMD_WRITE:
		if (!chip_present(s, base, addr))
			break;
		if (s->timeout) {
			s->timeout--;
			break;
		}
		if (val == I2C_CMD_READ) {
			status = I2C_DONE | chip_read(s, base, addr, creg);
		} else {
			chip_write(s, base, creg, config & 0xff);
			status = I2C_DONE;
		}
		break;
	}
	spin_unlock(&s->lock);
	roc_sim_reg_set(sep, ROC_SIM_CRU_BAR2, base + I2C_STATUS, status);
}

static int rx_power_show(struct seq_file *m, void *v)
{
	struct roc_sim_i2c *s = m->private;
	u32 vals[LINKS];
	unsigned int i;

	spin_lock_bh(&s->lock);
	memcpy(vals, s->rx_power, sizeof(vals));
	spin_unlock_bh(&s->lock);
	for (i = 0; i < LINKS; i++)
		seq_printf(m, "%u%c", vals[i], i == LINKS - 1 ? '\n' : ' ');
	return 0;
}

static int rx_power_open(struct inode *inode, struct file *file)
{
	return single_open(file, rx_power_show, inode->i_private);
}

static ssize_t rx_power_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	struct roc_sim_i2c *s = ((struct seq_file *)file->private_data)->private;
	unsigned int link, val, i;
	char buf[32];
	int n;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	n = sscanf(buf, "%u %u", &link, &val);
	if (n == 1)
		val = link;
	else if (n != 2 || link >= LINKS)
		return -EINVAL;
	if (val > 6553)		/* 16 bits of 0.1 uW */
		return -ERANGE;
	spin_lock_bh(&s->lock);
	for (i = 0; i < LINKS; i++)
		if (n == 1 || i == link)
			s->rx_power[i] = val;
	spin_unlock_bh(&s->lock);
	return len;
}

static const struct file_operations rx_power_fops = {
	.owner		= THIS_MODULE,
	.open		= rx_power_open,
	.read		= seq_read,
	.write		= rx_power_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static int pll_log_show(struct seq_file *m, void *v)
{
	struct roc_sim_i2c *s = m->private;
	u32 *log, len, i;

	log = kvmalloc_array(PLL_LOG_MAX, sizeof(*log), GFP_KERNEL);
	if (!log)
		return -ENOMEM;
	spin_lock_bh(&s->lock);
	len = s->log_len;
	memcpy(log, s->log, len * sizeof(*log));
	spin_unlock_bh(&s->lock);
	for (i = 0; i < len; i++)
		seq_printf(m, "%s 0x%04x 0x%02x\n", pll_names[log[i] >> 24],
			   (log[i] >> 8) & 0xffff, log[i] & 0xff);
	kvfree(log);
	return 0;
}

static int pll_log_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, pll_log_show, inode->i_private,
				PLL_LOG_MAX * 24);
}

static ssize_t pll_log_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	struct roc_sim_i2c *s = ((struct seq_file *)file->private_data)->private;

	spin_lock_bh(&s->lock);
	s->log_len = 0;
	spin_unlock_bh(&s->lock);
	return len;
}

static const struct file_operations pll_log_fops = {
	.owner		= THIS_MODULE,
	.open		= pll_log_open,
	.read		= seq_read,
	.write		= pll_log_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/**
 * roc_sim_cru_i2c_init() - the I2C chips of a new simulated CRU, and their
 *	knobs in the card's debugfs directory
 * @simdev: the card; its @ddir exists
 *
 * Without memory the card has no I2C chips: every probe fails.
 */
void roc_sim_cru_i2c_init(struct roc_sim_dev *simdev)
{
	struct roc_sim_i2c *s;
	unsigned int i;

	s = kvzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return;
	spin_lock_init(&s->lock);
	snprintf(s->eeprom, sizeof(s->eeprom),
		 "{\"cn\": \"roc_sim\", \"dt\": \"2019-06-17\", \"io\": \"24/24\", \"pn\": \"p40_fv22b%u\", \"serial_number_p40\": \"18-02409 - 0136\"}",
		 simdev->serial);
	for (i = 0; i < LINKS; i++)
		s->rx_power[i] = 400 + 10 * i;
	s->sfp_rx_power = 5000;		/* 500 uW, -3 dBm */
	/*
	 * The Si5345s power up with the TTC input selected (P2-3.6, register
	 * 0x052A as the TTC maps set it), the clock the firmware starts with.
	 */
	s->pll[1].regs[0x05][0x2a] = 0x03;
	s->pll[2].regs[0x05][0x2a] = 0x03;
	s->nack = 255;
	simdev->i2c = s;

	debugfs_create_file("rx_power_uw", 0600, simdev->ddir, s,
			    &rx_power_fops);
	debugfs_create_u32("power_loss", 0600, simdev->ddir, &s->power_loss);
	debugfs_create_u32("minipod_missing", 0600, simdev->ddir,
			   &s->minipod_missing);
	debugfs_create_u32("sfp_rx_power", 0600, simdev->ddir,
			   &s->sfp_rx_power);
	debugfs_create_u32("i2c_nack", 0600, simdev->ddir, &s->nack);
	debugfs_create_u32("i2c_timeout", 0600, simdev->ddir, &s->timeout);
	debugfs_create_file("pll_log", 0600, simdev->ddir, s, &pll_log_fops);
	debugfs_create_u64("pll_writes", 0400, simdev->ddir, &s->writes);
}

/* After the card's debugfs directory is gone and no endpoint is bound. */
void roc_sim_cru_i2c_exit(struct roc_sim_dev *simdev)
{
	kvfree(simdev->i2c);
	simdev->i2c = NULL;
}
