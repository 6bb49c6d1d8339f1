#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging/test-vm-guest.sh KVER - inside the VM (vm/run.sh), with the .debs
# installed on the host: load the modules DKMS built for KVER with modprobe,
# add a simulated CRU and C-RORC and use them through the installed tools,
# Python binding and metrics writer.  TAP lines "ok - ..." on stdout.
set -u
kver=$1
tf=/tmp/textfile

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() {
	local name=$1
	shift
	if "$@" >/tmp/check.log 2>&1; then ok "$name"; else not_ok "$name"; sed 's/^/# /' /tmp/check.log; fi
}

[ "$(uname -r)" = "$kver" ] && ok "guest runs $kver" || not_ok "guest runs $kver, not $(uname -r)"
check "modprobe resolves roc_sim to the DKMS module" \
	sh -c "modinfo -n roc_sim | grep -q '^/lib/modules/$kver/updates/dkms/roc_sim\.ko'"
check "modprobe roc_sim (and roc)" modprobe roc_sim
check "roc is the DKMS module" \
	sh -c "grep -q '^roc ' /proc/modules && modinfo -n roc | grep -q /updates/dkms/"
check "add a simulated CRU (serial 245) and C-RORC (serial 2942)" \
	sh -c 'echo "1 cru 245" >/sys/bus/roc_sim/new_device && echo "2 crorc 2942" >/sys/bus/roc_sim/new_device'
sleep 1
check "roc-list-cards is the installed tool" test "$(command -v roc-list-cards)" = /usr/bin/roc-list-cards
/usr/bin/roc-list-cards >/tmp/list.txt 2>&1
rc=$?
sed 's/^/# /' /tmp/list.txt
check "roc-list-cards exits 0" test "$rc" = 0
check "roc-list-cards lists the CRU's two endpoints and the C-RORC" \
	sh -c '[ "$(awk "\$2 == \"CRU\" && \$4 + 0 == 245" /tmp/list.txt | wc -l)" = 2 ] &&
		[ "$(awk "\$2 == \"CRORC\" && \$4 + 0 == 2942" /tmp/list.txt | wc -l)" = 1 ]'
check "roc-list-cards --json names roc_sim:1.0" \
	sh -c '/usr/bin/roc-list-cards --json | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); assert \"roc_sim:1.0\" in json.dumps(d), d"'
check "python3-roc from /usr/lib/python3/dist-packages lists three endpoints" \
	sh -c 'cd / && /usr/bin/python3 -c "import roc; assert roc.__file__.startswith(\"/usr/lib/python3/dist-packages/\"), roc.__file__; assert roc.library_path == \"libroc.so.0\", roc.library_path; n = len(roc.list_cards()); assert n == 3, n"'
mkdir -p "$tf"
check "roc-metrics-textfile writes roc.prom" /usr/libexec/roc/roc-metrics-textfile "$tf"
sed 's/^/# /' "$tf/roc.prom" | head -20
check "roc.prom: no temporary file left" sh -c "[ -z \"\$(ls -A $tf | grep -v '^roc.prom\$')\" ]"
check "roc.prom parses as Prometheus text with card metrics, success 1" \
	/usr/bin/python3 "$(dirname "$0")/check-prom.py" "$tf/roc.prom" roc_metrics_success=1 roc_card_
# The HTTP exporter, started as roc-metrics-http.socket would (Accept=yes).
ip link set lo up 2>/dev/null
systemd-socket-activate --inetd -a -l 127.0.0.1:9731 /usr/libexec/roc/roc-metrics-http \
	>/tmp/http.log 2>&1 &
http_pid=$!
check "HTTP exporter: GET /metrics parses, with card metrics and success 1" \
	/usr/bin/python3 "$(dirname "$0")/check-prom.py" http://127.0.0.1:9731/metrics \
	roc_metrics_success=1 roc_card_
check "HTTP exporter: GET /other is 404" /usr/bin/python3 -c '
import urllib.request, urllib.error
try:
    urllib.request.urlopen("http://127.0.0.1:9731/other", timeout=10)
except urllib.error.HTTPError as e:
    raise SystemExit(e.code != 404)
raise SystemExit(1)'
kill "$http_pid" 2>/dev/null
wait "$http_pid" 2>/dev/null
check "remove the simulated cards, unload" \
	sh -c 'echo 1 >/sys/bus/roc_sim/del_device && echo 2 >/sys/bus/roc_sim/del_device && modprobe -r roc_sim roc'
check "roc-metrics-textfile without the driver: success 0, exit 1" \
	sh -c "! /usr/libexec/roc/roc-metrics-textfile $tf && /usr/bin/python3 $(dirname "$0")/check-prom.py $tf/roc.prom roc_metrics_success=0"
