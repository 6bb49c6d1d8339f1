// SPDX-License-Identifier: GPL-2.0
/*
 * roc_sim - debugfs knobs, /sys/kernel/debug/roc_sim/:
 *
 *   roc_sim<ID>/                 one directory per card, from new_device to
 *                                del_device (kept across unbind and bind)
 *     fail_serial      bool 0600 the serial number trigger (docs/hardware.md
 *                                1.4) leaves the serial register 0
 *     temperature      s32  0600 CRU only: sensor value in millidegrees
 *                                Celsius (2.2); out of the sensor's range
 *                                the reading is invalid
 *     rate_mbps        u32  0600 line rate of each endpoint's data
 *                                generator in Mb/s, shared by its links or
 *                                channels; 0 (default): as fast as the
 *                                simulator goes.  With a rate, a CRU link
 *                                without a descriptor drops its pages
 *                                (dropped_packets); see dma.c
 *     no_data          bool 0600 complete superpages at full size without
 *                                writing memory (control path benchmarks)
 *     descriptors_dropped u64 0400 superpage commits the bound endpoints
 *                                refused (FIFO full, invalid size)
 *     ttc              bool 0600 CRU only: a TTC is connected (default 1):
 *                                CTP_CLOCK (BAR2 0x240000, 2.2) reads
 *                                240474000 Hz, else 0
 *     ep<N>/                     one directory per bound endpoint
 *       dev            symlink   the endpoint's class device in sysfs
 *       dropped_packets u32 0600 CRU only: the endpoint's dropped-packets
 *                                counter (2.3)
 *       descriptors_dropped u64 0400 superpage commits refused
 *       dma_errors     u64  0400 4 KiB pieces of DMA not written: the bus
 *                                address did not translate to memory
 *       pages_written  u64  0400 8 KiB DMA pages done (no_data: skipped)
 *       superpages     u64  0400 superpages completed
 *       registers      text 0600 "reads R\nwrites W\n": register accesses
 *                                of the roc core (read32/write32, not
 *                                mmap); a write of anything resets both;
 *                                then the core's poll timer of the
 *                                endpoint: armed, starts, expiries and
 *                                channels woken (not reset)
 *       size_fifo_overflows u64 0400 CRU completions lost because the
 *                                driver did not pop the size FIFO
 *       link_down      u32  0600 links taken down, a bit mask: CRU user
 *                                links 0-11 (GBT status, 2.4: DOWN, then
 *                                "UP (was DOWN)" once back up), C-RORC
 *                                channels 0-5 (C_CSR bit 13 LINK_DOWN,
 *                                optical power 0, 4.1); data still flows
 *                                (internal loopback)
 *       watch_stores   u64  0400 stores through an mmap() to registers with
 *                                side effects that the sampling acted on
 *                                (watch.c)
 *       ttc/                     CRU only: knobs of cru_ttc.c
 *       fee<N>/                  C-RORC only: the FEE of channel N,
 *                                event_size, event_rate, events; the
 *                                other DDL knobs, see crorc_ddl.c
 *
 * CRU cards also have the knobs of the I2C chips, see cru_i2c.c.
 *
 * The knobs of the card directory exist before the card is probed, so a
 * failure can be set up for the identification done by probe: set it,
 * then unbind and bind the card (/sys/bus/roc_sim/drivers/roc_sim/).
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/limits.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "sim.h"

static struct dentry *roc_sim_ddir;

static int roc_sim_temperature_get(void *data, u64 *val)
{
	struct roc_sim_dev *simdev = data;

	*val = (s64)READ_ONCE(simdev->temperature);
	return 0;
}

static int roc_sim_temperature_set(void *data, u64 val)
{
	struct roc_sim_dev *simdev = data;
	s64 millideg = (s64)val;
	struct roc_sim_card *card;
	struct roc_sim_ep *sep;
	unsigned int i;

	if (millideg < S32_MIN || millideg > S32_MAX)
		return -EINVAL;

	/*
	 * caution: the device lock, held by probe and remove, keeps the
	 * card bound while its registers are written.
	 */
	device_lock(&simdev->dev);
	WRITE_ONCE(simdev->temperature, millideg);
	card = dev_get_drvdata(&simdev->dev);
	for (i = 0; card && i < card->num_eps; i++) {
		sep = &card->eps[i];
		spin_lock_bh(&sep->lock);
		card->model->set_temperature(sep, millideg);
		spin_unlock_bh(&sep->lock);
	}
	device_unlock(&simdev->dev);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(roc_sim_temperature_fops,
				roc_sim_temperature_get,
				roc_sim_temperature_set, "%lld\n");

/* The file goes away before the endpoint's BARs, see roc_sim_ep_destroy(). */
static int roc_sim_dropped_packets_get(void *data, u64 *val)
{
	struct roc_sim_ep *sep = data;

	spin_lock_bh(&sep->lock);
	*val = sep->card->model->get_dropped(sep);
	spin_unlock_bh(&sep->lock);
	return 0;
}

static int roc_sim_dropped_packets_set(void *data, u64 val)
{
	struct roc_sim_ep *sep = data;

	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_bh(&sep->lock);
	sep->card->model->set_dropped(sep, val);
	spin_unlock_bh(&sep->lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_dropped_packets_fops,
			 roc_sim_dropped_packets_get,
			 roc_sim_dropped_packets_set, "%llu\n");

static int roc_sim_ttc_get(void *data, u64 *val)
{
	struct roc_sim_dev *simdev = data;

	*val = READ_ONCE(simdev->ttc);
	return 0;
}

static int roc_sim_ttc_set(void *data, u64 val)
{
	struct roc_sim_dev *simdev = data;
	struct roc_sim_card *card;
	struct roc_sim_ep *sep;
	unsigned int i;

	if (val > 1)
		return -EINVAL;
	/* caution: the device lock keeps the card bound, as for temperature */
	device_lock(&simdev->dev);
	WRITE_ONCE(simdev->ttc, val);
	card = dev_get_drvdata(&simdev->dev);
	for (i = 0; card && i < card->num_eps; i++) {
		sep = &card->eps[i];
		spin_lock_bh(&sep->lock);
		card->model->set_ttc(sep, val);
		spin_unlock_bh(&sep->lock);
	}
	device_unlock(&simdev->dev);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_ttc_fops, roc_sim_ttc_get, roc_sim_ttc_set,
			 "%llu\n");

/* The file goes away before the endpoint's BARs, see roc_sim_ep_destroy(). */
static int roc_sim_link_down_get(void *data, u64 *val)
{
	struct roc_sim_ep *sep = data;

	spin_lock_bh(&sep->lock);
	*val = sep->link_down;
	spin_unlock_bh(&sep->lock);
	return 0;
}

static int roc_sim_link_down_set(void *data, u64 val)
{
	struct roc_sim_ep *sep = data;

	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_bh(&sep->lock);
	sep->card->model->set_link_down(sep, val);
	spin_unlock_bh(&sep->lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_link_down_fops, roc_sim_link_down_get,
			 roc_sim_link_down_set, "0x%llx\n");

/* The sum over the bound endpoints; the device lock keeps them bound. */
static int roc_sim_descriptors_dropped_get(void *data, u64 *val)
{
	struct roc_sim_dev *simdev = data;
	struct roc_sim_card *card;
	unsigned int i;

	*val = 0;
	device_lock(&simdev->dev);
	card = dev_get_drvdata(&simdev->dev);
	for (i = 0; card && i < card->num_eps; i++)
		*val += READ_ONCE(card->eps[i].dma.descriptors_dropped);
	device_unlock(&simdev->dev);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(roc_sim_descriptors_dropped_fops,
			 roc_sim_descriptors_dropped_get, NULL, "%llu\n");

void roc_sim_dev_debugfs_init(struct roc_sim_dev *simdev)
{
	const struct roc_sim_model *model = roc_sim_model_get(simdev->type);

	simdev->ddir = debugfs_create_dir(dev_name(&simdev->dev), roc_sim_ddir);
	debugfs_create_bool("fail_serial", 0600, simdev->ddir,
			    &simdev->fail_serial);
	if (model->set_temperature)
		debugfs_create_file_unsafe("temperature", 0600, simdev->ddir,
					   simdev, &roc_sim_temperature_fops);
	debugfs_create_u32("rate_mbps", 0600, simdev->ddir,
			   &simdev->rate_mbps);
	debugfs_create_bool("no_data", 0600, simdev->ddir, &simdev->no_data);
	debugfs_create_file_unsafe("descriptors_dropped", 0400, simdev->ddir,
				   simdev, &roc_sim_descriptors_dropped_fops);
	if (model->set_ttc)
		debugfs_create_file_unsafe("ttc", 0600, simdev->ddir, simdev,
					   &roc_sim_ttc_fops);
	/* I2C chips and their knobs, see cru_i2c.c */
	if (simdev->type == ROC_CARD_CRU)
		roc_sim_cru_i2c_init(simdev);
}

void roc_sim_dev_debugfs_exit(struct roc_sim_dev *simdev)
{
	debugfs_remove_recursive(simdev->ddir);
	simdev->ddir = NULL;
	if (simdev->type == ROC_CARD_CRU)
		roc_sim_cru_i2c_exit(simdev);
}

/* ep<N>/dev -> /sys/<path of the endpoint's device>, once registered */
static void roc_sim_ep_debugfs_link(struct roc_sim_ep *sep)
{
	struct device *dev = &sep->ep->dev;
	char *path, *target;

	if (!device_is_registered(dev))
		return;
	path = kobject_get_path(&dev->kobj, GFP_KERNEL);
	if (!path)
		return;
	target = kasprintf(GFP_KERNEL, "/sys%s", path);
	if (target)
		debugfs_create_symlink("dev", sep->ddir, target);
	kfree(target);
	kfree(path);
}

/*
 * ep<N>/registers: "reads R\nwrites W\n", the register accesses the roc
 * core made through read32/write32 (not mmap); any write resets both.
 * Then the core's poll timer of the endpoint (one for all its channels):
 * "poll_timer_armed 0|1\npoll_timer_starts S\npoll_timer_expiries E\n
 * poll_timer_woken W\n" (channels it woke), since the endpoint was made.
 */
static int roc_sim_registers_show(struct seq_file *m, void *unused)
{
	struct roc_sim_ep *sep = m->private;
	struct roc_endpoint *ep = sep->ep;

	seq_printf(m, "reads %lld\nwrites %lld\n",
		   (long long)atomic64_read(&sep->reg_reads),
		   (long long)atomic64_read(&sep->reg_writes));
	if (ep && ep->channels) {
		spin_lock_bh(&ep->poll_lock);
		seq_printf(m, "poll_timer_armed %d\npoll_timer_starts %llu\n"
			   "poll_timer_expiries %llu\npoll_timer_woken %llu\n",
			   hrtimer_active(&ep->poll_timer), ep->poll_starts,
			   ep->poll_expiries, ep->poll_woken);
		spin_unlock_bh(&ep->poll_lock);
	}
	return 0;
}

static int roc_sim_registers_open(struct inode *inode, struct file *file)
{
	return single_open(file, roc_sim_registers_show, inode->i_private);
}

static ssize_t roc_sim_registers_write(struct file *file,
				       const char __user *buf, size_t len,
				       loff_t *ppos)
{
	struct roc_sim_ep *sep = ((struct seq_file *)file->private_data)->private;

	atomic64_set(&sep->reg_reads, 0);
	atomic64_set(&sep->reg_writes, 0);
	return len;
}

static const struct file_operations roc_sim_registers_fops = {
	.owner		= THIS_MODULE,
	.open		= roc_sim_registers_open,
	.read		= seq_read,
	.write		= roc_sim_registers_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

void roc_sim_ep_debugfs_init(struct roc_sim_ep *sep)
{
	const struct roc_sim_model *model = sep->card->model;
	char name[16];

	snprintf(name, sizeof(name), "ep%u", sep->index);
	sep->ddir = debugfs_create_dir(name, sep->card->simdev->ddir);
	roc_sim_ep_debugfs_link(sep);
	if (model->set_dropped)
		debugfs_create_file_unsafe("dropped_packets", 0600, sep->ddir,
					   sep, &roc_sim_dropped_packets_fops);
	debugfs_create_u64("descriptors_dropped", 0400, sep->ddir,
			   &sep->dma.descriptors_dropped);
	debugfs_create_u64("dma_errors", 0400, sep->ddir, &sep->dma.dma_errors);
	debugfs_create_u64("pages_written", 0400, sep->ddir,
			   &sep->dma.pages_written);
	debugfs_create_u64("superpages", 0400, sep->ddir, &sep->dma.superpages);
	debugfs_create_file("registers", 0600, sep->ddir, sep,
			    &roc_sim_registers_fops);
	if (model->type == ROC_CARD_CRU)
		debugfs_create_u64("size_fifo_overflows", 0400, sep->ddir,
				   &sep->dma.size_fifo_overflows);
	if (model->set_link_down)
		debugfs_create_file_unsafe("link_down", 0600, sep->ddir, sep,
					   &roc_sim_link_down_fops);
	if (model->num_watch)
		debugfs_create_u64("watch_stores", 0400, sep->ddir,
				   &sep->watch_stores);
	if (model->type == ROC_CARD_CRU)
		roc_sim_cru_ttc_debugfs_init(sep);
	if (model->type == ROC_CARD_CRORC)
		roc_sim_crorc_ddl_debugfs(roc_sim_crorc_ddl(sep), sep->ddir);
	if (model->type == ROC_CARD_CRORC)
		roc_sim_crorc_flash_debugfs(roc_sim_crorc_flash(sep),
					    sep->ddir);
}

void roc_sim_ep_debugfs_exit(struct roc_sim_ep *sep)
{
	debugfs_remove_recursive(sep->ddir);
	sep->ddir = NULL;
}

void roc_sim_debugfs_init(void)
{
	roc_sim_ddir = debugfs_create_dir(ROC_SIM_NAME, NULL);
}

void roc_sim_debugfs_exit(void)
{
	debugfs_remove_recursive(roc_sim_ddir);
}
