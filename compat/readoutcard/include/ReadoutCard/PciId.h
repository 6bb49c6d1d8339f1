// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file PciId.h
/// \brief PCI vendor and device ID of a card, as hexadecimal strings.
#ifndef ROC_READOUTCARD_PCIID_H
#define ROC_READOUTCARD_PCIID_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct PciId {
  std::string vendor; ///< e.g. "10dc"
  std::string device; ///< e.g. "0034"

  bool operator==(const PciId& other) const
  {
    return vendor == other.vendor && device == other.device;
  }
};

} // namespace roc
} // namespace o2

#endif
