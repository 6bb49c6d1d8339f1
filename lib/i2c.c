// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libroc - CRU slow control through the kernel: the MiniPOD receive power
 * of a link (hwmon, docs/hardware.md P2-3.3), the I2C adapter of a card's
 * master (i2c-dev, P2-3.2) and the PON receive power of SFP1 (P2-3.4).
 *
 * Endpoint 0 of a card owns the card's adapters, named "rocN CRU <bus>"
 * after it; endpoint 1 finds them through the serial both share.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <i2c/smbus.h>
#include <linux/i2c-dev.h>
#include <sys/ioctl.h>

#include "internal.h"
#include "libroc.h"

#define SYS_ROC		"/sys/class/roc"
#define SYS_I2C		"/sys/bus/i2c/devices"

/* Read one line of a sysfs file into @buf, without the newline. */
static int sysfs_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ret = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		ret = -ENODATA;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ret;
}

static int sysfs_long(const char *path, long *val)
{
	char buf[64], *end;
	int ret = sysfs_line(path, buf, sizeof(buf));

	if (ret)
		return ret;
	errno = 0;
	*val = strtol(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

/* power<link+1>_input of the endpoint's hwmon device, in uW */
static int hwmon_power(const struct roc_card_info *info, unsigned int link,
		       long *v)
{
	char path[PATH_MAX];
	struct dirent *de;
	int ret = -ENODATA;
	DIR *d;

	snprintf(path, sizeof(path), SYS_ROC "/roc%d", info->dev_id);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "hwmon", 5) || !de->d_name[5])
			continue;
		snprintf(path, sizeof(path), SYS_ROC "/roc%d/%s/power%u_input",
			 info->dev_id, de->d_name, link + 1);
		ret = sysfs_long(path, v);
		break;
	}
	closedir(d);
	return ret;
}

void roc_cru_status_power(struct roc_card *card, unsigned int link,
			  double *uw)
{
	long v;

	if (!hwmon_power(roc_card_get_info(card), link, &v))
		*uw = (double)v;
}

ROC_API int roc_cru_optical_power(struct roc_card *card, unsigned int link,
				  double *uw)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	long v;
	int ret;

	if (info->type != ROC_TYPE_CRU || link >= 12)
		return roc_err(-EINVAL, "%s: no optical power of link %u",
			       roc_card_get_label(card), link);
	ret = hwmon_power(info, link, &v);
	if (ret)
		return roc_err_errno(ret, "%s: optical power of link %u",
				     roc_card_get_label(card), link);
	*uw = (double)v;
	return 0;
}

/* The rocN of endpoint 0 of the card with @serial; -1 if none. */
static int endpoint0_of(const struct roc_card_info *info)
{
	char path[PATH_MAX];
	struct dirent *de;
	long serial, ep;
	int id = -1;
	DIR *d;

	if (info->endpoint == 0)
		return info->dev_id;
	if (info->serial < 0)
		return -1;
	d = opendir(SYS_ROC);
	if (!d)
		return -1;
	while ((de = readdir(d)) && id < 0) {
		if (strncmp(de->d_name, "roc", 3))
			continue;
		snprintf(path, sizeof(path), SYS_ROC "/%s/serial", de->d_name);
		if (sysfs_long(path, &serial) || serial != info->serial)
			continue;
		snprintf(path, sizeof(path), SYS_ROC "/%s/endpoint", de->d_name);
		if (!sysfs_long(path, &ep) && ep == 0)
			id = atoi(de->d_name + 3);
	}
	closedir(d);
	return id;
}

ROC_API int roc_cru_i2c_bus(struct roc_card *card, const char *bus)
{
	const struct roc_card_info *info = roc_card_get_info(card);
	char path[PATH_MAX], want[64], name[128];
	struct dirent *de;
	int ep0, nr = -1;
	DIR *d;

	if (info->type != ROC_TYPE_CRU)
		return roc_err(-EOPNOTSUPP, "%s: not a CRU: no I2C buses",
			       roc_card_get_label(card));
	ep0 = endpoint0_of(info);
	if (ep0 < 0)
		return roc_err(-ENODEV, "%s: endpoint 0 of the card (serial %d) not found: it owns the I2C buses",
			       roc_card_get_label(card), info->serial);
	snprintf(want, sizeof(want), "roc%d CRU %s", ep0, bus);
	d = opendir(SYS_I2C);
	if (!d)
		return roc_err_errno(-errno, "%s: %s", roc_card_get_label(card),
				     SYS_I2C);
	while ((de = readdir(d)) && nr < 0) {
		if (strncmp(de->d_name, "i2c-", 4))
			continue;
		snprintf(path, sizeof(path), SYS_I2C "/%s/name", de->d_name);
		if (!sysfs_line(path, name, sizeof(name)) && !strcmp(name, want))
			nr = atoi(de->d_name + 4);
	}
	closedir(d);
	if (nr < 0)
		return roc_err(-ENODEV, "%s: no I2C adapter \"%s\" (is roc loaded?)",
			       roc_card_get_label(card), want);
	return nr;
}

ROC_API int roc_cru_i2c_open(struct roc_card *card, const char *bus,
			     unsigned int addr)
{
	char path[32];
	int nr, fd;

	nr = roc_cru_i2c_bus(card, bus);
	if (nr < 0)
		return nr;
	snprintf(path, sizeof(path), "/dev/i2c-%d", nr);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return roc_err_errno(-errno, "%s: %s (is i2c-dev loaded?)",
				     roc_card_get_label(card), path);
	if (ioctl(fd, I2C_SLAVE, addr) < 0) {
		int ret = -errno;

		close(fd);
		return roc_err_errno(ret, "%s: %s: chip 0x%02x",
				     roc_card_get_label(card), path, addr);
	}
	return fd;
}

ROC_API int roc_cru_pon_rx_power(struct roc_card *card, double *dbm)
{
	int fd, msb, lsb;
	unsigned int raw;

	fd = roc_cru_i2c_open(card, "sfp1", 0x51);
	if (fd < 0)
		return fd;
	msb = i2c_smbus_read_byte_data(fd, 0x68);
	lsb = msb < 0 ? msb : i2c_smbus_read_byte_data(fd, 0x69);
	close(fd);
	if (lsb < 0)
		return roc_err_errno(-errno, "%s: SFP1 RX power",
				     roc_card_get_label(card));
	raw = (unsigned int)msb << 8 | (unsigned int)lsb;
	/* 0.1 uW units, dBm = 10 log10(P / 1 mW); no light is -inf */
	*dbm = raw ? 10.0 * log10(raw / 10000.0) : -INFINITY;
	return 0;
}
