#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/check-citations.sh - every citation of the hardware reference points
# at a section of docs/hardware.md that exists.
#
# Fails (exit 1) if a file of the tree
#   - still cites the old notes: "HARDWARE.md", "HARDWARE-2", "HARDWARE 1.4",
#     "HARDWARE §2.4" or anything under ../shared/ (run docs/cite-rewrite.sh);
#   - cites "docs/hardware.md N[.M]" (also "section N", lists "2.1, 2.3 and
#     4.1", ranges "2.2-2.4", "12.2/12.3", "1.1 of docs/hardware.md", a list
#     that continues on the next comment line, part 2 as "P2-5.4") for a
#     section that has no heading in docs/hardware.md.
# Headings are the Markdown lines "## N. Title", "### N.M Title",
# "## P2-N. Title" and "### P2-N.M Title".
#
# Files: tracked and new (not ignored) text files, without docs/hardware.md
# and the two citation scripts.  Prints one line per problem, then a
# summary; warns (without failing) about citing lines of C, header and
# shell files beyond 80 columns.
set -euo pipefail

top=$(dirname "$(readlink -f "$0")")/..
cd "$top"

if git rev-parse --git-dir >/dev/null 2>&1; then
	files=$(git ls-files -co --exclude-standard)
else
	files=$(find . -path ./build -prune -o -path ./.git -prune -o -type f \
		-print | sed 's|^\./||')
fi

printf '%s\n' "$files" | python3 -c '
import re
import sys

DOC = "docs/hardware.md"
SKIP = {DOC, "docs/cite-rewrite.sh", "docs/check-citations.sh"}

# Section numbers of the headings
sections = set()
head = re.compile(r"^#{1,6}\s+((?:P2-)?\d+(?:\.\d+)*)\.?(?:\s|$)")
with open(DOC, encoding="utf-8") as f:
    for line in f:
        m = head.match(line)
        if m:
            sections.add(m.group(1))

NUM = r"(?:P2-)?\d+(?:\.\d+)?(?![\w])"
SEP = r"\s*(?:,|and|or|/|-|–)\s*"
LIST = NUM + "(?:" + SEP + NUM + ")*"
after = re.compile(r"docs/hardware\.md\s+(?:sections?\s+)?(" + LIST + ")")
before = re.compile(r"(" + LIST + r")\s+of\s+docs/hardware\.md")
stale = re.compile(r"HARDWARE(?:\.md|-2)|HARDWARE\s+(?:§|\d|sections?\b)|"
                   r"(?:\.\./)+shared/|/work/shared/")
leader = re.compile(r"^\s*(?:\*|#+|//|;+|--|\"\"\"|\|)?\s*")
numtok = re.compile(r"(P2-)?(\d+)(?:\.(\d+))?")


def expand(lst):
    """Section numbers of a citation list, ranges expanded."""
    out = []
    parts = re.split(r"\s*(?:,|and|or|/)\s*", lst)
    for part in parts:
        ends = re.split(r"(?<!P2)[-–](?=\d)", re.sub(r"\s+", "", part))
        if len(ends) == 2:
            a = numtok.fullmatch(ends[0])
            b = numtok.fullmatch(ends[1])
            if not a or not b:
                out.append(part)
                continue
            p2 = a.group(1) or b.group(1) or ""
            if a.group(3) is None and b.group(3) is None:
                for n in range(int(a.group(2)), int(b.group(2)) + 1):
                    out.append("%s%d" % (p2, n))
            elif (a.group(3) is not None and b.group(3) is not None and
                  a.group(2) == b.group(2)):
                for n in range(int(a.group(3)), int(b.group(3)) + 1):
                    out.append("%s%s.%d" % (p2, a.group(2), n))
            else:
                out.append(p2 + ends[0].replace("P2-", ""))
                out.append(p2 + ends[1].replace("P2-", ""))
        else:
            out.append(part)
    return [s for s in out if s]


errors = warnings = cites = 0
for path in sys.stdin.read().split("\n"):
    if not path or path in SKIP or path.startswith("build/"):
        continue
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        continue
    if b"\0" in raw:
        continue
    lines = raw.decode("utf-8", "replace").split("\n")
    for i, line in enumerate(lines):
        if stale.search(line):
            print("%s:%d: cites the old notes: %s" % (path, i + 1,
                                                     line.strip()))
            errors += 1
        if "docs/hardware.md" not in line:
            continue
        nxt = leader.sub("", lines[i + 1]) if i + 1 < len(lines) else ""
        text = line + " " + nxt
        found = []
        for m in after.finditer(text):
            if m.start() < len(line):
                found += expand(m.group(1))
        for m in before.finditer(text):
            if m.start() < len(line):
                found += expand(m.group(1))
        for sec in found:
            cites += 1
            if sec not in sections:
                print("%s:%d: docs/hardware.md has no section %s: %s" %
                      (path, i + 1, sec, line.strip()))
                errors += 1
        if path.endswith((".c", ".h", ".sh")):
            width = len(line.expandtabs(8))
            if width > 80:
                print("%s:%d: warning: %d columns" % (path, i + 1, width))
                warnings += 1

print("check-citations: %d citations of %d sections, %d errors, %d warnings"
      % (cites, len(sections), errors, warnings))
sys.exit(1 if errors else 0)
'
