// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file DmaChannelInterface.h
/// \brief A DMA channel: superpages go into the transfer queue with
/// pushSuperpage(), come back through the ready queue.
///
/// Use from one thread.  Nothing blocks: fillSuperpages() moves what the
/// card finished into the ready queue, and must be called in the loop.
#ifndef ROC_READOUTCARD_DMACHANNELINTERFACE_H
#define ROC_READOUTCARD_DMACHANNELINTERFACE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>
#include <string>
#include <boost/optional.hpp>
#include "ReadoutCard/CardType.h"
#include "ReadoutCard/Parameters.h"
#include "ReadoutCard/ParameterTypes/PciAddress.h"
#include "ReadoutCard/ParameterTypes/ResetLevel.h"
#include "ReadoutCard/Superpage.h"

namespace o2
{
namespace roc
{

class DmaChannelInterface
{
 public:
  virtual ~DmaChannelInterface()
  {
  }

  /// Start DMA; a second call does nothing
  virtual void startDma() = 0;

  /// Stop DMA; every superpage still pushed comes back through the ready
  /// queue, not ready.  Also done when the channel is destroyed.
  virtual void stopDma() = 0;

  /// Reset the DMA engine (DMA must be stopped); Nothing does nothing,
  /// InternalSiu is refused (roc has no SIU path)
  virtual void resetChannel(ResetLevel::type resetLevel) = 0;

  /// Queue a superpage.  Returns false (and queues nothing) when DMA is
  /// not running; throws when the transfer queue is full or the superpage
  /// is invalid.
  virtual bool pushSuperpage(Superpage superpage) = 0;

  /// Copy of the front of the ready queue; throws if it is empty
  virtual Superpage getSuperpage() = 0;

  /// Remove and return the front of the ready queue; throws if it is empty
  virtual Superpage popSuperpage() = 0;

  /// Move the superpages the card finished into the ready queue
  virtual void fillSuperpages() = 0;

  /// Superpages that can be pushed now; 0 before startDma()
  virtual int getTransferQueueAvailable() = 0;

  /// No superpage is in the transfer queue
  virtual bool isTransferQueueEmpty() = 0;

  /// Superpages in the ready queue
  virtual int getReadyQueueSize() = 0;

  /// The ready queue holds as many superpages as the transfer queue can
  virtual bool isReadyQueueFull() = 0;

  /// CRU: packets the endpoint dropped (the card's counter); C-RORC: -1
  virtual int32_t getDroppedPackets() = 0;

  /// CRU: false if a link's descriptor FIFO ran empty since the last call;
  /// C-RORC: true
  virtual bool areSuperpageFifosHealthy() = 0;

  virtual CardType::type getCardType() = 0;

  virtual PciAddress getPciAddress() = 0;

  /// NUMA node of the endpoint (sysfs), -1 if none
  virtual int getNumaNode() = 0;

  /// roc: the simulated cards' error injection is a debugfs knob; false
  virtual bool injectError() = 0;

  virtual boost::optional<int32_t> getSerial() = 0;

  /// CRU: FPGA temperature in degrees Celsius
  virtual boost::optional<float> getTemperature() = 0;

  /// Firmware git hash in hex ("e4a5a46e"), as ReadoutCard prints it
  virtual boost::optional<std::string> getFirmwareInfo() = 0;

  /// CRU: FPGA chip ID "%08x-%08x"
  virtual boost::optional<std::string> getCardId() = 0;

  /// CRU: first orbit of the run; 0xffffffff when unknown (C-RORC)
  virtual uint32_t getCounterFirstOrbit() = 0;
};

} // namespace roc
} // namespace o2

#endif
