// SPDX-License-Identifier: GPL-2.0
/*
 * roc - card temperature through hwmon (temp1_input, millidegrees), so that
 * `sensors` shows it.  Only cards with a sensor get a hwmon device: the CRU
 * (docs/hardware.md 2.2), not the C-RORC.  The CRU adds the optical receive
 * power of each of the endpoint's links (power1..12_input, microwatts,
 * labelled "link N", P2-3.3): power<N+1> is link N.
 */
#include <linux/hwmon.h>

#include "compat.h"
#include "roc.h"

#define ROC_HWMON_POWER	12

static const char * const roc_hwmon_power_labels[ROC_HWMON_POWER] = {
	"link 0", "link 1", "link 2", "link 3", "link 4", "link 5",
	"link 6", "link 7", "link 8", "link 9", "link 10", "link 11",
};

static umode_t roc_hwmon_is_visible(const void *data,
				    enum hwmon_sensor_types type, u32 attr,
				    int channel)
{
	const struct roc_endpoint *ep = data;

	if (type == hwmon_temp && attr == hwmon_temp_input)
		return 0444;
	if (type == hwmon_power && ep->card->rx_power &&
	    channel < ep->card->rx_power_links &&
	    (attr == hwmon_power_input || attr == hwmon_power_label))
		return 0444;
	return 0;
}

static int roc_hwmon_read_string(struct device *dev,
				 enum hwmon_sensor_types type, u32 attr,
				 int channel, const char **str)
{
	if (type != hwmon_power || attr != hwmon_power_label ||
	    channel >= ROC_HWMON_POWER)
		return -EOPNOTSUPP;
	*str = roc_hwmon_power_labels[channel];
	return 0;
}

static int roc_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			  u32 attr, int channel, long *val)
{
	struct roc_endpoint *ep = dev_get_drvdata(dev);
	int idx, ret;

	if (!(type == hwmon_temp && attr == hwmon_temp_input) &&
	    !(type == hwmon_power && attr == hwmon_power_input &&
	      ep->card->rx_power))
		return -EOPNOTSUPP;

	if (!roc_ep_enter(ep, &idx))
		return -ENODEV;
	if (type == hwmon_temp)
		ret = ep->card->temperature(ep, val);
	else
		ret = ep->card->rx_power(ep, channel, val);
	roc_ep_exit(idx);
	return ret;
}

static const struct hwmon_ops roc_hwmon_ops = {
	.is_visible	= roc_hwmon_is_visible,
	.read		= roc_hwmon_read,
	.read_string	= roc_hwmon_read_string,
};

static const struct hwmon_channel_info *roc_hwmon_const roc_hwmon_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT),
	HWMON_CHANNEL_INFO(power,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL,
			   HWMON_P_INPUT | HWMON_P_LABEL),
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
