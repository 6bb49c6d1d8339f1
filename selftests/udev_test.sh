#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# udev_test.sh - udev/60-roc.rules with the real systemd-udevd: group roc,
# mode 0660, /dev/roc/by-serial/<serial>-<endpoint>, /dev/roc/by-path/<addr>,
# for a simulated CRU (two endpoints) and a C-RORC; links go with the card.
set -u
top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
ktap_print_header
ktap_set_plan 16
check() { ktap_test_result "$@"; }

# The rules go to /run, which udev reads like /etc (the host root is
# read-only in the VM).
mkdir -p /run/udev/rules.d
cp "$top/udev/60-roc.rules" /run/udev/rules.d/
started=
if ! udevadm control --ping >/dev/null 2>&1; then
	/lib/systemd/systemd-udevd --daemon --resolve-names=early
	started=1
fi
udevadm control --reload

id=$((700 + RANDOM % 90))
sim_new "$id" cru 245
sim_new "$((id + 1))" crorc 2942
udevadm settle -t 30

ep0=$(card_dev "roc_sim:$id.0")
ep1=$(card_dev "roc_sim:$id.1")
cr=$(card_dev "roc_sim:$((id + 1)).0")

links_to() { [ "$(readlink -f "$1")" = "$2" ]; }
perms() { [ "$(stat -c '%G %a' "$1")" = "roc 660" ]; }

check "cru ep0 group roc mode 0660" perms "$ep0"
check "cru ep1 group roc mode 0660" perms "$ep1"
check "crorc group roc mode 0660" perms "$cr"
gid=$(getent group roc | cut -d: -f3)
opens_as() {	# opens_as GROUPS DEV: can uid 65534 with these groups open it?
	setpriv --reuid=65534 --regid=65534 --groups="$1" \
		bash -c "exec 3<>$2" 2>/dev/null
}
check "a member of group roc may open it" opens_as "$gid" "$ep0"
check "others may not" eval '! opens_as 65534 "$ep0"'
check "by-serial/245-0" links_to /dev/roc/by-serial/245-0 "$ep0"
check "by-serial/245-1" links_to /dev/roc/by-serial/245-1 "$ep1"
check "by-serial/2942-0" links_to /dev/roc/by-serial/2942-0 "$cr"
check "by-path cru ep0" links_to "/dev/roc/by-path/roc_sim:$id.0" "$ep0"
check "by-path cru ep1" links_to "/dev/roc/by-path/roc_sim:$id.1" "$ep1"
check "by-path crorc" links_to "/dev/roc/by-path/roc_sim:$((id + 1)).0" "$cr"
check "uevent carries ROC_SERIAL" \
	grep -qx ROC_SERIAL=245 "/sys/class/roc/$(basename "$ep0")/uevent"
check "uevent carries ROC_CARD_TYPE" \
	grep -qx ROC_CARD_TYPE=crorc "/sys/class/roc/$(basename "$cr")/uevent"

sim_del "$id"
sim_del "$((id + 1))"
udevadm settle -t 30
check "by-serial links removed" test ! -e /dev/roc/by-serial/245-0 -a ! -e /dev/roc/by-serial/2942-0
check "by-path links removed" test ! -e "/dev/roc/by-path/roc_sim:$id.0"
check "device nodes removed" test ! -e "$ep0" -a ! -e "$cr"

[ -n "$started" ] && udevadm control --exit
ktap_finished
