#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# cxx_python_alias_test - the old binding's module name: libO2ReadoutCard
# is the roc package (python/libO2ReadoutCard.py), BarChannel included,
# with ReadoutCard's method names.  Native, no card needed.  Prints TAP.
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
if PYTHONPATH="$top/python" python3 - <<'PY'
import libO2ReadoutCard, roc
assert libO2ReadoutCard.BarChannel is roc.BarChannel
for m in ("register_read", "register_write", "register_modify"):
    assert callable(getattr(libO2ReadoutCard.BarChannel, m)), m
assert libO2ReadoutCard.list_cards is roc.list_cards
PY
then echo "ok 1 libO2ReadoutCard is roc, with BarChannel"; rc=0
else echo "not ok 1 libO2ReadoutCard is roc, with BarChannel"; rc=1
fi
echo "1..1"
exit $rc
