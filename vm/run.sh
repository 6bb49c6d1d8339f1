#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/run.sh - boot a kernel under QEMU (TCG) with the host's root file system
# shared read-only over virtio-9p, as virtme does, and run one command in it.
#
#   vm/run.sh [options] -- COMMAND...
#
#   -k, --kernel LANE   6.1, 6.12 or debug (default 6.12)
#   -o, --out DIR       results folder, writable in the guest as /mnt/rocout
#                       (default: a new folder under /tmp); console.log,
#                       output.log (the command's output, also shown live),
#                       its exit status and whatever it writes stay there
#   -t, --timeout SEC   hard limit for the whole boot and command (default 900)
#   -m, --mem SIZE      guest memory (default 4G: room for a 1 GiB hugepage)
#   -s, --smp N         guest CPUs (default 2)
#   -i, --iommu         q35 with an emulated Intel IOMMU (intel_iommu=on)
#   -q, --qemu-arg ARG  extra QEMU argument (repeatable), e.g. "-device edu"
#   -a, --append ARG    extra kernel command-line argument (repeatable)
#
# The command runs as root inside the guest with /tmp, /run and /var/tmp on
# tmpfs; the host tree is read-only.  It starts in the same directory as
# here; inside the checkout, that is under /mnt/roc-tree, the checkout bound
# where every user of the guest can reach it (vm/guest-init.sh).  The exit
# status of vm/run.sh is the command's, 124 on timeout, 125 if the guest
# never reported one.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
lane=6.12
out=
tmo=900
mem=4G
smp=2
iommu=0
qextra=()
kextra=()

usage() {
	sed -n '4,26p' "$0" | sed 's/^# \{0,1\}//'
	exit "${1:-2}"
}

while [ $# -gt 0 ]; do
	case "$1" in
	-k|--kernel) lane=$2; shift 2 ;;
	-o|--out) out=$2; shift 2 ;;
	-t|--timeout) tmo=$2; shift 2 ;;
	-m|--mem) mem=$2; shift 2 ;;
	-s|--smp) smp=$2; shift 2 ;;
	-i|--iommu) iommu=1; shift ;;
	-q|--qemu-arg) qextra+=("$2"); shift 2 ;;
	-a|--append) kextra+=("$2"); shift 2 ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	*) echo "vm/run.sh: unknown option '$1'" >&2; usage ;;
	esac
done
[ $# -gt 0 ] || { echo "vm/run.sh: no command given" >&2; usage; }

# shellcheck source=vm/kernels.sh
. "$here/kernels.sh"
roc_lane_resolve "$lane"	# sets KIMAGE, KVER, KDIR, KMODDIR

[ -n "$out" ] || out=$(mktemp -d /tmp/roc-vm.XXXXXX)
mkdir -p "$out"
out=$(readlink -f "$out")
rm -f "$out/exit-status" "$out/console.log" "$out/output.log" "$out/top"

initrd=$("$here/initramfs.sh" "$lane")

cp "$here/guest-init.sh" "$out/guest-init.sh"
# The checkout, which the guest binds at /mnt/roc-tree (and at its own path
# when the guest's tmpfs hides it): see vm/guest-init.sh.
top=$(readlink -f "$here/..")
printf '%s' "$top" >"$out/top"
# The command, quoted so that it survives the trip through a file; it runs
# in the same directory, under /mnt/roc-tree when that is in the checkout.
cwd=$(readlink -f "$PWD")
{
	case "$cwd/" in
	"$top/"*) echo "cd $(printf '%q' "/mnt/roc-tree${cwd#"$top"}") 2>/dev/null ||" ;;
	esac
	echo "cd $(printf '%q' "$cwd") 2>/dev/null || cd /"
	printf '%q ' "$@"
	echo
} >"$out/cmd.sh"

machine=q35,accel=tcg
append="console=ttyS0 panic=-1 oops=panic loglevel=6 rdinit=/init log_buf_len=16M"
append+=" hugepagesz=2M hugepages=128 hugepagesz=1G hugepages=1"
# TCG's TSC drifts from the HPET when the host is busy; the clocksource
# watchdog then marks it unstable, and the static-key flip that follows
# (sched_clock_cpu's text_poke) can trip an int3 oops under MTTCG.  The
# emulated TSC follows the host's clock: trust it.
append+=" tsc=reliable"
devs=()
if [ "$iommu" = 1 ]; then
	machine+=",kernel-irqchip=split"
	devs+=(-device intel-iommu,intremap=on,caching-mode=on)
	append+=" intel_iommu=on iommu=nopt"
fi
append+=" ${kextra[*]:-}"

start=$(date +%s)
: >"$out/output.log"
# Show the command's output as it comes (the console log has it too).
tail -n +1 -F "$out/output.log" 2>/dev/null &
tailpid=$!
set +e
timeout --foreground -k 10 "$tmo" qemu-system-x86_64 \
	-machine "$machine" -cpu max -smp "$smp" -m "$mem" \
	-nographic -no-reboot -monitor none -serial stdio \
	"${devs[@]}" \
	-kernel "$KIMAGE" -initrd "$initrd" -append "$append" \
	-fsdev local,id=rocroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=rocroot,mount_tag=rocroot \
	-fsdev local,id=rocout,path="$out",security_model=none \
	-device virtio-9p-pci,fsdev=rocout,mount_tag=rocout \
	"${qextra[@]}" </dev/null >"$out/console.log" 2>&1
qrc=$?
set -e
sleep 0.5
kill "$tailpid" 2>/dev/null || true
echo "$(( $(date +%s) - start ))" >"$out/seconds"

if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	echo "vm/run.sh: $lane guest timed out after ${tmo}s; console log: $out/console.log" >&2
	exit 124
fi
if [ ! -s "$out/exit-status" ]; then
	echo "vm/run.sh: $lane guest reported no exit status (qemu $qrc); console log: $out/console.log" >&2
	exit 125
fi
exit "$(cat "$out/exit-status")"
