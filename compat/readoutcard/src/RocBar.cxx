// SPDX-License-Identifier: LGPL-2.1-or-later
// BarInterface on libroc's BAR access: word indices become byte addresses,
// modifyRegister is one read-modify-write under the driver's lock.
#include "Internal.h"

#include <libroc.h>

#include <cerrno>

namespace o2
{
namespace roc
{
namespace internal
{
namespace
{

class RocBar : public BarInterface
{
 public:
  RocBar(const Parameters& parameters)
  {
    auto cardId = parameters.getCardIdRequired();
    auto channel = parameters.getChannelNumberRequired();
    mCard = std::make_unique<RocCard>(cardId, false);
    int ret = channel < 0 ? -ENXIO : roc_bar_open(mCard->handle(), static_cast<unsigned int>(channel), 0, &mBar);
    if (ret == -ENXIO)
      throwLibroc<InvalidParameterException>(ret, mCard->identity().label + ": no BAR " + std::to_string(channel));
    if (ret)
      throwLibroc<Exception>(ret, mCard->identity().label + ": cannot open BAR " + std::to_string(channel));
  }

  ~RocBar() override
  {
    roc_bar_close(mBar);
  }

  uint32_t readRegister(int index) override
  {
    uint32_t value = 0;
    int ret = roc_bar_read(mBar, address(index), &value);
    if (ret)
      fail<UnsafeReadAccess>(ret, index, "read");
    return value;
  }

  void writeRegister(int index, uint32_t value) override
  {
    int ret = roc_bar_write(mBar, address(index), value);
    if (ret)
      fail<UnsafeWriteAccess>(ret, index, "write");
  }

  void modifyRegister(int index, int position, int width, uint32_t value) override
  {
    if (position < 0 || width < 1 || position + width > 32)
      BOOST_THROW_EXCEPTION(InvalidParameterException()
                            << ErrorInfo::Message(mCard->identity().label + ": bad bit field: position " +
                                                  std::to_string(position) + ", width " + std::to_string(width))
                            << ErrorInfo::Index(index));
    uint32_t mask = (width == 32 ? 0xffffffffu : ((1u << width) - 1)) << position;
    int ret = roc_bar_modify(mBar, address(index), mask, value << position, nullptr, nullptr);
    if (ret)
      fail<UnsafeWriteAccess>(ret, index, "modify");
  }

  int getIndex() const override
  {
    return static_cast<int>(roc_bar_get_index(mBar));
  }

  size_t getSize() const override
  {
    return static_cast<size_t>(roc_bar_get_size(mBar));
  }

  CardType::type getCardType() override
  {
    return mCard->identity().type;
  }

  boost::optional<int32_t> getSerial() override
  {
    return mCard->serial();
  }

  boost::optional<float> getTemperature() override
  {
    return mCard->temperature();
  }

  boost::optional<std::string> getFirmwareInfo() override
  {
    return mCard->firmwareInfo();
  }

  boost::optional<std::string> getCardId() override
  {
    return mCard->chipId();
  }

  int32_t getDroppedPackets(int endpoint) override
  {
    if (mCard->identity().type != CardType::Cru)
      return -1;
    if (endpoint == mCard->identity().endpoint)
      return mCard->droppedPackets();
    // the other endpoint's counter is in the same BAR2 (docs/hardware.md 2.2)
    return static_cast<int32_t>(mCard->readRegister(2, 0x600000u + 0x100000u * static_cast<uint32_t>(endpoint) + 0x1cu));
  }

  uint32_t getTotalPacketsPerSecond(int endpoint) override
  {
    return static_cast<uint32_t>(statusField(ROC_STATUS_FIELD_PACKETS_PER_SECOND, endpoint));
  }

  uint32_t getCTPClock() override
  {
    return static_cast<uint32_t>(statusField(ROC_STATUS_FIELD_CTP_CLOCK_HZ, mCard->identity().endpoint));
  }

  uint32_t getLocalClock() override
  {
    return static_cast<uint32_t>(statusField(ROC_STATUS_FIELD_LOCAL_CLOCK_HZ, mCard->identity().endpoint));
  }

  int32_t getLinks() override
  {
    return mCard->identity().linkCount;
  }

  int32_t getLinksPerWrapper(int wrapper) override
  {
    return wrapper == 0 ? mCard->identity().linkCount : 0;
  }

  int getEndpointNumber() override
  {
    return mCard->identity().endpoint;
  }

  void configure(bool) override
  {
    BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(
                            mCard->identity().label +
                            ": BarInterface::configure() is not supported by roc: use roc-config (or libroc's roc_config_apply)"));
  }

 private:
  uint32_t address(int index)
  {
    if (index < 0 || static_cast<uint64_t>(index) * 4 >= roc_bar_get_size(mBar))
      BOOST_THROW_EXCEPTION(OutOfRangeException()
                            << ErrorInfo::Message(mCard->identity().label + ": register index " + std::to_string(index) +
                                                  " is outside BAR " + std::to_string(getIndex()))
                            << ErrorInfo::Index(index));
    return static_cast<uint32_t>(index) * 4;
  }

  template <typename E>
  [[noreturn]] void fail(int err, int index, const char* what)
  {
    // EPERM: a protected register (DMA addresses) without CAP_SYS_RAWIO
    if (err == -EPERM)
      throwLibroc<E>(err, mCard->identity().label + ": register " + what + " refused");
    throwLibroc<Exception>(err, mCard->identity().label + ": register " + what + " of index " + std::to_string(index) + " failed");
  }

  /// A CRU status field of this endpoint (0 for a C-RORC or another endpoint)
  int64_t statusField(enum roc_status_field field, int endpoint)
  {
    if (mCard->identity().type != CardType::Cru || endpoint != mCard->identity().endpoint)
      return 0;
    struct roc_status* st = nullptr;
    int ret = roc_status_read(mCard->handle(), 0, ROC_STATUS_NO_CLEAR, &st);
    if (ret)
      throwLibroc<Exception>(ret, mCard->identity().label + ": cannot read the status");
    int64_t value = 0;
    ret = roc_status_get(st, field, &value);
    roc_status_free(st);
    return ret ? 0 : value;
  }

  std::unique_ptr<RocCard> mCard;
  struct roc_bar* mBar = nullptr;
};

} // namespace

std::shared_ptr<BarInterface> makeBar(const Parameters& parameters)
{
  return std::make_shared<RocBar>(parameters);
}

} // namespace internal
} // namespace roc
} // namespace o2
