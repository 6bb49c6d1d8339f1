#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-prom.py FILE [NAME=VALUE | PREFIX_]... - FILE must parse as the
Prometheus text format with prometheus_client's parser (python3-prometheus-
client), the same parser the Prometheus Python ecosystem uses; each
NAME=VALUE must be a sample with that value, each PREFIX_ must start the
name of at least one sample.  Exit 0 if all holds."""
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    samples = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            samples.setdefault(s.name, []).append(s.value)
    print(f"{len(samples)} metric names, "
          f"{sum(len(v) for v in samples.values())} samples")
    ok = True
    for want in sys.argv[2:]:
        if "=" in want:
            name, value = want.split("=", 1)
            if samples.get(name) != [float(value)]:
                print(f"{name}: {samples.get(name)}, want [{value}]")
                ok = False
        elif not any(n.startswith(want) for n in samples):
            print(f"no metric named {want}*")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
