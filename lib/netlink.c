// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the generic netlink family "roc" through libnl-3: connecting,
 * dev-get do and dump, parsing the "dev" attribute set
 * (uapi/roc_netlink.yaml).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/roc_netlink.h>

#include "internal.h"

int roc_nl_errno(int nlerr)
{
	static const struct { int nle, err; } map[] = {
		{ NLE_INTR, EINTR },		{ NLE_BAD_SOCK, EBADF },
		{ NLE_AGAIN, EAGAIN },		{ NLE_NOMEM, ENOMEM },
		{ NLE_EXIST, EEXIST },		{ NLE_INVAL, EINVAL },
		{ NLE_RANGE, ERANGE },		{ NLE_MSGSIZE, EMSGSIZE },
		{ NLE_OPNOTSUPP, EOPNOTSUPP },	{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
		{ NLE_OBJ_NOTFOUND, ENOENT },	{ NLE_MSG_TRUNC, EMSGSIZE },
		{ NLE_BUSY, EBUSY },		{ NLE_NOACCESS, EACCES },
		{ NLE_PERM, EPERM },		{ NLE_NODEV, ENODEV },
		{ NLE_DUMP_INTR, EINTR },	{ NLE_SEQ_MISMATCH, EBADMSG },
		{ NLE_MSG_TOOSHORT, EBADMSG },	{ NLE_PARSE_ERR, EBADMSG },
		{ NLE_ATTRSIZE, EBADMSG },	{ NLE_MISSING_ATTR, EBADMSG },
	};
	unsigned int i;

	if (nlerr < 0)
		nlerr = -nlerr;
	for (i = 0; i < ROC_ARRAY_SIZE(map); i++)
		if (map[i].nle == nlerr)
			return -map[i].err;
	return -EIO;
}

int roc_nl_open(struct nl_sock **skp, int *familyp)
{
	struct nl_sock *sk;
	int ret;

	*skp = NULL;
	sk = nl_socket_alloc();
	if (!sk)
		return roc_err_errno(-ENOMEM, "netlink socket");
	ret = genl_connect(sk);
	if (ret) {
		ret = roc_nl_errno(ret);
		roc_err_errno(ret, "cannot open a generic netlink socket");
		goto err_free;
	}
	ret = genl_ctrl_resolve(sk, ROC_FAMILY_NAME);
	if (ret < 0) {
		ret = roc_nl_errno(ret);
		if (ret == -ENOENT)
			roc_err(ret,
				"the roc driver is not loaded (no generic netlink family \"%s\"; try modprobe roc)",
				ROC_FAMILY_NAME);
		else
			roc_err_errno(ret,
				      "cannot resolve the generic netlink family \"%s\"",
				      ROC_FAMILY_NAME);
		goto err_free;
	}
	*familyp = ret;
	/* A do answers with its reply or an error, nothing else. */
	nl_socket_disable_auto_ack(sk);
	*skp = sk;
	return 0;

err_free:
	nl_socket_free(sk);
	return ret;
}

void roc_nl_close(struct nl_sock *sk)
{
	nl_socket_free(sk);
}

static struct nla_policy roc_nl_dev_policy[ROC_A_DEV_MAX + 1] = {
	[ROC_A_DEV_ID]			= { .type = NLA_U32 },
	[ROC_A_DEV_CARD_TYPE]		= { .type = NLA_U32 },
	[ROC_A_DEV_ENDPOINT]		= { .type = NLA_U32 },
	[ROC_A_DEV_SERIAL]		= { .type = NLA_U32 },
	[ROC_A_DEV_ADDRESS]		= { .type = NLA_STRING },
	[ROC_A_DEV_NUMA_NODE]		= { .type = NLA_U32 },
	[ROC_A_DEV_LINK_COUNT]		= { .type = NLA_U32 },
	[ROC_A_DEV_FW_HASH]		= { .type = NLA_U32 },
	[ROC_A_DEV_FW_DATE]		= { .type = NLA_U32 },
	[ROC_A_DEV_FW_TIME]		= { .type = NLA_U32 },
	[ROC_A_DEV_NUM_CHANNELS]	= { .type = NLA_U32 },
	[ROC_A_DEV_SIMULATED]		= { .type = NLA_FLAG },
	[ROC_A_DEV_NAME]		= { .type = NLA_STRING },
	[ROC_A_DEV_TEMPERATURE]		= { .type = NLA_U32 },
	[ROC_A_DEV_DROPPED_PACKETS]	= { .type = NLA_U64 },
};

static uint32_t roc_nl_u32(struct nlattr **tb, int attr, uint32_t dflt)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : dflt;
}

int roc_nl_parse_dev(const void *attrs, int len, struct roc_card_info *info)
{
	struct nlattr *tb[ROC_A_DEV_MAX + 1];
	uint32_t type;
	int ret;

	roc_card_info_init(info);
	ret = nla_parse(tb, ROC_A_DEV_MAX, (struct nlattr *)attrs, len,
			roc_nl_dev_policy);
	if (ret)
		return roc_err(-EBADMSG, "malformed netlink message from the roc driver (%s)",
			       nl_geterror(ret));
	if (!tb[ROC_A_DEV_ID] || !tb[ROC_A_DEV_CARD_TYPE] ||
	    !tb[ROC_A_DEV_ENDPOINT] || !tb[ROC_A_DEV_ADDRESS] ||
	    !tb[ROC_A_DEV_NAME])
		return roc_err(-EBADMSG, "netlink message from the roc driver lacks identity attributes");

	info->dev_id = (int)nla_get_u32(tb[ROC_A_DEV_ID]);
	type = nla_get_u32(tb[ROC_A_DEV_CARD_TYPE]);
	info->type = type == ROC_TYPE_CRU || type == ROC_TYPE_CRORC ?
		     (enum roc_type)type : ROC_TYPE_UNKNOWN;
	info->endpoint = nla_get_u32(tb[ROC_A_DEV_ENDPOINT]);
	info->serial = (int32_t)roc_nl_u32(tb, ROC_A_DEV_SERIAL, (uint32_t)-1);
	snprintf(info->address, sizeof(info->address), "%s",
		 nla_get_string(tb[ROC_A_DEV_ADDRESS]));
	info->numa_node = (int32_t)roc_nl_u32(tb, ROC_A_DEV_NUMA_NODE,
					      (uint32_t)-1);
	info->link_count = roc_nl_u32(tb, ROC_A_DEV_LINK_COUNT, 0);
	info->fw_hash = roc_nl_u32(tb, ROC_A_DEV_FW_HASH, 0);
	info->fw_date = roc_nl_u32(tb, ROC_A_DEV_FW_DATE, 0);
	info->fw_time = roc_nl_u32(tb, ROC_A_DEV_FW_TIME, 0);
	info->num_channels = roc_nl_u32(tb, ROC_A_DEV_NUM_CHANNELS, 0);
	info->simulated = !!tb[ROC_A_DEV_SIMULATED];
	if (tb[ROC_A_DEV_TEMPERATURE]) {
		info->has_temperature = true;
		info->temperature = (int32_t)nla_get_u32(tb[ROC_A_DEV_TEMPERATURE]);
	}
	if (tb[ROC_A_DEV_DROPPED_PACKETS]) {
		info->has_dropped_packets = true;
		info->dropped_packets = nla_get_u64(tb[ROC_A_DEV_DROPPED_PACKETS]);
	}
	roc_card_info_set_name(info, nla_get_string(tb[ROC_A_DEV_NAME]));
	return 0;
}

struct roc_nl_get_ctx {
	int (*cb)(const struct roc_card_info *info, void *arg);
	void *arg;
	int ret;
};

static int roc_nl_valid_cb(struct nl_msg *msg, void *arg)
{
	struct roc_nl_get_ctx *ctx = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct roc_card_info info;

	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0)) {
		ctx->ret = roc_err(-EBADMSG, "short netlink message from the roc driver");
		return NL_STOP;
	}
	ctx->ret = roc_nl_parse_dev(genlmsg_attrdata(gh, 0),
				    genlmsg_attrlen(gh, 0), &info);
	if (!ctx->ret)
		ctx->ret = ctx->cb(&info, ctx->arg);
	return ctx->ret ? NL_STOP : NL_OK;
}

int roc_nl_dev_get(struct nl_sock *sk, int family, int dev_id,
		   int (*cb)(const struct roc_card_info *info, void *arg),
		   void *arg)
{
	struct roc_nl_get_ctx ctx = { .cb = cb, .arg = arg };
	struct nl_msg *msg;
	int ret;

	msg = nlmsg_alloc();
	if (!msg)
		return roc_err_errno(-ENOMEM, "netlink message");
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 dev_id < 0 ? NLM_F_DUMP : 0, ROC_CMD_DEV_GET,
			 ROC_FAMILY_VERSION) ||
	    (dev_id >= 0 && nla_put_u32(msg, ROC_A_DEV_ID, (uint32_t)dev_id))) {
		nlmsg_free(msg);
		return roc_err_errno(-ENOMEM, "netlink message");
	}
	ret = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM,
				  roc_nl_valid_cb, &ctx);
	if (!ret)
		ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret >= 0)
		ret = nl_recvmsgs_default(sk);
	if (ctx.ret)
		return ctx.ret;
	if (ret < 0) {
		ret = roc_nl_errno(ret);
		return roc_err_errno(ret, "roc netlink dev-get");
	}
	return 0;
}
