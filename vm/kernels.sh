# SPDX-License-Identifier: GPL-2.0
# Sourced by the vm/ scripts: the kernels roc is built and tested against.
#
# roc_lane_resolve LANE sets
#   KVER     kernel release
#   KIMAGE   bootable image
#   KDIR     build tree for out-of-tree modules
#   KMODDIR  the kernel's own modules (empty for the debug kernel: all built in)

roc_vm_dir=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")

# Newest installed Debian kernel of a series that has both image and headers.
roc_debian_kver() {
	local series=$1 v best=
	for v in $(ls -d /lib/modules/"$series".*-amd64 2>/dev/null | xargs -rn1 basename | sort -V); do
		[ -e "/boot/vmlinuz-$v" ] && [ -e "/lib/modules/$v/build/Makefile" ] && best=$v
	done
	echo "$best"
}

roc_lane_resolve() {
	local lane=$1 tree
	case "$lane" in
	6.1|6.12)
		KVER=$(roc_debian_kver "$lane")
		if [ -z "$KVER" ]; then
			echo "roc: no Debian $lane kernel with headers installed (run 'make deps')" >&2
			return 1
		fi
		KIMAGE=/boot/vmlinuz-$KVER
		KDIR=/lib/modules/$KVER/build
		KMODDIR=/lib/modules/$KVER
		;;
	debug)
		tree=$("$roc_vm_dir/debug-kernel.sh")
		KIMAGE=$tree/arch/x86/boot/bzImage
		KDIR=$tree
		KVER=$(cat "$tree/include/config/kernel.release")
		KMODDIR=
		;;
	*)
		echo "roc: unknown kernel lane '$lane' (6.1, 6.12 or debug)" >&2
		return 1
		;;
	esac
}

# Where `make modules KDIR=...` leaves the modules (see the Makefile).
roc_kmod_dir() {
	local kdir=${1%/}
	kdir=${kdir%/build}
	echo "$roc_vm_dir/../build/kmod/$(basename "$kdir")/kernel"
}

ROC_ALL_LANES="6.1 6.12 debug"

# Kernel-log lines that fail a run (vm/check.sh, vm/stress.sh): oopses,
# warnings and every report of the debug kernel's checkers.
ROC_BAD_LOG='(WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN|UBSAN|'\
'possible circular locking|possible recursive locking|inconsistent lock state|'\
'suspicious RCU usage|DEBUG_LOCKS_WARN_ON|kmemleak: .*new suspected|'\
'hung_task|soft lockup|stack-protector|refcount_t:|list_(add|del) corruption|'\
'DMA-API: .*(leak|not|invalid|bad)|Call Trace:)'
