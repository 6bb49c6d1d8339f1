#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/dkms-test.sh [KERNELRELEASE] - `dkms add` and `dkms build` roc against a
# Debian kernel's headers (default: the newest 6.1), in private source and
# DKMS trees so that the system's DKMS state is left alone.  Checks that both
# modules come out and carry the right vermagic.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=vm/kernels.sh
. "$top/vm/kernels.sh"
kver=${1:-$(roc_debian_kver 6.1)}
[ -n "$kver" ] || { echo "dkms-test: no 6.1 headers (run 'make deps')" >&2; exit 1; }
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src/roc-$ver
mkdir -p "$src" "$tmp/dkms"
(cd "$top" && git ls-files -co --exclude-standard -- kernel uapi dkms.conf VERSION 2>/dev/null ||
	find kernel uapi dkms.conf VERSION -type f) | rsync -a --files-from=- "$top" "$src"

dk() { dkms --sourcetree "$tmp/src" --dkmstree "$tmp/dkms" "$@"; }
dk add -m roc -v "$ver"
dk build -m roc -v "$ver" -k "$kver"
for m in roc roc_sim; do
	ko=$(find "$tmp/dkms/roc/$ver/$kver" -name "$m.ko*" | head -1)
	if [ -z "$ko" ]; then
		echo "dkms-test: $m.ko was not built" >&2
		exit 1
	fi
	magic=$(modinfo -F vermagic "$ko")
	case "$magic" in
	"$kver "*) echo "dkms-test: $m.ko built for $kver" ;;
	*) echo "dkms-test: $m.ko has vermagic '$magic', want $kver" >&2; exit 1 ;;
	esac
done
