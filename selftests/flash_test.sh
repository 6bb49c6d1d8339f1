#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# flash_test.sh - the C-RORC flash as an MTD device (issue 13) against a
# simulated C-RORC, as root inside the VM: /proc/mtd and mtdinfo show the
# firmware and serial partitions and /dev/mtdN exists; a random image
# written with flashcp reads back identical (mtd_debug, roc-flash-read);
# the serial partition is read-only unless flash_serial_writable is set
# when the card appears; an injected erase or program failure is an error
# naming the card and the next flashcp recovers; so does the next one
# after a flashcp killed mid-write; an unprivileged writer is refused
# even with the node opened up; a card removed under an open /dev/mtdN
# fails the reads with ENODEV.
#
# Prints TAP: the plan first, then one line per check (buffered).
set -u

top=$(dirname "$(readlink -f "$0")")/..
bin=$top/build/utils
tmp=$(mktemp -d /tmp/roc-flash-test.XXXXXX)
param=/sys/module/roc/parameters/flash_serial_writable
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
ktap_buffer
ktap_print_header

finish() {
	[ -n "${bgpid:-}" ] && kill -9 "$bgpid" 2>/dev/null
	exec 3<&- 2>/dev/null
	[ -w "$param" ] && echo 0 >"$param"
	sim_del_all
	rm -rf "$tmp"
	ktap_finished
}
trap finish EXIT
trap 'exit 1' TERM INT

check() {
	local name=$1
	if ! ktap_test_result "$@"; then
		echo "# failed: $name" >&2
		[ -n "${err:-}" ] && echo "#   stderr: ${err:0:600}" >&2
		[ -n "${out:-}" ] && echo "#   stdout: ${out:0:600}" >&2
	fi
}

# check_eq NAME GOT WANT
check_eq() { check "$1" [ "$2" = "$3" ]; }

# cmd ARGS...: run, keep stdout, stderr, exit status
cmd() {
	out=$("$@" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
}

# mtd_of DEV KIND: /dev/mtdN of /dev/rocK's "firmware" or "serial"
mtd_of() {
	local name n
	name="${1##*/} C-RORC $2"
	for n in /sys/class/mtd/mtd*; do
		[ -f "$n/name" ] && [ "$(cat "$n/name")" = "$name" ] &&
			echo "/dev/${n##*/}"
	done
	return 0
}

# same FILE DEV: the first bytes of DEV equal FILE
same() {
	local size
	size=$(stat -c %s "$1")
	rm -f "$tmp/back"
	mtd_debug read "$2" 0 "$size" "$tmp/back" >/dev/null 2>&1 &&
		cmp -s "$1" "$tmp/back"
}

id=$((600 + RANDOM % 90))
sim_new "$id" crorc 4242
udevadm settle 2>/dev/null
dev=$(sim_dev "$id")
ep=/sys/kernel/debug/roc_sim/roc_sim$id/ep0
fw=$(mtd_of "$dev" firmware)
sn=$(mtd_of "$dev" serial)
head -c 140000 /dev/urandom >"$tmp/img1"
head -c 140000 /dev/urandom >"$tmp/img2"

ktap_set_plan 17

check_eq "/proc/mtd lists the firmware and serial partitions of $dev" \
	"$([ -n "$dev" ] && grep -c "\"${dev##*/} C-RORC \(firmware\|serial\)\"" /proc/mtd)" 2
cmd mtdinfo "$fw"
check_eq "mtdinfo: NOR, 128 KiB erase blocks, 70 of them; /dev/mtdN are char devices" \
	"$([[ "$out" == *"Type:"*"nor"* && "$out" == *"Eraseblock size:"*"131072 bytes"* &&
	      "$out" == *"Amount of eraseblocks:"*"70 "* ]] && [ -c "$fw" ] && [ -c "$sn" ] &&
	   echo y)" y

cmd flashcp "$tmp/img1" "$fw"
check_eq "flashcp writes a random image (140000 bytes, two blocks)" "$rc" 0
check_eq "the image reads back identical (mtd_debug read)" "$(same "$tmp/img1" "$fw" && echo y)" y
want=$(od -An -tu2 -N8 -w2 -v "$tmp/img1" | awk '{ printf "%5u  1\n", $1 }')
cmd "$bin/roc-flash-read" --id "$dev" --address 0x1000000 --words 4
check_eq "roc-flash-read prints the words as '%5u  %d' (old address prefix accepted)" \
	"$rc$out" "0$want"

cmd mtd_debug read "$sn" 0 64 "$tmp/serial"
check_eq "the serial block reads 'S/N: 04242' at byte 28" \
	"$(dd if="$tmp/serial" bs=1 skip=28 count=10 2>/dev/null)" "S/N: 04242"

head -c 1024 /dev/urandom >"$tmp/small"
cmd flashcp "$tmp/small" "$sn"
check_eq "the serial partition is read-only (EACCES at open)" \
	"$rc$(same "$tmp/serial" "$sn" && echo y)" 1y

echo 1 >"$ep/flash_fail_program"
cmd flashcp "$tmp/img2" "$fw"
check_eq "an injected program failure fails flashcp, the message names the card" \
	"$rc$(dmesg | grep -c "${dev##*/}: C-RORC flash: program at word .* failed, status 0x90" |
	       sed 's/^0$//;s/^[1-9][0-9]*$/m/')" 1m
cmd flashcp "$tmp/img2" "$fw"
check_eq "the next flashcp recovers: identical read-back" \
	"$rc$(same "$tmp/img2" "$fw" && echo y)" 0y

echo 1 >"$ep/flash_fail_erase"
cmd flashcp "$tmp/img1" "$fw"
rc1=$rc
cmd flashcp "$tmp/img1" "$fw"
check_eq "an injected erase failure fails flashcp, the next recovers" \
	"$rc1$rc$(same "$tmp/img1" "$fw" && echo y)" 10y

head -c 600000 /dev/urandom >"$tmp/big"
flashcp "$tmp/big" "$fw" >/dev/null 2>&1 &
bgpid=$!
sleep 0.5
kill -9 "$bgpid" 2>/dev/null
wait "$bgpid" 2>/dev/null
bgpid=
cmd flashcp "$tmp/img2" "$fw"
check_eq "after a flashcp killed mid-write the next one works" \
	"$rc$(same "$tmp/img2" "$fw" && echo y)" 0y

chmod 0666 "$fw"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	mtd_debug erase "$fw" 0 131072 2>&1)
rc=$?
read_ok=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	mtd_debug read "$fw" 0 16 /dev/null >/dev/null 2>&1 && echo y)
chmod 0600 "$fw"
err=$out
check_eq "unprivileged erase refused (EPERM), read allowed" \
	"$rc${read_ok:-n}$([[ "$out" == *"not permitted"* ]] && echo p)$(same "$tmp/img2" "$fw" && echo y)" 1ypy

printf '%s\n' 1 65535 -2 4660 >"$tmp/words.txt"
cmd "$bin/roc-flash" --id "$dev" --file "$tmp/words.txt"
rc1=$rc
cmd "$bin/roc-flash-read" --id "$dev" --words 5 --json
check_eq "roc-flash --file (decimal words) reads back with roc-flash-read --json" \
	"$rc1$rc$(printf '%s' "$out" | tr -d ' \n' | grep -o '"words":\[[0-9,]*\]')" \
	'00"words":[1,65535,65534,4660,65535]'
cmd "$bin/roc-flash" --id "$dev" --file "$tmp/words.txt" --serial 1
rc1=$rc
cmd "$bin/roc-flash-read" --id "$dev" --address 0x460000 --words 1
check_eq "usage errors exit 2 (--file with --serial; words outside both partitions)" \
	"$rc1$rc" 22

echo 1 >"$param"
id2=$((id + 100))
sim_new "$id2" crorc 4243
udevadm settle 2>/dev/null
sn2=$(mtd_of "$(sim_dev "$id2")" serial)
echo 0 >"$param"
cmd flashcp "$tmp/small" "$sn2"
check_eq "with flash_serial_writable the serial partition takes flashcp" \
	"$rc$(same "$tmp/small" "$sn2" && echo y)" 0y
cmd "$bin/roc-flash" --id "$(sim_dev "$id2")" --serial 12345
cmd2=$rc
cmd mtd_debug read "$sn2" 28 10 "$tmp/serial2"
check_eq "roc-flash --serial writes 'S/N: 12345' at byte 28" \
	"$cmd2$(cat "$tmp/serial2")" "0S/N: 12345"

exec 3<"$fw"
sim_del "$id"
udevadm settle 2>/dev/null
cmd dd bs=16 count=1 status=none <&3
exec 3<&-
check_eq "a card removed under an open /dev/mtdN: reads fail (ENODEV), its partitions are gone" \
	"$rc$([[ "$err" == *"No such device"* ]] && echo e)$(grep -c "\"${dev##*/} C-RORC" /proc/mtd)" 1e0
