#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging/build-rpm.sh - `make rpm`: the RPM packages of the tree for EL9
# from packaging/roc.spec, in build/rpm/RPMS/ (and the source RPM in
# build/rpm/SRPMS/).  The source tarball roc-VERSION.tar.gz holds the
# tracked and new files of the tree.
#
# On a machine that is not EL9 (Debian: rpmbuild from the package rpm) the
# build dependencies are not in the RPM database, so rpmbuild runs with
# --nodeps, the EL9 library directory /usr/lib64 is set and no debuginfo
# package is made; the spec itself is unchanged.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
ver=$(packaging/version.sh)
out=$PWD/build/rpm
rm -rf "$out"
mkdir -p "$out"/{SOURCES,SPECS,BUILD,BUILDROOT,RPMS,SRPMS}

if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done
else
	find . -path ./build -prune -o -path ./.git -prune -o -type f -printf '%P\0'
fi | tar -czf "$out/SOURCES/roc-$ver.tar.gz" --null -T - \
	--transform "s|^|roc-$ver/|" --owner=0 --group=0 --sort=name
cp packaging/roc.spec "$out/SPECS/"

opts=(--define "_topdir $out" --define "roc_version $ver")
if ! rpm -q --quiet glibc 2>/dev/null; then
	opts+=(--nodeps --define "_libdir /usr/lib64" --define "_lib lib64"
	       --define "debug_package %{nil}" --define "dist .el9")
fi
nice -n 10 rpmbuild "${opts[@]}" -ba "$out/SPECS/roc.spec"
find "$out/RPMS" "$out/SRPMS" -name '*.rpm' | sort
