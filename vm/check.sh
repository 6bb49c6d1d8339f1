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
#            kmemleak report in the guest's kernel log; then `make run` from
#            clones under /tmp and in a 0700 directory (vm/where-test.sh)
#   packages packaging/test-deb.sh (as root): make deb + lintian, install the
#            .debs, DKMS for every kernel, the DKMS modules and installed
#            tools in a 6.12 VM, upgrade, purge, make rpm; after the lanes,
#            because it installs into the root file system the guests share
#
# Environment: ROC_LANES (default "6.1 6.12 debug"), ROC_VM_TIMEOUT (seconds
# per lane, default 3600), ROC_CHECK_STAGES (default "static unit vm"),
# ROC_CHECK_OUT (the results folder, default build/check),
# ROC_PCI_LANES (lanes booted with an IOMMU and QEMU's edu device, default
# all), ROC_KERNEL_LANES (lanes that run only the tests of what differs
# between kernels, default "6.1"; "" runs everything everywhere).
set -u

top=$(dirname "$(readlink -f "$0")")/..
cd "$top" || exit 1
# shellcheck source=vm/kernels.sh
. vm/kernels.sh

lanes=${ROC_LANES:-$ROC_ALL_LANES}
stages=${ROC_CHECK_STAGES:-static unit vm packages}
results=${ROC_CHECK_OUT:-build/check}
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
	log=$results/$(printf '%s' "$name" | tr -c 'A-Za-z0-9.-' '_').log
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	result "$rc" "$name" "$log"
	echo "#   ($(( $(date +%s) - start )) s)"
	return "$rc"
}

has_stage() { [[ " $stages " == *" $1 "* ]]; }

# The debug kernel (about 10 minutes on a fresh machine) builds in the
# background, at low priority, while the static and unit stages and the
# other lanes run; the debug lane waits for it (vm/debug-kernel.sh holds a
# lock).  Nothing to do once it is cached.
if has_stage vm && [[ " $lanes " == *" debug "* ]]; then
	nice -n 10 vm/debug-kernel.sh >"$results/debug-kernel.log" 2>&1 &
fi

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
	# (the packages stage builds through the installed DKMS for every kernel)
	has_stage packages ||
		step "static: dkms add/build against the 6.1 headers" vm/dkms-test.sh
	step "static: netlink code matches uapi/roc_netlink.yaml" uapi/regen.sh -c
	step "static: one version (VERSION) in dkms.conf, man pages, modules, tools, libroc, Python" \
		vm/version-check.sh
	step "static: every hardware citation names a section of docs/hardware.md" \
		docs/check-citations.sh
	step "static: every lane's kernel has the options of selftests/config" \
		vm/config-check.sh $lanes
fi

# --- unit --------------------------------------------------------------------
if has_stage unit; then
	for t in build/unit/*_test; do
		[ -x "$t" ] || continue
		step "unit: $(basename "$t")" "$t"
	done
fi

# --- vm ----------------------------------------------------------------------
bad_log=$ROC_BAD_LOG

# vm_suite LABEL LANE [vm/run.sh options] -- [selftests/run.sh arguments]:
# one boot of LANE running selftests/run.sh with the lane's modules; its
# TAP results under LABEL, then "guest ran" and "kernel log clean" results.
# $extra_log_check, when set, names a function that may append complaints
# about dmesg-tests.txt to dmesg-bad.txt (the pci lane counts DMAR faults).
vm_suite() {
	local label=$1 lane=$2 out kmod start rc secs opts=() line
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	out=$results/$(printf '%s' "$label" | tr -c 'A-Za-z0-9.-' '_')
	mkdir -p "$out"
	roc_lane_resolve "$lane"
	kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")
	start=$(date +%s)
	vm/run.sh -k "$lane" "${opts[@]}" -o "$out" -t "${ROC_VM_TIMEOUT:-3600}" \
		-- selftests/run.sh "$kmod" "$@" >"$out/stdout.log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	while IFS= read -r line; do
		case "$line" in
		"ok - "*"# SKIP"*)
			n=$((n + 1)); skipped=$((skipped + 1))
			echo "ok $n - $label: ${line#ok - }" ;;
		"ok - "*)
			n=$((n + 1)); passed=$((passed + 1))
			echo "ok $n - $label: ${line#ok - }" ;;
		"not ok - "*)
			n=$((n + 1)); failed=$((failed + 1))
			echo "not ok $n - $label: ${line#not ok - }" ;;
		"#"*) echo "$line" ;;
		esac
	done < <(cat "$out/tap.txt" 2>/dev/null)
	result "$rc" "$label: guest ran the suite and powered off (${secs} s)" \
		"$out/console.log"
	# Boot noise is not ours: judge the log from the runner's start.
	sed -n '/roc-selftests: start/,$p' "$out/dmesg.txt" 2>/dev/null \
		>"$out/dmesg-tests.txt"
	grep -E "$bad_log" "$out/dmesg-tests.txt" >"$out/dmesg-bad.txt"
	[ -n "${extra_log_check:-}" ] && "$extra_log_check" "$out"
	if [ -s "$out/dmesg-tests.txt" ] && [ ! -s "$out/dmesg-bad.txt" ]; then
		result 0 "$label: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)"
	else
		[ -s "$out/dmesg-tests.txt" ] || echo "no kernel log collected" >>"$out/dmesg-bad.txt"
		grep -E -B5 -A30 "$bad_log" "$out/dmesg-tests.txt" >>"$out/dmesg-bad.txt"
		result 1 "$label: kernel log clean (no oops/WARN/BUG/KASAN/UBSAN/lockdep/kmemleak)" \
			"$out/dmesg-bad.txt"
	fi
}

# selftests/pci_test makes the IOMMU fault once on purpose
# (stale_address_faults); those DMAR faults are no oops, any other fails.
pci_dmar_check() {
	local out=$1 fired faults
	fired=$(grep -c 'test: DMA to stale bus address' "$out/dmesg-tests.txt")
	faults=$(grep -c 'DMAR: \[DMA \(Read\|Write\)' "$out/dmesg-tests.txt")
	echo "#   DMAR faults: $faults, fired by pci_test: $fired"
	if [ "$faults" != "$fired" ]; then
		echo "$faults DMAR faults for $fired fired by pci_test:" >>"$out/dmesg-bad.txt"
		grep -E -B2 -A2 'DMAR' "$out/dmesg-tests.txt" >>"$out/dmesg-bad.txt"
	fi
}

# One boot per lane.  Lanes of ROC_PCI_LANES (default all) boot a q35
# machine with an Intel IOMMU in strict mode and QEMU's edu device, so that
# selftests/pci_test exercises a real (emulated) PCI function there: edu
# bound to roc through the test backend selftests/kmod/roc_edu.ko.  Lanes of
# ROC_KERNEL_LANES (default 6.1) run only the tests of what differs between
# kernels (TEST_KERNEL_PROGS of selftests/Makefile, `run.sh --kernel`); the
# others run every test.
lane_suite() {
	local lane=$1 opts=() args=()
	if [[ " ${ROC_PCI_LANES-$ROC_ALL_LANES} " == *" $lane "* ]]; then
		opts=(-i -a iommu.strict=1 -q -device -q edu)
	fi
	if [[ " ${ROC_KERNEL_LANES-6.1} " == *" $lane "* ]]; then
		args=(--kernel)
	elif [ "$lane" = debug ]; then
		args=(--debug)
	fi
	extra_log_check=pci_dmar_check vm_suite "$lane" "$lane" "${opts[@]}" -- "${args[@]}"
}

if has_stage vm; then
	make --no-print-directory selftests >/dev/null 2>&1
	for lane in $lanes; do
		step "$lane: build modules with -Werror" build_modules "$lane" ||
			continue
		lane_suite "$lane"
	done

	# --- wherever it is cloned ---------------------------------------------
	# `make run` (vm/main-job.sh, 1 s readouts, tools run as nobody too)
	# from a copy of the tree under /tmp, then in a 0700 directory.
	if [[ " $lanes " == *" 6.12 "* ]] && [ -f "$results/6.12/stdout.log" ]; then
		step "where: make run from a clone under /tmp" vm/where-test.sh tmp
		step "where: make run from a clone in a 0700 directory" vm/where-test.sh private
	fi
fi

# --- packages ----------------------------------------------------------------
# packaging/test-deb.sh's results renumbered into this stream.
if has_stage packages; then
	if [ "$(id -u)" != 0 ]; then
		result 1 "packages: packaging/test-deb.sh runs as root (it installs the .debs)"
	else
		start=$(date +%s)
		packaging/test-deb.sh >"$results/packages.log" 2>&1
		rc=$?
		while IFS= read -r line; do
			case "$line" in
			"ok "[0-9]*" # SKIP"*|"ok "[0-9]*"# SKIP"*)
				n=$((n + 1)); skipped=$((skipped + 1))
				echo "ok $n - packages: ${line#ok * - }" ;;
			"ok "[0-9]*)
				n=$((n + 1)); passed=$((passed + 1))
				echo "ok $n - packages: ${line#ok * - }" ;;
			"not ok "[0-9]*)
				n=$((n + 1)); failed=$((failed + 1))
				echo "not ok $n - packages: ${line#not ok * - }" ;;
			"#"*) echo "$line" ;;
			esac
		done <"$results/packages.log"
		result "$rc" "packages: packaging/test-deb.sh finished cleanly ($(( $(date +%s) - start )) s)" \
			"$results/packages.log"
	fi
fi

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$n" -gt 0 ]
