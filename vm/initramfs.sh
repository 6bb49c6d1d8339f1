#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/initramfs.sh LANE - print the path of a small initramfs for LANE: a static
# busybox, the modules that the kernel needs to mount the host's root over
# virtio-9p, and vm/init.  Cached under $ROC_CACHE by kernel release and the
# hash of vm/init.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=vm/kernels.sh
. "$here/kernels.sh"
roc_lane_resolve "$1"

cache=${ROC_CACHE:-/var/cache/roc}
key=$(cat "$here/init" "$0" /bin/busybox | sha256sum | cut -c1-12)
img=$cache/initramfs-$KVER-$key.cpio.gz
if [ -s "$img" ]; then
	echo "$img"
	exit 0
fi
mkdir -p "$cache"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,newroot,lib/modules}
cp /bin/busybox "$work/bin/busybox"
cp "$here/init" "$work/init"
chmod 755 "$work/init"
: >"$work/modules.order"

if [ -n "$KMODDIR" ]; then
	# insmod lines in dependency order, each module once.
	n=0
	for mod in virtio_pci 9pnet_virtio 9p; do
		# Built-in modules print "builtin": nothing to load.
		modprobe -S "$KVER" --show-depends "$mod" 2>/dev/null || true
	done |
	awk '$1 == "insmod" && !seen[$2]++ { print $2 }' |
	while read -r ko; do
		n=$((n + 1))
		dst=$work/lib/modules/$(printf '%02d' "$n")-$(basename "${ko%.xz}")
		case "$ko" in
		*.xz) xz -dc "$ko" >"$dst" ;;
		*.zst) zstd -qdc "$ko" >"$dst" ;;
		*) cp "$ko" "$dst" ;;
		esac
		echo "/lib/modules/$(basename "$dst")" >>"$work/modules.order"
	done
fi

(cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) >"$img.tmp"
mv "$img.tmp" "$img"
echo "$img"
