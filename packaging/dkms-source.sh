#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# packaging/dkms-source.sh DIR VERSION - the source tree DKMS builds the
# modules from (kernel/, uapi/ and dkms.conf with PACKAGE_VERSION set to
# VERSION), written to DIR (/usr/src/roc-VERSION in the packages).
set -eu
dir=$1
ver=$2
top=$(dirname "$0")/..
install -d "$dir"
(cd "$top" && find kernel uapi/linux -type f \
	\( -name '*.c' -o -name '*.h' -o -name Kbuild -o -name Makefile \) |
	sort | while read -r f; do install -D -m 0644 "$f" "$dir/$f"; done)
sed "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$ver\"/" "$top/dkms.conf" >"$dir/dkms.conf"
chmod 0644 "$dir/dkms.conf"
grep -q "^PACKAGE_VERSION=\"$ver\"\$" "$dir/dkms.conf"
