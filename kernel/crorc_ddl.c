// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the C-RORC DDL command path (docs/hardware.md 4.2, P2-5.1,
 * P2-5.2, P2-5.3).
 *
 * A DDL command is one word written to C_DCR of the channel's BAR; every
 * answer is a status word read from C_DSR while C_CSR bit 23 says one is
 * waiting.  Unlike the old stack, the command FIFO (C_CSR bit 16) is
 * checked before writing, the wait for the reply is bounded, and the
 * status word is checked: destination and transaction ID echo the
 * command, the code is the one expected, the error bit is clear.  Any
 * other outcome is an error whose message names the channel, the command
 * and what came back.
 *
 * The DDL commands of all cards are serialised by one mutex: they are
 * rare (start, stop, reset, status), and a status read by one process
 * must not take the replies of another's start.
 *
 * What the commands find out about a link is kept per channel
 * (&roc_channel.ddl_state): the DIU's port state when a status read finds
 * the link down, whether the SIU answered the last command sent over the
 * link.  crorc_ddl_link_state() joins it to C_CSR bit 13 as read now, for
 * the netlink link attributes; nothing is sent to read it.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include <uapi/linux/roc_netlink.h>

#include "crorc_ddl.h"

#define CRORC_DG_CFG			0x020
#define  CRORC_DG_RUN			BIT(31)

/* P2-5.1: destinations, codes */
#define DDL_DEST_DIU			1
#define DDL_DEST_SIU			2
#define DDL_DEST_FEE			4
#define DDL_RANDCIFST			0
#define DDL_RHWVER			6
#define DDL_IFLOOP			9
#define DDL_SRST			15
#define FEE_RDYRX			1
#define FEE_STBRD			5
#define FEE_EOBTR			11
#define STW_CTSTW			0
#define STW_CTSTW_TO			1
#define STW_ILCMD			2
#define STW_HWSTW			6
#define STW_IFSTW			12
#define STW_ERROR			BIT(31)
#define DDL_PORT_ONLINE			2
#define DDL_PORT_NO_SIGNAL		4
#define DDL_PORT_LOSS_OF_SYNC		5

#define DDL_FIFO_MS			10	/* command FIFO drains */
#define DDL_REPLY_MS			100	/* P2-5.2: reply within 100 ms */
#define DDL_LINK_READS			1000	/* 4.2: link-up assertion */
#define DDL_LINK_MS			2000
#define DDL_DRAIN_MAX			16

static DEFINE_MUTEX(crorc_ddl_lock);
static atomic_t crorc_ddl_tid = ATOMIC_INIT(0);

static const char *const ddl_dest_name[16] = {
	[0] = "RORC", [DDL_DEST_DIU] = "DIU", [DDL_DEST_SIU] = "SIU",
	[3] = "DSI", [DDL_DEST_FEE] = "FEE",
};

static const char *ddl_cmd_name(u32 cmd)
{
	u32 dest = cmd & 0xf, code = (cmd >> 4) & 0xf;

	if (dest == DDL_DEST_FEE) {
		switch (code) {
		case FEE_RDYRX: return "RDYRX";
		case FEE_STBRD: return "STBRD";
		case FEE_EOBTR: return "EOBTR";
		}
		return "FEE command";
	}
	switch (code) {
	case DDL_RANDCIFST: return "RandCIFST";
	case DDL_RHWVER: return "RHWVER";
	case DDL_IFLOOP: return "IFLOOP";
	case DDL_SRST: return "SRST";
	}
	return "command";
}

static u32 ddl_word(u32 dest, u32 code, u32 param)
{
	u32 tid = atomic_inc_return(&crorc_ddl_tid) & 0xf;

	return dest | code << 4 | tid << 8 | (param & 0x7ffff) << 12;
}

static u32 crorc_csr(struct roc_endpoint *ep, unsigned int bar)
{
	return roc_read32(ep, bar, CRORC_C_CSR);
}

/* Keep what a command found out about the link of channel @bar. */
static void crorc_ddl_note(struct roc_endpoint *ep, unsigned int bar,
			   u8 state)
{
	if (bar < ep->board->num_channels)
		WRITE_ONCE(ep->channels[bar].ddl_state, state);
}

/* After a command over the link (SIU or FEE) got an answer or none. */
static void crorc_ddl_note_siu(struct roc_endpoint *ep, unsigned int bar,
			       u32 cmd, bool answered)
{
	u32 dest = cmd & 0xf;

	if (dest != DDL_DEST_SIU && dest != DDL_DEST_FEE)
		return;
	if (answered)
		crorc_ddl_note(ep, bar, ROC_DDL_LINK_STATE_UP);
	else if (!(crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN))
		crorc_ddl_note(ep, bar, ROC_DDL_LINK_STATE_NO_SIU);
}

/**
 * crorc_ddl_link_state() - the DDL link state of channel @bar, for netlink
 * @ep: the C-RORC, inside roc_ep_enter()
 * @bar: the channel
 *
 * C_CSR bit 13 as read now; a down link with the DIU port state the last
 * status read found while it was down, an up link whose SIU did not answer
 * the last command as %ROC_DDL_LINK_STATE_NO_SIU.  Sends nothing.
 *
 * Return: &enum roc_ddl_link_state.
 */
u32 crorc_ddl_link_state(struct roc_endpoint *ep, unsigned int bar)
{
	u8 known = READ_ONCE(ep->channels[bar].ddl_state);

	if (crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN)
		return known == ROC_DDL_LINK_STATE_DOWN_NO_SIGNAL ||
		       known == ROC_DDL_LINK_STATE_DOWN_LOSS_OF_SYNC ?
		       known : ROC_DDL_LINK_STATE_DOWN;
	return known == ROC_DDL_LINK_STATE_NO_SIU ? known :
	       ROC_DDL_LINK_STATE_UP;
}

/* Wait up to @ms for C_CSR & @bit to be @set; sleeps. */
static bool crorc_csr_wait(struct roc_endpoint *ep, unsigned int bar,
			   u32 bit, bool set, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	for (;;) {
		if (!!(crorc_csr(ep, bar) & bit) == set)
			return true;
		if (time_after(jiffies, end))
			return !!(crorc_csr(ep, bar) & bit) == set;
		usleep_range(20, 50);
	}
}

/* Drop replies left by an earlier command that timed out. */
static void crorc_ddl_drain(struct roc_endpoint *ep, unsigned int bar)
{
	unsigned int i;

	for (i = 0; i < DDL_DRAIN_MAX; i++) {
		if (!(crorc_csr(ep, bar) & CRORC_C_CSR_RXSTAT_NOT_EMPTY))
			return;
		roc_read32(ep, bar, CRORC_C_DSR);
	}
}

/*
 * Read one reply to @cmd and check it is @code; the error bit too unless
 * @err_ok.  Lock held.
 */
static int crorc_ddl_reply(struct roc_endpoint *ep, unsigned int bar,
			   u32 cmd, u32 code, bool err_ok, u32 *stw)
{
	u32 w;

	if (!crorc_csr_wait(ep, bar, CRORC_C_CSR_RXSTAT_NOT_EMPTY, true,
			    DDL_REPLY_MS)) {
		crorc_ddl_note_siu(ep, bar, cmd, false);
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): no reply within %u ms (link %s)\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, DDL_REPLY_MS,
			crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN ?
			"down" : "up");
		return -ETIMEDOUT;
	}
	w = roc_read32(ep, bar, CRORC_C_DSR);
	if (stw)
		*stw = w;
	crorc_ddl_note_siu(ep, bar, cmd, true);
	if ((w & 0xf0f) != (cmd & 0xf0f)) {
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): reply 0x%08x names destination %u transaction %u, expected %u/%u\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, w, w & 0xf, (w >> 8) & 0xf, cmd & 0xf,
			(cmd >> 8) & 0xf);
		return -EPROTO;
	}
	if (((w >> 4) & 0xf) == STW_ILCMD) {
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): illegal command (ILCMD, 0x%08x)\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, w);
		return -EIO;
	}
	if (((w >> 4) & 0xf) != code) {
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): reply 0x%08x has code %u%s, expected %u\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, w, (w >> 4) & 0xf,
			((w >> 4) & 0xf) == STW_CTSTW_TO ? " (FEE timeout)" : "",
			code);
		return -EPROTO;
	}
	if ((w & STW_ERROR) && !err_ok) {
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): reply 0x%08x has the error bit\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, w);
		return -EIO;
	}
	return 0;
}

/* Send @cmd once the command FIFO is empty; lock held. */
static int crorc_ddl_send(struct roc_endpoint *ep, unsigned int bar, u32 cmd)
{
	crorc_ddl_drain(ep, bar);
	if (!crorc_csr_wait(ep, bar, CRORC_C_CSR_CMD_NOT_EMPTY, false,
			    DDL_FIFO_MS)) {
		dev_err(&ep->dev,
			"channel %u: DDL %s %s (0x%08x): command FIFO still full after %u ms\n",
			bar, ddl_dest_name[cmd & 0xf] ?: "?", ddl_cmd_name(cmd),
			cmd, DDL_FIFO_MS);
		return -ETIMEDOUT;
	}
	roc_write32(ep, bar, CRORC_C_DCR, cmd);
	return 0;
}

/* A command answered by one CTSTW; lock held. */
static int crorc_ddl_cmd(struct roc_endpoint *ep, unsigned int bar,
			 u32 dest, u32 code)
{
	u32 cmd = ddl_word(dest, code, 0);
	int ret;

	ret = crorc_ddl_send(ep, bar, cmd);
	if (!ret)
		ret = crorc_ddl_reply(ep, bar, cmd, STW_CTSTW, false, NULL);
	return ret;
}

/*
 * 4.2: the link is up when C_CSR bit 13 reads clear 1000 times in a row
 * within 2 s (a down read restarts the count).
 */
static int crorc_ddl_link_up(struct roc_endpoint *ep, unsigned int bar,
			     const char *why)
{
	unsigned long end = jiffies + msecs_to_jiffies(DDL_LINK_MS);
	unsigned int good = 0, i = 0;

	while (good < DDL_LINK_READS) {
		if (crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN)
			good = 0;
		else
			good++;
		if (!(++i % 64)) {
			if (time_after(jiffies, end))
				break;
			cond_resched();
		}
	}
	if (good >= DDL_LINK_READS &&
	    !(crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN))
		return 0;
	dev_err(&ep->dev,
		"channel %u: %s: DDL link down (C_CSR 0x%08x: LINK_DOWN set; %u good reads of %u within %u ms)\n",
		bar, why, crorc_csr(ep, bar), good, DDL_LINK_READS,
		DDL_LINK_MS);
	return -ENOLINK;
}

/* 4.2 resetDevice; lock held. */
static int crorc_ddl_ifstw(struct roc_endpoint *ep, unsigned int bar,
			   u32 dest, u32 *stw);

static int crorc_ddl_reset_locked(struct roc_channel *ch, u32 level)
{
	struct roc_endpoint *ep = ch->ep;
	unsigned int bar = ch->index;
	u32 stw;
	int ret;

	if (level == ROC_RESET_NOTHING)
		return 0;
	roc_write32(ep, bar, CRORC_CSR, CRORC_CSR_RESET);
	if (level != ROC_RESET_INTERNAL_SIU)
		return 0;
	ret = crorc_ddl_cmd(ep, bar, DDL_DEST_DIU, DDL_SRST);
	if (!ret)
		ret = crorc_ddl_link_up(ep, bar, "SIU reset");
	if (!ret)
		ret = crorc_ddl_cmd(ep, bar, DDL_DEST_DIU, DDL_SRST);
	if (ret)
		return ret;
	roc_write32(ep, bar, CRORC_CSR, CRORC_CSR_RESET);
	ret = crorc_ddl_link_up(ep, bar, "SIU reset");
	if (ret)
		return ret;
	/* P2-5.3 ddlResetSiu: the SIU must answer over the link, Online */
	ret = crorc_ddl_ifstw(ep, bar, DDL_DEST_SIU, &stw);
	if (!ret && ((stw >> 12) & 7) != DDL_PORT_ONLINE) {
		dev_err(&ep->dev,
			"channel %u: SIU reset: SIU status 0x%08x, port state %u, not Online\n",
			bar, stw, (stw >> 12) & 7);
		ret = -EIO;
	}
	return ret;
}

/**
 * crorc_ddl_reset() - reset a channel at a level (4.2)
 * @ch: the channel, DMA stopped
 * @level: &enum roc_reset_level
 *
 * Return: 0; -ENOLINK, -ETIMEDOUT, -EPROTO, -EIO (logged); -EINVAL for an
 * unknown level; -EINTR.
 */
int crorc_ddl_reset(struct roc_channel *ch, u32 level)
{
	int ret;

	if (level > ROC_RESET_INTERNAL_SIU)
		return -EINVAL;
	if (mutex_lock_interruptible(&crorc_ddl_lock))
		return -EINTR;
	ret = crorc_ddl_reset_locked(ch, level);
	mutex_unlock(&crorc_ddl_lock);
	return ret;
}

/**
 * crorc_ddl_start() - start the data source of a run (4.2)
 * @ch: the channel: reset, RX on
 *
 * FEE: the link must be up, then RDYRX (or STBRD).  DIU and SIU: the
 * generator looped back there (IFLOOP); the SIU needs the link.  Internal:
 * loop-back in the card (C_CSR bit 12, a toggle).  Then the generator runs.
 *
 * Return: 0; -ENOLINK, -ETIMEDOUT, -EPROTO, -EIO; -EINTR.
 */
int crorc_ddl_start(struct roc_channel *ch)
{
	struct roc_endpoint *ep = ch->ep;
	unsigned int bar = ch->index;
	int ret = 0;
	u32 v;

	if (mutex_lock_interruptible(&crorc_ddl_lock))
		return -EINTR;
	switch (ch->source) {
	case ROC_SOURCE_FEE:
		ret = crorc_ddl_link_up(ep, bar, "DMA start, FEE");
		if (!ret)
			ret = crorc_ddl_cmd(ep, bar, DDL_DEST_FEE,
					    ch->start_options &
					    ROC_DMA_START_STBRD ?
					    FEE_STBRD : FEE_RDYRX);
		goto out;
	case ROC_SOURCE_SIU:
		ret = crorc_ddl_link_up(ep, bar, "DMA start, SIU loop-back");
		if (!ret)
			ret = crorc_ddl_cmd(ep, bar, DDL_DEST_SIU, DDL_IFLOOP);
		break;
	case ROC_SOURCE_DIU:
		ret = crorc_ddl_cmd(ep, bar, DDL_DEST_DIU, DDL_IFLOOP);
		break;
	default:
		if (!(crorc_csr(ep, bar) & CRORC_C_CSR_LOOPBACK))
			roc_write32(ep, bar, CRORC_C_CSR, CRORC_C_CSR_LOOPBACK);
	}
	if (ret)
		goto out;
	mutex_lock(&ep->reg_lock);
	v = roc_read32(ep, bar, CRORC_DG_CFG);
	roc_write32(ep, bar, CRORC_DG_CFG, v | CRORC_DG_RUN);
	mutex_unlock(&ep->reg_lock);
out:
	mutex_unlock(&crorc_ddl_lock);
	return ret;
}

/**
 * crorc_ddl_stop() - stop the data source (4.2): the FEE with EOBTR; a
 * timeout is logged, the stop goes on (the superpages still come back)
 * @ch: the channel
 */
void crorc_ddl_stop(struct roc_channel *ch)
{
	int ret;

	if (ch->source != ROC_SOURCE_FEE)
		return;
	/* the stop must happen, also for a task being killed */
	mutex_lock(&crorc_ddl_lock);
	ret = crorc_ddl_cmd(ch->ep, ch->index, DDL_DEST_FEE, FEE_EOBTR);
	mutex_unlock(&crorc_ddl_lock);
	if (ret)
		dev_warn(&ch->ep->dev,
			 "channel %u: EOBTR failed (%d): stopping anyway\n",
			 ch->index, ret);
}

/*
 * Has the link of a run over the DDL gone down?  Reads only (no lock): for
 * &roc_card_ops.dma_pending as well.
 */
bool crorc_ddl_link_lost(struct roc_channel *ch)
{
	if (ch->source != ROC_SOURCE_FEE && ch->source != ROC_SOURCE_SIU)
		return false;
	return crorc_csr(ch->ep, ch->index) & CRORC_C_CSR_LINK_DOWN;
}

/* RandCIFST to @dest: an IFSTW, then a CTSTW; lock held. */
static int crorc_ddl_ifstw(struct roc_endpoint *ep, unsigned int bar,
			   u32 dest, u32 *stw)
{
	u32 cmd = ddl_word(dest, DDL_RANDCIFST, 0);
	int ret;

	ret = crorc_ddl_send(ep, bar, cmd);
	if (!ret)
		ret = crorc_ddl_reply(ep, bar, cmd, STW_IFSTW, true, stw);
	if (!ret)
		ret = crorc_ddl_reply(ep, bar, cmd, STW_CTSTW, false, NULL);
	return ret;
}

/* P2-5.3 ddlGetHwInfo: one byte (status bits 27:20) per RHWVER. */
static int crorc_ddl_hw_info(struct roc_endpoint *ep, unsigned int bar,
			     char *buf)
{
	unsigned int i;
	u32 cmd, w;
	int ret;

	for (i = 0; i < ROC_DDL_HW_INFO_LEN - 1; i++) {
		cmd = ddl_word(DDL_DEST_SIU, DDL_RHWVER, i);
		ret = crorc_ddl_send(ep, bar, cmd);
		if (!ret)
			ret = crorc_ddl_reply(ep, bar, cmd, STW_HWSTW, false,
					      &w);
		if (!ret)
			ret = crorc_ddl_reply(ep, bar, cmd, STW_CTSTW, false,
					      NULL);
		if (ret)
			return ret;
		buf[i] = (w >> 20) & 0xff;
		if (!buf[i])
			break;
	}
	buf[i] = 0;
	return 0;
}

/**
 * crorc_ddl_status() - ROC_DDL_STATUS
 * @ep: the C-RORC
 * @st: in: channel; out: the rest
 *
 * Return: 0; -EINVAL, -EINTR, or the DIU's -ETIMEDOUT/-EPROTO/-EIO.
 */
int crorc_ddl_status(struct roc_endpoint *ep, struct roc_ddl_status *st)
{
	unsigned int bar = st->channel;
	int ret;

	if (bar >= ep->board->num_channels || bar >= ep->num_bars ||
	    !ep->bars[bar].len)
		return -EINVAL;
	st->link = crorc_csr(ep, bar) & CRORC_C_CSR_LINK_DOWN ?
		   ROC_DDL_LINK_DOWN : ROC_DDL_LINK_UP;
	st->valid = 0;
	st->diu_status = 0;
	st->siu_status = 0;
	st->siu_errno = 0;
	memset(st->siu_hw_info, 0, sizeof(st->siu_hw_info));
	if (mutex_lock_interruptible(&crorc_ddl_lock))
		return -EINTR;
	ret = crorc_ddl_ifstw(ep, bar, DDL_DEST_DIU, &st->diu_status);
	if (ret)
		goto out;
	st->valid |= ROC_DDL_VALID_DIU;
	if (st->link == ROC_DDL_LINK_DOWN) {
		switch ((st->diu_status >> 12) & 7) {
		case DDL_PORT_NO_SIGNAL:
			crorc_ddl_note(ep, bar,
				       ROC_DDL_LINK_STATE_DOWN_NO_SIGNAL);
			break;
		case DDL_PORT_LOSS_OF_SYNC:
			crorc_ddl_note(ep, bar,
				       ROC_DDL_LINK_STATE_DOWN_LOSS_OF_SYNC);
			break;
		default:
			crorc_ddl_note(ep, bar, ROC_DDL_LINK_STATE_DOWN);
		}
		st->siu_errno = ENOLINK;
		goto out;
	}
	ret = crorc_ddl_hw_info(ep, bar, st->siu_hw_info);
	if (!ret) {
		st->valid |= ROC_DDL_VALID_HW_INFO;
		ret = crorc_ddl_ifstw(ep, bar, DDL_DEST_SIU, &st->siu_status);
	}
	if (!ret)
		st->valid |= ROC_DDL_VALID_SIU;
	st->siu_errno = -ret;
	ret = 0;
out:
	mutex_unlock(&crorc_ddl_lock);
	return ret;
}
