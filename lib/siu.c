// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the C-RORC DDL link (docs/hardware.md 4.2, P2-5.1, P2-5.2,
 * P2-5.3): starting a channel with its options, reset levels, the DIU/SIU
 * status and the decoding of their interface status words.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/roc.h>

#include "internal.h"

_Static_assert((int)ROC_RESET_LEVEL_INTERNAL == (int)ROC_RESET_INTERNAL &&
	       (int)ROC_RESET_LEVEL_NOTHING == (int)ROC_RESET_NOTHING &&
	       (int)ROC_RESET_LEVEL_INTERNAL_SIU == (int)ROC_RESET_INTERNAL_SIU,
	       "reset levels follow the kernel's");
_Static_assert(ROC_DDL_START_STBRD == ROC_DMA_START_STBRD, "start options");

/* P2-5.3: port states, bits 14:12 */
static const char *const roc_port_state[8] = {
	"Power On Reset", "Offline", "Online", "Waiting for Power Off",
	"Offline No Signal", "Offline Loss of Sync", "Power Off", "undefined",
};
/* DIU remote SIU/DIU state, bits 17:15 */
static const char *const roc_remote_state[8] = {
	"Power On Reset", "Offline", "Online", "Waiting for Power Off",
	"Offline No Signal", "Offline Loss of Sync", "No Optical Signal",
	"undefined",
};

struct roc_bit_def {
	unsigned int bit;
	const char *name;
	const char *text;
	bool error;
};

/* SIU interface status word, P2-5.3; error bits count only with bit 31 */
static const struct roc_bit_def roc_siu_bits[] = {
	{ 30, "LONGE", "too long event or read data block", true },
	{ 29, "IFEDS", "illegal FEE data/status", true },
	{ 28, "TXOF", "transmit data/status overflow", true },
	{ 27, "IWDAT", "illegal write data word", true },
	{ 26, "OSINFR", "ordered set inside a frame", true },
	{ 25, "INVRX", "invalid receive character inside a frame", true },
	{ 24, "CERR", "CRC error", true },
	{ 23, "DJLERR", "DTCC or JTCC error", true },
	{ 22, "DOUT", "data out of frame", true },
	{ 21, "IFDL", "illegal frame delimiter", true },
	{ 20, "LONG", "too long frame", true },
	{ 19, "RXOF", "received data/status overflow", true },
	{ 18, "FRERR", "error in a receive frame", true },
	{ 17, "LPERR", "link protocol error", true },
	{ 16, "LBMOD", "SIU in loop-back mode", false },
	{ 15, "OPTRAN", "one FEE transaction is open", false },
};

/* DIU interface status word, P2-5.3 (bits 27 and 23 undefined) */
static const struct roc_bit_def roc_diu_bits[] = {
	{ 30, "LOOPB", "DIU in loop-back mode", false },
	{ 29, "LOSS_SYNC", "loss of synchronisation", true },
	{ 28, "TXOF", "transmit data/status overflow", true },
	{ 26, "OSINFR", "ordered set inside a frame", true },
	{ 25, "INVRX", "invalid receive character inside a frame", true },
	{ 24, "CERR", "CRC error", true },
	{ 22, "DOUT", "data out of frame", true },
	{ 21, "IFDL", "illegal frame delimiter", true },
	{ 20, "LONG", "too long frame", true },
	{ 19, "RXOF", "received data/status overflow", true },
	{ 18, "FRERR", "error in a receive frame", true },
};

static size_t roc_ddl_put(struct roc_ddl_bit *bits, size_t n, size_t max,
			  const char *name, const char *text, bool set,
			  bool error)
{
	if (n < max)
		bits[n] = (struct roc_ddl_bit){ name, text, set, error };
	return n + 1;
}

ROC_API size_t roc_ddl_decode(uint32_t status, bool siu,
			      struct roc_ddl_bit *bits, size_t max)
{
	const struct roc_bit_def *defs = siu ? roc_siu_bits : roc_diu_bits;
	size_t ndefs = siu ? ROC_ARRAY_SIZE(roc_siu_bits) :
			     ROC_ARRAY_SIZE(roc_diu_bits);
	bool err = status & (1u << 31);
	size_t i, n = 0;

	n = roc_ddl_put(bits, n, max, "ERROR",
			err ? "error bit set" : "error bit not set", err, err);
	for (i = 0; i < ndefs; i++) {
		bool set = status & (1u << defs[i].bit);

		/* the SIU's error bits mean something only with bit 31 */
		if (siu && defs[i].error && !err)
			set = false;
		n = roc_ddl_put(bits, n, max, defs[i].name, defs[i].text, set,
				defs[i].error && set);
	}
	if (!siu)
		n = roc_ddl_put(bits, n, max, "REMOTE_STATE",
				roc_remote_state[(status >> 15) & 7], true,
				false);
	if (!siu && ((status >> 12) & 7) == 7)
		return roc_ddl_put(bits, n, max, "PORT_STATE",
				   "PRBS test mode", true, false);
	return roc_ddl_put(bits, n, max, "PORT_STATE",
			   roc_port_state[(status >> 12) & 7], true, false);
}

ROC_API int roc_ddl_status(struct roc_card *card, unsigned int channel,
			   struct roc_ddl_info *info)
{
	struct roc_ddl_status st = { .argsz = sizeof(st), .channel = channel };

	if (ioctl(roc_card_get_fd(card), ROC_DDL_STATUS, &st)) {
		int ret = -errno;

		if (ret == -EOPNOTSUPP)
			return roc_err(ret, "%s: the card has no DDL link (SIU/DIU): not a C-RORC",
				       roc_card_get_label(card));
		if (ret == -EPERM)
			return roc_err(ret, "%s: reading the DDL status sends DDL commands: open the card read-write (%s)",
				       roc_card_get_label(card), strerror(EPERM));
		if (ret == -EINVAL)
			return roc_err(ret, "%s: no DMA channel %u",
				       roc_card_get_label(card), channel);
		return roc_err_errno(ret, "%s: channel %u: cannot read the DIU status",
				     roc_card_get_label(card), channel);
	}
	memset(info, 0, sizeof(*info));
	info->channel = channel;
	info->link_up = st.link == ROC_DDL_LINK_UP;
	info->diu_valid = st.valid & ROC_DDL_VALID_DIU;
	info->siu_valid = st.valid & ROC_DDL_VALID_SIU;
	info->hw_info_valid = st.valid & ROC_DDL_VALID_HW_INFO;
	info->diu_status = st.diu_status;
	info->siu_status = st.siu_status;
	info->siu_error = -(int)st.siu_errno;
	memcpy(info->siu_hw_info, st.siu_hw_info, sizeof(info->siu_hw_info));
	info->siu_hw_info[sizeof(info->siu_hw_info) - 1] = '\0';
	return 0;
}

/* "link down (DIU port Offline No Signal)" for a C-RORC channel. */
static void roc_ddl_link_text(struct roc_card *card, unsigned int channel,
			      char *buf, size_t len)
{
	struct roc_ddl_status st = { .argsz = sizeof(st), .channel = channel };

	if (ioctl(roc_card_get_fd(card), ROC_DDL_STATUS, &st)) {
		snprintf(buf, len, "no enabled link to take data from");
		return;
	}
	if (st.valid & ROC_DDL_VALID_DIU)
		snprintf(buf, len, "DDL link %s (DIU port %s, remote %s)",
			 st.link == ROC_DDL_LINK_UP ? "up" : "down",
			 roc_port_state[(st.diu_status >> 12) & 7],
			 roc_remote_state[(st.diu_status >> 15) & 7]);
	else
		snprintf(buf, len, "DDL link %s",
			 st.link == ROC_DDL_LINK_UP ? "up" : "down");
}

ROC_API int roc_channel_start_ddl(struct roc_channel *ch,
				  enum roc_dma_source source,
				  unsigned int options)
{
	struct roc_dma_start st = { .argsz = sizeof(st), .source = source,
				    .options = options };
	struct roc_card *card = roc_channel_get_card(ch);
	const char *label = roc_card_get_label(card);
	unsigned int n = roc_channel_get_number(ch);
	const char *name = roc_source_name(source);
	char link[160];
	int ret;

	if (!ioctl(roc_channel_get_fd(ch), ROC_DMA_START, &st)) {
		/* ring.c: the channel's capacity may have changed */
		roc_chring_invalidate(roc_channel_ring(ch));
		return 0;
	}
	ret = -errno;
	switch (ret) {
	case -EALREADY:
		return roc_err(ret, "%s: DMA channel %u is already running",
			       label, n);
	case -EBUSY:
		return roc_err(ret, "%s: DMA channel %u: pop the ready superpages before starting",
			       label, n);
	case -EOPNOTSUPP:
		if (options)
			return roc_err(ret, "%s: STBRD needs the FEE source of a C-RORC",
				       label);
		return roc_err(ret, "%s: the card has no data source \"%s\"",
			       label, name ? name : "?");
	case -ENOLINK:
		roc_ddl_link_text(card, n, link, sizeof(link));
		return roc_err(ret, "%s: DMA channel %u, source %s: %s",
			       label, n, name ? name : "?", link);
	case -ETIMEDOUT:
		return roc_err(ret, "%s: DMA channel %u, source %s: the SIU or FEE does not answer DDL commands (see the kernel log)",
			       label, n, name ? name : "?");
	case -EPROTO:
	case -EIO:
		return roc_err_errno(ret, "%s: DMA channel %u, source %s: a DDL command failed (see the kernel log)",
				     label, n, name ? name : "?");
	default:
		return roc_err_errno(ret, "%s: cannot start DMA on channel %u",
				     label, n);
	}
}

static const char *const roc_reset_names[] = {
	[ROC_RESET_LEVEL_INTERNAL] = "INTERNAL",
	[ROC_RESET_LEVEL_NOTHING] = "NOTHING",
	[ROC_RESET_LEVEL_INTERNAL_SIU] = "INTERNAL_SIU",
};

ROC_API const char *roc_reset_level_name(unsigned int level)
{
	return level < ROC_ARRAY_SIZE(roc_reset_names) ?
	       roc_reset_names[level] : NULL;
}

ROC_API int roc_channel_reset_level(struct roc_channel *ch, unsigned int level)
{
	struct roc_dma_reset rs = { .argsz = sizeof(rs), .level = level };
	struct roc_card *card = roc_channel_get_card(ch);
	const char *label = roc_card_get_label(card);
	unsigned int n = roc_channel_get_number(ch);
	const char *name = roc_reset_level_name(level);
	char link[160];
	int ret;

	if (!ioctl(roc_channel_get_fd(ch), ROC_DMA_RESET, &rs))
		return 0;
	ret = -errno;
	switch (ret) {
	case -EBUSY:
		return roc_err(ret, "%s: cannot reset DMA channel %u: stop it first",
			       label, n);
	case -EOPNOTSUPP:
		return roc_err(ret, "%s: DMA channel %u: reset %s: the card has no SIU (%s)",
			       label, n, name ? name : "?", strerror(-ret));
	case -ENOLINK:
		roc_ddl_link_text(card, n, link, sizeof(link));
		return roc_err(ret, "%s: DMA channel %u: reset %s: %s",
			       label, n, name ? name : "?", link);
	default:
		return roc_err_errno(ret, "%s: DMA channel %u: reset %s",
				     label, n, name ? name : "?");
	}
}
