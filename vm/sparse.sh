#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/sparse.sh [KDIR] - build roc's modules with sparse (C=2) and fail on
# any sparse finding in roc's own files.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=vm/kernels.sh
. "$top/vm/kernels.sh"
kdir=${1:-}
if [ -z "$kdir" ]; then
	roc_lane_resolve 6.12
	kdir=$KDIR
fi
work=$top/build/sparse
rm -rf "$work"
mkdir -p "$work"
rsync -a "$top/kernel" "$top/uapi" "$work/"
make -C "$kdir" M="$work/kernel" C=2 CHECK="sparse -Wno-decl" modules \
	>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
# Findings in roc's files (sparse names them by path).
if grep -E "^($work/)?(kernel|uapi)/.*: (warning|error):" "$work/log" |
   grep -v "^$kdir"; then
	exit 1
fi
grep -c "CHECK" "$work/log" | sed 's/^/files checked: /'
