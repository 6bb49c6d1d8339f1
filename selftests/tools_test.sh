#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools_test.sh - the roc-* tools (build/utils) against simulated cards, as
# root inside the VM: roc-list-cards columns and JSON against sysfs, card
# IDs of every form, register read/write/modify/range round trips by mmap
# and by ioctl, protected registers without CAP_SYS_RAWIO, errors and exit
# codes (2 bad usage, 1 error), roc-bar-stress, roc-monitor add/del events
# and its clean exit on SIGTERM, roc-fw-check (table, JSON, --id, --fw-list),
# roc-reset (levels, busy channel naming its holder, INTERNAL_SIU on a CRU refused),
# roc-bench-dma on both cards (JSON summary, injected error, SIGINT).
#
# Prints TAP: the plan "1..N" first, then one "ok N name" / "not ok N name"
# per check (buffered until the end, so that the plan can come first).
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/tool_helpers.sh
. "$top/selftests/tool_helpers.sh"

tool_cleanup() {
	[ -n "${monpid:-}" ] && kill "$monpid" 2>/dev/null
}

# status_is RC MSG TOOL ARGS...: exit status RC and MSG in the message.
status_is() {
	local want=$1 msg=$2
	shift 2
	run "$@"
	rc_is "$want" && err_has "$msg" && [[ "$err" == "$1: "* ]]
}

sysfs() { cat "/sys/class/roc/$(basename "$1")/$2"; }

# Wait until roc-monitor (pid $1) has subscribed: it then sleeps in
# ppoll() (syscall 271 on x86-64), after joining the group.
wait_subscribed() {
	local pid=$1 i
	for i in $(seq 600); do
		[ -d "/proc/$pid" ] || return 1
		if [ "$(cut -d" " -f1 "/proc/$pid/syscall" 2>/dev/null)" = 271 ] ||
		   grep -q poll "/proc/$pid/wchan" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

id=$((800 + RANDOM % 90))
crorc_id=$((id + 1))
sim_new "$id" cru 245
sim_new "$crorc_id" crorc 2942
cru0=$(card_dev "roc_sim:$id.0")
cru1=$(card_dev "roc_sim:$id.1")
cr=$(card_dev "roc_sim:$crorc_id.0")
check "simulated cards created" test -c "$cru0" -a -c "$cru1" -a -c "$cr"

# --- help, version, bad usage -------------------------------------------------
# Every tool parses these through the shared helpers (utils/common.c).
tools="roc-list-cards roc-reg-read roc-reg-read-range roc-reg-write roc-reg-modify roc-bar-stress roc-monitor roc-reset roc-fw-check
       roc-config roc-status roc-metrics roc-pkt-monitor roc-bench-dma"
for t in $tools; do
	run "$t" --help
	check "$t --help" eval 'rc_is 0 && out_matches "^Usage: $t "'
	run "$t" --version
	check "$t --version" eval 'rc_is 0 && out_matches "^$t \(roc\) [0-9.]+"'
	check "$t --bogus exits 2" status_is 2 "unknown option '--bogus'" "$t" --bogus
	check "$t with an operand exits 2" status_is 2 'unexpected argument "extra"' "$t" extra
done

# --- roc-list-cards --------------------------------------------------------------
run roc-list-cards
check "list-cards exits 0" rc_is 0
header=$(printf '%s\n' "$out" | head -1)
check "list-cards header columns" \
	eval '[[ "$header" =~ ^#\ +Type\ +PCI\ Addr\ +Serial\ +Endpoint\ +NUMA\ +FW\ Version\ +UL\ Version$ ]]'
row() {	# address -> row split on 2+ spaces, fields joined by '|'
	printf '%s\n' "$out" | awk -F'  +' -v a="$1" '$3 == a { OFS = "|"; $1 = $1; print }'
}
numa0=$(sysfs "$cru0" numa_node)
numa_cr=$(sysfs "$cr" numa_node)
check "list-cards row of CRU endpoint 0" \
	eval '[[ "$(row "roc_sim:$id.0")" =~ ^[0-9]+\|CRU\|roc_sim:$id.0\|0245\|0\|$numa0\|v3.19.4\|[0-9a-f]+$ ]]'
check "list-cards row of CRU endpoint 1" \
	eval '[[ "$(row "roc_sim:$id.1")" =~ ^[0-9]+\|CRU\|roc_sim:$id.1\|0245\|1\|$numa0\|v3.19.4\|[0-9a-f]+$ ]]'
check "list-cards row of the C-RORC" \
	eval '[[ "$(row "roc_sim:$crorc_id.0")" =~ ^[0-9]+\|CRORC\|roc_sim:$crorc_id.0\|2942\|0\|$numa_cr\|v2.14.2\|-$ ]]'
list_order_ok() {
	printf '%s\n' "$out" | awk -F'  +' 'NR > 1 {
		if ($1 != NR - 2) bad = 1
		if ($2 == "CRORC" && cru) bad = 1
		if ($2 == "CRU") cru = 1
	} END { exit bad }'
}
check "list-cards: C-RORCs before CRUs, # counts from 0" list_order_ok

run roc-list-cards --json
check "list-cards --json is valid JSON" json_ok
# Compare every endpoint of the JSON with its sysfs directory.
json_vs_sysfs() {
	local keys k dev t want
	keys=$(json_get '" ".join(j.keys())') || return 1
	for k in $keys; do
		dev=$(json_get "j['$k']['device']")
		t=$(json_get "j['$k']['type']")
		want=$(sysfs "$dev" card_type | tr a-z A-Z)
		[ "$t" = "$want" ] || { echo "# $dev type $t != $want" >&2; return 1; }
		[ "$(json_get "j['$k']['pciAddress']")" = "$(sysfs "$dev" pci_address)" ] || return 1
		[ "$(json_get "j['$k']['serial'] if j['$k']['serial'] is not None else -1")" = "$(sysfs "$dev" serial)" ] || return 1
		[ "$(json_get "j['$k']['endpoint']")" = "$(sysfs "$dev" endpoint)" ] || return 1
		[ "$(json_get "j['$k']['numa']")" = "$(sysfs "$dev" numa_node)" ] || return 1
		[ "$(json_get "j['$k']['firmwareHash']")" = "$(sysfs "$dev" firmware)" ] || return 1
		[ "$(json_get "j['$k']['linkCount']")" = "$(sysfs "$dev" link_count)" ] || return 1
	done
	[ -n "$keys" ]
}
check "list-cards --json agrees with sysfs" json_vs_sysfs
seq_of() {	# device -> its "#" key in the JSON
	json_get "[k for k in j if j[k]['device'] == '$1'][0]"
}
seq_cr=$(seq_of "$cr")
seq_cru1=$(seq_of "$cru1")
list_json_fw() {
	[ "$(json_get "j['$seq_cru1']['firmware'], j['$seq_cr']['userLogicVersion'], j['$seq_cr']['type']")" = "v3.19.4 None CRORC" ]
}
check "list-cards --json: firmware tag and UL version" list_json_fw
jsave=$out
run roc-list-cards --json-out
check "list-cards --json-out (the old name) prints the same JSON" \
	eval 'rc_is 0 && [ "$out" = "$jsave" ]'

printf '[cru]\nf6b5d742 = custom-tag\n' >"$tmp/fw.ini"
run roc-list-cards --fw-list "$tmp/fw.ini"
check "list-cards --fw-list renames the firmware" eval '[[ "$(row "roc_sim:$id.0")" == *"|custom-tag|"* ]]'
printf '{"crorc": {"828801a2": "env-tag"}}\n' >"$tmp/fw.json"
out=$(ROC_FW_LIST=$tmp/fw.json "$bin/roc-list-cards" 2>&1); rc=$?
check "list-cards reads \$ROC_FW_LIST" eval '[[ "$(row "roc_sim:$crorc_id.0")" == *"|env-tag|"* ]]'
printf '[gpu]\n1 = x\n' >"$tmp/bad.ini"
check "list-cards with a bad --fw-list exits 1" \
	status_is 1 "unknown section [gpu]" roc-list-cards --fw-list "$tmp/bad.ini"

# --- register round trips, every card ID form ------------------------------------
check "CRU write by serial:endpoint reads back" \
	eval 'run roc-reg-write --id 245:1 --channel 2 --address 0xc80004 --value 0x12345678 && out_is 0x12345678'
check "CRU read by /dev path" \
	eval 'run roc-reg-read --id "$cru1" -c 2 -a c80004 && out_is 0x12345678'
check "CRU read by rocN" \
	eval 'run roc-reg-read --id "$(basename "$cru1")" --bar 2 -a 0xc80004 && out_is 0x12345678'
check "CRU read by sim address, through the ioctl" \
	eval 'run roc-reg-read --id "roc_sim:$id.1" -c 2 -a 0xc80004 --ioctl && out_is 0x12345678'
check "CRU read by #N" \
	eval 'run roc-reg-read --id "#$seq_cru1" -c 2 -a 0xc80004 && out_is 0x12345678'
ln -s "$cru1" "$tmp/by-serial-245-1"
check "CRU read through a symlink" \
	eval 'run roc-reg-read --id "$tmp/by-serial-245-1" -c 2 -a 0xc80004 && out_is 0x12345678'
check "endpoints do not share the register" \
	eval 'run roc-reg-read --id 245:0 -c 2 -a 0xc80004 && ! out_is 0x12345678'
check "CRU write by ioctl, read by mmap" \
	eval 'run roc-reg-write --id 245 -c 2 -a 0xc80004 --value 4042322160 --ioctl && out_is 0xf0f0f0f0 &&
	      run roc-reg-read --id 245:0 -c 2 -a 0xc80004 && out_is 0xf0f0f0f0'
check "reg-read --verbose format" \
	eval 'run roc-reg-read --id 245 -c 2 -a 0xc80004 --verbose &&
	      out_is "0xc80004 => 0xf0f0.f0f0 = 0b1111.0000.1111.0000.1111.0000.1111.0000 = 4042322160"'
reg_read_json() {
	run roc-reg-read --id 245 -c 2 -a 0xc80004 --json && json_ok &&
	[ "$(json_get 'j["value"], j["address"], j["bar"], j["device"]')" = "4042322160 13107204 2 $cru0" ]
}
check "reg-read --json" reg_read_json
check "reg-read of the firmware hash" \
	eval 'run roc-reg-read --id 245 -c 2 -a 0x4 && out_is "0x$(sysfs "$cru0" firmware)"'
check "reg-write --noread prints nothing" \
	eval 'run roc-reg-write --id 2942 -a 0x300 --value 7 --noread && out_is ""'
check "C-RORC BAR0 0x300 round trip" \
	eval 'run roc-reg-write --id "roc_sim:$crorc_id.0" -a 0x300 --value 0xcafe && out_is 0x0000cafe &&
	      run roc-reg-read --id "#$seq_cr" -a 0x300 --ioctl && out_is 0x0000cafe'
reg_write_json() {
	run roc-reg-write --id 2942 -a 0x300 --value 5 --json && json_ok &&
	[ "$(json_get 'j["written"], j["value"]')" = "5 5" ]
}
check "reg-write --json" reg_write_json

# --- modify ----------------------------------------------------------------------
run roc-reg-write --id 2942 -c 1 -a 0x300 --value 0xffff0000
check "reg-modify sets a field" \
	eval 'run roc-reg-modify --id 2942 -c 1 -a 0x300 --position 4 --width 8 --value 0xab &&
	      out_is "0xffff0000 -> 0xffff0ab0"'
reg_modify_json() {
	run roc-reg-modify --id 2942 -c 1 -a 0x300 --position 31 --value 0 --json && json_ok &&
	[ "$(json_get 'j["before"], j["after"]')" = "4294904496 2147420848" ]
}
check "reg-modify default width 1 at bit 31" reg_modify_json
check "reg-modify --verbose prints before and after" \
	eval 'run roc-reg-modify --id 2942 -c 1 -a 0x300 --value 1 --verbose &&
	      [ "$(printf "%s\n" "$out" | wc -l)" = 2 ] && out_matches "^0x300 => 0x7fff\.0ab0 .*0x300 => 0x7fff\.0ab1 "'
check "reg-modify value wider than the field exits 2" \
	status_is 2 "value 0x4 does not fit in 2 bits" roc-reg-modify --id 2942 -a 0x300 --width 2 --value 4
check "reg-modify field beyond bit 31 exits 2" \
	status_is 2 "do not fit in a 32-bit register" roc-reg-modify --id 2942 -a 0x300 --position 30 --width 4 --value 1

# --- ranges ------------------------------------------------------------------------
for i in 0 1 2 3; do
	"$bin/roc-reg-write" --id 2942 -c 3 -a "$(printf 0x%x $((0x300 + 4 * i)))" \
		--value $((0x11111111 * (i + 1))) --noread
done
run roc-reg-read-range --id 2942 -c 3 -a 0x300 --range 4
check "reg-read-range prints one verbose line per register" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | wc -l)" = 4 ] &&
	      [ "$(printf "%s\n" "$out" | sed -n 3p)" = "0x308 => 0x3333.3333 = 0b0011.0011.0011.0011.0011.0011.0011.0011 = 858993459" ]'
run roc-reg-read-range --id 2942 -c 3 -a 0x300 --range 4 --ioctl
check "reg-read-range by ioctl gives the same" \
	eval 'rc_is 0 && out_matches "^0x300 => 0x1111\.1111 .*0x30c => 0x4444\.4444 "'
check "reg-read-range --file writes a binary dump" \
	eval 'run roc-reg-read-range --id 2942 -c 3 -a 0x300 --range 4 --file "$tmp/dump.bin" && out_is "" &&
	      [ "$(od -An -tx4 -w16 "$tmp/dump.bin" | tr -s " ")" = " 11111111 22222222 33333333 44444444" ]'
range_json() {
	run roc-reg-read-range --id 2942 -c 3 -a 0x300 --range 4 --json && json_ok &&
	[ "$(json_get 'j["values"]')" = "[286331153, 572662306, 858993459, 1145324612]" ]
}
check "reg-read-range --json" range_json
check "reg-read-range past the end of the BAR exits 1" \
	status_is 1 "range beyond the end of the BAR" roc-reg-read-range --id 2942 -a 0xff8 --range 4

# --- errors ------------------------------------------------------------------------
check "malformed card ID exits 2" status_is 2 'PCI function "9" out of range' roc-reg-read --id 3b:00.9 -a 0
check "unknown serial exits 1" status_is 1 'no card "999:1"' roc-reg-read --id 999:1 -a 0
check "unknown #N exits 1" status_is 1 'no card "#9999"' roc-reg-read --id '#9999' -a 0
check "unknown PCI address exits 1" status_is 1 'no card "0000:3b:00.0"' roc-reg-read --id 3b:00.0 -a 0
check "not a roc device exits 1" status_is 1 "/dev/null is not a roc device" roc-reg-read --id /dev/null -a 0
check "missing device exits 1" status_is 1 "cannot open /dev/roc999" roc-reg-read --id roc999 -a 0
check "missing --id exits 2" status_is 2 "no card given (--id)" roc-reg-read -a 0
check "missing --address exits 2" status_is 2 "no register address given" roc-reg-read --id 245
check "unaligned address exits 2" status_is 2 "address 0x6 is not a multiple of 4" roc-reg-read --id 245 -a 6
check "address beyond the BAR exits 1, naming the card" \
	status_is 1 "$(basename "$cr") (CRORC 2942:0, roc_sim:$crorc_id.0): reading BAR0 0x1000: address beyond the end of the BAR" \
	roc-reg-read --id 2942 -a 0x1000
check "absent BAR exits 1" status_is 1 "BAR1 does not exist" roc-reg-read --id 245 -c 1 -a 0
check "bad --value exits 2" status_is 2 '--value: "x1" is not a number' roc-reg-write --id 245 -a 0 --value x1
check "missing --value exits 2" status_is 2 "no value given (--value)" roc-reg-write --id 245 -a 0

# --- permissions ---------------------------------------------------------------------
norawio=(setpriv --inh-caps=-sys_rawio --bounding-set=-sys_rawio)
check "without CAP_SYS_RAWIO a protected register is refused" \
	eval 'out=$("${norawio[@]}" "$bin/roc-reg-write" --id 2942 -a 0x28 --value 1 2>&1); rc=$?;
	      [ $rc = 1 ] && [[ "$out" == *"writing BAR0 0x28: permission denied: protected window 0x28-0x47"* ]]'
check "without CAP_SYS_RAWIO other registers are written by ioctl" \
	eval 'out=$("${norawio[@]}" "$bin/roc-bar-stress" --id 2942 -a 0x300 --value 9 --cycles 10 2>&1);
	      [[ "$out" == *"Access: mmap-ro"* && "$out" == *"Mismatches: 0"* ]]'
check "CRU BAR0 descriptor window refused without CAP_SYS_RAWIO" \
	eval 'out=$("${norawio[@]}" "$bin/roc-reg-write" --id 245 -c 0 -a 0x204 --value 1 2>&1); rc=$?;
	      [ $rc = 1 ] && [[ "$out" == *"protected window 0x204-0x2ff"* ]]'
check "an unprivileged user cannot open the device" \
	eval 'out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/roc-reg-read" --id 245 -a 0 2>&1); rc=$?;
	      [ $rc = 1 ] && [[ "$out" == *"cannot open $cru0: Permission denied"* ]]'
check "an unprivileged user can list the cards" \
	eval 'out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/roc-list-cards" 2>&1) &&
	      [[ "$(row "roc_sim:$id.0")" =~ \|0245\|0\|.*\|-$ ]]'

# --- bar stress ------------------------------------------------------------------------
run roc-bar-stress --id 245:1 -c 2 -a 0xc80004 --value 0xa5a5a5a5 --cycles 1000
check "bar-stress report" \
	eval 'rc_is 0 && out_matches "Cycles: 1000" && out_matches "Operations: 2000" &&
	      out_matches "Ops/s: [0-9]+" && out_matches "Mbps: [0-9.]+" && out_matches "Latency \(us\): [0-9.]+" &&
	      out_matches "Access: mmap-rw" && out_matches "Mismatches: 0"'
stress_json() {
	run roc-bar-stress --id 245:1 -c 2 -a 0xc80004 --value 3 --cycles 100 --ioctl --json && json_ok &&
	[ "$(json_get 'j["access"], j["mismatches"], j["operations"]')" = "ioctl 0 200" ]
}
check "bar-stress --ioctl --json" stress_json
check "bar-stress --cycles 0 exits 2" status_is 2 "--cycles: at least 1" roc-bar-stress --id 245 -a 0 --cycles 0

# --- monitor ---------------------------------------------------------------------------
mid=$((id + 2))
"$bin/roc-monitor" --count 4 --json >"$tmp/mon.json" 2>"$tmp/mon.err" &
monpid=$!
check "roc-monitor subscribes" wait_subscribed "$monpid"
sim_new "$mid" cru 246
sim_del "$mid"
timeout 60 tail --pid="$monpid" -f /dev/null
wait "$monpid"
mrc=$?
monpid=
out=$(cat "$tmp/mon.json")
check "roc-monitor --count 4 exits 0" eval '[ "$mrc" = 0 ]'
json_lines_ok() {
	local l
	[ "$(wc -l <"$1")" = "$2" ] || return 1
	while read -r l; do
		printf '%s\n' "$l" | "$py" -m json.tool >/dev/null || return 1
	done <"$1"
}
check "roc-monitor --json prints valid JSON lines" json_lines_ok "$tmp/mon.json" 4
mon_events() {	# "event address" per line, as the monitor saw them
	"$py" -c 'import json,sys
for l in open(sys.argv[1]):
    j = json.loads(l)
    print(j["event"], j["pciAddress"], j["name"], j["serial"], j["type"])' "$1"
}
mon_add_del() {
	local ev
	ev=$(mon_events "$tmp/mon.json") || return 1
	[ "$(printf '%s\n' "$ev" | head -2 | cut -d" " -f1 | sort -u)" = add ] &&
	[ "$(printf '%s\n' "$ev" | cut -d" " -f1,2 | sort | tr '\n' ' ')" = "add roc_sim:$mid.0 add roc_sim:$mid.1 del roc_sim:$mid.0 del roc_sim:$mid.1 " ]
}
check "roc-monitor saw two adds then two dels" mon_add_del
mon_identity() {
	[ "$(mon_events "$tmp/mon.json" | cut -d" " -f3- | sed 's/^roc[0-9]*/rocN/' | sort -u)" = "rocN 246 CRU" ]
}
check "roc-monitor events carry identity" mon_identity

"$bin/roc-monitor" --count 2 >"$tmp/mon.txt" 2>&1 &
monpid=$!
wait_subscribed "$monpid"
sim_new "$mid" crorc 77
dev=$(basename "$(card_dev "roc_sim:$mid.0")")
sim_del "$mid"
timeout 60 tail --pid="$monpid" -f /dev/null
wait "$monpid"
monpid=
check "roc-monitor text lines" \
	eval '[ "$(cat "$tmp/mon.txt")" = "add $dev CRORC 77 0 roc_sim:$mid.0
del $dev CRORC 77 0 roc_sim:$mid.0" ]'

"$bin/roc-monitor" >"$tmp/mon2.txt" 2>&1 &
monpid=$!
wait_subscribed "$monpid"
kill -TERM "$monpid"
timeout 20 tail --pid="$monpid" -f /dev/null
wait "$monpid"
mrc=$?
monpid=
check "roc-monitor exits 0 on SIGTERM" eval '[ "$mrc" = 0 ] && [ ! -s "$tmp/mon2.txt" ]'
"$bin/roc-monitor" >"$tmp/mon3.txt" 2>&1 &
monpid=$!
wait_subscribed "$monpid"
kill -INT "$monpid"
timeout 20 tail --pid="$monpid" -f /dev/null
wait "$monpid"
mrc=$?
monpid=
check "roc-monitor exits 0 on SIGINT" eval '[ "$mrc" = 0 ]'
check "roc-monitor --count 0 exits 2" status_is 2 "--count: at least 1" roc-monitor --count 0

# --- libroc itself ------------------------------------------------------------------
api_test() {
	ROC_TEST_CRU=roc_sim:$id.1 ROC_TEST_CRORC=roc_sim:$crorc_id.0 \
		"$top/build/unit/api_test" >"$tmp/api.log" 2>&1 && return 0
	grep -v '^ok' "$tmp/api.log" | sed 's/^/#   /' >&2
	return 1
}
check "libroc api_test against the simulated cards" api_test

# --- roc-fw-check ------------------------------------------------------------------------
run roc-fw-check
check "fw-check exits 0 when every firmware is accepted" rc_is 0
header=$(printf '%s\n' "$out" | head -1)
check "fw-check header columns" \
	eval '[[ "$header" =~ ^#\ +Type\ +PCI\ Addr\ +Serial\ +Endpoint\ +FW\ Hash\ +FW\ Version\ +Status$ ]]'
fw_cru=$(sysfs "$cru0" firmware)
fw_cr=$(sysfs "$cr" firmware)
check "fw-check row of CRU endpoint 1" \
	eval '[[ "$(row "roc_sim:$id.1")" =~ ^$seq_cru1\|CRU\|roc_sim:$id.1\|0245\|1\|$fw_cru\|v3.19.4\|ok$ ]]'
check "fw-check row of the C-RORC" \
	eval '[[ "$(row "roc_sim:$crorc_id.0")" =~ ^$seq_cr\|CRORC\|roc_sim:$crorc_id.0\|2942\|0\|$fw_cr\|v2.14.2\|ok$ ]]'
run roc-fw-check --id 245:1
check "fw-check --id checks one endpoint" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | wc -l)" = 2 ] && [[ "$(row "roc_sim:$id.1")" == *"|ok" ]]'
fw_json() {
	run roc-fw-check --json && rc_is 0 && json_ok &&
	[ "$(json_get "j['$seq_cr']['firmwareStatus'], j['$seq_cr']['accepted'], j['$seq_cr']['firmwareHash'], j['$seq_cru1']['firmware']")" = "ok True $fw_cr v3.19.4" ] &&
	[ "$(json_get "all(v['accepted'] for v in j.values())")" = True ]
}
check "fw-check --json" fw_json
run roc-fw-check --id "roc_sim:$id.0" --fw-list "$tmp/fw.ini"
check "fw-check --fw-list names the firmware by the file's tag" \
	eval 'rc_is 0 && [[ "$(row "roc_sim:$id.0")" == *"|custom-tag|ok" ]]'
check "fw-check with a bad --fw-list exits 1" \
	status_is 1 "unknown section [gpu]" roc-fw-check --fw-list "$tmp/bad.ini"
check "fw-check --id of an unknown card exits 1" status_is 1 'no card "999:1"' roc-fw-check --id 999:1
check "fw-check with a malformed --id exits 2" status_is 2 'out of range' roc-fw-check --id 3b:00.9

# --- roc-reset ---------------------------------------------------------------------------
run roc-reset --id 245
check "reset INTERNAL of the CRU channel" \
	eval 'rc_is 0 && out_matches "^$(basename "$cru0") \(CRU 245:0, roc_sim:$id.0\): DMA channel 0: reset INTERNAL$"'
reset_json() {
	run roc-reset --id "#$seq_cr" -c 5 --reset nothing --json && json_ok &&
	[ "$(json_get 'j["channel"], j["reset"], j["device"]')" = "5 NOTHING $cr" ]
}
check "reset NOTHING --json of C-RORC channel 5" reset_json
check "reset INTERNAL_SIU of a C-RORC channel (issue 13)" \
	eval 'run roc-reset --id 2942 -c 1 --reset INTERNAL_SIU && out_matches "DMA channel 1: reset INTERNAL_SIU$"'
check "reset INTERNAL_SIU of a CRU is refused (exit 1)" \
	status_is 1 "the card has no SIU; use --reset=INTERNAL (Operation not supported)" \
	roc-reset --id 245 --reset INTERNAL_SIU
check "reset of a CRU channel 1 exits 1" status_is 1 "no DMA channel 1 (the endpoint has 1)" roc-reset --id 245:1 -c 1
check "reset --channel 6 exits 2" status_is 2 '--channel: "6" is out of range' roc-reset --id 2942 -c 6
check "reset with a bad level exits 2" status_is 2 '--reset: unknown level "SIU"' roc-reset --id 2942 --reset SIU
# A channel held by another process (the Python binding holds it).
PYTHONPATH=$top/python "$py" -c 'import roc, sys, time
card = roc.Card(sys.argv[1]); ch = card.channel(2)
print("held", flush=True); time.sleep(60)' "roc_sim:$crorc_id.0" >"$tmp/hold.txt" 2>&1 &
holdpid=$!
for i in $(seq 300); do [ -s "$tmp/hold.txt" ] && break; sleep 0.1; done
check "reset of a busy channel exits 1 naming its holder" \
	status_is 1 "DMA channel 2 is busy: held by process $holdpid (python3" roc-reset --id 2942 -c 2
kill "$holdpid"; wait "$holdpid" 2>/dev/null
check "reset works once the holder is gone" \
	eval 'run roc-reset --id 2942 -c 2 && out_matches "DMA channel 2: reset INTERNAL$"'

# --- valgrind (ROC_TOOLS_VALGRIND=1; slow under TCG) -------------------------------------
vg() {	# vg TOOL ARGS...: no memory error, no definite leak, exit as without
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite "$bin/$@" >/dev/null 2>"$tmp/vg.err"
	vrc=$?
	err=$(cat "$tmp/vg.err")
	[ "$vrc" != 99 ]
}
if [ -n "${ROC_TOOLS_VALGRIND:-}" ] && command -v valgrind >/dev/null; then
	for cmd in "roc-reset --id 2942 -c 4" "roc-reset --id 245 --reset INTERNAL_SIU" \
		   "roc-fw-check --json" "roc-fw-check --id 999:1" \
		   "roc-reg-modify --id 2942 -a 0x300 --position 4 --width 4 --value 3" \
		   "roc-reg-read-range --id 245 -c 2 -a 0xc80000 --range 8" \
		   "roc-reg-write --id 245 -c 2 -a 0xc80004 --value 1 --json"; do
		# shellcheck disable=SC2086
		check "valgrind clean: $cmd" vg $cmd
	done
fi

# --- removal ---------------------------------------------------------------------------
sim_del "$id"
check "a removed card is not found" status_is 1 'no card "245:1"' roc-reg-read --id 245:1 -a 0
sim_del "$crorc_id"
sims=()
run roc-list-cards
check "list-cards no longer shows the cards" eval 'rc_is 0 && ! [[ "$out" == *"roc_sim:$id."* ]]'

# --- roc-bench-dma ---------------------------------------------------------------
# Fresh cards (the ones above are gone).  Errors are injected with the
# debug option --inject-error: BAR0 0x608 = 1 (by ioctl) right after DMA start,
# which makes the simulated CRU flip one word of the first page it writes.
bid=$((id + 2))
bcrorc=$((id + 3))
sim_new "$bid" cru 245
sim_new "$bcrorc" crorc 2942
udevadm settle 2>/dev/null

# json_errors FILE: the "errors" of a bench JSON summary, "bad" if invalid.
json_errors() {
	"$py" -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert d["bytes"] > 0 and d["superpages"] > 0 and d["gbits_per_s"] > 0
print(d["errors"])' "$1" 2>/dev/null || echo bad
}

bench() {
	local name=$1
	shift
	"$bin/roc-bench-dma" --no-display --json \
		--error-file "$tmp/$name-errors.txt" "$@" \
		>"$tmp/$name.json" 2>"$tmp/$name.err"
	brc=$?
	berr=$(json_errors "$tmp/$name.json")
	# shown by check() on failure
	out="exit $brc, errors $berr: $(cat "$tmp/$name.json")"
	err=$(cat "$tmp/$name.err")
}

bench cru --id "roc_sim:$bid.0" --bytes 256Mi --error-check full
check "bench-dma CRU internal 256Mi: exit 0, valid JSON, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ]'
bench crorc --id "roc_sim:$bcrorc.0" --dma-channel 0 --bytes 256Mi
check "bench-dma C-RORC channel 0 256Mi: exit 0, valid JSON, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ]'
bench ddg --id "roc_sim:$bid.0" --data-source ddg --bytes 64Mi
check "bench-dma CRU DDG 64Mi: exit 0, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ]'
bench inject --id "roc_sim:$bid.0" --bytes 256Mi --inject-error
check "bench-dma with an injected error: exit 1, errors >= 1, error file" \
	eval '[ "$brc" = 1 ] && [ "$berr" != bad ] && [ "$berr" -ge 1 ] &&
	      grep -q "expected 0x" "$tmp/inject-errors.txt"'
# The control path (issue 14): libroc uses the channel's rings when the
# kernel has them; ROC_NO_RINGS=1 and --ioctl-path force the ioctls.
json_path() {
	"$py" -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(d["control_path"], d["ring_thread"])' "$1" 2>/dev/null || echo bad
}
bench rings --id "roc_sim:$bid.0" --bytes 32Mi
check "bench-dma CRU: control path rings by default, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$(json_path "$tmp/rings.json")" = "rings False" ]'
export ROC_NO_RINGS=1
bench norings --id "roc_sim:$bid.0" --bytes 32Mi
unset ROC_NO_RINGS
check "bench-dma CRU with ROC_NO_RINGS=1: control path ioctl, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$(json_path "$tmp/norings.json")" = "ioctl False" ]'
bench ioctlpath --id "roc_sim:$bcrorc.0" --dma-channel 1 --bytes 32Mi \
	--ioctl-path
check "bench-dma C-RORC --ioctl-path: control path ioctl, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$(json_path "$tmp/ioctlpath.json")" = "ioctl False" ]'
bench thread --id "roc_sim:$bcrorc.0" --dma-channel 1 --bytes 32Mi \
	--ring-thread
check "bench-dma C-RORC --ring-thread: rings moved by a kernel thread, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$(json_path "$tmp/thread.json")" = "rings True" ]'
bench cruthread --id "roc_sim:$bid.0" --bytes 32Mi --ring-thread
check "bench-dma CRU --ring-thread: rings moved by a kernel thread, 0 errors" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$(json_path "$tmp/cruthread.json")" = "rings True" ]'
check "bench-dma --superpage-size 1000 exits 2" status_is 2 \
	"--superpage-size" roc-bench-dma --id "roc_sim:$bid.0" \
	--superpage-size 1000
check "bench-dma --time 1x exits 2" status_is 2 "--time" \
	roc-bench-dma --id "roc_sim:$bid.0" --time 1x
# the option names of o2-roc-bench-dma that scripts use
bench oldnames --id "roc_sim:$bcrorc.0" --dma-channel 2 --bytes 8Mi \
	--data-source INTERNAL --no-errorcheck --no-temperature --page-size 8Ki \
	--no-rm-pages-file
check "bench-dma --no-errorcheck --page-size 8Ki (old names): runs, check off" \
	eval '[ "$brc" = 0 ] && [ "$berr" = 0 ] &&
	      [ "$("$py" -c "import json; print(json.load(open(\"$tmp/oldnames.json\"))[\"error_check\"])")" = off ]'
bench fastcheck --id "roc_sim:$bid.0" --bytes 8Mi --fast-check
check "bench-dma --fast-check: the RDH-only check" \
	eval '[ "$brc" = 0 ] && [ "$("$py" -c "import json; print(json.load(open(\"$tmp/fastcheck.json\"))[\"error_check\"])")" = fast ]'
check "bench-dma --page-size 4Ki exits 2 (the cards write 8 KiB pages)" \
	status_is 2 "--page-size" roc-bench-dma --id "roc_sim:$bid.0" --page-size 4Ki

# SIGINT: stops DMA, prints the summary, exit 0.
"$bin/roc-bench-dma" --id "roc_sim:$bid.0" --no-display \
	--error-file "$tmp/int-errors.txt" >"$tmp/int.txt" 2>&1 &
bpid=$!
sleep 3
check "a second bench-dma on the channel names the holder" status_is 1 \
	"busy: held by process $bpid (roc-bench-dma)" roc-bench-dma \
	--id "roc_sim:$bid.0" --bytes 1Mi
kill -INT "$bpid"
timeout 30 tail --pid="$bpid" -f /dev/null
wait "$bpid"
brc=$?
check "bench-dma stops on SIGINT with a summary, exit 0" \
	eval '[ "$brc" = 0 ] && grep -q "Errors  *0" "$tmp/int.txt" &&
	      grep -q "Superpages" "$tmp/int.txt"'
# The channel is free again.
bench after --id "roc_sim:$bid.0" --bytes 16Mi
check "the channel is free after SIGINT" eval '[ "$brc" = 0 ] && [ "$berr" = 0 ]'
sim_del "$bid"
sim_del "$bcrorc"
sims=()
