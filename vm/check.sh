#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/check.sh - everything `make check` runs, as one TAP stream ending in
# "N passed, N failed".  Exit status 0 only if nothing failed.
#
#   static   checkpatch --strict and sparse on kernel/, modules built with
#            -Werror against every kernel, userspace with -Werror, dkms
#   unit     native unit tests of lib/ and utils/
#   vm       selftests/run.sh in QEMU on each kernel lane (6.1 6.12 debug),
#            failing also on any oops, WARNING, BUG, KASAN, UBSAN, lockdep or
#            kmemleak report in the guest's kernel log
#
# Environment: ROC_LANES (default "6.1 6.12 debug"), ROC_VM_TIMEOUT (seconds
# per lane, default 1800), ROC_CHECK_STAGES (default "static unit vm").
set -u

top=$(dirname "$(readlink -f "$0")")/..
cd "$top" || exit 1
# shellcheck source=vm/kernels.sh
. vm/kernels.sh

lanes=${ROC_LANES:-$ROC_ALL_LANES}
stages=${ROC_CHECK_STAGES:-static unit vm}
results=build/check
rm -rf "$results"
mkdir -p "$results"

n=0
passed=0
failed=0
skipped=0
echo "TAP version 13"

# result STATUS NAME [LOGFILE]: one TAP line, with the log as diagnostics
# when it failed.
result() {
	local status=$1 name=$2 log=${3:-}
	n=$((n + 1))
	if [ "$status" = 0 ]; then
		passed=$((passed + 1))
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name"
		[ -n "$log" ] && [ -s "$log" ] && tail -40 "$log" | sed 's/^/#   /'
	fi
}

# step NAME CMD...: run CMD with its output in a log, report one result.
step() {
	local name=$1 log start rc
	shift
	log=$results/$(echo "$name" | tr -c 'A-Za-z0-9.-' '_').log
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	result "$rc" "$name" "$log"
	echo "#   ($(( $(date +%s) - start )) s)"
	return "$rc"
}

has_stage() { [[ " $stages " == *" $1 "* ]]; }

build_modules() {
	local lane=$1
	roc_lane_resolve "$lane" || return 1
	make --no-print-directory modules KDIR="$KDIR" KCFLAGS=-Werror W=1
}

# --- static ------------------------------------------------------------------
if has_stage static; then
	step "static: userspace builds with -Wall -Wextra -Werror" \
		make --no-print-directory selftests
	step "static: checkpatch --strict kernel/ uapi/" vm/checkpatch.sh
	step "static: sparse kernel/ (6.12 headers)" vm/sparse.sh
	step "static: dkms add/build against the 6.1 headers" vm/dkms-test.sh
	step "static: netlink code matches uapi/roc_netlink.yaml" uapi/regen.sh -c
fi

# --- unit --------------------------------------------------------------------
if has_stage unit; then
	for t in build/unit/*_test; do
		[ -x "$t" ] || continue
		step "unit: $(basename "$t")" "$t"
	done
fi

# --- vm ----------------------------------------------------------------------
# Kernel-log lines that fail a lane.
bad_log='(WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN|UBSAN|'\
'possible circular locking|possible recursive locking|inconsistent lock state|'\
'suspicious RCU usage|DEBUG_LOCKS_WARN_ON|kmemleak: .*new suspected|'\
'hung_task|soft lockup|stack-protector|refcount_t:|list_(add|del) corruption|'\
'DMA-API: .*(leak|not|invalid|bad)|Call Trace:)'

if has_stage vm; then
	make --no-print-directory selftests >/dev/null 2>&1
	for lane in $lanes; do
		out=$results/vm-$lane
		mkdir -p "$out"
		if ! step "$lane: build modules with -Werror" build_modules "$lane"; then
			continue
		fi
		roc_lane_resolve "$lane"
		kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
		start=$(date +%s)
		vm/run.sh -k "$lane" -o "$out" -t "${ROC_VM_TIMEOUT:-1800}" \
			-- selftests/run.sh "$kmod" >"$out/stdout.log" 2>&1
		rc=$?
		secs=$(( $(date +%s) - start ))
		if [ -f "$out/tap.txt" ]; then
			while IFS= read -r line; do
				case "$line" in
				"ok - "*"# SKIP"*)
					n=$((n + 1)); skipped=$((skipped + 1))
					echo "ok $n - $lane: ${line#ok - }" ;;
				"ok - "*)
					n=$((n + 1)); passed=$((passed + 1))
					echo "ok $n - $lane: ${line#ok - }" ;;
				"not ok - "*)
					n=$((n + 1)); failed=$((failed + 1))
					echo "not ok $n - $lane: ${line#not ok - }" ;;
				"#"*) echo "$line" ;;
				esac
			done <"$out/tap.txt"
		fi
		result "$rc" "$lane: guest ran the suite and powered off (${secs} s)" \
			"$out/console.log"
		# Boot noise is not ours: judge the log from the runner's start.
		sed -n '/roc-selftests: start/,$p' "$out/dmesg.txt" 2>/dev/null \
			>"$out/dmesg-tests.txt"
		grep -E "$bad_log" "$out/dmesg-tests.txt" >"$out/dmesg-bad.txt"
		if [ -s "$out/dmesg-tests.txt" ] && [ ! -s "$out/dmesg-bad.txt" ]; then
			result 0 "$lane: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)"
		else
			[ -s "$out/dmesg-tests.txt" ] || echo "no kernel log collected" >"$out/dmesg-bad.txt"
			grep -E -B5 -A30 "$bad_log" "$out/dmesg-tests.txt" >>"$out/dmesg-bad.txt"
			result 1 "$lane: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)" \
				"$out/dmesg-bad.txt"
		fi
	done
fi

# --- pci+iommu ---------------------------------------------------------------
# selftests/pci_test on a real (emulated) PCI function: QEMU's edu device
# bound to roc through the test backend selftests/kmod/roc_edu.ko, on a q35
# machine with an Intel IOMMU in strict mode, in a boot of its own per lane
# (ROC_PCI_LANES, default "6.12 debug", those of ROC_LANES only).  The test
# makes the IOMMU fault once on purpose (stale_address_faults); that DMAR
# fault is no oops, and any other one fails the lane.
if has_stage vm; then
	for lane in ${ROC_PCI_LANES:-6.12 debug}; do
		[[ " $lanes " == *" $lane "* ]] || continue
		[ -f "$results/vm-$lane/stdout.log" ] || continue	# modules built
		out=$results/pci-$lane
		mkdir -p "$out"
		roc_lane_resolve "$lane"
		kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
		start=$(date +%s)
		vm/run.sh -k "$lane" -m 2G -i -a iommu.strict=1 -q -device -q edu \
			-o "$out" -t "${ROC_VM_TIMEOUT:-1800}" \
			-- selftests/run.sh "$kmod" build/selftests/pci_test \
			>"$out/stdout.log" 2>&1
		rc=$?
		secs=$(( $(date +%s) - start ))
		while IFS= read -r line; do
			case "$line" in
			"ok - "*"# SKIP"*)
				n=$((n + 1)); skipped=$((skipped + 1))
				echo "ok $n - pci+iommu ($lane): ${line#ok - }" ;;
			"ok - "*)
				n=$((n + 1)); passed=$((passed + 1))
				echo "ok $n - pci+iommu ($lane): ${line#ok - }" ;;
			"not ok - "*)
				n=$((n + 1)); failed=$((failed + 1))
				echo "not ok $n - pci+iommu ($lane): ${line#not ok - }" ;;
			"#"*) echo "$line" ;;
			esac
		done < <(cat "$out/tap.txt" 2>/dev/null)
		result "$rc" "pci+iommu ($lane): guest ran pci_test and powered off (${secs} s)" \
			"$out/console.log"
		sed -n '/roc-selftests: start/,$p' "$out/dmesg.txt" 2>/dev/null \
			>"$out/dmesg-tests.txt"
		grep -E "$bad_log" "$out/dmesg-tests.txt" >"$out/dmesg-bad.txt"
		# As many DMAR faults as the test fired (roc_edu logs each one).
		fired=$(grep -c 'test: DMA to stale bus address' "$out/dmesg-tests.txt")
		faults=$(grep -c 'DMAR: \[DMA \(Read\|Write\)' "$out/dmesg-tests.txt")
		if [ "$faults" != "$fired" ]; then
			echo "$faults DMAR faults for $fired fired by pci_test:" >>"$out/dmesg-bad.txt"
			grep -E -B2 -A2 'DMAR' "$out/dmesg-tests.txt" >>"$out/dmesg-bad.txt"
		fi
		if [ -s "$out/dmesg-tests.txt" ] && [ ! -s "$out/dmesg-bad.txt" ]; then
			result 0 "pci+iommu ($lane): kernel log clean (no oops/WARN/BUG/KASAN/lockdep/kmemleak; DMAR faults: $faults, all fired by the test)"
		else
			[ -s "$out/dmesg-tests.txt" ] || echo "no kernel log collected" >"$out/dmesg-bad.txt"
			grep -E -B5 -A30 "$bad_log" "$out/dmesg-tests.txt" >>"$out/dmesg-bad.txt"
			result 1 "pci+iommu ($lane): kernel log clean (no oops/WARN/BUG/KASAN/lockdep/kmemleak; DMAR faults: $faults, all fired by the test)" \
				"$out/dmesg-bad.txt"
		fi
	done
fi

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$n" -gt 0 ]
