# SPDX-License-Identifier: GPL-2.0
#
# roc - driver, library and tools for the ALICE CRU and C-RORC readout cards.
#
#   make            modules (against KDIR), lib, utils and selftests
#   make deps       install every Debian package needed to build and test
#   make check      all tests: static checks, native unit tests, then the
#                   VM suite on Debian 6.1, Debian 6.12 and the debug kernel
#   make run        build, boot a VM with simulated cards, run a readout
#   make stress     long runs on the debug kernel (vm/stress.sh): fuzzer,
#                   then kmemleak and the kernel log
#   make install    modules, uapi header, library, tools, udev rules
#
# KDIR defaults to the newest installed Debian kernel headers (not
# `uname -r`); KDIR=... overrides it.

DEBIAN_KDIRS := $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V)
KDIR ?= $(lastword $(DEBIAN_KDIRS))
# Modules of each kernel build in their own copy: build/kmod/<name>, where
# <name> is the /lib/modules directory (or the build tree's) name.
KNAME := $(notdir $(patsubst %/build,%,$(patsubst %/,%,$(KDIR))))

PREFIX ?= /usr/local
DESTDIR ?=
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
UDEVRULESDIR ?= /usr/lib/udev/rules.d
# Where lib/ and utils/ install, passed down to their Makefiles.
USER_INSTALL_VARS = PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) LIBDIR=$(LIBDIR) \
	INCLUDEDIR=$(INCLUDEDIR) BINDIR=$(BINDIR) MANDIR=$(MANDIR)

CC ?= cc
export CC

KBUILD_DIR := build/kmod/$(KNAME)

# Packages for `make deps` (Debian 12).
DEB_PACKAGES := build-essential pkg-config kmod cpio xz-utils rsync bc bison \
	flex libelf-dev libssl-dev dwarves python3 \
	linux-headers-amd64 linux-image-amd64 \
	linux-headers-6.12-amd64 linux-image-6.12-amd64 linux-source-6.12 \
	qemu-system-x86 busybox-static udev dkms sparse \
	libnl-3-dev libnl-genl-3-dev libnuma-dev libinih-dev libjson-c-dev
# plots of `make bench`
DEB_PACKAGES += gnuplot-nox
# I2C and MTD user tools the tests drive (i2cdetect/i2cget, flashcp/mtd_debug)
DEB_PACKAGES += i2c-tools libi2c-dev mtd-utils lm-sensors
# the C++ API (ReadoutCard compatibility) and its CMake package test
DEB_PACKAGES += g++ cmake libboost-dev
# packages: make deb / make rpm
DEB_PACKAGES += debhelper dh-dkms lintian rpm fakeroot

all: modules lib utils unit selftests

# Build the modules in a copy per kernel release, so that several kernels'
# objects can coexist (make check builds all three).
modules:
	@test -f "$(KDIR)/Makefile" || { echo "no kernel headers at KDIR='$(KDIR)' (run 'make deps')" >&2; exit 1; }
	@mkdir -p $(KBUILD_DIR)
	@rsync -a --delete kernel uapi VERSION $(KBUILD_DIR)/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(KBUILD_DIR)/kernel modules
	@rsync -a --delete selftests/kmod/ $(KBUILD_DIR)/kmod/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(KBUILD_DIR)/kmod \
		KBUILD_EXTRA_SYMBOLS=$(CURDIR)/$(KBUILD_DIR)/kernel/Module.symvers modules

selftests:
	$(MAKE) -C selftests

# libroc (build/lib), the roc-* tools (build/utils) and the native unit
# tests (build/unit/*_test, run by `make check`).
lib:
	$(MAKE) -C lib

utils: lib
	$(MAKE) -C utils

unit: lib
	$(MAKE) -C lib unit
	$(MAKE) -C utils unit

deps:
	@if dpkg -s $(DEB_PACKAGES) >/dev/null 2>&1; then \
		echo "deps: all $(words $(DEB_PACKAGES)) packages installed"; \
	else \
		apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y \
			--no-install-recommends $(DEB_PACKAGES); \
	fi
	@getent group roc >/dev/null || groupadd --system roc

check: utils unit
	vm/check.sh

run: all
	vm/main-job.sh

# Long runs (hours on the debug kernel), not part of `make check`; the steps
# and their environment variables are listed in vm/stress.sh.
stress: utils
	vm/stress.sh

install: modules install-lib install-utils install-python
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(KBUILD_DIR)/kernel \
		INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=updates \
		DEPMOD=/bin/true modules_install
	install -D -m 0644 uapi/linux/roc.h $(DESTDIR)$(INCLUDEDIR)/linux/roc.h
	install -D -m 0644 udev/60-roc.rules $(DESTDIR)$(UDEVRULESDIR)/60-roc.rules
	@if [ -z "$(DESTDIR)" ]; then getent group roc >/dev/null || groupadd --system roc; fi
	@if [ -z "$(DESTDIR)" ]; then depmod -a $(KNAME); fi

# The library (shared, static, header, libroc.pc) and the tools with their
# man pages, without the modules.
install-lib: lib
	$(MAKE) -C lib install $(USER_INSTALL_VARS)

install-utils: utils
	$(MAKE) -C utils install $(USER_INSTALL_VARS)

# The Python package roc (pure Python over libroc.so.0) under
# $(PREFIX)/lib/python3/dist-packages.
install-python:
	$(MAKE) -C python install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	rm -rf build
	$(MAKE) -C selftests clean

.PHONY: all modules selftests lib utils unit deps check run install \
	install-lib install-utils install-python clean

# Benchmarks (issue 6): `make bench` boots the 6.12 kernel and writes
# build/bench/<date>/{results.json,results.md,*.png} (bench/run.sh; the
# summary is BENCHMARKS.md); `make bench-smoke` runs everything briefly.
# The native smoke test (bench-checker) joins the unit tests of make check.
bench-progs: lib
	$(MAKE) -C bench

bench: bench-progs
	bench/run.sh

bench-smoke: bench-progs
	bench/run.sh --smoke

unit: bench-unit
bench-unit: bench-progs
	@mkdir -p build/unit
	install -m 0755 bench/checker_smoke.sh build/unit/bench_checker_test

.PHONY: bench bench-smoke bench-progs bench-unit
.PHONY: stress

# The ReadoutCard C++ API on libroc (compat/readoutcard, issue 15): `make
# cxx` builds build/cxx/libroc++.so, roc++.pc, the CMake package
# (find_package(ReadoutCard) -> AliceO2::ReadoutCard) and the VM selftest
# build/selftests/cxx_readout_test; its native tests (API, CMake consumer)
# join the unit tests; `make install-cxx` installs library, headers
# ReadoutCard/*.h, roc++.pc and lib/cmake/ReadoutCard.
cxx: lib
	$(MAKE) -C compat/readoutcard

selftests: cxx
unit: cxx-unit
cxx-unit: cxx
	$(MAKE) -C compat/readoutcard unit

install-cxx: cxx
	$(MAKE) -C compat/readoutcard install $(USER_INSTALL_VARS)

.PHONY: cxx cxx-unit install-cxx

# Packages (issue 16): `make deb` builds roc-dkms, libroc0, libroc-dev,
# roc-tools and python3-roc into build/deb/ and runs lintian on them
# (packaging/build-deb.sh); `make rpm` builds the same split for EL9 from
# packaging/roc.spec into build/rpm/ (packaging/build-rpm.sh);
# `make test-packages` builds both, installs the .debs on this machine,
# builds the modules with DKMS, loads them in the VM and purges everything
# (packaging/test-deb.sh, as root).
deb:
	packaging/build-deb.sh

rpm:
	packaging/build-rpm.sh

test-packages:
	packaging/test-deb.sh

.PHONY: deb rpm test-packages
# dh_python3 for python3-roc; the Prometheus text parser of the package test
DEB_PACKAGES += dh-python python3-prometheus-client
