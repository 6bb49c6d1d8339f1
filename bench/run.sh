#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/run.sh [--smoke] [--out DIR] - `make bench`: the benchmarks of
# issue 6, end to end.
#
#   1. builds the modules for the 6.12 lane, libroc and bench/ programs;
#   2. runs the native checker benchmark on the host (bench-checker), and
#      the getppid and memcpy baselines natively (bench-base);
#   3. boots the 6.12 kernel under QEMU (TCG) with 4 GiB (a 1 GiB hugepage),
#      an emulated intel-iommu and a QEMU edu device, and runs
#      bench/guest.sh there (baselines, control path, readout sweep,
#      scaling, BAR access, registration incl. the VFIO baseline);
#   4. bench/report.py: results.json, results.md and PNG plots (gnuplot).
#
# Results go to DIR (default build/bench/<UTC date-time>); build/bench/latest
# points at the last one.  --smoke: a few seconds per benchmark, asserting
# only that everything runs and the JSON has every key.  Exit status: 0
# when every benchmark ran and the results are complete, 1 otherwise.
# ROC_BENCH_LANE (default 6.12) picks the kernel, ROC_BENCH_TIMEOUT (s)
# the guest's time limit.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
smoke=
out=
while [ $# -gt 0 ]; do
	case "$1" in
	--smoke) smoke=--smoke; shift ;;
	--out|-o) out=$2; shift 2 ;;
	-h|--help) sed -n '4,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/run.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
done

# shellcheck source=vm/kernels.sh
. vm/kernels.sh
lane=${ROC_BENCH_LANE:-6.12}
roc_lane_resolve "$lane"
command -v gnuplot >/dev/null || { echo "bench/run.sh: gnuplot missing (make deps)" >&2; exit 1; }

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
[ -n "$out" ] || out=build/bench/$stamp${smoke:+-smoke}
mkdir -p "$out"
out=$(readlink -f "$out")
ln -sfn "$out" build/bench/latest

echo "bench: building (modules for $KVER, lib, bench programs)"
make --no-print-directory modules KDIR="$KDIR" >"$out/build.log" 2>&1
make --no-print-directory lib >>"$out/build.log" 2>&1
make --no-print-directory -C bench >>"$out/build.log" 2>&1
kmod=$(readlink -f "$(roc_kmod_dir "$KDIR")")

# Machine and run facts for the report.
{
	printf '{"date": "%s", "host_kernel": "%s", "host_cpu": "%s", "host_cpus": %s,' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uname -r)" \
		"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)"
	printf ' "host_mem_kb": %s, "qemu": "%s", "lane": "%s", "guest_kernel_release": "%s",' \
		"$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)" \
		"$(qemu-system-x86_64 --version | head -1)" "$lane" "$KVER"
	printf ' "git": "%s", "loadavg": "%s"}\n' \
		"$(git describe --always --dirty 2>/dev/null || echo unknown)" \
		"$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/host.json"

status=0
echo "bench: native checker benchmark"
if [ -n "$smoke" ]; then
	chk_args=(--size 8M --repeat 2)
else
	chk_args=(--size 256M --repeat 7)
fi
if ! build/bench/bin/bench-checker "${chk_args[@]}" >"$out/native.jsonl"; then
	echo "bench: bench-checker FAILED" >&2
	status=1
fi
# and with the data in L3 (issue 14: >= 0.6 x the read pass there)
if [ -z "$smoke" ] &&
	! build/bench/bin/bench-checker --size 8M --repeat 7 >>"$out/native.jsonl"; then
	echo "bench: bench-checker (8 MiB) FAILED" >&2
	status=1
fi
# the same baselines as in the VM, natively: what a syscall and a memcpy
# cost on this machine without emulation
if ! build/bench/bin/bench-base --getppid 2000000 --memcpy 256M --repeat 5 \
	--tag native >>"$out/native.jsonl"; then
	echo "bench: bench-base FAILED" >&2
	status=1
fi

echo "bench: booting $KVER under QEMU (TCG) for the in-VM benchmarks"
if ! vm/run.sh -k "$lane" -m 4G -i -q -device -q edu -o "$out/vm" \
	-t "${ROC_BENCH_TIMEOUT:-2400}" -- \
	bench/guest.sh $smoke --load "$kmod" /mnt/rocout >"$out/vm.log" 2>&1; then
	echo "bench: in-VM benchmarks FAILED (see $out/vm.log, $out/vm/console.log)" >&2
	status=1
fi
if grep -qE 'WARNING:|BUG:|Oops|KASAN|Call Trace:' "$out/vm/dmesg.txt" 2>/dev/null; then
	echo "bench: the guest's kernel log has a warning (see $out/vm/dmesg.txt)" >&2
	status=1
fi

echo "bench: report"
if ! python3 bench/report.py $smoke "$out"; then
	status=1
fi
echo "bench: results in $out (results.md, results.json, *.png)"
exit $status
