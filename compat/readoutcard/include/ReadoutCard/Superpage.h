// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Superpage.h
/// \brief A piece of the DMA buffer the card fills with DMA pages.
#ifndef ROC_READOUTCARD_SUPERPAGE_H
#define ROC_READOUTCARD_SUPERPAGE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstddef>

namespace o2
{
namespace roc
{

struct Superpage {
 public:
  Superpage() = default;

  Superpage(size_t offset, size_t size, void* userData = nullptr)
    : mOffset(offset), mSize(size), mUserData(userData)
  {
  }

  /// The card is done with it (it need not be full).  Superpages that
  /// stopDma() returns unfilled are not ready.
  bool isReady() const
  {
    return mReady;
  }

  /// Every byte was written
  bool isFilled() const
  {
    return mReceived == mSize;
  }

  /// Bytes from the start of the channel's buffer
  size_t getOffset() const
  {
    return mOffset;
  }

  /// Size in bytes
  size_t getSize() const
  {
    return mSize;
  }

  /// Bytes the card wrote
  size_t getReceived() const
  {
    return mReceived;
  }

  void* getUserData() const
  {
    return mUserData;
  }

  void setReady(bool ready)
  {
    mReady = ready;
  }

  void setReceived(size_t received)
  {
    mReceived = received;
  }

  void setOffset(size_t offset)
  {
    mOffset = offset;
  }

  void setSize(size_t size)
  {
    mSize = size;
  }

  void setUserData(void* userData)
  {
    mUserData = userData;
  }

  /// Link that filled it (CRU link; C-RORC: the channel); -1 if unknown
  void setLink(int id = -1)
  {
    mLink = id;
  }

  int getLink() const
  {
    return mLink;
  }

 private:
  size_t mOffset = 0;
  size_t mSize = 0;
  void* mUserData = nullptr;
  size_t mReceived = 0;
  bool mReady = false;
  int mLink = -1;
};

} // namespace roc
} // namespace o2

#endif
