# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# ktap_helpers.sh - TAP output of roc's shell tests, sourced (through
# roc_helpers.sh) by every selftests/*_test.sh.  The names follow kselftest's
# tools/testing/selftests/kselftest/ktap_helpers.sh; written for roc.
#
#   ktap_print_header         "TAP version 13"
#   ktap_set_plan N           "1..N" now (else ktap_finished prints the plan)
#   ktap_buffer               hold every result until ktap_finished, which
#                             then prints header, plan and results (a plan
#                             first, for tests that learn N as they go)
#   ktap_test_pass NAME       "ok N NAME"
#   ktap_test_fail NAME       "not ok N NAME"
#   ktap_test_skip NAME [WHY] "ok N NAME # SKIP WHY"
#   ktap_test_result NAME CMD...
#                             pass or fail by the status of CMD, returned
#   ktap_print_msg TEXT...    "# TEXT" (a diagnostic)
#   ktap_finished             the plan if not printed, the totals, then exit
#                             1 if a test failed (or fewer ran than planned),
#                             else 0; usable from an EXIT trap
#
# The counters: KTAP_TESTNO (results so far), KTAP_CNT_PASS, KTAP_CNT_FAIL,
# KTAP_CNT_SKIP.  selftests/run.sh reads the "ok N"/"not ok N" lines.

# shellcheck disable=SC2034 # kselftest's exit codes, for the tests
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

KTAP_TESTNO=0
KTAP_CNT_PASS=0
KTAP_CNT_FAIL=0
KTAP_CNT_SKIP=0
KSFT_NUM_TESTS=
KTAP_BUFFERED=
KTAP_HEADER=
KTAP_LINES=()

ktap_print_header() {
	KTAP_HEADER=1
	[ -n "$KTAP_BUFFERED" ] || echo "TAP version 13"
}

ktap_buffer() { KTAP_BUFFERED=1; }

ktap_set_plan() {
	KSFT_NUM_TESTS=$1
	echo "1..$1"
}

ktap_print_msg() { echo "# $*"; }

# __ktap_result "ok"|"not ok" NAME [DIRECTIVE]
__ktap_result() {
	local line
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	line="$1 $KTAP_TESTNO $2${3:+ # $3}"
	if [ -n "$KTAP_BUFFERED" ]; then
		KTAP_LINES+=("$line")
	else
		echo "$line"
	fi
}

ktap_test_pass() {
	KTAP_CNT_PASS=$((KTAP_CNT_PASS + 1))
	__ktap_result ok "$1"
}

ktap_test_fail() {
	KTAP_CNT_FAIL=$((KTAP_CNT_FAIL + 1))
	__ktap_result "not ok" "$1"
}

ktap_test_skip() {
	KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1))
	__ktap_result ok "$1" "SKIP${2:+ $2}"
}

ktap_test_result() {
	local name=$1
	shift
	if "$@"; then
		ktap_test_pass "$name"
	else
		ktap_test_fail "$name"
		return 1
	fi
}

ktap_print_totals() {
	echo "# Totals: pass:$KTAP_CNT_PASS fail:$KTAP_CNT_FAIL xfail:0 xpass:0 skip:$KTAP_CNT_SKIP error:0"
}

ktap_finished() {
	if [ -n "$KTAP_BUFFERED" ]; then
		[ -n "$KTAP_HEADER" ] && echo "TAP version 13"
		echo "1..$KTAP_TESTNO"
		[ "$KTAP_TESTNO" = 0 ] || printf '%s\n' "${KTAP_LINES[@]}"
		KTAP_LINES=()
	elif [ -z "$KSFT_NUM_TESTS" ]; then
		echo "1..$KTAP_TESTNO"
	fi
	ktap_print_totals
	if [ "$KTAP_CNT_FAIL" = 0 ] &&
	   { [ -z "$KSFT_NUM_TESTS" ] || [ "$KTAP_TESTNO" = "$KSFT_NUM_TESTS" ]; }; then
		exit "$KSFT_PASS"
	fi
	exit "$KSFT_FAIL"
}
