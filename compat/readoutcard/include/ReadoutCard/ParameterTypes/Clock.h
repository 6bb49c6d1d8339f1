// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Clock.h
/// \brief CRU clock selection (configuration parameter).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_CLOCK_H
#define ROC_READOUTCARD_PARAMETERTYPES_CLOCK_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct Clock {
  enum type {
    Ttc = 0,   ///< the TTC clock
    Local = 2  ///< the local oscillator
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const Clock::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static Clock::type fromString(const std::string& string);

};

} // namespace roc
} // namespace o2

#endif
