#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/config-check.sh [LANE...] - every kernel the tests run on has the
# options of selftests/config (kselftest's config fragment) built in or as
# modules: the Debian kernels' /boot/config-*, and the debug kernel's
# .config once built (else its fragment, vm/debug-kernel.config).  Prints
# what is missing; exit 0 when nothing is.
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=vm/kernels.sh
. "$top/vm/kernels.sh"
bad=0
# shellcheck disable=SC2048,SC2086 # lanes as words: "6.1 6.12" or 6.1 6.12
set -- ${*:-6.1 6.12 debug}
for lane in "$@"; do
	{
		case "$lane" in
		debug)
			# the tree vm/debug-kernel.sh builds (same key)
			cfg=$top/vm/debug-kernel.config
			tree=${ROC_CACHE:-/var/cache/roc}/debug-kernel-$( (dpkg-query -W \
				-f '${Version}' linux-source-6.12 2>/dev/null; cat "$cfg") |
				sha256sum | cut -c1-12)
			[ -f "$tree/.roc-built" ] && cfg=$tree/.config ;;
		*)
			roc_lane_resolve "$lane" || { bad=1; continue; }
			cfg=/boot/config-$KVER ;;
		esac
		missing=0
		while IFS='=' read -r opt _; do
			case "$opt" in ''|'#'*) continue ;; esac
			if ! grep -qE "^$opt=(y|m)$" "$cfg"; then
				echo "config-check: $lane ($cfg) lacks $opt" >&2
				missing=1
			fi
		done <"$top/selftests/config"
		[ "$missing" = 0 ] && echo "config-check: $lane ($cfg) has every option of selftests/config"
		bad=$((bad | missing))
	}
done
exit "$bad"
