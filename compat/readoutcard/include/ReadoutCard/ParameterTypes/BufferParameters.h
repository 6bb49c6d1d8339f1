// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file BufferParameters.h
/// \brief The DMA buffer of a channel.
#ifndef ROC_READOUTCARD_PARAMETERTYPES_BUFFERPARAMETERS_H
#define ROC_READOUTCARD_PARAMETERTYPES_BUFFERPARAMETERS_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstddef>
#include <string>

namespace o2
{
namespace roc
{
namespace buffer_parameters
{

/// Memory of the caller: [address, address + size), page-aligned; it may
/// lie anywhere inside a larger mapping.  Registered once with the channel.
struct Memory {
  void* address;
  size_t size;
};

/// A file mapped by the channel (hugetlbfs for large superpages).
struct File {
  std::string path;
  size_t size;
};

/// No buffer: the channel can be opened but not pushed to.
struct Null {
};

} // namespace buffer_parameters
} // namespace roc
} // namespace o2

#endif
