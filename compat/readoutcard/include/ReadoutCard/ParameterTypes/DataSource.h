// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file DataSource.h
/// \brief Where the data of a DMA run comes from.
#ifndef ROC_READOUTCARD_PARAMETERTYPES_DATASOURCE_H
#define ROC_READOUTCARD_PARAMETERTYPES_DATASOURCE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>

namespace o2
{
namespace roc
{

struct DataSource {
  enum type {
    Fee = 0,      ///< front-end electronics (CRU and C-RORC)
    Diu = 1,      ///< C-RORC DIU loopback
    Siu = 2,      ///< C-RORC SIU loopback over the DDL link
    Internal = 3, ///< the card's internal generator
    Ddg = 4,      ///< CRU detector data generator
  };

  /// Name of a value as ReadoutCard spells it
  static std::string toString(const DataSource::type& value);
  /// Inverse of toString(), any case; throws ParseException
  static DataSource::type fromString(const std::string& string);

  /// True for Fee, Diu and Siu
  static bool isExternal(const DataSource::type& value);
};

} // namespace roc
} // namespace o2

#endif
