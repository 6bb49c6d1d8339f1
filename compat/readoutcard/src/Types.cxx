// SPDX-License-Identifier: LGPL-2.1-or-later
// Value types of the ReadoutCard API: names of enums, card IDs, exceptions.
// No libroc call here.
#include "ReadoutCard/Exception.h"
#include "ReadoutCard/CardType.h"
#include "ReadoutCard/Version.h"
#include "ReadoutCard/ParameterTypes/Clock.h"
#include "ReadoutCard/ParameterTypes/DataSource.h"
#include "ReadoutCard/ParameterTypes/DatapathMode.h"
#include "ReadoutCard/ParameterTypes/DownstreamData.h"
#include "ReadoutCard/ParameterTypes/GbtMode.h"
#include "ReadoutCard/ParameterTypes/GbtMux.h"
#include "ReadoutCard/ParameterTypes/Hex.h"
#include "ReadoutCard/ParameterTypes/PciAddress.h"
#include "ReadoutCard/ParameterTypes/PciSequenceNumber.h"
#include "ReadoutCard/ParameterTypes/ResetLevel.h"
#include "ReadoutCard/ParameterTypes/SerialId.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <utility>

#ifndef ROCXX_VERSION
#define ROCXX_VERSION "0.0.0"
#endif

namespace o2
{
namespace roc
{

const char* Exception::what() const noexcept
{
  if (const std::string* message = boost::get_error_info<ErrorInfo::Message>(*this))
    return message->c_str();
  return "o2::roc::Exception (roc)";
}

const char* getReadoutCardVersion()
{
  return ROCXX_VERSION " (roc)";
}

namespace
{

std::string lower(std::string s)
{
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s)
{
  const char* blanks = " \t\n";
  auto first = s.find_first_not_of(blanks);
  if (first == std::string::npos)
    return "";
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

[[noreturn]] void throwParse(const std::string& what, const std::string& string)
{
  BOOST_THROW_EXCEPTION(ParseException() << ErrorInfo::Message("cannot parse " + what + " from \"" + string + "\""));
}

/// A table of (value, name) for an enum; names compare case-insensitively.
template <typename E>
struct Names {
  std::initializer_list<std::pair<E, const char*>> entries;
  const char* what;

  std::string toString(E value) const
  {
    for (const auto& e : entries)
      if (e.first == value)
        return e.second;
    BOOST_THROW_EXCEPTION(ParameterException()
                          << ErrorInfo::Message(std::string("invalid ") + what + " value " +
                                                std::to_string(static_cast<int>(value))));
  }

  E fromString(const std::string& string) const
  {
    auto wanted = lower(trim(string));
    for (const auto& e : entries)
      if (lower(e.second) == wanted)
        return e.first;
    throwParse(what, string);
  }
};

// The spellings ReadoutCard prints and parses.
const Names<CardType::type> cardTypeNames{
  { { CardType::Unknown, "UNKNOWN" }, { CardType::Crorc, "CRORC" }, { CardType::Cru, "CRU" }, { CardType::Dummy, "DUMMY" } },
  "card type"
};
const Names<DataSource::type> dataSourceNames{
  { { DataSource::Fee, "FEE" }, { DataSource::Diu, "DIU" }, { DataSource::Siu, "SIU" }, { DataSource::Internal, "INTERNAL" }, { DataSource::Ddg, "DDG" } },
  "data source"
};
const Names<ResetLevel::type> resetLevelNames{
  { { ResetLevel::Nothing, "NOTHING" }, { ResetLevel::Internal, "INTERNAL" }, { ResetLevel::InternalSiu, "INTERNAL_SIU" } },
  "reset level"
};
const Names<Clock::type> clockNames{ { { Clock::Ttc, "TTC" }, { Clock::Local, "LOCAL" } }, "clock" };
const Names<DatapathMode::type> datapathModeNames{
  { { DatapathMode::Streaming, "STREAMING" }, { DatapathMode::Packet, "PACKET" } }, "datapath mode"
};
const Names<DownstreamData::type> downstreamDataNames{
  { { DownstreamData::Ctp, "CTP" }, { DownstreamData::Pattern, "PATTERN" }, { DownstreamData::Midtrg, "MIDTRG" } },
  "downstream data"
};
const Names<GbtMode::type> gbtModeNames{ { { GbtMode::Gbt, "GBT" }, { GbtMode::Wb, "WB" } }, "GBT mode" };
const Names<GbtMux::type> gbtMuxNames{
  { { GbtMux::Ttc, "TTC" }, { GbtMux::Ddg, "DDG" }, { GbtMux::Swt, "SWT" }, { GbtMux::TtcUp, "TTCUP" }, { GbtMux::Ul, "UL" }, { GbtMux::Na, "NA" } },
  "GBT mux"
};

/// Parse a whole string as an unsigned number in @p base, at most @p max.
bool parseNumber(const std::string& s, int base, long max, long& out)
{
  if (s.empty() || !std::isxdigit(static_cast<unsigned char>(s[0])))
    return false;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s.c_str(), &end, base);
  if (errno || *end != '\0' || v < 0 || v > max)
    return false;
  out = v;
  return true;
}

} // namespace

std::string CardType::toString(const CardType::type& type) { return cardTypeNames.toString(type); }
CardType::type CardType::fromString(const std::string& string) { return cardTypeNames.fromString(string); }

std::string DataSource::toString(const DataSource::type& value) { return dataSourceNames.toString(value); }
DataSource::type DataSource::fromString(const std::string& string) { return dataSourceNames.fromString(string); }
bool DataSource::isExternal(const DataSource::type& value)
{
  return value == Fee || value == Diu || value == Siu;
}

std::string ResetLevel::toString(const ResetLevel::type& value) { return resetLevelNames.toString(value); }
ResetLevel::type ResetLevel::fromString(const std::string& string) { return resetLevelNames.fromString(string); }
bool ResetLevel::includesExternal(const ResetLevel::type& value) { return value == InternalSiu; }

std::string Clock::toString(const Clock::type& value) { return clockNames.toString(value); }
Clock::type Clock::fromString(const std::string& string) { return clockNames.fromString(string); }
std::string DatapathMode::toString(const DatapathMode::type& value) { return datapathModeNames.toString(value); }
DatapathMode::type DatapathMode::fromString(const std::string& string) { return datapathModeNames.fromString(string); }
std::string DownstreamData::toString(const DownstreamData::type& value) { return downstreamDataNames.toString(value); }
DownstreamData::type DownstreamData::fromString(const std::string& string) { return downstreamDataNames.fromString(string); }
std::string GbtMode::toString(const GbtMode::type& value) { return gbtModeNames.toString(value); }
GbtMode::type GbtMode::fromString(const std::string& string) { return gbtModeNames.fromString(string); }
std::string GbtMux::toString(const GbtMux::type& value) { return gbtMuxNames.toString(value); }
GbtMux::type GbtMux::fromString(const std::string& string) { return gbtMuxNames.fromString(string); }

std::string Hex::toString(const Hex::type& value)
{
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%x", value);
  return buf;
}

Hex::type Hex::fromString(const std::string& string)
{
  auto s = lower(trim(string));
  if (s.compare(0, 2, "0x") == 0)
    s = s.substr(2);
  long v;
  if (s.size() > 8 || !parseNumber(s, 16, 0xffffffffL, v))
    throwParse("a hexadecimal value", string);
  return static_cast<Hex::type>(v);
}

// PciAddress ------------------------------------------------------------

bool PciAddress::parse(const std::string& string, PciAddress& out)
{
  auto s = lower(trim(string));
  if (s.compare(0, 8, "roc_sim:") == 0) {
    // "roc_sim:C.E": decimal card and endpoint
    auto dot = s.find('.', 8);
    long card, ep;
    if (dot == std::string::npos || !parseNumber(s.substr(8, dot - 8), 10, 0x7fffffff, card) ||
        !parseNumber(s.substr(dot + 1), 10, 0x7fffffff, ep))
      return false;
    out = PciAddress();
    out.mOther = "roc_sim:" + std::to_string(card) + "." + std::to_string(ep);
    return true;
  }
  // [dddd:]bb:ss.f
  long domain = 0, bus, slot, function;
  auto dot = s.rfind('.');
  if (dot == std::string::npos)
    return false;
  auto colon = s.rfind(':', dot);
  if (colon == std::string::npos)
    return false;
  auto prefix = s.substr(0, colon);
  auto domainColon = prefix.find(':');
  if (domainColon != std::string::npos) {
    if (!parseNumber(prefix.substr(0, domainColon), 16, 0xffff, domain))
      return false;
    prefix = prefix.substr(domainColon + 1);
  }
  if (!parseNumber(prefix, 16, 0xff, bus) || !parseNumber(s.substr(colon + 1, dot - colon - 1), 16, 0x1f, slot) ||
      !parseNumber(s.substr(dot + 1), 16, 7, function))
    return false;
  out = PciAddress();
  out.mDomain = static_cast<int>(domain);
  out.mBus = static_cast<int>(bus);
  out.mSlot = static_cast<int>(slot);
  out.mFunction = static_cast<int>(function);
  return true;
}

PciAddress::PciAddress(const std::string& string)
{
  if (!parse(string, *this))
    throwParse("a PCI address ([dddd:]bb:ss.f or roc_sim:C.E)", string);
}

PciAddress::PciAddress(int bus, int slot, int function) : mBus(bus), mSlot(slot), mFunction(function)
{
  if (bus < 0 || bus > 0xff || slot < 0 || slot > 0x1f || function < 0 || function > 7)
    BOOST_THROW_EXCEPTION(ParseException() << ErrorInfo::Message(
                            "PCI address out of range: bus " + std::to_string(bus) + ", slot " +
                            std::to_string(slot) + ", function " + std::to_string(function)));
}

boost::optional<PciAddress> PciAddress::fromString(std::string string)
{
  PciAddress a;
  if (!parse(string, a))
    return {};
  return a;
}

std::string PciAddress::toString() const
{
  if (!mOther.empty())
    return mOther;
  char buf[32];
  if (mDomain)
    std::snprintf(buf, sizeof(buf), "%04x:%02x:%02x.%x", mDomain, mBus, mSlot, mFunction);
  else
    std::snprintf(buf, sizeof(buf), "%02x:%02x.%x", mBus, mSlot, mFunction);
  return buf;
}

std::ostream& operator<<(std::ostream& os, const PciAddress& pciAddress)
{
  return os << pciAddress.toString();
}

// PciSequenceNumber -----------------------------------------------------

PciSequenceNumber::PciSequenceNumber(const std::string& string)
{
  auto s = trim(string);
  long n;
  if (s.size() < 2 || s[0] != '#' || !parseNumber(s.substr(1), 10, 0x7fffffff, n))
    throwParse("a PCI sequence number (#N)", string);
  mSequenceNumber = static_cast<int>(n);
  mSequenceNumberString = "#" + std::to_string(n);
}

boost::optional<PciSequenceNumber> PciSequenceNumber::fromString(std::string string)
{
  try {
    return PciSequenceNumber(string);
  } catch (const ParseException&) {
    return {};
  }
}

std::string PciSequenceNumber::toString() const
{
  return mSequenceNumberString;
}

std::ostream& operator<<(std::ostream& os, const PciSequenceNumber& pciSequenceNumber)
{
  return os << pciSequenceNumber.toString();
}

// SerialId --------------------------------------------------------------

SerialId::SerialId(const std::string& string)
{
  auto s = trim(string);
  auto colon = s.find(':');
  long serial, endpoint = ENDPOINT_DEFAULT;
  if (!parseNumber(s.substr(0, colon), 10, SERIAL_RANGE_HIGH, serial) ||
      (colon != std::string::npos && !parseNumber(s.substr(colon + 1), 10, 1, endpoint)))
    throwParse("a serial ID (SERIAL[:ENDPOINT])", string);
  mSerial = static_cast<int>(serial);
  mEndpoint = static_cast<int>(endpoint);
}

SerialId::SerialId(int serial, int endpoint) : mSerial(serial), mEndpoint(endpoint)
{
}

SerialId::SerialId(int serial) : mSerial(serial), mEndpoint(ENDPOINT_DEFAULT)
{
}

boost::optional<SerialId> SerialId::fromString(std::string string)
{
  try {
    return SerialId(string);
  } catch (const ParseException&) {
    return {};
  }
}

std::string SerialId::toString() const
{
  return std::to_string(mSerial) + ":" + std::to_string(mEndpoint);
}

int SerialId::getSerial() const
{
  return mSerial;
}

int SerialId::getEndpoint() const
{
  return mEndpoint;
}

std::ostream& operator<<(std::ostream& os, const SerialId& serialId)
{
  return os << serialId.toString();
}

} // namespace roc
} // namespace o2
