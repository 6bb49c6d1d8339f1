// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file CardType.h
/// \brief Kind of readout card.
#ifndef ROC_READOUTCARD_CARDTYPE_H
#define ROC_READOUTCARD_CARDTYPE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct CardType {
  enum type {
    Unknown, ///< not identified
    Crorc,   ///< C-RORC
    Cru,     ///< CRU
    Dummy    ///< ReadoutCard's software card; roc has none
  };

  /// "UNKNOWN", "CRORC", "CRU" or "DUMMY"
  static std::string toString(const CardType::type& type);
  /// Inverse of toString(), any case; throws ParseException
  static CardType::type fromString(const std::string& string);
};

} // namespace roc
} // namespace o2

#endif
