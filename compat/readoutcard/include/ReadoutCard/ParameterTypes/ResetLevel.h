// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file ResetLevel.h
/// \brief Depth of DmaChannelInterface::resetChannel().
#ifndef ROC_READOUTCARD_PARAMETERTYPES_RESETLEVEL_H
#define ROC_READOUTCARD_PARAMETERTYPES_RESETLEVEL_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct ResetLevel {
  enum type {
    Nothing = 0,     ///< no reset
    Internal = 1,    ///< the DMA engine of the card
    InternalSiu = 2  ///< and the C-RORC SIU over the DDL link
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const ResetLevel::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static ResetLevel::type fromString(const std::string& string);

  /// True if the level reaches beyond the card (InternalSiu)
  static bool includesExternal(const ResetLevel::type& value);
};

} // namespace roc
} // namespace o2

#endif
