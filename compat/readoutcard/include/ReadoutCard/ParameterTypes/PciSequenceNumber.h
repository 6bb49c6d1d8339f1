// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file PciSequenceNumber.h
/// \brief "#N": the N-th endpoint in enumeration order (roc-list-cards).
#ifndef ROC_READOUTCARD_PARAMETERTYPES_PCISEQUENCENUMBER_H
#define ROC_READOUTCARD_PARAMETERTYPES_PCISEQUENCENUMBER_H

#include "ReadoutCard/NamespaceAlias.h"
#include <ostream>
#include <string>
#include <boost/optional.hpp>

namespace o2
{
namespace roc
{

class PciSequenceNumber
{
 public:
  /// Parse "#N"; throws ParseException
  PciSequenceNumber(const std::string& string);

  /// As the constructor, without throwing
  static boost::optional<PciSequenceNumber> fromString(std::string string);

  /// "#N"
  std::string toString() const;

  bool operator==(const int& other) const
  {
    return mSequenceNumber == other;
  }

  bool operator==(const PciSequenceNumber& other) const
  {
    return mSequenceNumber == other.mSequenceNumber;
  }

  friend std::ostream& operator<<(std::ostream& os, const PciSequenceNumber& pciSequenceNumber);

 private:
  int mSequenceNumber;
  std::string mSequenceNumberString;
};

} // namespace roc
} // namespace o2

#endif
