#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# soak_test.sh - concurrency soak for ROC_SOAK_SECONDS (default 10): the 4
# endpoints of two simulated CRUs stream with every word checked
# (roc-bench-dma --error-check full; endpoints 0 internal generator,
# endpoints 1 DDG), 16 BAR readers (8 by mmap, 8 by ROC_REG_BATCH, on two
# endpoints), roc-list-cards --json dumps in a loop, roc-monitor listening
# while a third card comes and goes.
#
# Checks: 0 data errors and data moved on every endpoint (tool and the
# simulator's superpage counters), every reader read, every dump saw the
# 4 endpoints, the monitor saw the add and the del, every process ended
# in time, pins balance, VmLck 0, the kernel log (lockdep, KASAN) clean.
set -u
. "$(dirname "$(readlink -f "$0")")/roc-storm-lib.sh"
tmp=$(mktemp -d /tmp/roc-soak.XXXXXX)
cleanup() { storm_finish; rm -rf "$tmp"; }
trap cleanup EXIT

secs=${ROC_SOAK_SECONDS:-10}
base=${ROC_STORM_ID:-960}
a=$base b=$((base + 1)) c=$((base + 2))
grace=$((120 + secs / 2))
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

cards() { sim_new "$a" cru 960 && sim_new "$b" cru 961; }
check "create sim CRUs $a and $b (4 endpoints)" cards
eps=("roc_sim:$a.0" "roc_sim:$a.1" "roc_sim:$b.0" "roc_sim:$b.1")
dbg=/sys/kernel/debug/roc_sim
sp() { cat "$dbg/roc_sim$1/ep$2/superpages" 2>/dev/null || echo 0; }
sp0=("$(sp "$a" 0)" "$(sp "$a" 1)" "$(sp "$b" 0)" "$(sp "$b" 1)")
udevadm settle 2>/dev/null
ep_name() {
	local d
	d=$(card_dev "$1")
	[ -n "$d" ] && echo "${d#/dev/}"
}
r0=$(ep_name "roc_sim:$a.0")
r1=$(ep_name "roc_sim:$b.1")

log_start
start=$(date +%s)
timeout -k 5 $((secs + grace)) "$utils/roc-monitor" --json >"$tmp/mon" 2>&1 &
mon=$!
pids=()
for i in 0 1 2 3; do
	src=internal
	[ $((i % 2)) = 1 ] && src=ddg
	timeout -k 5 $((secs + grace)) "$utils/roc-bench-dma" --id="${eps[$i]}" \
		--data-source=$src --time="$secs" --buffer-size=32Mi \
		--error-check=full --error-file="$tmp/err$i" --no-display \
		--json >"$tmp/bench$i" 2>&1 &
	pids+=($!)
done
timeout -k 5 $((secs + grace)) "$storm" bars "$r0" "$secs" 8 >"$tmp/bars0" 2>&1 &
bars0=$!
timeout -k 5 $((secs + grace)) "$storm" bars "$r1" "$secs" 8 >"$tmp/bars1" 2>&1 &
bars1=$!
dumps=0 short=0 churn=0 slowest=0
until=$((start + secs))
# At least 3 dumps and the churn, however slow the (emulated) machine.
while [ "$(date +%s)" -lt "$until" ] || [ "$dumps" -lt 3 ] || [ "$churn" = 0 ]; do
	t0=$(date +%s%N)
	out=$("$utils/roc-list-cards" --json 2>&1) || short=$((short + 1))
	t1=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$t1" -gt "$slowest" ] && slowest=$t1
	[ "$(grep -o "roc_sim:\($a\|$b\)\.[01]" <<<"$out" | sort -u | wc -l)" = 4 ] ||
		short=$((short + 1))
	dumps=$((dumps + 1))
	# Once, half-way: a card comes and goes for the monitor.
	if [ $churn = 0 ] && { [ "$(date +%s)" -ge $((start + secs / 2)) ] ||
				[ "$dumps" -ge 3 ]; }; then
		churn=1
		sim_new "$c" crorc 962 && sleep 1 && sim_del "$c" || churn=2
	fi
done
fin=0
for p in "${pids[@]}"; do
	wait "$p"
	fin=$((fin + $?))
done
wait "$bars0"; fin=$((fin + $?))
wait "$bars1"; fin=$((fin + $?))
elapsed=$(( $(date +%s) - start ))
sleep 1
kill -TERM "$mon" 2>/dev/null
wait "$mon"
monrc=$?

cat "$tmp/bars0" "$tmp/bars1" | sed 's/^/# /'
echo "# $dumps netlink dumps, $short short or failed, slowest $slowest ms"
benchok() {
	$py - "$tmp"/bench[0-3] <<'PY'
import json, sys
ok = True
for f in sys.argv[1:]:
    try:
        txt = open(f).read()
        j = json.loads(txt[txt.index('{'):txt.rindex('}') + 1])
    except Exception as e:
        print("# %s: no JSON summary (%s)" % (f, e))
        for l in txt.splitlines()[:20]:
            print("#   " + l)
        ok = False
        continue
    print("# %s: %s superpages, %.2f GB/s, %d errors, failed %s" %
          (j["id"], j["superpages"], j["gbytes_per_s"], j["errors"], j["failed"]))
    if j["errors"] or j["failed"] or j["superpages"] <= 0 or j["bytes"] <= 0:
        ok = False
sys.exit(0 if ok else 1)
PY
}
check "4 endpoints streamed for ${secs} s with full data checks: 0 errors" benchok
check "every process finished in time (${elapsed} s for ${secs} s)" [ "$fin" = 0 ]
barsok() {
	grep -q "^storm: ok readers=8 " "$tmp/bars0" &&
		grep -q "^storm: ok readers=8 " "$tmp/bars1"
}
check "16 BAR readers (mmap and ioctl) read" barsok
dumpsok() { [ "$dumps" -gt 0 ] && [ "$short" = 0 ]; }
check "$dumps netlink dumps, each with the 4 endpoints" dumpsok
sed 's/^/# monitor: /' "$tmp/mon"
monok() {
	[ "$churn" = 1 ] && [ "$monrc" = 0 ] &&
		grep -q '"add".*roc_sim:'"$c"'\.0\|roc_sim:'"$c"'\.0.*"add"' "$tmp/mon" &&
		grep -q '"del".*roc_sim:'"$c"'\.0\|roc_sim:'"$c"'\.0.*"del"' "$tmp/mon"
}
check "roc-monitor saw the card come and go and exited cleanly" monok
moved() {
	local now=("$(sp "$a" 0)" "$(sp "$a" 1)" "$(sp "$b" 0)" "$(sp "$b" 1)") i
	echo "# simulator superpages: ${sp0[*]} -> ${now[*]}"
	for i in 0 1 2 3; do
		[ "${now[$i]}" -gt "${sp0[$i]}" ] || return 1
	done
}
check "the simulator's counters moved on every endpoint" moved
sim_del "$a"
sim_del "$b"
check "pins balanced: nr_foll_pin_acquired == nr_foll_pin_released" pins_balanced
check "locked_vm 0 in every process" vmlck_zero
check "kernel log clean during the soak" log_clean
