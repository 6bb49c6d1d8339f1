// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file CardFinder.h
/// \brief The endpoints present (libroc's enumeration over netlink).
#ifndef ROC_READOUTCARD_CARDFINDER_H
#define ROC_READOUTCARD_CARDFINDER_H

#include "ReadoutCard/NamespaceAlias.h"
#include <string>
#include <vector>
#include "ReadoutCard/CardDescriptor.h"
#include "ReadoutCard/Parameters.h"

namespace o2
{
namespace roc
{

/// Every endpoint, in roc-list-cards order; empty when the driver is not
/// loaded
std::vector<CardDescriptor> findCards();

/// The endpoint a card ID names; throws DeviceFinderException if none
CardDescriptor findCard(const std::string cardId);
CardDescriptor findCard(const Parameters::CardIdType& cardId);
/// roc: a string literal would be ambiguous between the two above
CardDescriptor findCard(const char* cardId);

} // namespace roc
} // namespace o2

#endif
