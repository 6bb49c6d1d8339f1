// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Hex.h
/// \brief A 32-bit value written in hexadecimal (CRU and C-RORC IDs).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_HEX_H
#define ROC_READOUTCARD_PARAMETERTYPES_HEX_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>
#include <string>

namespace o2
{
namespace roc
{

struct Hex {
  using type = uint32_t;

  /// "0x..." form
  static std::string toString(const Hex::type& value);
  /// Parse hexadecimal, with or without "0x"; throws ParseException
  static Hex::type fromString(const std::string& string);
};

} // namespace roc
} // namespace o2

#endif
