# SPDX-License-Identifier: LGPL-2.1-or-later
"""DMA: channels, hugepage buffers, superpages and the data checker.

A readout with the card's internal generator::

    import roc, select
    with roc.Card("roc_sim:1.0") as card, card.channel(0) as ch, \\
            roc.Buffer(64 << 20, card=card) as buf:
        ch.register(buf)
        ch.start("internal")
        for i in range(8):
            ch.push(buf, i << 20, 1 << 20)
        done = []
        while len(done) < 8:
            select.select([ch], [], [], 1.0)
            done += ch.pop()
        ch.stop()
        data = done[0].data()      # memoryview of the superpage's bytes
        del data                   # views must go before buf.close()

Superpages are pieces of a registered Buffer: offset a multiple of
4 KiB, size a multiple of 32 KiB below 16 MiB, inside one bus-contiguous
segment (one hugepage unless an IOMMU joins them).  Channel.pop() returns
them in push order per link.  Closing the channel (or the process
ending) stops DMA and releases everything in the kernel.
"""
import ctypes
import dataclasses
import sys
import weakref
from typing import Iterable, List, Optional, Union

from . import _lib
from ._lib import lib
from .card import Card

__all__ = ["Buffer", "Channel", "ChannelStats", "Superpage", "Checker"]

_SOURCES = {"internal": 0, "ddg": 1, "fee": 2, "diu": 3, "siu": 4}


def _source(source: Union[str, int]) -> int:
    if isinstance(source, int):
        return source
    v = ctypes.c_int()
    _lib.check(lib.roc_source_parse(source.encode(), ctypes.byref(v)))
    return v.value


class Buffer(_lib.Closable):
    """Hugepage memory for DMA, exposed as a writable memoryview.

    Buffer(size, card=None, numa_node=None, small_pages=False) allocates
    size bytes (a multiple of 2 MiB) from a memfd of 1 GiB hugepages when
    size is a multiple of 1 GiB, else of 2 MiB hugepages, bound to the
    NUMA node of card (or numa_node; None: any) - libroc's
    roc_buffer_alloc().  No hugetlbfs mount is needed; without enough
    hugepages OSError(ENOMEM) says how many are missing.  small_pages
    falls back to normal pages (then superpages above 4 KiB need an
    IOMMU).

    buf.view is a writable memoryview of unsigned bytes ("B") over the
    whole buffer; buf[i], buf[a:b] and len(buf) use it.  close() frees
    the memory: it releases buf.view and raises BufferError while other
    views of it (slices, Superpage.data(), numpy arrays...) are alive or
    while the buffer is registered on an open channel, so a freed buffer
    is never touched.
    """

    def __init__(self, size: int, card: Optional[Card] = None,
                 numa_node: Optional[int] = None, small_pages: bool = False):
        self._buf = None
        self._arr = None
        self.view = None
        self._channels = weakref.WeakSet()
        if numa_node is None:
            numa_node = card.info.numa_node if card is not None else -1
        buf = _lib.BufferP()
        _lib.check(lib.roc_buffer_alloc(
            size, numa_node,
            _lib.BUFFER_ALLOW_SMALL_PAGES if small_pages else 0,
            ctypes.byref(buf)))
        self._buf = buf
        self.size = lib.roc_buffer_get_size(buf)
        self.page_size = lib.roc_buffer_get_page_size(buf)
        self.numa_node = lib.roc_buffer_get_numa_node(buf)
        self.address = lib.roc_buffer_get_addr(buf)
        self._arr = (ctypes.c_ubyte * self.size).from_address(self.address)
        self.view = memoryview(self._arr).cast("B")

    @property
    def closed(self) -> bool:
        return not self._buf

    def _ptr(self):
        if not self._buf:
            raise _lib.closed_error("DMA buffer")
        return self._buf

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, key):
        if self.view is None:
            raise _lib.closed_error("DMA buffer")
        return self.view[key]

    def __setitem__(self, key, value):
        if self.view is None:
            raise _lib.closed_error("DMA buffer")
        self.view[key] = value

    def register(self, channel: "Channel") -> int:
        """channel.register(self): pin it for DMA; returns the buffer id."""
        return channel.register(self)

    def unregister(self, channel: "Channel") -> None:
        """channel.unregister(self)."""
        channel.unregister(self)

    def close(self) -> None:
        """Free the memory; BufferError while it is in use (see above)."""
        if not self._buf:
            return
        live = [ch for ch in self._channels if not ch.closed]
        if live:
            raise BufferError("DMA buffer is registered on channel "
                              f"{live[0].number} of {live[0].card.label}: "
                              "unregister it or close the channel first")
        # Views of the memory hold the ctypes array through their managed
        # buffer: only ours and the reference below may remain.
        self.view.release()
        if _refcount(self._arr) > 1:
            self.view = memoryview(self._arr).cast("B")
            raise BufferError("DMA buffer still has memoryviews: release "
                              "them (or del them) before closing it")
        self.view = None
        self._arr = None
        lib.roc_buffer_free(self._buf)
        self._buf = None

    def __repr__(self):
        if not self._buf:
            return "<roc.Buffer closed>"
        return (f"<roc.Buffer {self.size} bytes, {self.page_size >> 10} KiB "
                f"pages, node {self.numa_node}>")


def _refcount(obj) -> int:
    """References to obj besides the caller's variable and the argument."""
    return sys.getrefcount(obj) - 2


@dataclasses.dataclass
class Superpage:
    """A superpage the card returned (Channel.pop()).

    status is "done" (filled), "partial" (received < size), "error" (the
    card reported an error) or "returned" (given back unfilled by stop()).
    """
    cookie: int
    offset: int
    size: int
    received: int
    buffer_id: int
    link: int
    flags: int
    buffer: Optional[Buffer] = dataclasses.field(default=None, repr=False)

    @property
    def done(self) -> bool:
        return bool(self.flags & _lib.SP_DONE)

    @property
    def status(self) -> str:
        if self.flags & _lib.SP_ERROR:
            return "error"
        if self.flags & _lib.SP_PARTIAL:
            return "partial"
        if self.flags & _lib.SP_DONE:
            return "done"
        return "returned"

    def data(self) -> memoryview:
        """The bytes the card wrote: a view of the Buffer (no copy)."""
        if self.buffer is None:
            raise ValueError(f"buffer {self.buffer_id} is not known to this "
                             "channel")
        return self.buffer[self.offset:self.offset + self.received]


@dataclasses.dataclass(frozen=True)
class ChannelStats:
    """Queues and counters of a channel (ROC_CHANNEL_STATUS)."""
    state: str
    source: str
    links: int
    link_depth: int
    transfer_capacity: int
    transfer_queued: int
    ready_count: int
    transfer_available: int
    nr_buffers: int
    pushed: int
    completed: int
    bytes: int
    fifo_empty: int
    dropped_packets: int


class Channel(_lib.Closable):
    """A DMA channel, acquired for this process.

    Channel(card, number) or card.channel(number): CRU channel 0, C-RORC
    0-5.  A channel held by another process raises OSError(EBUSY) naming
    its pid and command.  close() (or garbage collection, or the process
    ending) stops DMA and releases every buffer and superpage.

    fileno() is the channel's file descriptor: select()/poll() report it
    readable when superpages are ready to pop, so a Channel can be passed
    to select.select() directly.
    """

    def __init__(self, card: Card, number: int = 0):
        self._ch = None
        self.card = card
        self.number = number
        self._buffers = {}
        ch = _lib.ChannelP()
        _lib.check(lib.roc_channel_open(card._ptr(), number,
                                        ctypes.byref(ch)))
        self._ch = ch
        card._adopt(self)
        self._ready = (_lib.SpReady * 256)()

    @property
    def closed(self) -> bool:
        return not self._ch

    def _ptr(self):
        if not self._ch:
            raise _lib.closed_error(f"DMA channel {self.number}")
        return self._ch

    def fileno(self) -> int:
        return lib.roc_channel_get_fd(self._ptr())

    def start(self, source: Union[str, int] = "internal") -> None:
        """Start DMA from "internal", "ddg" (CRU), "fee", "diu" or "siu" (C-RORC)."""
        _lib.check(lib.roc_channel_start(self._ptr(), _source(source)))

    def stop(self) -> None:
        """Stop DMA; every superpage in flight becomes ready once."""
        _lib.check(lib.roc_channel_stop(self._ptr()))

    def reset(self) -> None:
        """Reset the card's DMA engine (EBUSY unless stopped)."""
        _lib.check(lib.roc_channel_reset(self._ptr()))

    def register(self, buffer: Buffer) -> int:
        """Register (pin) a Buffer for DMA; returns its buffer id."""
        bid = ctypes.c_uint32()
        _lib.check(lib.roc_buffer_register(self._ptr(), buffer._ptr(),
                                           ctypes.byref(bid), None))
        self._buffers[bid.value] = buffer
        buffer._channels.add(self)
        return bid.value

    def unregister(self, buffer: Union[Buffer, int]) -> None:
        """Unregister a buffer (EBUSY while its superpages are out)."""
        bid = self._buffer_id(buffer)
        _lib.check(lib.roc_buffer_unregister(self._ptr(), bid))
        buf = self._buffers.pop(bid, None)
        if buf is not None and bid not in self._ids_of(buf):
            buf._channels.discard(self)

    def _ids_of(self, buf):
        return [i for i, b in self._buffers.items() if b is buf]

    def _buffer_id(self, buffer) -> int:
        if isinstance(buffer, Buffer):
            ids = self._ids_of(buffer)
            if not ids:
                raise ValueError("the buffer is not registered on DMA "
                                 f"channel {self.number}")
            return ids[0]
        return _lib.u32("buffer id", buffer)

    def _desc(self, d, buffer, offset, size, cookie):
        d.buffer_id = self._buffer_id(buffer)
        d.offset = offset
        d.size = size
        d.cookie = offset if cookie is None else cookie

    def push(self, buffer: Union[Buffer, int], offset: int, size: int,
             cookie: Optional[int] = None) -> None:
        """Push one superpage: size bytes at offset of a registered buffer.

        cookie (default: offset) comes back with the superpage.  Errors
        (OSError): ENOSPC queue full, EPIPE DMA not running, ERANGE
        outside the buffer, EMSGSIZE bad size, EINVAL unaligned offset,
        EXDEV spans two bus segments, EADDRINUSE overlaps one in flight,
        ENOENT no such buffer.
        """
        self.push_batch([(buffer, offset, size, cookie)])

    def push_batch(self, superpages: Iterable[tuple]) -> int:
        """Push (buffer, offset, size[, cookie]) tuples, in order.

        Returns how many were pushed (all of them).  On an error, raises
        OSError for the first superpage that could not be pushed; its
        attribute "pushed" tells how many went before it.
        """
        items = list(superpages)
        descs = (_lib.SpDesc * len(items))()
        for d, item in zip(descs, items):
            if len(item) == 3:
                item = (*item, None)
            self._desc(d, *item)
        done = ctypes.c_size_t()
        ret = lib.roc_channel_push(self._ptr(), descs, len(items),
                                   ctypes.byref(done))
        if ret < 0:
            e = _lib.error(ret)
            e.pushed = done.value
            raise e
        return done.value

    def pop(self, max_count: int = 256) -> List[Superpage]:
        """Superpages the card finished (at most max_count); never blocks."""
        out = []
        while len(out) < max_count:
            n = _lib.check(lib.roc_channel_pop(
                self._ptr(), self._ready,
                min(len(self._ready), max_count - len(out))))
            for r in self._ready[:n]:
                out.append(Superpage(r.cookie, r.offset, r.size, r.received,
                                     r.buffer_id, r.link, r.flags,
                                     self._buffers.get(r.buffer_id)))
            if n < len(self._ready):
                break
        return out

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait (seconds; None: forever) until a superpage is ready."""
        ms = -1 if timeout is None else max(0, int(timeout * 1000))
        return _lib.check(lib.roc_channel_wait(self._ptr(), ms)) > 0

    def stats(self) -> ChannelStats:
        s = _lib.sized(_lib.ChannelStats)
        _lib.check(lib.roc_channel_get_stats(self._ptr(), ctypes.byref(s)))
        kw = {f: getattr(s, f) for f, _ in _lib.ChannelStats._fields_
              if f != "size"}
        kw["state"] = _lib.CH_STATE_NAMES.get(s.state, str(s.state))
        kw["source"] = _lib.text(lib.roc_source_name(s.source)) or \
            str(s.source)
        return ChannelStats(**kw)

    @property
    def ready_count(self) -> int:
        """Superpages waiting to be popped."""
        return _lib.check(lib.roc_channel_get_ready_count(self._ptr()))

    @property
    def transfer_available(self) -> int:
        """Superpages that can be pushed now."""
        return _lib.check(lib.roc_channel_get_transfer_available(
            self._ptr()))

    @property
    def control_path(self) -> str:
        """How superpages move: "rings" (the kernel's push and ready
        rings) or "ioctl" (an older module, or ROC_NO_RINGS=1)."""
        return _lib.text(lib.roc_channel_get_path(self._ptr()))

    def close(self) -> None:
        """Release the channel: stops DMA, frees its buffers' pinning."""
        if not self._ch:
            return
        lib.roc_channel_close(self._ch)
        self._ch = None
        for buf in self._buffers.values():
            buf._channels.discard(self)
        self._buffers.clear()

    def __repr__(self):
        state = "closed" if not self._ch else "open"
        return f"<roc.Channel {self.number} of {self.card!r} {state}>"


_FORMATS = {"cru-internal": 0, "ddg": 1, "crorc": 2}
_MODES = {"full": 0, "fast": 1, "off": 2}


class Checker(_lib.Closable):
    """libroc's checker of the generators' data patterns (docs/hardware.md 12.2).

    Checker(format, mode="full", max_record=16): format "cru-internal"
    (CRU internal generator: eight copies of a counter per 32-byte word,
    +1 per word), "ddg" (8 KiB pages of RDH v7 + [c, c, c & 0xffff, 0])
    or "crorc" (8 KiB pages of RDH v7 + a 32-bit counter +1 per word);
    mode "full", "fast" (headers only) or "off".  Counters continue per
    link across check() calls; one bad page is one error.
    """

    def __init__(self, fmt: str, mode: str = "full", max_record: int = 16):
        self._chk = None
        if fmt not in _FORMATS:
            raise ValueError(f"unknown format {fmt!r} "
                             f"({', '.join(_FORMATS)})")
        if mode not in _MODES:
            raise ValueError(f"unknown mode {mode!r} ({', '.join(_MODES)})")
        chk = _lib.CheckerP()
        _lib.check(lib.roc_checker_new(_FORMATS[fmt], _MODES[mode],
                                       max_record, ctypes.byref(chk)))
        self._chk = chk
        self.format = fmt

    def check(self, link: int, data, tag: int = 0) -> int:
        """Check data (a bytes-like object) of link; returns its errors."""
        mv = memoryview(data).cast("B")
        n = mv.nbytes
        if mv.readonly:
            arr = (ctypes.c_ubyte * n).from_buffer_copy(mv)
        else:
            arr = (ctypes.c_ubyte * n).from_buffer(mv)
        try:
            return _lib.check(lib.roc_checker_check(self._chk, link, arr,
                                                    n, tag))
        finally:
            del arr
            mv.release()

    @property
    def errors(self) -> int:
        return lib.roc_checker_get_errors(self._chk)

    @property
    def bytes(self) -> int:
        return lib.roc_checker_get_bytes(self._chk)

    def recorded(self) -> List[dict]:
        """The errors recorded in detail: tag, offset, link, expected..."""
        out = []
        for i in range(lib.roc_checker_get_num_recorded(self._chk)):
            e = lib.roc_checker_get_error(self._chk, i).contents
            out.append({"tag": e.tag, "offset": e.offset, "link": e.link,
                        "expected": e.expected, "got": e.got,
                        "what": _lib.text(e.what)})
        return out

    def reset(self) -> None:
        lib.roc_checker_reset(self._chk)

    def close(self) -> None:
        if self._chk:
            lib.roc_checker_free(self._chk)
            self._chk = None

