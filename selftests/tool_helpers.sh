# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tool_helpers.sh - the frame of the tests that drive the roc-* tools
# (tools_test.sh, status_test.sh, config_test.sh, i2c_test.sh, ttc_test.sh,
# ddl_test.sh).  Source it with $top set to the checkout.  It sources
# roc_helpers.sh, sets $bin (the built tools), $tmp (removed at exit) and
# $py, buffers the KTAP output so that the plan comes first, and at exit
# runs the test's own tool_cleanup (when the test defines one: stop its
# background processes), removes the simulated cards it added and prints
# the totals.  The tools take the PLL clock maps from the checkout.

: "${top:?tool_helpers.sh: set top to the checkout first}"
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
bin=$top/build/utils
tmp=$(mktemp -d "/tmp/roc-$(basename "$0" .sh).XXXXXX")
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
# The PLL maps of the checkout, not those of an installation.
export ROC_CLOCK_MAPS=$top/data/clock-maps
ktap_buffer
ktap_print_header

tool_finish() {
	declare -F tool_cleanup >/dev/null && tool_cleanup
	sim_del_all
	rm -rf "$tmp"
	ktap_finished
}
trap tool_finish EXIT
trap 'exit 1' TERM INT

# check NAME CMD...: one TAP result for the status of CMD; on failure the
# last run's output as diagnostics.
check() {
	local name=$1
	if ! ktap_test_result "$@"; then
		echo "# failed: $name" >&2
		[ -n "${err:-}" ] && echo "#   stderr: ${err:0:600}" >&2
		[ -n "${out:-}" ] && echo "#   stdout: ${out:0:600}" >&2
	fi
}

# run TOOL ARGS...: run a built tool; $out, $err and $rc get its results.
run() {
	local tool=$1
	shift
	out=$("$bin/$tool" "$@" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
}

rc_is() { [ "$rc" = "$1" ]; }
out_is() { [ "$out" = "$1" ]; }
out_has() { [[ "$out" == *"$1"* ]]; }
out_matches() { [[ "$out" =~ $1 ]]; }
err_has() { [[ "$err" == *"$1"* ]]; }
json_ok() { printf '%s\n' "$out" | "$py" -m json.tool >/dev/null; }
# json_get EXPR: a Python expression on the parsed JSON "j" of $out.
json_get() { printf '%s\n' "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); print($1)"; }
