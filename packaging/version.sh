#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# packaging/version.sh - print roc's version: the top-level VERSION file,
# else (trees from before that file) PACKAGE_VERSION of dkms.conf.
top=$(dirname "$0")/..
if [ -s "$top/VERSION" ]; then
	v=$(tr -d ' \t\n' <"$top/VERSION")
else
	v=$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([0-9][0-9A-Za-z.+~]*\)"\{0,1\}$/\1/p' "$top/dkms.conf")
fi
case "$v" in
[0-9]*) echo "$v" ;;
*) echo "packaging/version.sh: no version in VERSION or dkms.conf" >&2; exit 1 ;;
esac
