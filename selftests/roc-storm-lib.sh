# SPDX-License-Identifier: GPL-2.0
#
# roc-storm-lib.sh - sourced by storm_test.sh, removal_test.sh and
# soak_test.sh: TAP output, the kernel-log verdict since the test's start,
# pin and locked-memory balances.

top=$(dirname "$(readlink -f "$0")")/..
storm=$top/build/selftests/roc-storm
utils=$top/build/utils
n=0
fails=0
sims=()

ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n $*"; }
# check NAME CMD...: one result for the status of CMD.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
skip() { n=$((n + 1)); echo "ok $n $* # SKIP"; }

storm_finish() {
	local s
	for s in "${sims[@]}"; do
		echo "$s" >/sys/bus/roc_sim/del_device 2>/dev/null
	done
	echo "1..$n"
}

sim_new() {
	echo "$1 $2 $3" >/sys/bus/roc_sim/new_device && sims+=("$1")
}

sim_del() {
	local s keep=()
	echo "$1" >/sys/bus/roc_sim/del_device || return 1
	for s in "${sims[@]}"; do [ "$s" = "$1" ] || keep+=("$s"); done
	sims=("${keep[@]}")
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
