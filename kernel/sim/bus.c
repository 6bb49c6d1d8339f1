// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - the roc_sim bus: simulated cards are created and destroyed
 * through two bus attributes, as with netdevsim:
 *
 *   echo "ID TYPE [SERIAL]" > /sys/bus/roc_sim/new_device
 *   echo ID > /sys/bus/roc_sim/del_device
 *
 * TYPE is "cru" (two endpoints) or "crorc" (one); SERIAL is decimal,
 * 0..9999 (four ASCII digits in the serial register, docs/hardware.md 1.4),
 * default 1000 + ID % 9000.  The card is the bus device roc_sim<ID>; the
 * bus driver's probe (dev.c) creates its endpoints.  This file only parses
 * and keeps the list of devices.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "sim.h"

#define ROC_SIM_NEW_FORMAT \
	"\"id type [serial]\" (uint id <= INT_MAX, type cru or crorc, serial 0..9999)"

static DEFINE_IDA(roc_sim_bus_ids);
static LIST_HEAD(roc_sim_bus_dev_list);
static DEFINE_MUTEX(roc_sim_bus_dev_list_lock); /* protects the list above */
static bool roc_sim_bus_enable;
static refcount_t roc_sim_bus_devs; /* devices not yet released, + the bus */
static DECLARE_COMPLETION(roc_sim_bus_devs_released);

static ssize_t card_type_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct roc_sim_dev *simdev = to_roc_sim_dev(dev);

	return sysfs_emit(buf, "%s\n",
			  simdev->type == ROC_CARD_CRU ? "cru" : "crorc");
}
static DEVICE_ATTR_RO(card_type);

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%u\n", to_roc_sim_dev(dev)->serial);
}
static DEVICE_ATTR_RO(serial);

static struct attribute *roc_sim_dev_attrs[] = {
	&dev_attr_card_type.attr,
	&dev_attr_serial.attr,
	NULL
};
ATTRIBUTE_GROUPS(roc_sim_dev);

static void roc_sim_dev_release(struct device *dev)
{
	kfree(to_roc_sim_dev(dev));
	if (refcount_dec_and_test(&roc_sim_bus_devs))
		complete(&roc_sim_bus_devs_released);
}

static const struct device_type roc_sim_dev_type = {
	.groups		= roc_sim_dev_groups,
	.release	= roc_sim_dev_release,
};

static struct roc_sim_dev *roc_sim_bus_dev_new(unsigned int id,
					       enum roc_card_type type,
					       u32 serial);
static void roc_sim_bus_dev_del(struct roc_sim_dev *simdev);

static int roc_sim_bus_parse_new(const char *buf, unsigned int *id,
				 enum roc_card_type *type, u32 *serial)
{
	char tmp[64], *p, *tok[3], *t;
	unsigned int n = 0;

	if (strscpy(tmp, buf, sizeof(tmp)) < 0)
		return -EINVAL;
	p = tmp;
	while ((t = strsep(&p, " \t\n"))) {
		if (!*t)
			continue;
		if (n == ARRAY_SIZE(tok))
			return -EINVAL;
		tok[n++] = t;
	}
	if (n < 2)
		return -EINVAL;

	if (kstrtouint(tok[0], 10, id) || *id > INT_MAX)
		return -EINVAL;

	if (!strcmp(tok[1], "cru"))
		*type = ROC_CARD_CRU;
	else if (!strcmp(tok[1], "crorc"))
		*type = ROC_CARD_CRORC;
	else
		return -EINVAL;

	if (n < 3) {
		*serial = 1000 + *id % (ROC_SIM_SERIAL_MAX + 1 - 1000);
		return 0;
	}
	if (kstrtou32(tok[2], 10, serial) || *serial > ROC_SIM_SERIAL_MAX)
		return -EINVAL;
	return 0;
}

static ssize_t new_device_store(roc_sim_bus_type_t *bus, const char *buf,
				size_t count)
{
	struct roc_sim_dev *simdev;
	enum roc_card_type type;
	unsigned int id;
	u32 serial;
	int err;

	err = roc_sim_bus_parse_new(buf, &id, &type, &serial);
	if (err) {
		pr_err("Format for adding a new device is %s.\n",
		       ROC_SIM_NEW_FORMAT);
		return err;
	}

	mutex_lock(&roc_sim_bus_dev_list_lock);
	/* Prevent to use the bus before initialization. */
	if (!smp_load_acquire(&roc_sim_bus_enable)) {
		err = -EBUSY;
		goto err_unlock;
	}

	simdev = roc_sim_bus_dev_new(id, type, serial);
	if (IS_ERR(simdev)) {
		err = PTR_ERR(simdev);
		goto err_unlock;
	}
	list_add_tail(&simdev->list, &roc_sim_bus_dev_list);
	mutex_unlock(&roc_sim_bus_dev_list_lock);

	return count;

err_unlock:
	mutex_unlock(&roc_sim_bus_dev_list_lock);
	return err;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(roc_sim_bus_type_t *bus, const char *buf,
				size_t count)
{
	struct roc_sim_dev *simdev, *tmp;
	unsigned int id;
	int err;

	err = kstrtouint(buf, 10, &id);
	if (err || id > INT_MAX) {
		pr_err("Format for deleting a device is \"id\" (uint <= INT_MAX).\n");
		return -EINVAL;
	}

	err = -ENOENT;
	mutex_lock(&roc_sim_bus_dev_list_lock);
	/* Prevent to use the bus before initialization. */
	if (!smp_load_acquire(&roc_sim_bus_enable)) {
		err = -EBUSY;
		goto out_unlock;
	}
	list_for_each_entry_safe(simdev, tmp, &roc_sim_bus_dev_list, list) {
		if (simdev->id != id)
			continue;
		list_del(&simdev->list);
		roc_sim_bus_dev_del(simdev);
		err = 0;
		break;
	}
out_unlock:
	mutex_unlock(&roc_sim_bus_dev_list_lock);
	return err ? err : count;
}
static BUS_ATTR_WO(del_device);

static struct attribute *roc_sim_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL
};
ATTRIBUTE_GROUPS(roc_sim_bus);

static int roc_sim_bus_probe(struct device *dev)
{
	return roc_sim_drv_probe(to_roc_sim_dev(dev));
}

static void roc_sim_bus_remove(struct device *dev)
{
	roc_sim_drv_remove(to_roc_sim_dev(dev));
}

static roc_sim_bus_type_t roc_sim_bus = {
	.name		= ROC_SIM_NAME,
	.bus_groups	= roc_sim_bus_groups,
	.probe		= roc_sim_bus_probe,
	.remove		= roc_sim_bus_remove,
};

static struct device_driver roc_sim_driver = {
	.name		= ROC_SIM_NAME,
	.bus		= &roc_sim_bus,
	.owner		= THIS_MODULE,
	/* new_device reports the probe result, so probe must have run */
	.probe_type	= PROBE_FORCE_SYNCHRONOUS,
};

/*
 * Create, register and probe card @id.  The exact ID is reserved, so a
 * duplicate fails with -EEXIST.  Caller holds roc_sim_bus_dev_list_lock.
 */
static struct roc_sim_dev *roc_sim_bus_dev_new(unsigned int id,
					       enum roc_card_type type,
					       u32 serial)
{
	struct roc_sim_dev *simdev;
	int err;

	simdev = kzalloc(sizeof(*simdev), GFP_KERNEL);
	if (!simdev)
		return ERR_PTR(-ENOMEM);

	err = ida_alloc_range(&roc_sim_bus_ids, id, id, GFP_KERNEL);
	if (err < 0) {
		if (err == -ENOSPC)
			err = -EEXIST;
		goto err_free;
	}

	simdev->id = id;
	simdev->type = type;
	simdev->serial = serial;
	simdev->temperature = ROC_SIM_TEMPERATURE_DEFAULT;
	simdev->ttc = true;
	simdev->probe_err = -ENODEV;

	/* From here on roc_sim_dev_release() frees simdev. */
	device_initialize(&simdev->dev);
	refcount_inc(&roc_sim_bus_devs);
	simdev->dev.bus = &roc_sim_bus;
	simdev->dev.type = &roc_sim_dev_type;
	simdev->dev.id = id;
	err = dev_set_name(&simdev->dev, ROC_SIM_NAME "%u", id);
	if (err)
		goto err_put_device;

	/* Knobs exist before probe: they also act on its identification. */
	roc_sim_dev_debugfs_init(simdev);

	err = device_add(&simdev->dev);
	if (err)
		goto err_debugfs_exit;

	err = simdev->probe_err;
	if (err)
		goto err_device_del;

	return simdev;

err_device_del:
	device_del(&simdev->dev);
err_debugfs_exit:
	roc_sim_dev_debugfs_exit(simdev);
err_put_device:
	ida_free(&roc_sim_bus_ids, id);
	put_device(&simdev->dev);
	return ERR_PTR(err);
err_free:
	kfree(simdev);
	return ERR_PTR(err);
}

/* Unbind (remove), unpublish and drop card @simdev.  Caller holds the lock. */
static void roc_sim_bus_dev_del(struct roc_sim_dev *simdev)
{
	unsigned int id = simdev->id;

	device_del(&simdev->dev);
	roc_sim_dev_debugfs_exit(simdev);
	/* The ID is free again only once nothing is published under it. */
	ida_free(&roc_sim_bus_ids, id);
	put_device(&simdev->dev);
}

int roc_sim_bus_init(void)
{
	int err;

	err = bus_register(&roc_sim_bus);
	if (err)
		return err;
	err = driver_register(&roc_sim_driver);
	if (err)
		goto err_bus_unregister;
	refcount_set(&roc_sim_bus_devs, 1);
	/* Allow using the bus */
	smp_store_release(&roc_sim_bus_enable, true);
	return 0;

err_bus_unregister:
	bus_unregister(&roc_sim_bus);
	return err;
}

void roc_sim_bus_exit(void)
{
	struct roc_sim_dev *simdev, *tmp;

	/* Disallow using the bus */
	smp_store_release(&roc_sim_bus_enable, false);
	if (refcount_dec_and_test(&roc_sim_bus_devs))
		complete(&roc_sim_bus_devs_released);

	mutex_lock(&roc_sim_bus_dev_list_lock);
	list_for_each_entry_safe(simdev, tmp, &roc_sim_bus_dev_list, list) {
		list_del(&simdev->list);
		roc_sim_bus_dev_del(simdev);
	}
	mutex_unlock(&roc_sim_bus_dev_list_lock);

	/* roc_sim_dev_release() is module text: wait for the last one. */
	wait_for_completion(&roc_sim_bus_devs_released);

	driver_unregister(&roc_sim_driver);
	bus_unregister(&roc_sim_bus);
}
