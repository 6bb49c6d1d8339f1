// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file DownstreamData.h
/// \brief CRU downstream data (configuration parameter).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_DOWNSTREAMDATA_H
#define ROC_READOUTCARD_PARAMETERTYPES_DOWNSTREAMDATA_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct DownstreamData {
  enum type {
    Ctp = 0,     ///< CTP
    Pattern = 1, ///< pattern player
    Midtrg = 2   ///< MID trigger
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const DownstreamData::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static DownstreamData::type fromString(const std::string& string);

};

} // namespace roc
} // namespace o2

#endif
