// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file RegisterReadWriteInterface.h
/// \brief 32-bit register access by word index (byte address / 4).
#ifndef ROC_READOUTCARD_REGISTERREADWRITEINTERFACE_H
#define ROC_READOUTCARD_REGISTERREADWRITEINTERFACE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>

namespace o2
{
namespace roc
{

class RegisterReadWriteInterface
{
 public:
  virtual ~RegisterReadWriteInterface()
  {
  }

  /// Read register @p index (byte address index * 4)
  virtual uint32_t readRegister(int index) = 0;

  /// Write register @p index; UnsafeWriteAccess for a register only
  /// CAP_SYS_RAWIO may write
  virtual void writeRegister(int index, uint32_t value) = 0;

  /// Set bits [position, position + width) of register @p index to the low
  /// @p width bits of @p value (roc: one atomic read-modify-write)
  virtual void modifyRegister(int index, int position, int width, uint32_t value) = 0;
};

} // namespace roc
} // namespace o2

#endif
