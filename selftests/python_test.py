#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""python_test.py - the roc Python binding (python/roc) against a simulated
CRU and C-RORC, as root inside the VM: the library search order,
list_cards() against sysfs, Card identity, BarChannel register round
trips by byte address with every card ID form, register errors, DMA on
both cards (push, push_batch, select() on the channel, pop, the data
pattern of docs/hardware.md 12.2 checked in Python on the Buffer's memoryview
and by libroc's checker), push errors, a busy channel, reset, stop, and
close releasing the channel and the buffer.

Prints TAP: one "ok N name" / "not ok N name" per check, the plan last.
"""
import errno
import os
import random
import select
import struct
import subprocess
import sys
import traceback

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(
    __file__)), ".."))
sys.path.insert(0, os.path.join(TOP, "python"))

SIM_BUS = "/sys/bus/roc_sim"
CLASS = "/sys/class/roc"
CRU_SERIAL = 4245
CRORC_SERIAL = 4942
KiB, MiB = 1024, 1024 * 1024

results = []
sims = []


def emit(ok, name, diag=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)
    if diag and not ok:
        for line in str(diag).rstrip().splitlines():
            print(f"#   {line}", flush=True)


def check(name):
    """Decorator: run the function now; an exception or False fails."""
    def run(fn):
        try:
            r = fn()
            emit(r is None or bool(r), name,
                 None if r is None or r else f"returned {r!r}")
        except Exception:  # noqa: BLE001 - report every failure as TAP
            emit(False, name, traceback.format_exc())
        return fn
    return run


def expect_oserror(fn, err, *needles):
    """fn() must raise OSError with errno err and each needle in it."""
    try:
        fn()
    except OSError as e:
        msg = str(e)
        assert e.errno == err, f"errno {e.errno} ({msg}), want {err}"
        for n in needles:
            assert n in msg, f"{n!r} not in {msg!r}"
        return True
    raise AssertionError("no OSError raised")


def sysfs(dev, attr):
    with open(os.path.join(CLASS, os.path.basename(dev), attr)) as f:
        return f.read().strip()


def dev_of(address):
    for d in os.listdir(CLASS):
        p = os.path.join(CLASS, d, "pci_address")
        if os.path.exists(p) and open(p).read().strip() == address:
            return "/dev/" + d
    return None


def new_sim(kind, serial):
    for _ in range(50):
        sid = random.randrange(900, 990)
        try:
            with open(f"{SIM_BUS}/new_device", "w") as f:
                f.write(f"{sid} {kind} {serial}")
        except OSError as e:
            if e.errno == errno.EEXIST:
                continue
            raise
        sims.append(sid)
        return sid
    raise RuntimeError("no free roc_sim ID")


def del_sims():
    for sid in sims:
        try:
            with open(f"{SIM_BUS}/del_device", "w") as f:
                f.write(str(sid))
        except OSError:
            pass
    sims.clear()


def main():
    try:
        cru = new_sim("cru", CRU_SERIAL)
        crorc = new_sim("crorc", CRORC_SERIAL)
        subprocess.run(["udevadm", "settle"], check=False,
                       stderr=subprocess.DEVNULL)
        import roc
    except Exception:  # noqa: BLE001
        emit(False, "setup: simulated cards and import roc",
             traceback.format_exc())
        return
    try:
        tests(roc, cru, crorc)
    finally:
        del_sims()


def tests(roc, cru, crorc):
    cru0, cru1 = f"roc_sim:{cru}.0", f"roc_sim:{cru}.1"
    cr = f"roc_sim:{crorc}.0"
    dev_cru0, dev_cru1, dev_cr = dev_of(cru0), dev_of(cru1), dev_of(cr)
    emit(all((dev_cru0, dev_cru1, dev_cr)), "simulated CRU and C-RORC exist")

    # --- loading ------------------------------------------------------
    @check("the package finds libroc in the build tree")
    def _():
        return roc.library_path == os.path.join(TOP, "build", "lib",
                                                "libroc.so.0")

    @check("ROC_LIBRARY overrides the search; a bad one fails the import")
    def _():
        with open(os.path.join(TOP, "VERSION")) as f:
            lib = os.path.join(TOP, "build", "lib",
                               "libroc.so." + f.read().strip())
        code = "import roc; print(roc.library_path)"
        env = dict(os.environ, ROC_LIBRARY=lib,
                   PYTHONPATH=os.path.join(TOP, "python"))
        out = subprocess.run([sys.executable, "-c", code], env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.strip() == lib, out
        env["ROC_LIBRARY"] = "/nonexistent/libroc.so.0"
        out = subprocess.run([sys.executable, "-c", code], env=env,
                             capture_output=True, text=True)
        return (out.returncode != 0 and "ImportError" in out.stderr and
                "/nonexistent/libroc.so.0" in out.stderr)

    # --- listing ------------------------------------------------------
    cards = roc.list_cards()

    @check("list_cards() agrees with sysfs for every endpoint")
    def _():
        assert cards, "no cards"
        for i, c in enumerate(cards):
            assert c.sequence == i, (i, c)
            d = c.device
            assert c.type == sysfs(d, "card_type").upper(), c
            assert c.pci_address == sysfs(d, "pci_address"), c
            assert (c.serial if c.serial is not None else -1) == \
                int(sysfs(d, "serial")), c
            assert c.endpoint == int(sysfs(d, "endpoint")), c
            assert c.numa_node == int(sysfs(d, "numa_node")), c
            assert c.firmware_hash == sysfs(d, "firmware"), c
            assert c.link_count == int(sysfs(d, "link_count")), c
        sysdevs = sorted("/dev/" + d for d in os.listdir(CLASS)
                         if os.path.exists(os.path.join(CLASS, d,
                                                        "pci_address")))
        return sorted(c.device for c in cards) == sysdevs

    by_addr = {c.pci_address: c for c in cards}

    @check("list_cards(): C-RORCs first, firmware tags, our three endpoints")
    def _():
        types = [c.type for c in cards]
        assert types == sorted(types, key=lambda t: t != "CRORC"), types
        a, b, c = by_addr[cru0], by_addr[cru1], by_addr[cr]
        return ((a.type, a.serial, a.endpoint, a.firmware, a.num_channels,
                 a.simulated) == ("CRU", CRU_SERIAL, 0, "v3.19.4", 1, True)
                and (b.endpoint, b.serial) == (1, CRU_SERIAL)
                and (c.type, c.serial, c.endpoint, c.firmware,
                     c.num_channels) == ("CRORC", CRORC_SERIAL, 0, "v2.14.2",
                                         6)
                and a.temperature is not None)

    @check("FirmwareList: a local file renames a hash")
    def _():
        path = "/tmp/roc-python-test-fw.ini"
        with open(path, "w") as f:
            f.write("[cru]\nf6b5d742 = py-tag\n")
        fw = roc.FirmwareList(path)
        os.unlink(path)
        lst = roc.list_cards(fw)
        st = fw.status("CRU", 0xf6b5d742)
        return ([c.firmware for c in lst if c.pci_address == cru0] ==
                ["py-tag"] and st == ("compatible", "py-tag"))

    # --- Card ------------------------------------------------------------
    @check("Card: info, label, fileno, context manager closes")
    def _():
        with roc.Card(f"{CRU_SERIAL}:1") as card:
            info = card.info
            assert info.device == dev_cru1 and info.endpoint == 1, info
            assert os.path.basename(dev_cru1) in card.label, card.label
            assert os.fstat(card.fileno()).st_rdev == \
                os.stat(dev_cru1).st_rdev
            bar = card.bar(2)
        assert card.closed
        return expect_oserror(lambda: bar.read(0x4), errno.EBADF, "closed")

    # --- BarChannel ------------------------------------------------------
    seq_cru1 = by_addr[cru1].sequence
    seq_cr = by_addr[cr].sequence

    @check("BarChannel: write by serial:endpoint, read back by byte address")
    def _():
        with roc.BarChannel(f"{CRU_SERIAL}:1", 2) as b:
            b.register_write(0xc80004, 0x12345678)
            return b.register_read(0xc80004) == 0x12345678

    @check("BarChannel: every card ID form reads the same register")
    def _():
        ids = [dev_cru1, os.path.basename(dev_cru1), f"#{seq_cru1}", cru1,
               f" {CRU_SERIAL}:1 "]
        vals = []
        for i in ids:
            with roc.BarChannel(i, 2) as b:
                vals.append(b.register_read(0xc80004))
        return vals == [0x12345678] * len(ids)

    @check("BarChannel: endpoints do not share the register")
    def _():
        with roc.BarChannel(f"{CRU_SERIAL}", 2) as b:
            return b.register_read(0xc80004) != 0x12345678

    @check("BarChannel: firmware hash register matches sysfs")
    def _():
        with roc.BarChannel(cru0, 2) as b:
            return f"{b.register_read(0x4):x}" == sysfs(dev_cru0, "firmware")

    @check("BarChannel: C-RORC BAR3 round trip and register_modify")
    def _():
        with roc.BarChannel(f"#{seq_cr}", 3) as b:
            b.register_write(0x300, 0xffff0000)
            b.register_modify(0x300, 4, 8, 0xab)
            v1 = b.register_read(0x300)
            b.register_modify(0x300, 31, 1, 0)
            v2 = b.register_read(0x300)
            b.register_modify(0x300, 0, 32, 0xcafe)
            v3 = b.register_read(0x300)
        with roc.BarChannel(cr, 0) as b0:
            other = b0.register_read(0x300)
        return (v1, v2, v3) == (0xffff0ab0, 0x7fff0ab0, 0xcafe) and \
            other != 0xcafe

    @check("Bar: ioctl access, read_range, modify returns before/after")
    def _():
        with roc.Card(cr) as card:
            bar = card.bar(3, ioctl=True)
            assert bar.access == "ioctl" and bar.size == 4096
            for i in range(4):
                bar.write(0x300 + 4 * i, 0x11111111 * (i + 1))
            vals = bar.read_range(0x300, 4)
            old_new = bar.modify(0x300, 0xff, 0x42)
            mapped = card.bar(3)
            return (vals == [0x11111111, 0x22222222, 0x33333333, 0x44444444]
                    and old_new == (0x11111111, 0x11111142)
                    and mapped.access == "mmap-rw"
                    and mapped.read(0x300) == 0x11111142)

    @check("BarChannel: unaligned address raises OSError EINVAL")
    def _():
        with roc.BarChannel(cr, 0) as b:
            expect_oserror(lambda: b.register_read(0x302), errno.EINVAL,
                           "multiple of 4")
            return expect_oserror(lambda: b.register_write(0x6, 1),
                                  errno.EINVAL)

    @check("BarChannel: address beyond the BAR raises ERANGE naming the card")
    def _():
        with roc.BarChannel(cr, 0) as b:
            return expect_oserror(lambda: b.register_read(0x1000),
                                  errno.ERANGE, os.path.basename(dev_cr),
                                  "beyond the end of the BAR")

    @check("BarChannel: unknown card raises OSError naming the card")
    def _():
        expect_oserror(lambda: roc.BarChannel("999:1", 0), errno.ENODEV,
                       'no card "999:1"')
        expect_oserror(lambda: roc.BarChannel("#9999", 0), errno.ENODEV,
                       '"#9999"')
        return expect_oserror(lambda: roc.BarChannel("roc999", 0),
                              errno.ENOENT, "/dev/roc999")

    @check("BarChannel: malformed ID, absent BAR, bad field")
    def _():
        expect_oserror(lambda: roc.BarChannel("3b:00.9", 0), errno.EINVAL,
                       "3b:00.9")
        expect_oserror(lambda: roc.BarChannel(cru0, 1), errno.ENXIO, "BAR1")
        with roc.BarChannel(cr, 0) as b:
            for args in ((0x300, 30, 4, 1), (0x300, 0, 2, 4),
                         (0x300, 0, 0, 0)):
                try:
                    b.register_modify(*args)
                except ValueError:
                    continue
                raise AssertionError(f"no ValueError for {args}")
            try:
                b.register_write(0x300, 1 << 32)
            except ValueError:
                return True
        return False

    @check("BarChannel: 10000 reads and writes (rate as a diagnostic)")
    def _():
        import time
        with roc.BarChannel(cr, 2) as b:
            access = b.bar.access
            t0 = time.monotonic()
            for i in range(5000):
                b.register_write(0x300, i)
                if b.register_read(0x300) != i:
                    return False
            secs = time.monotonic() - t0
        print(f"# python register access ({access}): {10000 / secs:.0f} "
              "ops/s", flush=True)
        return True

    # --- DMA --------------------------------------------------------------
    sp = 256 * KiB
    nsp = 8

    def readout(card_id, channel, source="internal"):
        """Push nsp superpages, pop them all; returns (sps, buf, ch, card)."""
        card = roc.Card(card_id)
        ch = card.channel(channel)
        buf = roc.Buffer(4 * MiB, card=card)
        bid = ch.register(buf)
        ch.start(source)
        ch.push(buf, 0, sp, cookie=1000)
        assert ch.push_batch([(buf, i * sp, sp, 1000 + i)
                              for i in range(1, nsp - 1)]) == nsp - 2
        ch.push(bid, (nsp - 1) * sp, sp, cookie=1000 + nsp - 1)
        got = []
        polls = 0
        while len(got) < nsp and polls < 200:
            r, _, _ = select.select([ch], [], [], 1.0)
            polls += 1
            if r:
                got += ch.pop()
        return got, buf, ch, card

    def python_check_cru_internal(sps):
        """docs/hardware.md 12.2: 32-byte words of eight copies of a counter,
        +1 per word, continuing across superpages per link."""
        nxt = {}
        for s in sps:
            w = s.data().cast("I")
            first = w[0::8].tolist()
            for k in range(1, 8):
                if w[k::8].tolist() != first:
                    return f"copy {k} differs in superpage {s.cookie}"
            start = nxt.get(s.link, 0)
            if first != [(start + i) & 0xffffffff
                         for i in range(len(first))]:
                return (f"counter of superpage {s.cookie} starts at "
                        f"{first[0]}, expected {start}")
            nxt[s.link] = (start + len(first)) & 0xffffffff
            w.release()
        return True

    def python_check_crorc(sps, channel):
        """docs/hardware.md 12.2/12.3: 8 KiB pages of a 64-byte RDH v7 (link =
        channel, memory size 8 KiB) + a 32-bit counter +1 per word."""
        ctr = 0
        for s in sps:
            d = s.data()
            for page in range(0, len(d), 8192):
                rdh = bytes(d[page:page + 64])
                if rdh[0] != 7 or rdh[1] != 0x40 or rdh[12] != channel or \
                        struct.unpack_from("<H", rdh, 10)[0] != 8192:
                    return f"bad RDH at page {page} of {s.cookie}: " \
                        f"{rdh[:16].hex()}"
                w = d[page + 64:page + 8192].cast("I").tolist()
                if w != [(ctr + i) & 0xffffffff for i in range(len(w))]:
                    return f"payload of page {page} of {s.cookie}"
                ctr = (ctr + len(w)) & 0xffffffff
            d.release()
        return True

    def done_in_order(sps):
        """All done and full; in push order per link (a CRU spreads
        superpages over its links)."""
        per_link = {}
        for s in sps:
            per_link.setdefault(s.link, []).append(s.cookie)
        return (sorted(s.cookie for s in sps) ==
                list(range(1000, 1000 + nsp)) and
                all(c == sorted(c) for c in per_link.values()) and
                all(s.status == "done" and s.received == sp == s.size and
                    s.offset == (s.cookie - 1000) * sp for s in sps))

    for name, card_id, channel, fmt in (("CRU", cru0, 0, "cru-internal"),
                                        ("C-RORC channel 3", cr, 3, "crorc")):
        state = {}

        @check(f"DMA {name}: push, push_batch, select, pop {nsp} superpages")
        def _():
            got, buf, ch, card = readout(card_id, channel)
            state.update(sps=got, buf=buf, ch=ch, card=card)
            return done_in_order(got) or [
                (s.cookie, s.offset, s.received, s.status) for s in got]

        if "ch" not in state:
            continue
        sps, buf, ch, card = state["sps"], state["buf"], state["ch"], \
            state["card"]

        @check(f"DMA {name}: data pattern checked in Python on the memoryview")
        def _():
            if fmt == "crorc":
                return python_check_crorc(sps, channel)
            return python_check_cru_internal(sps)

        @check(f"DMA {name}: libroc checker finds no error, then an "
               "injected one")
        def _():
            chk = roc.Checker(fmt)
            for s in sps:
                assert chk.check(s.link, s.data(), tag=s.cookie) == 0, \
                    chk.recorded()
            assert chk.bytes == nsp * sp, chk.bytes
            # Flip one bit in the memory of the last superpage.
            last = sps[-1]
            buf[last.offset + 4096 + 8] ^= 0x10
            chk2 = roc.Checker(fmt)
            errs = sum(chk2.check(s.link, s.data(), s.cookie) for s in sps)
            rec = chk2.recorded()
            # The Python check of the memoryview sees the flip too.
            py = python_check_crorc(sps, channel) if fmt == "crorc" else \
                python_check_cru_internal(sps)
            return errs == 1 and rec[0]["tag"] == last.cookie and \
                py is not True and str(last.cookie) in py

        @check(f"DMA {name}: control path is the rings (ioctl with "
               "ROC_NO_RINGS=1)")
        def _():
            want = "ioctl" if os.environ.get("ROC_NO_RINGS", "0") != "0" \
                else "rings"
            return ch.control_path == want

        @check(f"DMA {name}: stats count what was pushed and completed")
        def _():
            st = ch.stats()
            return (st.state == "running" and st.source == "internal" and
                    st.pushed == nsp and st.completed == nsp and
                    st.bytes == nsp * sp and st.nr_buffers == 1 and
                    st.ready_count == 0 == ch.ready_count and
                    ch.transfer_available == st.transfer_capacity)

        @check(f"DMA {name}: bad pushes raise OSError with the errno")
        def _():
            expect_oserror(lambda: ch.push(buf, 4 * KiB + 1, sp),
                           errno.EINVAL)
            expect_oserror(lambda: ch.push(buf, 0, 1000), errno.EMSGSIZE,
                           "32 KiB")
            expect_oserror(lambda: ch.push(buf, 4 * MiB - 32 * KiB, sp),
                           errno.ERANGE, "outside the buffer")
            expect_oserror(lambda: ch.push(999, 0, sp), errno.ENOENT,
                           "no such buffer")
            ch.push(buf, 0, sp)
            expect_oserror(lambda: ch.push(buf, 0, sp), errno.EADDRINUSE)
            expect_oserror(lambda: ch.unregister(buf), errno.EBUSY,
                           "in flight")
            try:
                ch.push_batch([(buf, sp, sp), (buf, 2 * sp + 1, sp),
                               (buf, 3 * sp, sp)])
            except OSError as e:
                assert e.errno == errno.EINVAL and e.pushed == 1, e
            else:
                raise AssertionError("bad batch entry accepted")
            return True

        @check(f"DMA {name}: a second holder gets EBUSY naming this process")
        def _():
            with roc.Card(card_id) as other:
                return expect_oserror(lambda: other.channel(channel),
                                      errno.EBUSY, f"process {os.getpid()}")

        @check(f"DMA {name}: stop returns the superpages, reset, restart")
        def _():
            expect_oserror(ch.reset, errno.EBUSY, "stop it first")
            ch.stop()
            back = ch.pop()
            assert len(back) == 2 and all(s.status in ("done", "returned")
                                          for s in back), back
            expect_oserror(lambda: ch.push(buf, 0, sp), errno.EPIPE,
                           "not running")
            ch.reset()
            ch.start("internal")
            ch.push(buf, 0, sp)
            assert ch.wait(10.0), "no superpage after restart"
            return [s.status for s in ch.pop()] == ["done"]

        @check(f"DMA {name}: buffer in use cannot be freed; close releases")
        def _():
            try:
                buf.close()
            except BufferError as e:
                assert "registered" in str(e), e
            else:
                raise AssertionError("closed a registered buffer")
            ch.close()
            assert ch.closed
            sps.clear()
            state.clear()
            buf.close()
            assert buf.closed
            # The channel is free again for another opener.
            with roc.Card(card_id) as again, again.channel(channel) as ch2:
                return ch2.stats().state == "stopped"

        card.close()

    @check("DMA: card.close() closes its channel; unregister frees a buffer")
    def _():
        card = roc.Card(cr)
        ch = card.channel(5)
        buf = roc.Buffer(2 * MiB, card=card)
        bid = buf.register(ch)
        assert ch.stats().nr_buffers == 1
        buf.unregister(ch)
        assert ch.stats().nr_buffers == 0
        expect_oserror(lambda: ch.unregister(bid), errno.ENOENT)
        buf.close()
        card.close()
        assert ch.closed
        with roc.Card(cr) as c2, c2.channel(5) as ch2:
            return not ch2.closed

    @check("DMA: CRU DDG data passes libroc's checker")
    def _():
        got, buf, ch, card = readout(cru1, 0, "ddg")
        chk = roc.Checker("ddg")
        errs = sum(chk.check(s.link, s.data(), s.cookie) for s in got)
        ok = done_in_order(got) and errs == 0 and chk.bytes == nsp * sp
        del got
        card.close()
        buf.close()
        return ok


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"1..{len(results)}")
    sys.exit(0 if results and all(results) else 1)
