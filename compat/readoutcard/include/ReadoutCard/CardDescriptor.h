// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file CardDescriptor.h
/// \brief Identity of one endpoint, as findCards() reports it.
#ifndef ROC_READOUTCARD_CARDDESCRIPTOR_H
#define ROC_READOUTCARD_CARDDESCRIPTOR_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>
#include "ReadoutCard/CardType.h"
#include "ReadoutCard/ParameterTypes/PciAddress.h"
#include "ReadoutCard/ParameterTypes/SerialId.h"
#include "ReadoutCard/PciId.h"

namespace o2
{
namespace roc
{

struct CardDescriptor {
  CardType::type cardType;
  SerialId serialId;     ///< serial -1 when unreadable
  PciId pciId;
  PciAddress pciAddress;
  int32_t numaNode;      ///< -1 if none
  int sequenceId;        ///< "#N" of the endpoint
};

} // namespace roc
} // namespace o2

#endif
