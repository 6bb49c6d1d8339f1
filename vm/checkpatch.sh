#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/checkpatch.sh [FILE...] - checkpatch.pl --strict on roc's kernel code.
# checkpatch comes from Debian's linux-source-6.12, extracted once into
# $ROC_CACHE.  Exit status non-zero on any error, warning or check.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cache=${ROC_CACHE:-/var/cache/roc}
cp_dir=$cache/checkpatch
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	mkdir -p "$cp_dir"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$cp_dir" --strip-components=1 \
		--wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
fi

cd "$top"
if [ $# = 0 ]; then
	# Generated netlink code is checked like the rest.
	set -- kernel/*.[ch] kernel/sim/*.[ch] uapi/linux/*.h
fi
cp() {
	"$cp_dir/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		--ignore FILE_PATH_CHANGES "$@"
}
rc=0
for f in "$@"; do
	[ -e "$f" ] || continue
	case "$f" in
	# The compat header is the one place that tests kernel versions.
	kernel/compat.h)
		cp --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f "$f" || rc=1 ;;
	*)
		cp -f "$f" || rc=1 ;;
	esac
done
exit $rc
