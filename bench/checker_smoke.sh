#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checker_smoke.sh - smoke test of the native part of `make bench`, run by
# `make check` in the unit stage (installed as build/unit/bench_checker_test):
# bench-checker on an 8 MiB buffer must exit 0 and print JSON lines with
# every key for each checker and the read-pass baseline; forced to each
# implementation (ROC_CHECKER_ISA=generic, sse2), it must find no error in
# correct data and name that implementation.  No timing is asserted.
# Prints TAP.
set -u

here=$(dirname "$(readlink -f "$0")")
top=$here/../..
[ -e "$top/bench/report.py" ] || top=$here/..
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
lines=()
if "$top/build/bench/bin/bench-checker" --size 8M --repeat 2 >"$tmp"; then
	lines+=("ok - bench-checker --size 8M runs")
else
	lines+=("not ok - bench-checker --size 8M runs")
fi
while IFS= read -r l; do
	lines+=("$l")
done < <(python3 "$top/bench/report.py" --tap-native "$tmp")
isas=generic
[ "$(uname -m)" = x86_64 ] && isas="generic sse2"
for isa in $isas; do
	if ROC_CHECKER_ISA=$isa "$top/build/bench/bin/bench-checker" --size 2M \
		--repeat 1 >"$tmp" &&
	   [ "$(grep -c "\"isa\": \"$isa\"" "$tmp")" = 6 ]; then
		lines+=("ok - bench-checker with ROC_CHECKER_ISA=$isa")
	else
		lines+=("not ok - bench-checker with ROC_CHECKER_ISA=$isa")
	fi
done
echo "TAP version 13"
echo "1..${#lines[@]}"
n=0
fails=0
for l in "${lines[@]}"; do
	n=$((n + 1))
	case "$l" in
	"not ok - "*) echo "not ok $n ${l#not ok - }"; fails=$((fails + 1)) ;;
	*) echo "ok $n ${l#ok - }" ;;
	esac
done
[ "$fails" = 0 ]
