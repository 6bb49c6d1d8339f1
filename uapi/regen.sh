#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the netlink code of roc from its spec, uapi/roc_netlink.yaml,
# with the YNL code generator of Linux 6.12 (tools/net/ynl/ynl-gen-c.py):
#
#   uapi/linux/roc_netlink.h   uapi header (ynl-gen-c --mode uapi)
#   kernel/netlink-gen.h       handler prototypes, multicast groups
#   kernel/netlink-gen.c       policies, split ops, the family
#
# The files are committed as generated, except that the kernel files keep
# one #include per header: the generator repeats a header once per
# definition it declares (three enums of linux/roc.h).
# kernel/netlink-gen-compat.c, the family
# for kernels before 6.2, is kept by hand; this script checks that it still
# declares the same policies, commands, handlers and groups.
#
# Options:
#   -c       check only: change nothing, exit 1 if a file is out of date
#   -k KSRC  extracted Linux 6.12 source tree; default: take what is needed
#            from /usr/src/linux-source-6.12.tar.xz (package linux-source-6.12)

set -euo pipefail

TARBALL=/usr/src/linux-source-6.12.tar.xz
ROOT=$(dirname "$(dirname "$(realpath "$0")")")
check=
ksrc=

while getopts ck: opt; do
	case $opt in
	c) check=yes ;;
	k) ksrc=$OPTARG ;;
	*) echo "usage: $0 [-c] [-k KSRC]" >&2; exit 2 ;;
	esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$ksrc" ]; then
	ksrc=$tmp/linux
	mkdir "$ksrc"
	tar -xJf "$TARBALL" -C "$ksrc" --strip-components=1 --wildcards \
	    '*/tools/net/ynl/*' '*/Documentation/netlink/*'
fi
gen=$ksrc/tools/net/ynl/ynl-gen-c.py
[ -f "$gen" ] || { echo "$0: no $gen" >&2; exit 1; }

# ynl-gen-c names the spec by its path below the directory holding
# MAINTAINERS, and validates it against ../genetlink.yaml: give it a tree
# where both lead to uapi/roc_netlink.yaml.
mkdir -p "$tmp/tree/uapi" "$tmp/out"
touch "$tmp/tree/MAINTAINERS"
cp "$ksrc/Documentation/netlink/genetlink.yaml" "$tmp/tree/"
cp "$ROOT/uapi/roc_netlink.yaml" "$tmp/tree/uapi/"
spec=$tmp/tree/uapi/roc_netlink.yaml

python3 "$gen" --mode uapi --header --spec "$spec" -o "$tmp/out/roc_netlink.h"
python3 "$gen" --mode kernel --header --spec "$spec" -o "$tmp/out/netlink-gen.h"
python3 "$gen" --mode kernel --source --spec "$spec" -o "$tmp/out/netlink-gen.c"
for f in netlink-gen.h netlink-gen.c; do
	awk '!/^#include / || !seen[$0]++' "$tmp/out/$f" > "$tmp/out/$f.once"
	mv "$tmp/out/$f.once" "$tmp/out/$f"
done

stale=0
for f in uapi/linux/roc_netlink.h kernel/netlink-gen.h kernel/netlink-gen.c; do
	new=$tmp/out/$(basename "$f")
	if cmp -s "$new" "$ROOT/$f"; then
		continue
	fi
	if [ -n "$check" ]; then
		echo "$f: out of date" >&2
		stale=1
	else
		cp "$new" "$ROOT/$f"
		echo "	GEN	$f"
	fi
done

# What netlink-gen-compat.c must repeat: policy entries, ranges, commands,
# handlers, policies and groups, with blanks squeezed.
decl() {
	grep -E '^[[:space:]]*(\[ROC_|\.(min|max|cmd|doit|dumpit|policy|maxattr)[[:space:]])' "$1" |
		sed -E 's/[[:space:]]+/ /g; s/^ //' | sort -u
}
if ! diff -u <(decl "$tmp/out/netlink-gen.c") \
	     <(decl "$ROOT/kernel/netlink-gen-compat.c") >&2; then
	echo "kernel/netlink-gen-compat.c: differs from netlink-gen.c" \
	     "(above), update it by hand" >&2
	stale=1
fi

exit $stale
