// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file PciAddress.h
/// \brief Bus address of an endpoint.
///
/// ReadoutCard's "lspci" form "bb:ss.f".  roc also accepts a PCI domain
/// ("dddd:bb:ss.f", printed back without it when it is 0000) and the
/// address of a simulated endpoint ("roc_sim:C.E"), which has no bus,
/// slot or function (they read -1).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_PCIADDRESS_H
#define ROC_READOUTCARD_PARAMETERTYPES_PCIADDRESS_H

#include "ReadoutCard/NamespaceAlias.h"
#include <ostream>
#include <string>
#include <boost/optional.hpp>

namespace o2
{
namespace roc
{

class PciAddress
{
 public:
  /// Parse "bb:ss.f", "dddd:bb:ss.f" or "roc_sim:C.E"; throws ParseException
  PciAddress(const std::string& string);

  /// bus 0-0xff, slot 0-0x1f, function 0-7; throws ParseException
  PciAddress(int bus, int slot, int function);

  /// "bb:ss.f" (with "dddd:" in front for a domain other than 0)
  std::string toString() const;

  /// As the string constructor, without throwing
  static boost::optional<PciAddress> fromString(std::string string);

  bool operator==(const PciAddress& other) const
  {
    return mDomain == other.mDomain && mBus == other.mBus && mSlot == other.mSlot &&
           mFunction == other.mFunction && mOther == other.mOther;
  }

  bool operator!=(const PciAddress& other) const
  {
    return !(*this == other);
  }

  int getBus() const
  {
    return mBus;
  }

  int getSlot() const
  {
    return mSlot;
  }

  int getFunction() const
  {
    return mFunction;
  }

  /// roc: the PCI domain (0 for most machines)
  int getDomain() const
  {
    return mDomain;
  }

  friend std::ostream& operator<<(std::ostream& os, const PciAddress& pciAddress);

 private:
  PciAddress() = default;
  static bool parse(const std::string& string, PciAddress& out);

  int mDomain = 0;
  int mBus = -1;
  int mSlot = -1;
  int mFunction = -1;
  std::string mOther; ///< a non-PCI address ("roc_sim:1.0"), else empty
};

} // namespace roc
} // namespace o2

#endif
