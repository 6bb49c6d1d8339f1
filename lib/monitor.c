// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the "monitor" multicast group of the netlink family "roc":
 * dev-add-ntf and dev-del-ntf as ::roc_event objects.
 *
 * The socket is non-blocking; datagrams are received here (not by libnl's
 * callbacks) so that an overrun (ENOBUFS) is reported as such and only
 * kernel messages are taken.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/roc_netlink.h>

#include "internal.h"

#define ROC_MONITOR_BUF (64 * 1024)
#define ROC_MONITOR_RCVBUF (1024 * 1024)

struct roc_event {
	struct roc_event *next;
	enum roc_event_type type;
	uint64_t timestamp_ns;
	struct roc_card_info info;
};

struct roc_monitor {
	struct nl_sock *sk;
	int family;
	struct roc_event *head, **tail;
	unsigned char *buf;
};

ROC_API int roc_monitor_new(struct roc_monitor **monp)
{
	struct roc_monitor *mon;
	int ret, grp;

	*monp = NULL;
	mon = calloc(1, sizeof(*mon));
	if (!mon)
		return roc_err_errno(-ENOMEM, "roc monitor");
	mon->tail = &mon->head;
	mon->buf = malloc(ROC_MONITOR_BUF);
	if (!mon->buf) {
		ret = roc_err_errno(-ENOMEM, "roc monitor");
		goto err_free;
	}
	ret = roc_nl_open(&mon->sk, &mon->family);
	if (ret)
		goto err_free;
	grp = genl_ctrl_resolve_grp(mon->sk, ROC_FAMILY_NAME,
				    ROC_MCGRP_MONITOR);
	if (grp < 0) {
		ret = roc_err_errno(roc_nl_errno(grp),
				    "roc monitor: no multicast group \"%s\"",
				    ROC_MCGRP_MONITOR);
		goto err_free;
	}
	ret = nl_socket_add_membership(mon->sk, grp);
	if (!ret)
		ret = nl_socket_set_nonblocking(mon->sk);
	if (ret) {
		ret = roc_err_errno(roc_nl_errno(ret),
				    "roc monitor: joining group \"%s\"",
				    ROC_MCGRP_MONITOR);
		goto err_free;
	}
	/* A larger buffer makes overruns rarer; failure is harmless. */
	nl_socket_set_buffer_size(mon->sk, ROC_MONITOR_RCVBUF, 0);
	*monp = mon;
	return 0;

err_free:
	roc_monitor_free(mon);
	return ret;
}

ROC_API void roc_monitor_free(struct roc_monitor *mon)
{
	struct roc_event *ev;

	if (!mon)
		return;
	while ((ev = mon->head)) {
		mon->head = ev->next;
		free(ev);
	}
	if (mon->sk)
		roc_nl_close(mon->sk);
	free(mon->buf);
	free(mon);
}

ROC_API int roc_monitor_get_fd(const struct roc_monitor *mon)
{
	return nl_socket_get_fd(mon->sk);
}

static uint64_t roc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Queue the events of one datagram. */
static int roc_monitor_parse(struct roc_monitor *mon, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)mon->buf;
	int rem = (int)len;
	struct roc_event *ev;
	struct genlmsghdr *gh;
	int ret;

	for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
		if (nlh->nlmsg_type != mon->family ||
		    !genlmsg_valid_hdr(nlh, 0))
			continue;
		gh = nlmsg_data(nlh);
		if (gh->cmd != ROC_CMD_DEV_ADD_NTF &&
		    gh->cmd != ROC_CMD_DEV_DEL_NTF)
			continue;
		ev = calloc(1, sizeof(*ev));
		if (!ev)
			return roc_err_errno(-ENOMEM, "roc monitor");
		ret = roc_nl_parse_dev(genlmsg_attrdata(gh, 0),
				       genlmsg_attrlen(gh, 0), &ev->info);
		if (ret) {
			free(ev);
			return ret;
		}
		ev->type = gh->cmd == ROC_CMD_DEV_ADD_NTF ? ROC_EVENT_TYPE_ADD :
			   ROC_EVENT_TYPE_DEL;
		ev->timestamp_ns = roc_now_ns();
		*mon->tail = ev;
		mon->tail = &ev->next;
	}
	return 0;
}

/* Receive one datagram without waiting: 0, -EAGAIN, or an error. */
static int roc_monitor_recv(struct roc_monitor *mon)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = mon->buf, .iov_len = ROC_MONITOR_BUF };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n;

	n = recvmsg(roc_monitor_get_fd(mon), &mh, MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return -errno;
		if (errno == ENOBUFS)
			return roc_err(-ENOBUFS, "roc monitor: events were lost (socket buffer overrun); list the cards again");
		return roc_err_errno(-errno, "roc monitor: receiving");
	}
	if (mh.msg_flags & MSG_TRUNC)
		return roc_err(-EMSGSIZE, "roc monitor: message truncated");
	/* Only the kernel speaks on the group. */
	if (from.nl_pid != 0)
		return 0;
	return roc_monitor_parse(mon, (size_t)n);
}

static int64_t roc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

ROC_API int roc_monitor_read_event(struct roc_monitor *mon, int timeout_ms,
				   struct roc_event **evp)
{
	struct pollfd pfd = { .fd = roc_monitor_get_fd(mon), .events = POLLIN };
	int64_t deadline = timeout_ms > 0 ? roc_now_ms() + timeout_ms : 0;
	struct roc_event *ev;
	int ret, wait;

	*evp = NULL;
	for (;;) {
		ev = mon->head;
		if (ev) {
			mon->head = ev->next;
			if (!mon->head)
				mon->tail = &mon->head;
			ev->next = NULL;
			*evp = ev;
			return 0;
		}
		ret = roc_monitor_recv(mon);
		if (ret == -EINTR)
			return roc_err(ret, "roc monitor: interrupted");
		if (ret != -EAGAIN) {
			if (ret)
				return ret;
			continue;
		}
		if (timeout_ms == 0)
			return roc_err(-EAGAIN, "roc monitor: no event");
		wait = -1;
		if (timeout_ms > 0) {
			int64_t left = deadline - roc_now_ms();

			if (left <= 0)
				return roc_err(-EAGAIN, "roc monitor: no event within %d ms",
					       timeout_ms);
			wait = (int)left;
		}
		ret = poll(&pfd, 1, wait);
		if (ret < 0)
			return errno == EINTR ?
			       roc_err(-EINTR, "roc monitor: interrupted") :
			       roc_err_errno(-errno, "roc monitor: poll");
	}
}

ROC_API void roc_event_free(struct roc_event *ev)
{
	free(ev);
}

ROC_API enum roc_event_type roc_event_get_type(const struct roc_event *ev)
{
	return ev->type;
}

ROC_API const char *roc_event_type_name(enum roc_event_type type)
{
	switch (type) {
	case ROC_EVENT_TYPE_ADD:
		return "add";
	case ROC_EVENT_TYPE_DEL:
		return "del";
	}
	return "unknown";
}

ROC_API uint64_t roc_event_get_timestamp_ns(const struct roc_event *ev)
{
	return ev->timestamp_ns;
}

ROC_API const struct roc_card_info *roc_event_get_card_info(const struct roc_event *ev)
{
	return &ev->info;
}
