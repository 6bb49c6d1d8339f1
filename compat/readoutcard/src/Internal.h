// SPDX-License-Identifier: LGPL-2.1-or-later
// Internal interfaces of libroc++.  Every libroc call is in RocCard.cxx,
// RocBar.cxx and RocDmaChannel.cxx; this header does not include libroc.h.
#ifndef ROCXX_INTERNAL_H
#define ROCXX_INTERNAL_H

#include "ReadoutCard/BarInterface.h"
#include "ReadoutCard/CardDescriptor.h"
#include "ReadoutCard/DmaChannelInterface.h"
#include "ReadoutCard/Exception.h"
#include "ReadoutCard/Parameters.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

struct roc_card;
struct roc_bar;

namespace o2
{
namespace roc
{
namespace internal
{

/// libroc's message of its last failure in this thread ("" if none).
std::string librocMessage();

/// Throw @p E for libroc's error @p err: the message is libroc's (it names
/// the card and the problem), else @p what and strerror.
template <typename E>
[[noreturn]] void throwLibroc(int err, const std::string& what)
{
  std::string message = librocMessage();
  if (message.empty())
    message = what + ": " + std::string(std::strerror(-err));
  BOOST_THROW_EXCEPTION(E() << ErrorInfo::Message(message) << ErrorInfo::Errno(err)
                            << ErrorInfo::LibrocMessage(librocMessage()));
}

/// Identity of an open endpoint, read once at open.
struct CardIdentity {
  CardType::type type = CardType::Unknown;
  PciAddress pciAddress{ 0, 0, 0 };
  int numaNode = -1;
  int serial = -1;
  int endpoint = 0;
  uint32_t firmwareHash = 0;
  int linkCount = 0;
  int devId = -1;
  std::string label; ///< "roc3 (CRU 0245:1 at 0000:3b:00.0)"
};

/// An open endpoint (/dev/rocN) and what the C++ classes ask of it.
class RocCard
{
 public:
  /// Open the endpoint @p cardId names (read-write unless @p readOnly).
  /// Throws DeviceFinderException when none matches.
  RocCard(const Parameters::CardIdType& cardId, bool readOnly);
  ~RocCard();
  RocCard(const RocCard&) = delete;
  RocCard& operator=(const RocCard&) = delete;

  /// Throw Exception unless the firmware is accepted; @p enabled false
  /// bypasses the check.
  void checkFirmware(bool enabled);

  const CardIdentity& identity() const
  {
    return mIdentity;
  }

  roc_card* handle() const
  {
    return mCard;
  }

  /// The serial number, none when the card has none
  boost::optional<int32_t> serial() const
  {
    return boost::make_optional(mIdentity.serial >= 0, mIdentity.serial);
  }

  /// The firmware's git hash as ReadoutCard prints it ("%x")
  std::string firmwareInfo() const
  {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%x", mIdentity.firmwareHash);
    return buf;
  }

  /// CRU: temperature now; C-RORC: none
  boost::optional<float> temperature();
  /// CRU: dropped-packet counter now; C-RORC: -1
  int32_t droppedPackets();
  /// CRU: FPGA chip ID "%08x-%08x"; C-RORC: none
  boost::optional<std::string> chipId();
  /// CRU: first-orbit counter of this endpoint; else 0xffffffff
  uint32_t firstOrbit();
  /// Read a register of BAR @p bar (opened on first use)
  uint32_t readRegister(unsigned int bar, uint32_t address);

 private:
  roc_card* mCard = nullptr;
  roc_bar* mBar2 = nullptr;
  CardIdentity mIdentity;
};

std::shared_ptr<DmaChannelInterface> makeDmaChannel(const Parameters& parameters);
std::shared_ptr<BarInterface> makeBar(const Parameters& parameters);

} // namespace internal
} // namespace roc
} // namespace o2

#endif
