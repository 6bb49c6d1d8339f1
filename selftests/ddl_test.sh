#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ddl_test.sh - C-RORC readout over the DDL (issue 13) against a simulated
# C-RORC, as root inside the VM: on all six channels every source (fee,
# diu, siu) reads data with zero errors through roc-bench-dma; a link down
# (loss of signal, loss of sync) gives ENOLINK at start with the link
# state in the message, and a clear error during a run; the stop (EOBTR)
# returns the last superpage as partial with its size, and every pushed
# superpage exactly once; the FEE's event size and event rate (sim knobs)
# shape the superpages and bound the events; the netlink link attribute
# ddl-state says down, no signal, no SIU; an SIU that does not answer
# times out; SIU
# reset and the three reset levels; roc-siu-status decodes every bit the
# simulator sets (text and JSON); kill -9 during FEE readout leaves the
# channel usable at once; DDL commands and the other C-RORC registers
# with side effects act the same written through mmap() as by ioctl.
#
# Prints TAP: the plan first, then one line per check (buffered).
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/tool_helpers.sh
. "$top/selftests/tool_helpers.sh"

tool_cleanup() {
	[ -n "${bgpid:-}" ] && kill -9 "$bgpid" 2>/dev/null
}

jget() { printf '%s\n' "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); print($1)" 2>/dev/null; }
# Under emulation every process started costs (python most): the checks
# of roc-bench-dma's flat JSON and the reads of files use no process.
# slurp VAR FILE: VAR = the content of FILE, trailing newlines cut
slurp() {
	IFS= read -r -d '' "$1" <"$2"
	printf -v "$1" '%s' "${!1%$'\n'}"
}
# jf KEY: REPLY = the value of "KEY" in $out (a number, true, false)
jf() {
	REPLY=
	[[ $out =~ \"$1\":\ ([^,[:space:]]+) ]] && REPLY=${BASH_REMATCH[1]}
}
# run TOOL ARGS... (tool_helpers.sh's, reading stderr without cat)
run() {
	local tool=$1
	shift
	out=$("$bin/$tool" "$@" 2>"$tmp/err")
	rc=$?
	slurp err "$tmp/err"
}

id=$((700 + RANDOM % 90))
sim_new "$id" crorc 3131
udevadm settle 2>/dev/null
card="roc_sim:$id.0"
dfs=/sys/kernel/debug/roc_sim/roc_sim$id
ep=$dfs/ep0

# bench NAME ARGS...: a short roc-bench-dma run with a JSON summary
bench() {
	local name=$1
	shift
	out=$("$bin/roc-bench-dma" --id "$card" --no-display --json \
		--buffer-size 4Mi --superpage-size 256Ki --time 20 \
		--error-file "$tmp/$name-errors.txt" "$@" 2>"$tmp/err")
	rc=$?
	slurp err "$tmp/err"
}
# clean run: exit 0, data, no error, every superpage back once
bench_clean() {
	local e b p
	[ "$rc" = 0 ] || return 1
	jf errors; e=$REPLY
	jf bytes; b=$REPLY
	jf pushed; p=$REPLY
	jf returned
	[ "$e" = 0 ] && [ -n "$b" ] && [ "$b" -gt 0 ] && [ -n "$p" ] &&
		[ "$p" = "$REPLY" ]
}

# --- every source on every channel ---------------------------------------------
# The six channels at once (one process each), the sources one after the
# other on each.
for c in 0 1 2 3 4 5; do
	(
		for s in fee diu siu; do
			"$bin/roc-bench-dma" --id "$card" --no-display --json \
				--buffer-size 4Mi --superpage-size 256Ki --time 20 \
				--dma-channel "$c" --data-source "$s" --bytes 1Mi \
				--error-check full --error-file "$tmp/$s$c-errors.txt" \
				>"$tmp/$s$c.json" 2>"$tmp/$s$c.err"
			echo $? >"$tmp/$s$c.rc"
		done
	) &
done
wait
for c in 0 1 2 3 4 5; do
	for s in fee diu siu; do
		slurp rc "$tmp/$s$c.rc"
		slurp out "$tmp/$s$c.json"
		slurp err "$tmp/$s$c.err"
		check "channel $c, source $s: data with zero errors" bench_clean
	done
done
bench stbrd --dma-channel 5 --data-source fee --stbrd --bytes 1Mi
check "channel 5: FEE started with STBRD" bench_clean
bench stbrd-diu --data-source diu --stbrd --bytes 1Mi
check "--stbrd without fee is bad usage (exit 2)" [ "$rc" = 2 ]

# --- link down at start: ENOLINK with the link state ---------------------------
echo 0x4 >"$ep/link_down"
bench down --dma-channel 2 --data-source fee --bytes 1Mi
check "link down (no signal): FEE start fails naming the link state" \
	eval '[ "$rc" = 1 ] && err_has "DMA channel 2, source fee: DDL link down (DIU port Offline No Signal"'
bench down --dma-channel 2 --data-source siu --bytes 1Mi
check "link down: SIU loop-back start fails with the link state" \
	eval '[ "$rc" = 1 ] && err_has "source siu: DDL link down"'
bench down --dma-channel 2 --data-source diu --bytes 1Mi
check "link down: the DIU loop-back (in the card) still reads" bench_clean
check "the kernel log names the card, channel and link state" \
	eval 'dmesg | grep -q "channel 2: DMA start, FEE: DDL link down (C_CSR"'
echo 0 >"$ep/link_down"
echo 0x8 >"$ep/ddl_loss_of_sync"
sleep 0.3	# the C_CSR status follows the knob at the next housekeeping
bench los --dma-channel 3 --data-source fee --bytes 1Mi
check "loss of sync: FEE start fails, DIU port Offline Loss of Sync" \
	eval '[ "$rc" = 1 ] && err_has "Offline Loss of Sync"'
echo 0 >"$ep/ddl_loss_of_sync"
sleep 0.3

# --- the DDL link state in netlink (dev-get, link nests: ddl-state) ------------
# nl_ddl: "STATE0 ... STATE5" of the card's six links (enum ddl-link-state:
# 1 up, 2 down, 3 down-no-signal, 4 down-loss-of-sync, 5 no-siu; - absent)
dev=$(sim_dev "$id")
nl_ddl() { "$py" "$top/selftests/nl_links.py" "${dev#/dev/roc}" 3 6; }
# link 2 down (no signal, as the failed starts above read it), link 1
# down with loss of sync (no status read since: plain down); link 3 is up
# again since its loss of sync
echo 0x4 >"$ep/link_down"
echo 0x2 >"$ep/ddl_loss_of_sync"
sleep 0.3
out=$(nl_ddl 2>&1)
check "netlink ddl-state: no signal on link 2, down on 1, up on the others" \
	[ "$out" = "1 2 3 1 1 1" ]
run roc-status --id "$card" --json
check "roc-status --json: ddlState of the six links from netlink" \
	eval '[ "$(jget "\",\".join(str(l[\"ddlState\"]) for l in j[\"links\"])")" = "up,down,down (no signal),up,up,up" ]'
run roc-status --id "$card"
check "roc-status: a DDL column, link 2 down (no signal)" \
	eval '[ "$rc" = 0 ] && printf "%s\n" "$out" | grep -Eq "^ *2 .*down \(no signal\)"'
echo 0 >"$ep/link_down"
echo 0 >"$ep/ddl_loss_of_sync"
sleep 0.3
out=$(nl_ddl 2>&1)
check "netlink ddl-state: every link up again" [ "$out" = "1 1 1 1 1 1" ]

# --- an SIU that does not answer ------------------------------------------------
echo 0x10 >"$ep/ddl_siu_mute"
bench mute --dma-channel 4 --data-source fee --bytes 1Mi
check "SIU not answering: FEE start times out" \
	eval '[ "$rc" = 1 ] && err_has "does not answer DDL commands"'
check "the kernel log names the command and the timeout" \
	eval 'dmesg | grep -q "channel 4: DDL FEE RDYRX (0x.*): no reply within 100 ms"'
run roc-reset --id "$card" -c 4 --reset INTERNAL_SIU
check "SIU not answering: INTERNAL_SIU reset fails (exit 1)" \
	eval '[ "$rc" = 1 ] && err_has "reset INTERNAL_SIU"'
out=$(nl_ddl 2>&1)
check "netlink ddl-state: link 4 up, its SIU not answering (no-siu)" \
	[ "$out" = "1 1 1 1 5 1" ]
echo 0 >"$ep/ddl_siu_mute"

# --- link down during a run ------------------------------------------------------
# fee_running N PID: wait (up to 60 s) until the FEE of channel N has sent
# events, i.e. the run of PID is under way
fee_running() {
	local ev0 i
	ev0=$(<"$ep/fee$1/events")
	for ((i = 0; i < 600; i++)); do
		[ "$(<"$ep/fee$1/events")" != "$ev0" ] && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
"$bin/roc-bench-dma" --id "$card" --no-display --json --dma-channel 1 \
	--data-source fee --buffer-size 4Mi --superpage-size 256Ki --time 30 \
	--error-file "$tmp/run-errors.txt" >"$tmp/run.json" 2>"$tmp/run.err" &
bgpid=$!
fee_running 1 "$bgpid"
echo 0x2 >"$ep/link_down"
wait "$bgpid"
rc=$?
bgpid=
slurp out "$tmp/run.json"
slurp err "$tmp/run.err"
echo 0 >"$ep/link_down"
check "link down during a run: the bench stops with a clear error" \
	eval '[ "$rc" = 1 ] && err_has "DMA channel 1 failed: the DDL link went down during the run"'
pushed_failed() {	# every superpage back, the run failed
	local p
	jf pushed; p=$REPLY
	jf returned; [ -n "$p" ] && [ "$p" = "$REPLY" ] || return 1
	jf failed; [ "$REPLY" = true ]
}
check "link down during a run: every superpage came back once" pushed_failed
check "the kernel log says the link went down during the run" \
	eval 'dmesg | grep -q "channel 1: DDL link down during the run"'
bench after --dma-channel 1 --data-source fee --bytes 1Mi
check "the channel reads again once the link is back" bench_clean

# --- stop with EOBTR: the last superpage partial -------------------------------
echo 10 >"$dfs/rate_mbps"	# 1.25 MB/s: a 2 MiB superpage takes 1.7 s
out=$("$bin/roc-bench-dma" --id "$card" --no-display --json --dma-channel 0 \
	--data-source fee --buffer-size 4Mi --superpage-size 2Mi --time 1 \
	--error-file "$tmp/p-errors.txt" 2>"$tmp/err")
rc=$?
slurp err "$tmp/err"
echo 0 >"$dfs/rate_mbps"
# partial_whole UNIT: one partial superpage (of 2 MiB) at the stop, of
# whole UNITs; every superpage back; no error
partial_whole() {
	local p l pu
	[ "$rc" = 0 ] || return 1
	jf partial; p=$REPLY
	jf last_partial_bytes; l=$REPLY
	jf pushed; pu=$REPLY
	jf returned
	[ "$p" = 1 ] && [ -n "$l" ] && (( l > 0 && l < 2 << 20 && l % $1 == 0 )) &&
		[ -n "$pu" ] && [ "$pu" = "$REPLY" ]
}
check "EOBTR at stop: the last superpage comes back partial with its size" \
	partial_whole 8192

# --- the FEE's event size and event rate (sim knobs ep0/fee<N>/) ----------------
# 24 KiB events do not divide a 256 KiB superpage: each comes back with the
# 10 whole events that fit (240 KiB), flagged partial.
echo 24576 >"$ep/fee4/event_size"
bench evsize --dma-channel 4 --data-source fee --bytes 1Mi --error-check full
# jfs KEY...: the values of the KEYs in $out, space-separated
jfs() {
	local k v=
	for k; do jf "$k"; v+="$REPLY "; done
	REPLY=${v% }
}
check "24 KiB events: every superpage holds 10 whole events (240 KiB)" \
	eval '[ "$rc" = 0 ] && jfs errors bytes partial last_partial_bytes pushed returned && [ "$REPLY" = "0 983040 4 245760 4 4" ]'
# the stop (EOBTR) waits for the event being sent: the last superpage
# holds whole events
echo 10 >"$dfs/rate_mbps"
bench evstop --dma-channel 4 --data-source fee --superpage-size 2Mi --time 1
echo 0 >"$dfs/rate_mbps"
check "EOBTR at stop with 24 KiB events: the partial superpage holds whole events" \
	eval 'partial_whole 24576 && jfs errors bytes && (( ${REPLY% *} == 0 && ${REPLY#* } % 24576 == 0 ))'
echo 0 >"$ep/fee4/event_size"
# 20 events per second: a run gets at most 1 + 20 per second it lasted
# (the FEE never starts one sooner), each event one 8 KiB page
echo 20 >"$ep/fee3/event_rate"
ev0=$(cat "$ep/fee3/events")
t0=$EPOCHREALTIME
bench evrate --dma-channel 3 --data-source fee --time 2
t1=$EPOCHREALTIME
ev=$(( $(cat "$ep/fee3/events") - ev0 ))
echo 0 >"$ep/fee3/event_rate"
check "event rate 20/s: 2 to 1 + 20/s x the run's wall time events, all received" \
	eval '[ "$rc" = 0 ] && jfs errors bytes && [ "$REPLY" = "0 $((ev * 8192))" ] &&
	      (( ev >= 2 && ev <= 1 + 20 * (${t1/./} - ${t0/./}) / 1000000 ))'
echo "# event rate 20/s: $ev events in $t0..$t1" >&2

# --- reset levels ------------------------------------------------------------------
# the six channels at once, the levels one after the other on each
for c in 0 1 2 3 4 5; do
	(
		levels=
		for l in NOTHING INTERNAL INTERNAL_SIU; do
			run roc-reset --id "$card" -c "$c" --reset "$l"
			[ "$rc" = 0 ] && out_has "DMA channel $c: reset $l" && levels+=$l,
		done
		echo "$levels" >"$tmp/reset$c"
	) &
done
wait
for c in 0 1 2 3 4 5; do
	okl=; slurp okl "$tmp/reset$c"
	check "channel $c: reset NOTHING, INTERNAL and INTERNAL_SIU" \
		[ "$okl" = "NOTHING,INTERNAL,INTERNAL_SIU," ]
done
echo 0x20 >"$ep/link_down"
run roc-reset --id "$card" -c 5 --reset INTERNAL_SIU
check "INTERNAL_SIU with the link down: ENOLINK with the link state" \
	eval '[ "$rc" = 1 ] && err_has "reset INTERNAL_SIU: DDL link down (DIU port Offline No Signal"'
run roc-reset --id "$card" -c 5 --reset INTERNAL
check "INTERNAL with the link down still works" [ "$rc" = 0 ]

# --- roc-siu-status ----------------------------------------------------------------
run roc-siu-status --id "$card" -c 5
check "siu-status, link down: DIU no signal, SIU no answer (exit 1)" \
	eval '[ "$rc" = 1 ] && out_has "Link: DOWN" && out_has "DIU port in Offline No Signal state" && out_has "SIU: no answer"'
echo 0 >"$ep/link_down"
bench lb --dma-channel 5 --data-source siu --bytes 1Mi
echo 0x7ffe0000 >"$ep/ddl_siu_errors"
run roc-siu-status --id "$card" -c 5 --json
siu_all_bits() {
	[ "$rc" = 0 ] && [ "$(jget 'j["link"], j["siu"]["bits"]["ERROR"], all(j["siu"]["bits"][b] for b in ["LONGE", "IFEDS", "TXOF", "IWDAT", "OSINFR", "INVRX", "CERR", "DJLERR", "DOUT", "IFDL", "LONG", "RXOF", "FRERR", "LPERR", "LBMOD"]), j["siu"]["port_state"], j["siu_hw_info"]')" = "UP True True Online roc_sim SIU v2 (simulated DDL)" ]
}
check "siu-status --json: every SIU error bit the simulator sets, LBMOD" siu_all_bits
run roc-siu-status --id "$card" -c 5
check "siu-status: reading cleared the SIU error bits" \
	eval '[ "$rc" = 0 ] && out_has "SIU error bit not set" && out_has "SIU port in Online state" && out_has "SIU HW info: roc_sim SIU v2"'
check "siu-status: SIU loop-back mode after a siu run (LBMOD 1)" \
	eval 'printf "%s\n" "$out" | grep -Eq "^  LBMOD +1 "'
echo 0x20 >"$ep/ddl_loss_of_sync"
sleep 0.3
run roc-siu-status --id "$card" -c 5 --json
check "siu-status: DIU loss of sync decoded (bit, error, port state)" \
	eval '[ "$(jget "j[\"link\"], j[\"diu\"][\"bits\"][\"LOSS_SYNC\"], j[\"diu\"][\"bits\"][\"ERROR\"], j[\"diu\"][\"port_state\"]")" = "DOWN True True Offline Loss of Sync" ]'
echo 0 >"$ep/ddl_loss_of_sync"
sleep 0.3
bench lb --dma-channel 0 --data-source diu --bytes 1Mi
run roc-siu-status --id "$card" -c 0 --json
check "siu-status: DIU loop-back after a diu run, remote SIU Online" \
	eval '[ "$(jget "j[\"diu\"][\"bits\"][\"LOOPB\"], j[\"diu\"][\"remote_state\"]")" = "True Online" ]'
"$bin/roc-bench-dma" --id "$card" --no-display --dma-channel 3 \
	--data-source fee --buffer-size 4Mi --superpage-size 256Ki --time 30 \
	--error-file "$tmp/o-errors.txt" >/dev/null 2>&1 &
bgpid=$!
fee_running 3 "$bgpid"
run roc-siu-status --id "$card" -c 3 --json
check "siu-status during FEE readout: a transaction is open (OPTRAN)" \
	eval '[ "$(jget "j[\"siu\"][\"bits\"][\"OPTRAN\"]")" = "True" ]'

# --- kill -9 during FEE readout -------------------------------------------------
kill -9 "$bgpid"
wait "$bgpid" 2>/dev/null
bgpid=
bench killed --dma-channel 3 --data-source fee --bytes 1Mi
check "kill -9 during FEE readout: the channel reads again at once" bench_clean
run roc-siu-status --id 245 -c 0
check "siu-status of a missing card exits 1" [ "$rc" = 1 ]
run roc-siu-status --id "$card" -c 6
check "siu-status --channel 6 is bad usage (exit 2)" [ "$rc" = 2 ]

# --- registers with side effects: mmap and ioctl alike ---------------------------
# C_DCR/C_DSR: an illegal SIU command (SRST to the SIU) gets ILCMD; a DIU
# RandCIFST an IFSTW; by ioctl at once, through mmap at the next
# housekeeping.  C_DSR is read (popped) by ioctl.
ddl_reply() {	# ddl_reply MODE CMD: the code (bits 7:4) of the first reply
	local w s
	if [ "$1" = ioctl ]; then
		"$bin/roc-reg-write" --id "$card" -c 2 -a 0x18 --value "$2" --ioctl --noread >/dev/null
	else
		"$bin/roc-reg-write" --id "$card" -c 2 -a 0x18 --value "$2" --noread >/dev/null
		sleep 0.3
	fi
	w=$("$bin/roc-reg-read" --id "$card" -c 2 -a 0x1c --ioctl)
	while s=$("$bin/roc-reg-read" --id "$card" -c 2 -a 0x10 --ioctl) &&
	      [ -n "$s" ] && (( s & 0x800000 )); do
		"$bin/roc-reg-read" --id "$card" -c 2 -a 0x1c --ioctl >/dev/null
	done
	echo $(( (w >> 4) & 0xf ))
}
for m in ioctl mmap; do
	check "C_DCR by $m: an illegal command gets ILCMD" [ "$(ddl_reply $m 0x0f2)" = 2 ]
	check "C_DCR by $m: DIU RandCIFST gets an IFSTW" [ "$(ddl_reply $m 0x001)" = 12 ]
done
csr() { echo $(( $("$bin/roc-reg-read" --id "$card" -c 4 -a 0x10 --ioctl) )); }
for m in ioctl mmap; do
	flag=; [ "$m" = ioctl ] && flag=--ioctl
	before=$(( $(csr) & 0x1000 ))
	"$bin/roc-reg-write" --id "$card" -c 4 -a 0x10 --value 0x1000 $flag --noread >/dev/null
	[ "$m" = mmap ] && sleep 0.3
	after=$(( $(csr) & 0x1000 ))
	check "C_CSR by $m: bit 12 (loop-back) toggles" [ "$before" != "$after" ]
	"$bin/roc-reg-write" --id "$card" -c 4 -a 0x0 --value 0x3 $flag --noread >/dev/null
	[ "$m" = mmap ] && sleep 0.3
	check "CRORC_CSR by $m: the reset clears the loop-back" \
		[ $(( $(csr) & 0x1000 )) = 0 ]
	"$bin/roc-reg-write" --id "$card" -c 4 -a 0x1f4 --value 0x10000 $flag --noread >/dev/null
	[ "$m" = mmap ] && sleep 0.3
	check "CFG_CONTROL_B by $m: the flush bit clears itself" \
		[ $(( $("$bin/roc-reg-read" --id "$card" -c 4 -a 0x1f4 --ioctl) & 0x10000 )) = 0 ]
done
# SP_WR_SIZE commits (RX off: nothing is written); read back size << 8 | count
for m in ioctl mmap; do
	flag=; [ "$m" = ioctl ] && flag=--ioctl
	"$bin/roc-reg-write" --id "$card" -c 4 -a 0x0 --value 0x3 --ioctl --noread >/dev/null
	"$bin/roc-reg-write" --id "$card" -c 4 -a 0x28 --value 0x8000 $flag --noread >/dev/null
	[ "$m" = mmap ] && sleep 0.3
	check "SP_WR_SIZE by $m: the commit counts (reads 0x00800001)" \
		[ "$("$bin/roc-reg-read" --id "$card" -c 4 -a 0x28 --ioctl)" = 0x00800001 ]
done
"$bin/roc-reg-write" --id "$card" -c 4 -a 0x0 --value 0x3 --ioctl --noread >/dev/null
