#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/cite-rewrite.sh [FILE...] - point citations of the old hardware
# notes (HARDWARE.md, HARDWARE-2.md, ../shared/...) at docs/hardware.md.
#
# The section numbers stay as they are: docs/hardware.md keeps the
# numbering of the notes (see its introduction).  Part 2 sections get the
# prefix "P2-":
#
#   HARDWARE.md 2.4            -> docs/hardware.md 2.4
#   HARDWARE 12.2 / §12.2      -> docs/hardware.md 12.2
#   HARDWARE.md section 2      -> docs/hardware.md section 2
#   1.1 of HARDWARE.md         -> 1.1 of docs/hardware.md
#   ../shared/HARDWARE.md      -> docs/hardware.md
#   HARDWARE-2.md 3.2, 3.5     -> docs/hardware.md P2-3.2, P2-3.5
#   HARDWARE-2 §3.6            -> docs/hardware.md P2-3.6
#   HARDWARE-2.md (no number)  -> docs/hardware.md part 2
#
# Without arguments: every tracked or new (not ignored) text file of the
# tree, except docs/hardware.md and the two citation scripts.  Idempotent:
# a second run changes nothing.  Prints the files it changed, then the
# rewritten lines of C, header and shell files that now exceed 80 columns
# (reflow them by hand; checkpatch only fails beyond 100).  Divider
# comments "/* ---- title ---- */" lose dashes to keep their width.
# Check the result with docs/check-citations.sh.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"

if [ $# = 0 ]; then
	if git rev-parse --git-dir >/dev/null 2>&1; then
		mapfile -t all < <(git ls-files -co --exclude-standard)
	else
		mapfile -t all < <(find . -path ./build -prune -o -path ./.git -prune \
				   -o -type f -print | sed 's|^\./||')
	fi
	set --
	for f in "${all[@]}"; do
		case "$f" in
		docs/hardware.md | docs/cite-rewrite.sh | docs/check-citations.sh | build/*)
			continue ;;
		esac
		[ -f "$f" ] || continue
		grep -qI 'HARDWARE' "$f" 2>/dev/null && set -- "$@" "$f"
	done
fi

changed=()
for f in "$@"; do
	before=$(cksum < "$f")
	perl -CSD -Mutf8 -pi -e '
		BEGIN {
			$num  = qr/\d+(?:\.\d+)?(?![\w])/;
			$sep  = qr/\s*(?:,|and|or|\/|-|–)\s*(?:§\s*)?/;
			$list = qr/(?:§\s*)?$num(?:$sep$num)*/;
		}
		sub nosect { my $x = shift; $x =~ s/§\s*//g; return $x; }
		# prefix P2- on every number of a list, not on the end of a range
		sub p2 {
			my $x = nosect(shift);
			$x =~ s/(?<![\d.\-–])(\d+(?:\.\d+)?)/P2-$1/g;
			return $x;
		}
		s{(?:/work/|(?:\.\./)+)shared/HARDWARE}{HARDWARE}g;
		# part 2
		s{\bHARDWARE-2(?:\.md)?\s+(?:(sections?)\s+)?($list)}
		 {"docs/hardware.md " . ($1 ? "$1 " : "") . p2($2)}ge;
		s{($list)(\s+of\s+)HARDWARE-2(?:\.md)?\b}
		 {p2($1) . $2 . "docs/hardware.md"}ge;
		s{\bHARDWARE-2(?:\.md)?\b}{docs/hardware.md part 2}g;
		# part 1
		s{\bHARDWARE(?:\.md)?\s+(?:(sections?)\s+)?($list)}
		 {"docs/hardware.md " . ($1 ? "$1 " : "") . nosect($2)}ge;
		s{\bHARDWARE\.md\b}{docs/hardware.md}g;
		# "docs/hardware.md §2.4" from any earlier hand edit
		s{(docs/hardware\.md\s+(?:sections?\s+)?)§\s*}{$1}g;
		# a "/* ---- title ---- */" divider keeps its old width (78)
		if (/docs\/hardware\.md/ && !/\t/ && length($_) > 79 &&
		    /^(.*? )(-{5,})((?: \*\/)?\n?)$/) {
			my ($head, $dash, $tail) = ($1, $2, $3);
			my $cut = length($_) - 79;
			$cut = length($dash) - 4 if length($dash) - $cut < 4;
			$_ = $head . substr($dash, $cut) . $tail;
		}
	' "$f"
	[ "$(cksum < "$f")" = "$before" ] || changed+=("$f")
done

for f in ${changed[@]+"${changed[@]}"}; do
	echo "rewrote $f"
done
for f in ${changed[@]+"${changed[@]}"}; do
	case "$f" in
	*.c | *.h | *.sh)
		expand "$f" | awk -v f="$f" \
			'/docs\/hardware\.md/ && length($0) > 80 {
				printf "%s:%d: %d columns: %s\n", f, NR, length($0), $0
			}' ;;
	esac
done
exit 0
