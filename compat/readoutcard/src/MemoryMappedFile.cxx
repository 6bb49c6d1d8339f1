// SPDX-License-Identifier: LGPL-2.1-or-later
// MemoryMappedFile: a shared mapping of a file (hugetlbfs for Readout's
// banks).  No libroc call here.
#include "ReadoutCard/MemoryMappedFile.h"
#include "ReadoutCard/Exception.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

namespace o2
{
namespace roc
{

struct MemoryMappedFileInternal {
  std::string fileName;
  size_t size = 0;
  void* address = nullptr;
  int fd = -1;
  bool deleteOnDestruction = false;
};

namespace
{
[[noreturn]] void mapFailed(const std::string& fileName, const std::string& what, int err)
{
  BOOST_THROW_EXCEPTION(MemoryMapException()
                        << ErrorInfo::Message(fileName + ": " + what + ": " + std::strerror(err))
                        << ErrorInfo::FileName(fileName) << ErrorInfo::Errno(-err));
}
} // namespace

MemoryMappedFile::MemoryMappedFile() : mInternal(std::make_unique<MemoryMappedFileInternal>())
{
}

MemoryMappedFile::MemoryMappedFile(const std::string& fileName, size_t fileSize, bool deleteFileOnDestruction,
                                   bool lockMap)
  : mInternal(std::make_unique<MemoryMappedFileInternal>())
{
  auto& in = *mInternal;
  in.fileName = fileName;
  in.size = fileSize;
  if (fileSize == 0)
    mapFailed(fileName, "cannot map 0 bytes", EINVAL);
  in.fd = ::open(fileName.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (in.fd < 0)
    mapFailed(fileName, "cannot open", errno);
  // The lock goes with the file descriptor: the kernel drops it when the
  // holder dies, so nothing is left to clean up.
  if (lockMap && ::flock(in.fd, LOCK_EX | LOCK_NB)) {
    int err = errno;
    ::close(in.fd);
    mapFailed(fileName, err == EWOULDBLOCK ? "held by another MemoryMappedFile" : "cannot lock", err);
  }
  // hugetlbfs files can only be sized with ftruncate, to a multiple of the
  // huge page size; the mapping reserves the pages.
  if (::ftruncate(in.fd, static_cast<off_t>(fileSize))) {
    int err = errno;
    ::close(in.fd);
    mapFailed(fileName, "cannot size to " + std::to_string(fileSize) + " bytes", err);
  }
  void* p = ::mmap(nullptr, fileSize, PROT_READ | PROT_WRITE, MAP_SHARED, in.fd, 0);
  if (p == MAP_FAILED) {
    int err = errno;
    ::close(in.fd);
    mapFailed(fileName, "cannot map " + std::to_string(fileSize) + " bytes (hugepages missing?)", err);
  }
  in.address = p;
  in.deleteOnDestruction = deleteFileOnDestruction;
}

MemoryMappedFile::~MemoryMappedFile()
{
  auto& in = *mInternal;
  if (in.address)
    ::munmap(in.address, in.size);
  if (in.fd >= 0) {
    if (in.deleteOnDestruction)
      ::unlink(in.fileName.c_str());
    ::close(in.fd);
  }
}

void* MemoryMappedFile::getAddress() const
{
  return mInternal->address;
}

size_t MemoryMappedFile::getSize() const
{
  return mInternal->size;
}

std::string MemoryMappedFile::getFileName() const
{
  return mInternal->fileName;
}

} // namespace roc
} // namespace o2
