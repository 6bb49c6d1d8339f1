// SPDX-License-Identifier: GPL-2.0
/*
 * roc - the endpoint registry and the life of an endpoint.
 *
 * Bus glue (pci.c, roc_sim.ko) allocates an endpoint, describes its BARs and
 * registers it.  Registration identifies the card through its backend and
 * publishes /dev/rocN with its sysfs attributes, hwmon and a netlink event.
 * Unregistration is hot removal: it waits only for file operations already
 * touching the hardware (they are short and never sleep on user space), then
 * makes every later one fail with -ENODEV and zaps BAR mappings.  The
 * structure itself lives until the last file is closed.
 */
#include <linux/fs.h>
#include <linux/hwmon.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/srcu.h>

#include "compat.h"
#include "roc.h"

#define ROC_MAX_ENDPOINTS	256
#define ROC_FS_MAGIC		0x524f4331	/* "ROC1" */

static struct class *roc_class;
static dev_t roc_devt;
static DEFINE_IDA(roc_ida);

/*
 * Readers of every endpoint's liveness, see roc_ep_enter(); one for all
 * endpoints, as the read sections are short.
 */
DEFINE_STATIC_SRCU(roc_ep_srcu);

/* The registry: endpoints in /dev/rocN order. */
static LIST_HEAD(roc_endpoints);
static DEFINE_MUTEX(roc_endpoints_lock);	/* protects roc_endpoints */

/*
 * A pseudo file system gives every endpoint an inode of its own, whose
 * address space all its files share (see roc_chardev_open()), so that
 * removal can zap every BAR mapping with one unmap_mapping_range(), as
 * drivers/char/mem.c does for /dev/mem.
 */
static struct vfsmount *roc_mnt;

static int roc_fs_init_fs_context(struct fs_context *fc)
{
	return init_pseudo(fc, ROC_FS_MAGIC) ? 0 : -ENOMEM;
}

static struct file_system_type roc_fs_type = {
	.name			= "roc",
	.init_fs_context	= roc_fs_init_fs_context,
	.kill_sb		= kill_anon_super,
};

#define to_roc_endpoint(d)	container_of(d, struct roc_endpoint, dev)

/* sysfs attributes of /sys/class/roc/rocN */

static ssize_t card_type_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  to_roc_endpoint(dev)->board->type_name);
}
static DEVICE_ATTR_RO(card_type);

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%d\n", to_roc_endpoint(dev)->serial);
}
static DEVICE_ATTR_RO(serial);

static ssize_t endpoint_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_roc_endpoint(dev)->endpoint);
}
static DEVICE_ATTR_RO(endpoint);

static ssize_t pci_address_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_roc_endpoint(dev)->address);
}
static DEVICE_ATTR_RO(pci_address);

static ssize_t numa_node_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_roc_endpoint(dev)->numa_node);
}
static DEVICE_ATTR_RO(numa_node);

static ssize_t firmware_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%x\n", to_roc_endpoint(dev)->fw_hash);
}
static DEVICE_ATTR_RO(firmware);

static ssize_t firmware_date_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%08x\n", to_roc_endpoint(dev)->fw_date);
}
static DEVICE_ATTR_RO(firmware_date);

static ssize_t firmware_time_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%08x\n", to_roc_endpoint(dev)->fw_time);
}
static DEVICE_ATTR_RO(firmware_time);

static ssize_t link_count_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_roc_endpoint(dev)->link_count);
}
static DEVICE_ATTR_RO(link_count);

static ssize_t dropped_packets_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct roc_endpoint *ep = to_roc_endpoint(dev);
	ssize_t ret;
	int idx;

	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	ret = sysfs_emit(buf, "%llu\n", ep->card->dropped_packets(ep));
	roc_ep_exit(idx);
	return ret;
}
static DEVICE_ATTR_RO(dropped_packets);

static struct attribute *roc_endpoint_attrs[] = {
	&dev_attr_card_type.attr,
	&dev_attr_serial.attr,
	&dev_attr_endpoint.attr,
	&dev_attr_pci_address.attr,
	&dev_attr_numa_node.attr,
	&dev_attr_firmware.attr,
	&dev_attr_firmware_date.attr,
	&dev_attr_firmware_time.attr,
	&dev_attr_link_count.attr,
	&dev_attr_dropped_packets.attr,
	NULL
};

static umode_t roc_endpoint_attr_visible(struct kobject *kobj,
					 struct attribute *attr, int n)
{
	struct roc_endpoint *ep = to_roc_endpoint(kobj_to_dev(kobj));

	if (attr == &dev_attr_dropped_packets.attr &&
	    !ep->card->dropped_packets)
		return 0;
	return attr->mode;
}

static const struct attribute_group roc_endpoint_group = {
	.attrs		= roc_endpoint_attrs,
	.is_visible	= roc_endpoint_attr_visible,
};

static const struct attribute_group *roc_endpoint_groups[] = {
	&roc_endpoint_group,
	NULL
};

/* The variables udev names /dev/roc/by-serial and by-path from. */
static int roc_endpoint_uevent(roc_uevent_device *dev,
			       struct kobj_uevent_env *env)
{
	const struct roc_endpoint *ep = container_of(dev, struct roc_endpoint,
						     dev);
	int ret;

	ret = add_uevent_var(env, "ROC_CARD_TYPE=%s", ep->board->type_name);
	if (!ret)
		ret = add_uevent_var(env, "ROC_SERIAL=%d", ep->serial);
	if (!ret)
		ret = add_uevent_var(env, "ROC_ENDPOINT=%u", ep->endpoint);
	if (!ret)
		ret = add_uevent_var(env, "ROC_ADDRESS=%s", ep->address);
	return ret;
}

static void roc_endpoint_release(struct device *dev)
{
	struct roc_endpoint *ep = to_roc_endpoint(dev);

	if (ep->inode)
		iput(ep->inode);
	roc_channel_free(ep);
	ida_free(&roc_ida, ep->id);
	module_put(ep->card_owner);	/* a PCI backend's, see pci.c */
	kfree(ep);
}

static const struct device_type roc_endpoint_type = {
	.name		= "roc_endpoint",
	.groups		= roc_endpoint_groups,
	.uevent		= roc_endpoint_uevent,
	.release	= roc_endpoint_release,
};

/**
 * roc_endpoint_alloc() - allocate an endpoint for the bus glue
 * @parent: bus device
 * @board: the kind of card, with its backend
 * @bus: bus operations
 * @address: bus address string
 *
 * The glue then fills &roc_endpoint.bars, .num_bars, .dma_dev, .numa_node,
 * .bus_priv and .simulated, and calls roc_endpoint_register(), or drops the
 * endpoint with roc_endpoint_free().
 *
 * Context: process context; may sleep.
 * Return: the endpoint or an ERR_PTR().
 */
struct roc_endpoint *roc_endpoint_alloc(struct device *parent,
					const struct roc_board_data *board,
					const struct roc_bus_ops *bus,
					const char *address)
{
	struct roc_endpoint *ep;
	int id, ret;

	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return ERR_PTR(-ENOMEM);

	id = ida_alloc_max(&roc_ida, ROC_MAX_ENDPOINTS - 1, GFP_KERNEL);
	if (id < 0) {
		kfree(ep);
		return ERR_PTR(id);
	}

	ep->id = id;
	ep->parent = parent;
	ep->dma_dev = parent;
	ep->bus = bus;
	ep->board = board;
	ep->type = board->type;
	ep->card = board->card;
	ep->numa_node = dev_to_node(parent);
	ep->serial = -1;
	strscpy(ep->address, address, sizeof(ep->address));
	INIT_LIST_HEAD(&ep->list);
	mutex_init(&ep->reg_lock);

	device_initialize(&ep->dev);
	ep->dev.class = roc_class;
	ep->dev.type = &roc_endpoint_type;
	ep->dev.parent = parent;
	ep->dev.devt = MKDEV(MAJOR(roc_devt), id);
	cdev_init(&ep->cdev, &roc_chardev_fops);
	ep->cdev.owner = THIS_MODULE;

	/* From here on the release function frees the endpoint. */
	ret = dev_set_name(&ep->dev, "roc%d", id);
	if (!ret)
		ret = roc_channel_init(ep);
	if (ret) {
		put_device(&ep->dev);
		return ERR_PTR(ret);
	}
	return ep;
}
EXPORT_SYMBOL_NS_GPL(roc_endpoint_alloc, ROC_NS);

/**
 * roc_endpoint_free() - drop an endpoint that was never registered
 * @ep: the endpoint of roc_endpoint_alloc()
 *
 * Drops the glue's reference; the endpoint goes once nothing else holds it.
 */
void roc_endpoint_free(struct roc_endpoint *ep)
{
	put_device(&ep->dev);
}
EXPORT_SYMBOL_NS_GPL(roc_endpoint_free, ROC_NS);

/**
 * roc_endpoint_register() - identify the card and publish the endpoint
 * @ep: the endpoint of roc_endpoint_alloc(), its BARs filled in
 *
 * Identifies the card through its backend, then publishes /dev/rocN with
 * its sysfs attributes, hwmon and a netlink event.  On failure the glue
 * still owns @ep and drops it with roc_endpoint_free().
 *
 * Context: process context; may sleep.
 * Return: 0 or -errno.
 */
int roc_endpoint_register(struct roc_endpoint *ep)
{
	struct roc_endpoint *pos;
	struct inode *inode;
	int ret;

	ret = ep->card->identify(ep);
	if (ret) {
		dev_err(ep->parent, "cannot identify %s endpoint: %d\n",
			ep->board->name, ret);
		return ret;
	}

	inode = alloc_anon_inode(roc_mnt->mnt_sb);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	ep->inode = inode;	/* put by the release function */

	/* on-card buses first: the EEPROM may hold the serial (1.4) */
	if (ep->card->attach) {
		ret = ep->card->attach(ep);
		if (ret)
			return ret;
	}

	ret = cdev_device_add(&ep->cdev, &ep->dev);
	if (ret)
		goto err_detach;

	ret = roc_hwmon_register(ep);
	if (ret)
		goto err_cdev_del;

	/* Keep the registry in /dev/rocN order: dumps resume by id. */
	mutex_lock(&roc_endpoints_lock);
	list_for_each_entry(pos, &roc_endpoints, list)
		if (pos->id > ep->id)
			break;
	list_add_tail(&ep->list, &pos->list);
	mutex_unlock(&roc_endpoints_lock);

	roc_nl_notify_add(ep);

	dev_info(&ep->dev, "%s serial %d endpoint %u at %s, firmware %x, %u links\n",
		 ep->board->name, ep->serial, ep->endpoint, ep->address,
		 ep->fw_hash, ep->link_count);
	return 0;

err_cdev_del:
	cdev_device_del(&ep->cdev, &ep->dev);
err_detach:
	if (ep->card->detach)
		ep->card->detach(ep);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(roc_endpoint_register, ROC_NS);

/**
 * roc_endpoint_unregister() - hot removal of a registered endpoint
 * @ep: the endpoint
 *
 * Stops DMA, waits for the operations touching the hardware, fails every
 * later one with -ENODEV, zaps BAR mappings and unpublishes.  When it
 * returns nothing touches the bus device any more.  Drops the glue's
 * reference: the structure lives until the last file is closed.
 *
 * Context: process context; may sleep.
 */
void roc_endpoint_unregister(struct roc_endpoint *ep)
{
	roc_nl_notify_del(ep);

	mutex_lock(&roc_endpoints_lock);
	list_del_init(&ep->list);
	mutex_unlock(&roc_endpoints_lock);

	roc_hwmon_unregister(ep);
	if (ep->card->detach)
		ep->card->detach(ep);

	/* Stop DMA and unmap buffers while the device is still there. */
	roc_channel_remove(ep);

	/*
	 * Take away the BAR pages mapped so far before anybody can see
	 * -ENODEV (a process told the device is gone finds its mappings gone
	 * too), fail every later operation on the hardware, wait for those
	 * running, and take away what a fault mapped meanwhile.
	 */
	unmap_mapping_range(ep->inode->i_mapping, 0, 0, 1);
	WRITE_ONCE(ep->dead, true);
	synchronize_srcu(&roc_ep_srcu);
	unmap_mapping_range(ep->inode->i_mapping, 0, 0, 1);

	cdev_device_del(&ep->cdev, &ep->dev);
	dev_info(&ep->dev, "removed\n");
	put_device(&ep->dev);
}
EXPORT_SYMBOL_NS_GPL(roc_endpoint_unregister, ROC_NS);

/**
 * roc_ep_enter() - enter a section that touches the endpoint's hardware
 * @ep: the endpoint
 * @idx: where to keep the cookie for roc_ep_exit()
 *
 * Like drm_dev_enter(): between a successful roc_ep_enter() and
 * roc_ep_exit() the bus device stays present, as roc_endpoint_unregister()
 * waits for every such section before it returns.  The section may sleep
 * but must not wait for user space (no user-memory access, no page fault).
 *
 * Context: process context, or the mmap fault handler.
 * Return: true if the endpoint is alive (then call roc_ep_exit()), false if
 * removal has begun.
 */
bool roc_ep_enter(struct roc_endpoint *ep, int *idx)
{
	*idx = srcu_read_lock(&roc_ep_srcu);
	if (READ_ONCE(ep->dead)) {
		srcu_read_unlock(&roc_ep_srcu, *idx);
		return false;
	}
	/* Sparse sees no section that outlives its function: hide it. */
	__release(&roc_ep_srcu);
	return true;
}
EXPORT_SYMBOL_NS_GPL(roc_ep_enter, ROC_NS);

/**
 * roc_ep_exit() - leave a section entered with roc_ep_enter()
 * @idx: the cookie roc_ep_enter() stored
 */
void roc_ep_exit(int idx)
{
	__acquire(&roc_ep_srcu);	/* for sparse, see roc_ep_enter() */
	srcu_read_unlock(&roc_ep_srcu, idx);
}
EXPORT_SYMBOL_NS_GPL(roc_ep_exit, ROC_NS);

/* Iterate the registry: call @fn for each endpoint, in /dev/rocN order. */
int roc_endpoint_for_each(int (*fn)(struct roc_endpoint *ep, void *arg),
			  void *arg)
{
	struct roc_endpoint *ep;
	int ret = 0;

	mutex_lock(&roc_endpoints_lock);
	list_for_each_entry(ep, &roc_endpoints, list) {
		ret = fn(ep, arg);
		if (ret)
			break;
	}
	mutex_unlock(&roc_endpoints_lock);
	return ret;
}

/* Look an endpoint up by N, with a reference (put_device() when done). */
struct roc_endpoint *roc_endpoint_get_by_id(int id)
{
	struct roc_endpoint *ep, *found = NULL;

	mutex_lock(&roc_endpoints_lock);
	list_for_each_entry(ep, &roc_endpoints, list) {
		if (ep->id == id) {
			get_device(&ep->dev);
			found = ep;
			break;
		}
	}
	mutex_unlock(&roc_endpoints_lock);
	return found;
}

int roc_endpoint_init(void)
{
	int ret;

	roc_mnt = kern_mount(&roc_fs_type);
	if (IS_ERR(roc_mnt))
		return PTR_ERR(roc_mnt);

	ret = alloc_chrdev_region(&roc_devt, 0, ROC_MAX_ENDPOINTS, ROC_DRV_NAME);
	if (ret)
		goto err_unmount;

	roc_class = roc_class_create(ROC_DRV_NAME);
	if (IS_ERR(roc_class)) {
		ret = PTR_ERR(roc_class);
		goto err_unregister_chrdev;
	}
	return 0;

err_unregister_chrdev:
	unregister_chrdev_region(roc_devt, ROC_MAX_ENDPOINTS);
err_unmount:
	kern_unmount(roc_mnt);
	return ret;
}

void roc_endpoint_exit(void)
{
	class_destroy(roc_class);
	unregister_chrdev_region(roc_devt, ROC_MAX_ENDPOINTS);
	kern_unmount(roc_mnt);
}
