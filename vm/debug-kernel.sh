#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) and print the path of the roc debug kernel: linux-source-6.12,
# `make tinyconfig` plus vm/debug-kernel.config (KASAN, lockdep, kmemleak,
# DMA-API debug, UBSAN, and what the VM harness needs).
#
# The tree is cached under $ROC_CACHE (default /var/cache/roc) keyed by the
# source version and a hash of the fragment, so a changed fragment builds a
# new kernel and an unchanged one costs nothing.  The printed directory is a
# kernel build tree: use it as KDIR for out-of-tree modules; its
# arch/x86/boot/bzImage is the kernel to boot.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
frag=$here/debug-kernel.config
src_tar=$(ls /usr/src/linux-source-6.12.tar.xz 2>/dev/null || true)
if [ -z "$src_tar" ]; then
	echo "debug-kernel: /usr/src/linux-source-6.12.tar.xz missing (run 'make deps')" >&2
	exit 1
fi
srcver=$(dpkg-query -W -f '${Version}' linux-source-6.12)
key=$( (echo "$srcver"; cat "$frag") | sha256sum | cut -c1-12)
cache=${ROC_CACHE:-/var/cache/roc}
tree=$cache/debug-kernel-$key
mkdir -p "$cache"

exec 9>"$cache/debug-kernel.lock"
flock 9

if [ -f "$tree/.roc-built" ]; then
	echo "$tree"
	exit 0
fi

log=$cache/debug-kernel-$key.log
echo "debug-kernel: building $tree (log: $log)" >&2
start=$(date +%s)
rm -rf "$tree"
mkdir -p "$tree"
tar -xf "$src_tar" -C "$tree" --strip-components=1
(
	cd "$tree"
	make tinyconfig
	scripts/kconfig/merge_config.sh -m .config "$frag"
	make olddefconfig
) >"$log" 2>&1

# merge_config silently drops what Kconfig refuses: insist on what matters.
missing=0
for opt in KASAN PROVE_LOCKING DEBUG_KMEMLEAK DMA_API_DEBUG UBSAN 9P_FS \
	   NET_9P_VIRTIO VIRTIO_PCI DEBUG_FS HWMON INTEL_IOMMU VFIO_PCI \
	   HUGETLBFS MODULE_UNLOAD DEVTMPFS INOTIFY_USER I2C_CHARDEV MTD \
		   USERFAULTFD; do
	if ! grep -q "^CONFIG_$opt=y" "$tree/.config"; then
		echo "debug-kernel: CONFIG_$opt did not survive olddefconfig" >&2
		missing=1
	fi
done
[ "$missing" = 0 ] || exit 1

jobs=$(nproc)
if ! make -C "$tree" -j"$jobs" bzImage modules >>"$log" 2>&1; then
	tail -40 "$log" >&2
	echo "debug-kernel: build failed, see $log" >&2
	exit 1
fi
touch "$tree/.roc-built"
echo "debug-kernel: built in $(( $(date +%s) - start )) s" >&2
echo "$tree"
