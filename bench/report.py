#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench/report.py [--smoke] [--check-only] DIR - turn the raw results of
bench/run.sh into DIR/results.json, DIR/results.md and DIR/*.png.

Reads DIR/host.json, DIR/native.jsonl (bench-checker on the host),
DIR/vm/bench.jsonl and DIR/vm/guest.json (bench/guest.sh in the VM).  Each
measure has per-repeat samples; the report gives the median with min and
max, and the interquartile range in results.json.  The targets of issue 6
are evaluated as ratios against the baselines of the same run.

--check-only: only verify that every benchmark produced its JSON with all
keys; no plots.  `report.py --tap-vm FILE...` and `--tap-native FILE...`
print one TAP line ("ok - ..." / "not ok - ...") per kind of result in
the JSON-lines files of the in-VM or native part (the smoke tests).  --smoke: the data come from a smoke run
(tiny sizes): plots are made, but the report says the numbers mean nothing.
Exit status: 0, or 1 when a benchmark failed or a key is missing.
"""
import json
import os
import statistics
import subprocess
import sys

# Keys each kind of JSON line must carry (the smoke test checks them).
REQUIRED = {
    "getppid": ["calls", "ns_per_call"],
    "memcpy": ["size", "gbytes_per_s"],
    "ctl": ["mode", "batch", "superpage_size", "ns_per_sp", "cpu_ns_per_sp",
            "syscalls_per_sp", "ioctl_ns_per_sp", "ioctls_per_sp"],
    "readout": ["tag", "endpoints", "superpage_size", "check", "page_size",
                "gbytes_per_s", "consumer_cores", "cpu_s_per_gbyte", "errors",
                "ep0_gbytes_per_s"],
    "bar": ["bar", "mode", "batch", "procs", "ops_per_s", "fairness_max_min",
            "min_share_of_fair"],
    "mmap_populate": ["pages", "size", "map_s", "unmap_s"],
    "register": ["dev", "channel", "pages", "size", "nr_segments",
                 "max_segment", "register_s", "deregister_s"],
    "vfio": ["group", "pages", "size", "register_s", "deregister_s"],
    "checker": ["format", "mode", "size", "gbytes_per_s"],
    "readpass": ["size", "gbytes_per_s"],
}
# Kinds that must be present in every run (vfio needs the edu device), by
# part: what bench/guest.sh makes in the VM, what bench-checker makes.
MUST_VM = ["getppid", "memcpy", "ctl", "readout", "bar", "mmap_populate",
           "register"]
MUST_NATIVE = ["checker", "readpass"]
SAMPLE_KEYS = {"ns_per_call", "gbytes_per_s", "ns_per_sp", "cpu_ns_per_sp",
               "syscalls_per_sp", "ioctl_ns_per_sp", "ioctls_per_sp",
               "consumer_cores", "cpu_s_per_gbyte",
               "ops_per_s", "fairness_max_min", "min_share_of_fair", "map_s",
               "unmap_s", "register_s", "deregister_s", "ratio_to_readpass",
               "readpass_gbytes_per_s", "cpu_ratio_to_readpass",
               "call_p50_ns", "call_p99_ns", "call_p50_getppid",
               "call_p99_getppid", "cpu_per_sp_getppid", "work_per_sp_getppid",
               "thread_cpu_ns_per_sp", "thread_cpu_per_sp_getppid",
               "total_cpu_per_sp_getppid", "yields_per_sp"}

LINE_RATE_GBPS = 53.0           # Gb/s per CRU endpoint, the seed's figure


def load_jsonl(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    rows.append(json.loads(line))
                except ValueError as e:
                    rows.append({"bench": "failed",
                                 "name": "%s:%d: bad JSON: %s" % (path, n, e)})
    return rows


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def stats(v):
    v = sorted(float(x) for x in v)
    if not v:
        return None
    s = {"n": len(v), "median": statistics.median(v), "min": v[0],
         "max": v[-1]}
    if len(v) >= 2:
        q = statistics.quantiles(v, n=4, method="inclusive")
        s["q1"], s["q3"] = q[0], q[2]
    else:
        s["q1"] = s["q3"] = v[0]
    return s


def validate(rows, must):
    """Problems: failed benchmarks, missing keys, missing kinds."""
    problems = []
    seen = set()
    for r in rows:
        b = r.get("bench")
        if b == "failed":
            problems.append("benchmark failed: %s" % r.get("name"))
            continue
        if b not in REQUIRED:
            problems.append("unknown benchmark %r" % b)
            continue
        seen.add(b)
        for k in REQUIRED[b]:
            if k not in r:
                problems.append("%s: key %s missing" % (b, k))
        for k, val in r.items():
            if k in SAMPLE_KEYS and (not isinstance(val, list) or not val):
                problems.append("%s: %s has no samples" % (b, k))
    for b in must:
        if b not in seen:
            problems.append("no %s result" % b)
    return problems


def med(r, key):
    return r["stats"][key]["median"]


def fmt_num(x, digits=3):
    if x is None:
        return "-"
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1e6:
        return "%.*g" % (digits, x)
    if a >= 100:
        return "%.0f" % x
    return "%.*g" % (digits, x)


def fmt(r, key, scale=1.0, digits=3):
    s = r["stats"].get(key)
    if not s:
        return "-"
    return "%s (%s–%s)" % (fmt_num(s["median"] * scale, digits),
                           fmt_num(s["min"] * scale, digits),
                           fmt_num(s["max"] * scale, digits))


def kib(n):
    return "%d KiB" % (n // 1024) if n < 1 << 20 else "%d MiB" % (n >> 20)


class Report:
    def __init__(self, d, smoke):
        self.d = d
        self.smoke = smoke
        self.host = load_json(os.path.join(d, "host.json"))
        self.guest = load_json(os.path.join(d, "vm", "guest.json"))
        self.rows = []
        for where, f in (("host", "native.jsonl"), ("vm", os.path.join("vm", "bench.jsonl"))):
            for r in load_jsonl(os.path.join(d, f)):
                r["where"] = where
                self.rows.append(r)
        self.problems = validate(self.rows, MUST_VM + MUST_NATIVE)
        for r in self.rows:
            r["stats"] = {k: stats(v) for k, v in r.items()
                          if (k in SAMPLE_KEYS or k.endswith("_gbytes_per_s")) and
                          isinstance(v, list) and v}
        # The baseline taken right before a measure (tag "pair", guest.sh)
        last = {}
        for r in self.rows:
            b = r.get("bench")
            if b in ("getppid", "memcpy") and r.get("tag") == "pair":
                last[b] = r
            elif b == "ctl" and "getppid" in last:
                r["pair_getppid_ns"] = med(last["getppid"], "ns_per_call")
            elif b == "readout" and "memcpy" in last:
                r["pair_memcpy_gbytes_per_s"] = med(last["memcpy"], "gbytes_per_s")
        self.targets = []
        self.md = []

    def of(self, bench, **kw):
        return [r for r in self.rows if r.get("bench") == bench and
                all(r.get(k) == v for k, v in kw.items())]

    def one(self, bench, **kw):
        rs = self.of(bench, **kw)
        return rs[0] if rs else None

    @staticmethod
    def reg_how(r):
        """How a registration row's memory was given: memfd, and its size."""
        how = ", memfd" if r.get("memfd") else ""
        if r.get("size") and r["size"] != 1 << 30:
            how += ", %s" % kib(r["size"])
        return " (%s)" % how[2:] if how else ""

    def target(self, name, measured, baseline, ratio, goal, met, note=""):
        self.targets.append({"target": name, "measured": measured,
                             "baseline": baseline, "ratio": ratio,
                             "goal": goal, "met": met, "note": note})

    # ---------------------------------------------------------------- md
    def w(self, s=""):
        self.md.append(s)

    def table(self, head, rows):
        self.w("| " + " | ".join(head) + " |")
        self.w("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            self.w("| " + " | ".join(str(c) for c in r) + " |")
        self.w()

    def build(self):
        g, h = self.guest, self.host
        self.w("# roc benchmark results")
        self.w()
        if self.smoke:
            self.w("**Smoke run: tiny sizes and times; the numbers mean nothing.**")
            self.w()
        self.w("- Date: %s; git %s" % (h.get("date", "?"), h.get("git", "?")))
        self.w("- Host: %s, %s CPUs, %.1f GiB, kernel %s, load average at start %s" % (
            h.get("host_cpu", "?"), h.get("host_cpus", "?"),
            h.get("host_mem_kb", 0) / 1048576, h.get("host_kernel", "?"),
            h.get("loadavg", "?")))
        self.w("- VM: %s, %s vCPUs (%s), %.1f GiB, guest kernel %s, THP %s, "
               "roc.poll_interval_us %s" % (
                   h.get("qemu", "?"), g.get("cpus", "?"), g.get("cpu_model", "?"),
                   g.get("mem_kb", 0) / 1048576, g.get("kernel", "?"),
                   g.get("thp", "?"), g.get("poll_interval_us", "?")))
        self.w("- Each cell: median (min–max) over the repeats; results.json "
               "has the samples and the interquartile range.")
        for s in g.get("skipped", []):
            self.w("- Not measured: %s" % s)
        for p in self.problems:
            self.w("- **Problem: %s**" % p)
        self.w()

        gp = self.one("getppid", where="vm", tag="baseline")
        mc = self.one("memcpy", where="vm", tag="baseline")
        hgp = self.one("getppid", where="host")
        hmc = self.one("memcpy", where="host")
        rp = self.one("readpass")
        g_getppid_ns = med(gp, "ns_per_call") if gp else None
        g_memcpy_gbs = med(mc, "gbytes_per_s") if mc else None
        self.w("## Baselines")
        self.w()
        rows = []
        if gp:
            rows.append(["getppid() syscall (VM)", fmt(gp, "ns_per_call"), "ns"])
        if mc:
            rows.append(["memcpy %s, one thread (VM)" % kib(mc["size"]),
                         fmt(mc, "gbytes_per_s"), "GB/s"])
        if hgp:
            rows.append(["getppid() syscall (host, native)", fmt(hgp, "ns_per_call"), "ns"])
        if hmc:
            rows.append(["memcpy %s, one thread (host, native)" % kib(hmc["size"]),
                         fmt(hmc, "gbytes_per_s"), "GB/s"])
        if rp:
            rows.append(["64-bit read pass %s, one core (host)" % kib(rp["size"]),
                         fmt(rp, "gbytes_per_s"), "GB/s"])
        self.table(["Baseline", "Value", "Unit"], rows)

        # 1. control path
        self.w("## 1. Control path (no-data mode, 32 KiB superpages)")
        self.w()
        rows = []
        timed = [r for r in self.of("ctl") if r.get("tag") != "regs"]
        order = {"ioctl": 0, "poll": 1, "ring": 2, "thread": 3}
        for r in sorted(timed, key=lambda r: (order.get(r["mode"], 9), r["batch"])):
            getppid_ns = r.get("pair_getppid_ns", g_getppid_ns)

            def eq(key):
                return fmt_num(med(r, key) / getppid_ns) \
                    if getppid_ns and key in r["stats"] else "-"
            rows.append([r["mode"], r["batch"],
                         fmt(r, "call_p50_ns"),
                         fmt(r, "call_p50_getppid"),
                         fmt(r, "call_p99_ns"),
                         fmt(r, "call_p99_getppid"),
                         fmt(r, "ioctl_ns_per_sp"), eq("ioctl_ns_per_sp"),
                         fmt(r, "ns_per_sp"), eq("ns_per_sp"),
                         fmt(r, "cpu_ns_per_sp"), eq("cpu_ns_per_sp"),
                         eq("thread_cpu_ns_per_sp"),
                         fmt(r, "total_cpu_per_sp_getppid"),
                         fmt(r, "syscalls_per_sp"),
                         fmt(r, "yields_per_sp"),
                         fmt_num(getppid_ns)])
        self.table(["Path", "Batch", "call p50 ns", "p50 × getppid",
                    "call p99 ns", "p99 × getppid",
                    "control-path ns/superpage", "× getppid",
                    "wall ns/superpage", "× getppid",
                    "process CPU ns/superpage", "× getppid",
                    "ring thread CPU × getppid", "total CPU × getppid",
                    "syscalls into roc/superpage", "sched_yield()/superpage",
                    "getppid ns right before"], rows)
        self.w("A call is ROC_PUSH or a ROC_POP that returned superpages (ioctl, "
               "poll), ROC_RING_ENTER (ring), or a pass of the consumer over the "
               "rings that found superpages (thread: published again at once, "
               "two batches in flight). The control-path time is the consumer's "
               "time in those calls or passes per superpage; process CPU also "
               "has the waiting (a busy ROC_POP loop, or the thread mode's "
               "spinning and sched_yield() while the card works); total CPU is "
               "process CPU plus the ring thread's.  The thread mode's consumer "
               "spins, then yields its vCPU (the guest has two, shared by the "
               "consumer, the ring thread and the simulated card's thread: a "
               "real card needs no CPU), and poll()s only when the ring thread "
               "sleeps; the yields are counted apart from the system calls "
               "into roc.")
        self.w()
        for mode in ("ioctl", "poll"):
            c64 = next((r for r in timed if r["mode"] == mode and
                        r["batch"] == 64), None)
            if not c64:
                continue
            getppid_ns = c64.get("pair_getppid_ns", g_getppid_ns)
            if not getppid_ns:
                continue
            if "ioctl_ns_per_sp" in c64["stats"]:
                ratio = med(c64, "ioctl_ns_per_sp") / getppid_ns
                self.target("Control path (%s): ≤ 1 syscall-equivalent per superpage at batch 64, driver time" % mode,
                            "%.0f ns/superpage" % med(c64, "ioctl_ns_per_sp"),
                            "getppid %.0f ns" % getppid_ns, ratio, "≤ 1", ratio <= 1)
            ratio = med(c64, "ns_per_sp") / getppid_ns
            self.target("Control path (%s): ≤ 1 syscall-equivalent per superpage at batch 64, wall clock" % mode,
                        "%.0f ns/superpage" % med(c64, "ns_per_sp"),
                        "getppid %.0f ns" % getppid_ns, ratio, "≤ 1", ratio <= 1)
        t64 = next((r for r in timed if r["mode"] == "thread" and r["batch"] == 64), None)
        if t64:
            getppid_ns = t64.get("pair_getppid_ns", g_getppid_ns)
            ratio = med(t64, "work_per_sp_getppid")
            self.target("Rings with the kernel thread: consumer control-path CPU ≤ 0.05 getppid per superpage (batch 64)",
                        "%.0f ns/superpage" % med(t64, "ioctl_ns_per_sp"),
                        "getppid %.0f ns" % getppid_ns, ratio, "≤ 0.05", ratio <= 0.05)
            ratio = med(t64, "syscalls_per_sp")
            self.target("Rings with the kernel thread: ≤ 0.01 system calls into roc per superpage (batch 64)",
                        "%.4f syscalls/superpage (+ %.3f sched_yield())" % (
                            ratio, med(t64, "yields_per_sp") if "yields_per_sp" in t64["stats"] else 0),
                        "-", ratio, "≤ 0.01", ratio <= 0.01,
                        "the consumer's sched_yield() while it waits is counted apart")
            if "total_cpu_per_sp_getppid" in t64["stats"]:
                ratio = med(t64, "total_cpu_per_sp_getppid")
                self.target("Rings with the kernel thread: total CPU (consumer + thread) ≤ 1 getppid per superpage (batch 64)",
                            "%.0f + %.0f ns/superpage" % (med(t64, "cpu_ns_per_sp"),
                                                           med(t64, "thread_cpu_ns_per_sp")),
                            "getppid %.0f ns" % getppid_ns, ratio, "≤ 1", ratio <= 1)

        # 1b. register budget: counts from roc_sim, the same on any host
        regs = [r for r in self.of("ctl", tag="regs") if "reads_per_sp" in r]
        crorc_dev = self.guest.get("crorc_dev")

        def card(r):
            return "C-RORC" if r.get("dev") == crorc_dev else "CRU"
        if regs:
            self.w("### Register accesses per superpage (%s superpages, batch 64, "
                   "counted by roc_sim)" % kib(regs[0].get("superpage_size", 0)))
            self.w()
            rows = []
            for r in regs:
                split = "-"
                if r.get("path") == "ioctl":
                    split = ", ".join("%s %.2f r / %.2f w" % (
                        ph, r.get("reads_per_sp_" + ph, 0),
                        r.get("writes_per_sp_" + ph, 0))
                        for ph in ("push", "harvest", "wait"))
                rows.append([card(r), r["mode"], r.get("path", "-"), r["batch"],
                             fmt_num(r["reads_per_sp"]),
                             fmt_num(r["writes_per_sp"]), split])
            self.table(["Card", "Wait", "Path", "Batch", "reads/superpage",
                        "writes/superpage", "push, harvest, wait"], rows)
            # What the counts cost on a real card: a read is a non-posted
            # PCIe round trip (~0.75 us: 0.5-1), a write is posted (~0.1 us).
            self.w("On a real card (a register read ~0.75 µs, a non-posted PCIe "
                   "round trip of 0.5–1 µs; a write ~0.1 µs, posted), at %g Gb/s "
                   "per endpoint; the counts are those at 1 MiB superpages "
                   "(smaller superpages harvest more often, so these are lower "
                   "bounds for them):" % LINE_RATE_GBPS)
            self.w()
            rows = []
            for r in regs:
                us = r["reads_per_sp"] * 0.75 + r["writes_per_sp"] * 0.1
                cells = [card(r), r["mode"], "%.2f" % us]
                for sz in (8 << 10, 32 << 10, 1 << 20):
                    per_s = LINE_RATE_GBPS * 1e9 / 8 / sz
                    cells.append("%.1f %%" % (us * 1e-6 * per_s * 100))
                rows.append(cells)
            self.table(["Card", "Wait", "µs of register access per superpage",
                        "% of a core, 8 KiB", "% of a core, 32 KiB",
                        "% of a core, 1 MiB"], rows)
            for r in regs:
                rd, wr = r["reads_per_sp"], r["writes_per_sp"]
                if card(r) == "C-RORC":
                    self.target("C-RORC register budget (%s, %s): ≤ 3 writes and 0 reads per superpage"
                                % (r["mode"], r.get("path", "-")),
                                "%.3f reads, %.3f writes" % (rd, wr), "-",
                                wr / 3, "0 reads (one read-back per run), ≤ 3 writes",
                                rd < 0.1 and wr <= 3,
                                "a C-RORC harvest reads no register; a run "
                                "reads its first commit back once")
                    continue
                self.target("CRU register budget (%s, %s): ≤ 4 writes + 2.5 reads per superpage"
                            % (r["mode"], r.get("path", "-")),
                            "%.2f reads, %.2f writes" % (rd, wr), "-",
                            rd / 2.5, "≤ 2.5 reads, ≤ 4 writes",
                            rd <= 2.5 and wr <= 4,
                            "a busy ROC_POP loop: every empty pop harvests"
                            if r["mode"] == "ioctl" else "")

        # 2. readout sweep, per control path
        self.w("## 2. Readout sweep (one CRU endpoint, internal generator)")
        self.w()
        sweep_all = self.of("readout", tag="sweep")
        paths = sorted({r.get("path", "-") for r in sweep_all},
                       key=lambda p: {"rings": 0, "ioctl": 1}.get(p, 2))
        rows = []
        for path in paths:
            sweep = [r for r in sweep_all if r.get("path", "-") == path]
            for sz in sorted({r["superpage_size"] for r in sweep}):
                f = next((r for r in sweep if r["superpage_size"] == sz and r["check"] == "full"), None)
                o = next((r for r in sweep if r["superpage_size"] == sz and r["check"] == "off"), None)
                fm = f.get("pair_memcpy_gbytes_per_s", g_memcpy_gbs) if f else None
                om = o.get("pair_memcpy_gbytes_per_s", g_memcpy_gbs) if o else None
                rows.append([path, kib(sz),
                             fmt(f, "gbytes_per_s") if f else "-",
                             fmt(f, "consumer_cores") if f else "-",
                             fmt_num(fm), fmt_num(med(f, "gbytes_per_s") / fm) if f and fm else "-",
                             fmt(o, "gbytes_per_s") if o else "-",
                             fmt(o, "consumer_cores") if o else "-",
                             fmt_num(om), fmt_num(med(o, "gbytes_per_s") / om) if o and om else "-"])
        self.table(["Path", "Superpage", "GB/s, full check", "consumer cores, full",
                    "memcpy GB/s before", "× memcpy, full",
                    "GB/s, check off", "consumer cores, off",
                    "memcpy GB/s before", "× memcpy, off"], rows)
        for path in paths:
            full = {r["superpage_size"]: r for r in sweep_all
                    if r["check"] == "full" and r.get("path", "-") == path}
            memcpy_gbs = full[1 << 20].get("pair_memcpy_gbytes_per_s", g_memcpy_gbs) \
                if 1 << 20 in full else None
            if 1 << 20 in full and memcpy_gbs:
                ratio = med(full[1 << 20], "gbytes_per_s") / memcpy_gbs
                self.target("Readout (%s): ≥ 0.8 × memcpy at 1 MiB with the full check" % path,
                            "%.3f GB/s" % med(full[1 << 20], "gbytes_per_s"),
                            "memcpy %.3f GB/s" % memcpy_gbs, ratio, "≥ 0.8", ratio >= 0.8)
            if len(full) >= 2:
                m = [med(r, "gbytes_per_s") for r in full.values()]
                ratio = min(m) / max(m) if max(m) else 0
                self.target("Readout (%s): flat across superpage sizes (full check, no target in issue 14)" % path,
                            "%.3f–%.3f GB/s" % (min(m), max(m)), "its own maximum",
                            ratio, "report", None)

        # 2b. C-RORC at a fixed line rate
        cr = self.of("readout", tag="crorc")
        if cr:
            mbps = self.guest.get("crorc_rate_mbps", 0)
            self.w("## 2b. C-RORC: small against large superpages at a fixed line rate")
            self.w()
            self.w("One simulated C-RORC channel, internal generator limited to "
                   "%s Mb/s (%.1f MB/s; roc_sim's rate_mbps), full check.  The card "
                   "holds one superpage at a time, so whatever delays the next "
                   "push idles the link." % (mbps, mbps / 8))
            self.w()
            rows = []
            by = {}
            for r in cr:
                by[(r.get("path", "-"), r["superpage_size"])] = r
                rows.append([r.get("path", "-"), kib(r["superpage_size"]),
                             fmt(r, "gbytes_per_s", 1e3), fmt(r, "consumer_cores"),
                             fmt_num(med(r, "gbytes_per_s") * 8e3 / mbps) if mbps else "-"])
            self.table(["Path", "Superpage", "MB/s", "consumer cores",
                        "× line rate"], rows)
            for path in ("ioctl", "rings", "thread"):
                a, b = by.get((path, 32 << 10)), by.get((path, 1 << 20))
                if not a or not b:
                    continue
                ratio = med(a, "gbytes_per_s") / med(b, "gbytes_per_s")
                self.target("C-RORC (%s): throughput at 32 KiB ≥ 0.9 × at 1 MiB, same line rate" % path,
                            "%.2f MB/s" % (med(a, "gbytes_per_s") * 1e3),
                            "%.2f MB/s" % (med(b, "gbytes_per_s") * 1e3),
                            ratio, "≥ 0.9" if path == "thread" else "report",
                            ratio >= 0.9 if path == "thread" else None)

        # 3. scaling
        self.w("## 3. Scaling over endpoints (1 MiB superpages, full check)")
        self.w()
        rows = []
        scal = sorted(self.of("readout", tag="scaling"),
                      key=lambda r: r["endpoints"])
        for r in scal:
            per = [fmt_num(med(r, "ep%d_gbytes_per_s" % i)) if ("ep%d_gbytes_per_s" % i) in r["stats"] else "-"
                   for i in range(r["endpoints"])]
            rows.append([r["endpoints"], fmt(r, "gbytes_per_s"), ", ".join(per),
                         fmt(r, "consumer_cores")])
        self.table(["Endpoints", "Aggregate GB/s", "Per endpoint GB/s (medians)",
                    "Consumer cores"], rows)
        if len(scal) >= 2:
            one, last = scal[0], scal[-1]
            ratio = med(last, "gbytes_per_s") / (med(one, "gbytes_per_s") * last["endpoints"])
            self.target("Scaling: %d endpoints vs %d × one (no target in the issue)" % (
                last["endpoints"], last["endpoints"]),
                "%.3f GB/s" % med(last, "gbytes_per_s"),
                "%d × %.3f GB/s" % (last["endpoints"], med(one, "gbytes_per_s")),
                ratio, "report", None)

        # 4. registration
        self.w("## 4. Buffer registration (%s buffer)" % self.reg_size())
        self.w()
        rows = []
        edu = self.guest.get("edu_roc")
        for pg in ("4k", "2m", "1g"):
            mm = self.of("mmap_populate", pages=pg)
            if mm:
                merged = {"stats": {k: stats(sum((r[k] for r in mm), []))
                                    for k in ("map_s", "unmap_s")}}
                rows.append(["mmap + populate / munmap", pg,
                             fmt(merged, "map_s", 1e3), fmt(merged, "unmap_s", 1e3), "-", "-"])
            for r in self.of("register", pages=pg):
                src = "roc, edu device behind intel-iommu (%s)" % r["dev"] if r["dev"] == edu \
                    else "roc, simulated CRU (%s, no IOMMU)" % r["dev"]
                src += self.reg_how(r)
                rows.append([src, pg, fmt(r, "register_s", 1e3), fmt(r, "deregister_s", 1e3),
                             r["nr_segments"], kib(r["max_segment"])])
            for r in self.of("vfio", pages=pg):
                rows.append(["VFIO_IOMMU_MAP_DMA, edu behind intel-iommu (group %s)%s" % (
                                 r["group"], self.reg_how(r)),
                             pg, fmt(r, "register_s", 1e3), fmt(r, "deregister_s", 1e3),
                             "1 IOVA range", kib(r["max_segment"])])
        self.table(["What", "Pages", "register / map ms", "deregister / unmap ms",
                    "Segments", "Largest segment"], rows)
        for pg in ("4k", "2m", "1g"):
            for r in self.of("register", pages=pg):
                # VFIO of the same size (the edu runs are smaller)
                v = self.one("vfio", pages=pg, size=r["size"])
                if not v:
                    continue
                where = ("edu+IOMMU" if r["dev"] == edu else "sim, no IOMMU") + \
                    (", memfd" if r.get("memfd") else "") + \
                    (", %s" % kib(r["size"]) if r["size"] != 1 << 30 else "")
                # issue 14 §3: hugepages at most half of VFIO's cost
                goal = 1 if pg == "4k" else 0.5
                ratio = med(r, "register_s") / med(v, "register_s")
                self.target("Registration %s pages (%s): ≤ %g × VFIO map" % (pg, where, goal),
                            "%.3f ms" % (med(r, "register_s") * 1e3),
                            "VFIO %.3f ms" % (med(v, "register_s") * 1e3),
                            ratio, "≤ %g" % goal, ratio <= goal)
                ratio = med(r, "deregister_s") / med(v, "deregister_s")
                self.target("Deregistration %s pages (%s): no slower than VFIO unmap" % (pg, where),
                            "%.2f ms" % (med(r, "deregister_s") * 1e3),
                            "VFIO %.2f ms" % (med(v, "deregister_s") * 1e3),
                            ratio, "≤ 1", ratio <= 1)

        # issue 14 §3: the cost per folio, one 1 GiB page against one 2 MiB page
        for memfd in (0, 1):
            one2m = [r for r in self.of("register", pages="2m", size=2 << 20)
                     if r.get("memfd", 0) == memfd and r["dev"] != edu]
            one1g = [r for r in self.of("register", pages="1g", size=1 << 30)
                     if r.get("memfd", 0) == memfd and r["dev"] != edu]
            if one2m and one1g:
                a, b = med(one1g[0], "register_s"), med(one2m[0], "register_s")
                self.target("Registration of one 1 GiB page ≤ 2 × one 2 MiB page (%s)" % (
                                "memfd" if memfd else "by address"),
                            "%.3f ms" % (a * 1e3), "%.3f ms" % (b * 1e3), a / b, "≤ 2", a / b <= 2)

        # 5. BAR access
        self.w("## 5. BAR access (32-bit reads, simulated CRU endpoint)")
        self.w()
        rows = []
        worst = {}
        for r in sorted(self.of("bar"), key=lambda r: (r["bar"], r["mode"], r["procs"])):
            mode = {"mmap": "mmap (roc_bar_read)", "ioctl": "ROC_REG_BATCH, 1 op",
                    "batch": "ROC_REG_BATCH, %d ops" % r["batch"]}[r["mode"]]
            rows.append(["BAR%d" % r["bar"], mode, r["procs"], fmt(r, "ops_per_s"),
                         fmt(r, "fairness_max_min"), fmt(r, "min_share_of_fair")])
            if r["procs"] > 1:
                f = med(r, "fairness_max_min")
                if f > worst.get(r["mode"], (0, 0))[0]:
                    worst[r["mode"]] = (f, r["procs"])
        self.table(["BAR", "Access", "Processes", "Reads/s (sum)", "Fairness max/min",
                    "Smallest share / fair share"], rows)
        for mode, (f, p) in sorted(worst.items()):
            self.target("BAR %s: fairness within 1.2× (worst over process counts)" % mode,
                        "max/min %.2f at %d processes" % (f, p), "equal shares", f,
                        "≤ 1.2", f <= 1.2)

        # 6. checker
        self.w("## 6. Data checker (native, one core)")
        self.w()
        rows = []
        rpm = med(rp, "gbytes_per_s") if rp else None
        for r in sorted(self.of("checker"), key=lambda r: (-r.get("size", 0), r["format"], r["mode"])):
            if "ratio_to_readpass" in r["stats"]:
                ratio = med(r, "ratio_to_readpass")
                base = med(r, "readpass_gbytes_per_s")
            else:
                ratio = med(r, "gbytes_per_s") / rpm if rpm else None
                base = rpm
            rows.append([kib(r.get("size", 0)), r["format"], r["mode"], r.get("isa", "-"),
                         fmt(r, "gbytes_per_s"),
                         fmt(r, "readpass_gbytes_per_s"),
                         fmt(r, "ratio_to_readpass") if "ratio_to_readpass" in r["stats"]
                         else (fmt_num(ratio) if ratio else "-"),
                         fmt(r, "cpu_ratio_to_readpass")])
            if r["mode"] == "full" and ratio is not None:
                l3 = r.get("size", 0) <= 16 << 20
                goal = 0.6 if l3 else 0.9
                self.target("Checker %s full, %s (%s): ≥ %g × read pass" % (
                                r["format"], kib(r.get("size", 0)),
                                "in L3" if l3 else "in memory", goal),
                            "%.2f GB/s" % med(r, "gbytes_per_s"),
                            "read pass %.2f GB/s" % base, ratio, "≥ %g" % goal, ratio >= goal)
        self.table(["Data", "Format", "Mode", "ISA", "GB/s", "read pass GB/s, right before",
                    "× read pass (wall, per repeat)", "× read pass (thread CPU)"], rows)

        self.w("## Targets")
        self.w()
        rows = []
        for t in self.targets:
            rows.append([t["target"], t["measured"], t["baseline"], "%.3g" % t["ratio"],
                         t["goal"], {True: "met", False: "missed", None: "-"}[t["met"]]])
        self.table(["Target", "Measured", "Baseline", "Ratio", "Goal", "Result"], rows)

    def reg_size(self):
        r = self.one("register")
        return kib(r["size"]) if r else "?"

    # ------------------------------------------------------------- plots
    def plots(self):
        d = self.d
        gp = []
        term = "set terminal pngcairo size 800,480 font 'sans,10'\nset grid\nset key outside right top\n"

        def dat(name, lines):
            with open(os.path.join(d, name), "w") as f:
                f.write("\n".join(lines) + "\n")

        def sline(r, k, scale=1.0):
            s = r["stats"][k]
            return "%g %g %g" % (s["median"] * scale, s["min"] * scale, s["max"] * scale)

        mc = self.one("memcpy", where="vm", tag="baseline")
        sweep = self.of("readout", tag="sweep")
        for chk in ("full", "off"):
            dat("readout_%s.dat" % chk,
                ["%d %s %s" % (r["superpage_size"] // 1024, sline(r, "gbytes_per_s"),
                               sline(r, "consumer_cores"))
                 for r in sorted(sweep, key=lambda r: r["superpage_size"])
                 if r["check"] == chk])
        memcpy = med(mc, "gbytes_per_s") if mc else 0
        gp.append(term + f"""set output '{d}/readout.png'
set title 'Readout sweep, one simulated CRU endpoint (TCG VM)'
set logscale x 2
set xlabel 'superpage size (KiB)'
set ylabel 'GB/s'
set y2label 'consumer CPU (cores)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:2]
plot '{d}/readout_full.dat' u 1:2:3:4 w yerrorlines t 'GB/s, full check', \\
     '{d}/readout_off.dat' u 1:2:3:4 w yerrorlines t 'GB/s, check off', \\
     {memcpy} w l dt 2 t 'memcpy baseline', \\
     '{d}/readout_full.dat' u 1:5 axes x1y2 w lp dt 3 t 'cores, full check', \\
     '{d}/readout_off.dat' u 1:5 axes x1y2 w lp dt 3 t 'cores, check off'
unset logscale; unset y2tics; unset y2label; set ytics mirror; set yrange [*:*]; set y2range [*:*]
""")
        getppid = self.one("getppid", where="vm", tag="baseline")
        for mode in ("ioctl", "poll"):
            dat("ctl_%s.dat" % mode,
                ["%d %s %s %s" % (r["batch"], sline(r, "ns_per_sp"), sline(r, "cpu_ns_per_sp"),
                                  sline(r, "ioctl_ns_per_sp") if "ioctl_ns_per_sp" in r["stats"]
                                  else "nan nan nan")
                 for r in sorted(self.of("ctl", mode=mode), key=lambda r: r["batch"])])
        gns = med(getppid, "ns_per_call") if getppid else 0
        gp.append(term + f"""set output '{d}/ctl.png'
set title 'Control path: push -> ready -> pop, no-data mode (TCG VM)'
set logscale xy
set xlabel 'batch (superpages per push/pop)'
set ylabel 'ns per superpage'
set xtics (1, 8, 64)
plot '{d}/ctl_ioctl.dat' u 1:2:3:4 w yerrorlines t 'ioctl loop, wall', \\
     '{d}/ctl_ioctl.dat' u 1:8:9:10 w yerrorlines t 'ioctl loop, in push+pop', \\
     '{d}/ctl_poll.dat' u 1:2:3:4 w yerrorlines t 'poll(), wall', \\
     '{d}/ctl_poll.dat' u 1:5 w lp dt 3 t 'poll(), CPU', \\
     '{d}/ctl_poll.dat' u 1:8:9:10 w yerrorlines t 'poll(), in push+pop', \\
     {gns} w l dt 2 t 'getppid() (1 syscall-equivalent)'
unset logscale; set xtics autofreq
""")
        for mode in ("mmap", "ioctl", "batch"):
            dat("bar_%s.dat" % mode,
                ["%d %s %s" % (r["procs"], sline(r, "ops_per_s"), sline(r, "fairness_max_min"))
                 for r in sorted(self.of("bar", mode=mode, bar=0), key=lambda r: r["procs"])])
        gp.append(term + f"""set output '{d}/bar.png'
set title 'BAR0 reads by N processes on one endpoint (TCG VM)'
set logscale y
set xlabel 'processes'
set ylabel 'reads/s (sum)'
set y2label 'fairness max/min'
set ytics nomirror
set y2tics
set y2range [1:*]
set logscale x 2
plot '{d}/bar_mmap.dat' u 1:2:3:4 w yerrorlines t 'mmap', \\
     '{d}/bar_ioctl.dat' u 1:2:3:4 w yerrorlines t 'ioctl, 1 op', \\
     '{d}/bar_batch.dat' u 1:2:3:4 w yerrorlines t 'ioctl, 64 ops', \\
     '{d}/bar_mmap.dat' u 1:5 axes x1y2 w lp dt 3 t 'fairness mmap', \\
     '{d}/bar_ioctl.dat' u 1:5 axes x1y2 w lp dt 3 t 'fairness ioctl', \\
     '{d}/bar_batch.dat' u 1:5 axes x1y2 w lp dt 3 t 'fairness batch', \\
     1.2 axes x1y2 w l dt 2 t 'fairness target 1.2'
unset logscale; unset y2tics; unset y2label; set ytics mirror; set y2range [*:*]
""")
        scal = sorted(self.of("readout", tag="scaling"),
                      key=lambda r: r["endpoints"])
        dat("scaling.dat",
            ["%d %s %g" % (r["endpoints"], sline(r, "gbytes_per_s"),
                           med(r, "gbytes_per_s") / r["endpoints"]) for r in scal])
        gp.append(term + f"""set output '{d}/scaling.png'
set title 'Endpoints read at once, 1 MiB superpages, full check (TCG VM)'
set xlabel 'endpoints'
set ylabel 'GB/s'
set xtics (1, 2, 4)
set yrange [0:*]
plot '{d}/scaling.dat' u 1:2:3:4 w yerrorlines t 'aggregate', \\
     '{d}/scaling.dat' u 1:5 w lp t 'per endpoint (mean)'
set xtics autofreq; set yrange [*:*]
""")
        edu = self.guest.get("edu_roc")
        reg_lines = []
        for pg in ("4k", "2m", "1g"):
            mm = self.of("mmap_populate", pages=pg)
            mmv = statistics.median(sum((r["map_s"] for r in mm), [])) * 1e3 if mm else float("nan")
            sim = [r for r in self.of("register", pages=pg) if r["dev"] != edu]
            ed = [r for r in self.of("register", pages=pg) if edu and r["dev"] == edu]
            v = self.one("vfio", pages=pg)

            def m(rs, k="register_s"):
                return med(rs[0], k) * 1e3 if rs else float("nan")
            reg_lines.append("%s %g %g %g %g %g %g %g" % (
                pg, mmv, m(sim), m(ed), m([v] if v else []),
                m(sim, "deregister_s"), m(ed, "deregister_s"),
                m([v] if v else [], "deregister_s")))
        dat("registration.dat", reg_lines)
        cols = [(2, "mmap+populate"), (3, "roc register (sim)"),
                (4, "roc register (edu+IOMMU)"), (5, "VFIO map"),
                (6, "roc deregister (sim)"), (7, "roc deregister (edu)"),
                (8, "VFIO unmap")]
        cols = [(c, t) for c, t in cols
                if any(ln.split()[c - 1] != "nan" for ln in reg_lines)]
        plot = ", ".join("'%s/registration.dat' u %d%s t '%s'" % (
            d, c, ":xtic(1)" if i == 0 else "", t) for i, (c, t) in enumerate(cols))
        gp.append(term + f"""set output '{d}/registration.png'
set title 'Registering a {self.reg_size()} buffer (TCG VM)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel 'ms'
set xlabel 'page size'
plot {plot}
unset logscale
""")
        ck = ["%s/%s %s" % (r["format"], r["mode"], sline(r, "gbytes_per_s"))
              for r in self.of("checker")]
        rp = self.one("readpass")
        if rp:
            ck.append("read-pass %s" % sline(rp, "gbytes_per_s"))
        dat("checker.dat", ck)
        gp.append(term + f"""set output '{d}/checker.png'
set title 'Data checkers on one core, native (host)'
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.8 border -1
set logscale y
set ylabel 'GB/s'
set xtics rotate by -30
plot '{d}/checker.dat' u 2:3:4:xtic(1) t 'GB/s (median, min-max)'
""")
        script = os.path.join(d, "plots.gp")
        with open(script, "w") as f:
            f.write("\n".join(gp))
        r = subprocess.run(["gnuplot", script], capture_output=True, text=True)
        if r.returncode:
            self.problems.append("gnuplot failed: %s" % r.stderr.strip()[:300])
        for n in ("readout", "ctl", "bar", "scaling", "registration", "checker"):
            if os.path.exists(os.path.join(d, n + ".png")):
                self.w("![%s](%s.png)" % (n, n))
        self.w()

    def write(self):
        meta = {"host": self.host, "guest": self.guest, "smoke": self.smoke}
        with open(os.path.join(self.d, "results.json"), "w") as f:
            json.dump({"meta": meta, "results": self.rows, "targets": self.targets,
                       "problems": self.problems}, f, indent=1)
        with open(os.path.join(self.d, "results.md"), "w") as f:
            f.write("\n".join(self.md) + "\n")


def tap(files, must):
    """--tap: one TAP line per kind of result in @files (no plan)."""
    rows = sum((load_jsonl(f) for f in files), [])
    problems = validate(rows, must)
    for p in problems:
        print("not ok - %s" % p)
    for b in sorted({r.get("bench") for r in rows} - {"failed"}):
        if not any(p.startswith(b + ":") for p in problems):
            print("ok - %s: valid JSON with every key (%d lines)" % (
                b, sum(1 for r in rows if r.get("bench") == b)))
    return 1 if problems else 0


def main():
    args = sys.argv[1:]
    if args[:1] == ["--tap-vm"]:
        return tap(args[1:], MUST_VM)
    if args[:1] == ["--tap-native"]:
        return tap(args[1:], MUST_NATIVE)
    smoke = "--smoke" in args
    check_only = "--check-only" in args
    dirs = [a for a in args if not a.startswith("--")]
    if len(dirs) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    rep = Report(dirs[0], smoke)
    if check_only:
        for p in rep.problems:
            print("problem: %s" % p)
        return 1 if rep.problems else 0
    rep.build()
    rep.plots()
    rep.write()
    for p in rep.problems:
        print("bench/report.py: %s" % p, file=sys.stderr)
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main())
