// SPDX-License-Identifier: LGPL-2.1-or-later
// DmaChannelInterface on a libroc DMA channel.
//
// The kernel owns the channel (a second opener gets EBUSY), the buffer
// registration and the transfer queue; this class keeps only what the
// ReadoutCard API needs on top of it, without a lock of its own:
//  - a count of superpages pushed and not yet popped from the kernel, so
//    that getTransferQueueAvailable() needs no system call (it is read on
//    every push);
//  - the ready queue, filled from the kernel by fillSuperpages() (bounded
//    by the transfer capacity) and by stopDma() (everything).
#include "Internal.h"
#include "ReadoutCard/MemoryMappedFile.h"

#include <libroc.h>
#include <linux/roc.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <sys/ioctl.h>

namespace o2
{
namespace roc
{
namespace internal
{
namespace
{

/// What this class reads of libroc's channel statistics.
struct ChannelCounters {
  int capacity = 0;
  uint64_t fifoEmpty = 0;
  uint64_t droppedPackets = 0;
};

class RocDmaChannel : public DmaChannelInterface
{
 public:
  explicit RocDmaChannel(const Parameters& parameters)
  {
    auto cardId = parameters.getCardIdRequired();
    mChannelNumber = parameters.getChannelNumberRequired();
    auto source = parameters.getDataSource().value_or(DataSource::Internal);
    switch (source) {
      case DataSource::Internal:
        mSource = ROC_DMA_SOURCE_INTERNAL;
        break;
      case DataSource::Ddg:
        mSource = ROC_DMA_SOURCE_DDG;
        break;
      case DataSource::Fee:
        mSource = ROC_DMA_SOURCE_FEE;
        break;
      // The C-RORC's DDL loop-backs (issue 13); a CRU refuses them at start.
      case DataSource::Diu:
        mSource = ROC_DMA_SOURCE_DIU;
        break;
      case DataSource::Siu:
        mSource = ROC_DMA_SOURCE_SIU;
        break;
      default:
        BOOST_THROW_EXCEPTION(InvalidParameterException()
                              << ErrorInfo::Message("data source " + DataSource::toString(source) +
                                                    " is not supported by roc")
                              << ErrorInfo::DataSource(DataSource::toString(source)));
    }
    if (source == DataSource::Fee && parameters.getStbrdEnabled().value_or(false))
      mStartOptions = ROC_DDL_START_STBRD;

    mCard = std::make_unique<RocCard>(cardId, false);
    mCard->checkFirmware(parameters.getFirmwareCheckEnabled().value_or(true));
    const std::string& label = mCard->identity().label;

    int ret = mChannelNumber < 0 ? -EINVAL
                                 : roc_channel_open(mCard->handle(), static_cast<unsigned int>(mChannelNumber), &mChannel);
    if (ret == -EBUSY)
      throwLibroc<SocketLockException>(ret, label + ": DMA channel " + std::to_string(mChannelNumber) + " is held by another process");
    if (ret == -EINVAL)
      throwLibroc<InvalidParameterException>(ret, label + ": no DMA channel " + std::to_string(mChannelNumber));
    if (ret)
      throwLibroc<Exception>(ret, label + ": cannot open DMA channel " + std::to_string(mChannelNumber));

    try {
      auto buffer = parameters.getBufferParameters().value_or(buffer_parameters::Null{});
      if (auto* memory = boost::get<buffer_parameters::Memory>(&buffer)) {
        registerBuffer(memory->address, memory->size);
      } else if (auto* file = boost::get<buffer_parameters::File>(&buffer)) {
        mFile = std::make_unique<MemoryMappedFile>(file->path, file->size, false, true);
        registerBuffer(mFile->getAddress(), mFile->getSize());
      }
    } catch (...) {
      roc_channel_close(mChannel);
      throw;
    }
  }

  ~RocDmaChannel() override
  {
    // Closing the channel stops DMA and unregisters the buffer.
    roc_channel_close(mChannel);
    mFile.reset();
  }

  void startDma() override
  {
    if (mRunning)
      return;
    int ret = roc_channel_start_ddl(mChannel, mSource, mStartOptions);
    if (ret && ret != -EALREADY)
      throwLibroc<Exception>(ret, label() + ": cannot start DMA");
    mCapacity = readCounters().capacity;
    mFifoEmpty = readCounters().fifoEmpty;
    mRunning = true;
  }

  void stopDma() override
  {
    if (!mRunning)
      return;
    mRunning = false;
    int ret = roc_channel_stop(mChannel);
    if (ret)
      throwLibroc<Exception>(ret, label() + ": cannot stop DMA");
    // Everything pushed is back in the kernel's ready queue: take it all.
    while (mInFlight > 0 && popFromKernel(mInFlight) > 0) {
    }
  }

  void resetChannel(ResetLevel::type resetLevel) override
  {
    if (resetLevel == ResetLevel::Nothing)
      return;
    if (mRunning)
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": stop DMA before resetting the channel"));
    int ret;
    if (resetLevel == ResetLevel::InternalSiu) {
      // The C-RORC's SIU over the DDL link (issue 13); a CRU has none.
      ret = roc_channel_reset_level(mChannel, ROC_RESET_LEVEL_INTERNAL_SIU);
      if (ret == -EOPNOTSUPP)
        BOOST_THROW_EXCEPTION(InvalidParameterException()
                              << ErrorInfo::Message(label() + ": reset level INTERNAL_SIU: the card has no SIU")
                              << ErrorInfo::ResetLevel(ResetLevel::toString(resetLevel)));
      if (ret)
        throwLibroc<Exception>(ret, label() + ": cannot reset the DMA channel with its SIU");
      return;
    }
    ret = roc_channel_reset(mChannel);
    if (ret)
      throwLibroc<Exception>(ret, label() + ": cannot reset the DMA channel");
  }

  bool pushSuperpage(Superpage superpage) override
  {
    if (!mRunning)
      return false;
    if (!mHasBuffer)
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": the channel has no DMA buffer (BufferParameters)"));
    if (getTransferQueueAvailable() <= 0)
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": could not push superpage, transfer queue was full"));
    int ret = roc_channel_push_one(mChannel, mBufferId, superpage.getOffset(), superpage.getSize(),
                                   static_cast<uint64_t>(reinterpret_cast<uintptr_t>(superpage.getUserData())));
    if (ret == -EPIPE) // DMA stopped under us (card failed or removed)
      return false;
    if (ret)
      throwLibroc<InvalidParameterException>(ret, label() + ": could not push superpage");
    mInFlight++;
    return true;
  }

  Superpage getSuperpage() override
  {
    if (mReady.empty())
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": could not get superpage, ready queue was empty"));
    return mReady.front();
  }

  Superpage popSuperpage() override
  {
    if (mReady.empty())
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": could not pop superpage, ready queue was empty"));
    Superpage superpage = mReady.front();
    mReady.pop_front();
    return superpage;
  }

  void fillSuperpages() override
  {
    int room = mCapacity - static_cast<int>(mReady.size());
    if (mInFlight > 0 && room > 0)
      popFromKernel(std::min(room, mInFlight));
  }

  int getTransferQueueAvailable() override
  {
    return mRunning ? std::max(0, mCapacity - mInFlight) : 0;
  }

  bool isTransferQueueEmpty() override
  {
    return mInFlight == 0;
  }

  int getReadyQueueSize() override
  {
    return static_cast<int>(mReady.size());
  }

  bool isReadyQueueFull() override
  {
    return mCapacity > 0 && static_cast<int>(mReady.size()) >= mCapacity;
  }

  int32_t getDroppedPackets() override
  {
    if (getCardType() != CardType::Cru)
      return -1;
    return static_cast<int32_t>(readCounters().droppedPackets);
  }

  bool areSuperpageFifosHealthy() override
  {
    if (getCardType() != CardType::Cru)
      return true;
    uint64_t now = readCounters().fifoEmpty;
    bool healthy = now == mFifoEmpty;
    mFifoEmpty = now;
    return healthy;
  }

  CardType::type getCardType() override
  {
    return mCard->identity().type;
  }

  PciAddress getPciAddress() override
  {
    return mCard->identity().pciAddress;
  }

  int getNumaNode() override
  {
    return mCard->identity().numaNode;
  }

  bool injectError() override
  {
    return false;
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

  uint32_t getCounterFirstOrbit() override
  {
    return mCard->firstOrbit();
  }

 private:
  const std::string& label() const
  {
    return mCard->identity().label;
  }

  /// Register [address, address + size) with the channel: one
  /// registration, wherever the memory lies inside a larger mapping.
  /// libroc registers only its own buffers, so this is the driver's ioctl.
  void registerBuffer(void* address, size_t size)
  {
    struct roc_buffer_reg reg = {};
    reg.argsz = sizeof(reg);
    reg.addr = reinterpret_cast<uintptr_t>(address);
    reg.size = size;
    if (::ioctl(roc_channel_get_fd(mChannel), ROC_BUFFER_REGISTER, &reg)) {
      int err = errno;
      std::string hint = err == ENOMEM ? " (RLIMIT_MEMLOCK too low, or out of memory)"
                         : err == EINVAL ? " (address and size must be page-aligned)"
                         : err == EFAULT ? " (not mapped writable)"
                                         : "";
      char where[32];
      std::snprintf(where, sizeof(where), "%p", address);
      BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message(label() + ": cannot register a DMA buffer of " +
                                                              std::to_string(size) + " bytes at " + where + ": " +
                                                              std::strerror(err) + hint)
                                        << ErrorInfo::Address(reg.addr) << ErrorInfo::Size(size)
                                        << ErrorInfo::Errno(-err));
    }
    mBufferId = reg.id;
    mHasBuffer = true;
  }

  /// Pop up to @p max superpages from the kernel into the ready queue.
  int popFromKernel(int max)
  {
    struct roc_sp_ready out[64];
    int n = roc_channel_pop(mChannel, out, static_cast<size_t>(std::min(max, 64)));
    if (n < 0)
      throwLibroc<Exception>(n, label() + ": cannot pop superpages");
    for (int i = 0; i < n; i++) {
      Superpage superpage(static_cast<size_t>(out[i].offset), out[i].size,
                          reinterpret_cast<void*>(static_cast<uintptr_t>(out[i].cookie)));
      superpage.setReceived(out[i].received);
      superpage.setReady((out[i].flags & ROC_SP_DONE) != 0);
      superpage.setLink(static_cast<int>(out[i].link));
      mReady.push_back(superpage);
    }
    mInFlight -= n;
    return n;
  }

  ChannelCounters readCounters()
  {
    struct roc_channel_stats stats = {};
    stats.size = sizeof(stats);
    int ret = roc_channel_get_stats(mChannel, &stats);
    if (ret)
      throwLibroc<Exception>(ret, label() + ": cannot read the channel status");
    ChannelCounters c;
    c.capacity = static_cast<int>(stats.transfer_capacity);
    c.fifoEmpty = stats.fifo_empty;
    c.droppedPackets = stats.dropped_packets;
    return c;
  }

  std::unique_ptr<RocCard> mCard;
  std::unique_ptr<MemoryMappedFile> mFile;
  struct roc_channel* mChannel = nullptr;
  int mChannelNumber = 0;
  enum roc_dma_source mSource = ROC_DMA_SOURCE_INTERNAL;
  unsigned int mStartOptions = 0;
  uint32_t mBufferId = 0;
  bool mHasBuffer = false;
  bool mRunning = false;
  int mCapacity = 0;
  int mInFlight = 0;
  uint64_t mFifoEmpty = 0;
  std::deque<Superpage> mReady;
};

} // namespace

std::shared_ptr<DmaChannelInterface> makeDmaChannel(const Parameters& parameters)
{
  return std::make_shared<RocDmaChannel>(parameters);
}

} // namespace internal
} // namespace roc
} // namespace o2
