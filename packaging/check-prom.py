#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-prom.py FILE|URL [NAME=VALUE | PREFIX_]... - FILE (or the body of
an HTTP GET of URL, which must be 200 with the Prometheus text content type;
the connection is retried for up to 10 s while the server starts) must parse
as the
Prometheus text format with prometheus_client's parser (python3-prometheus-
client), the same parser the Prometheus Python ecosystem uses; each
NAME=VALUE must be a sample with that value, each PREFIX_ must start the
name of at least one sample.  Exit 0 if all holds."""
import sys
import time
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def main():
    src = sys.argv[1]
    if src.startswith("http://"):
        for attempt in range(100):
            try:
                with urllib.request.urlopen(src, timeout=10) as r:
                    ctype = r.headers.get("Content-Type", "")
                    text = r.read().decode("utf-8")
                break
            except urllib.error.URLError as e:
                if attempt == 99 or isinstance(e, urllib.error.HTTPError):
                    raise
                time.sleep(0.1)
        if not ctype.startswith("text/plain; version=0.0.4"):
            print(f"Content-Type {ctype!r}")
            return 1
    else:
        with open(src, encoding="utf-8") as f:
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
