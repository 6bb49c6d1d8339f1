#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# storm_test.sh - crash storm: ROC_STORM_CRASHES (default 50) times, start
# DMA on a random simulated target (CRU endpoint 0/1 with the internal or
# DDG generator, C-RORC channel 0-5) and kill -9 it at a random moment of
# a random phase (buffer registration, push, pop, poll wait, stop,
# streaming); roc-storm does the work (selftests/roc-storm.c).
#
# Checks: each killed channel is acquirable at once and all 8 at once at
# the end; nr_foll_pin_acquired == nr_foll_pin_released; VmLck 0 in every
# process; the kernel log stays clean.  kmemleak is scanned by run.sh
# after the modules are unloaded.  Prints TAP.
set -u
. "$(dirname "$(readlink -f "$0")")/roc-storm-lib.sh"
trap storm_finish EXIT

crashes=${ROC_STORM_CRASHES:-50}
cru=${ROC_STORM_ID:-940}
crorc=$((cru + 1))
log=$(mktemp /tmp/roc-storm.XXXXXX)

cards() { sim_new "$cru" cru 940 && sim_new "$crorc" crorc 941; }
check "create sim CRU $cru and C-RORC $crorc" cards
log_start
start=$(date +%s)
"$storm" crash "$crashes" "$cru" "$crorc" >"$log" 2>&1
rc=$?
show_diag "$log"
secs=$(( $(date +%s) - start ))
check "$crashes kill -9 during DMA survived, each channel free at once (${secs} s)" \
	grep -q "^storm: ok crashes=$crashes " "$log"
[ "$rc" = 0 ] || echo "# roc-storm exit status $rc"
check "every channel acquirable at once after the storm" \
	sh -c "! grep -q 'not acquirable after the storm' '$log'"
check "delete the sim cards" sim_del "$cru"
sim_del "$crorc"
check "pins balanced: nr_foll_pin_acquired == nr_foll_pin_released" pins_balanced
check "locked_vm 0 in every process" vmlck_zero
check "kernel log clean during the storm" log_clean
rm -f "$log"
