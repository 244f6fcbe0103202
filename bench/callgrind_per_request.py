#!/usr/bin/env python3
# Per-request cost by function from two callgrind runs of bench/callgrind_patch.sh (KEEP_OUT=PREFIX keeps
# PREFIX.N1 and PREFIX.N2): each function's count at N2 minus its count at N1, divided by N2 - N1, so that
# start-up and fixture cancel out. Inclusive by default; the largest first.
#
#   KEEP_OUT=/tmp/cg/new.six CASE=six N1=100 N2=600 bench/callgrind_patch.sh build/localnotion
#   bench/callgrind_per_request.py /tmp/cg/new.six.100 /tmp/cg/new.six.600 500 [inclusive|exclusive] [TOP]
import re, subprocess, sys
def load(f, incl):
    out = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if incl else 'no'}", "--threshold=100", f],
                         capture_output=True, text=True).stdout
    d = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(.*)$", line)
        if m and "PROGRAM TOTALS" not in line:
            name = re.sub(r" \[[^\]]*\]$", "", m.group(2))
            d[name] = d.get(name, 0) + int(m.group(1).replace(",", ""))
    return d
a, b, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
incl = (sys.argv[4] if len(sys.argv) > 4 else "inclusive") == "inclusive"
top = int(sys.argv[5]) if len(sys.argv) > 5 else 40
da, db = load(a, incl), load(b, incl)
rows = sorted(((db.get(k, 0) - da.get(k, 0)) / n, k) for k in set(da) | set(db))
for v, k in reversed(rows[-top:]):
    print(f"{v:12,.0f}  {k[:200]}")
