// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file MemoryMappedFile.h
/// \brief A shared mapping of a file, created at the size asked for
/// (Readout's banks: a file in a hugetlbfs mount).
#ifndef ROC_READOUTCARD_MEMORYMAPPEDFILE_H
#define ROC_READOUTCARD_MEMORYMAPPEDFILE_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstddef>
#include <memory>
#include <string>

namespace o2
{
namespace roc
{

struct MemoryMappedFileInternal;

class MemoryMappedFile
{
 public:
  MemoryMappedFile();

  /// Create (or open) @p fileName, size it to @p fileSize and map it
  /// read-write shared.  @p lockMap: refuse (MemoryMapException) when
  /// another MemoryMappedFile, in any process, holds the file (an flock).
  /// Throws MemoryMapException naming the file and the problem.
  MemoryMappedFile(const std::string& fileName, size_t fileSize, bool deleteFileOnDestruction = false,
                   bool lockMap = true);

  /// Unmap; delete the file if asked to
  ~MemoryMappedFile();

  void* getAddress() const;

  size_t getSize() const;

  std::string getFileName() const;

 private:
  std::unique_ptr<MemoryMappedFileInternal> mInternal;
};

} // namespace roc
} // namespace o2

#endif
