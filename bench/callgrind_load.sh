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
# Environment: CASE, DURATION=30s, WARMUP=5s, CONNECTIONS=64, PORT=19931. Needs valgrind, wrk,
# node. Every server it starts is stopped on exit (bench/server_lib.sh).
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
CASE=${CASE:-six}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-19931}
HOST=127.0.0.1
export TOKEN=secret_callgrind_bench_0123456789
die() { echo "callgrind_load.sh: $*" >&2; exit 1; }
log() { echo "callgrind_load.sh: $*" >&2; }
# shellcheck source=bench/server_lib.sh
source "$BENCH/server_lib.sh"
bench_setup callgrind-load
case $CASE in
  six) script=$BENCH/patch_six.lua ;;
  seed) script=$BENCH/patch_seed.lua ;;
  get) script=$BENCH/get_page.lua ;;
  *) die "unknown CASE $CASE" ;;
esac
for bin in "${@:-$ROOT/build/localnotion}"; do
  rm -rf "$TMP/run" && mkdir "$TMP/run"
  valgrind --tool=callgrind --callgrind-out-file="$TMP/run/cg.out" "$bin" serve --port "$PORT" \
    --db "sqlite:$TMP/run/b.db" --token "$TOKEN" --admin-token admin_callgrind_bench_0123456789 >"$TMP/run/log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q listening "$TMP/run/log" 2>/dev/null && break; sleep 0.2; done
  grep -q listening "$TMP/run/log" || { cat "$TMP/run/log" >&2; die "$bin did not start"; }
  eval "$(BASE_URL=http://$HOST:$PORT MANY_PAGES=0 node "$BENCH/setup.js")"
  export PAGE_ID SIX_PAGE_ID
  wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "http://$HOST:$PORT" >"$TMP/run/warmup.out" 2>&1 \
    || { cat "$TMP/run/warmup.out" >&2; die "$bin: wrk warm-up failed"; }
  callgrind_control -z "$PID" >/dev/null 2>&1 || die "$bin: callgrind_control -z failed"
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$script" "http://$HOST:$PORT" >"$TMP/run/wrk.out" 2>&1 \
    || { cat "$TMP/run/wrk.out" >&2; die "$bin: wrk failed"; }
  callgrind_control -d "$PID" >/dev/null 2>&1 || die "$bin: callgrind_control -d failed"
  sleep 1
  if grep -q -e "Non-2xx" -e "Socket errors" "$TMP/run/wrk.out"; then cat "$TMP/run/wrk.out" >&2; die "$bin: errors (above)"; fi
  n=$(awk '/requests in/ { print $1 }' "$TMP/run/wrk.out")
  [[ -n $n && $n -gt 0 ]] || { cat "$TMP/run/wrk.out" >&2; die "$bin: wrk answered nothing"; }
  # The dump callgrind_control -d wrote (cg.out.1; cg.out itself is written at exit).
  total=$(callgrind_annotate "$TMP/run/cg.out.1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  [[ -n $total ]] || die "$bin: no callgrind dump"
  echo "$bin: $(( total / n )) instructions per $CASE request under wrk -c$CONNECTIONS ($n requests in $DURATION)"
  stop_server
done
