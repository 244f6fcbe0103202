#!/usr/bin/env bash
# Side by side on a noisy machine: runs bench/cpu_per_request.sh over the binaries
# given, alternating them ROUNDS times (old, new, old, new, ...), and prints the median
# req/s and CPU µs per request of each binary and case, with the ratio to the first
# binary. Alternating and taking medians keeps a burst of other load on the machine
# from landing on one binary only.
#
#   bench/compare.sh BEFORE AFTER [MORE...]     # e.g. before/localnotion build/localnotion
#
# Environment: ROUNDS=5, plus bench/cpu_per_request.sh's (DURATION=3s here, CASES,
# LN_ARGS, SERVER_CPU, CLIENT_CPU).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-5}
export DURATION=${DURATION:-3s}
(( $# >= 1 )) || { echo "usage: bench/compare.sh BINARY..." >&2; exit 2; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
for ((r = 1; r <= ROUNDS; r++)); do
  for bin in "$@"; do
    "$ROOT/bench/cpu_per_request.sh" "$bin" | grep -v -e '^| Binary' -e '^|---' | sed "s|^|$bin\t|" >>"$OUT"
  done
done
echo "Medians of $ROUNDS alternating rounds, $DURATION each (bench/cpu_per_request.sh):"
echo
echo "| Binary | Case | req/s | CPU µs / request | req/s vs first | CPU vs first |"
echo "|---|---|---:|---:|---:|---:|"
python3 - "$OUT" "$@" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    binary, row = line.rstrip("\n").split("\t", 1)
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    rows.setdefault((binary, cells[1]), []).append((float(cells[3]), float(cells[4])))
binaries = sys.argv[2:]
cases = []
for (b, c) in rows:
    if c not in cases: cases.append(c)
for c in cases:
    base = rows.get((binaries[0], c))
    base_rps = statistics.median(r for r, _ in base); base_cpu = statistics.median(u for _, u in base)
    for b in binaries:
        vals = rows.get((b, c), [])
        rps = statistics.median(r for r, _ in vals); cpu = statistics.median(u for _, u in vals)
        print(f"| {b} | {c} | {rps:,.0f} | {cpu:.1f} | {rps / base_rps:.2f} | {cpu / base_cpu:.2f} |")
PY
