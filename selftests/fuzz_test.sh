#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz_test.sh - smoke run of roc-fuzz (build/selftests/roc-fuzz) in the VM:
# a CRU (two endpoints) and a C-RORC, 4 worker processes fuzzing ioctls,
# mmap, poll, the channel rings and netlink on all three endpoints while
# their DMA runs (the ring cases take part of the push and pop share), then
# checks that nothing is left behind: every channel free, no page pinned,
# the cards still stream.
#
# Size: ROC_FUZZ_CALLS (default 30000; 8000 on a kernel with kmemleak, the
# debug lane), ROC_FUZZ_PROCS (4), ROC_FUZZ_SEED (default: time; printed,
# rerun with it to reproduce).  The long run is `make stress` (vm/stress.sh).
#
# Prints TAP: roc-fuzz's own results, then this script's checks.
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/roc_helpers.sh
. "$top/selftests/roc_helpers.sh"
fuzz=$top/build/selftests/roc-fuzz
calls=${ROC_FUZZ_CALLS:-}
procs=${ROC_FUZZ_PROCS:-4}
seed=${ROC_FUZZ_SEED:-$(date +%s)}
id=$((900 + $$ % 90 * 2))

if [ -z "$calls" ]; then
	calls=30000
	[ -e /sys/kernel/debug/kmemleak ] && calls=8000
fi

finish() {
	sim_del_all
	ktap_finished
}
trap finish EXIT

check() { ktap_test_result "$@"; }

ktap_buffer
ktap_print_header
if [ ! -x "$fuzz" ]; then
	check "roc-fuzz is built" false
	exit 1
fi
if [ ! -d /sys/bus/roc_sim ]; then
	ktap_test_skip roc-fuzz "no roc_sim"
	exit 0
fi

sim_new "$id" cru 901
sim_new "$((id + 1))" crorc 902
udevadm settle 2>/dev/null
devs=()
for d in "$(card_dev "roc_sim:$id.0")" "$(card_dev "roc_sim:$id.1")" \
	 "$(card_dev "roc_sim:$((id + 1)).0")"; do
	[ -n "$d" ] && devs+=("$d")
done
check "three simulated endpoints (CRU 2 + C-RORC 1)" [ "${#devs[@]}" = 3 ]

pins() { awk '$1 == "nr_foll_pin_acquired" { a = $2 } $1 == "nr_foll_pin_released" { r = $2 } END { print a - r }' /proc/vmstat; }
pins_before=$(pins)

log=$(mktemp)
start=$(date +%s.%N)
"$fuzz" --calls "$calls" --procs "$procs" --seed "$seed" --time 240 "${devs[@]}" >"$log" 2>&1
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
# Its summary as diagnostics, its TAP results as ours.
grep -v -E '^(TAP version|1\.\.|(not )?ok )' "$log" | head -120 | sed 's/^#*/#/'
while IFS= read -r line; do
	case "$line" in
	"not ok "*) ktap_test_fail "$(sed -E 's/^not ok [0-9]+ (- )?/roc-fuzz: /' <<<"$line")" ;;
	*) ktap_test_pass "$(sed -E 's/^ok [0-9]+ (- )?/roc-fuzz: /' <<<"$line")" ;;
	esac
done < <(grep -E '^(not )?ok [0-9]+ ' "$log")
check "roc-fuzz exit status 0 (seed $seed, ${secs%.*} s)" [ "$rc" = 0 ]
rm -f "$log"

# Nothing left behind: channels free, pins released.
free_all() {
	local d c st
	for d in "${devs[@]}"; do
		st=$(/usr/bin/python3 - "$d" <<-'EOF'
		import fcntl, os, struct, sys
		fd = os.open(sys.argv[1], os.O_RDONLY)
		# ROC_CHANNEL_QUERY = _IO(0xC5, 0x11): the size is in argsz
		cmd = (0xC5 << 8) | 0x11
		busy = 0
		for ch in range(6):
		    buf = bytearray(struct.pack("IIIIiI16s", 40, 0, ch, 0, 0, 0, b""))
		    try:
		        fcntl.ioctl(fd, cmd, buf)
		    except OSError:
		        break
		    busy += struct.unpack("IIIIiI16s", buf)[3] != 0
		print(busy)
		EOF
		)
		[ "$st" = 0 ] || return 1
	done
}
check "every channel free after the run" free_all
sleep 1
check "no page left pinned ($(( $(pins) - pins_before )))" [ "$(pins)" -le "$pins_before" ]

# The cards still work: a short readout on each endpoint.
bench=$top/build/utils/roc-bench-dma
if [ -x "$bench" ]; then
	for d in "${devs[@]}"; do
		check "$d streams after the fuzzing" \
			"$bench" --id "$d" --time 1 --buffer-size 32Mi --no-display \
			--error-file /tmp/fuzz-test-errors.txt >/dev/null 2>&1
	done
fi
exit 0
