#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""compare-split.py DEBDIR RPMDIR - the RPMs of packaging/roc.spec must hold
the same files, package by package, as the .debs of debian/ (file lists of
`dpkg-deb -c` and `rpm -qlp`), after mapping the distributions' directories
onto each other (Debian 12 / EL9):

  /usr/lib/<multiarch>        /usr/lib64
  /lib/udev, /lib/systemd     /usr/lib/udev, /usr/lib/systemd
  /usr/lib/python3/dist-packages   /usr/lib/python3.N/site-packages
  man pages .gz               (compressed or not)

Documentation (/usr/share/doc), lintian overrides, byte code and build-id
links are each distribution's own and are not compared."""
import glob
import os
import re
import subprocess
import sys

SPLIT = {"roc-dkms": "roc-dkms", "libroc0": "libroc", "libroc-dev": "libroc-devel",
         "roc-tools": "roc-tools", "python3-roc": "python3-roc",
         "libroc++0": "libroc++"}

RULES = [
    (r"^/usr/lib/[a-z0-9_]+-linux-gnu[a-z]*/", "/usr/lib64/"),
    (r"^/lib/(udev|systemd)/", r"/usr/lib/\1/"),
    (r"^/usr/lib/python3/dist-packages/", "/PYTHON/"),
    (r"^/usr/lib/python3\.[0-9]+/site-packages/", "/PYTHON/"),
    (r"^(/usr/share/man/.*)\.gz$", r"\1"),
]
SKIP = re.compile(r"^/usr/share/(doc|lintian)/|/__pycache__(/|$)|\.pyc$|^/usr/lib/\.build-id")


def norm(path):
    for pat, rep in RULES:
        path = re.sub(pat, rep, path)
    return path


def keep(path, is_dir):
    if SKIP.search(path):
        return False
    # directories: only those of roc (a package's own), not /usr/bin etc.
    return not is_dir or re.search(r"roc|prometheus", path) is not None


def deb_files(path):
    out = subprocess.run(["dpkg-deb", "-c", path], check=True, capture_output=True,
                         text=True).stdout
    files = set()
    for line in out.splitlines():
        parts = line.split()
        name = parts[5][1:].rstrip("/")  # ./usr/bin/x -> /usr/bin/x
        if name and keep(name, parts[0].startswith("d")):
            files.add(norm(name))
    return files


def rpm_files(path):
    out = subprocess.run(["rpm", "-qp", "--nosignature", "--qf",
                          "[%{FILEMODES:perms} %{FILENAMES}\n]", path],
                         check=True, capture_output=True, text=True).stdout
    files = set()
    for line in out.splitlines():
        perms, name = line.split(" ", 1)
        if keep(name, perms.startswith("d")):
            files.add(norm(name))
    return files


def main():
    debdir, rpmdir = sys.argv[1:3]
    bad = 0
    for deb, rpm in SPLIT.items():
        debs = [p for p in glob.glob(os.path.join(debdir, f"{deb}_*.deb"))]
        rpms = [p for p in glob.glob(os.path.join(rpmdir, "*", f"{rpm}-[0-9]*.rpm"))]
        if len(debs) != 1 or len(rpms) != 1:
            print(f"{deb} / {rpm}: want one .deb and one .rpm, have {debs} {rpms}")
            bad += 1
            continue
        d, r = deb_files(debs[0]), rpm_files(rpms[0])
        if d == r:
            print(f"{deb} = {rpm}: {len(d)} files and directories")
            continue
        bad += 1
        for f in sorted(d - r):
            print(f"{deb} only: {f}")
        for f in sorted(r - d):
            print(f"{rpm} only: {f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
