#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/main-job.sh - `make run`: boot the Debian 6.12 kernel in QEMU, load roc
# and roc_sim, create a simulated CRU (serial 245, two endpoints) and a
# simulated C-RORC (serial 2942), show the cards with roc-list-cards, and
# read data from both with roc-bench-dma (10 s each, every word checked),
# and show that a user outside group roc lists the cards but cannot open
# them.  Exits non-zero if a readout reports an error or a step fails.
#
# Environment: ROC_LANE (6.12), ROC_RUN_SECONDS (10, each readout),
# ROC_KMOD (modules already built: skip `make modules`; vm/where-test.sh).
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
# shellcheck source=vm/kernels.sh
. vm/kernels.sh
lane=${ROC_LANE:-6.12}
roc_lane_resolve "$lane"
if [ "${1:-}" != --guest ]; then
	# on the host only: the guest sees the tree read-only
	kmod=${ROC_KMOD:-}
	if [ -z "$kmod" ]; then
		make --no-print-directory modules KDIR="$KDIR" >/dev/null
		kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
	fi
	echo "roc: booting Debian $KVER under QEMU (TCG), this takes a few seconds"
	exec vm/run.sh -k "$lane" -o build/run -t 600 -- "$0" --guest "$kmod" \
		"${ROC_RUN_SECONDS:-10}"
fi

# --- in the guest -------------------------------------------------------------
kmod=$2
secs=${3:-10}
insmod "$kmod/roc.ko"
insmod "$kmod/roc_sim.ko"
# The guest's /etc is the host's, read-only: udev reads rules from /run too.
mkdir -p /run/udev/rules.d
cp "$top/udev/60-roc.rules" /run/udev/rules.d/
/lib/systemd/systemd-udevd --daemon --resolve-names=early
echo "1 cru 245" >/sys/bus/roc_sim/new_device
echo "2 crorc 2942" >/sys/bus/roc_sim/new_device
udevadm settle

bin=$top/build/utils
echo "== roc-list-cards"
"$bin/roc-list-cards"
echo
ls -l /dev/roc/by-serial/
echo

# Anyone may list the cards; only group roc may open them (udev/60-roc.rules).
echo "== as user nobody (not in group roc): roc-list-cards, roc-reg-read"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
listed=$(nobody "$bin/roc-list-cards")
echo "$listed"
if [ "$(grep -c ' roc_sim:' <<<"$listed")" != 3 ]; then
	echo "roc: user nobody does not see the three endpoints"
	exit 1
fi
if nobody "$bin/roc-reg-read" --id 2942 -a 0 2>&1; then
	echo "roc: user nobody opened a card"
	exit 1
fi
echo

# Readouts: the CRU's internal generator on endpoint 0, then C-RORC
# channel 0, each checking every word.  Errors go to /tmp (the guest sees
# the host read-only).
status=0
bench() {
	local name=$1
	shift
	echo "== roc-bench-dma --id $*"
	if ! "$bin/roc-bench-dma" --error-check full --time "${secs}s" \
		--error-file "/tmp/readout_errors_$name.txt" --id "$@"; then
		echo "roc: readout $name FAILED (errors in /tmp/readout_errors_$name.txt)"
		status=1
	fi
	echo
}
bench cru 245:0 --data-source internal
bench crorc 2942 --dma-channel 0
if [ "$status" = 0 ]; then
	echo "roc: both readouts finished without data errors"
fi
exit "$status"
