// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file DatapathMode.h
/// \brief CRU datapath mode (configuration parameter).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_DATAPATHMODE_H
#define ROC_READOUTCARD_PARAMETERTYPES_DATAPATHMODE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct DatapathMode {
  enum type {
    Streaming = 0, ///< continuous stream
    Packet = 1     ///< packets
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const DatapathMode::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static DatapathMode::type fromString(const std::string& string);

};

} // namespace roc
} // namespace o2

#endif
