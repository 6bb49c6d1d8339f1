// SPDX-License-Identifier: LGPL-2.1-or-later
// Endpoints: opening one, its identity, the firmware check, enumeration.
// libroc calls (with RocBar.cxx and RocDmaChannel.cxx).
#include "Internal.h"
#include "ReadoutCard/CardFinder.h"

#include <libroc.h>

#include <cerrno>
#include <fstream>

namespace o2
{
namespace roc
{
namespace internal
{

std::string librocMessage()
{
  const char* message = roc_strerror_last();
  return message ? message : "";
}

namespace
{

CardType::type cardType(enum roc_type type)
{
  switch (type) {
    case ROC_TYPE_CRU:
      return CardType::Cru;
    case ROC_TYPE_CRORC:
      return CardType::Crorc;
    default:
      return CardType::Unknown;
  }
}

PciAddress pciAddress(const char* address)
{
  if (auto a = PciAddress::fromString(address ? address : ""))
    return *a;
  return PciAddress(0, 0, 0);
}

std::string readSysfs(const std::string& path)
{
  std::ifstream in(path);
  std::string s;
  in >> s;
  if (s.compare(0, 2, "0x") == 0)
    s = s.substr(2);
  return s;
}

CardDescriptor describe(const struct roc_card_info* info)
{
  CardType::type type = cardType(roc_card_info_get_type(info));
  const char* address = roc_card_info_get_address(info);
  PciId id;
  if (!roc_card_info_is_simulated(info) && address) {
    std::string dev = std::string("/sys/bus/pci/devices/") + address;
    id.vendor = readSysfs(dev + "/vendor");
    id.device = readSysfs(dev + "/device");
  }
  if (id.vendor.empty()) {
    id.vendor = "10dc";
    id.device = type == CardType::Cru ? "0034" : type == CardType::Crorc ? "0033" : "";
  }
  return CardDescriptor{ type,
                         SerialId(roc_card_info_get_serial(info),
                                  static_cast<int>(roc_card_info_get_endpoint(info))),
                         id,
                         pciAddress(address),
                         roc_card_info_get_numa_node(info),
                         roc_card_info_get_sequence(info) };
}

} // namespace

RocCard::RocCard(const Parameters::CardIdType& cardId, bool readOnly)
{
  std::string id = cardIdToString(cardId);
  int ret = roc_card_open(id.c_str(), readOnly ? ROC_OPEN_READONLY : 0, &mCard);
  if (ret == -ENODEV || ret == -ENOENT)
    throwLibroc<DeviceFinderException>(ret, "no roc endpoint matches card ID " + id);
  if (ret == -EINVAL)
    throwLibroc<ParseException>(ret, "bad card ID " + id);
  if (ret)
    throwLibroc<Exception>(ret, "cannot open card " + id);

  const struct roc_card_info* info = roc_card_get_info(mCard);
  mIdentity.type = cardType(roc_card_info_get_type(info));
  mIdentity.pciAddress = pciAddress(roc_card_info_get_address(info));
  mIdentity.numaNode = roc_card_info_get_numa_node(info);
  mIdentity.serial = roc_card_info_get_serial(info);
  mIdentity.endpoint = static_cast<int>(roc_card_info_get_endpoint(info));
  mIdentity.firmwareHash = roc_card_info_get_fw_hash(info);
  mIdentity.linkCount = static_cast<int>(roc_card_info_get_link_count(info));
  mIdentity.devId = roc_card_info_get_dev_id(info);
  mIdentity.label = roc_card_get_label(mCard);
}

RocCard::~RocCard()
{
  roc_bar_close(mBar2);
  roc_card_close(mCard);
}

void RocCard::checkFirmware(bool enabled)
{
  if (!enabled)
    return;
  struct roc_fw_list* list = nullptr;
  int ret = roc_fw_list_new(0, &list);
  if (ret)
    throwLibroc<Exception>(ret, mIdentity.label + ": cannot load the firmware list");
  ret = roc_fw_list_check(list, roc_card_get_info(mCard), 0);
  roc_fw_list_free(list);
  if (ret)
    throwLibroc<Exception>(ret, mIdentity.label + ": firmware not accepted (set FirmwareCheckEnabled false to bypass)");
}

boost::optional<float> RocCard::temperature()
{
  if (mIdentity.type != CardType::Cru)
    return {};
  struct roc_card_info* info = nullptr;
  if (roc_card_info_query(mIdentity.devId, &info))
    return {};
  int32_t mdeg;
  bool ok = roc_card_info_get_temperature(info, &mdeg) == 0;
  roc_card_info_free(info);
  if (!ok)
    return {};
  return mdeg / 1000.0f;
}

int32_t RocCard::droppedPackets()
{
  if (mIdentity.type != CardType::Cru)
    return -1;
  struct roc_card_info* info = nullptr;
  int ret = roc_card_info_query(mIdentity.devId, &info);
  if (ret)
    throwLibroc<Exception>(ret, mIdentity.label + ": cannot read the dropped-packet counter");
  uint64_t count = 0;
  ret = roc_card_info_get_dropped_packets(info, &count);
  roc_card_info_free(info);
  if (ret)
    throwLibroc<Exception>(ret, mIdentity.label + ": cannot read the dropped-packet counter");
  return static_cast<int32_t>(count);
}

uint32_t RocCard::readRegister(unsigned int bar, uint32_t address)
{
  // Only BAR2 is kept open; the identity registers are all there.
  if (bar != 2)
    BOOST_THROW_EXCEPTION(Exception() << ErrorInfo::Message("internal: only BAR2 is read by RocCard"));
  int ret;
  if (!mBar2) {
    ret = roc_bar_open(mCard, 2, 0, &mBar2);
    if (ret)
      throwLibroc<Exception>(ret, mIdentity.label + ": cannot open BAR2");
  }
  uint32_t value = 0;
  ret = roc_bar_read(mBar2, address, &value);
  if (ret)
    throwLibroc<Exception>(ret, mIdentity.label + ": cannot read BAR2");
  return value;
}

boost::optional<std::string> RocCard::chipId()
{
  if (mIdentity.type != CardType::Cru)
    return {};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%08x-%08x", readRegister(2, 0x10014), readRegister(2, 0x10018));
  return std::string(buf);
}

uint32_t RocCard::firstOrbit()
{
  if (mIdentity.type != CardType::Cru)
    return 0xffffffffu;
  // datapath wrapper of the endpoint (docs/hardware.md 2.2)
  return readRegister(2, 0x600000u + 0x100000u * static_cast<uint32_t>(mIdentity.endpoint) + 0x4002cu);
}

} // namespace internal

std::vector<CardDescriptor> findCards()
{
  std::vector<CardDescriptor> cards;
  struct roc_card_list* list = nullptr;
  int ret = roc_card_list_new(&list);
  if (ret == -ENOENT)
    return cards; // the driver is not loaded: no card
  if (ret)
    internal::throwLibroc<DeviceFinderException>(ret, "cannot list the roc endpoints");
  for (size_t i = 0; i < roc_card_list_count(list); i++)
    cards.push_back(internal::describe(roc_card_list_get(list, i)));
  roc_card_list_free(list);
  return cards;
}

CardDescriptor findCard(const Parameters::CardIdType& cardId)
{
  std::string id = cardIdToString(cardId);
  struct roc_card_id* parsed = nullptr;
  int ret = roc_card_id_parse(id.c_str(), &parsed);
  if (ret)
    internal::throwLibroc<ParseException>(ret, "bad card ID " + id);
  struct roc_card_list* list = nullptr;
  ret = roc_card_list_new(&list);
  if (ret) {
    roc_card_id_free(parsed);
    internal::throwLibroc<DeviceFinderException>(ret, "cannot list the roc endpoints");
  }
  const struct roc_card_info* info = roc_card_list_find(list, parsed);
  boost::optional<CardDescriptor> found;
  if (info)
    found = internal::describe(info);
  roc_card_list_free(list);
  roc_card_id_free(parsed);
  if (!found)
    BOOST_THROW_EXCEPTION(DeviceFinderException() << ErrorInfo::Message("no roc endpoint matches card ID " + id)
                                                  << ErrorInfo::CardId(id));
  return *found;
}

CardDescriptor findCard(const std::string cardId)
{
  return findCard(Parameters::cardIdFromString(cardId));
}

CardDescriptor findCard(const char* cardId)
{
  return findCard(Parameters::cardIdFromString(cardId ? cardId : ""));
}

} // namespace roc
} // namespace o2
