// SPDX-License-Identifier: LGPL-2.1-or-later
// Parameters: a bag of optional values.  No libroc call here.
#include "ReadoutCard/Parameters.h"
#include "ReadoutCard/Exception.h"

#include <cctype>
#include <cstdlib>

namespace o2
{
namespace roc
{

#define ROC_PARAMETERS_LIST(X) \
  X(CardId)                    \
  X(ChannelNumber)             \
  X(DmaPageSize)               \
  X(DataSource)                \
  X(BufferParameters)          \
  X(LinkMask)                  \
  X(GbtMuxMap)                 \
  X(AllowRejection)            \
  X(Clock)                     \
  X(CrorcId)                   \
  X(CruId)                     \
  X(DatapathMode)              \
  X(DownstreamData)            \
  X(GbtMux)                    \
  X(GbtMode)                   \
  X(LinkLoopbackEnabled)       \
  X(PonUpstreamEnabled)        \
  X(DynamicOffsetEnabled)      \
  X(UserLogicEnabled)          \
  X(RunStatsEnabled)           \
  X(UserAndCommonLogicEnabled) \
  X(GbtEnabled)                \
  X(FirmwareCheckEnabled)      \
  X(OnuAddress)                \
  X(StbrdEnabled)              \
  X(TriggerWindowSize)         \
  X(TimeFrameLength)           \
  X(TimeFrameDetectionEnabled) \
  X(DropBadRdhEnabled)

struct ParametersPimpl {
#define ROC_PARAMETERS_MEMBER(Name) boost::optional<Parameters::Name##Type> Name;
  ROC_PARAMETERS_LIST(ROC_PARAMETERS_MEMBER)
#undef ROC_PARAMETERS_MEMBER
};

Parameters::Parameters() : mPimpl(std::make_unique<ParametersPimpl>())
{
}

Parameters::~Parameters() = default;

Parameters::Parameters(const Parameters& other) : mPimpl(std::make_unique<ParametersPimpl>(*other.mPimpl))
{
}

// A moved-from Parameters stays usable (empty), as a copy would be.
Parameters::Parameters(Parameters&& other) : mPimpl(std::make_unique<ParametersPimpl>())
{
  std::swap(mPimpl, other.mPimpl);
}

Parameters& Parameters::operator=(const Parameters& other)
{
  if (this != &other)
    *mPimpl = *other.mPimpl;
  return *this;
}

Parameters& Parameters::operator=(Parameters&& other)
{
  if (this != &other)
    *mPimpl = std::move(*other.mPimpl);
  return *this;
}

#define ROC_PARAMETERS_DEFINE(Name)                                                                          \
  auto Parameters::set##Name(Name##Type value)->Parameters&                                                  \
  {                                                                                                          \
    mPimpl->Name = std::move(value);                                                                         \
    return *this;                                                                                            \
  }                                                                                                          \
  auto Parameters::get##Name() const->boost::optional<Name##Type>                                           \
  {                                                                                                          \
    return mPimpl->Name;                                                                                     \
  }                                                                                                          \
  auto Parameters::get##Name##Required() const->Name##Type                                                   \
  {                                                                                                          \
    if (!mPimpl->Name)                                                                                       \
      BOOST_THROW_EXCEPTION(ParameterException() << ErrorInfo::Message("required parameter " #Name " is not set")); \
    return *mPimpl->Name;                                                                                    \
  }
ROC_PARAMETERS_LIST(ROC_PARAMETERS_DEFINE)
#undef ROC_PARAMETERS_DEFINE

Parameters Parameters::makeParameters(CardIdType cardId, ChannelNumberType channel)
{
  Parameters p;
  p.setCardId(std::move(cardId)).setChannelNumber(channel);
  return p;
}

namespace
{

[[noreturn]] void badLinkMask(const std::string& string)
{
  BOOST_THROW_EXCEPTION(ParseException() << ErrorInfo::Message("cannot parse a link mask (\"0-3,5\") from \"" +
                                                               string + "\""));
}

long linkNumber(const std::string& s, const std::string& whole)
{
  if (s.empty() || s.size() > 2)
    badLinkMask(whole);
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      badLinkMask(whole);
  long v = std::strtol(s.c_str(), nullptr, 10);
  if (v > 31)
    badLinkMask(whole);
  return v;
}

} // namespace

Parameters::LinkMaskType Parameters::linkMaskFromString(const std::string& string)
{
  LinkMaskType links;
  std::string s;
  for (char c : string)
    if (c != ' ' && c != '\t')
      s += c;
  if (s.empty())
    badLinkMask(string);
  size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto dash = item.find('-');
    if (dash == std::string::npos) {
      links.insert(static_cast<uint32_t>(linkNumber(item, string)));
    } else {
      long lo = linkNumber(item.substr(0, dash), string), hi = linkNumber(item.substr(dash + 1), string);
      if (lo > hi)
        badLinkMask(string);
      for (long i = lo; i <= hi; i++)
        links.insert(static_cast<uint32_t>(i));
    }
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return links;
}

Parameters::CardIdType Parameters::cardIdFromString(const std::string& string)
{
  auto first = string.find_first_not_of(" \t");
  if (first != std::string::npos && string[first] == '#')
    return PciSequenceNumber(string);
  if (auto address = PciAddress::fromString(string))
    return *address;
  if (auto serial = SerialId::fromString(string))
    return *serial;
  BOOST_THROW_EXCEPTION(ParseException() << ErrorInfo::Message(
                          "cannot parse a card ID from \"" + string +
                          "\": expected a PCI address ([dddd:]bb:ss.f, roc_sim:C.E), #N or SERIAL[:ENDPOINT]"));
}

namespace
{
struct CardIdText : boost::static_visitor<std::string> {
  std::string operator()(const PciAddress& a) const { return a.toString(); }
  std::string operator()(const PciSequenceNumber& n) const { return n.toString(); }
  std::string operator()(const SerialId& s) const { return s.toString(); }
};
} // namespace

std::string cardIdToString(const Parameters::CardIdType& cardId)
{
  return boost::apply_visitor(CardIdText(), cardId);
}

} // namespace roc
} // namespace o2
