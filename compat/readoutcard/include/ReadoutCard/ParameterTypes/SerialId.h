// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file SerialId.h
/// \brief A card's serial number and an endpoint: "245", "245:1".
#ifndef ROC_READOUTCARD_PARAMETERTYPES_SERIALID_H
#define ROC_READOUTCARD_PARAMETERTYPES_SERIALID_H

#include "ReadoutCard/NamespaceAlias.h"
#include <ostream>
#include <string>
#include <boost/optional.hpp>

namespace o2
{
namespace roc
{

class SerialId
{
 public:
  /// Parse "SERIAL" or "SERIAL:ENDPOINT" (endpoint 0 or 1); throws ParseException
  SerialId(const std::string& string);

  SerialId(int serial, int endpoint);

  /// Endpoint ENDPOINT_DEFAULT
  SerialId(int serial);

  /// As the string constructor, without throwing
  static boost::optional<SerialId> fromString(std::string string);

  /// "SERIAL:ENDPOINT"
  std::string toString() const;

  int getSerial() const;
  int getEndpoint() const;

  bool operator==(const std::string& other) const
  {
    return toString() == other;
  }

  bool operator==(const SerialId& other) const
  {
    return mSerial == other.mSerial && mEndpoint == other.mEndpoint;
  }

  friend std::ostream& operator<<(std::ostream& os, const SerialId& serialId);

 private:
  int mSerial;
  int mEndpoint;
};

static constexpr int SERIAL_RANGE_LOW(0);
static constexpr int SERIAL_RANGE_HIGH(100000);
static constexpr int SERIAL_DUMMY(-1);
static constexpr int ENDPOINT_DUMMY(-1);
static constexpr int ENDPOINT_DEFAULT(0);

} // namespace roc
} // namespace o2

#endif
