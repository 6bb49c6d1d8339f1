// SPDX-License-Identifier: LGPL-2.1-or-later
// cxx_api_test - native unit test of libroc++ (no card needed): parameter
// types and their parsing, Parameters, the exception hierarchy with
// boost::diagnostic_information, MemoryMappedFile, and the errors of
// ChannelFactory/findCard when no card matches.  Prints TAP.
#include <ReadoutCard/CardFinder.h>
#include <ReadoutCard/CardType.h>
#include <ReadoutCard/ChannelFactory.h>
#include <ReadoutCard/Cru.h>
#include <ReadoutCard/DmaChannelInterface.h>
#include <ReadoutCard/Exception.h>
#include <ReadoutCard/MemoryMappedFile.h>
#include <ReadoutCard/Parameters.h>
#include <ReadoutCard/Version.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <unistd.h>

namespace roc = AliceO2::roc; // the old namespace must name the same things

static int testNumber;
static int failures;

static void check(bool ok, const std::string& name, const std::string& diag = "")
{
  std::printf("%s %d %s\n", ok ? "ok" : "not ok", ++testNumber, name.c_str());
  if (!ok) {
    failures++;
    if (!diag.empty())
      std::printf("#   %s\n", diag.c_str());
  }
}

// Run @p fn; it must throw E (and what() must contain @p needle).
template <typename E>
static void expectThrow(const std::string& name, const std::function<void()>& fn, const std::string& needle = "")
{
  try {
    fn();
    check(false, name, "no exception");
  } catch (const E& e) {
    std::string what = e.what();
    check(needle.empty() || what.find(needle) != std::string::npos, name, "what(): " + what);
  } catch (const std::exception& e) {
    check(false, name, std::string("other exception: ") + boost::diagnostic_information(e));
  }
}

int main()
{
  // --- card IDs
  auto id = roc::Parameters::cardIdFromString("3b:00.0");
  auto* pci = boost::get<roc::PciAddress>(&id);
  check(pci && pci->getBus() == 0x3b && pci->getSlot() == 0 && pci->getFunction() == 0 &&
          pci->toString() == "3b:00.0",
        "cardIdFromString: lspci address");
  id = roc::Parameters::cardIdFromString("0000:af:1f.7");
  pci = boost::get<roc::PciAddress>(&id);
  check(pci && pci->getBus() == 0xaf && pci->getSlot() == 0x1f && pci->getFunction() == 7 &&
          pci->toString() == "af:1f.7",
        "cardIdFromString: address with domain 0000 (roc-list-cards --json spelling)");
  id = roc::Parameters::cardIdFromString("0001:03:00.1");
  pci = boost::get<roc::PciAddress>(&id);
  check(pci && pci->getDomain() == 1 && pci->toString() == "0001:03:00.1", "cardIdFromString: other domain kept");
  id = roc::Parameters::cardIdFromString("roc_sim:12.1");
  pci = boost::get<roc::PciAddress>(&id);
  check(pci && pci->toString() == "roc_sim:12.1" && pci->getBus() == -1, "cardIdFromString: simulated address");
  id = roc::Parameters::cardIdFromString("#3");
  auto* seq = boost::get<roc::PciSequenceNumber>(&id);
  check(seq && *seq == 3 && seq->toString() == "#3", "cardIdFromString: #N");
  id = roc::Parameters::cardIdFromString("10241:1");
  auto* serial = boost::get<roc::SerialId>(&id);
  check(serial && serial->getSerial() == 10241 && serial->getEndpoint() == 1, "cardIdFromString: serial:endpoint");
  id = roc::Parameters::cardIdFromString(" 245 ");
  serial = boost::get<roc::SerialId>(&id);
  check(serial && serial->getSerial() == 245 && serial->getEndpoint() == 0 && serial->toString() == "245:0",
        "cardIdFromString: serial, default endpoint 0");
  check(roc::cardIdToString(roc::Parameters::cardIdFromString("0000:3b:00.0")) == "3b:00.0" &&
          roc::cardIdToString(roc::Parameters::cardIdFromString("#0")) == "#0" &&
          roc::cardIdToString(roc::Parameters::cardIdFromString("245:1")) == "245:1",
        "cardIdToString: libroc's forms");
  for (const char* bad : { "", "3b:00", "3b:20.0", "3b:00.8", "1ff:00.0", "#", "#x", "245:2", "-1", "roc_sim:1", "abc" })
    expectThrow<roc::ParseException>(std::string("cardIdFromString rejects \"") + bad + "\"",
                                     [bad] { roc::Parameters::cardIdFromString(bad); }, "cannot parse");
  check(!roc::PciAddress::fromString("3b:00") && !roc::SerialId::fromString("x") &&
          !roc::PciSequenceNumber::fromString("3"),
        "fromString: empty optional for bad strings");
  expectThrow<roc::ParseException>("PciAddress(bus, slot, function) range", [] { roc::PciAddress(0, 32, 0); });
  check(roc::PciAddress(1, 2, 3) == roc::PciAddress("01:02.3"), "PciAddress ==");

  // --- enums
  check(roc::DataSource::fromString("Internal") == roc::DataSource::Internal &&
          roc::DataSource::fromString("fee") == roc::DataSource::Fee &&
          roc::DataSource::fromString("DDG") == roc::DataSource::Ddg &&
          roc::DataSource::fromString("Siu") == roc::DataSource::Siu,
        "DataSource::fromString, any case (Readout's dataSource values)");
  check(roc::DataSource::toString(roc::DataSource::Internal) == "INTERNAL" &&
          roc::DataSource::isExternal(roc::DataSource::Fee) && !roc::DataSource::isExternal(roc::DataSource::Ddg),
        "DataSource::toString, isExternal");
  expectThrow<roc::ParseException>("DataSource::fromString rejects \"bogus\"",
                                   [] { roc::DataSource::fromString("bogus"); }, "bogus");
  check(roc::CardType::toString(roc::CardType::Cru) == "CRU" && roc::CardType::toString(roc::CardType::Crorc) == "CRORC" &&
          roc::CardType::fromString("cru") == roc::CardType::Cru,
        "CardType names (roc-list-cards spelling)");
  check(roc::ResetLevel::fromString("internal") == roc::ResetLevel::Internal &&
          roc::ResetLevel::toString(roc::ResetLevel::InternalSiu) == "INTERNAL_SIU" &&
          roc::ResetLevel::includesExternal(roc::ResetLevel::InternalSiu),
        "ResetLevel names");
  check(roc::DataSource::Fee == 0 && roc::DataSource::Internal == 3 && roc::DataSource::Ddg == 4 &&
          roc::ResetLevel::InternalSiu == 2 && roc::Clock::Local == 2 && roc::GbtMux::Na == -1,
        "enum values are ReadoutCard's");
  check(roc::Hex::fromString("0x1f") == 0x1f && roc::Hex::fromString("AB") == 0xab && roc::Hex::toString(255) == "0xff",
        "Hex");
  check(roc::Cru::ScRegisters::SC_RESET.index == 0x7c / 4 && roc::Cru::ScRegisters::SWT_WR_WORD_H.address == 0x48,
        "Cru::ScRegisters index and address");

  // --- Parameters
  roc::Parameters params;
  check(!params.getCardId() && !params.getFirmwareCheckEnabled(), "Parameters: unset parameters are empty");
  expectThrow<roc::ParameterException>("Parameters: getChannelNumberRequired throws when unset",
                                       [&] { params.getChannelNumberRequired(); }, "ChannelNumber");
  int block[16];
  params.setCardId(roc::Parameters::cardIdFromString("#1"))
    .setChannelNumber(5)
    .setFirmwareCheckEnabled(false)
    .setDataSource(roc::DataSource::fromString("Fee"))
    .setBufferParameters(roc::buffer_parameters::Memory{ block, sizeof(block) })
    .setLinkMask(roc::Parameters::linkMaskFromString("0-2,5, 7"));
  auto copy = params;
  auto moved = std::move(params);
  auto memory = boost::get<roc::buffer_parameters::Memory>(copy.getBufferParametersRequired());
  check(copy.getChannelNumberRequired() == 5 && copy.getFirmwareCheckEnabled() == false &&
          copy.getDataSourceRequired() == roc::DataSource::Fee && memory.address == block &&
          memory.size == sizeof(block) && moved.getChannelNumberRequired() == 5 && !params.getChannelNumber(),
        "Parameters: chained setters, copy and move");
  check(copy.getLinkMaskRequired() == roc::Parameters::LinkMaskType{ 0, 1, 2, 5, 7 }, "linkMaskFromString");
  expectThrow<roc::ParseException>("linkMaskFromString rejects \"3-1\"", [] { roc::Parameters::linkMaskFromString("3-1"); });
  auto made = roc::Parameters::makeParameters(roc::SerialId(245, 1), 2);
  check(boost::get<roc::SerialId>(made.getCardIdRequired()) == roc::SerialId(245, 1) &&
          made.getChannelNumberRequired() == 2,
        "makeParameters");

  // --- exceptions: std::exception + boost::exception, diagnostic_information
  try {
    BOOST_THROW_EXCEPTION(roc::SocketLockException() << roc::ErrorInfo::Message("channel held by pid 42")
                                                     << roc::ErrorInfo::ChannelNumber(3));
  } catch (const roc::LockException& e) {
    std::string info = boost::diagnostic_information(e);
    check(std::string(e.what()) == "channel held by pid 42" && info.find("channel held by pid 42") != std::string::npos &&
            info.find("3") != std::string::npos,
          "SocketLockException is a LockException; what() and diagnostic_information", info);
  }
  try {
    BOOST_THROW_EXCEPTION(roc::InvalidParameterException() << roc::ErrorInfo::Message("m"));
  } catch (const std::exception& e) {
    check(dynamic_cast<const boost::exception*>(&e) && dynamic_cast<const roc::ParameterException*>(&e) &&
            dynamic_cast<const AliceO2::roc::Exception*>(&e),
          "InvalidParameterException: std::exception, boost::exception, ParameterException");
  }

  // --- MemoryMappedFile (tmpfs here; hugetlbfs in the VM test)
  char path[] = "/tmp/cxx_api_test.XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  {
    roc::MemoryMappedFile file(path, 1 << 20, true);
    auto* p = static_cast<unsigned char*>(file.getAddress());
    p[0] = 1;
    p[(1 << 20) - 1] = 2;
    check(file.getSize() == 1 << 20 && file.getFileName() == path && p[0] == 1, "MemoryMappedFile: map and write");
    expectThrow<roc::MemoryMapException>("MemoryMappedFile: a second holder is refused",
                                         [&] { roc::MemoryMappedFile second(path, 1 << 20, false); },
                                         "held by another");
  }
  check(access(path, F_OK) != 0, "MemoryMappedFile: deleteFileOnDestruction removes the file");
  expectThrow<roc::MemoryMapException>("MemoryMappedFile: a bad path names the file",
                                       [] { roc::MemoryMappedFile bad("/nonexistent/dir/x", 4096); },
                                       "/nonexistent/dir/x");

  // --- no card: the errors Readout and ALF see
  expectThrow<roc::DeviceFinderException>("findCard: no endpoint with serial 99999",
                                          [] { roc::findCard(std::string("99999:0")); });
  expectThrow<roc::Exception>("getDmaChannel: no endpoint with serial 99999", [] {
    roc::ChannelFactory().getDmaChannel(roc::Parameters::makeParameters(roc::SerialId(99999, 0), 0));
  });
  expectThrow<roc::InvalidParameterException>("getBar: the dummy card is refused", [] {
    roc::ChannelFactory().getBar(roc::ChannelFactory::getDummySerialId(), 0);
  });
  expectThrow<roc::ParameterException>("getDmaChannel: the card ID is required",
                                       [] { roc::ChannelFactory().getDmaChannel(roc::Parameters()); });
  check(std::string(roc::getReadoutCardVersion()).find("(roc)") != std::string::npos, "getReadoutCardVersion");

  std::printf("1..%d\n", testNumber);
  return failures ? 1 : 0;
}
