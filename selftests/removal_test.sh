#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# removal_test.sh - removal storm: ROC_STORM_REMOVALS (default 5) times,
# delete a simulated card (CRU and C-RORC in turn) while 8 processes use
# it: BAR mmaps read (and on the CRU written), DMA streams, ROC_REG_BATCH
# reads and writes, netlink dumps (roc-list-cards --json), a poll() waiter
# on a started channel with nothing pushed, and an open/ROC_GET_INFO loop;
# roc-storm does the work (selftests/roc-storm.c).
#
# Checks: every user sees an error and exits within 30 s (mmaps: SIGBUS;
# ioctls: ENODEV; poll: POLLHUP then ENODEV; netlink: the card is gone;
# open: ENOENT/ENODEV/ENXIO), the card's class devices and /dev nodes go,
# removal completes while a channel ioctl waits in a userfaultfd fault,
# it can be created again and streams; pins balance, VmLck 0, the kernel
# log stays clean.  kmemleak: run.sh, after the modules are unloaded.
set -u
. "$(dirname "$(readlink -f "$0")")/roc-storm-lib.sh"
trap storm_finish EXIT

removals=${ROC_STORM_REMOVALS:-5}
id=${ROC_STORM_ID:-950}
log=$(mktemp /tmp/roc-removal.XXXXXX)
before=$(ls /sys/class/roc 2>/dev/null | sort | tr '\n' ' ')

log_start
start=$(date +%s)
"$storm" removal "$removals" "$id" >"$log" 2>&1
rc=$?
show_diag "$log"
[ "$rc" = 0 ] || echo "# roc-storm exit status $rc"
secs=$(( $(date +%s) - start ))
check "$removals removals under 8 users: each user got an error and exited (${secs} s)" \
	grep -q "^storm: ok removals=$removals " "$log"
# A channel open held in a page fault across the removal must fail.
if sim_new "$id" crorc 951; then
	"$storm" open-race "$id" >"$log" 2>&1
	rc=$?
	show_diag "$log"
	if [ "$rc" = 4 ]; then
		skip "ROC_CHANNEL_OPEN in flight across the removal: ENODEV (no userfaultfd)"
	else
		check "ROC_CHANNEL_OPEN in flight across the removal: ENODEV" [ "$rc" = 0 ]
	fi
else
	not_ok "ROC_CHANNEL_OPEN in flight across the removal: create card $id"
fi
# The last "card comes back" round deletes the card again.
echo "$id" >/sys/bus/roc_sim/del_device 2>/dev/null
# Removal completes while a channel ioctl waits in a page fault that is not
# resolved (userfaultfd): for the argument structure, the ROC_PUSH entries
# the ROC_POP entries and the pages ROC_BUFFER_REGISTER pins, on a CRU and
# a C-RORC (roc-storm creates them).
"$storm" uffd-removal "$id" >"$log" 2>&1
rc=$?
show_diag "$log"
if [ "$rc" = 4 ]; then
	skip "removal with a channel ioctl held in a page fault (no userfaultfd)"
else
	check "removal with a channel ioctl held in a page fault: completes, the ioctl then fails with ENODEV" \
		[ "$rc" = 0 ]
fi
after=$(ls /sys/class/roc 2>/dev/null | sort | tr '\n' ' ')
check "no endpoint left behind" [ "$before" = "$after" ]
check "pins balanced: nr_foll_pin_acquired == nr_foll_pin_released" pins_balanced
check "locked_vm 0 in every process" vmlck_zero
check "kernel log clean during the removals" log_clean
rm -f "$log"
