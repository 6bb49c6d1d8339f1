// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file GbtMode.h
/// \brief CRU GBT mode (configuration parameter).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_GBTMODE_H
#define ROC_READOUTCARD_PARAMETERTYPES_GBTMODE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct GbtMode {
  enum type {
    Gbt = 0, ///< GBT frames
    Wb = 1   ///< wide bus
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const GbtMode::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static GbtMode::type fromString(const std::string& string);

};

} // namespace roc
} // namespace o2

#endif
