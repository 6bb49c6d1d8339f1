// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Register.h
/// \brief A register by byte address and word index.
#ifndef ROC_READOUTCARD_REGISTER_H
#define ROC_READOUTCARD_REGISTER_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>

namespace o2
{
namespace roc
{

struct Register {
  constexpr explicit Register(uintptr_t byteAddress) : address(byteAddress), index(byteAddress / 4)
  {
  }

  uintptr_t address; ///< byte address
  uintptr_t index;   ///< 32-bit word index
};

} // namespace roc
} // namespace o2

#endif
