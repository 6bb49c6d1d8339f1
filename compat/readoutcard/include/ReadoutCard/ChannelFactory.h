// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file ChannelFactory.h
/// \brief Opens DMA channels and BARs.
#ifndef ROC_READOUTCARD_CHANNELFACTORY_H
#define ROC_READOUTCARD_CHANNELFACTORY_H

#include "ReadoutCard/NamespaceAlias.h"
#include <memory>
#include <string>
#include "ReadoutCard/BarInterface.h"
#include "ReadoutCard/DmaChannelInterface.h"
#include "ReadoutCard/Parameters.h"
#include "ReadoutCard/ParameterTypes/SerialId.h"

namespace o2
{
namespace roc
{

class ChannelFactory
{
 public:
  using DmaChannelSharedPtr = std::shared_ptr<DmaChannelInterface>;
  using BarSharedPtr = std::shared_ptr<BarInterface>;

  ChannelFactory();
  virtual ~ChannelFactory();

  /// Acquire the DMA channel of the card ID and channel number in
  /// @p parameters, check its firmware (unless FirmwareCheckEnabled is
  /// false) and register its buffer.  A channel another process holds
  /// throws a LockException (SocketLockException).
  DmaChannelSharedPtr getDmaChannel(const Parameters& parameters);

  /// Open BAR ChannelNumber of the card
  BarSharedPtr getBar(const Parameters& parameters);

  BarSharedPtr getBar(const Parameters::CardIdType& cardId, const Parameters::ChannelNumberType& channel)
  {
    return getBar(Parameters::makeParameters(cardId, channel));
  }

  /// ReadoutCard's dummy card ID; roc has no dummy card (getDmaChannel and
  /// getBar throw for it)
  static SerialId getDummySerialId()
  {
    return { SERIAL_DUMMY, ENDPOINT_DUMMY };
  }
};

} // namespace roc
} // namespace o2

#endif
