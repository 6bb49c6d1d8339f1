// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Parameters.h
/// \brief Parameters of a DMA channel or BAR.
///
/// Each parameter has a setter (returning *this for chaining), a getter
/// returning an empty optional when it was not set, and a getter ending in
/// "Required" that throws ParameterException when it was not set.  roc's
/// DMA channel reads CardId, ChannelNumber, FirmwareCheckEnabled (default
/// true), DataSource (default Internal) and BufferParameters; the others
/// are kept for source compatibility, configuration is roc-config's job.
#ifndef ROC_READOUTCARD_PARAMETERS_H
#define ROC_READOUTCARD_PARAMETERS_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <boost/optional.hpp>
#include <boost/variant.hpp>
#include "ReadoutCard/ParameterTypes/BufferParameters.h"
#include "ReadoutCard/ParameterTypes/DataSource.h"
#include "ReadoutCard/ParameterTypes/PciAddress.h"
#include "ReadoutCard/ParameterTypes/PciSequenceNumber.h"
#include "ReadoutCard/ParameterTypes/SerialId.h"
#include "ReadoutCard/ParameterTypes/Hex.h"
#include "ReadoutCard/ParameterTypes/Clock.h"
#include "ReadoutCard/ParameterTypes/DatapathMode.h"
#include "ReadoutCard/ParameterTypes/DownstreamData.h"
#include "ReadoutCard/ParameterTypes/GbtMode.h"
#include "ReadoutCard/ParameterTypes/GbtMux.h"

namespace o2
{
namespace roc
{

struct ParametersPimpl;

class Parameters
{
 public:
  Parameters();
  ~Parameters();
  Parameters(const Parameters& other);
  Parameters(Parameters&& other);
  Parameters& operator=(const Parameters& other);
  Parameters& operator=(Parameters&& other);

  using BufferParametersType =
    boost::variant<buffer_parameters::Memory, buffer_parameters::File, buffer_parameters::Null>;
  using CardIdType = boost::variant<PciAddress, PciSequenceNumber, SerialId>;
  using ChannelNumberType = int32_t;
  using DmaPageSizeType = size_t;
  using DataSourceType = DataSource::type;
  using LinkMaskType = std::set<uint32_t>;
  using GbtMuxMapType = std::map<uint32_t, GbtMux::type>;
  using AllowRejectionType = bool;
  using ClockType = Clock::type;
  using CrorcIdType = Hex::type;
  using CruIdType = Hex::type;
  using DatapathModeType = DatapathMode::type;
  using DownstreamDataType = DownstreamData::type;
  using GbtMuxType = GbtMux::type;
  using GbtModeType = GbtMode::type;
  using LinkLoopbackEnabledType = bool;
  using PonUpstreamEnabledType = bool;
  using DynamicOffsetEnabledType = bool;
  using UserLogicEnabledType = bool;
  using RunStatsEnabledType = bool;
  using UserAndCommonLogicEnabledType = bool;
  using GbtEnabledType = bool;
  using FirmwareCheckEnabledType = bool;
  using OnuAddressType = Hex::type;
  using StbrdEnabledType = bool;
  using TriggerWindowSizeType = uint32_t;
  using TimeFrameLengthType = uint32_t;
  using TimeFrameDetectionEnabledType = bool;
  using DropBadRdhEnabledType = bool;

// One parameter: setter, optional getter, throwing getter.
#define ROC_PARAMETERS_DECLARE(Name)                              \
  auto set##Name(Name##Type value)->Parameters&;                  \
  auto get##Name() const->boost::optional<Name##Type>;            \
  auto get##Name##Required() const->Name##Type;

  ROC_PARAMETERS_DECLARE(CardId)
  ROC_PARAMETERS_DECLARE(ChannelNumber)
  ROC_PARAMETERS_DECLARE(DmaPageSize)
  ROC_PARAMETERS_DECLARE(DataSource)
  ROC_PARAMETERS_DECLARE(BufferParameters)
  ROC_PARAMETERS_DECLARE(LinkMask)
  ROC_PARAMETERS_DECLARE(GbtMuxMap)
  ROC_PARAMETERS_DECLARE(AllowRejection)
  ROC_PARAMETERS_DECLARE(Clock)
  ROC_PARAMETERS_DECLARE(CrorcId)
  ROC_PARAMETERS_DECLARE(CruId)
  ROC_PARAMETERS_DECLARE(DatapathMode)
  ROC_PARAMETERS_DECLARE(DownstreamData)
  ROC_PARAMETERS_DECLARE(GbtMux)
  ROC_PARAMETERS_DECLARE(GbtMode)
  ROC_PARAMETERS_DECLARE(LinkLoopbackEnabled)
  ROC_PARAMETERS_DECLARE(PonUpstreamEnabled)
  ROC_PARAMETERS_DECLARE(DynamicOffsetEnabled)
  ROC_PARAMETERS_DECLARE(UserLogicEnabled)
  ROC_PARAMETERS_DECLARE(RunStatsEnabled)
  ROC_PARAMETERS_DECLARE(UserAndCommonLogicEnabled)
  ROC_PARAMETERS_DECLARE(GbtEnabled)
  ROC_PARAMETERS_DECLARE(FirmwareCheckEnabled)
  ROC_PARAMETERS_DECLARE(OnuAddress)
  ROC_PARAMETERS_DECLARE(StbrdEnabled)
  ROC_PARAMETERS_DECLARE(TriggerWindowSize)
  ROC_PARAMETERS_DECLARE(TimeFrameLength)
  ROC_PARAMETERS_DECLARE(TimeFrameDetectionEnabled)
  ROC_PARAMETERS_DECLARE(DropBadRdhEnabled)
#undef ROC_PARAMETERS_DECLARE

  /// Parameters with a card ID and a channel number
  static Parameters makeParameters(CardIdType cardId, ChannelNumberType channel = 0);

  /// "0-3,5" or "0,1,2" to a set of links; throws ParseException
  static LinkMaskType linkMaskFromString(const std::string& string);

  /// "0000:3b:00.0", "3b:00.0", "roc_sim:1.0" (PciAddress), "#2"
  /// (PciSequenceNumber), "245" or "245:1" (SerialId); throws ParseException
  static CardIdType cardIdFromString(const std::string& string);

 private:
  std::unique_ptr<ParametersPimpl> mPimpl;
};

/// Text of a card ID as libroc and roc-list-cards write it
std::string cardIdToString(const Parameters::CardIdType& cardId);

} // namespace roc
} // namespace o2

#endif
