// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the C-RORC's NOR flash behind BAR0 (docs/hardware.md P2-5.5).
 *
 *   0xF0 IFDSR  0x01xxxxxx sets the word address, 0x03xxxxxx writes a
 *               command or data word (low 16 bits), 0x04000000 reads:
 *               the word (read array) or the status (status mode) goes
 *               to IADR.  The model leaves 0 in the register after each
 *               of these (so watch.c sees the next store through mmap()).
 *   0xF4 IADR   the result of the last read
 *   0xF8 LRD    1: ready (the model is never slow to answer a read)
 *
 * The whole range the driver uses is modelled: 0x480000 words (9 MiB,
 * vmalloc'ed per card): the firmware region, a spare block and the serial
 * block, which starts with the card's serial as "S/N: %05d" at byte 28.
 * Everything else reads erased (0xFFFF).  Blocks are 0x10000 words and
 * locked at power-up, as on the real part: erase and program of a locked
 * block fail with status 0x80 | 0x02 | the operation's error bit.
 *
 * Commands: 0x50 clear status, 0x70
 * read status, 0xFF read array, 0x60 then 0xD0 unlock / 0x01 lock / 0x03
 * configuration (at address 0xBDDF: asynchronous mode), 0x20 then 0xD0
 * block erase (words to 0xFFFF), 0x40 then a word: word program, 0xE8,
 * the count - 1 (at most 31), that many words each at its address in the
 * 32-word buffer, then 0xD0: buffer program.  Programming only clears
 * bits.  A wrong word in a sequence (a data word outside the buffer, no
 * 0xD0 where one is due) ends it with 0x30 (command sequence error).
 * Status: 0x80 ready, 0x20 erase error, 0x10 program error, 0x02 block
 * locked.  An erase stays busy for %ROC_SIM_FLASH_ERASE_POLLS reads of the
 * status, a program for %ROC_SIM_FLASH_PROGRAM_POLLS; meanwhile reads give
 * the status without the ready bit and other commands are ignored.
 *
 * Knobs (debugfs, ep0/): flash_fail_erase and flash_fail_program, the
 * number of coming erases / programs to fail (status error bit set, the
 * flash left unchanged).
 */
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "sim.h"

#define ROC_SIM_FLASH_BAR		0
#define ROC_SIM_FLASH_IFDSR		0x0f0
#define ROC_SIM_FLASH_IADR		0x0f4
#define ROC_SIM_FLASH_LRD		0x0f8

#define ROC_SIM_FLASH_OP(v)		((v) >> 24)
#define ROC_SIM_FLASH_OP_ADDR		0x01
#define ROC_SIM_FLASH_OP_WRITE		0x03
#define ROC_SIM_FLASH_OP_READ		0x04

#define ROC_SIM_FLASH_WORDS		0x480000
#define ROC_SIM_FLASH_BLOCK		0x10000
#define ROC_SIM_FLASH_BLOCKS		(ROC_SIM_FLASH_WORDS / ROC_SIM_FLASH_BLOCK)
#define ROC_SIM_FLASH_BUFFER		32
#define ROC_SIM_FLASH_SERIAL		0x470000
#define ROC_SIM_FLASH_CFG_ASYNC		0xbddf

#define ROC_SIM_FLASH_ERASE_POLLS	8
#define ROC_SIM_FLASH_PROGRAM_POLLS	2

#define ROC_SIM_ST_READY		0x80
#define ROC_SIM_ST_ERASE		0x20
#define ROC_SIM_ST_PROGRAM		0x10
#define ROC_SIM_ST_SEQUENCE		0x30
#define ROC_SIM_ST_LOCKED		0x02

enum roc_sim_flash_state {
	ROC_SIM_FLASH_IDLE,
	ROC_SIM_FLASH_CONFIG,		/* 0x60 seen */
	ROC_SIM_FLASH_ERASE,		/* 0x20 seen */
	ROC_SIM_FLASH_WORD,		/* 0x40 seen */
	ROC_SIM_FLASH_COUNT,		/* 0xE8 seen */
	ROC_SIM_FLASH_DATA,		/* buffer words */
	ROC_SIM_FLASH_CONFIRM,		/* buffer full, 0xD0 next */
};

/**
 * struct roc_sim_flash - the flash; protected by &roc_sim_ep.lock
 * @mem: the words
 * @locked: bit per block
 * @addr: the word address last set
 * @state: where in a command sequence
 * @status_mode: reads give the status
 * @async: the configuration register says asynchronous mode
 * @status: the status register
 * @busy: status reads until ready
 * @buf_base: first word of the buffer window of a buffer program
 * @buf_left: words still to come
 * @buf_n: words in @buf_addr, @buf
 * @buf_addr: their addresses
 * @buf: their values
 * @fail_erase: knob, erases to fail
 * @fail_program: knob, programs to fail
 */
struct roc_sim_flash {
	u16 *mem;
	DECLARE_BITMAP(locked, ROC_SIM_FLASH_BLOCKS);
	u32 addr;
	enum roc_sim_flash_state state;
	bool status_mode;
	bool async;
	u8 status;
	u32 busy;
	u32 buf_base;
	u32 buf_left;
	u32 buf_n;
	u32 buf_addr[ROC_SIM_FLASH_BUFFER];
	u16 buf[ROC_SIM_FLASH_BUFFER];
	u32 fail_erase;
	u32 fail_program;
};

struct roc_sim_flash *roc_sim_crorc_flash_alloc(u32 serial)
{
	struct roc_sim_flash *fl = kzalloc(sizeof(*fl), GFP_KERNEL);
	char text[16];
	u8 *serial_block;
	int n;

	if (!fl)
		return NULL;
	fl->mem = vmalloc(ROC_SIM_FLASH_WORDS * sizeof(u16));
	if (!fl->mem) {
		kfree(fl);
		return NULL;
	}
	memset(fl->mem, 0xff, ROC_SIM_FLASH_WORDS * sizeof(u16));
	/* P2-5.5: the serial as text at byte 28 of the serial block */
	n = snprintf(text, sizeof(text), "S/N: %05u", serial % 100000);
	serial_block = (u8 *)(fl->mem + ROC_SIM_FLASH_SERIAL);
	memcpy(serial_block + 28, text, n);
	bitmap_fill(fl->locked, ROC_SIM_FLASH_BLOCKS);
	fl->status = ROC_SIM_ST_READY;
	return fl;
}

void roc_sim_crorc_flash_free(struct roc_sim_flash *fl)
{
	if (!fl)
		return;
	vfree(fl->mem);
	kfree(fl);
}

static void roc_sim_flash_erase(struct roc_sim_flash *fl)
{
	u32 block = fl->addr / ROC_SIM_FLASH_BLOCK;

	fl->status_mode = true;
	fl->busy = ROC_SIM_FLASH_ERASE_POLLS;
	if (fl->addr >= ROC_SIM_FLASH_WORDS) {
		fl->status |= ROC_SIM_ST_ERASE;
	} else if (test_bit(block, fl->locked)) {
		fl->status |= ROC_SIM_ST_ERASE | ROC_SIM_ST_LOCKED;
	} else if (fl->fail_erase) {
		fl->fail_erase--;
		fl->status |= ROC_SIM_ST_ERASE;
	} else {
		memset(fl->mem + block * ROC_SIM_FLASH_BLOCK, 0xff,
		       ROC_SIM_FLASH_BLOCK * sizeof(u16));
	}
}

/* Program @n words, all or none (locked, out of range, knob). */
static void roc_sim_flash_program(struct roc_sim_flash *fl, const u32 *addr,
				  const u16 *val, unsigned int n)
{
	unsigned int i;

	fl->status_mode = true;
	fl->busy = ROC_SIM_FLASH_PROGRAM_POLLS;
	for (i = 0; i < n; i++) {
		if (addr[i] >= ROC_SIM_FLASH_WORDS) {
			fl->status |= ROC_SIM_ST_PROGRAM;
			return;
		}
		if (test_bit(addr[i] / ROC_SIM_FLASH_BLOCK, fl->locked)) {
			fl->status |= ROC_SIM_ST_PROGRAM | ROC_SIM_ST_LOCKED;
			return;
		}
	}
	if (fl->fail_program) {
		fl->fail_program--;
		fl->status |= ROC_SIM_ST_PROGRAM;
		return;
	}
	for (i = 0; i < n; i++)
		fl->mem[addr[i]] &= val[i];
}

static void roc_sim_flash_sequence_error(struct roc_sim_flash *fl)
{
	fl->status |= ROC_SIM_ST_SEQUENCE;
	fl->status_mode = true;
	fl->state = ROC_SIM_FLASH_IDLE;
}

/* A 0x03 write: a command, or the next word of a sequence. */
static void roc_sim_flash_word(struct roc_sim_flash *fl, u16 v)
{
	u8 cmd = v & 0xff;

	switch (fl->state) {
	case ROC_SIM_FLASH_CONFIG:
		fl->state = ROC_SIM_FLASH_IDLE;
		if (cmd == 0xd0 || cmd == 0x01) {
			if (fl->addr < ROC_SIM_FLASH_WORDS)
				assign_bit(fl->addr / ROC_SIM_FLASH_BLOCK,
					   fl->locked, cmd == 0x01);
			fl->status_mode = true;
		} else if (cmd == 0x03) {
			fl->async = fl->addr == ROC_SIM_FLASH_CFG_ASYNC;
		} else {
			roc_sim_flash_sequence_error(fl);
		}
		return;
	case ROC_SIM_FLASH_ERASE:
		fl->state = ROC_SIM_FLASH_IDLE;
		if (cmd == 0xd0)
			roc_sim_flash_erase(fl);
		else
			roc_sim_flash_sequence_error(fl);
		return;
	case ROC_SIM_FLASH_WORD:
		fl->state = ROC_SIM_FLASH_IDLE;
		roc_sim_flash_program(fl, &fl->addr, &v, 1);
		return;
	case ROC_SIM_FLASH_COUNT:
		if (v >= ROC_SIM_FLASH_BUFFER) {
			roc_sim_flash_sequence_error(fl);
			return;
		}
		fl->buf_left = v + 1;
		fl->buf_n = 0;
		fl->state = ROC_SIM_FLASH_DATA;
		return;
	case ROC_SIM_FLASH_DATA:
		if (fl->addr / ROC_SIM_FLASH_BUFFER !=
		    fl->buf_base / ROC_SIM_FLASH_BUFFER) {
			roc_sim_flash_sequence_error(fl);
			return;
		}
		fl->buf_addr[fl->buf_n] = fl->addr;
		fl->buf[fl->buf_n++] = v;
		if (!--fl->buf_left)
			fl->state = ROC_SIM_FLASH_CONFIRM;
		return;
	case ROC_SIM_FLASH_CONFIRM:
		fl->state = ROC_SIM_FLASH_IDLE;
		if (cmd == 0xd0)
			roc_sim_flash_program(fl, fl->buf_addr, fl->buf,
					      fl->buf_n);
		else
			roc_sim_flash_sequence_error(fl);
		return;
	case ROC_SIM_FLASH_IDLE:
		break;
	}

	switch (cmd) {
	case 0x50:
		fl->status = ROC_SIM_ST_READY;
		break;
	case 0x70:
		fl->status_mode = true;
		break;
	case 0xff:
		fl->status_mode = false;
		break;
	case 0x60:
		fl->state = ROC_SIM_FLASH_CONFIG;
		break;
	case 0x20:
		fl->state = ROC_SIM_FLASH_ERASE;
		break;
	case 0x40:
		fl->state = ROC_SIM_FLASH_WORD;
		break;
	case 0xe8:
		/* the buffer is free at once: reads give the status */
		fl->buf_base = fl->addr;
		fl->status_mode = true;
		fl->state = ROC_SIM_FLASH_COUNT;
		break;
	default:
		roc_sim_flash_sequence_error(fl);
	}
}

static u16 roc_sim_flash_read(struct roc_sim_flash *fl)
{
	if (fl->busy) {
		fl->busy--;
		return fl->status & ~ROC_SIM_ST_READY;
	}
	if (fl->status_mode)
		return fl->status;
	if (!fl->async || fl->addr >= ROC_SIM_FLASH_WORDS)
		return 0xffff;
	return fl->mem[fl->addr];
}

/**
 * roc_sim_crorc_flash_write() - a write of BAR0 IFDSR; lock held
 * @sep: the endpoint
 * @fl: its flash
 * @val: the value
 *
 * Return: true if @val was a flash access (the model has handled it),
 * false for the serial number trigger (1.4) and anything else.
 */
bool roc_sim_crorc_flash_write(struct roc_sim_ep *sep, struct roc_sim_flash *fl,
			       u32 val)
{
	switch (ROC_SIM_FLASH_OP(val)) {
	case ROC_SIM_FLASH_OP_ADDR:
		fl->addr = val & 0xffffff;
		break;
	case ROC_SIM_FLASH_OP_WRITE:
		/* while busy only the status can be read */
		if (!fl->busy)
			roc_sim_flash_word(fl, val & 0xffff);
		break;
	case ROC_SIM_FLASH_OP_READ:
		roc_sim_reg_set(sep, ROC_SIM_FLASH_BAR, ROC_SIM_FLASH_IADR,
				roc_sim_flash_read(fl));
		break;
	default:
		return false;
	}
	roc_sim_reg_set(sep, ROC_SIM_FLASH_BAR, ROC_SIM_FLASH_LRD, 1);
	roc_sim_reg_set(sep, ROC_SIM_FLASH_BAR, ROC_SIM_FLASH_IFDSR, 0);
	return true;
}

void roc_sim_crorc_flash_debugfs(struct roc_sim_flash *fl, struct dentry *dir)
{
	debugfs_create_u32("flash_fail_erase", 0600, dir, &fl->fail_erase);
	debugfs_create_u32("flash_fail_program", 0600, dir, &fl->fail_program);
}
