#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging/test-deb.sh - the packaging test (issue 16), as root on the
# build machine: `make deb` and lintian without errors; install the .debs
# with apt; check the installed files, conffile, group, library, pkg-config,
# Python binding and that DKMS built and installed both modules for every
# installed kernel with headers; boot the 6.12 VM (vm/run.sh, the host's
# root file system) and load the DKMS-built modules with modprobe, add
# simulated cards, run roc-list-cards, the Python binding and the metrics
# writer of the installed packages; upgrade roc-tools and check that a
# changed conffile is kept; purge and check that nothing is left; `make rpm`
# and compare its file lists with the Debian split.  TAP, closing with
# "N passed, N failed"; exit status 0 only if nothing failed.
#
# Environment: ROC_PKG_VM=0 skips the VM boot, ROC_PKG_RPM=0 the RPM build.
# Run time: 22-26 minutes on 2 cores with a load of 13 (dpkg-buildpackage
# 3 min, lintian 2, DKMS builds of the 6.1 and 6.12 modules and the kernel
# hook's rebuild 3-4 each, one boot 3, rpmbuild 1); an idle machine takes a
# fraction of that.
set -u

top=$(dirname "$(readlink -f "$0")")/..
cd "$top" || exit 1
res=build/pkgtest
rm -rf "$res"
mkdir -p "$res"
pkgs="roc-dkms libroc0 libroc++0 libroc-dev roc-tools python3-roc"
ver=$(packaging/version.sh)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
export DEBIAN_FRONTEND=noninteractive

n=0 passed=0 failed=0 skipped=0
echo "TAP version 13"
result() {
	local rc=$1 name=$2 log=${3:-}
	n=$((n + 1))
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1)); echo "ok $n - $name"
	else
		failed=$((failed + 1)); echo "not ok $n - $name"
		[ -n "$log" ] && [ -s "$log" ] && tail -30 "$log" | sed 's/^/#   /'
	fi
	return "$rc"
}
skip() { n=$((n + 1)); skipped=$((skipped + 1)); echo "ok $n - $1 # SKIP $2"; }
# step NAME CMD...: run CMD with its output in a log.
step() {
	local name=$1 log
	shift
	log=$res/$n.log
	"$@" >"$log" 2>&1
	result $? "$name" "$log"
}
finish() {
	echo "1..$n"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
	exit
}

if [ "$(id -u)" != 0 ]; then
	result 1 "packaging test runs as root (installs packages)"
	finish
fi

installed() { dpkg-query -W -f='${db:Status-Status} ${Package}\n' $pkgs 2>/dev/null | grep -c '^installed '; }
# Left over from an interrupted run.
if [ "$(installed)" != 0 ]; then
	dpkg --purge $pkgs >/dev/null 2>&1
fi

start=$(date +%s)
step "make deb: dpkg-buildpackage and lintian without errors" packaging/build-deb.sh ||
	finish
echo "#   lintian: $(grep -c '^E: ' build/deb/lintian.txt) errors, $(grep -c '^W: ' build/deb/lintian.txt) warnings"
grep -E '^[EW]: ' build/deb/lintian.txt | sed 's/^/#   /'
for p in $pkgs; do
	dpkg-deb -c build/deb/${p}_"$ver"_*.deb >"$res/$p.contents"
done

stamp=$res/stamp
touch "$stamp"
sleep 1
debs=()
for p in $pkgs; do debs+=("$PWD/$(ls build/deb/${p}_"$ver"_*.deb)"); done
step "apt-get install ./*.deb" apt-get install -y --no-install-recommends "${debs[@]}" ||
	finish
cp "$res/$((n - 1)).log" "$res/install.log" 2>/dev/null
for p in $pkgs; do dpkg -L "$p" >"$res/$p.list"; done

# --- files -------------------------------------------------------------------
check_files() {
	local f rc=0
	for f in \
		/usr/src/roc-"$ver"/dkms.conf /usr/src/roc-"$ver"/kernel/Kbuild \
		/usr/src/roc-"$ver"/kernel/sim/bus.c /usr/src/roc-"$ver"/uapi/linux/roc.h \
		/lib/udev/rules.d/60-roc.rules /usr/lib/sysusers.d/roc.conf \
		/usr/lib/modules-load.d/roc.conf \
		/usr/lib/"$multiarch"/libroc.so.0 /usr/lib/"$multiarch"/libroc.so \
		/usr/lib/"$multiarch"/libroc.a /usr/lib/"$multiarch"/pkgconfig/libroc.pc \
		/usr/include/libroc.h /usr/include/linux/roc.h \
		/usr/bin/roc-list-cards /usr/bin/roc-metrics /usr/bin/roc-config \
		/usr/share/man/man1/roc-list-cards.1.gz /usr/libexec/roc/roc-metrics-textfile \
		/lib/systemd/system/roc-metrics.service /lib/systemd/system/roc-metrics.timer \
		/etc/roc/fw-list.ini /usr/share/roc/clock-maps \
		/var/lib/prometheus/node-exporter \
		/usr/lib/python3/dist-packages/roc/__init__.py; do
		[ -e "$f" ] || { echo "missing: $f"; rc=1; }
	done
	return $rc
}
step "installed files in their places" check_files
step "/etc/roc/fw-list.ini is a conffile of roc-tools" \
	sh -c "dpkg-query -W -f='\${Conffiles}\n' roc-tools | grep -q ' /etc/roc/fw-list.ini '"
step "group roc exists" getent group roc
step "the tools have no RUNPATH" sh -c '! readelf -d /usr/bin/roc-* | grep -E "RPATH|RUNPATH"'
step "roc-list-cards --version runs from /usr/bin" sh -c "cd / && roc-list-cards --version"
step "the timer and service are installed disabled" sh -c \
	'! ls /etc/systemd/system/*/roc-metrics.* 2>/dev/null | grep -q .'
cc_test() {
	local d
	d=$(mktemp -d)
	printf '%s\n' '#include <stdio.h>' '#include <libroc.h>' \
		'int main(void) { puts(roc_version_string()); return 0; }' >"$d/t.c"
	# shellcheck disable=SC2046
	cc -o "$d/t" "$d/t.c" $(pkg-config --cflags --libs libroc) &&
		[ "$("$d/t")" = "$ver" ] && [ "$(pkg-config --modversion libroc)" = "$ver" ]
	local rc=$?
	rm -rf "$d"
	return $rc
}
step "libroc-dev: a program builds with pkg-config libroc and runs" cc_test
cxx_test() {
	local d rc
	d=$(mktemp -d)
	printf '%s\n' 'cmake_minimum_required(VERSION 3.16)' 'project(t CXX)' \
		'find_package(ReadoutCard REQUIRED)' 'add_executable(t t.cxx)' \
		'target_link_libraries(t AliceO2::ReadoutCard)' >"$d/CMakeLists.txt"
	printf '%s\n' '#include <cstdio>' '#include <ReadoutCard/Version.h>' \
		'int main() { std::puts(AliceO2::roc::getReadoutCardVersion()); }' >"$d/t.cxx"
	cmake -S "$d" -B "$d/b" >/dev/null && cmake --build "$d/b" >/dev/null &&
		"$d/b/t" && [ "$(pkg-config --modversion roc++)" = "$ver" ] &&
		g++ -std=c++17 -o "$d/t2" "$d/t.cxx" -lO2ReadoutCard && "$d/t2"
	rc=$?
	rm -rf "$d"
	return $rc
}
step "libroc-dev: a CMake project with find_package(ReadoutCard), and g++ -lO2ReadoutCard, build and run" cxx_test
step "python3-roc imports from dist-packages and loads libroc.so.0" sh -c \
	'cd / && /usr/bin/python3 -c "import roc, sys; print(roc.__file__, roc.library_path, roc.__version__); sys.exit(not (roc.__file__.startswith(\"/usr/lib/python3/dist-packages/roc/\") and roc.library_path == \"libroc.so.0\"))"'

# --- DKMS ----------------------------------------------------------------------
kernels=()
for b in /lib/modules/*/build; do
	[ -e "$b/Makefile" ] || continue
	k=${b%/build}; k=${k##*/}
	kernels+=("$k")
done
check_dkms() {
	local k=$1 m ko magic
	dkms status -m roc -v "$ver" -k "$k" | grep -q ': installed' || { dkms status; return 1; }
	for m in roc roc_sim; do
		ko=$(ls /lib/modules/"$k"/updates/dkms/$m.ko* 2>/dev/null | head -1)
		[ -n "$ko" ] || { echo "no $m.ko for $k"; return 1; }
		magic=$(modinfo -F vermagic "$ko")
		[ "${magic%% *}" = "$k" ] || { echo "$ko: vermagic $magic"; return 1; }
		modinfo -F filename -b / -k "$k" "$m" | grep -q /updates/dkms/ ||
			{ echo "depmod does not resolve $m to the DKMS module"; return 1; }
	done
}
for k in "${kernels[@]}"; do
	step "DKMS built and installed roc.ko and roc_sim.ko for $k" check_dkms "$k"
done
# A kernel installed later: its kernel hook builds the modules (AUTOINSTALL).
k=${kernels[0]:-}
if [ -n "$k" ]; then
	hook_test() {
		dkms remove -m roc -v "$ver" -k "$k" || return 1
		# (dkms drops a version built for no kernel: add it back then)
		dkms status -m roc -v "$ver" | grep -q . || dkms add -m roc -v "$ver" || return 1
		! ls /lib/modules/"$k"/updates/dkms/roc.ko* 2>/dev/null &&
			/etc/kernel/postinst.d/dkms "$k" && check_dkms "$k"
	}
	step "a new kernel ($k, through /etc/kernel/postinst.d/dkms) gets the modules" hook_test
fi

# --- the VM: the DKMS modules, the installed tools ----------------------------------
if [ "${ROC_PKG_VM:-1}" = 0 ]; then
	skip "VM: DKMS modules with a simulated card" "ROC_PKG_VM=0"
else
	# shellcheck source=vm/kernels.sh
	. vm/kernels.sh
	if roc_lane_resolve 6.12 && check_dkms "$KVER" >/dev/null 2>&1; then
		vm/run.sh -k 6.12 -t 600 -o "$res/vm" -- packaging/test-vm-guest.sh "$KVER" \
			>"$res/vm.log" 2>&1
		vmrc=$?
		while IFS= read -r line; do
			case "$line" in
			"ok - "*) result 0 "VM 6.12: ${line#ok - }" ;;
			"not ok - "*) result 1 "VM 6.12: ${line#not ok - }" ;;
			"# "*) echo "#   ${line#\# }" ;;
			esac
		done <"$res/vm/output.log"
		result "$vmrc" "VM 6.12: the guest ran the checks and powered off" "$res/vm/console.log"
	else
		result 1 "VM: the 6.12 kernel has the DKMS modules"
	fi
fi

# --- upgrade keeps the configuration -------------------------------------------------
upgrade_test() {
	# The next version (the same package, version and default list changed)
	# installed as configuration management does, without questions.
	local d=$res/upgrade nv=${ver}+test1
	printf '\n[cru]\n0xdeadbee = site-test\n' >>/etc/roc/fw-list.ini
	rm -rf "$d"; mkdir -p "$d"
	dpkg-deb -R build/deb/roc-tools_"$ver"_*.deb "$d/pkg" &&
		sed -i "s/^Version: .*/Version: $nv/" "$d/pkg/DEBIAN/control" &&
		echo "; new default of $nv" >>"$d/pkg/etc/roc/fw-list.ini" &&
		dpkg-deb -b "$d/pkg" "$d/roc-tools.deb" >/dev/null &&
		dpkg -i --force-confdef --force-confold "$d/roc-tools.deb" </dev/null &&
		[ "$(dpkg-query -W -f='${Version}' roc-tools)" = "$nv" ] &&
		grep -q '^0xdeadbee = site-test$' /etc/roc/fw-list.ini &&
		grep -q "^; new default of $nv" /etc/roc/fw-list.ini.dpkg-dist &&
		roc-fw-check --help >/dev/null
}
step "upgrading roc-tools keeps a changed /etc/roc/fw-list.ini" upgrade_test

# --- purge ---------------------------------------------------------------------
step "apt-get purge of the five packages" apt-get purge -y $pkgs
check_purged() {
	local f
	[ "$(installed)" = 0 ] || { echo "still installed"; return 1; }
	{
		sort -u "$res"/*.list | while read -r f; do
			# directories of the system stay (/usr/bin, /etc, ...)
			if [ -d "$f" ]; then
				case "$f" in *roc*|*prometheus*) echo "$f" ;; esac
			elif [ -e "$f" ] || [ -L "$f" ]; then
				echo "$f"
			fi
		done
		ls -d /var/lib/dkms/roc /usr/src/roc-* /lib/modules/*/updates/dkms/roc*.ko* \
			/etc/roc /var/lib/prometheus/node-exporter/roc.prom 2>/dev/null
		# anything named roc written since the install, outside the tree
		find /etc /usr /lib /var/lib /var/cache/apt -xdev -newer "$stamp" \
			\( -name roc -o -name 'roc[-_.]*' -o -name '*[-_.]roc' \
			-o -name '*[-_.]roc[-_.]*' -o -name 'libroc*' -o -name '*roc-metrics*' \) \
			-print 2>/dev/null
	} | sort -u >"$res/left.txt"
	if [ -s "$res/left.txt" ]; then echo "left behind:"; cat "$res/left.txt"; return 1; fi
}
step "nothing of the packages is left after the purge" check_purged

# --- RPM -------------------------------------------------------------------------
if [ "${ROC_PKG_RPM:-1}" = 0 ]; then
	skip "make rpm" "ROC_PKG_RPM=0"
else
	step "make rpm: rpmbuild of packaging/roc.spec" packaging/build-rpm.sh &&
		step "the RPMs have the Debian split (same files per package)" \
			python3 packaging/compare-split.py build/deb build/rpm/RPMS
fi
echo "# $(( $(date +%s) - start )) s"
finish
