// SPDX-License-Identifier: GPL-2.0
/*
 * roc - card temperature through hwmon (temp1_input, millidegrees), so that
 * `sensors` shows it.  Only cards with a sensor get a hwmon device: the CRU
 * (docs/hardware.md 2.2), not the C-RORC.
 */
#include <linux/hwmon.h>

#include "compat.h"
#include "roc.h"

static umode_t roc_hwmon_is_visible(const void *data,
				    enum hwmon_sensor_types type, u32 attr,
				    int channel)
{
	if (type == hwmon_temp && attr == hwmon_temp_input)
		return 0444;
	return 0;
}

static int roc_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			  u32 attr, int channel, long *val)
{
	struct roc_endpoint *ep = dev_get_drvdata(dev);
	int idx, ret;

	if (type != hwmon_temp || attr != hwmon_temp_input)
		return -EOPNOTSUPP;

	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	ret = ep->card->temperature(ep, val);
	roc_ep_exit(idx);
	return ret;
}

static const struct hwmon_ops roc_hwmon_ops = {
	.is_visible	= roc_hwmon_is_visible,
	.read		= roc_hwmon_read,
};

static const struct hwmon_channel_info *roc_hwmon_const roc_hwmon_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT),
	NULL
};

static const struct hwmon_chip_info roc_hwmon_chip = {
	.ops	= &roc_hwmon_ops,
	.info	= roc_hwmon_info,
};

int roc_hwmon_register(struct roc_endpoint *ep)
{
	struct device *hwmon;

	if (!ep->card->temperature)
		return 0;

	hwmon = hwmon_device_register_with_info(&ep->dev, ROC_DRV_NAME, ep,
						&roc_hwmon_chip, NULL);
	if (IS_ERR(hwmon))
		return PTR_ERR(hwmon);
	ep->hwmon = hwmon;
	return 0;
}

void roc_hwmon_unregister(struct roc_endpoint *ep)
{
	if (ep->hwmon)
		hwmon_device_unregister(ep->hwmon);
	ep->hwmon = NULL;
}
