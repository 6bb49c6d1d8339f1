/* SPDX-License-Identifier: GPL-2.0 */
/*
 * roc_test.h - what the roc selftests share: creating and deleting
 * simulated cards through /sys/bus/roc_sim, finding their endpoints, and
 * register access through the ioctl.
 */
#ifndef _ROC_TEST_H
#define _ROC_TEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/roc.h>

/*
 * The tests run under software emulation, on the debug kernel with KASAN,
 * on a shared 2-core machine: the harness's 30 s per test is too short.
 * Timeouts catch hangs here, not slowness.
 */
#ifdef TEST_TIMEOUT_DEFAULT
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	300
#endif

#define ROC_SIM_BUS	"/sys/bus/roc_sim"
#define ROC_CLASS	"/sys/class/roc"

static inline int roc_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

static inline int roc_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* A sim card ID unlikely to clash with another test program's. */
static inline unsigned int roc_sim_pick_id(void)
{
	return 100 + (getpid() % 800) * 8;
}

static inline int roc_sim_new(unsigned int id, const char *type, int serial)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "%u %s %d", id, type, serial);
	return roc_write_file(ROC_SIM_BUS "/new_device", cmd);
}

static inline int roc_sim_del(unsigned int id)
{
	char cmd[32];

	snprintf(cmd, sizeof(cmd), "%u", id);
	return roc_write_file(ROC_SIM_BUS "/del_device", cmd);
}

/* Write @val to knob @knob of sim card @id (debugfs roc_sim/roc_sim<id>/). */
static inline int roc_sim_knob(unsigned int id, const char *knob,
			       const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/kernel/debug/roc_sim/roc_sim%u/%s",
		 id, knob);
	return roc_write_file(path, val);
}

/*
 * Name ("rocN") of the endpoint at bus address @addr, or -ENOENT.
 */
static inline int roc_find_by_address(const char *addr, char *name,
				      size_t len)
{
	char path[300], buf[64];
	struct dirent *de;
	int ret = -ENOENT;
	DIR *d;

	d = opendir(ROC_CLASS);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "roc", 3))
			continue;
		snprintf(path, sizeof(path), ROC_CLASS "/%s/pci_address",
			 de->d_name);
		if (roc_read_file(path, buf, sizeof(buf)))
			continue;
		if (!strcmp(buf, addr)) {
			ret = strlen(de->d_name) < len ? 0 : -ENAMETOOLONG;
			if (!ret)
				memcpy(name, de->d_name, strlen(de->d_name) + 1);
			break;
		}
	}
	closedir(d);
	return ret;
}

/* Endpoint @ep of sim card @id: its "rocN" name. */
static inline int roc_sim_endpoint(unsigned int id, int ep, char *name,
				   size_t len)
{
	char addr[64];

	snprintf(addr, sizeof(addr), "roc_sim:%u.%d", id, ep);
	return roc_find_by_address(addr, name, len);
}

/*
 * Create a sim card of @type with @serial at the first ID from *@id on that
 * no other test program holds (up to 50 tries), and name its endpoint @ep
 * ("rocN") in @name.  *@id is the card's ID (on error: the ID tried last).
 * Test programs that may run side by side start from different IDs.
 */
static inline int roc_sim_new_free(unsigned int *id, const char *type,
				   int serial, int ep, char *name, size_t len)
{
	int ret, tries;

	for (tries = 1;; tries++, (*id)++) {
		ret = roc_sim_new(*id, type, serial);
		if (ret != -EEXIST || tries == 50)
			break;
	}
	if (ret)
		return ret;
	return roc_sim_endpoint(*id, ep, name, len);
}

/* Read sysfs attribute @attr of endpoint @name. */
static inline int roc_attr(const char *name, const char *attr, char *buf,
			   size_t len)
{
	char path[300];

	snprintf(path, sizeof(path), ROC_CLASS "/%s/%s", name, attr);
	return roc_read_file(path, buf, len);
}

static inline int roc_reg_ops(int fd, struct roc_reg_op *ops, unsigned int n,
			      unsigned int *done)
{
	struct roc_reg_batch b = {
		.argsz = sizeof(b),
		.count = n,
		.ops = (uintptr_t)ops,
	};
	int ret;

	ret = ioctl(fd, ROC_REG_BATCH, &b) ? -errno : 0;
	if (done)
		*done = b.done;
	return ret;
}

static inline int roc_reg_read(int fd, unsigned int bar, uint32_t off,
			       uint32_t *val)
{
	struct roc_reg_op op = { .op = ROC_REG_READ, .bar = bar,
				 .offset = off };
	int ret = roc_reg_ops(fd, &op, 1, NULL);

	if (!ret)
		*val = op.value;
	return ret;
}

static inline int roc_reg_write(int fd, unsigned int bar, uint32_t off,
				uint32_t val)
{
	struct roc_reg_op op = { .op = ROC_REG_WRITE, .bar = bar,
				 .offset = off, .value = val };

	return roc_reg_ops(fd, &op, 1, NULL);
}

/* The 4 ASCII digits a card stores for @serial, LSB first (docs/hardware.md 1.4). */
static inline uint32_t roc_ascii_serial(int serial)
{
	char s[8];

	snprintf(s, sizeof(s), "%04d", serial);
	return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
	       (uint32_t)s[3] << 24;
}

#endif /* _ROC_TEST_H */
