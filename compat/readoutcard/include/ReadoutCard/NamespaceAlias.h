// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file NamespaceAlias.h
/// \brief roc's ReadoutCard API lives in o2::roc; code that still says
/// AliceO2::roc finds the same names through a using-directive, the way
/// ReadoutCard itself keeps the old namespace working.
#ifndef ROC_READOUTCARD_NAMESPACEALIAS_H
#define ROC_READOUTCARD_NAMESPACEALIAS_H

namespace o2
{
namespace roc
{
} // namespace roc
} // namespace o2

namespace AliceO2
{
using namespace o2;
} // namespace AliceO2

#endif
