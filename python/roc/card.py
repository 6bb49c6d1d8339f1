# SPDX-License-Identifier: LGPL-2.1-or-later
"""Cards: listing, opening, identity, register access, firmware lists.

Card IDs are those of libroc (docs/hardware.md 1.3, with domains and any
number of digits after '#'): "0000:3b:00.0", "3b:00.0", "#0", "245",
"245:1", "roc3", "/dev/roc3", "/dev/roc/by-serial/245-1",
"roc_sim:1.0".

Register addresses are byte offsets into a BAR (multiples of 4), as in
the roc-reg-* tools and the ReadoutCard Python binding (docs/hardware.md 11).
"""
import ctypes
import dataclasses
import errno
import weakref
from typing import List, Optional, Tuple

from . import _lib
from ._lib import lib

__all__ = ["CardInfo", "FirmwareList", "list_cards", "Card", "Bar",
           "BarChannel"]


@dataclasses.dataclass(frozen=True)
class CardInfo:
    """Identity of one endpoint, as roc-list-cards shows it.

    type is "CRU", "CRORC" or "unknown"; serial is None when the card
    has none; firmware is the release tag of an accepted firmware
    ("v3.19.4"), "TAG(old)" for a known old one, else the hash in hex;
    firmware_hash is always the hash in hex (sysfs "firmware");
    temperature (degrees Celsius) and dropped_packets are None when the
    card does not report them.
    """
    sequence: int
    type: str
    pci_address: str
    serial: Optional[int]
    endpoint: int
    numa_node: int
    firmware: str
    firmware_hash: str
    firmware_date: int
    firmware_time: int
    link_count: int
    num_channels: int
    name: str
    device: str
    simulated: bool
    temperature: Optional[float]
    dropped_packets: Optional[int]

    @classmethod
    def _from_c(cls, info, fw: Optional["FirmwareList"]) -> "CardInfo":
        ctype = lib.roc_card_info_get_type(info)
        fw_hash = lib.roc_card_info_get_fw_hash(info)
        serial = lib.roc_card_info_get_serial(info)
        mdeg = ctypes.c_int32()
        dropped = ctypes.c_uint64()
        has_temp = lib.roc_card_info_get_temperature(info,
                                                     ctypes.byref(mdeg)) == 0
        has_drop = lib.roc_card_info_get_dropped_packets(
            info, ctypes.byref(dropped)) == 0
        return cls(
            sequence=lib.roc_card_info_get_sequence(info),
            type=_lib.text(lib.roc_type_name(ctype)),
            pci_address=_lib.text(lib.roc_card_info_get_address(info)),
            serial=None if serial < 0 else serial,
            endpoint=lib.roc_card_info_get_endpoint(info),
            numa_node=lib.roc_card_info_get_numa_node(info),
            firmware=(fw.describe(ctype, fw_hash) if fw is not None
                      else f"{fw_hash:x}"),
            firmware_hash=f"{fw_hash:x}",
            firmware_date=lib.roc_card_info_get_fw_date(info),
            firmware_time=lib.roc_card_info_get_fw_time(info),
            link_count=lib.roc_card_info_get_link_count(info),
            num_channels=lib.roc_card_info_get_num_channels(info),
            name=_lib.text(lib.roc_card_info_get_name(info)),
            device=_lib.text(lib.roc_card_info_get_path(info)),
            simulated=bool(lib.roc_card_info_is_simulated(info)),
            temperature=mdeg.value / 1000.0 if has_temp else None,
            dropped_packets=dropped.value if has_drop else None,
        )


_TYPES = {"cru": _lib.TYPE_CRU, "crorc": _lib.TYPE_CRORC,
          None: _lib.TYPE_UNKNOWN}


class FirmwareList(_lib.Closable):
    """Accepted firmware versions (docs/hardware.md 9).

    The built-in list of ReadoutCard v0.46, plus $ROC_FW_LIST if set,
    else /etc/roc/fw-list.ini and .json if they exist (unless
    builtin_only), plus the file path if given.  A malformed file raises
    OSError naming the file and line.
    """

    def __init__(self, path: Optional[str] = None,
                 builtin_only: bool = False):
        self._fw = None
        fw = _lib.FwListP()
        _lib.check(lib.roc_fw_list_new(
            _lib.FW_LIST_BUILTIN if builtin_only else 0, ctypes.byref(fw)))
        self._fw = fw
        if path is not None:
            self.load(path)

    def load(self, path: str) -> None:
        """Add the entries of an INI or JSON (name ends in .json) file."""
        _lib.check(lib.roc_fw_list_load(self._fw, path.encode()))

    def describe(self, card_type, fw_hash: int) -> str:
        """Version as the tools print it: tag, "TAG(old)" or hex hash."""
        buf = ctypes.create_string_buffer(128)
        return _lib.text(lib.roc_fw_list_describe(
            self._fw, _type_value(card_type), fw_hash, buf, len(buf)))

    def status(self, card_type, fw_hash: int) -> Tuple[str, Optional[str]]:
        """("compatible" | "old" | "unknown", tag or None)."""
        tag = ctypes.c_char_p()
        st = lib.roc_fw_list_lookup(self._fw, _type_value(card_type),
                                    fw_hash, ctypes.byref(tag))
        name = {_lib.FW_COMPATIBLE: "compatible",
                _lib.FW_OLD: "old"}.get(st, "unknown")
        return name, (_lib.text(tag.value) if tag.value else None)

    def close(self) -> None:
        if self._fw:
            lib.roc_fw_list_free(self._fw)
            self._fw = None


def _type_value(card_type) -> int:
    if isinstance(card_type, int):
        return card_type
    key = card_type.lower() if card_type else None
    if key not in _TYPES and key != "unknown":
        raise ValueError(f"unknown card type {card_type!r} (CRU, CRORC)")
    return _TYPES.get(key, _lib.TYPE_UNKNOWN)


def list_cards(fw_list: Optional[FirmwareList] = None) -> List[CardInfo]:
    """Every endpoint present, in enumeration order ("#N" = index).

    The order is that of roc-list-cards: all C-RORCs, then all CRUs, by
    bus address.  firmware is described with fw_list (default: a new
    FirmwareList()).  Raises OSError (ENOENT) if the roc driver is not
    loaded.
    """
    own = fw_list is None
    fw = FirmwareList() if own else fw_list
    clist = _lib.CardListP()
    try:
        _lib.check(lib.roc_card_list_new(ctypes.byref(clist)))
        try:
            return [CardInfo._from_c(lib.roc_card_list_get(clist, i), fw)
                    for i in range(lib.roc_card_list_count(clist))]
        finally:
            lib.roc_card_list_free(clist)
    finally:
        if own:
            fw.close()


class Card(_lib.Closable):
    """An open endpoint (/dev/rocN).

    Card(card_id, readonly=False) opens the endpoint a card ID names;
    OSError names the card and the problem (ENODEV: no such card,
    EACCES: no permission, EINVAL: malformed ID).  Use it as a context
    manager or call close(); closing a card closes its BARs and DMA
    channels.  Not thread-safe: use one Card from one thread at a time.

    Example::

        with roc.Card("#0") as card:
            print(card.info.serial, card.bar(2).read(0x4))
    """

    def __init__(self, card_id: str, readonly: bool = False):
        self._card = None
        self._children = weakref.WeakSet()
        if not isinstance(card_id, str):
            raise TypeError("card_id must be a str, not "
                            f"{type(card_id).__name__}")
        card = _lib.CardP()
        _lib.check(lib.roc_card_open(
            card_id.encode(), _lib.OPEN_READONLY if readonly else 0,
            ctypes.byref(card)))
        self._card = card
        self.card_id = card_id
        self._info = None

    def _ptr(self):
        if not self._card:
            raise _lib.closed_error(f"card {self.card_id}")
        return self._card

    @property
    def closed(self) -> bool:
        return not self._card

    @property
    def info(self) -> CardInfo:
        """Identity read when the card was opened (firmware as a tag)."""
        if self._info is None:
            self._info = CardInfo._from_c(lib.roc_card_get_info(self._ptr()),
                                          FirmwareList())
        return self._info

    @property
    def label(self) -> str:
        """How messages name the card: "roc3 (CRU 245:1, 0000:3b:00.0)"."""
        return _lib.text(lib.roc_card_get_label(self._ptr()))

    @property
    def readonly(self) -> bool:
        return bool(lib.roc_card_is_readonly(self._ptr()))

    def fileno(self) -> int:
        """File descriptor of /dev/rocN, owned by the card."""
        return lib.roc_card_get_fd(self._ptr())

    def bar(self, index: int, ioctl: bool = False) -> "Bar":
        """Register access to BAR index (CRU 0 or 2, C-RORC 0-5)."""
        return Bar(self, index, ioctl)

    def channel(self, number: int = 0) -> "roc.dma.Channel":  # noqa: F821
        """Acquire DMA channel number (CRU 0, C-RORC 0-5)."""
        from .dma import Channel
        return Channel(self, number)

    def _adopt(self, child) -> None:
        self._children.add(child)

    def close(self) -> None:
        """Close the BARs and channels of the card, then the card."""
        if not self._card:
            return
        for child in list(self._children):
            child.close()
        lib.roc_card_close(self._card)
        self._card = None

    def __repr__(self):
        if not self._card:
            return f"<roc.Card {self.card_id!r} closed>"
        return f"<roc.Card {self.label}>"


class Bar(_lib.Closable):
    """Register access to one BAR of an open Card, by byte address.

    Reads and writes are mapped when the driver allows it (see access),
    else done by ioctl; modify() is always an ioctl under the driver's
    register lock.  Addresses must be multiples of 4 (OSError EINVAL)
    and inside the BAR (OSError ERANGE); registers holding DMA
    addresses need CAP_SYS_RAWIO to be written (OSError EPERM).
    """

    def __init__(self, card: Card, index: int, ioctl: bool = False):
        self._bar = None
        self.card = card
        bar = _lib.BarP()
        _lib.check(lib.roc_bar_open(card._ptr(), index,
                                    _lib.BAR_IOCTL if ioctl else 0,
                                    ctypes.byref(bar)))
        self._bar = bar
        self.index = index
        card._adopt(self)

    def _ptr(self):
        if not self._bar:
            raise _lib.closed_error(f"BAR{self.index}")
        return self._bar

    @property
    def size(self) -> int:
        """Size of the BAR in bytes."""
        return lib.roc_bar_get_size(self._ptr())

    @property
    def access(self) -> str:
        """"mmap-rw", "mmap-ro" (writes by ioctl) or "ioctl"."""
        return _lib.ACCESS_NAMES[lib.roc_bar_get_access(self._ptr())]

    def read(self, address: int) -> int:
        """The 32-bit register at byte address."""
        v = ctypes.c_uint32()
        _lib.check(lib.roc_bar_read(self._ptr(), _lib.u32("address",
                                                          address),
                                    ctypes.byref(v)))
        return v.value

    def read_range(self, address: int, count: int) -> List[int]:
        """count consecutive registers from byte address."""
        if count < 0:
            raise ValueError("count must not be negative")
        vals = (ctypes.c_uint32 * count)()
        _lib.check(lib.roc_bar_read_range(self._ptr(),
                                          _lib.u32("address", address),
                                          vals, count))
        return list(vals)

    def write(self, address: int, value: int) -> None:
        """Write the 32-bit register at byte address."""
        _lib.check(lib.roc_bar_write(self._ptr(), _lib.u32("address",
                                                           address),
                                     _lib.u32("value", value)))

    def modify(self, address: int, mask: int, value: int) -> Tuple[int, int]:
        """Set the bits of mask to those of value, atomically.

        Returns (value before, value written).
        """
        old, new = ctypes.c_uint32(), ctypes.c_uint32()
        _lib.check(lib.roc_bar_modify(self._ptr(),
                                      _lib.u32("address", address),
                                      _lib.u32("mask", mask),
                                      _lib.u32("value", value),
                                      ctypes.byref(old), ctypes.byref(new)))
        return old.value, new.value

    def close(self) -> None:
        if self._bar:
            lib.roc_bar_close(self._bar)
            self._bar = None


class BarChannel(_lib.Closable):
    """ReadoutCard-compatible register access (docs/hardware.md 11).

    BarChannel(card_id, bar) opens the card (any card ID form) and one
    of its BARs (CRU 0 or 2, C-RORC 0-5).  Addresses are 32-bit-aligned
    byte addresses, as in libO2ReadoutCard.BarChannel.  If the card may
    not be opened for writing, it is opened read-only: reads work,
    writes raise PermissionError.

    Example::

        import roc
        bar2 = roc.BarChannel("#0", 2)
        print(hex(bar2.register_read(0x4)))     # firmware hash
    """

    def __init__(self, card_id: str, bar: int):
        try:
            self.card = Card(card_id)
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.EPERM):
                raise
            self.card = Card(card_id, readonly=True)
        try:
            self.bar = self.card.bar(bar)
        except BaseException:
            self.card.close()
            raise

    def register_read(self, address: int) -> int:
        """Value of the register at byte address."""
        return self.bar.read(address)

    def register_write(self, address: int, value: int) -> None:
        """Write value to the register at byte address."""
        self.bar.write(address, value)

    def register_modify(self, address: int, position: int, width: int,
                        value: int) -> None:
        """Set bits position .. position+width-1 of the register to value.

        The read-modify-write is atomic with respect to other modifies.
        ValueError if the field does not fit in 32 bits or value does
        not fit in the field.
        """
        for name, v in (("position", position), ("width", width)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError(f"{name} must be an int")
        if not 0 <= position <= 31 or not 1 <= width <= 32 or \
                position + width > 32:
            raise ValueError(f"bits {position} to {position + width - 1} "
                             "do not fit in a 32-bit register")
        field = (1 << width) - 1
        if not isinstance(value, int) or value < 0 or value > field:
            raise ValueError(f"value {value!r} does not fit in {width} "
                             f"bit{'s' if width != 1 else ''}")
        self.bar.modify(address, field << position, value << position)

    def close(self) -> None:
        """Close the BAR and the card."""
        if getattr(self, "card", None) is not None:
            self.card.close()
