#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench_test.sh - smoke test of the in-VM benchmarks of `make bench`
# (bench/guest.sh --smoke): with the modules loaded by selftests/run.sh,
# every benchmark program runs with tiny sizes and times against two
# simulated CRUs, exits 0, and writes JSON lines with every key
# (bench/report.py --tap-vm).  Nothing is timed: benchmarks report, they
# do not pass or fail on their numbers.  Needs build/bench/bin (make bench
# or make unit builds it).
#
# Prints TAP: the plan first, then one line per check.
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
tmp=$(mktemp -d /tmp/roc-bench-test.XXXXXX)
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
trap 'rm -rf "$tmp"' EXIT

lines=()
if [ ! -x "$top/build/bench/bin/bench-ctl" ]; then
	lines+=("not ok - bench programs built (build/bench/bin: run make -C bench)")
else
	if "$top/bench/guest.sh" --smoke "$tmp" >"$tmp/log" 2>&1; then
		lines+=("ok - bench/guest.sh --smoke runs every benchmark")
	else
		sed 's/^/# /' "$tmp/log" >&2
		lines+=("not ok - bench/guest.sh --smoke runs every benchmark")
	fi
	while IFS= read -r l; do
		lines+=("$l")
	done < <("$py" "$top/bench/report.py" --tap-vm "$tmp/bench.jsonl")
	if "$py" -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["smoke"] is True and j["kernel"]' \
		"$tmp/guest.json" 2>/dev/null; then
		lines+=("ok - guest.json is valid")
	else
		lines+=("not ok - guest.json is valid")
	fi
	# the simulated cards are gone again
	if ls /sys/bus/roc_sim/devices/ 2>/dev/null | grep -qE 'roc_sim6[123]$'; then
		lines+=("not ok - simulated cards removed")
	else
		lines+=("ok - simulated cards removed")
	fi
fi

ktap_print_header
ktap_set_plan "${#lines[@]}"
for l in "${lines[@]}"; do
	case "$l" in
	"not ok - "*) ktap_test_fail "${l#not ok - }" ;;
	*) ktap_test_pass "${l#ok - }" ;;
	esac
done
ktap_finished
