#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/where-test.sh tmp|private - roc works wherever it is cloned: copy the
# tree (sources, the built library and tools, the 6.12 modules) to
#   tmp      a directory under /tmp, which the guest's own tmpfs on /tmp
#            would hide;
#   private  a directory of mode 0700 (as a clone in root's home), which
#            an unprivileged user of the guest cannot traverse;
# and run the README's `make run` job (vm/main-job.sh, 1 s readouts) from
# the copy: it boots 6.12, lists the cards, reads from both, and runs
# roc-list-cards and roc-reg-read as user nobody from the copy's build tree.
# Exit 0 when the job passes.  Needs `make lib utils` and the 6.12 modules.
set -euo pipefail

top=$(readlink -f "$(dirname "$(readlink -f "$0")")/..")
# shellcheck source=vm/kernels.sh
. "$top/vm/kernels.sh"
roc_lane_resolve 6.12
kmod=$(roc_kmod_dir "$KDIR")
kname=$(basename "$(dirname "$kmod")")
for f in "$kmod/roc.ko" "$kmod/roc_sim.ko" "$top/build/utils/roc-list-cards"; do
	[ -e "$f" ] || { echo "where-test: $f is not built" >&2; exit 1; }
done

case "${1:-}" in
tmp) base=$(mktemp -d /tmp/roc-where.XXXXXX)
     chmod 0755 "$base" ;;
private) mkdir -p "$top/build"
	 base=$(mktemp -d "$top/build/where-private.XXXXXX")
	 chmod 0700 "$base" ;;
*) echo "usage: vm/where-test.sh tmp|private" >&2; exit 2 ;;
esac
trap 'rm -rf "$base"' EXIT
copy=$base/roc
rsync -a --exclude=/build --exclude=/.git "$top/" "$copy/"
mkdir -p "$copy/build/kmod/$kname/kernel"
rsync -a "$top/build/lib" "$top/build/utils" "$copy/build/"
cp "$kmod/roc.ko" "$kmod/roc_sim.ko" "$copy/build/kmod/$kname/kernel/"
echo "where-test: the tree copied to $copy ($(stat -c %a "$base") $base)"

cd "$copy"
rc=0
ROC_KMOD=$copy/build/kmod/$kname/kernel ROC_RUN_SECONDS=1 vm/main-job.sh || rc=$?
if [ "$rc" != 0 ]; then
	echo "where-test: vm/main-job.sh from $copy exited $rc" >&2
	tail -30 "$copy/build/run/console.log" 2>/dev/null >&2
	exit 1
fi
grep -q "both readouts finished without data errors" "$copy/build/run/output.log"
