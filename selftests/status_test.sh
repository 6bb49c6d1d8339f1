#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# status_test.sh - roc-status, roc-metrics and roc-pkt-monitor (build/utils)
# against a simulated CRU and C-RORC, as root inside the VM: table columns,
# JSON validity and content against sysfs and the registers (written with
# roc-reg-write, by ioctl and by mmap), link DOWN then "UP (was DOWN)" with
# the simulator's link_down knob, the ttc knob, the C-RORC lasers and
# optical power, counters that move during a short DMA run for the enabled
# links only, Prometheus text format and InfluxDB line protocol grammar,
# errors and exit codes (1 bad card, 2 bad usage).
#
# Prints TAP like tools_test.sh: the plan first, then one line per check.
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/tool_helpers.sh
. "$top/selftests/tool_helpers.sh"
bgpid=

tool_cleanup() {
	[ -n "$bgpid" ] && kill "$bgpid" 2>/dev/null && wait "$bgpid" 2>/dev/null
}

# json_get EXPR: a Python expression on the JSON "j"; sysfs(dev, attr)
# reads /sys/class/roc/<dev>/<attr>.  One python per call: they are slow
# under TCG, so each check asks everything at once.
json_get() {
	printf '%s\n' "$out" | "$py" -c "import json, sys
def sysfs(d, f): return open('/sys/class/roc/%s/%s' % (d.split('/')[-1], f)).read().strip()
j = json.load(sys.stdin)
print($1)"
}
# jtrue EXPR: the Python expression on the JSON "j" is True
jtrue() { [ "$(json_get "$1")" = True ]; }

status_is() {
	local want=$1 msg=$2
	shift 2
	run "$@"
	rc_is "$want" && [[ "$err" == *"$msg"* ]] && [[ "$err" == "$1: "* ]]
}

sysfs() { cat "/sys/class/roc/$(basename "$1")/$2"; }

# row N: the table row whose first column is N, fields joined by '|'
row() {
	printf '%s\n' "$out" | awk -F'  +' -v k="$1" '$1 == k { OFS = "|"; $1 = $1; print; exit }'
}
# kv KEY: the value of a "Key: value" line
kv() {
	printf '%s\n' "$out" | sed -n "s/^$1: *//p" | head -1
}

wreg() {	# ID BAR ADDR VALUE [--ioctl]; ADDR in any shell arithmetic form
	"$bin/roc-reg-write" --id "$1" -c "$2" -a "$(printf 0x%x $(($3)))" \
		--value "$4" --noread ${5:+"$5"}
}

id=$((700 + RANDOM % 90))
cid=$((id + 1))
sim_new "$id" cru 345
sim_new "$cid" crorc 3942
udevadm settle 2>/dev/null
cru0=$(card_dev "roc_sim:$id.0")
cru1=$(card_dev "roc_sim:$id.1")
cr=$(card_dev "roc_sim:$cid.0")
dfs=/sys/kernel/debug/roc_sim/roc_sim$id
cdfs=/sys/kernel/debug/roc_sim/roc_sim$cid
check "simulated cards created" test -c "$cru0" -a -c "$cru1" -a -c "$cr" -a -d "$dfs"

# --- help, version, bad usage ------------------------------------------------
for t in roc-status roc-metrics roc-pkt-monitor; do
	run "$t" --help
	check "$t --help" eval 'rc_is 0 && out_matches "^Usage: $t "'
	check "$t --bogus exits 2" status_is 2 "unknown option '--bogus'" "$t" --bogus
done
check "roc-status --format xml exits 2" status_is 2 '"xml" is not table, json' roc-status --id 345 --format xml
check "roc-status without --id exits 2" status_is 2 "no card given (--id)" roc-status
check "roc-pkt-monitor without --id exits 2" status_is 2 "no card given (--id)" roc-pkt-monitor
check "roc-status --links 0-x exits 2" status_is 2 'link list "0-x": bad item' roc-status --id 345 --links 0-x
# one link-list parser (libroc's) for every tool: "all" in any case, blanks
run roc-status --id 345:1 --links ALL
check "roc-status --links ALL shows the 12 links" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | grep -cE "^[0-9]+ ")" = 12 ]'
run roc-status --id 3942 --links " 1, 3"
check "roc-status --links \" 1, 3\" shows links 1 and 3" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | awk -F"  +" "/^[0-9]/ {print \$1}" | tr "\n" " ")" = "1 3 " ]'
check "roc-status --links 12 on a CRU exits 2" status_is 2 "has links 0-11" roc-status --id 345 --links 12
check "roc-status --links 6 on a C-RORC exits 2" status_is 2 "has links 0-5" roc-status --id 3942 --links 6
check "roc-pkt-monitor --interval 0 exits 2" status_is 2 "--interval" roc-pkt-monitor --id 345 --interval 0
check "malformed card ID exits 2" status_is 2 'PCI function "9" out of range' roc-status --id 3b:00.9
check "roc-status: unknown card exits 1 naming it" status_is 1 'no card "999:1"' roc-status --id 999:1
check "roc-metrics: unknown card exits 1 naming it" status_is 1 'no card "999:1"' roc-metrics --id 999:1
check "roc-pkt-monitor: unknown card exits 1 naming it" status_is 1 'no card "#9999"' roc-pkt-monitor --id '#9999'

# --- roc-status, CRU -----------------------------------------------------------
run roc-status --id 345:1
hdr=$(printf '%s\n' "$out" | grep '^Link ')
check "status CRU: exit 0 and the link columns" \
	eval 'rc_is 0 && [[ "$hdr" =~ ^Link\ +GBT\ Mode\ Tx/Rx\ +Loopback\ +GBT\ MUX\ +Datapath\ Mode\ +Datapath\ Status\ +RX\ Freq\ \(MHz\)\ +TX\ Freq\ \(MHz\)\ +Status\ +System\ ID\ +FEE\ ID\ +Accepted\ +Rejected\ +Forced\ +FEC\ +Optical\ Power\ \(uW\)$ ]]'
check "status CRU: header names the card, clocks, DMA" \
	eval '[[ "$(kv Card)" == "$(basename "$cru1") (CRU 345:1, roc_sim:$id.1)" ]] && [ "$(kv Clock)" = TTC ] &&
	      [ "$(kv "CTP clock")" = "240.474 MHz" ] && [ "$(kv "Local clock")" = "240.474 MHz" ] && [ "$(kv DMA)" = disabled ]'
check "status CRU: 12 links, all UP, enabled, 240.474 MHz" \
	eval '[ "$(printf "%s\n" "$out" | grep -cE "^[0-9]+ +GBT/GBT +off +TTC:CTP +streaming +enabled +240\.474 +240\.474 +UP +0x00 +0x0000 +0 +0 +0 +0x0 +[0-9]+\.[0-9]$")" = 12 ]'
run roc-status --id 345:1 --links 0,3-4
check "status --links 0,3-4 shows those links" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | awk -F"  +" "/^[0-9]/ {print \$1}" | tr "\n" " ")" = "0 3 4 " ]'

# configuration registers written, read back through the status (2.2-2.4)
dw0=0x600000
wreg 345 2 0x18 $((0x2a5 << 16))			# CRU ID 0x2a5
wreg 345 2 0x200000 $(((1 << 16) | 2)) --ioctl		# LOCAL clock, PATTERN
wreg 345 2 0x1c $((1 << 8 | 4 << 12))			# link 2 DDG, link 3 UL
wreg 345 2 $((dw0 + 0x40000 + 0x2000 * 2)) $((1 << 31 | 0x1fc))	# link 2 packet
wreg 345 2 $((dw0 + 0x40000 + 0x2000 * 2 + 4)) $((0x17 << 16 | 0xbeef))
wreg 345 2 $((0x400000 + 0x40000 + 0x2000 * 2 + 0x2c)) 0x100	# link 3 TX WB
wreg 345 2 $((0x400000 + 0x40000 + 0x2000 * 2 + 0x30)) 0x10	# link 3 loopback
wreg 345 2 $dw0 $((0xffe | 1 << 31 | 1 << 15))		# link 0 off, dyn offset, UL
wreg 345 2 $((dw0 + 0x38)) 1				# drop bad RDH
wreg 345 2 0x100014 $((0x33 << 16))			# system ID
run roc-status --id 345 --json
check "status CRU --json: valid, identity agrees with sysfs" jtrue \
	"j['card'] == {'type': 'CRU', 'device': '$cru0', 'pciAddress': sysfs('$cru0', 'pci_address'),
	               'serial': int(sysfs('$cru0', 'serial')), 'endpoint': int(sysfs('$cru0', 'endpoint'))}"
check "status CRU --json reads the configuration registers back" jtrue \
	"[j[k] for k in ('cruId', 'clock', 'downstreamData', 'dynamicOffset', 'userLogic', 'dropBadRdh', 'systemId')] == [0x2a5, 'LOCAL', 1, 1, 1, 1, 0x33]"
check "status CRU --json per-link configuration" jtrue \
	"[(l['gbtMux'], l['datapathMode'], l['enabled'], l['systemId'], l['feeId']) for l in j['links'][:3]] ==
	 [('TTC:PATTERN', 'streaming', False, 0, 0), ('TTC:PATTERN', 'streaming', True, 0, 0), ('DDG', 'packet', True, 23, 0xbeef)]
	 and [j['links'][3][k] for k in ('gbtMux', 'gbtModeTx', 'gbtModeRx', 'loopback')] == ['UL', 'WB', 'GBT', True]"
check "status CRU --json temperature matches the sensor knob" jtrue \
	"abs(j['temperature'] * 1000 - $(cat "$dfs/temperature")) < 1000"
wreg 345 2 $dw0 0xfff --ioctl
wreg 345 2 0x200000 0 --ioctl

# --- the FEC counter of a link (P2-4.4: GBT link +0x1C) --------------------------
fec=$((0x500000 + 0x20000 * 2 + 0x2000 * 3))	# endpoint 1, link 5
wreg 345:1 2 $((fec + 0x1c)) 0x2a --ioctl
run roc-status --id 345:1 --links 4-5
check "status CRU: FEC column in hex, the link's own counter" \
	eval '[ "$(row 5 | cut -d"|" -f15)" = 0x2a ] && [ "$(row 4 | cut -d"|" -f15)" = 0x0 ]'
run roc-status --id 345:1 --links 4-5 --json
check "status CRU --json: fecCounter per link" jtrue \
	"[l['fecCounter'] for l in j['links']] == [0, 42]"
run roc-status --id 345:1 --links 5 --format prometheus
check "status --format prometheus: roc_link_fec_errors_total" \
	eval 'rc_is 0 && printf "%s\n" "$out" | grep -q "^roc_link_fec_errors_total{.*,link=\"5\"} 42$"'
wreg 345:1 2 $((fec + 0x30)) 0x40	# bit 6: reset the error counters (mmap)
sleep 0.2
run roc-status --id 345:1 --links 5 --json
check "link +0x30 bit 6 clears the FEC counter" jtrue "j['links'][0]['fecCounter'] == 0"
run roc-status --id 3942 --json
check "status C-RORC --json: no fecCounter" jtrue "all('fecCounter' not in l for l in j['links'])"

# --- link down, UP (was DOWN) --------------------------------------------------
echo 0x5 >"$dfs/ep1/link_down"
run roc-status --id 345:1 --links 0-3
check "link_down 0x5: links 0 and 2 DOWN, RX clock 0" \
	eval '[ "$(row 0 | cut -d"|" -f7,9)" = "0.000|DOWN" ] && [ "$(row 1 | cut -d"|" -f9)" = UP ] &&
	      [ "$(row 2 | cut -d"|" -f9)" = DOWN ] && [ "$(row 3 | cut -d"|" -f9)" = UP ]'
check "the other endpoint's links stay UP" \
	eval 'run roc-status --id 345:0 --links 0 --json && jtrue "j[\"links\"][0][\"status\"] == \"UP\""'
echo 0 >"$dfs/ep1/link_down"
run roc-status --id 345:1 --links 0-3 --no-clear
check "back up, --no-clear: UP (was DOWN)" \
	eval '[ "$(row 0 | cut -d"|" -f7,9)" = "240.474|UP (was DOWN)" ] && [ "$(row 2 | cut -d"|" -f9)" = "UP (was DOWN)" ] &&
	      [ "$(row 1 | cut -d"|" -f9)" = UP ]'
run roc-status --id 345:1 --links 0-3
check "back up: UP (was DOWN) once, clearing the sticky bit" \
	eval '[ "$(row 0 | cut -d"|" -f9)" = "UP (was DOWN)" ] && [ "$(row 2 | cut -d"|" -f9)" = "UP (was DOWN)" ]'
run roc-status --id 345:1 --links 0-3
check "then UP" eval '[ "$(row 0 | cut -d"|" -f9)" = UP ] && [ "$(row 2 | cut -d"|" -f9)" = UP ]'
gbt=$((0x500000 + 0x20000 + 0x2000))	# endpoint 1, link 0
check "the sticky bits are set again in the register" \
	eval '[ $(( $("$bin/roc-reg-read" --id 345:1 -c 2 -a $(printf 0x%x $gbt)) & 0xec00 )) = $((0xec00)) ]'

# --- C-RORC --------------------------------------------------------------------
wreg 3942 0 0xd0 0 --ioctl
run roc-status --id 3942
hdr=$(printf '%s\n' "$out" | grep '^Link ')
check "status C-RORC: columns, QSFP off, power 0" \
	eval 'rc_is 0 && [[ "$hdr" =~ ^Link\ +Status\ +Optical\ Power\ \(uW\)\ +ACQ\ Rate\ +Packets\ Received\ +DDL$ ]] &&
	      [ "$(kv QSFP)" = disabled ] && [ "$(row 0)" = "0|UP|0.0|0|0|up" ] && [ "$(row 5)" = "5|UP|0.0|0|0|up" ]'
wreg 3942 0 0xd0 0x80		# by mmap: applied by the simulator's housekeeping
wreg 3942 0 0x1f0 $((0x2a << 4 | 1))
wreg 3942 0 0x1f4 $((1 << 12 | 0x100))
echo 0x2 >"$cdfs/ep0/link_down"
sleep 0.3
run roc-status --id 3942 --json
crorc_json() {
	jtrue "[j[k] for k in ('qsfp', 'crorcId', 'dynamicOffset', 'timeFrameDetection', 'timeFrameLength')] == [1, 42, 1, 1, 256]
	       and [l['status'] for l in j['links']] == ['UP', 'DOWN', 'UP', 'UP', 'UP', 'UP']
	       and all(100 < l['opticalPowerUw'] < 2000 for i, l in enumerate(j['links']) if i != 1)
	       and j['links'][1]['opticalPowerUw'] == 0
	       and j['card']['device'] == '$cr' and str(j['card']['serial']) == sysfs('$cr', 'serial')"
}
check "status C-RORC --json: lasers on by mmap write, IDs, TF, link 1 DOWN" crorc_json
check "C-RORC CHANNEL_CSR bit 13 of the down link" \
	eval '[ $(( $("$bin/roc-reg-read" --id 3942 -c 1 -a 0x10) >> 13 & 1 )) = 1 ] &&
	      [ $(( $("$bin/roc-reg-read" --id 3942 -c 2 -a 0x10) >> 13 & 1 )) = 0 ]'
echo 0 >"$cdfs/ep0/link_down"

# --- roc-metrics ---------------------------------------------------------------
echo 0 >"$dfs/ttc"
run roc-metrics
check "metrics: columns" \
	eval 'rc_is 0 && [[ "$(printf "%s\n" "$out" | head -1)" =~ ^#\ +Type\ +PCI\ Addr\ +Serial\ +Endpoint\ +Temp\ \(C\)\ +Dropped\ Packets\ +CTP\ Clock\ \(MHz\)\ +Local\ Clock\ \(MHz\)\ +Total\ Packets/s$ ]]'
mrow() { printf '%s\n' "$out" | awk -F'  +' -v a="$1" '$3 == a { OFS = "|"; $1 = $1; print }' | cut -d'|' -f2-; }
check "metrics: CRU rows, CTP clock 0 without TTC" \
	eval '[[ "$(mrow "roc_sim:$id.0")" =~ ^CRU\|roc_sim:$id\.0\|0345\|0\|[0-9]+\.[0-9]\|0\|0\.000\|240\.474\|0$ ]] &&
	      [[ "$(mrow "roc_sim:$id.1")" =~ ^CRU\|roc_sim:$id\.1\|0345\|1\| ]]'
check "metrics: C-RORC row, with the columns that apply" \
	eval '[ "$(mrow "roc_sim:$cid.0")" = "CRORC|roc_sim:$cid.0|3942|0|-|-|-|-|0" ]'
echo 1 >"$dfs/ttc"
run roc-metrics --json
metrics_json() {
	jtrue "all(v['pciAddress'] == sysfs(v['device'], 'pci_address') and str(v['endpoint']) == sysfs(v['device'], 'endpoint')
	           and str(v['serial']) == sysfs(v['device'], 'serial') for v in j.values())
	       and [(v['ctpClock'], v['localClock']) for v in j.values() if v['pciAddress'] == 'roc_sim:$id.0'] == [(240.474, 240.474)]
	       and [(v['temperature'], v['ctpClock'], v['type']) for v in j.values() if v['pciAddress'] == 'roc_sim:$cid.0'] == [(None, None, 'CRORC')]"
}
check "metrics --json agrees with sysfs, nulls for the C-RORC" metrics_json
run roc-metrics --id 345:1
check "metrics --id shows one endpoint" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | wc -l)" = 2 ] && [ -n "$(mrow "roc_sim:$id.1")" ]'

# Prometheus text format 0.0.4: HELP and TYPE once per family, before its
# samples; names and labels well formed; counters end in _total.
prom_ok() {	# FILE...
	"$py" -c '
import re, sys
name = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
lab = r"[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\n]|\\[\\\"n])*\""
sample = re.compile(r"^(%s)(\{(%s(,%s)*)?\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$" % (name, lab, lab))
for f in sys.argv[1:]:
  types, helps, seen = {}, set(), set()
  for line in open(f).read().splitlines():
      m = re.match(r"^# (HELP|TYPE) (%s) (.*)$" % name, line)
      if m:
          kind, n, rest = m.groups()
          if kind == "TYPE":
              assert n not in types and n not in seen, "TYPE twice or late: " + n
              assert rest in ("gauge", "counter"), line
              types[n] = rest
          else:
              assert n not in helps, "HELP twice: " + n
              helps.add(n)
          continue
      m = sample.match(line)
      assert m, "bad line: " + line
      n = m.group(1)
      assert n in types, "sample before TYPE: " + n
      assert n.startswith("roc_"), n
      assert types[n] != "counter" or n.endswith("_total"), n
      for l in ("card", "serial", "endpoint", "pci_address"):
          assert (l + "=\"") in line, line
      seen.add(n)
  assert seen, "no samples in " + f
' "$@"
}
run roc-metrics --format prometheus
prc=$rc
printf '%s\n' "$out" >"$tmp/metrics.prom"
check "metrics prometheus: CTP clock of the CRU" \
	eval 'printf "%s\n" "$out" | grep -qx "roc_card_ctp_clock_hz{card=\"$(basename "$cru0")\",type=\"CRU\",serial=\"345\",endpoint=\"0\",pci_address=\"roc_sim:$id.0\"} 240474000"'
run roc-status --id 345 --format prometheus
check "status --format prometheus: per-link metrics" \
	eval 'rc_is 0 && printf "%s\n" "$out" | grep -q "^roc_link_up{.*,link=\"11\"} 1$"'
prc=$((prc | rc))
printf '%s\n' "$out" >"$tmp/status.prom"
run roc-pkt-monitor --id 3942 --format prometheus
prc=$((prc | rc))
printf '%s\n' "$out" >"$tmp/pkt.prom"
check "Prometheus output of metrics, status, pkt-monitor parses" \
	eval '[ "$prc" = 0 ] && prom_ok "$tmp/metrics.prom" "$tmp/status.prom" "$tmp/pkt.prom"'

# InfluxDB line protocol: measurement[,tag=v...] field=v[,field=v...] ts
influx_ok() {	# FILE...
	"$py" -c '
import re, sys
key = r"[A-Za-z_][A-Za-z0-9_]*"
tagv = r"(?:[^ ,=\\]|\\[ ,=\\])+"
val = r"(?:-?[0-9]+i|-?[0-9.]+(?:[eE][+-]?[0-9]+)?)"
line_re = re.compile(r"^roc_%s(,%s=%s)+ %s=%s(,%s=%s)* [0-9]{19}$" % (key, key, tagv, key, val, key, val))
for f in sys.argv[1:]:
    lines = open(f).read().splitlines()
    assert lines, "no lines in " + f
    for l in lines:
        assert line_re.match(l), "bad line: " + l
' "$@"
}
run roc-metrics --format influx
irc=$rc
printf '%s\n' "$out" >"$tmp/metrics.influx"
run roc-status --id 3942 --format influx
irc=$((irc | rc))
printf '%s\n' "$out" >"$tmp/status.influx"
run roc-pkt-monitor --id 345 --format influx
irc=$((irc | rc))
printf '%s\n' "$out" >"$tmp/pkt.influx"
run roc-metrics --monitoring
irc=$((irc | rc))
printf '%s\n' "$out" >"$tmp/metrics-monitoring.influx"
run roc-status --id 3942 --monitoring
irc=$((irc | rc))
printf '%s\n' "$out" >"$tmp/status-monitoring.influx"
check "InfluxDB line protocol of metrics, status, pkt-monitor (and the old --monitoring)" \
	eval '[ "$irc" = 0 ] && influx_ok "$tmp/metrics.influx" "$tmp/status.influx" "$tmp/pkt.influx" \
	      "$tmp/metrics-monitoring.influx" "$tmp/status-monitoring.influx" &&
	      [ "$(cut -d" " -f1 "$tmp/status-monitoring.influx")" = "$(cut -d" " -f1 "$tmp/status.influx")" ]'

# --- counters during DMA ------------------------------------------------------------
# wait_reg ID BAR ADDR MASK: until the register has a bit of MASK set (30 s)
wait_reg() {
	local i v
	for i in $(seq 150); do
		v=$("$bin/roc-reg-read" --id "$1" -c "$2" -a "$3" 2>/dev/null) &&
			(( v & $4 )) && return 0
		sleep 0.2
	done
	return 1
}
# stop_bench: SIGINT the background bench-dma, $brc its exit status
stop_bench() {
	kill -INT "$bgpid"
	wait "$bgpid"
	brc=$?
	bgpid=
}

# CRU endpoint 0 with links 0-5 enabled only; DDG data goes through the
# datapath wrapper.  The bench runs until stopped, whatever the load.
wreg 345 2 $dw0 0x3f --ioctl
run roc-pkt-monitor --id 345 --json
before=$(json_get '[l["accepted"] for l in j["links"]]')
"$bin/roc-bench-dma" --id 345:0 --data-source ddg --error-check off \
	--buffer-size 32Mi --no-display >"$tmp/bench.txt" 2>&1 &
bgpid=$!
wait_reg 345:0 2 0x18 1		# data taking (BSP_USER_CONTROL bit 0)
sleep 1.2			# a whole packets-per-second window of data
run roc-status --id 345 --json
dma_on=$(json_get 'j["dataTaking"]')
run roc-pkt-monitor --id 345 --json --count 3 --interval 0.4
during=$out
stop_bench
check "bench-dma DDG on the CRU ran" eval '[ "$brc" = 0 ]'
check "status shows data taking during DMA" eval '[ "$dma_on" = 1 ]'
out=$during
pps_ok() {
	printf '%s\n' "$out" | "$py" -c '
import json, sys
s = [json.loads(l) for l in sys.stdin.read().splitlines()]
assert len(s) == 3, len(s)
assert all(x["wrapper"]["totalPacketsPerSecond"] > 0 for x in s), s
assert s[2]["links"][0]["accepted"] > s[0]["links"][0]["accepted"]
'
}
check "pkt-monitor --count 3: JSON lines, counters and packets/s moving during DMA" pps_ok
run roc-pkt-monitor --id 345 --json
after=$(json_get '[l["accepted"] for l in j["links"]]')
moved_ok() {
	"$py" -c "
b, a = $before, $after
assert all(a[i] > b[i] for i in range(6)), (b, a)
assert all(a[i] == b[i] for i in range(6, 12)), (b, a)
"
}
check "accepted moved on enabled links 0-5 only" moved_ok
run roc-pkt-monitor --id 345
check "pkt-monitor CRU table: links then wrapper" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | head -1)" = "Link  Accepted  Rejected  Forced" ] &&
	      printf "%s\n" "$out" | grep -qE "^Wrapper +Dropped +Total Packets/s$" && [ "$(row 11 | cut -d"|" -f2)" = 0 ]'
check "packets per second back to 0 after DMA" \
	eval 'sleep 2.2; run roc-pkt-monitor --id 345 --json && jtrue "j[\"wrapper\"][\"totalPacketsPerSecond\"] == 0"'

"$bin/roc-bench-dma" --id 3942 --dma-channel 2 --error-check off \
	--buffer-size 32Mi --no-display >"$tmp/bench2.txt" 2>&1 &
bgpid=$!
wait_reg 3942 2 0x54 0xffffffff	# PKTS_RECEIVED of channel 2
sleep 1.2
run roc-pkt-monitor --id 3942 --json
stop_bench
crorc_dma_ok() {
	[ "$brc" = 0 ] &&
	jtrue '[(c["acqRate"] > 0, c["packetsReceived"] > 0) for c in j["channels"]] == [(False, False)] * 2 + [(True, True)] + [(False, False)] * 3'
}
check "C-RORC channel 2 DMA: ACQ rate and packets received of channel 2 only" crorc_dma_ok
run roc-pkt-monitor --id 3942
check "pkt-monitor C-RORC table" \
	eval 'rc_is 0 && [ "$(printf "%s\n" "$out" | head -1)" = "Channel  ACQ Rate  Packets Received" ] && [ "$(row 0)" = "0|0|0" ]'
