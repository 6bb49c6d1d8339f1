#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# i2c_test.sh - the CRU's I2C masters as Linux I2C adapters on a simulated
# CRU, as root inside the VM: `i2cdetect -l` lists the buses of the card
# once (named after endpoint 0), i2cget reads the EEPROM, the EEPROM serial
# fallback at probe, link_count 12 per endpoint, the MiniPOD RX power per
# link through hwmon, `sensors`, netlink and `roc-status --json` against the
# simulator's knob (every link of both endpoints, a partial link mask, a
# link without light), injected NACK and timeout (-ENXIO, -ETIMEDOUT, the
# bus usable afterwards), two processes hammering one bus, and a clock
# change that programs every register of the maps in order, then nothing on
# a second run.
set -u

top=$(dirname "$(readlink -f "$0")")/..
# shellcheck source=selftests/tool_helpers.sh
. "$top/selftests/tool_helpers.sh"

id=61
serial=4321
knobs=/sys/kernel/debug/roc_sim/roc_sim$id

if ! command -v i2cdetect >/dev/null || [ ! -e /sys/bus/roc_sim ]; then
	ktap_test_skip "i2c" "no i2c-tools or roc_sim"
	exit 0
fi
sim_new $id cru $serial
ep0=$(sim_dev $id 0)
ep1=$(sim_dev $id 1)
n0=${ep0##*/}
n1=${ep1##*/}

# bus NAME: the i2c-N number of adapter "roc<N> CRU NAME"
bus() { i2cdetect -l | awk -v n="$n0 CRU $1" -F'\t' '{ s = $3; sub(/ +$/, "", s) } s == n { sub(/i2c-/, "", $1); print $1 }'; }

# smbus BUS ADDR REG [VAL]: one SMBus byte transfer by ioctl; prints the
# byte or the errno name
smbus() {
	"$py" - "$@" <<'EOF'
import ctypes, errno, fcntl, os, sys
bus, addr, reg = int(sys.argv[1]), int(sys.argv[2], 0), int(sys.argv[3], 0)
class Data(ctypes.Union):
    _fields_ = [("byte", ctypes.c_uint8), ("block", ctypes.c_uint8 * 34)]
class Args(ctypes.Structure):
    _fields_ = [("read_write", ctypes.c_uint8), ("command", ctypes.c_uint8),
                ("size", ctypes.c_uint32), ("data", ctypes.POINTER(Data))]
d = Data()
write = len(sys.argv) > 4
if write:
    d.byte = int(sys.argv[4], 0)
a = Args(0 if write else 1, reg, 2, ctypes.pointer(d))
fd = os.open("/dev/i2c-%d" % bus, os.O_RDWR)
fcntl.ioctl(fd, 0x0703, addr)
try:
    fcntl.ioctl(fd, 0x0720, a)
    print("0x%02x" % d.byte)
except OSError as e:
    print(errno.errorcode[e.errno])
EOF
}

check "link_count is 12 on both endpoints" \
	test "$(cat /sys/class/roc/"$n0"/link_count)/$(cat /sys/class/roc/"$n1"/link_count)" = 12/12

out=$(i2cdetect -l)
check "i2cdetect -l lists the 8 buses of the card once" \
	test "$(grep -c "$n0 CRU " <<<"$out")/$(grep -c "$n1 CRU " <<<"$out")" = 8/0
b_eeprom=$(bus eeprom)
b_minipod=$(bus minipod)
b_pll=$(bus si5345-2)
check "adapters minipod, eeprom, si5345-2 found" \
	test -n "$b_eeprom" -a -n "$b_minipod" -a -n "$b_pll"

# eeprom N [PASSES]: up to N bytes of the EEPROM through i2c-dev, to the
# '}'; read PASSES times (default 1), "MISMATCH" if two passes differ
eeprom() {
	"$py" - "$b_eeprom" "$1" "${2:-1}" <<'EOF'
import ctypes, fcntl, os, struct, sys
fd = os.open("/dev/i2c-%s" % sys.argv[1], os.O_RDWR)
fcntl.ioctl(fd, 0x0703, 0x50)
d = (ctypes.c_uint8 * 34)()
first = None
for p in range(int(sys.argv[3])):
    out = bytearray()
    for r in range(int(sys.argv[2])):
        fcntl.ioctl(fd, 0x0720, struct.pack("BBxxIP", 1, r, 2, ctypes.addressof(d)))
        out.append(d[0])
        if d[0] == 0x7d:
            break
    if first is not None and out != first:
        sys.stdout.write("MISMATCH")
        sys.exit(1)
    first = out
sys.stdout.write(first.decode())
EOF
}
out=$(i2cget -y "$b_eeprom" 0x50 0 2>&1)
check "i2cget reads the EEPROM's first byte" test "$out" = 0x7b
json=$(eeprom 125)
out=$json
check "the EEPROM JSON through i2c-dev" \
	test "$(printf '%s' "$json" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["pn"])')" = "p40_fv22b$serial"

# serial fallback: the firmware does not fetch it, the EEPROM has it
echo 1 >"$knobs/fail_serial"
echo "roc_sim$id" >/sys/bus/roc_sim/drivers/roc_sim/unbind
echo "roc_sim$id" >/sys/bus/roc_sim/drivers/roc_sim/bind
echo 0 >"$knobs/fail_serial"
ep0=$(sim_dev $id 0)
ep1=$(sim_dev $id 1)
n0=${ep0##*/}
n1=${ep1##*/}
check "EEPROM serial fallback at probe, both endpoints" \
	test "$(cat /sys/class/roc/"$n0"/serial)/$(cat /sys/class/roc/"$n1"/serial)" = $serial/$serial
b_eeprom=$(bus eeprom)
b_minipod=$(bus minipod)
b_pll=$(bus si5345-2)

# optical power: a distinct value per link of the card
for p in $(seq 0 23); do echo "$p $((100 + 7 * p))" >"$knobs/rx_power_uw"; done
# hw rocN: its hwmon directory (rocN/hwmonM, see endpoint_test.c)
hw() { local d; for d in /sys/class/roc/"$1"/hwmon*; do [ -e "$d/name" ] && echo "$d"; done; }
out=$("$py" - "$(hw "$n0")" "$(hw "$n1")" <<'EOF'
import sys
bad = []
for e, h in enumerate(sys.argv[1:3]):
    for l in range(12):
        v = open("%s/power%d_input" % (h, l + 1)).read().strip()
        lab = open("%s/power%d_label" % (h, l + 1)).read().strip()
        if v != str(100 + 7 * (12 * e + l)) or lab != "link %d" % l:
            bad.append("ep%d link %d: %s %s" % (e, l, v, lab))
print("; ".join(bad) or "ok")
EOF
)
ok=0
[ "$out" = ok ] && ok=1
check "hwmon power<L+1>_input = knob for every link of both endpoints" test $ok = 1

out=$(sensors 2>&1)
check "sensors shows the labelled link power" \
	grep -qE '^link 11: +[0-9.]+ uW' <<<"$out"

# netlink: the link nests of dev-get carry the same power
nl_power() { "$py" "$top/selftests/nl_links.py" "${1#roc}" 2; }
out=$(nl_power "$n1" 2>&1)
check "netlink dev-get: rx-power of every link of endpoint 1" \
	test "$out" = "$(for l in $(seq 0 11); do printf '%d ' $((100 + 7 * (12 + l))); done | sed 's/ $//')"

echo 8 >"$knobs/power_loss"
check "a link without light reads 0" test "$(cat "$(hw "$n0")"/power4_input)" = 0
echo 0 >"$knobs/power_loss"

if [ -x "$bin/roc-status" ]; then
	out=$("$bin/roc-status" --json --id "$ep1" 2>&1)
	out2=$("$bin/roc-status" --json --links 3,7 --id "$ep0" 2>&1)
	check "roc-status --json: power of every link of endpoint 1, of links 3,7 of endpoint 0" \
		"$py" -c 'import json, sys
def power(s):
    j = json.loads(s)
    c = j[0] if isinstance(j, list) else j
    return {l["link"]: l["opticalPowerUw"] for l in c["links"]}
assert power(sys.argv[1]) == {l: 100 + 7 * (12 + l) for l in range(12)}, sys.argv[1]
assert power(sys.argv[2]) == {3: 121, 7: 149}, sys.argv[2]' "$out" "$out2"
fi

# clock: every register of the three maps, in order, then nothing again
maps=$top/data/clock-maps
if [ -x "$bin/roc-config" ]; then
	for f in Si5345-RevD_ttc_pll1_zdb:si5345-1 Si5345-RevD_ttc_pll2_zdb:si5345-2 \
		 Si5344-RevD-TFC_40:si5344; do
		tr -d '\r' <"$maps/${f%:*}.csv" |
			awk -F, -v c="${f#*:}" '/^0x/ { print c, tolower($1), tolower($2) }'
	done >"$tmp/want"
	echo clear >"$knobs/pll_log"
	# (the card starts on the TTC clock: --force programs it all the same)
	out=$(ROC_CLOCK_MAPS=$maps "$bin/roc-config" --id "$ep0" --clock ttc --force 2>&1)
	rc=$?
	cat "$knobs/pll_log" >"$tmp/got"
	out+=$'\n'"rc $rc, $(wc -l <"$tmp/got") writes logged; diff: $(diff "$tmp/want" "$tmp/got" | head -4)"
	check "roc-config --clock ttc --force programs every register of the maps in order" \
		sh -c "[ $rc = 0 ] && cmp -s '$tmp/want' '$tmp/got'"
	w=$(cat "$knobs/pll_writes")
	out=$(ROC_CLOCK_MAPS=$maps "$bin/roc-config" --id "$ep1" --clock ttc 2>&1)
	check "a second --clock ttc writes nothing" \
		sh -c "[ $? = 0 ] && [ $(cat "$knobs/pll_writes") = $w ] && grep -q 'already' <<'EOF'
$out
EOF"
	out=$("$bin/roc-status" --json --id "$ep1" 2>&1)
	check "roc-status reads the clock from the PLL" \
		"$py" -c 'import json, sys; j = json.loads(sys.argv[1]); c = j[0] if isinstance(j, list) else j; assert c["pllClock"] == "TTC", c.get("pllClock")' "$out"
fi

# SFP1 PON receive power through libroc: 5000 x 0.1 uW = -3.01 dBm
out=$("$py" - "$top/build/lib/libroc.so.0" "$ep1" <<'EOF' 2>&1
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
card = ctypes.c_void_p()
assert lib.roc_card_open(sys.argv[2].encode(), 0, ctypes.byref(card)) == 0
d = ctypes.c_double()
ret = lib.roc_cru_pon_rx_power(card, ctypes.byref(d))
print("%d %.2f" % (ret, d.value))
EOF
)
check "roc_cru_pon_rx_power() of endpoint 1: -3.01 dBm" test "$out" = "0 -3.01"

# faults: NACK -> ENXIO, timeout -> ETIMEDOUT; the bus works afterwards
echo 0x50 >"$knobs/i2c_nack"
out=$(smbus "$b_eeprom" 0x50 0)
echo 255 >"$knobs/i2c_nack"
check "NACK: ENXIO" test "$out" = ENXIO
out=$(i2cget -y "$b_eeprom" 0x50 0 2>&1)
check "bus usable after a NACK" test "$out" = 0x7b
echo 1 >"$knobs/i2c_timeout"
out=$(smbus "$b_eeprom" 0x50 0)
check "timeout: ETIMEDOUT" test "$out" = ETIMEDOUT
out=$(i2cget -y "$b_eeprom" 0x50 1 2>&1)
check "bus usable after a timeout" test "$out" = 0x22

# two processes at once, each checking every byte it reads
hammer() { [ "$(eeprom 125 6)" = "$json" ] || { echo "bad read"; return 1; }; }
hammer >"$tmp/h1" 2>&1 &
p1=$!
hammer >"$tmp/h2" 2>&1 &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
out=$(cat "$tmp/h1" "$tmp/h2")
check "two processes hammering the EEPROM and a PLL" test $r1/$r2 = 0/0

# a missing MiniPOD: its endpoint has no readings, the other one keeps them
echo 2 >"$knobs/minipod_missing"
cat "$(hw "$n1")/power1_input" >/dev/null 2>&1
r1=$?
out=$(cat "$(hw "$n1")/power1_input" 2>&1)
r2=$?
v0=$(cat "$(hw "$n0")/power1_input" 2>&1)
echo 0 >"$knobs/minipod_missing"
check "missing MiniPOD: endpoint 1 has no reading, endpoint 0 has" \
	test "$r1/$r2/$v0" = 1/1/100
