#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# config_test.sh - roc-config against simulated cards, as root inside the
# VM: on both endpoints of a CRU and on a C-RORC, --gen-cfg-file then
# applying it changes nothing (registers dumped with roc-reg-read before and
# after); applying a changed INI file writes exactly the registers of the
# changed settings, with the encodings of docs/hardware.md 2.2-2.4 and 4.1; a
# second apply changes nothing; --force rewrites; --dry-run writes nothing;
# the CRU ID keeps BSP_USER_CONTROL bit 0; refused while DMA runs; bad INI
# files exit 1 naming file and line; bad options exit 2; --json.
#
# Prints TAP: the plan "1..N" first, then one "ok N name" / "not ok N name"
# per check (buffered until the end, so that the plan can come first).
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/tool_helpers.sh
. "$top/selftests/tool_helpers.sh"

tool_cleanup() {
	[ -n "${bpid:-}" ] && kill -INT "$bpid" 2>/dev/null && wait "$bpid"
}

# lines of $out matching a regex
out_count() {
	local l c=0
	while IFS= read -r l; do [[ $l =~ $1 ]] && c=$((c + 1)); done <<<"$out"
	echo "$c"
}

status_is() {
	local want=$1 msg=$2
	shift 2
	run "$@"
	rc_is "$want" && err_has "$msg" && [[ "$err" == "$1: "* ]]
}

rd() {	# DEV BAR ADDR -> 0xvalue
	"$bin/roc-reg-read" --id "$1" -c "$2" -a "$3"
}
wr() {	# DEV BAR ADDR VALUE
	"$bin/roc-reg-write" --id "$1" -c "$2" -a "$3" --value "$4" --noread >/dev/null
}

# Register dumps, with one process each (a process start costs about half
# a second in a loaded TCG guest): ROC_REG_BATCH reads straight from the
# uapi, independent of libroc.  dump DEV FILE REGS: "BAR:0xADDR=0xVALUE".
cat >"$tmp/dump.py" <<'PY'
import ctypes, fcntl, os, struct, sys
dev, regs = sys.argv[1], sys.argv[2].split()
ops = ctypes.create_string_buffer(24 * len(regs))
for i, r in enumerate(regs):
    bar, addr = r.split(":")
    struct.pack_into("6I", ops, 24 * i, 0, int(bar), int(addr, 16), 0, 0, 0)
batch = bytearray(struct.pack("4IQ", 24, 0, len(regs), 0, ctypes.addressof(ops)))
fd = os.open(dev, os.O_RDONLY)
fcntl.ioctl(fd, 0xC502, batch)  # ROC_REG_BATCH = _IO(0xC5, 0x02)
for i, r in enumerate(regs):
    print("%s=0x%08x" % (r, struct.unpack_from("6I", ops, 24 * i)[3]))
PY
dump() { "$py" -S "$tmp/dump.py" "$1" "$3" >"$2"; }

# --- the registers roc-config writes (docs/hardware.md 2.2-2.4) -------------
# printf -v: no subshell per register
dw() { printf -v "$1" '0x%x' $((0x600000 + 0x100000 * $2 + $3)); }	# VAR EP OFF
dwlink() { printf -v "$1" '0x%x' $((0x600000 + 0x100000 * $2 + 0x40000 + 0x2000 * $3 + $4)); }
gbt() {	# VAR EP LINK OFF: wrapper + 0x20000 (bank + 1) + 0x2000 (index + 1)
	printf -v "$1" '0x%x' $((0x400000 + 0x100000 * $2 + 0x20000 * ($3 % 2 + 1) +
				0x2000 * ($3 / 2 + 1) + $4))
}

# The registers of a CRU endpoint: "BAR:ADDR" words in $regs.
cru_regs() {
	local ep=$1 l a b c d e
	regs="2:0x18 2:0x1c 2:0x20 2:0x24 2:0x100014 2:0x200000 2:0x220000 0:0xc00"
	for l in 0 4 0x34 0x38 0xc0000; do
		dw a "$ep" "$l"
		regs+=" 2:$a"
	done
	for l in $(seq 0 11); do
		dwlink a "$ep" "$l" 0; dwlink b "$ep" "$l" 4
		gbt c "$ep" "$l" 0x2c; gbt d "$ep" "$l" 0x30; gbt e "$ep" "$l" 0x3c
		regs+=" 2:$a 2:$b 2:$c 2:$d 2:$e"
	done
}

# changed_ok BEFORE AFTER EXPECTED: every register of AFTER has its value
# of EXPECTED ("BAR:ADDR=VALUE" lines) if listed there, else that of BEFORE.
changed_ok() {
	local reg val want ok=0
	declare -A exp before
	while IFS== read -r reg val; do exp[$reg]=$val; done <"$3"
	while IFS== read -r reg val; do before[$reg]=$val; done <"$1"
	while IFS== read -r reg val; do
		want=${exp[$reg]:-${before[$reg]}}
		if [ "$((val))" != "$((want))" ]; then
			echo "# $reg = $val, expected $want (before ${before[$reg]})" >&2
			ok=1
		fi
	done <"$2"
	return $ok
}

id=$((700 + RANDOM % 90))
crorc_id=$((id + 1))
sim_new "$id" cru 1245
sim_new "$crorc_id" crorc 2943
udevadm settle 2>/dev/null
cru0=$(card_dev "roc_sim:$id.0")
cru1=$(card_dev "roc_sim:$id.1")
cr=$(card_dev "roc_sim:$crorc_id.0")
check "simulated cards created" test -c "$cru0" -a -c "$cru1" -a -c "$cr"
c0=${cru0#/dev/}
c1=${cru1#/dev/}
ccr=${cr#/dev/}

cat >"$tmp/changed.ini" <<'EOF'
; every [cru] setting changed from a fresh simulated CRU
[cru]
clock = local
downstreamData = MIDTRG
cruId = 0xabc
systemId = 0x42
triggerWindowSize = 1234
dynamicOffset = true
userLogicEnabled = true
runStatsEnabled = true
userAndCommonLogicEnabled = true
dropBadRdhEnabled = true
allowRejection = true
datapathMode = packet
gbtMode = WB
loopback = true
timeFrameLength = 0x80
ponUpstream = true
gbtEnabled = true

[links]
enabled = true
gbtMux = DDG
feeId = 0x10

[link3]
enabled = false
gbtMux = SWT
feeId = 0x33

[crorc]
crorcId = 0x5a
EOF

# expected_cru EP: the registers after changed.ini on a fresh endpoint
expected_cru() {
	local ep=$1 l fee a b c d e
	if [ "$ep" = 0 ]; then
		echo 2:0x1c=0x11112111 2:0x20=0x00001111
		dw a 0 0; echo "2:$a=0xc000aff7"	# links but 3, UL, RS ep0, UL+CL, dyn
	else
		echo 2:0x20=0x21110000 2:0x24=0x11111111
		dw a 1 0; echo "2:$a=0xc000cff7"
	fi
	echo 2:0x18=0x0abc0000 2:0x100014=0x00420000 2:0x200000=0x00020002
	echo 2:0x220000=0x0 0:0xc00=0x08000000
	dw a "$ep" 0x34; dw b "$ep" 0x38; dw c "$ep" 0xc0000
	echo "2:$a=0x4d2 2:$b=0x1 2:$c=0x1"
	for l in $(seq 0 11); do
		fee=0x00420010
		[ "$l" = 3 ] && fee=0x00420033
		dwlink a "$ep" "$l" 0; dwlink b "$ep" "$l" 4
		gbt c "$ep" "$l" 0x2c; gbt d "$ep" "$l" 0x30; gbt e "$ep" "$l" 0x3c
		echo "2:$a=0x800001fc 2:$b=$fee 2:$c=0x100 2:$d=0x10 2:$e=0x100"
	done
}

for ep in 0 1; do
	dev=$cru0 cname=$c0
	[ "$ep" = 1 ] && dev=$cru1 cname=$c1
	# The PLLs are the card's: ep0's change of the clock is ep1's too.
	[ "$ep" = 1 ] && "$bin/roc-config" --id "$dev" --clock ttc >/dev/null 2>&1
	cru_regs "$ep"
	# a value the clock change must overwrite with 0
	wr "$dev" 2 0x220000 1

	# --- round trip of the fresh state ---
	run roc-config --id "$dev" --gen-cfg-file "$tmp/gen$ep.ini"
	check "ep$ep: --gen-cfg-file writes [cru] and [links], names what it leaves out" eval \
		'rc_is 0 && grep -q "^\[links\]" "$tmp/gen$ep.ini" && grep -q "^clock = ttc" "$tmp/gen$ep.ini" &&
		 err_has "leaves out (no register, or no valid value in it): ponUpstream, onuAddress, timeFrameLength"'
	dump "$dev" "$tmp/before" "$regs"
	run roc-config --id "$dev" --config-uri "ini://$tmp/gen$ep.ini"
	dump "$dev" "$tmp/after" "$regs"
	check "ep$ep: applying the generated file: nothing to change" eval \
		'rc_is 0 && [ "$out" = "$cname: nothing to change" ]'
	check "ep$ep: ... and none of the 73 registers dumped changed" eval \
		'[ "$(grep -c = "$tmp/after")" = 73 ] && cmp -s "$tmp/before" "$tmp/after"'

	# --- a changed file ---
	run roc-config --id "$dev" --config-uri "$tmp/changed.ini"
	dump "$dev" "$tmp/after" "$regs"
	check "ep$ep: changed INI: exit 0, 86 lines (85 changes, ponUpstream)" eval \
		'rc_is 0 && [ "$(out_count " -> ")" = 86 ]'
	check "ep$ep: change lines: clock, cruId, link3.gbtMux, TF length" eval \
		'out_has "$cname cru.clock: ttc -> local" && out_has "$cname cru.cruId: 0x0 -> 0xabc" &&
		 out_has "$cname link3.gbtMux: TTC -> SWT" && out_has "$cname link3.enabled: true -> false" &&
		 out_has "$cname cru.timeFrameLength: ? -> 128"'
	check "ep$ep: ponUpstream: not a register; without the TTC clock no PON upstream" eval \
		'out_has "$cname cru.ponUpstream: ? -> true (not a register: applied by the PON setup)" &&
		 err_has "ponUpstream needs the TTC clock: the PON upstream is not set up"'
	expected_cru "$ep" | tr ' ' '\n' >"$tmp/expected"
	check "ep$ep: exactly the registers of the changes, with 2.2-2.4 encodings" \
		changed_ok "$tmp/before" "$tmp/after" "$tmp/expected"

	cp "$tmp/after" "$tmp/before"
	run roc-config --id "$dev" --config-uri "$tmp/changed.ini"
	if [ "$ep" = 0 ]; then
		dump "$dev" "$tmp/after" "$regs"
		check "ep$ep: second apply: nothing to change, no register changed" eval \
			'rc_is 0 && out_has "$cname: nothing to change" && [ "$(out_count " -> ")" = 1 ] &&
			 cmp -s "$tmp/before" "$tmp/after"'
	else
		check "ep$ep: second apply: nothing to change" eval \
			'rc_is 0 && out_has "$cname: nothing to change" && [ "$(out_count " -> ")" = 1 ]'
	fi

	# the generated file of a changed state (ep0; ep1 is the same code)
	[ "$ep" = 1 ] && continue
	run roc-config --id "$dev" --gen-cfg-file "$tmp/gen$ep.ini"
	run roc-config --id "$dev" --config-uri "$tmp/gen$ep.ini"
	check "ep$ep: generated file of the changed state: nothing to change" eval \
		'rc_is 0 && [ "$out" = "$cname: nothing to change" ] &&
		 grep -q "^cruId = 0xabc" "$tmp/gen$ep.ini" && grep -q "^\[link3\]" "$tmp/gen$ep.ini"'
done

dev=$cru0
cru_regs 0
wr "$dev" 2 0x220000 1
run roc-config --id "$dev" --config-uri "$tmp/changed.ini" --force
check "--force rewrites every setting (96 forced)" eval \
	'rc_is 0 && [ "$(out_count "\(forced\)$")" = 96 ] && [ "$(rd "$dev" 2 0x220000)" = 0x00000000 ]'

dump "$dev" "$tmp/before" "$regs"
run roc-config --id "$dev" --clock ttc --dry-run
dump "$dev" "$tmp/after" "$regs"
check "--dry-run prints the change, writes nothing" eval \
	'rc_is 0 && out_has "$c0 cru.clock: local -> ttc" && out_has "$c0: dry run: 1 change not written" &&
	 cmp -s "$tmp/before" "$tmp/after"'

# --- options ------------------------------------------------------------------
dump "$cru0" "$tmp/before" "$regs"
run roc-config --id "$cru0" --links 0-2,5 --gbtmux TTCUP --fee-id 0x77 --system-id 0x5 \
	--datapathmode streaming --trigger-window-size 99 --tf-length 200
dump "$cru0" "$tmp/after" "$regs"
{
	dw a 0 0; echo "2:$a=0xc000a027"	# links 0-2,5
	echo 2:0x1c=0x11312333 2:0x100014=0x00050000 0:0xc00=0x0c800000
	dw a 0 0x34; echo "2:$a=0x63"
	for l in $(seq 0 11); do
		case $l in
		0|1|2|5) fee=0x00050077 ;;
		3) fee=0x00050033 ;;
		*) fee=0x00050010 ;;
		esac
		dwlink a 0 "$l" 0; dwlink b 0 "$l" 4
		echo "2:$a=0x1fc 2:$b=$fee"
	done
} | tr ' ' '\n' >"$tmp/expected"
check "options: exit 0, 42 changes" eval 'rc_is 0 && [ "$(out_count " -> ")" = 42 ]'
check "options: --links enables exactly 0-2,5, --gbtmux/--fee-id go to them, streaming keeps RAWMAXLEN" \
	changed_ok "$tmp/before" "$tmp/after" "$tmp/expected"
run roc-config --id "$cru0" --links 0-2,5 --gbtmux TTCUP --fee-id 0x77 --system-id 0x5 \
	--datapathmode streaming --trigger-window-size 99 --tf-length 200 --json
check "options again with --json: valid JSON, no change" eval \
	'rc_is 0 && printf "%s" "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); c=j[\"cards\"][0]; assert c[\"type\"]==\"CRU\" and c[\"endpoint\"]==0 and c[\"changes\"]==[]"'
run roc-config --id "$cru0" --cru-id 0x123 --json --dry-run
check "--json lists a change with old and new" eval \
	'rc_is 0 && printf "%s" "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); c=j[\"cards\"][0][\"changes\"]; assert c==[{\"setting\":\"cru.cruId\",\"old\":\"0xabc\",\"new\":\"0x123\",\"forced\":False,\"programmed\":True}], c"'

# --- DMA: refused while it runs; the CRU ID keeps bit 0 -------------------------
wr "$cru0" 2 0x18 0x0abc0001
check "data taking on (BSP bit 0): refused, exit 1" status_is 1 \
	"data taking is on (BSP_USER_CONTROL bit 0)" roc-config --id "$cru0" --cru-id 0x123
check "... the CRU ID is unchanged" eval '[ "$(rd "$cru0" 2 0x18)" = 0x0abc0001 ]'
run roc-config --id "$cru0" --cru-id 0x123 --force
check "--force while data taking: CRU ID 0x123, bit 0 kept" eval \
	'rc_is 0 && [ "$(rd "$cru0" 2 0x18)" = 0x01230001 ]'
wr "$cru0" 2 0x18 0x01230000

# its first line comes once DMA has started (line-buffered by stdbuf)
stdbuf -oL "$bin/roc-bench-dma" --id "$cru1" --time 120 >"$tmp/bench.txt" 2>&1 &
bpid=$!
for i in $(seq 300); do
	[ -s "$tmp/bench.txt" ] && break
	sleep 0.2
done
run roc-config --id "$cru1" --cru-id 0x1
check "DMA running on the channel: refused naming the process" eval \
	'rc_is 1 && err_has "DMA is running on channel 0 (process $bpid (roc-bench-dma))" &&
	 [ "$(rd "$cru1" 2 0x18)" = 0x0abc0000 ]'
kill -INT "$bpid"
wait "$bpid"
bpid=
run roc-config --id "$cru1" --cru-id 0x1
check "DMA stopped: configured" eval 'rc_is 0 && [ "$(rd "$cru1" 2 0x18)" = 0x00010000 ]'

# --- C-RORC -------------------------------------------------------------------
regs="0:0x1f0 0:0x1f4 0:0xd0 0:0x1f8"
# bit 16 of CFG_CONTROL_B, the flush command, stored by a mapped write
# (the model of a write through the driver clears it): never written 1
wr "$cr" 0 0x1f4 0x10000
run roc-config --id "$cr" --gen-cfg-file "$tmp/crorc.ini"
dump "$cr" "$tmp/before" "$regs"
run roc-config --id "$cr" --config-uri "$tmp/crorc.ini"
dump "$cr" "$tmp/after" "$regs"
check "C-RORC: generated [crorc] file applies with nothing to change" eval \
	'rc_is 0 && out_has ": nothing to change" && grep -q "^\[crorc\]" "$tmp/crorc.ini" &&
	 ! grep -q "^\[cru\]" "$tmp/crorc.ini" && cmp -s "$tmp/before" "$tmp/after"'
cat >"$tmp/crorc2.ini" <<'EOF'
[crorc]
dynamicOffset = true
crorcId = 0x5a
timeFrameLength = 256
timeFrameDetectionEnabled = true
[cru]
clock = local
EOF
run roc-config --id "$cr" --config-uri "$tmp/crorc2.ini"
dump "$cr" "$tmp/after" "$regs"
printf '%s\n' 0:0x1f0=0x5a1 0:0x1f4=0x1100 0:0xd0=0x80 >"$tmp/expected"
check "C-RORC: 4 changes, [cru] ignored" eval \
	'rc_is 0 && [ "$(out_count " -> ")" = 4 ] && out_has " crorc.crorcId: 0x0 -> 0x5a" && ! out_has "cru.clock"'
check "C-RORC: CFG_CONTROL, CFG_CONTROL_B (256 = 0x100, flush bit written 0), laser" \
	changed_ok "$tmp/before" "$tmp/after" "$tmp/expected"
cp "$tmp/after" "$tmp/before"
run roc-config --id "$cr" --config-uri "$tmp/crorc2.ini"
dump "$cr" "$tmp/after" "$regs"
check "C-RORC: second apply: nothing to change" eval \
	'rc_is 0 && out_has ": nothing to change" && cmp -s "$tmp/before" "$tmp/after"'
run roc-config --id "$cr" --no-tf-detection --crorc-id 0x1 --tf-length 0x20
check "C-RORC: options --no-tf-detection --crorc-id --tf-length" eval \
	'rc_is 0 && [ "$(rd "$cr" 0 0x1f0)" = 0x00000011 ] && [ "$(rd "$cr" 0 0x1f4)" = 0x00000020 ]'
run roc-config --config-all --config-uri "$tmp/crorc2.ini" --dry-run
check "--config-all: a line for each endpoint" eval \
	'rc_is 0 && [ "$(out_count "nothing to change|dry run")" -ge 3 ] && out_has "crorc.crorcId: 0x1 -> 0x5a"'

# --- errors -----------------------------------------------------------------------
printf '[cru]\nclock = ttc\ncruId = 0x1000\n' >"$tmp/bad.ini"
check "bad INI value: exit 1, file:line, key and range" status_is 1 \
	"$tmp/bad.ini:3: [cru] cruId = 0x1000: out of range (accepted: hex 0x0-0xfff)" \
	roc-config --id "$cru0" --config-uri "$tmp/bad.ini"
printf '[link12]\nenabled = true\n' >"$tmp/bad.ini"
check "[link12]: exit 1, file:line" status_is 1 \
	"$tmp/bad.ini:2: [link12]: link 12 out of range (links 0-11)" \
	roc-config --id "$cru0" --config-uri "$tmp/bad.ini"
printf '[cru]\nclok = ttc\n' >"$tmp/bad.ini"
check "unknown key: exit 1" status_is 1 "$tmp/bad.ini:2: [cru] clok: unknown key" \
	roc-config --id "$cru0" --config-uri "$tmp/bad.ini"
check "missing file: exit 1" status_is 1 "configuration file $tmp/none.ini: No such file" \
	roc-config --id "$cru0" --config-uri "ini://$tmp/none.ini"
check "--clock pll: exit 2" status_is 2 "--clock: [cru] clock = pll: bad value (accepted: ttc, local)" \
	roc-config --id "$cru0" --clock pll
check "--links 0-12: exit 2" status_is 2 "link 12 out of range (0-11)" \
	roc-config --id "$cru0" --links 0-12
check "unknown option: exit 2" status_is 2 "unknown option '--frob'" \
	roc-config --id "$cru0" --frob
check "no card: exit 2" status_is 2 "no card given" roc-config --clock ttc
check "--id and --config-all: exit 2" status_is 2 "exclude each other" \
	roc-config --id "$cru0" --config-all --clock ttc
check "nothing to configure: exit 2" status_is 2 "nothing to configure" \
	roc-config --id "$cru0"
check "unknown card: exit 1" status_is 1 'no card "99999:1"' \
	roc-config --id 99999:1 --clock ttc
run roc-config --help
check "--help: exit 0, usage" eval 'rc_is 0 && out_has "Usage: roc-config"'
