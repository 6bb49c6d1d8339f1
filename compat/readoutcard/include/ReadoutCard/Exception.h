// SPDX-License-Identifier: LGPL-2.1-or-later
/// \file Exception.h
/// \brief Exceptions of the ReadoutCard API on roc.
///
/// Every exception is a std::exception and a boost::exception, so that
/// boost::diagnostic_information() prints it with the error information
/// attached (ErrorInfo below).  what() returns the ErrorInfo::Message when
/// one is attached.  The hierarchy and names are those of ReadoutCard;
/// the ones roc never throws are kept so that catch clauses compile.
#ifndef ROC_READOUTCARD_EXCEPTION_H
#define ROC_READOUTCARD_EXCEPTION_H

#include "ReadoutCard/NamespaceAlias.h"
#include <cstdint>
#include <exception>
#include <string>
#include <boost/exception/all.hpp>

namespace o2
{
namespace roc
{

/// Error information that roc attaches to its exceptions.
namespace ErrorInfo
{
using Message = boost::error_info<struct RocTagMessage, std::string>;
using CardId = boost::error_info<struct RocTagCardId, std::string>;
using PciAddress = boost::error_info<struct RocTagPciAddress, std::string>;
using SerialNumber = boost::error_info<struct RocTagSerialNumber, int32_t>;
using Endpoint = boost::error_info<struct RocTagEndpoint, int32_t>;
using ChannelNumber = boost::error_info<struct RocTagChannelNumber, int32_t>;
using Index = boost::error_info<struct RocTagIndex, int32_t>;
using Address = boost::error_info<struct RocTagAddress, uint64_t>;
using Offset = boost::error_info<struct RocTagOffset, uint64_t>;
using Size = boost::error_info<struct RocTagSize, uint64_t>;
using FileName = boost::error_info<struct RocTagFileName, std::string>;
using DataSource = boost::error_info<struct RocTagDataSource, std::string>;
using ResetLevel = boost::error_info<struct RocTagResetLevel, std::string>;
using Firmware = boost::error_info<struct RocTagFirmware, std::string>;
/// The negative errno libroc returned.
using Errno = boost::error_info<struct RocTagErrno, int>;
/// libroc's message, naming the card and the problem.
using LibrocMessage = boost::error_info<struct RocTagLibrocMessage, std::string>;
} // namespace ErrorInfo

/// Base of every exception of this library.
struct Exception : virtual boost::exception, virtual std::exception {
  /// The attached ErrorInfo::Message, or a generic text.
  const char* what() const noexcept override;
};

struct PdaException : virtual Exception {
};
struct MemoryMapException : virtual Exception {
};
struct ParameterException : virtual Exception {
};
struct ParseException : virtual Exception {
};
struct InvalidParameterException : virtual ParameterException {
};
struct OutOfRangeException : virtual Exception {
};
/// The channel is held by another process (roc: the kernel said EBUSY).
struct LockException : virtual Exception {
};
struct FileLockException : virtual LockException {
};
struct SocketLockException : virtual LockException {
};
struct DeviceFinderException : virtual Exception {
};
struct SharedStateException : virtual Exception {
};
struct SharedObjectNotFoundException : virtual Exception {
};
struct TimeoutException : virtual Exception {
};
struct UnsafeAccess : virtual Exception {
};
struct UnsafeReadAccess : virtual UnsafeAccess {
};
struct UnsafeWriteAccess : virtual UnsafeAccess {
};
struct InvalidLinkId : virtual Exception {
};

struct CrorcException : virtual Exception {
};
struct CrorcArmDataGeneratorException : virtual CrorcException {
};
struct CrorcArmDdlException : virtual CrorcException {
};
struct CrorcInitDiuException : virtual CrorcException {
};
struct CrorcCheckLinkException : virtual CrorcException {
};
struct CrorcSiuCommandException : virtual CrorcException {
};
struct CrorcDiuCommandException : virtual CrorcException {
};
struct CrorcSiuLoopbackException : virtual CrorcException {
};
struct CrorcFreeFifoException : virtual CrorcException {
};
struct CrorcStartDataGeneratorException : virtual CrorcException {
};
struct CrorcStartTriggerException : virtual CrorcException {
};
struct CrorcStopTriggerException : virtual CrorcException {
};
struct CrorcDataArrivalException : virtual CrorcException {
};

struct CruException : virtual Exception {
};

struct UtilException : virtual boost::exception, virtual std::exception {
};
struct ProgramOptionException : virtual UtilException {
};
struct InvalidOptionValueException : virtual ProgramOptionException {
};
struct OptionRequiredException : virtual ProgramOptionException {
};

} // namespace roc
} // namespace o2

#endif
