// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the C-RORC firmware flash as an MTD device (docs/hardware.md
 * P2-5.5).
 *
 * The flash is a 16-bit NOR flash behind three BAR0 registers: 0xF0 takes
 * an address (0x01 in the top byte), a command or data word (0x03) or a
 * read (0x04), whose result 0xF4 then holds.  MTD offsets are bytes: word
 * w is bytes 2w (low byte) and 2w + 1.  One MTD master per card, named
 * "rocN C-RORC flash", is registered with two partitions, "rocN C-RORC
 * firmware" (words 0x000000-0x45FFFF) and "rocN C-RORC serial" (the block
 * at 0x470000), so that flashcp, flash_erase and mtd_debug work on them.
 * The serial partition is read-only unless the module parameter
 * flash_serial_writable is set when the card appears.
 *
 * Each operation starts from a known state (clear status, asynchronous
 * mode, read array), so whatever a killed process left half done, the next
 * operation works: a buffer program or an erase, once started, always runs
 * to its status check, and a fatal signal is only taken between them.
 * Every block is unlocked right before it is erased or programmed.  The
 * waits for the status register are bounded; an error bit in it is -EIO,
 * no ready bit in time -ETIMEDOUT, both with a message naming the card.
 *
 * Writing and erasing need CAP_SYS_ADMIN, checked in the operations
 * themselves (the /dev/mtdN nodes are root's by default, but a node made
 * accessible to others must not let them rewrite the firmware).  Reading
 * needs only access to the node.
 *
 * Lifetime: the MTD core holds a reference (_get_device) for every open
 * of a partition; the structure lives until the last one goes.  At detach
 * the operation in progress finishes, every later one fails with -ENODEV,
 * and the partitions are unregistered, before the hardware goes.
 */
#include <linux/capability.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mtd/mtd.h>
#include <linux/mtd/partitions.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "roc.h"

/* P2-5.5: the interface in BAR0 */
#define FLASH_BAR		0
#define FLASH_IFDSR		0xf0
#define  FLASH_SET_ADDR		0x01000000
#define  FLASH_WRITE		0x03000000
#define  FLASH_READ		0x04000000
#define  FLASH_ADDR_MASK	0x00ffffff
#define FLASH_IADR		0xf4

/* P2-5.5: commands */
#define FLASH_CMD_CLEAR_STATUS	0x50
#define FLASH_CMD_CONFIG	0x60
#define FLASH_CMD_ASYNC		0x03
#define FLASH_CFG_ASYNC_ADDR	0xbddf
#define FLASH_CMD_READ_STATUS	0x70
#define FLASH_CMD_UNLOCK	0xd0	/* after FLASH_CMD_CONFIG */
#define FLASH_CMD_ERASE		0x20
#define FLASH_CMD_CONFIRM	0xd0
#define FLASH_CMD_BUFFER	0xe8
#define FLASH_CMD_READ_ARRAY	0xff

#define FLASH_ST_READY		0x80
#define FLASH_ST_ERRORS		0x3e	/* erase, program, VPP, -, locked */

/* P2-5.5: the layout, in 16-bit words */
#define FLASH_BLOCK_WORDS	0x10000
#define FLASH_BUFFER_WORDS	32
#define FLASH_FW_WORDS		0x460000
#define FLASH_SERIAL_WORD	0x470000
#define FLASH_WORDS		0x480000

#define FLASH_ERASE_MS		10000	/* a block erase: seconds at worst */
#define FLASH_PROGRAM_MS	500	/* a buffer program: < 1 ms typical */
#define FLASH_FAST_POLLS	16

static bool flash_serial_writable;
module_param(flash_serial_writable, bool, 0644);
MODULE_PARM_DESC(flash_serial_writable,
		 "C-RORC cards that appear from now on have a writable flash serial partition");

/**
 * struct crorc_flash - the flash of one C-RORC
 * @mtd: the MTD master (not registered itself: its partitions are)
 * @ref: held by the card until detach and by every MTD user
 * @lock: one flash operation at a time
 * @ep: the endpoint, referenced
 * @gone: set at detach; no operation touches the card afterwards
 * @list: entry in crorc_flashes
 * @name: @mtd's name
 * @part_name: the partitions' names
 * @parts: the partitions
 */
struct crorc_flash {
	struct mtd_info mtd;
	struct kref ref;
	struct mutex lock;	/* one flash operation at a time */
	struct roc_endpoint *ep;
	bool gone;
	struct list_head list;
	char name[40];
	char part_name[2][40];
	struct mtd_partition parts[2];
};

static LIST_HEAD(crorc_flashes);
static DEFINE_MUTEX(crorc_flashes_lock);	/* protects crorc_flashes */

static struct crorc_flash *to_flash(struct mtd_info *mtd)
{
	return container_of(mtd, struct crorc_flash, mtd);
}

static void crorc_flash_release(struct kref *ref)
{
	struct crorc_flash *f = container_of(ref, struct crorc_flash, ref);

	put_device(&f->ep->dev);
	mutex_destroy(&f->lock);
	kfree(f);
}

static int crorc_flash_get_device(struct mtd_info *mtd)
{
	kref_get(&to_flash(mtd)->ref);
	return 0;
}

static void crorc_flash_put_device(struct mtd_info *mtd)
{
	kref_put(&to_flash(mtd)->ref, crorc_flash_release);
}

/* Register access, inside roc_ep_enter() */
static void flash_wr(struct crorc_flash *f, u32 val)
{
	roc_write32(f->ep, FLASH_BAR, FLASH_IFDSR, val);
}

static void flash_addr(struct crorc_flash *f, u32 word)
{
	flash_wr(f, FLASH_SET_ADDR | (word & FLASH_ADDR_MASK));
}

static void flash_cmd(struct crorc_flash *f, u32 cmd)
{
	flash_wr(f, FLASH_WRITE | cmd);
}

static u16 flash_rd(struct crorc_flash *f)
{
	flash_wr(f, FLASH_READ);
	return roc_read32(f->ep, FLASH_BAR, FLASH_IADR) & 0xffff;
}

/*
 * Poll the status register until the ready bit (the device is in status
 * mode already), then check the error bits.  Leaves the status clear.
 */
static int flash_wait(struct crorc_flash *f, u32 word, unsigned int ms,
		      const char *what)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(ms);
	unsigned int n;
	u16 st;

	for (n = 0;; n++) {
		/* judged before the read: a late poller reads once more */
		bool late = time_after(jiffies, deadline);

		st = flash_rd(f) & 0xff;
		if (st & FLASH_ST_READY)
			break;
		if (late) {
			dev_err(&f->ep->dev,
				"C-RORC flash: %s at word 0x%06x timed out, status 0x%02x\n",
				what, word, st);
			return -ETIMEDOUT;
		}
		if (n < FLASH_FAST_POLLS)
			cpu_relax();
		else
			usleep_range(20, 50);
	}
	if (st & FLASH_ST_ERRORS) {
		dev_err(&f->ep->dev,
			"C-RORC flash: %s at word 0x%06x failed, status 0x%02x\n",
			what, word, st);
		flash_cmd(f, FLASH_CMD_CLEAR_STATUS);
		return -EIO;
	}
	return 0;
}

/*
 * A known state whatever came before: status clear, async, read array.
 * A sequence somebody left half written (raw register writes) takes the
 * first words as wrong ones and ends with an error the second clear
 * status clears.
 */
static void flash_reset(struct crorc_flash *f)
{
	flash_cmd(f, FLASH_CMD_CLEAR_STATUS);
	flash_addr(f, FLASH_CFG_ASYNC_ADDR);
	flash_cmd(f, FLASH_CMD_CONFIG);
	flash_cmd(f, FLASH_CMD_ASYNC);
	flash_cmd(f, FLASH_CMD_CLEAR_STATUS);
	flash_cmd(f, FLASH_CMD_READ_ARRAY);
}

/*
 * Start an operation: the lock, the card still there.  Returns with the
 * lock held and *idx to give to flash_end(), or -errno without the lock.
 */
static int flash_begin(struct crorc_flash *f, int *idx)
{
	mutex_lock(&f->lock);
	if (READ_ONCE(f->gone) || !roc_ep_enter(f->ep, idx)) {
		mutex_unlock(&f->lock);
		return -ENODEV;
	}
	flash_reset(f);
	return 0;
}

static void flash_end(struct crorc_flash *f, int idx)
{
	flash_cmd(f, FLASH_CMD_READ_ARRAY);
	roc_ep_exit(idx);
	mutex_unlock(&f->lock);
}

/* Between steps of a long operation: card gone, fatal signal? */
static int flash_check(struct crorc_flash *f)
{
	if (READ_ONCE(f->gone))
		return -ENODEV;
	if (fatal_signal_pending(current))
		return -EINTR;
	return 0;
}

static int flash_unlock(struct crorc_flash *f, u32 block)
{
	flash_addr(f, block);
	flash_cmd(f, FLASH_CMD_CONFIG);
	flash_cmd(f, FLASH_CMD_UNLOCK);
	flash_cmd(f, FLASH_CMD_READ_STATUS);
	return flash_wait(f, block, FLASH_PROGRAM_MS, "unlock");
}

static int crorc_flash_read(struct mtd_info *mtd, loff_t from, size_t len,
			    size_t *retlen, u_char *buf)
{
	struct crorc_flash *f = to_flash(mtd);
	u32 word = from / 2;
	size_t done = 0;
	int idx, ret;
	u16 v;

	ret = flash_begin(f, &idx);
	if (ret)
		return ret;
	while (done < len) {
		if (!(word % FLASH_BLOCK_WORDS) && done) {
			ret = flash_check(f);
			if (ret)
				break;
		}
		flash_addr(f, word);
		v = flash_rd(f);
		if ((from + done) % 2 == 0) {
			buf[done++] = v & 0xff;
			if (done == len)
				break;
		}
		buf[done++] = v >> 8;
		word++;
	}
	flash_end(f, idx);
	*retlen = done;
	return ret;
}

/*
 * Program words [@word, @word + @n) (one buffer: same 32-word window) from
 * the bytes of [@to, @to + @len) in @buf; bytes outside read as 0xFF,
 * which leaves the flash's byte as it is.
 */
static int flash_program(struct crorc_flash *f, u32 word, unsigned int n,
			 loff_t to, size_t len, const u_char *buf)
{
	unsigned int i, b;
	u16 v;
	int ret;

	flash_addr(f, word);
	flash_cmd(f, FLASH_CMD_BUFFER);
	ret = flash_wait(f, word, FLASH_PROGRAM_MS, "buffer program");
	if (ret)
		return ret;
	flash_cmd(f, n - 1);
	for (i = 0; i < n; i++) {
		v = 0;
		for (b = 0; b < 2; b++) {
			loff_t pos = 2 * (loff_t)(word + i) + b;
			u16 byte = pos >= to && pos < to + len ?
				   buf[pos - to] : 0xff;

			v |= byte << (8 * b);
		}
		flash_addr(f, word + i);
		flash_cmd(f, v);
	}
	flash_addr(f, word);
	flash_cmd(f, FLASH_CMD_CONFIRM);
	flash_cmd(f, FLASH_CMD_READ_STATUS);
	return flash_wait(f, word, FLASH_PROGRAM_MS, "program");
}

static int crorc_flash_write(struct mtd_info *mtd, loff_t to, size_t len,
			     size_t *retlen, const u_char *buf)
{
	struct crorc_flash *f = to_flash(mtd);
	u32 word = to / 2, end = (to + len + 1) / 2, n;
	u32 unlocked = U32_MAX;
	int idx, ret;

	/* the node's mode is not enough, see the top of the file */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = flash_begin(f, &idx);
	if (ret)
		return ret;
	while (word < end) {
		u32 block = round_down(word, FLASH_BLOCK_WORDS);

		ret = flash_check(f);
		if (ret)
			break;
		if (block != unlocked) {
			ret = flash_unlock(f, block);
			if (ret)
				break;
			unlocked = block;
		}
		n = min(end - word,
			FLASH_BUFFER_WORDS - word % FLASH_BUFFER_WORDS);
		ret = flash_program(f, word, n, to, len, buf);
		if (ret)
			break;
		word += n;
	}
	flash_end(f, idx);
	/* whole words are written: a partial count is their bytes */
	if (!ret)
		*retlen = len;
	else if (2 * (loff_t)word > to)
		*retlen = min_t(size_t, len, 2 * (loff_t)word - to);
	else
		*retlen = 0;
	return ret;
}

static int crorc_flash_erase(struct mtd_info *mtd, struct erase_info *instr)
{
	struct crorc_flash *f = to_flash(mtd);
	u64 addr = instr->addr;
	int idx, ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (addr % mtd->erasesize || instr->len % mtd->erasesize)
		return -EINVAL;
	ret = flash_begin(f, &idx);
	if (ret)
		return ret;
	for (; addr < instr->addr + instr->len; addr += mtd->erasesize) {
		u32 block = addr / 2;

		ret = flash_check(f);
		if (!ret)
			ret = flash_unlock(f, block);
		if (ret)
			break;
		flash_addr(f, block);
		flash_cmd(f, FLASH_CMD_ERASE);
		flash_cmd(f, FLASH_CMD_CONFIRM);
		flash_cmd(f, FLASH_CMD_READ_STATUS);
		ret = flash_wait(f, block, FLASH_ERASE_MS, "erase");
		if (ret)
			break;
	}
	if (ret)
		instr->fail_addr = addr;
	flash_end(f, idx);
	return ret;
}

/*
 * The card's partitions are fixed (docs/hardware.md P2-5.5): ask the MTD
 * core for no partition parser.  By default it tries cmdlinepart and
 * ofpart for the device and each partition, a request_module() (a modprobe
 * process) each time, which made creating a C-RORC take seconds.
 */
static const char * const crorc_flash_no_parsers[] = { NULL };

/**
 * roc_crorc_flash_attach() - register the flash of a C-RORC as MTD
 * @ep: the endpoint, identified
 *
 * Return: 0 or -errno; nothing is left registered on failure.
 */
int roc_crorc_flash_attach(struct roc_endpoint *ep)
{
	struct crorc_flash *f;
	int ret;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	kref_init(&f->ref);
	mutex_init(&f->lock);
	get_device(&ep->dev);
	f->ep = ep;
	snprintf(f->name, sizeof(f->name), "%s C-RORC flash",
		 dev_name(&ep->dev));
	snprintf(f->part_name[0], sizeof(f->part_name[0]),
		 "%s C-RORC firmware", dev_name(&ep->dev));
	snprintf(f->part_name[1], sizeof(f->part_name[1]),
		 "%s C-RORC serial", dev_name(&ep->dev));

	f->parts[0].types = crorc_flash_no_parsers;
	f->parts[1].types = crorc_flash_no_parsers;
	f->parts[0].name = f->part_name[0];
	f->parts[0].offset = 0;
	f->parts[0].size = 2 * FLASH_FW_WORDS;
	f->parts[1].name = f->part_name[1];
	f->parts[1].offset = 2 * FLASH_SERIAL_WORD;
	f->parts[1].size = 2 * FLASH_BLOCK_WORDS;
	if (!READ_ONCE(flash_serial_writable))
		f->parts[1].mask_flags = MTD_WRITEABLE;

	f->mtd.name = f->name;
	f->mtd.type = MTD_NORFLASH;
	f->mtd.flags = MTD_CAP_NORFLASH;
	f->mtd.size = 2 * FLASH_WORDS;
	f->mtd.erasesize = 2 * FLASH_BLOCK_WORDS;
	f->mtd.writesize = 2;
	f->mtd.writebufsize = 2 * FLASH_BUFFER_WORDS;
	f->mtd.owner = THIS_MODULE;
	f->mtd.dev.parent = roc_mtd_parent(ep->parent);
	f->mtd._read = crorc_flash_read;
	f->mtd._write = crorc_flash_write;
	f->mtd._erase = crorc_flash_erase;
	f->mtd._get_device = crorc_flash_get_device;
	f->mtd._put_device = crorc_flash_put_device;

	ret = mtd_device_parse_register(&f->mtd, crorc_flash_no_parsers, NULL,
					f->parts, ARRAY_SIZE(f->parts));
	if (ret) {
		dev_err(ep->parent, "%s: cannot register MTD device: %d\n",
			f->name, ret);
		kref_put(&f->ref, crorc_flash_release);
		return ret;
	}

	mutex_lock(&crorc_flashes_lock);
	list_add(&f->list, &crorc_flashes);
	mutex_unlock(&crorc_flashes_lock);
	return 0;
}

/**
 * roc_crorc_flash_detach() - undo roc_crorc_flash_attach()
 * @ep: the endpoint, still alive
 *
 * When it returns no flash operation runs on the card and none starts;
 * the structure goes with the last user of the MTD devices.
 */
void roc_crorc_flash_detach(struct roc_endpoint *ep)
{
	struct crorc_flash *f, *found = NULL;
	int ret;

	mutex_lock(&crorc_flashes_lock);
	list_for_each_entry(f, &crorc_flashes, list) {
		if (f->ep == ep) {
			found = f;
			list_del(&f->list);
			break;
		}
	}
	mutex_unlock(&crorc_flashes_lock);
	if (!found)
		return;

	/* the operation in progress stops at its next step */
	WRITE_ONCE(found->gone, true);
	mutex_lock(&found->lock);
	mutex_unlock(&found->lock);

	ret = mtd_device_unregister(&found->mtd);
	if (ret) {
		/* still registered: leak it rather than free it under MTD */
		dev_err(ep->parent, "%s: cannot unregister MTD device: %d\n",
			found->name, ret);
		return;
	}
	kref_put(&found->ref, crorc_flash_release);
}
