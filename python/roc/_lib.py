# SPDX-License-Identifier: LGPL-2.1-or-later
"""ctypes declarations of libroc (lib/libroc.h) and its error handling.

Private to the package: the classes of roc.card and roc.dma are the
interface.  libroc.so.0 is looked for, in this order:

1. the path in the environment variable ROC_LIBRARY;
2. the build tree, build/lib/libroc.so.0 of the checkout, when the
   package is run from the source tree (python/roc of a roc checkout);
3. the system's dynamic loader ("libroc.so.0").
"""
import ctypes
import errno as _errno
import os

c_int = ctypes.c_int
c_uint = ctypes.c_uint
c_u32 = ctypes.c_uint32
c_u64 = ctypes.c_uint64
c_i32 = ctypes.c_int32
c_size = ctypes.c_size_t
c_bool = ctypes.c_bool
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
P = ctypes.POINTER

SONAME = "libroc.so.0"

# enum roc_type
TYPE_UNKNOWN, TYPE_CRORC, TYPE_CRU = 0, 1, 2
# enum roc_open_flags, roc_bar_flags, roc_bar_access
OPEN_READONLY = 1
BAR_IOCTL = 1
ACCESS_NAMES = {0: "ioctl", 1: "mmap-ro", 2: "mmap-rw"}
# enum roc_fw_list_flags, roc_fw_check_flags, roc_fw_status
FW_LIST_BUILTIN = 1
FW_CHECK_BYPASS = 1
FW_UNKNOWN, FW_COMPATIBLE, FW_OLD = 0, 1, 2
# enum roc_buffer_flags
BUFFER_ALLOW_SMALL_PAGES = 1
# enum roc_sp_flags
SP_DONE, SP_PARTIAL, SP_ERROR = 1, 2, 4
# enum roc_ch_state
CH_STATE_NAMES = {0: "free", 1: "stopped", 2: "running", 3: "failed",
                  4: "gone"}
# enum roc_check_format, roc_check_mode
CHECK_PAGE_SIZE = 8192
CHECK_MAX_LINKS = 32


# The structs below mirror lib/libroc.h field by field; python/tests/
# test_layout.py checks their sizes and offsets against the C compiler's.
# Structs whose first field is "size" are passed with size = sizeof
# (sized()); libroc fills what it knows and zeroes the rest.

class SpDesc(ctypes.Structure):
    """struct roc_sp_desc"""
    _fields_ = [("buffer_id", c_u32), ("reserved", c_u32), ("offset", c_u64),
                ("size", c_u64), ("cookie", c_u64)]


class SpReady(ctypes.Structure):
    """struct roc_sp_ready"""
    _fields_ = [("cookie", c_u64), ("offset", c_u64), ("size", c_u32),
                ("received", c_u32), ("buffer_id", c_u32), ("link", c_u32),
                ("flags", c_u32), ("reserved", c_u32)]


class ChannelStats(ctypes.Structure):
    """struct roc_channel_stats"""
    _fields_ = [("size", c_u32), ("state", c_int), ("source", c_int),
                ("links", c_u32),
                ("link_depth", c_u32), ("transfer_capacity", c_u32),
                ("transfer_queued", c_u32), ("ready_count", c_u32),
                ("transfer_available", c_u32), ("nr_buffers", c_u32),
                ("pushed", c_u64), ("completed", c_u64), ("bytes", c_u64),
                ("fifo_empty", c_u64), ("dropped_packets", c_u64)]


class BufferSegments(ctypes.Structure):
    """struct roc_buffer_segments"""
    _fields_ = [("size", c_u32), ("nr_segments", c_u32),
                ("max_segment", c_u64), ("numa_node", c_i32),
                ("reserved", c_u32)]


class CheckError(ctypes.Structure):
    """struct roc_check_error"""
    _fields_ = [("size", c_u32), ("link", c_u32), ("tag", c_u64),
                ("offset", c_u64), ("expected", c_u32), ("got", c_u32),
                ("what", c_char_p)]


def sized(struct_type):
    """A zeroed struct_type with its size field set to its size."""
    s = struct_type()
    s.size = ctypes.sizeof(struct_type)
    return s


# Opaque objects: distinct pointer types so that ctypes checks arguments.
class _Opaque(ctypes.Structure):
    _fields_ = []


def _opaque(name):
    return P(type(name, (_Opaque,), {}))


CardIdP = _opaque("roc_card_id")
CardInfoP = _opaque("roc_card_info")
CardListP = _opaque("roc_card_list")
CardP = _opaque("roc_card")
BarP = _opaque("roc_bar")
FwListP = _opaque("roc_fw_list")
ChannelP = _opaque("roc_channel")
BufferP = _opaque("roc_buffer")
CheckerP = _opaque("roc_checker")

# name: (restype, argtypes)
_PROTOTYPES = {
    "roc_version_string": (c_char_p, []),
    "roc_strerror_last": (c_char_p, []),
    "roc_type_name": (c_char_p, [c_int]),
    # card IDs
    "roc_card_id_parse": (c_int, [c_char_p, P(CardIdP)]),
    "roc_card_id_free": (None, [CardIdP]),
    "roc_card_id_to_string": (c_char_p, [CardIdP]),
    # identity
    "roc_card_info_get_dev_id": (c_int, [CardInfoP]),
    "roc_card_info_get_name": (c_char_p, [CardInfoP]),
    "roc_card_info_get_path": (c_char_p, [CardInfoP]),
    "roc_card_info_get_sequence": (c_int, [CardInfoP]),
    "roc_card_info_get_type": (c_int, [CardInfoP]),
    "roc_card_info_get_endpoint": (c_uint, [CardInfoP]),
    "roc_card_info_get_serial": (c_int, [CardInfoP]),
    "roc_card_info_get_address": (c_char_p, [CardInfoP]),
    "roc_card_info_get_numa_node": (c_int, [CardInfoP]),
    "roc_card_info_get_link_count": (c_uint, [CardInfoP]),
    "roc_card_info_get_num_channels": (c_uint, [CardInfoP]),
    "roc_card_info_get_num_bars": (c_uint, [CardInfoP]),
    "roc_card_info_get_fw_hash": (c_u32, [CardInfoP]),
    "roc_card_info_get_fw_date": (c_u32, [CardInfoP]),
    "roc_card_info_get_fw_time": (c_u32, [CardInfoP]),
    "roc_card_info_is_simulated": (c_bool, [CardInfoP]),
    "roc_card_info_get_temperature": (c_int, [CardInfoP, P(c_i32)]),
    "roc_card_info_get_dropped_packets": (c_int, [CardInfoP, P(c_u64)]),
    # enumeration
    "roc_card_list_new": (c_int, [P(CardListP)]),
    "roc_card_list_free": (None, [CardListP]),
    "roc_card_list_count": (c_size, [CardListP]),
    "roc_card_list_get": (CardInfoP, [CardListP, c_size]),
    # endpoints
    "roc_card_open": (c_int, [c_char_p, c_int, P(CardP)]),
    "roc_card_close": (None, [CardP]),
    "roc_card_get_fd": (c_int, [CardP]),
    "roc_card_is_readonly": (c_bool, [CardP]),
    "roc_card_get_info": (CardInfoP, [CardP]),
    "roc_card_get_label": (c_char_p, [CardP]),
    # BARs
    "roc_bar_open": (c_int, [CardP, c_uint, c_int, P(BarP)]),
    "roc_bar_close": (None, [BarP]),
    "roc_bar_get_index": (c_uint, [BarP]),
    "roc_bar_get_size": (c_u64, [BarP]),
    "roc_bar_get_access": (c_int, [BarP]),
    "roc_bar_read": (c_int, [BarP, c_u32, P(c_u32)]),
    "roc_bar_read_range": (c_int, [BarP, c_u32, P(c_u32), c_size]),
    "roc_bar_write": (c_int, [BarP, c_u32, c_u32]),
    "roc_bar_modify": (c_int, [BarP, c_u32, c_u32, c_u32, P(c_u32),
                               P(c_u32)]),
    # firmware list
    "roc_fw_list_new": (c_int, [c_int, P(FwListP)]),
    "roc_fw_list_free": (None, [FwListP]),
    "roc_fw_list_load": (c_int, [FwListP, c_char_p]),
    "roc_fw_list_lookup": (c_int, [FwListP, c_int, c_u32, P(c_char_p)]),
    "roc_fw_list_describe": (c_char_p, [FwListP, c_int, c_u32, c_char_p,
                                        c_size]),
    "roc_fw_list_check": (c_int, [FwListP, CardInfoP, c_int]),
    # DMA channels
    "roc_source_name": (c_char_p, [c_int]),
    "roc_source_parse": (c_int, [c_char_p, P(c_int)]),
    "roc_channel_open": (c_int, [CardP, c_uint, P(ChannelP)]),
    "roc_channel_close": (None, [ChannelP]),
    "roc_channel_get_fd": (c_int, [ChannelP]),
    "roc_channel_start": (c_int, [ChannelP, c_int]),
    "roc_channel_stop": (c_int, [ChannelP]),
    "roc_channel_reset": (c_int, [ChannelP]),
    "roc_channel_push": (c_int, [ChannelP, P(SpDesc), c_size, P(c_size)]),
    "roc_channel_pop": (c_int, [ChannelP, P(SpReady), c_size]),
    "roc_channel_wait": (c_int, [ChannelP, c_int]),
    "roc_channel_get_stats": (c_int, [ChannelP, P(ChannelStats)]),
    "roc_channel_get_ready_count": (c_int, [ChannelP]),
    "roc_channel_get_transfer_available": (c_int, [ChannelP]),
    "roc_channel_get_path": (c_char_p, [ChannelP]),
    # DMA buffers
    "roc_buffer_alloc": (c_int, [c_size, c_int, c_int, P(BufferP)]),
    "roc_buffer_free": (None, [BufferP]),
    "roc_buffer_get_addr": (c_void_p, [BufferP]),
    "roc_buffer_get_size": (c_size, [BufferP]),
    "roc_buffer_get_page_size": (c_size, [BufferP]),
    "roc_buffer_get_numa_node": (c_int, [BufferP]),
    "roc_buffer_register": (c_int, [ChannelP, BufferP, P(c_u32),
                                    P(BufferSegments)]),
    "roc_buffer_unregister": (c_int, [ChannelP, c_u32]),
    # data checker
    "roc_checker_new": (c_int, [c_int, c_int, c_size, P(CheckerP)]),
    "roc_checker_free": (None, [CheckerP]),
    "roc_checker_reset": (None, [CheckerP]),
    "roc_checker_check": (c_int, [CheckerP, c_uint, c_void_p, c_size,
                                  c_u64]),
    "roc_checker_get_errors": (c_u64, [CheckerP]),
    "roc_checker_get_bytes": (c_u64, [CheckerP]),
    "roc_checker_get_num_recorded": (c_size, [CheckerP]),
    "roc_checker_get_error": (P(CheckError), [CheckerP, c_size]),
}


def _candidates():
    env = os.environ.get("ROC_LIBRARY")
    if env:
        yield env
        return
    # python/roc/_lib.py in a checkout: the top has lib/libroc.h.
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    if os.path.exists(os.path.join(top, "lib", "libroc.h")):
        yield os.path.join(top, "build", "lib", SONAME)
    yield SONAME


def _load():
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(f"{path}: no such file")
            continue
        try:
            return ctypes.CDLL(path, use_errno=True), path
        except OSError as e:
            errors.append(str(e))
    raise ImportError("roc: cannot load libroc (" + "; ".join(errors) +
                      "); set ROC_LIBRARY to the path of " + SONAME)


lib, path = _load()
for _name, (_res, _args) in _PROTOTYPES.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args
del _name, _res, _args, _f


def text(b):
    """A C string of libroc as str ("" for NULL)."""
    return b.decode("utf-8", "replace") if b else ""


def error(ret, message=None):
    """OSError for a negative errno ret, with libroc's last message.

    OSError(errno, ...) picks the PEP 3151 subclass for the errno
    (FileNotFoundError, PermissionError, ...), so callers may catch
    those as well as OSError.
    """
    err = -ret if ret < 0 else ret
    msg = message if message is not None else text(lib.roc_strerror_last())
    if not msg:
        msg = os.strerror(err)
    return OSError(err, msg)


def check(ret):
    """Raise error(ret) if ret < 0, else return ret."""
    if ret < 0:
        raise error(ret)
    return ret


def u32(name, value):
    """Check that value is an int from 0 to 2**32 - 1."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not "
                        f"{type(value).__name__}")
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{name} {value:#x} is not a 32-bit unsigned "
                         "value")
    return value


def closed_error(what):
    """OSError(EBADF) for an operation on a closed object."""
    return OSError(_errno.EBADF, f"{what} is closed")


class Closable:
    """Context manager and finalizer of the objects that have close()."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # Also for an object whose __init__ failed, and at interpreter exit.
        try:
            self.close()
        except Exception:  # noqa: BLE001 - e.g. BufferError, see Buffer
            pass
