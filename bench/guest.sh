#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/guest.sh [--smoke] [--reg-only] [--load KMODDIR] OUTDIR - the in-VM benchmarks
# of `make bench`, as root inside the guest (bench/run.sh boots it).
#
# Creates two simulated CRUs (IDs 61, 62: four endpoints) and a C-RORC
# (ID 63), runs the baselines (getppid, memcpy), the control path in
# no-data mode (ioctls, rings, ring thread), the readout sweep on both
# paths, the endpoint scaling, the C-RORC at a fixed line rate with small
# and large superpages, BAR access, and buffer registration
# (roc on the simulated card, mmap+populate, VFIO on a QEMU edu device
# behind intel-iommu when there is one, and roc bound to the edu device
# when a test backend module for it is present), and appends one JSON line
# per measure to OUTDIR/bench.jsonl.  Environment and skipped parts go to
# OUTDIR/guest.json.  --smoke: tiny sizes and times, to check that
# everything runs (selftests/bench_test.sh).  --load: insmod roc.ko and
# roc_sim.ko from KMODDIR first (and unload them at the end); the edu
# backend is then KMODDIR/../kmod/roc_edu.ko, built for the same kernel.
# --reg-only: only the buffer registration (section 4).
#
# Exit status: 0 when every benchmark ran, 1 if one failed (the others
# still run).  Each benchmark program gets ROC_BENCH_STEP_TIMEOUT seconds
# (default 600).
set -u

top=$(dirname "$(readlink -f "$0")")/..
bin=$top/build/bench/bin
smoke=0
reg_only=0
kmod=
while [ $# -gt 1 ]; do
	case "$1" in
	--smoke) smoke=1; shift ;;
	--reg-only) reg_only=1; shift ;;
	--load) kmod=$2; shift 2 ;;
	*) break ;;
	esac
done
out=${1:?usage: bench/guest.sh [--smoke] [--load KMODDIR] OUTDIR}
mkdir -p "$out"
jsonl=$out/bench.jsonl
: >"$jsonl"
status=0
skipped=()
sims=()
hp2m=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
hp2m_orig=$(cat $hp2m 2>/dev/null || echo 0)
edu_bdf=
edu_orig_driver=

log() { echo "bench: $*" >&2; }

cleanup() {
	local s
	for s in "${sims[@]}"; do
		echo "$s" >/sys/bus/roc_sim/del_device 2>/dev/null
	done
	[ -w $hp2m ] && echo "$hp2m_orig" >$hp2m 2>/dev/null
	if [ -n "$edu_bdf" ]; then
		local d=/sys/bus/pci/devices/$edu_bdf
		[ -e "$d/driver" ] && echo "$edu_bdf" >"$d/driver/unbind" 2>/dev/null
		echo >"$d/driver_override" 2>/dev/null
	fi
	# the edu backend this script loaded goes, whoever loaded roc
	[ -n "${edu_loaded:-}" ] && rmmod "$edu_loaded" 2>/dev/null
	if [ -n "$kmod" ]; then
		rmmod roc_edu 2>/dev/null
		rmmod roc_sim 2>/dev/null
		rmmod roc 2>/dev/null
	fi
}
trap cleanup EXIT

# run NAME CMD...: one benchmark program; its JSON lines go to bench.jsonl.
run() {
	local name=$1 rc t0=$SECONDS
	shift
	log "$name: $*"
	timeout -k 5 "${ROC_BENCH_STEP_TIMEOUT:-600}" "$@" >>"$jsonl" 2>"$out/err.txt"
	rc=$?
	if [ "$rc" != 0 ]; then
		log "$name FAILED (exit $rc): $(tr '\n' ' ' <"$out/err.txt")"
		echo "{\"bench\": \"failed\", \"name\": \"$name\", \"exit\": $rc}" >>"$jsonl"
		status=1
	fi
	rm -f "$out/err.txt"
	log "$name: $((SECONDS - t0)) s"
	return "$rc"
}

skip() { log "skipped: $*"; skipped+=("$*"); }

card_dev() {	# bus address -> /dev/rocN
	local d
	for d in /sys/class/roc/roc*; do
		[ -e "$d/pci_address" ] || continue
		[ "$(cat "$d/pci_address")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}

if [ -n "$kmod" ]; then
	insmod "$kmod/roc.ko" || exit 1
	insmod "$kmod/roc_sim.ko" || exit 1
fi
for c in 61 62 63; do
	t=cru
	[ $c = 63 ] && t=crorc
	echo "$c $t $((4000 + c))" >/sys/bus/roc_sim/new_device || exit 1
	sims+=("$c")
done
for i in $(seq 50); do
	[ -n "$(card_dev roc_sim:62.1)" ] && [ -n "$(card_dev roc_sim:63.0)" ] && break
	sleep 0.1
done
crorc=$(card_dev roc_sim:63.0)
ep0=$(card_dev roc_sim:61.0)
ep1=$(card_dev roc_sim:61.1)
ep2=$(card_dev roc_sim:62.0)
ep3=$(card_dev roc_sim:62.1)
[ -n "$ep0" ] && [ -n "$ep3" ] || { log "no /dev/rocN for the simulated CRUs"; exit 1; }
knobs=/sys/kernel/debug/roc_sim
[ -d $knobs ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# room for four 64 MiB readout buffers and the control-path page
[ "$hp2m_orig" -lt 160 ] && echo 160 >$hp2m

# The host may be busy with other work: besides the baselines of the whole
# run, a short one is taken right before each control-path and readout
# measure (PAIR_*), and bench/report.py compares each with its own.
if [ "$smoke" = 1 ]; then
	REP=2 T=0.1 GETPPID=20000 MEMCPY=8M PAIR_GETPPID=5000 PAIR_MEMCPY=4M
	CTL_BATCHES="64" SWEEP="1M" SWEEP_BUF=16M SCALE_BUF=16M
	CRORC_SP="32K 1M" CRORC_BUF=4M CRORC_MBPS=200
	SCALE_EPS="2" BAR_PROCS="2" BAR2_MODES= REG_SIZE=4M REG_PAGES="4k 2m"
	REG_REP=2 REG1_REP=2 EDU_SIZE=4M
else
	REP=5 T=1 GETPPID=2000000 MEMCPY=256M PAIR_GETPPID=200000 PAIR_MEMCPY=64M
	CTL_BATCHES="1 8 64" SWEEP="32K 64K 128K 256K 512K 1M 2M 4M 8M"
	SWEEP_BUF=1G SCALE_BUF=64M SCALE_EPS="1 2 4" BAR_PROCS="1 2 4 8 16"
	CRORC_SP="32K 1M" CRORC_BUF=64M CRORC_MBPS=${ROC_BENCH_CRORC_MBPS:-200}
	BAR2_MODES="mmap ioctl batch" REG_SIZE=1G REG_PAGES="4k 2m 1g"
	REG_REP=3 REG1_REP=20 EDU_SIZE=32M
fi
# ROC_BENCH_REG_PAGES: only these page sizes of the registration section
REG_PAGES=${ROC_BENCH_REG_PAGES:-$REG_PAGES}

if [ "$reg_only" = 0 ]; then
# --- baselines ----------------------------------------------------------------
run baseline "$bin/bench-base" --getppid "$GETPPID" --memcpy "$MEMCPY" --repeat "$REP"

# --- 1. control path, no-data mode --------------------------------------------
echo 1 >$knobs/roc_sim61/no_data
for mode in ioctl poll ring thread; do
	for b in $CTL_BATCHES; do
		run "getppid before ctl $mode $b" "$bin/bench-base" \
			--getppid "$PAIR_GETPPID" --repeat 3 --tag pair
		run "ctl $mode $b" "$bin/bench-ctl" --dev "$ep0" --batch "$b" \
			--mode "$mode" --time "$T" --repeat "$REP"
	done
done
# Register accesses per superpage (roc_sim's counters: the same on any
# host), 1 MiB superpages, batch 64, through the ioctls and the rings.
for mode in ioctl poll ring thread; do
	run "regs $mode 64" "$bin/bench-ctl" --dev "$ep0" --batch 64 \
		--superpage-size 1M --mode "$mode" --time "$T" --repeat 1 \
		--regs "$knobs/roc_sim61/ep0/registers"
done
echo 0 >$knobs/roc_sim61/no_data
# The same for a C-RORC channel (one superpage in the card at a time).
echo 1 >$knobs/roc_sim63/no_data
for mode in poll ring thread; do
	run "regs crorc $mode 64" "$bin/bench-ctl" --dev "$crorc" --batch 64 \
		--superpage-size 1M --mode "$mode" --time "$T" --repeat 1 \
		--regs "$knobs/roc_sim63/ep0/registers"
done
echo 0 >$knobs/roc_sim63/no_data

# --- 2. readout sweep, through the rings and through the ioctls ---------------
for path in rings ioctl; do
	for check in full off; do
		for sp in $SWEEP; do
			run "memcpy before readout $path $sp $check" "$bin/bench-base" \
				--memcpy "$PAIR_MEMCPY" --repeat 3 --tag pair
			run "readout $path $sp $check" "$bin/bench-readout" --dev "$ep0" \
				--superpage-size "$sp" --buffer-size "$SWEEP_BUF" \
				--check "$check" --path "$path" --time "$T" \
				--repeat "$REP" --warmup 0.5 --tag sweep
		done
	done
done

# --- 2b. C-RORC: one superpage in the card at a time --------------------------
# The line rate is fixed (roc_sim's rate_mbps), so the throughput shows only
# how long the link idles between superpages: small superpages against
# large ones, on each path (issue 14: >= 0.9 x at 32 KiB with the thread).
echo "$CRORC_MBPS" >$knobs/roc_sim63/rate_mbps
for path in ioctl rings thread; do
	for sp in $CRORC_SP; do
		run "crorc $path $sp" "$bin/bench-readout" --dev "$crorc" \
			--superpage-size "$sp" --buffer-size "$CRORC_BUF" \
			--check full --path "$path" --time "$T" --repeat "$REP" \
			--warmup 0.5 --tag crorc
	done
done
echo 0 >$knobs/roc_sim63/rate_mbps

# --- 3. scaling over endpoints ------------------------------------------------
for n in $SCALE_EPS; do
	devs=()
	for e in $(seq 0 $((n - 1))); do
		case $e in
		0) devs+=(--dev "$ep0") ;; 1) devs+=(--dev "$ep2") ;;
		2) devs+=(--dev "$ep1") ;; 3) devs+=(--dev "$ep3") ;;
		esac
	done
	run "scaling $n" "$bin/bench-readout" "${devs[@]}" --superpage-size 1M \
		--buffer-size "$SCALE_BUF" --check full --time "$T" --repeat "$REP" \
		--warmup "$T" --tag scaling
done

# --- 5. BAR access ------------------------------------------------------------
for p in $BAR_PROCS; do
	for mode in mmap ioctl batch; do
		run "bar0 $mode $p" "$bin/bench-bar" --dev "$ep0" --bar 0 --address 0 \
			--mode "$mode" --batch 64 --procs "$p" --time "$T" --repeat "$REP"
	done
done
for mode in $BAR2_MODES; do
	run "bar2 $mode 1" "$bin/bench-bar" --dev "$ep0" --bar 2 --address 4 \
		--mode "$mode" --batch 64 --procs 1 --time "$T" --repeat "$REP"
done

fi

# --- 4. buffer registration ---------------------------------------------------
# VFIO baseline: a QEMU edu device (1234:11e8) behind intel-iommu, bound to
# vfio-pci through driver_override, in a type1 container.
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor" 2>/dev/null)" = 0x1234 ] &&
		[ "$(cat "$d/device" 2>/dev/null)" = 0x11e8 ] && edu_bdf=$(basename "$d")
done
vfio_group=
bind_edu() {	# DRIVER: bind the edu device to it; 0 on success
	local d=/sys/bus/pci/devices/$edu_bdf
	[ -e "$d/driver" ] && echo "$edu_bdf" >"$d/driver/unbind"
	echo "$1" >"$d/driver_override" &&
		echo "$edu_bdf" >/sys/bus/pci/drivers_probe 2>/dev/null
	[ "$(basename "$(readlink "$d/driver" 2>/dev/null)")" = "$1" ]
}
if [ -z "$edu_bdf" ]; then
	skip "vfio: no edu device (boot with vm/run.sh -i -q -device -q edu)"
elif [ ! -e "/sys/bus/pci/devices/$edu_bdf/iommu_group" ]; then
	skip "vfio: edu device $edu_bdf has no IOMMU group (no intel-iommu)"
	edu_bdf=
elif ! modprobe vfio-pci 2>/dev/null; then
	skip "vfio: cannot load vfio-pci"
elif ! bind_edu vfio-pci; then
	skip "vfio: cannot bind $edu_bdf to vfio-pci"
else
	vfio_group=$(basename "$(readlink "/sys/bus/pci/devices/$edu_bdf/iommu_group")")
	for i in $(seq 50); do
		[ -e "/dev/vfio/$vfio_group" ] && break
		sleep 0.1
	done
fi

# roc itself bound to the edu device: a test backend module (selftests/,
# built under build/) that gives the edu device a /dev/rocN with DMA
# channel 0.  Override with ROC_BENCH_EDU_KO and ROC_BENCH_EDU_DRIVER.
# The module must be built for the running kernel: beside roc.ko's folder
# when --load gave it, else the first one under build/ whose vermagic is
# this kernel's (build/kmod/ holds one copy per kernel).
edu_ko=${ROC_BENCH_EDU_KO:-}
if [ -z "$edu_ko" ] && [ -n "$kmod" ] && [ -e "$kmod/../kmod/roc_edu.ko" ]; then
	edu_ko=$(readlink -f "$kmod/../kmod/roc_edu.ko")
fi
if [ -z "$edu_ko" ]; then
	for k in $(find "$top/build" -name '*edu*.ko' 2>/dev/null | sort); do
		if [ "$(modinfo -F vermagic "$k" 2>/dev/null | cut -d' ' -f1)" = "$(uname -r)" ]; then
			edu_ko=$k
			break
		fi
	done
fi

reg_pages() {	# PAGES: mmap baseline, roc on the sim (address, memfd), VFIO
	local pg=$1 rep=$REG_REP
	# one 1 GiB page registers in microseconds: as many repeats as one 2 MiB
	[ "$pg" = 1g ] && rep=$REG1_REP
	run "register sim $pg" "$bin/bench-reg" --dev "$ep0" --channel 0 \
		--size "$REG_SIZE" --pages "$pg" --repeat "$rep"
	run "register sim memfd $pg" "$bin/bench-reg" --dev "$ep0" --channel 0 \
		--size "$REG_SIZE" --pages "$pg" --repeat "$rep" --memfd
	if [ -n "$vfio_group" ]; then
		run "vfio $pg" "$bin/bench-reg" --vfio-group "$vfio_group" \
			--size "$REG_SIZE" --pages "$pg" --repeat "$rep"
	fi
}
for pg in $REG_PAGES; do
	if [ "$pg" = 2m ]; then
		need=$(( $(numfmt --from=iec "$REG_SIZE") / 2097152 + 8 ))
		[ "$(cat $hp2m)" -lt "$need" ] && echo "$need" >$hp2m
	fi
	if [ "$pg" = 1g ] && [ "$(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages 2>/dev/null || echo 0)" = 0 ]; then
		skip "registration 1g: no free 1 GiB hugepage (boot with hugepagesz=1G hugepages=1)"
		continue
	fi
	reg_pages "$pg"
	[ "$pg" = 2m ] && echo 160 >$hp2m
done
# One hugepage of each size: the cost per folio (issue 14: one 1 GiB page
# no dearer than 2 x one 2 MiB page).  The 1 GiB one is the 1g run above.
for how in "" --memfd; do
	run "register sim one 2m${how:+ memfd}" "$bin/bench-reg" --dev "$ep0" --channel 0 \
		--size 2M --pages 2m --repeat "$REG1_REP" $how
done

# roc bound to the edu device (behind intel-iommu) against VFIO on the same
# device, with the same memory: the edu device's 28-bit DMA mask leaves
# roc's IOVA allocator 256 MiB (size-aligned ranges, page 0 reserved,
# freed lazily), so EDU_SIZE, not REG_SIZE.
edu_pages="4k 2m"
if [ -n "$vfio_group" ]; then
	for pg in $edu_pages; do
		run "vfio edu-size $pg" "$bin/bench-reg" --vfio-group "$vfio_group" \
			--size "$EDU_SIZE" --pages "$pg" --repeat "$REG_REP"
	done
fi

edu_roc=
if [ -n "$edu_bdf" ] && [ -n "$edu_ko" ]; then
	edu_drv=${ROC_BENCH_EDU_DRIVER:-roc}
	if insmod "$edu_ko" 2>/dev/null; then
		edu_loaded=$(basename "$edu_ko" .ko)
	fi
	if [ -z "${edu_loaded:-}" ] && [ ! -d "/sys/module/$(basename "$edu_ko" .ko)" ]; then
		skip "roc on edu: cannot load $edu_ko"
	elif ! bind_edu "$edu_drv"; then
		skip "roc on edu: cannot bind $edu_bdf to $edu_drv"
	else
		for d in /sys/class/roc/roc*; do
			[ "$(basename "$(readlink -f "$d/device" 2>/dev/null)")" = "$edu_bdf" ] &&
				edu_roc=/dev/$(basename "$d")
		done
		[ -n "$edu_roc" ] || skip "roc on edu: no /dev/rocN for $edu_bdf"
	fi
	if [ -n "$edu_roc" ]; then
		for pg in $edu_pages; do
			run "register edu $pg" "$bin/bench-reg" --dev "$edu_roc" \
				--channel 0 --size "$EDU_SIZE" --pages "$pg" --repeat "$REG_REP"
			run "register edu memfd $pg" "$bin/bench-reg" --dev "$edu_roc" \
				--channel 0 --size "$EDU_SIZE" --pages "$pg" --repeat "$REG_REP" \
				--memfd
		done
	fi
elif [ -n "$edu_bdf" ]; then
	skip "roc on edu: no test backend module (*edu*.ko under build/)"
fi

# --- environment ----------------------------------------------------------------
{
	printf '{"kernel": "%s", "cpus": %s, "cpu_model": "%s", "mem_kb": %s,' \
		"$(uname -r)" "$(nproc)" \
		"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
		"$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
	printf ' "thp": "%s", "poll_interval_us": %s, "smoke": %s,' \
		"$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)" \
		"$(cat /sys/module/roc/parameters/poll_interval_us 2>/dev/null || echo null)" \
		"$([ $smoke = 1 ] && echo true || echo false)"
	printf ' "crorc_dev": "%s", "crorc_rate_mbps": %s,' "$crorc" "${CRORC_MBPS:-0}"
	printf ' "sim_devs": ["%s", "%s", "%s", "%s"], "edu_bdf": "%s", "vfio_group": "%s", "edu_roc": "%s",' \
		"$ep0" "$ep1" "$ep2" "$ep3" "$edu_bdf" "$vfio_group" "$edu_roc"
	printf ' "skipped": ['
	sep=
	for s in "${skipped[@]}"; do
		printf '%s"%s"' "$sep" "${s//\"/\'}"
		sep=", "
	done
	printf ']}\n'
} >"$out/guest.json"
exit $status
