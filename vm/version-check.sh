#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/version-check.sh - roc has one version number, the file VERSION at the
# top.  The Makefiles of lib/ and utils/ and kernel/Kbuild (MODULE_VERSION)
# read it; what cannot read it is checked here against it: dkms.conf
# (PACKAGE_VERSION), the man pages (.TH), and whatever is built: the
# modules' modinfo version, the tools' --version, libroc's soname file and
# roc.__version__ of the Python package.  Prints one line per disagreement;
# exit 0 when everything agrees.
set -u

top=$(dirname "$(readlink -f "$0")")/..
cd "$top" || exit 1
want=$(cat VERSION)
bad=0

agree() {	# WHAT VALUE
	if [ "$2" = "$want" ]; then
		echo "version: $1: $2"
	else
		echo "version: $1 is '$2', VERSION is '$want'" >&2
		bad=1
	fi
}

[[ "$want" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version: VERSION '$want' is not X.Y.Z" >&2; exit 1; }
agree dkms.conf "$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)"
for m in utils/man/*.[0-9]; do
	agree "$m" "$(sed -n 's/^\.TH .* "roc \([^"]*\)" .*/\1/p' "$m")"
done
for ko in build/kmod/*/kernel/roc.ko build/kmod/*/kernel/roc_sim.ko; do
	[ -e "$ko" ] || continue
	# the modules built from this VERSION (a stale build says so too)
	[ "$ko" -nt VERSION ] || continue
	agree "$ko" "$(modinfo -F version "$ko")"
done
if [ -x build/utils/roc-list-cards ]; then
	agree "roc-list-cards --version" \
		"$(build/utils/roc-list-cards --version | sed -n 's/^roc-list-cards (roc) //p')"
fi
if [ -e build/lib/libroc.so.0 ]; then
	agree "libroc.so.0 file" "$(readlink build/lib/libroc.so.0 | sed 's/^libroc\.so\.//')"
	agree "roc.__version__" \
		"$(PYTHONPATH=python python3 -c 'import roc; print(roc.__version__)' 2>&1)"
fi
exit "$bad"
