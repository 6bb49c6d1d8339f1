// SPDX-License-Identifier: LGPL-2.1-or-later
// ChannelFactory: the roc implementations of the channel interfaces.
#include "Internal.h"
#include "ReadoutCard/ChannelFactory.h"

namespace o2
{
namespace roc
{

ChannelFactory::ChannelFactory() = default;

ChannelFactory::~ChannelFactory() = default;

namespace
{
void refuseDummy(const Parameters& parameters)
{
  auto cardId = parameters.getCardIdRequired();
  if (auto* serial = boost::get<SerialId>(&cardId))
    if (serial->getSerial() == SERIAL_DUMMY)
      BOOST_THROW_EXCEPTION(InvalidParameterException()
                            << ErrorInfo::Message("roc has no dummy card: use a simulated card (roc_sim)"));
}
} // namespace

ChannelFactory::DmaChannelSharedPtr ChannelFactory::getDmaChannel(const Parameters& parameters)
{
  refuseDummy(parameters);
  return internal::makeDmaChannel(parameters);
}

ChannelFactory::BarSharedPtr ChannelFactory::getBar(const Parameters& parameters)
{
  refuseDummy(parameters);
  return internal::makeBar(parameters);
}

} // namespace roc
} // namespace o2
