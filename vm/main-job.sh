#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/main-job.sh - `make run`: boot the Debian 6.12 kernel in QEMU, load roc
# and roc_sim, create a simulated CRU (serial 245, two endpoints) and a
# simulated C-RORC (serial 2942), and show the cards.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
# shellcheck source=vm/kernels.sh
. vm/kernels.sh
lane=${ROC_LANE:-6.12}
roc_lane_resolve "$lane"
make --no-print-directory modules KDIR="$KDIR" >/dev/null
kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")

if [ "${1:-}" != --guest ]; then
	echo "roc: booting Debian $KVER under QEMU (TCG), this takes a few seconds"
	exec vm/run.sh -k "$lane" -o build/run -t 600 -- "$0" --guest "$kmod"
fi

# --- in the guest -------------------------------------------------------------
kmod=$2
insmod "$kmod/roc.ko"
insmod "$kmod/roc_sim.ko"
/lib/systemd/systemd-udevd --daemon --resolve-names=never
echo "1 cru 245" >/sys/bus/roc_sim/new_device
echo "2 crorc 2942" >/sys/bus/roc_sim/new_device
udevadm settle

printf '%-6s %-6s %-14s %6s %4s %5s %-9s %s\n' \
	DEV TYPE ADDRESS SERIAL EP NUMA FIRMWARE LINKS
for d in /sys/class/roc/roc*; do
	printf '%-6s %-6s %-14s %6s %4s %5s %-9s %s\n' "$(basename "$d")" \
		"$(cat "$d/card_type")" "$(cat "$d/pci_address")" \
		"$(cat "$d/serial")" "$(cat "$d/endpoint")" \
		"$(cat "$d/numa_node")" "$(cat "$d/firmware")" \
		"$(cat "$d/link_count")"
done
echo
ls -l /dev/roc/by-serial /dev/roc/by-path
