// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - the identity of one endpoint: getters, label, enumeration order,
 * and a fresh query of one endpoint over netlink.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void roc_card_info_init(struct roc_card_info *info)
{
	memset(info, 0, sizeof(*info));
	info->dev_id = -1;
	info->sequence = -1;
	info->serial = -1;
	info->numa_node = -1;
}

void roc_card_info_set_name(struct roc_card_info *info, const char *name)
{
	snprintf(info->name, sizeof(info->name), "%s", name);
	snprintf(info->path, sizeof(info->path), "%s/%s", ROC_DEV_DIR,
		 info->name);
}

void roc_card_info_label(const struct roc_card_info *info, char *buf,
			 size_t len)
{
	const char *who = info->name[0] ? info->name : info->path;
	const char *type = roc_type_name(info->type);

	if (info->serial >= 0)
		snprintf(buf, len, "%s (%s %d:%u, %s)", who, type,
			 info->serial, info->endpoint, info->address);
	else
		snprintf(buf, len, "%s (%s without serial, endpoint %u, %s)",
			 who, type, info->endpoint, info->address);
}

/* C-RORCs first, then CRUs, then anything else (1.1 of docs/hardware.md). */
static int roc_type_rank(enum roc_type type)
{
	switch (type) {
	case ROC_TYPE_CRORC:
		return 0;
	case ROC_TYPE_CRU:
		return 1;
	default:
		return 2;
	}
}

/* The first difference of @n key pairs decides. */
static int roc_cmp_keys(const long long *a, const long long *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

int roc_card_info_cmp(const struct roc_card_info *a,
		      const struct roc_card_info *b)
{
	struct roc_bus_address aa, ba;
	int ret;

	roc_bus_address_parse(a->address, &aa);
	roc_bus_address_parse(b->address, &ba);
	{
		const long long ka[] = {
			roc_type_rank(a->type), aa.bus, aa.domain, aa.bus_nr,
			aa.slot, aa.function, aa.card, aa.endpoint,
		};
		const long long kb[] = {
			roc_type_rank(b->type), ba.bus, ba.domain, ba.bus_nr,
			ba.slot, ba.function, ba.card, ba.endpoint,
		};

		ret = roc_cmp_keys(ka, kb, ROC_ARRAY_SIZE(ka));
	}
	if (!ret && aa.bus == ROC_BUS_OTHER)
		ret = strcmp(a->address, b->address);
	if (!ret) {
		const long long ka[] = { a->endpoint, a->dev_id };
		const long long kb[] = { b->endpoint, b->dev_id };

		ret = roc_cmp_keys(ka, kb, ROC_ARRAY_SIZE(ka));
	}
	return ret;
}

ROC_API const char *roc_type_name(enum roc_type type)
{
	switch (type) {
	case ROC_TYPE_CRU:
		return "CRU";
	case ROC_TYPE_CRORC:
		return "CRORC";
	default:
		return "unknown";
	}
}

static int roc_query_cb(const struct roc_card_info *info, void *arg)
{
	*(struct roc_card_info *)arg = *info;
	return 0;
}

ROC_API int roc_card_info_query(int dev_id, struct roc_card_info **infop)
{
	struct roc_card_info *info;
	struct nl_sock *sk;
	int family, ret;

	*infop = NULL;
	if (dev_id < 0)
		return roc_err(-EINVAL, "roc%d: bad device number", dev_id);
	info = malloc(sizeof(*info));
	if (!info)
		return roc_err_errno(-ENOMEM, "roc%d", dev_id);
	roc_card_info_init(info);

	ret = roc_nl_open(&sk, &family);
	if (ret)
		goto err_free;
	ret = roc_nl_dev_get(sk, family, dev_id, roc_query_cb, info);
	roc_nl_close(sk);
	if (ret == -ENODEV)
		ret = roc_err(ret, "roc%d: no such endpoint", dev_id);
	if (ret)
		goto err_free;
	if (info->dev_id != dev_id) {
		ret = roc_err(-EBADMSG, "roc%d: the driver answered for roc%d",
			      dev_id, info->dev_id);
		goto err_free;
	}
	*infop = info;
	return 0;

err_free:
	free(info);
	return ret;
}

ROC_API int roc_card_info_dup(const struct roc_card_info *info,
			      struct roc_card_info **copyp)
{
	*copyp = malloc(sizeof(*info));
	if (!*copyp)
		return roc_err_errno(-ENOMEM, "%s", info->path);
	**copyp = *info;
	return 0;
}

ROC_API void roc_card_info_free(struct roc_card_info *info)
{
	free(info);
}

ROC_API int roc_card_info_get_dev_id(const struct roc_card_info *info)
{
	return info->dev_id;
}

ROC_API const char *roc_card_info_get_name(const struct roc_card_info *info)
{
	return info->name;
}

ROC_API const char *roc_card_info_get_path(const struct roc_card_info *info)
{
	return info->path;
}

ROC_API int roc_card_info_get_sequence(const struct roc_card_info *info)
{
	return info->sequence;
}

ROC_API enum roc_type roc_card_info_get_type(const struct roc_card_info *info)
{
	return info->type;
}

ROC_API unsigned int roc_card_info_get_endpoint(const struct roc_card_info *info)
{
	return info->endpoint;
}

ROC_API int roc_card_info_get_serial(const struct roc_card_info *info)
{
	return info->serial;
}

ROC_API const char *roc_card_info_get_address(const struct roc_card_info *info)
{
	return info->address;
}

ROC_API int roc_card_info_get_numa_node(const struct roc_card_info *info)
{
	return info->numa_node;
}

ROC_API unsigned int roc_card_info_get_link_count(const struct roc_card_info *info)
{
	return info->link_count;
}

ROC_API unsigned int roc_card_info_get_num_channels(const struct roc_card_info *info)
{
	return info->num_channels;
}

ROC_API unsigned int roc_card_info_get_num_bars(const struct roc_card_info *info)
{
	return info->num_bars;
}

ROC_API uint32_t roc_card_info_get_fw_hash(const struct roc_card_info *info)
{
	return info->fw_hash;
}

ROC_API uint32_t roc_card_info_get_fw_date(const struct roc_card_info *info)
{
	return info->fw_date;
}

ROC_API uint32_t roc_card_info_get_fw_time(const struct roc_card_info *info)
{
	return info->fw_time;
}

ROC_API bool roc_card_info_is_simulated(const struct roc_card_info *info)
{
	return info->simulated;
}

ROC_API int roc_card_info_get_temperature(const struct roc_card_info *info,
					  int32_t *millideg)
{
	if (!info->has_temperature)
		return -ENODATA;
	*millideg = info->temperature;
	return 0;
}

ROC_API int roc_card_info_get_dropped_packets(const struct roc_card_info *info,
					      uint64_t *count)
{
	if (!info->has_dropped_packets)
		return -ENODATA;
	*count = info->dropped_packets;
	return 0;
}
