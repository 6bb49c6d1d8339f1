// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Version.h
/// \brief Version of the library.
#ifndef ROC_READOUTCARD_VERSION_H
#define ROC_READOUTCARD_VERSION_H

#include "ReadoutCard/NamespaceAlias.h"

namespace o2
{
namespace roc
{

/// Version of this ReadoutCard implementation: "<roc++ version> (roc)"
const char* getReadoutCardVersion();

} // namespace roc
} // namespace o2

#endif
