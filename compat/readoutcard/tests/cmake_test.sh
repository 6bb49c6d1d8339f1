#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# cxx_cmake_test - a consumer project finds roc's ReadoutCard package the
# way O2 Readout does (find_package(ReadoutCard), target
# AliceO2::ReadoutCard) in a DESTDIR-staged install, compiles, links and
# runs; pkg-config roc++ builds the same program.  Prints TAP.
set -u
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
check() {
	local name=$1; shift
	n=$((n + 1))
	if "$@" >"$tmp/log" 2>&1; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"; sed 's/^/#   /' "$tmp/log" | tail -30
		fail=1
	fi
}
stage=$tmp/stage
prefix=/usr/local
check "install-cxx into a DESTDIR stage" \
	make -s -C "$top" install-lib install-cxx DESTDIR="$stage" PREFIX=$prefix
mkdir -p "$tmp/app"
cat >"$tmp/app/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.13)
project(readout_consumer CXX)
find_package(ReadoutCard 0.20 REQUIRED)
add_executable(consumer main.cxx)
target_compile_definitions(consumer PRIVATE WITH_READOUTCARD)
target_link_libraries(consumer PRIVATE AliceO2::ReadoutCard)
CM
cat >"$tmp/app/main.cxx" <<'CX'
// The headers and calls of Readout's ReadoutEquipmentRORC and ALF.
#include <ReadoutCard/CardFinder.h>
#include <ReadoutCard/ChannelFactory.h>
#include <ReadoutCard/DmaChannelInterface.h>
#include <ReadoutCard/Exception.h>
#include <ReadoutCard/MemoryMappedFile.h>
#include <ReadoutCard/Parameters.h>
#include <ReadoutCard/Version.h>
#include <cstdio>
int main(int argc, char**)
{
  std::printf("ReadoutCard %s\n", AliceO2::roc::getReadoutCardVersion());
  AliceO2::roc::Parameters params;
  params.setCardId(AliceO2::roc::Parameters::cardIdFromString("#0"));
  params.setChannelNumber(0);
  params.setFirmwareCheckEnabled(true);
  params.setDataSource(AliceO2::roc::DataSource::fromString("Internal"));
  params.setBufferParameters(AliceO2::roc::buffer_parameters::Memory{ nullptr, 0 });
  if (argc > 1) { // link everything, run nothing that needs a card
    AliceO2::roc::ChannelFactory::DmaChannelSharedPtr channel = AliceO2::roc::ChannelFactory().getDmaChannel(params);
    channel->startDma();
    std::printf("%s %d\n", channel->getPciAddress().toString().c_str(), channel->getTransferQueueAvailable());
    AliceO2::roc::Superpage superpage;
    superpage.setOffset(0);
    channel->pushSuperpage(superpage);
    channel->fillSuperpages();
    auto bar = o2::roc::ChannelFactory().getBar(o2::roc::findCard("#0").pciAddress, 2);
    bar->modifyRegister(0, 4, 8, bar->readRegister(1));
    AliceO2::roc::MemoryMappedFile file("/dev/null", 1, true);
  }
  return 0;
}
CX
check "cmake configure: find_package(ReadoutCard) with CMAKE_PREFIX_PATH" \
	cmake -S "$tmp/app" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$stage$prefix" \
		-DCMAKE_CXX_FLAGS="-Wall -Wextra -Werror"
check "cmake build: compiles and links against AliceO2::ReadoutCard" \
	cmake --build "$tmp/build"
# The staged libraries are found by LD_LIBRARY_PATH (installed: ld.so.conf).
check "the consumer runs" \
	env LD_LIBRARY_PATH="$stage$prefix/lib" "$tmp/build/consumer"
check "pkg-config roc++ builds the same program" \
	bash -c "PKG_CONFIG_PATH='$stage$prefix/lib/pkgconfig' PKG_CONFIG_SYSROOT_DIR='$stage' \
		g++ -Wall -Wextra -Werror -o '$tmp/pc' '$tmp/app/main.cxx' \$(PKG_CONFIG_PATH='$stage$prefix/lib/pkgconfig' PKG_CONFIG_SYSROOT_DIR='$stage' pkg-config --cflags --libs roc++)"
echo "1..$n"
exit $fail
