#!/usr/bin/env bash
# Instructions per request under concurrent load, counted by callgrind: the server runs under
# valgrind, is warmed up, its counters are zeroed (callgrind_control -z), wrk sends the case for
# DURATION with CONNECTIONS connections, the counters are dumped, and the total over every thread
# is divided by the requests wrk counted. Unlike bench/callgrind_patch.sh (one request after
# another, so every commit holds one transaction), this shows what group commit and many clients
# on one page change; under valgrind the server is 50-100 times slower, so batches are larger than
# on a real run: compare binaries with each other, not with callgrind_patch.sh's figures.
#
#   bench/callgrind_load.sh BINARY...        # CASE=six (default) | seed | get
#
# Environment: CASE, DURATION=30s, CONNECTIONS=64, PORT=19931. Needs valgrind, wrk, node. Every
# server it starts is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CASE=${CASE:-six}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-19931}
export TOKEN=secret_callgrind_bench_0123456789
TMP=$(mktemp -d)
PID=""
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
case $CASE in
  six) script=$ROOT/bench/patch_six.lua ;;
  seed) script=$ROOT/bench/patch_seed.lua ;;
  get) script=$ROOT/bench/get_page.lua ;;
  *) echo "unknown CASE $CASE" >&2; exit 2 ;;
esac
for bin in "${@:-$ROOT/build/localnotion}"; do
  rm -rf "$TMP/run" && mkdir "$TMP/run"
  valgrind --tool=callgrind --callgrind-out-file="$TMP/run/cg.out" "$bin" serve --port "$PORT" \
    --db "sqlite:$TMP/run/b.db" --token "$TOKEN" --admin-token admin_callgrind_bench_0123456789 >"$TMP/run/log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q listening "$TMP/run/log" 2>/dev/null && break; sleep 0.2; done
  grep -q listening "$TMP/run/log" || { cat "$TMP/run/log" >&2; echo "$bin did not start" >&2; exit 1; }
  eval "$(BASE_URL=http://127.0.0.1:$PORT MANY_PAGES=0 node "$ROOT/bench/setup.js")"
  export PAGE_ID SIX_PAGE_ID
  wrk -t1 -c"$CONNECTIONS" -d5s -s "$script" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  callgrind_control -z "$PID" >/dev/null 2>&1
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$script" "http://127.0.0.1:$PORT" >"$TMP/run/wrk.out" 2>&1 || true
  callgrind_control -d "$PID" >/dev/null 2>&1
  sleep 1
  n=$(awk '/requests in/ { print $1 }' "$TMP/run/wrk.out")
  [[ -n $n && $n -gt 0 ]] || { cat "$TMP/run/wrk.out" >&2; echo "$bin: wrk answered nothing" >&2; exit 1; }
  # The dump callgrind_control -d wrote (cg.out.1; cg.out itself is written at exit).
  dump=$TMP/run/cg.out.1
  total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  errors=$(grep -E "Non-2xx|Socket errors" "$TMP/run/wrk.out" | tr '\n' ' ' || true)
  echo "$bin: $(( total / n )) instructions per $CASE request under wrk -c$CONNECTIONS ($n requests in $DURATION)${errors:+; $errors}"
  kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=""
done
