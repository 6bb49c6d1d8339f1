// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - enumeration: every endpoint the driver has, from a netlink
 * dev-get dump, in the order that defines "#N" (C-RORCs, then CRUs, each
 * by bus address; see libroc.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct roc_card_list {
	struct roc_card_info *infos;
	size_t count;
	size_t alloc;
};

static int roc_card_list_append(const struct roc_card_info *info, void *arg)
{
	struct roc_card_list *list = arg;
	struct roc_card_info *infos;
	size_t alloc;

	if (list->count == list->alloc) {
		alloc = list->alloc ? 2 * list->alloc : 8;
		infos = realloc(list->infos, alloc * sizeof(*infos));
		if (!infos)
			return roc_err_errno(-ENOMEM, "card list");
		list->infos = infos;
		list->alloc = alloc;
	}
	list->infos[list->count++] = *info;
	return 0;
}

static int roc_card_list_cmp(const void *a, const void *b)
{
	return roc_card_info_cmp(a, b);
}

ROC_API int roc_card_list_new(struct roc_card_list **listp)
{
	struct roc_card_list *list;
	struct nl_sock *sk;
	int family, ret;
	size_t i;

	*listp = NULL;
	list = calloc(1, sizeof(*list));
	if (!list)
		return roc_err_errno(-ENOMEM, "card list");

	ret = roc_nl_open(&sk, &family);
	if (ret)
		goto err_free;
	ret = roc_nl_dev_get(sk, family, -1, roc_card_list_append, list);
	roc_nl_close(sk);
	if (ret)
		goto err_free;

	if (list->count)
		qsort(list->infos, list->count, sizeof(*list->infos),
		      roc_card_list_cmp);
	for (i = 0; i < list->count; i++)
		list->infos[i].sequence = (int)i;
	*listp = list;
	return 0;

err_free:
	roc_card_list_free(list);
	return ret;
}

ROC_API void roc_card_list_free(struct roc_card_list *list)
{
	if (!list)
		return;
	free(list->infos);
	free(list);
}

ROC_API size_t roc_card_list_count(const struct roc_card_list *list)
{
	return list->count;
}

ROC_API const struct roc_card_info *
roc_card_list_get(const struct roc_card_list *list, size_t index)
{
	return index < list->count ? &list->infos[index] : NULL;
}

ROC_API const struct roc_card_info *
roc_card_list_find(const struct roc_card_list *list,
		   const struct roc_card_id *id)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (roc_card_id_matches(id, &list->infos[i]))
			return &list->infos[i];

	if (!list->count)
		roc_err(-ENODEV, "no card \"%s\": the roc driver has no endpoint",
			roc_card_id_to_string(id));
	else
		roc_err(-ENODEV,
			"no card \"%s\" among the %zu endpoint%s present (see roc-list-cards)",
			roc_card_id_to_string(id), list->count,
			list->count == 1 ? "" : "s");
	return NULL;
}
