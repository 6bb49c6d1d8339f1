# SPDX-License-Identifier: LGPL-2.1-or-later
"""libO2ReadoutCard - the module name of ReadoutCard's Python binding, kept
so that old scripts run on roc unchanged.

It is the roc package under the old name: ``BarChannel(card_id, bar)``
with ``register_read(address)``, ``register_write(address, value)`` and
``register_modify(address, position, width, value)`` on byte addresses,
as ReadoutCard's binding has them, and everything else roc offers::

    import libO2ReadoutCard
    bar2 = libO2ReadoutCard.BarChannel("#0", 2)
    print(hex(bar2.register_read(0x4)))
"""
from roc import *  # noqa: F401,F403 - the whole roc API under the old name
from roc import BarChannel  # noqa: F401 - named for readers and linters
