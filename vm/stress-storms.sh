#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/stress-storms.sh - the long runs of issue 7's storms in one guest:
# crash storm (selftests/storm_test.sh), removal storm (removal_test.sh)
# and concurrency soak (soak_test.sh), on the debug kernel (KASAN, lockdep,
# kmemleak, DMA-API debug, UBSAN) by default.  Prints TAP, the figures of
# each run and the kernel-log verdict; exits 1 on any failure.
#
# Environment:
#   ROC_STRESS_LANE       kernel lane (default debug; 6.1, 6.12)
#   ROC_STORM_CRASHES     crash storm size (default 1000)
#   ROC_STORM_REMOVALS    removal storm size (default 100)
#   ROC_SOAK_SECONDS      soak length (default 600)
#   ROC_STRESS_OUT        results folder (default build/stress-storms)
#   ROC_STRESS_MEM        guest memory (default 3G)
#
# Measured (debug, 2026-11-24, loaded 2-core machine): 1000 crashes 727 s,
# 30 removals 330 s, 300 s soak; whole run 1988 s.  make stress: call it
# from vm/stress.sh ("vm/stress-storms.sh || status=1").
set -u
cd "$(dirname "$(readlink -f "$0")")/.." || exit 1
. vm/kernels.sh

lane=${ROC_STRESS_LANE:-debug}
crashes=${ROC_STORM_CRASHES:-1000}
removals=${ROC_STORM_REMOVALS:-100}
soak=${ROC_SOAK_SECONDS:-600}
out=$(readlink -f "${ROC_STRESS_OUT:-build/stress-storms}")
mem=${ROC_STRESS_MEM:-3G}
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.log

roc_lane_resolve "$lane" || exit 1
make --no-print-directory modules KDIR="$KDIR" KCFLAGS=-Werror W=1 >"$out/build.log" 2>&1 &&
	make --no-print-directory selftests utils >>"$out/build.log" 2>&1 || {
	echo "not ok 1 - $lane: build (see $out/build.log)"
	exit 1
}
kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
# The emulated debug kernel is about 3x slower than 6.12: a generous
# per-program limit (hangs are caught by the tests' own bounds).
per=$((1800 + crashes * 3 + removals * 20 + soak * 2))
start=$(date +%s)
vm/run.sh -k "$lane" -m "$mem" -o "$out" -t $((per * 3 + 600)) -- \
	env ROC_STORM_CRASHES="$crashes" ROC_STORM_REMOVALS="$removals" \
	ROC_SOAK_SECONDS="$soak" ROC_TEST_TIMEOUT="$per" \
	selftests/run.sh "$kmod" "$PWD/selftests/storm_test.sh" \
	"$PWD/selftests/removal_test.sh" "$PWD/selftests/soak_test.sh" \
	>"$out/stdout.log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

n=0 failed=0
tap() {
	n=$((n + 1))
	case "$1" in
	ok) echo "ok $n - $lane: $2" ;;
	*) echo "not ok $n - $lane: $2"; failed=$((failed + 1)) ;;
	esac
}
while IFS= read -r line; do
	case "$line" in
	"ok - "*) tap ok "${line#ok - }" ;;
	"not ok - "*) tap fail "${line#not ok - }" ;;
	esac
done <"$out/tap.txt"
[ "$rc" = 0 ] && tap ok "guest ran the storms and powered off (${secs} s)" ||
	tap fail "guest ran the storms and powered off (status $rc, see $out/console.log)"

bad_log='(WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN|UBSAN|'\
'possible circular locking|possible recursive locking|inconsistent lock state|'\
'suspicious RCU usage|DEBUG_LOCKS_WARN_ON|kmemleak: .*new suspected|'\
'hung_task|soft lockup|stack-protector|refcount_t:|list_(add|del) corruption|'\
'DMA-API: .*(leak|not|invalid|bad)|Call Trace:)'
sed -n '/roc-selftests: start/,$p' "$out/dmesg.txt" 2>/dev/null >"$out/dmesg-tests.txt"
grep -E -B5 -A30 "$bad_log" "$out/dmesg-tests.txt" >"$out/dmesg-bad.txt"
if [ -s "$out/dmesg-tests.txt" ] && [ ! -s "$out/dmesg-bad.txt" ]; then
	tap ok "kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)"
else
	tap fail "kernel log clean (see $out/dmesg-bad.txt)"
fi
echo "1..$n"

echo "# figures ($lane, $(date -u +%F)):"
grep -h '^# # ' "$out/tap.txt" |
	grep 'storm: \|phase \|ended:\|netlink dumps\|GB/s\|nr_foll_pin\|VmLck\|simulator superpages' |
	sed 's/^# # /#   /'
grep -h 'kmemleak' "$out/tap.txt" | sed 's/^/#   /'
echo "# $n checks, $failed failed, ${secs} s; results in $out"
[ "$failed" = 0 ]
