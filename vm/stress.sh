#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/stress.sh - the long runs behind `make stress`: boots the debug kernel
# (KASAN, lockdep, kmemleak, DMA-API debug, UBSAN) and runs each stress
# step in the guest, then judges kmemleak and the kernel log the way
# vm/check.sh does.  Prints one TAP stream ending in "N passed, N failed";
# exit status 0 only if nothing failed.  Results: build/stress/<lane>/
# (console.log, dmesg.txt, tap.txt, one log per step).
#
# Environment:
#   ROC_STRESS_LANE     kernel lane (default debug; 6.12 or 6.1 for a quick try)
#   ROC_STRESS_STEPS    steps to run (default: all of STEPS below)
#   ROC_STRESS_TIMEOUT  seconds for the whole boot (default 14400)
#   ROC_STRESS_MEM      guest memory (default 3G)
#   fuzz: ROC_FUZZ_CALLS (default 1000000), ROC_FUZZ_PROCS (default 4),
#         ROC_FUZZ_SEED (default: time), ROC_FUZZ_TIME (seconds, default 0:
#         no limit)
#   storms: ROC_STORM_CRASHES (default 1000), ROC_STORM_REMOVALS (default
#         100), ROC_SOAK_SECONDS (default 600)
#
# Adding a step: write a function stress_step_NAME that runs in the guest
# (modules loaded, cwd the tree, $STRESS_OUT writable) and returns 0 on
# success, printing what it measured; then add NAME to STEPS.  Each step is
# self-contained: it creates and deletes its own simulated cards.
set -u

top=$(dirname "$(readlink -f "$0")")/..
cd "$top" || exit 1

# ---- the steps ----------------------------------------------------------------
# One entry per step, in the order they run.  Other engineers: append yours.
STEPS=(
	fuzz
	storms
)

# fuzz: roc-fuzz (selftests/roc-fuzz.c) with ROC_FUZZ_CALLS calls from
# ROC_FUZZ_PROCS processes on a CRU (2 endpoints) and a C-RORC while their
# DMA runs; after it, every channel free and no page left pinned.
stress_step_fuzz() {
	local id=4900 calls=${ROC_FUZZ_CALLS:-1000000}
	local procs=${ROC_FUZZ_PROCS:-4} seed=${ROC_FUZZ_SEED:-}
	local devs=() d rc pins0 pins1

	[ -n "$seed" ] || seed=$(date +%s)
	[ -n "$procs" ] || procs=4
	[ -n "$calls" ] || calls=1000000
	local pins='$1 == "nr_foll_pin_acquired" { a = $2 } $1 == "nr_foll_pin_released" { r = $2 } END { print a - r }'

	echo "$id cru 4900" >/sys/bus/roc_sim/new_device || return 1
	echo "$((id + 1)) crorc 4901" >/sys/bus/roc_sim/new_device || return 1
	for d in /sys/class/roc/roc*; do
		case "$(cat "$d/pci_address")" in
		"roc_sim:$id."*|"roc_sim:$((id + 1))."*) devs+=("/dev/$(basename "$d")") ;;
		esac
	done
	pins0=$(awk "$pins" /proc/vmstat)
	build/selftests/roc-fuzz --calls "$calls" --procs "$procs" \
		--seed "$seed" --time "${ROC_FUZZ_TIME:-0}" "${devs[@]}"
	rc=$?
	echo "$id" >/sys/bus/roc_sim/del_device
	echo $((id + 1)) >/sys/bus/roc_sim/del_device
	sleep 1
	pins1=$(awk "$pins" /proc/vmstat)
	echo "# pages pinned before $pins0, after $pins1"
	[ "$rc" = 0 ] && [ "$pins1" -le "$pins0" ]
}

# storms: the crash storm, the removal storm and the concurrency soak of
# make check (selftests/{storm,removal,soak}_test.sh) at full length.
stress_step_storms() {
	local t rc=0

	export ROC_STORM_CRASHES=${ROC_STORM_CRASHES:-1000}
	export ROC_STORM_REMOVALS=${ROC_STORM_REMOVALS:-100}
	export ROC_SOAK_SECONDS=${ROC_SOAK_SECONDS:-600}
	for t in storm removal soak; do
		selftests/${t}_test.sh >"$STRESS_OUT/$t.tap" 2>&1
		grep -v '^ok ' "$STRESS_OUT/$t.tap"
		echo "# ${t}_test.sh: $(grep -c '^ok ' "$STRESS_OUT/$t.tap") ok," \
			"$(grep -c '^not ok ' "$STRESS_OUT/$t.tap") not ok"
		grep -q '^not ok ' "$STRESS_OUT/$t.tap" && rc=1
		grep -q '^ok ' "$STRESS_OUT/$t.tap" || rc=1
	done
	return $rc
}

# ---- inside the guest ------------------------------------------------------------
if [ "${1:-}" = --guest ]; then
	kmod=$2
	shift 2
	export STRESS_OUT=/mnt/rocout
	kmemleak=/sys/kernel/debug/kmemleak
	n=0
	tap() { n=$((n + 1)); echo "$1 $n - $2" | tee -a "$STRESS_OUT/tap.txt"; }
	: >"$STRESS_OUT/tap.txt"
	echo "roc-stress: start" >/dev/kmsg
	[ -w $kmemleak ] && echo clear >$kmemleak
	if insmod "$kmod/roc.ko" && insmod "$kmod/roc_sim.ko"; then
		tap ok "load roc.ko and roc_sim.ko"
	else
		tap "not ok" "load roc.ko and roc_sim.ko"
	fi
	for step in "$@"; do
		start=$(date +%s)
		echo "roc-stress: step $step" >/dev/kmsg
		"stress_step_$step" >"$STRESS_OUT/step-$step.log" 2>&1
		rc=$?
		secs=$(( $(date +%s) - start ))
		sed 's/^/# /' "$STRESS_OUT/step-$step.log" | grep -v '^# \(ok\|not ok\) ' | tail -60
		if [ "$rc" = 0 ]; then
			tap ok "$step (${secs} s)"
		else
			tap "not ok" "$step (${secs} s)"
		fi
	done
	if rmmod roc_sim && rmmod roc; then
		tap ok "unload roc_sim.ko and roc.ko"
	else
		tap "not ok" "unload roc_sim.ko and roc.ko"
	fi
	if [ -w $kmemleak ]; then
		sleep 5; echo scan >$kmemleak; sleep 5; echo scan >$kmemleak
		leaks=$(cat $kmemleak)
		if [ -z "$leaks" ]; then
			tap ok "kmemleak: no leak"
		else
			echo "$leaks" | head -60 | sed 's/^/# /'
			tap "not ok" "kmemleak: $(grep -c '^unreferenced object' <<<"$leaks") leaks"
		fi
	fi
	echo "roc-stress: end" >/dev/kmsg
	exit 0
fi

# ---- on the host -------------------------------------------------------------------
# shellcheck source=vm/kernels.sh
. vm/kernels.sh
lane=${ROC_STRESS_LANE:-debug}
read -r -a steps <<<"${ROC_STRESS_STEPS:-${STEPS[*]}}"
out=build/stress/$lane
rm -rf "$out"
mkdir -p "$out"

echo "TAP version 13"
roc_lane_resolve "$lane" || exit 1
if ! make --no-print-directory modules selftests KDIR="$KDIR" \
	KCFLAGS=-Werror W=1 >"$out/build.log" 2>&1; then
	echo "not ok 1 - build modules and selftests for $lane"
	tail -20 "$out/build.log" | sed 's/^/#   /'
	echo "1..1"
	echo "0 passed, 1 failed"
	exit 1
fi
kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
start=$(date +%s)
vm/run.sh -k "$lane" -m "${ROC_STRESS_MEM:-3G}" -o "$out" \
	-t "${ROC_STRESS_TIMEOUT:-14400}" -- \
	env ROC_FUZZ_CALLS="${ROC_FUZZ_CALLS:-}" ROC_FUZZ_PROCS="${ROC_FUZZ_PROCS:-}" \
	ROC_FUZZ_SEED="${ROC_FUZZ_SEED:-}" ROC_FUZZ_TIME="${ROC_FUZZ_TIME:-}" \
	${ROC_STORM_CRASHES:+ROC_STORM_CRASHES=$ROC_STORM_CRASHES} \
	${ROC_STORM_REMOVALS:+ROC_STORM_REMOVALS=$ROC_STORM_REMOVALS} \
	${ROC_SOAK_SECONDS:+ROC_SOAK_SECONDS=$ROC_SOAK_SECONDS} \
	vm/stress.sh --guest "$kmod" "${steps[@]}" >"$out/stdout.log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

n=0
passed=0
failed=0
while IFS= read -r line; do
	case "$line" in
	"ok "*) n=$((n + 1)); passed=$((passed + 1))
		echo "ok $n - $lane: ${line#ok * - }" ;;
	"not ok "*) n=$((n + 1)); failed=$((failed + 1))
		echo "not ok $n - $lane: ${line#not ok * - }" ;;
	esac
done <"$out/tap.txt"
grep '^# ' "$out/stdout.log" | grep -v '^# \(ok\|not ok\)'

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		passed=$((passed + 1)); echo "ok $n - $2"
	else
		failed=$((failed + 1)); echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -s "$3" ] && tail -40 "$3" | sed 's/^/#   /'
	fi
}
result "$rc" "$lane: guest ran the steps and powered off (${secs} s)" "$out/console.log"

bad_log=$ROC_BAD_LOG
sed -n '/roc-stress: start/,$p' "$out/dmesg.txt" 2>/dev/null >"$out/dmesg-run.txt"
grep -E -B5 -A30 "$bad_log" "$out/dmesg-run.txt" >"$out/dmesg-bad.txt"
[ -s "$out/dmesg-run.txt" ] || echo "no kernel log collected" >"$out/dmesg-bad.txt"
if [ -s "$out/dmesg-bad.txt" ]; then
	result 1 "$lane: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)" \
		"$out/dmesg-bad.txt"
else
	result 0 "$lane: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)"
fi
echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
