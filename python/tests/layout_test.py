#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The structs of python/roc/_lib.py against the C layout of libroc.h.

build/unit/layout-dump (lib/tests/layout-dump.c, built by `make unit`)
prints the size and the offset and size of every field of each struct the
binding mirrors, as the C compiler lays them out; every struct must have
the same size in ctypes, the same fields in the same order, at the same
offsets with the same sizes.  Run natively by `make check`'s unit stage
(installed as build/unit/python_layout_test).  Prints TAP.
"""
import ctypes
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
# python/tests/ in the checkout or build/unit/: the top is two levels up.
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "python"))

from roc import _lib  # noqa: E402

# C struct name -> ctypes class of the binding
MIRRORS = {
    "roc_sp_desc": _lib.SpDesc,
    "roc_sp_ready": _lib.SpReady,
    "roc_channel_stats": _lib.ChannelStats,
    "roc_buffer_segments": _lib.BufferSegments,
    "roc_check_error": _lib.CheckError,
}

results = []


def check(ok, what):
    results.append((bool(ok), what))


def main():
    dump = os.environ.get("ROC_LAYOUT_DUMP",
                          os.path.join(TOP, "build", "unit", "layout-dump"))
    c = json.loads(subprocess.run([dump], check=True, capture_output=True,
                                  text=True).stdout)
    check(set(c) == set(MIRRORS),
          f"the dump and the binding list the same structs ({sorted(c)})")
    for name, cls in MIRRORS.items():
        if name not in c:
            check(False, f"struct {name} is in the dump")
            continue
        want = c[name]
        check(ctypes.sizeof(cls) == want["size"],
              f"sizeof(struct {name}) = {want['size']}, ctypes "
              f"{ctypes.sizeof(cls)}")
        cnames = list(want["fields"])
        pnames = [f[0] for f in cls._fields_]
        check(cnames == pnames,
              f"struct {name}: fields in C order {cnames}, ctypes {pnames}")
        for f in cnames:
            if f not in pnames:
                continue
            off, size = want["fields"][f]
            d = getattr(cls, f)
            check(d.offset == off and d.size == size,
                  f"{name}.{f}: offset {off} size {size}, ctypes offset "
                  f"{d.offset} size {d.size}")
    print("TAP version 13")
    print(f"1..{len(results)}")
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
