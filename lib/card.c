// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - an open endpoint: resolving a card ID to /dev/rocN, opening it,
 * checking that it is a roc device, its identity (ROC_GET_INFO).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/roc.h>

#include "internal.h"

_Static_assert((int)ROC_TYPE_CRORC == (int)ROC_CARD_CRORC &&
	       (int)ROC_TYPE_CRU == (int)ROC_CARD_CRU &&
	       (int)ROC_TYPE_UNKNOWN == (int)ROC_CARD_UNKNOWN,
	       "enum roc_type follows enum roc_card_type");
_Static_assert(ROC_ADDRESS_MAX >= ROC_ADDR_LEN, "address fits");

struct roc_card {
	int fd;
	int flags;
	struct roc_card_info info;
	char label[ROC_PATH_MAX + 128];
};

/* "rocN" of a character device, from /sys/dev/char/M:m -> .../roc/rocN. */
static int roc_card_sysfs_name(const struct stat *st, char *name, size_t len)
{
	char link[64], target[PATH_MAX], sub[PATH_MAX + 16], subt[PATH_MAX];
	ssize_t n;
	int id;

	snprintf(link, sizeof(link), "/sys/dev/char/%u:%u",
		 major(st->st_rdev), minor(st->st_rdev));
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	snprintf(sub, sizeof(sub), "%s/subsystem", link);
	n = readlink(sub, subt, sizeof(subt) - 1);
	if (n < 0)
		return -errno;
	subt[n] = '\0';
	if (strcmp(basename(subt), "roc"))
		return -ENOTTY;
	if (sscanf(basename(target), "roc%d", &id) != 1)
		return -ENOTTY;
	snprintf(name, len, "%s", basename(target));
	return id;
}

static void roc_card_info_from_uapi(struct roc_card_info *info,
				    const struct roc_info *ri)
{
	info->type = ri->card_type == ROC_CARD_CRU ? ROC_TYPE_CRU :
		     ri->card_type == ROC_CARD_CRORC ? ROC_TYPE_CRORC :
		     ROC_TYPE_UNKNOWN;
	info->endpoint = ri->endpoint;
	info->serial = ri->flags & ROC_INFO_FLAG_SERIAL ? ri->serial : -1;
	info->numa_node = ri->numa_node;
	info->num_bars = ri->num_bars;
	info->num_channels = ri->num_channels;
	info->link_count = ri->link_count;
	info->fw_hash = ri->fw_hash;
	info->fw_date = ri->fw_date;
	info->fw_time = ri->fw_time;
	info->simulated = ri->flags & ROC_INFO_FLAG_SIMULATED;
	snprintf(info->address, sizeof(info->address), "%.*s",
		 (int)sizeof(ri->address), ri->address);
}

/* Open @path and identify it; @who names it in messages. */
static int roc_card_do_open(struct roc_card *card, const char *path,
			    const char *who)
{
	struct roc_info ri = { .argsz = sizeof(ri) };
	char name[ROC_NAME_MAX];
	struct stat st;
	int ret, id;

	card->fd = open(path, (card->flags & ROC_OPEN_READONLY ?
			       O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (card->fd < 0)
		return roc_err_errno(-errno, "%s: cannot open %s", who, path);
	if (fstat(card->fd, &st))
		return roc_err_errno(-errno, "%s: cannot stat %s", who, path);
	if (!S_ISCHR(st.st_mode))
		return roc_err(-ENOTTY, "%s: %s is not a roc device (not a character device)",
			       who, path);
	if (ioctl(card->fd, ROC_GET_INFO, &ri)) {
		ret = -errno;
		if (ret == -ENODEV)
			return roc_err(ret, "%s: %s: the device is gone", who,
				       path);
		if (ret == -ENOTTY || ret == -EINVAL)
			return roc_err(-ENOTTY, "%s: %s is not a roc device",
				       who, path);
		return roc_err_errno(ret, "%s: ROC_GET_INFO on %s", who, path);
	}
	roc_card_info_from_uapi(&card->info, &ri);

	id = roc_card_sysfs_name(&st, name, sizeof(name));
	if (id >= 0) {
		card->info.dev_id = id;
		snprintf(card->info.name, sizeof(card->info.name), "%s", name);
	}
	snprintf(card->info.path, sizeof(card->info.path), "%s", path);
	roc_card_info_label(&card->info, card->label, sizeof(card->label));
	return 0;
}

ROC_API int roc_card_open_id(const struct roc_card_id *id, int flags,
			     struct roc_card **cardp)
{
	const struct roc_card_info *found = NULL;
	struct roc_card_list *list = NULL;
	const char *text = roc_card_id_to_string(id);
	char path[ROC_PATH_MAX], who[ROC_PATH_MAX + 16];
	struct roc_card *card;
	int ret;

	*cardp = NULL;
	if (flags & ~ROC_OPEN_READONLY)
		return roc_err(-EINVAL, "card %s: bad open flags 0x%x", text,
			       flags);
	card = calloc(1, sizeof(*card));
	if (!card)
		return roc_err_errno(-ENOMEM, "card %s", text);
	card->fd = -1;
	card->flags = flags;
	roc_card_info_init(&card->info);

	snprintf(who, sizeof(who), "card %s", text);
	switch (roc_card_id_get_kind(id)) {
	case ROC_CARD_ID_KIND_PATH:
		snprintf(path, sizeof(path), "%s", text);
		snprintf(who, sizeof(who), "card");
		break;
	case ROC_CARD_ID_KIND_NAME:
		snprintf(path, sizeof(path), "%s/%s", ROC_DEV_DIR, text);
		snprintf(who, sizeof(who), "card %s", text);
		break;
	default:
		ret = roc_card_list_new(&list);
		if (ret) {
			char saved[1024];

			snprintf(saved, sizeof(saved), "%s", roc_strerror_last());
			roc_err(ret, "card %s: %s", text, saved);
			goto err_close;
		}
		found = roc_card_list_find(list, id);
		if (!found) {
			ret = -ENODEV;
			goto err_close;
		}
		snprintf(path, sizeof(path), "%s", found->path);
		break;
	}

	ret = roc_card_do_open(card, path, who);
	if (ret)
		goto err_close;
	if (found) {
		card->info.sequence = found->sequence;
		if (card->info.dev_id < 0) {
			card->info.dev_id = found->dev_id;
			snprintf(card->info.name, sizeof(card->info.name),
				 "%s", found->name);
		}
	}
	roc_card_list_free(list);
	*cardp = card;
	return 0;

err_close:
	roc_card_list_free(list);
	roc_card_close(card);
	return ret;
}

ROC_API int roc_card_open(const char *card_id, int flags,
			  struct roc_card **cardp)
{
	struct roc_card_id *id;
	int ret;

	*cardp = NULL;
	ret = roc_card_id_parse(card_id, &id);
	if (ret)
		return ret;
	ret = roc_card_open_id(id, flags, cardp);
	roc_card_id_free(id);
	return ret;
}

ROC_API void roc_card_close(struct roc_card *card)
{
	if (!card)
		return;
	if (card->fd >= 0)
		close(card->fd);
	free(card);
}

ROC_API int roc_card_get_fd(const struct roc_card *card)
{
	return card->fd;
}

ROC_API bool roc_card_is_readonly(const struct roc_card *card)
{
	return card->flags & ROC_OPEN_READONLY;
}

ROC_API const struct roc_card_info *roc_card_get_info(const struct roc_card *card)
{
	return &card->info;
}

ROC_API const char *roc_card_get_label(const struct roc_card *card)
{
	return card->label;
}
