#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests/run.sh KMODDIR [--kernel | --debug | TEST...] - run roc's tests inside the
# VM guest.
#
# Loads roc.ko (and roc_sim.ko when built) from KMODDIR, runs the tests of
# selftests/Makefile (`make emit_tests`: TEST_GEN_PROGS, then TEST_PROGS;
# with --kernel TEST_KERNEL_PROGS only, with --debug all but TEST_TOOL_PROGS)
# or the named ones, unloads the
# modules and asks kmemleak for leaks.  Prints one flat TAP stream ("ok -
# prog: test" lines, renumbered by vm/check.sh) on stdout and into
# /mnt/rocout/tap.txt when that exists, with "# time: PROG N s" after each
# program (also in /mnt/rocout/times.txt).
#
# A program's time limit is the timeout= of selftests/settings, three times
# that on the debug kernel; ROC_TEST_TIMEOUT overrides it.
set -u

top=$(dirname "$(readlink -f "$0")")/..
kmod=$(readlink -f "$1")
shift
bindir=$top/build/selftests
out=/mnt/rocout/tap.txt
times=/mnt/rocout/times.txt
[ -d /mnt/rocout ] || out=/dev/null times=/dev/null
: >"$out"
: >"$times"

emit() { echo "$*"; echo "$*" >>"$out"; }
ok() { emit "ok - $*"; }
not_ok() { emit "not ok - $*"; }
diag() { sed 's/^/# /' | tee -a "$out"; }

kmemleak=/sys/kernel/debug/kmemleak
echo "roc-selftests: start" >/dev/kmsg
[ -w $kmemleak ] && echo clear >$kmemleak

# A program's time limit: timeout= of selftests/settings, three times that
# on the debug kernel (kmemleak marks it; KASAN and lockdep make everything
# ~4x slower under emulation).
default_timeout=$(sed -n 's/^timeout=\([0-9]*\)$/\1/p' "$top/selftests/settings" 2>/dev/null)
default_timeout=${default_timeout:-600}
[ -e $kmemleak ] && default_timeout=$((default_timeout * 3))

export ROC_KO=$kmod/roc.ko ROC_SIM_KO=$kmod/roc_sim.ko
# What roc.ko links against that a distribution kernel builds as modules
# (I2C character devices for i2c-tools, MTD for the C-RORC flash); built in
# on the debug kernel, where modprobe finds nothing to load.
modprobe -q -a i2c-dev mtd 2>/dev/null || true
if insmod "$ROC_KO" 2>&1 | diag; [ "${PIPESTATUS[0]}" = 0 ]; then
	ok "load roc.ko"
else
	not_ok "load roc.ko"
fi
if [ -e "$ROC_SIM_KO" ]; then
	if insmod "$ROC_SIM_KO" 2>&1 | diag; [ "${PIPESTATUS[0]}" = 0 ]; then
		ok "load roc_sim.ko"
	else
		not_ok "load roc_sim.ko"
	fi
fi

# Run one TAP-speaking program, re-emit its results under its name.
run_tap() {
	local name=$1 log rc results start secs
	shift
	log=$(mktemp)
	start=$(date +%s)
	timeout -k 5 "${ROC_TEST_TIMEOUT:-$default_timeout}" "$@" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	results=$(grep -cE '^(not )?ok [0-9]+ ' "$log")
	grep -vE '^(not )?ok [0-9]+ ' "$log" | diag >/dev/null
	sed -nE 's/^(not )?ok [0-9]+ (.*)$/\1ok - '"$name"': \2/p' "$log" |
	while IFS= read -r line; do emit "$line"; done
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		not_ok "$name: timed out"
	elif [ "$rc" != 0 ] && ! grep -qE '^not ok [0-9]+ ' "$log"; then
		not_ok "$name: exited with status $rc"
	elif [ "$results" = 0 ]; then
		not_ok "$name: reported no result"
	fi
	emit "# time: $name $secs s"
	echo "$name $secs" >>"$times"
	rm -f "$log"
}

# The tests of selftests/Makefile, or what the command line names.
list_tests() {
	make -s --no-print-directory -C "$top/selftests" emit_tests "$@" 2>/dev/null ||
		printf '%s\n' "$bindir"/*_test "$top"/selftests/*_test.sh "$top"/selftests/*_test.py
}
progs=("$@")
if [ ${#progs[@]} = 0 ]; then
	mapfile -t progs < <(list_tests)
elif [ "$1" = --kernel ]; then
	mapfile -t progs < <(list_tests TESTS=kernel)
elif [ "$1" = --debug ]; then
	mapfile -t progs < <(list_tests TESTS=debug)
fi
for p in "${progs[@]}"; do
	[ -e "$p" ] || continue
	[ -x "$p" ] || [ "${p%.py}" != "$p" ] || continue
	case "$p" in
	*.py) run_tap "$(basename "$p")" python3 "$p" ;;
	*) run_tap "$(basename "$p")" "$p" ;;
	esac
done

for m in roc_sim roc; do
	[ -d /sys/module/$m ] || continue
	if rmmod $m 2>&1 | diag; [ "${PIPESTATUS[0]}" = 0 ]; then
		ok "unload $m.ko"
	else
		not_ok "unload $m.ko"
	fi
done

if [ -w $kmemleak ]; then
	# Objects freed by RCU or workqueues need a moment; scan twice.
	sleep 5; echo scan >$kmemleak; sleep 5; echo scan >$kmemleak
	leaks=$(cat $kmemleak)
	if [ -z "$leaks" ]; then
		ok "kmemleak: no leak"
	else
		echo "$leaks" | head -60 | diag
		not_ok "kmemleak: $(grep -c '^unreferenced object' <<<"$leaks") leaks"
	fi
fi
echo "roc-selftests: end" >/dev/kmsg
exit 0
