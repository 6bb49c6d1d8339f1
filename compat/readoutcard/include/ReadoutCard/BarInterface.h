// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file BarInterface.h
/// \brief A BAR of an endpoint, and the identity of the card behind it.
#ifndef ROC_READOUTCARD_BARINTERFACE_H
#define ROC_READOUTCARD_BARINTERFACE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstddef>
#include <cstdint>
#include <string>
#include <boost/optional.hpp>
#include "ReadoutCard/CardType.h"
#include "ReadoutCard/Parameters.h"
#include "ReadoutCard/RegisterReadWriteInterface.h"

namespace o2
{
namespace roc
{

class BarInterface : public virtual RegisterReadWriteInterface
{
 public:
  virtual ~BarInterface()
  {
  }

  /// BAR index (CRU 0 or 2; C-RORC 0-5)
  virtual int getIndex() const = 0;

  /// Size of the BAR in bytes
  virtual size_t getSize() const = 0;

  virtual CardType::type getCardType() = 0;

  virtual boost::optional<int32_t> getSerial() = 0;

  /// CRU: FPGA temperature in degrees Celsius
  virtual boost::optional<float> getTemperature() = 0;

  /// Firmware git hash in hex, as ReadoutCard prints it
  virtual boost::optional<std::string> getFirmwareInfo() = 0;

  /// CRU: FPGA chip ID "%08x-%08x"
  virtual boost::optional<std::string> getCardId() = 0;

  /// CRU: packets the endpoint dropped; C-RORC: -1
  virtual int32_t getDroppedPackets(int endpoint) = 0;

  /// CRU: packets per second through the datapath; C-RORC: 0
  virtual uint32_t getTotalPacketsPerSecond(int endpoint) = 0;

  /// CRU: measured CTP clock in Hz; C-RORC: 0
  virtual uint32_t getCTPClock() = 0;

  /// CRU: measured local clock in Hz; C-RORC: 0
  virtual uint32_t getLocalClock() = 0;

  /// Number of links of the endpoint
  virtual int32_t getLinks() = 0;

  /// Links of GBT wrapper @p wrapper (roc: every link is on wrapper 0)
  virtual int32_t getLinksPerWrapper(int wrapper) = 0;

  /// Endpoint number (CRU 0 or 1; C-RORC 0)
  virtual int getEndpointNumber() = 0;

  /// roc: not supported (throws Exception); configuration is done by
  /// roc-config or libroc's roc_config_apply()
  virtual void configure(bool force = false) = 0;
};

} // namespace roc
} // namespace o2

#endif
