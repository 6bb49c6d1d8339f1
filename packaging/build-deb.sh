#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging/build-deb.sh - `make deb`: the Debian packages of the tree in
# build/deb/ (roc-dkms, libroc0, libroc++0, libroc-dev, roc-tools, python3-roc), built
# by dpkg-buildpackage in a clean copy of the tree (build/deb/roc-VERSION),
# then lintian on them: build/deb/lintian.txt.  Exit status 1 if the build
# fails or lintian reports an error.
#
# The version is the tree's (packaging/version.sh: VERSION, else dkms.conf).
# When debian/changelog's newest entry has another version, the copy gets a
# new entry for it, so that a version bump needs no packaging change.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"
ver=$(packaging/version.sh)
out=build/deb
src=$out/roc-$ver
rm -rf "$out"
mkdir -p "$src"

# The tracked and new (not ignored) files, as `git status` sees the tree.
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done
else
	find . -path ./build -prune -o -path ./.git -prune -o -type f -printf '%P\0'
fi | rsync -a --from0 --files-from=- . "$src"

top_ver=$(dpkg-parsechangelog -l debian/changelog -S Version)
if [ "$top_ver" != "$ver" ]; then
	maint=$(dpkg-parsechangelog -l debian/changelog -S Maintainer)
	{
		echo "roc ($ver) unstable; urgency=medium"
		echo
		echo "  * Version $ver of the tree (VERSION)."
		echo
		echo " -- $maint  $(date -R)"
		echo
		cat debian/changelog
	} >"$src/debian/changelog"
	echo "build-deb: debian/changelog has $top_ver, added an entry for $ver"
fi

(cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" \
	nice -n 10 dpkg-buildpackage -us -uc -b)
ls -l "$out"/*.deb

# lintian: errors fail the build; the warnings left are explained in
# debian/*.lintian-overrides or in README.md, "Installing from packages".
set +e
lintian --display-level ">=warning" --fail-on error \
	"$out"/roc_"$ver"_*.changes >"$out/lintian.txt" 2>&1
rc=$?
set -e
cat "$out/lintian.txt"
echo "build-deb: lintian: $(grep -c '^E: ' "$out/lintian.txt") errors," \
	"$(grep -c '^W: ' "$out/lintian.txt") warnings (build/deb/lintian.txt)"
exit "$rc"
