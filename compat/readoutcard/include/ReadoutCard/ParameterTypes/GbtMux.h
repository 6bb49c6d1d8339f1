// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file GbtMux.h
/// \brief CRU GBT multiplexer of a link (configuration parameter).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_GBTMUX_H
#define ROC_READOUTCARD_PARAMETERTYPES_GBTMUX_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct GbtMux {
  enum type {
    Ttc = 0,   ///< TTC
    Ddg = 1,   ///< detector data generator
    Swt = 2,   ///< single-word transactions
    TtcUp = 3, ///< TTC upstream
    Ul = 4,    ///< user logic
    Na = -1    ///< not available
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const GbtMux::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static GbtMux::type fromString(const std::string& string);

};

} // namespace roc
} // namespace o2

#endif
