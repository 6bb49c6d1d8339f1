# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# roc-storm-lib.sh - sourced by storm_test.sh, removal_test.sh and
# soak_test.sh: their short names for the TAP and card helpers of
# roc_helpers.sh, the kernel-log verdict since the test's start, pin and
# locked-memory balances.

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
storm=$top/build/selftests/roc-storm
utils=$top/build/utils

ok() { ktap_test_pass "$*"; }
not_ok() { ktap_test_fail "$*"; }
# check NAME CMD...: one result for the status of CMD.
check() { ktap_test_result "$@"; }
skip() { ktap_test_skip "$*"; }

storm_finish() {
	sim_del_all
	ktap_finished
}

# The kernel-log lines that fail a lane (vm/check.sh), since our marker.
bad_log='(WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN|UBSAN|'\
'possible circular locking|possible recursive locking|inconsistent lock state|'\
'suspicious RCU usage|DEBUG_LOCKS_WARN_ON|kmemleak: .*new suspected|'\
'hung_task|soft lockup|stack-protector|refcount_t:|list_(add|del) corruption|'\
'DMA-API: .*(leak|not|invalid|bad)|Call Trace:)'
log_mark=
log_start() {
	log_mark="roc-storm-mark-$$-$RANDOM"
	echo "$log_mark" >/dev/kmsg
}
log_clean() {
	local bad
	bad=$(dmesg | sed -n "/$log_mark/,\$p" | grep -E -A20 "$bad_log")
	[ -z "$bad" ] && return 0
	echo "$bad" | head -60 | sed 's/^/# /'
	return 1
}

vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
pins_balanced() {
	local a r
	a=$(vmstat nr_foll_pin_acquired)
	r=$(vmstat nr_foll_pin_released)
	echo "# nr_foll_pin_acquired $a nr_foll_pin_released $r"
	[ "$a" = "$r" ]
}
# Locked memory of every process, kB: 0 when nothing holds a buffer.
vmlck_total() {
	cat /proc/[0-9]*/status 2>/dev/null |
		awk '/^VmLck:/ { s += $2 } END { print s + 0 }'
}
vmlck_zero() {
	local v
	v=$(vmlck_total)
	echo "# VmLck of all processes: $v kB"
	[ "$v" = 0 ]
}
# Every line of $1 that starts with "# " goes out as a diagnostic.
show_diag() { grep '^# ' "$1"; grep -v '^# ' "$1" | sed 's/^/# /'; }
