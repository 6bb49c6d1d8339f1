#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# nl_links.py ENDPOINT ATTR [COUNT] - one u32 attribute of every link of
# /dev/rocENDPOINT, read from the generic-netlink family "roc" (dev-get,
# the `link` nests of uapi/roc_netlink.yaml) with a raw socket, so that the
# shell tests check the kernel's netlink side and not a tool's.  Prints the
# values in link order on one line, "-" where a link lacks the attribute
# (COUNT: print that many links, "-" for the missing ones).
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 3, 1, 2
ROC_CMD_DEV_GET, ROC_A_DEV_ID, ROC_A_DEV_LINK, ROC_A_LINK_INDEX = 1, 1, 32, 1


def attrs(b):
    out = []
    while len(b) >= 4:
        ln, t = struct.unpack("HH", b[:4])
        out.append((t & 0x3fff, b[4:ln]))
        b = b[(ln + 3) & ~3:]
    return out


def nla(t, v):
    return struct.pack("HH", 4 + len(v), t) + v + b"\0" * (-len(v) % 4)


def request(s, fam, cmd, a):
    body = struct.pack("BBxx", cmd, 1) + a
    s.send(struct.pack("IHHII", 16 + len(body), fam, 1, 1, 0) + body)
    m = s.recv(65536)
    ln, t = struct.unpack("IH", m[:6])
    if t != fam:
        sys.exit("netlink error %r" % (m[16:20],))
    return attrs(m[20:ln])


def main():
    ep, attr = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else None
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    fam = [v for t, v in request(s, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                 nla(CTRL_ATTR_FAMILY_NAME, b"roc\0"))
           if t == CTRL_ATTR_FAMILY_ID][0]
    fam = struct.unpack("H", fam[:2])[0]
    got = {}
    for t, v in request(s, fam, ROC_CMD_DEV_GET,
                        nla(ROC_A_DEV_ID, struct.pack("I", ep))):
        if t == ROC_A_DEV_LINK:
            a = dict(attrs(v))
            link = struct.unpack("I", a[ROC_A_LINK_INDEX])[0]
            got[link] = struct.unpack("I", a[attr])[0] if attr in a else "-"
    links = range(count) if count is not None else sorted(got)
    print(" ".join(str(got.get(link, "-")) for link in links))


main()
