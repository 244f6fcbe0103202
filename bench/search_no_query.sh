#!/usr/bin/env bash
# Search without a query on a big store (docs/benchmarks.md, "Search without a query"): for each
# BINARY, a copy of DB_FILE (a store that bench/query.sh or bench/size_flat.sh made and kept,
# KEEP_TMP=1), the server started on it, then CALLS rounds of POST /v1/search {"page_size":100}
# and the next page by its cursor. Prints, per binary, how long the server took to start
# (a migration runs then), the median and slowest seconds of each call (curl's time_total),
# and the server's resident high-water mark (VmHWM) after the calls.
#
#   bench/search_no_query.sh DB_FILE TOKEN BINARY...
#
# Environment: CALLS=11 PORT=18998. Each copy is made in a temporary directory (TMPDIR) and
# removed after its run; servers listen on 127.0.0.1 only, each is stopped before the next
# starts, and on exit. Needs curl and python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(( $# >= 3 )) || { echo "usage: bench/search_no_query.sh DB_FILE TOKEN BINARY..." >&2; exit 2; }
DB=$1 TOKEN=$2
shift 2
PORT=${PORT:-18998}
CALLS=${CALLS:-11}
log() { echo "search_no_query.sh: $*" >&2; }
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
TMP=$(mktemp -d)
PID=""
bench_traps

search() {
  curl -sf -o "$TMP/answer.json" -w '%{time_total}\n' -X POST "http://127.0.0.1:$PORT/v1/search" \
    -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" -H "Content-Type: application/json" \
    --data "$1"
}
# The median and the largest of the numbers on stdin, in milliseconds.
stats() { python3 -c 'import sys,statistics as s; v=[float(x)*1000 for x in sys.stdin.read().split()]; print(f"{s.median(v):.1f} ms median, {max(v):.1f} ms slowest")'; }

echo "| binary | start s | first page | next page | VmHWM |"
echo "|---|---:|---|---|---:|"
for bin in "$@"; do
  cp "$DB" "$TMP/store.db"
  start=$(date +%s.%N)
  "$bin" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$TMP/store.db" --token "$TOKEN" >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do grep -q "listening on" "$TMP/server.log" && break; sleep 0.1; done
  grep -q "listening on" "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }
  started=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
  : >"$TMP/first" && : >"$TMP/next"
  for _ in $(seq 1 "$CALLS"); do
    search '{"page_size":100}' >>"$TMP/first"
    cursor=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["next_cursor"])' "$TMP/answer.json")
    search "{\"page_size\":100,\"start_cursor\":\"$cursor\"}" >>"$TMP/next"
  done
  hwm=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$PID/status")
  echo "| $(basename "$bin") | $started | $(stats <"$TMP/first") | $(stats <"$TMP/next") | $hwm |"
  stop_server
  rm -f "$TMP"/store.db*
done
