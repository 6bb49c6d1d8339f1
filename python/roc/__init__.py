# SPDX-License-Identifier: LGPL-2.1-or-later
"""roc - Python binding of libroc, the library of the roc driver for the
ALICE CRU and C-RORC readout cards.

Pure Python over libroc.so.0 with ctypes (no compiled extension, no
numpy).  The library is found through $ROC_LIBRARY, else the build tree
(../build/lib when run from a roc checkout), else the system loader.

- list_cards(): every endpoint, as CardInfo (type, pci_address, serial,
  endpoint, numa_node, firmware, ...);
- BarChannel(card_id, bar): ReadoutCard-compatible register_read,
  register_write and register_modify by byte address;
- Card(card_id): an open endpoint; card.bar(n) register access,
  card.channel(n) a DMA Channel;
- Buffer(size, card=card): NUMA-local hugepage DMA memory as a writable
  memoryview; Channel: start, stop, reset, push, push_batch, pop, wait,
  fileno() for select/poll, stats();
- Checker: libroc's data-pattern checker; FirmwareList: accepted
  firmware (docs/hardware.md 9).

Errors raise OSError (or its errno subclasses: FileNotFoundError,
PermissionError, ...) with the errno and libroc's message, which names
the card and the problem.  Objects are not thread-safe: use each from
one thread at a time.
"""
from . import _lib
from .card import Bar, BarChannel, Card, CardInfo, FirmwareList, list_cards
from .dma import Buffer, Channel, ChannelStats, Checker, Superpage

__version__ = _lib.text(_lib.lib.roc_version_string())
library_path = _lib.path

__all__ = ["Bar", "BarChannel", "Buffer", "Card", "CardInfo", "Channel",
           "ChannelStats", "Checker", "FirmwareList", "Superpage",
           "list_cards", "library_path", "__version__"]
