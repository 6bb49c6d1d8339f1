// SPDX-License-Identifier: LGPL-2.1-or-later
// cxx_readout_test - roc's ReadoutCard API driven the way O2 Readout and
// ALF drive it, on simulated cards, as root inside the VM:
//  - findCards()/findCard() and the channel identity Readout logs;
//  - Readout's equipment loop (ReadoutEquipmentRORC, docs/hardware.md P2-7.3)
//    step by step: startDma, RocFifoSize = getTransferQueueAvailable(),
//    then per pass up to 1024 pops of ready superpages (data checked, page
//    released), dropped packets every second, FIFO health after the first
//    pass, push while the transfer queue has room and the pool has pages,
//    one fillSuperpages(), idle when less than a quarter was pushed; stop,
//    and recycle the superpages stop returns not ready.  The memory of each
//    equipment is a Readout pool: a block at a 2 MiB-aligned offset inside
//    a larger bank, from a hugetlbfs MemoryMappedFile and from a memfd;
//    one CRU endpoint, and all six C-RORC channels at once, one thread each;
//  - a second opener of a channel gets a LockException; the firmware
//    check passes, and can be bypassed;
//  - ALF's BAR access (word indices, modify with position and width) on
//    the CRU's BAR2 slow-control block and on the C-RORC's channel BARs.
// Prints TAP.
#include <ReadoutCard/CardFinder.h>
#include <ReadoutCard/ChannelFactory.h>
#include <ReadoutCard/Cru.h>
#include <ReadoutCard/DmaChannelInterface.h>
#include <ReadoutCard/Exception.h>
#include <ReadoutCard/MemoryMappedFile.h>
#include <ReadoutCard/Parameters.h>
#include <ReadoutCard/Version.h>

#include <libroc.h> // the data checker only

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <sys/mman.h>
#include <sys/mount.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace roc = AliceO2::roc;

static std::mutex tapLock;
static int testNumber;
static int failures;

static void check(bool ok, const std::string& name, const std::string& diag = "")
{
  std::lock_guard<std::mutex> guard(tapLock);
  std::printf("%s %d %s\n", ok ? "ok" : "not ok", ++testNumber, name.c_str());
  if (!ok) {
    failures++;
    if (!diag.empty())
      std::printf("#   %s\n", diag.c_str());
  }
  std::fflush(stdout);
}

static void skip(const std::string& name, const std::string& why)
{
  std::lock_guard<std::mutex> guard(tapLock);
  std::printf("ok %d %s # SKIP %s\n", ++testNumber, name.c_str(), why.c_str());
  std::fflush(stdout);
}

static bool writeFile(const std::string& path, const std::string& text)
{
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f)
    return false;
  bool ok = std::fputs(text.c_str(), f) >= 0;
  return std::fclose(f) == 0 && ok;
}

static std::vector<int> simIds;

static int newSim(const std::string& kind, int serial)
{
  std::mt19937 rng(static_cast<unsigned>(getpid()));
  for (int i = 0; i < 50; i++) {
    int id = 800 + static_cast<int>(rng() % 90);
    if (writeFile("/sys/bus/roc_sim/new_device", std::to_string(id) + " " + kind + " " + std::to_string(serial))) {
      simIds.push_back(id);
      usleep(300000); // udev and the netlink family catch up
      return id;
    }
  }
  return -1;
}

static void delSims()
{
  for (int id : simIds)
    writeFile("/sys/bus/roc_sim/del_device", std::to_string(id));
  simIds.clear();
}

static const size_t MiB = 1 << 20;
static const size_t HUGE = 2 * MiB;

/// Memory of one equipment: a bank, and in it the pool's block.
struct Bank {
  std::unique_ptr<roc::MemoryMappedFile> file; // hugetlbfs
  void* map = nullptr;                         // memfd
  size_t mapSize = 0;
  char* bankBase = nullptr;
  size_t bankSize = 0;

  ~Bank()
  {
    if (map)
      munmap(map, mapSize);
  }
};

/// Readout's paged pool (MemoryBankManager::getPagedPool): a block of
/// pageSize * (nPages + 1) at a 2 MiB-aligned offset after earlier ranges,
/// first page kept free; the whole block is the channel's DMA buffer.
struct Pool {
  char* base;
  size_t blockSize;
  size_t pageSize;
  std::vector<char*> free;
  std::set<char*> all;

  Pool(char* bankBase, size_t offset, size_t page, int nPages)
    : base(bankBase + offset), blockSize(page * (nPages + 1)), pageSize(page)
  {
    std::memset(base, 0, blockSize); // Readout's bzero of the block
    for (int i = nPages; i >= 1; i--) {
      free.push_back(base + page * i);
      all.insert(base + page * i);
    }
  }

  char* getPage()
  {
    if (free.empty())
      return nullptr;
    char* p = free.back();
    free.pop_back();
    return p;
  }

  void releasePage(char* p)
  {
    free.push_back(p);
  }

  bool isPageValid(char* p) const
  {
    return all.count(p) != 0;
  }
};

static std::string hugeDir;

/// A bank of @p size bytes of 2 MiB hugepages: a hugetlbfs file or a memfd.
static std::unique_ptr<Bank> makeBank(bool hugetlbfs, size_t size, const std::string& name)
{
  auto bank = std::make_unique<Bank>();
  if (hugetlbfs) {
    bank->file = std::make_unique<roc::MemoryMappedFile>(hugeDir + "/readout-" + name, size, true);
    bank->bankBase = static_cast<char*>(bank->file->getAddress());
  } else {
    int fd = memfd_create(("readout-" + name).c_str(), MFD_CLOEXEC | MFD_HUGETLB);
    if (fd < 0 || ftruncate(fd, static_cast<off_t>(size)))
      throw std::runtime_error("memfd of " + std::to_string(size) + " bytes: " + std::strerror(errno));
    bank->map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (bank->map == MAP_FAILED) {
      bank->map = nullptr;
      throw std::runtime_error("mmap of a hugetlb memfd: " + std::string(std::strerror(errno)));
    }
    bank->mapSize = size;
    bank->bankBase = static_cast<char*>(bank->map);
  }
  bank->bankSize = size;
  return bank;
}

struct Result {
  bool opened = false;
  std::string error;
  int rocFifoSize = 0;
  long ready = 0, empty = 0, invalid = 0, badOffset = 0, badSize = 0, badLink = 0;
  uint64_t bytes = 0, dataErrors = 0;
  bool pushAfterStop = true;
  bool poolComplete = false;
  bool fillBeforeStartZero = false;
  std::string identity;
};

/// One equipment, exactly as ReadoutEquipmentRORC runs it.
static void runEquipment(const std::string& cardId, int channelNumber, roc_check_format format, bool hugetlbfs,
                         int targetPages, Result& r)
{
  const size_t pageSize = 256 * 1024; // memoryPoolPageSize
  const int nPages = 32;              // memoryPoolNumberOfPages
  const size_t superPageSize = pageSize - pageSize % (32 * 1024);
  struct roc_checker* checker = nullptr;
  try {
    // The bank holds an earlier range; the pool starts 2 MiB-aligned after it.
    auto bank = makeBank(hugetlbfs, 8 * HUGE, cardId + "-" + std::to_string(channelNumber));
    Pool pool(bank->bankBase, 2 * HUGE, pageSize, nPages);
    if (roc_checker_new(format, ROC_CHECK_MODE_FULL, 4, &checker))
      throw std::runtime_error("roc_checker_new");

    roc::Parameters params;
    params.setCardId(roc::Parameters::cardIdFromString(cardId));
    params.setChannelNumber(channelNumber);
    params.setFirmwareCheckEnabled(1);
    params.setDataSource(roc::DataSource::fromString("Internal"));
    params.setBufferParameters(roc::buffer_parameters::Memory{ pool.base, pool.blockSize });
    auto channel = roc::ChannelFactory().getDmaChannel(params);
    r.opened = true;

    auto serial = channel->getSerial();
    r.identity = "PCI " + channel->getPciAddress().toString() + " @ NUMA node " +
                 std::to_string(channel->getNumaNode()) + ", serial " +
                 (serial ? std::to_string(serial.get()) : "unknown") + ", firmware " +
                 channel->getFirmwareInfo().value_or("unknown") + ", card id " +
                 channel->getCardId().value_or("unknown");
    r.fillBeforeStartZero = channel->getTransferQueueAvailable() == 0;

    // setDataOn
    channel->startDma();
    r.rocFifoSize = channel->getTransferQueueAvailable();
    int rocFifoSize = r.rocFifoSize ? r.rocFifoSize : 1;

    bool isWaitingFirstLoop = true;
    int32_t lastPacketDropped = 0;
    auto droppedTimer = std::chrono::steady_clock::now();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);

    auto consume = [&](roc::Superpage superpage) {
      char* page = static_cast<char*>(superpage.getUserData());
      if (!superpage.isReady()) {
        r.empty++;
        pool.releasePage(page);
        return;
      }
      if (!pool.isPageValid(page)) {
        r.invalid++;
        return;
      }
      r.ready++;
      if (page - pool.base != static_cast<long>(superpage.getOffset()))
        r.badOffset++;
      if (superpage.getReceived() == 0 || superpage.getReceived() > superpage.getSize() ||
          superpage.getSize() != superPageSize)
        r.badSize++;
      int link = superpage.getLink();
      if (link < 0 || link > 31)
        r.badLink++;
      else if (roc_checker_check(checker, static_cast<unsigned>(link), page, superpage.getReceived(),
                                 static_cast<uint64_t>(r.ready)) < 0)
        r.badLink++;
      r.bytes += superpage.getReceived();
      pool.releasePage(page);
    };

    while (r.ready < targetPages && std::chrono::steady_clock::now() < deadline) {
      // getNextBlock, up to 1024 times per pass
      for (int i = 0; i < 1024 && channel->getReadyQueueSize() > 0; i++)
        consume(channel->popSuperpage());

      // prepareBlocks
      if (isWaitingFirstLoop || std::chrono::steady_clock::now() - droppedTimer > std::chrono::seconds(1)) {
        int32_t currentPacketDropped = channel->getDroppedPackets();
        lastPacketDropped = currentPacketDropped;
        droppedTimer = std::chrono::steady_clock::now();
      }
      if (isWaitingFirstLoop)
        isWaitingFirstLoop = false;
      else
        (void)channel->areSuperpageFifosHealthy();
      int nPushed = 0;
      while (channel->getTransferQueueAvailable() != 0) {
        char* newPage = pool.getPage();
        if (!newPage)
          break;
        roc::Superpage superpage;
        superpage.setOffset(newPage - pool.base);
        superpage.setSize(superPageSize);
        superpage.setUserData(newPage);
        if (channel->pushSuperpage(superpage)) {
          nPushed++;
        } else {
          pool.releasePage(newPage);
          break;
        }
      }
      channel->fillSuperpages();
      if (nPushed < rocFifoSize / 4)
        usleep(200); // idleSleepTime
    }
    (void)lastPacketDropped;

    // setDataOff, then the leftovers come back through getNextBlock
    channel->stopDma();
    roc::Superpage late(0, superPageSize, pool.free.empty() ? nullptr : pool.free.back());
    r.pushAfterStop = channel->pushSuperpage(late);
    while (channel->getReadyQueueSize() > 0)
      consume(channel->popSuperpage());
    r.poolComplete = static_cast<int>(pool.free.size()) == nPages && channel->isTransferQueueEmpty();
    r.dataErrors = roc_checker_get_errors(checker);
  } catch (const std::exception& e) {
    r.error = boost::diagnostic_information(e);
  }
  roc_checker_free(checker);
}

static void reportEquipment(const std::string& what, const Result& r, int targetPages)
{
  if (!r.error.empty() && !r.opened) {
    check(false, what + ": open the channel", r.error);
    return;
  }
  check(r.error.empty(), what + ": equipment loop ran without exception", r.error);
  std::printf("# %s: %s; ROC input queue size %d; %ld ready, %ld empty, %llu bytes\n", what.c_str(),
              r.identity.c_str(), r.rocFifoSize, r.ready, r.empty, static_cast<unsigned long long>(r.bytes));
  check(r.fillBeforeStartZero && r.rocFifoSize > 0, what + ": getTransferQueueAvailable() 0 before startDma, "
        + std::to_string(r.rocFifoSize) + " after");
  check(r.ready >= targetPages, what + ": " + std::to_string(r.ready) + " superpages read out (want " +
        std::to_string(targetPages) + ")");
  check(r.invalid == 0 && r.badOffset == 0 && r.badSize == 0 && r.badLink == 0,
        what + ": user data, offset, size, getReceived() and getLink() of every superpage",
        "invalid " + std::to_string(r.invalid) + ", offset " + std::to_string(r.badOffset) + ", size " +
          std::to_string(r.badSize) + ", link " + std::to_string(r.badLink));
  check(r.dataErrors == 0 && r.bytes > 0, what + ": data checked, " + std::to_string(r.dataErrors) + " errors");
  check(!r.pushAfterStop, what + ": pushSuperpage() after stopDma() returns false");
  check(r.poolComplete, what + ": every page came back (stop returns them not ready)");
}

int main()
{
  std::printf("# ReadoutCard %s\n", roc::getReadoutCardVersion());
  if (access("/sys/bus/roc_sim/new_device", W_OK)) {
    std::printf("1..0 # SKIP roc_sim not loaded or not root\n");
    return 0;
  }
  const int cruSerial = 5245, crorcSerial = 5942;
  int cruSim = newSim("cru", cruSerial), crorcSim = newSim("crorc", crorcSerial);
  check(cruSim >= 0 && crorcSim >= 0, "create a simulated CRU and C-RORC");

  // --- findCards / findCard
  auto cards = roc::findCards();
  int seenCru = 0, seenCrorc = 0, cruSeq = -1;
  for (const auto& c : cards) {
    if (c.serialId.getSerial() == cruSerial && c.cardType == roc::CardType::Cru) {
      seenCru++;
      if (c.serialId.getEndpoint() == 0) {
        cruSeq = c.sequenceId;
        check(c.pciAddress.toString() == "roc_sim:" + std::to_string(cruSim) + ".0" && c.pciId.device == "0034",
              "findCards: CRU endpoint 0 address and PCI ID", c.pciAddress.toString());
      }
    }
    if (c.serialId.getSerial() == crorcSerial && c.cardType == roc::CardType::Crorc)
      seenCrorc++;
  }
  check(seenCru == 2 && seenCrorc == 1, "findCards: both CRU endpoints and the C-RORC");
  try {
    auto d = roc::findCard(std::string("5245:1"));
    auto bySeq = roc::findCard(roc::PciSequenceNumber("#" + std::to_string(cruSeq)));
    check(d.serialId.getEndpoint() == 1 && d.cardType == roc::CardType::Cru && bySeq.serialId.getEndpoint() == 0,
          "findCard by serial:endpoint and by #N");
  } catch (const std::exception& e) {
    check(false, "findCard by serial:endpoint and by #N", boost::diagnostic_information(e));
  }

  // --- roc-list-cards --json carries what readoutAutoConfigure reads
  {
    char exe[4096] = "";
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    std::string tool = std::string(exe, len > 0 ? static_cast<size_t>(len) : 0);
    tool = tool.substr(0, tool.rfind('/')) + "/../utils/roc-list-cards";
    if (access(tool.c_str(), X_OK)) {
      skip("roc-list-cards --json: type, pciAddress, serial, endpoint, numa", "no build/utils/roc-list-cards");
    } else {
      std::string json;
      if (FILE* p = popen((tool + " --json").c_str(), "r")) {
        int c;
        while ((c = std::fgetc(p)) != EOF)
          if (!std::isspace(c))
            json += static_cast<char>(c);
        pclose(p);
      }
      std::string address = "\"pciAddress\":\"roc_sim:" + std::to_string(cruSim) + ".1\"";
      auto at = json.find(address);
      auto object = at == std::string::npos ? std::string() : json.substr(json.rfind('{', at), 400);
      check(object.find("\"type\":\"CRU\"") != std::string::npos &&
              object.find("\"serial\":" + std::to_string(cruSerial)) != std::string::npos &&
              object.find("\"endpoint\":1") != std::string::npos && object.find("\"numa\":") != std::string::npos &&
              roc::Parameters::cardIdFromString("roc_sim:" + std::to_string(cruSim) + ".1").which() == 0,
            "roc-list-cards --json: type, pciAddress, serial, endpoint, numa; the address is a card ID", object);
    }
  }

  // --- hugetlbfs mount for the MemoryMappedFile banks
  char dir[] = "/tmp/roc-cxx-huge.XXXXXX";
  bool haveHugetlbfs = mkdtemp(dir) && mount("none", dir, "hugetlbfs", 0, "pagesize=2M") == 0;
  if (haveHugetlbfs)
    hugeDir = dir;

  for (bool hugetlbfs : { true, false }) {
    std::string mem = hugetlbfs ? "hugetlbfs MemoryMappedFile" : "memfd";
    if (hugetlbfs && !haveHugetlbfs) {
      skip("CRU and C-RORC readout from a " + mem, "cannot mount hugetlbfs");
      continue;
    }
    // CRU endpoint 0 by its bus address, as readoutAutoConfigure writes it
    Result cru;
    runEquipment("roc_sim:" + std::to_string(cruSim) + ".0", 0, ROC_CHECK_FORMAT_CRU_INTERNAL, hugetlbfs, 96, cru);
    reportEquipment("CRU " + mem, cru, 96);

    // the six C-RORC channels at once, one thread each (by serial)
    std::vector<Result> results(6);
    std::vector<std::thread> threads;
    for (int ch = 0; ch < 6; ch++)
      threads.emplace_back(runEquipment, std::to_string(crorcSerial), ch, ROC_CHECK_FORMAT_CRORC, hugetlbfs, 40,
                           std::ref(results[ch]));
    for (auto& t : threads)
      t.join();
    for (int ch = 0; ch < 6; ch++)
      reportEquipment("C-RORC channel " + std::to_string(ch) + " " + mem, results[ch], 40);
  }
  if (haveHugetlbfs)
    umount(dir);
  rmdir(dir);

  // --- a second opener gets the LockException family; firmware check
  try {
    auto params = roc::Parameters::makeParameters(roc::SerialId(crorcSerial, 0), 2);
    params.setBufferParameters(roc::buffer_parameters::Null{});
    auto first = roc::ChannelFactory().getDmaChannel(params);
    try {
      auto second = roc::ChannelFactory().getDmaChannel(params);
      check(false, "a second opener of a channel gets a LockException", "no exception");
    } catch (const roc::LockException& e) {
      std::string info = boost::diagnostic_information(e);
      check(info.find("busy") != std::string::npos || info.find("held") != std::string::npos,
            "a second opener of a channel gets a LockException naming the holder", info);
    }
    params.setFirmwareCheckEnabled(false).setChannelNumber(3);
    auto bypassed = roc::ChannelFactory().getDmaChannel(params);
    check(bypassed->getCardType() == roc::CardType::Crorc && bypassed->getDroppedPackets() == -1 &&
            bypassed->areSuperpageFifosHealthy() && bypassed->getCounterFirstOrbit() == 0xffffffffu,
          "C-RORC channel: firmware check bypassed, dropped packets -1, FIFOs healthy, first orbit unknown");
    bool siuReset = true;
    try {
      bypassed->resetChannel(roc::ResetLevel::InternalSiu);
    } catch (const std::exception&) {
      siuReset = false;
    }
    bypassed->resetChannel(roc::ResetLevel::Internal);
    check(siuReset, "resetChannel: Internal and InternalSiu work on a C-RORC (issue 13)");
    auto noBuffer = roc::ChannelFactory().getDmaChannel(
      roc::Parameters::makeParameters(roc::SerialId(cruSerial, 1), 0).setDataSource(roc::DataSource::Ddg));
    auto temperature = noBuffer->getTemperature();
    check(noBuffer->getCardType() == roc::CardType::Cru && noBuffer->getDroppedPackets() >= 0 && temperature &&
            noBuffer->getCardId() && noBuffer->getFirmwareInfo().value_or("") == "f6b5d742",
          "CRU endpoint 1 (firmware checked): dropped packets, temperature, chip ID, firmware info");
    bool siu = true;
    try {
      auto siuChannel = roc::ChannelFactory().getDmaChannel(
        roc::Parameters::makeParameters(roc::SerialId(crorcSerial, 0), 4).setDataSource(roc::DataSource::Siu));
      siuChannel->startDma();
      siuChannel->stopDma();
    } catch (const std::exception&) {
      siu = false;
    }
    check(siu, "data source Siu starts and stops on a C-RORC (issue 13)");
  } catch (const std::exception& e) {
    check(false, "channel ownership and identity", boost::diagnostic_information(e));
  }

  // --- ALF: BAR2 slow control of the CRU, by word index, both endpoints
  try {
    for (int ep = 0; ep < 2; ep++) {
      auto bar2 = roc::ChannelFactory().getBar(roc::Parameters::cardIdFromString(std::to_string(cruSerial) + ":" +
                                                                                 std::to_string(ep)), 2);
      namespace sc = roc::Cru::ScRegisters;
      int rawLink = ep * 12 + 3;
      auto index = [&](const roc::Register& reg) {
        return static_cast<int>((0x00f00000 + (rawLink << 8)) / 4 + reg.index);
      };
      bar2->writeRegister(index(sc::SC_RESET), 0x1);
      bar2->writeRegister(index(sc::SC_RESET), 0x0);
      bar2->writeRegister(index(sc::SWT_WR_WORD_L), 0x12345678);
      bar2->writeRegister(index(sc::SWT_WR_WORD_M), 0x9abcdef0);
      bar2->modifyRegister(index(sc::SWT_WR_WORD_M), 8, 8, 0x55);
      bar2->modifyRegister(index(sc::SWT_WR_WORD_L), 0, 32, 0xcafef00d);
      check(bar2->readRegister(index(sc::SWT_WR_WORD_L)) == 0xcafef00d &&
              bar2->readRegister(index(sc::SWT_WR_WORD_M)) == 0x9abc55f0 && bar2->readRegister(index(sc::SC_RESET)) == 0 &&
              bar2->getIndex() == 2 && bar2->getSize() == 16 * MiB && bar2->getEndpointNumber() == ep &&
              bar2->getCardType() == roc::CardType::Cru && bar2->getSerial().value_or(0) == cruSerial,
            "ALF on CRU endpoint " + std::to_string(ep) + ": SC block by word index, modify(position, width)");
      bool outside = false;
      try {
        bar2->readRegister(static_cast<int>(16 * MiB / 4));
      } catch (const roc::OutOfRangeException&) {
        outside = true;
      }
      check(outside, "CRU BAR2: an index beyond the BAR throws OutOfRangeException");
    }
    for (int ch = 0; ch < 6; ch++) {
      auto bar = roc::ChannelFactory().getBar(roc::SerialId(crorcSerial, 0), ch);
      int cfg = 0x1f0 / 4; // CFG_CONTROL, stores what is written
      uint32_t before = bar->readRegister(cfg);
      bar->modifyRegister(cfg, 4, 12, 0xa5c);
      uint32_t after = bar->readRegister(cfg);
      bar->writeRegister(cfg, before);
      check(after == ((before & ~0xfff0u) | 0xa5c0u) && bar->readRegister(cfg) == before && bar->getIndex() == ch &&
              bar->getDroppedPackets(0) == -1,
            "ALF on C-RORC BAR " + std::to_string(ch) + ": modify(position, width), write, read");
    }
  } catch (const std::exception& e) {
    check(false, "BAR access as ALF does it", boost::diagnostic_information(e));
  }

  delSims();
  std::printf("1..%d\n", testNumber);
  return failures ? 1 : 0;
}
