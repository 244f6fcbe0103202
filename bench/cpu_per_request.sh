#!/usr/bin/env bash
# CPU time and context switches the server spends per request under load: a figure
# that stays meaningful when the machine is busy with other work, unlike req/s
# (docs/benchmarks.md). For each binary: a fresh SQLite file, the bench fixture
# (bench/setup.js), then for each case wrk at 64 connections for DURATION, while
# the server's user+system CPU time and its threads' context switches are read
# from /proc before and after. Prints one Markdown row per binary and case.
#
#   bench/cpu_per_request.sh [BINARY...]          # default build/localnotion
#   LN_ARGS="--workers 1" bench/cpu_per_request.sh
#
# Environment: DURATION=5s CONNECTIONS=64 SERVER_CPU=0 CLIENT_CPU=1 PORT=18797
# CASES="seed six get"; SUBSCRIPTIONS=N first makes N active webhook subscriptions to a
# receiver on 127.0.0.1 (bench/webhook_subscribers.js, on CLIENT_CPU), so the server's
# CPU includes making and delivering their events. Needs wrk, node, curl, taskset. Every server it starts is
# stopped when it exits.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18797}
CASES=${CASES:-seed six get}
export TOKEN=${BENCH_TOKEN:-secret_localnotion_bench_0123456789abcdef}
export NOTION_VERSION=${NOTION_VERSION:-2025-09-03}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/localnotion-cpu.XXXXXX")
PID=""
SUBS_PID=""
ADMIN_TOKEN=admin_localnotion_bench_0123456789
cleanup() {
  if [[ -n $SUBS_PID ]]; then kill -TERM "$SUBS_PID" 2>/dev/null || true; wait "$SUBS_PID" 2>/dev/null || true; fi
  if [[ -n $PID ]]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

TICKS=$(getconf CLK_TCK)
# cpu_ticks: user+system ticks of the server, all threads (fields 14 and 15).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
# switches: voluntary + involuntary context switches summed over the server's threads;
# waits: the voluntary ones only (a thread blocking on a lock, a futex, epoll), which
# contention between the server's own threads shows in, unlike the preemptions that wrk
# on the same CPUs causes.
switches() {
  cat /proc/"$PID"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'
}
waits() {
  cat /proc/"$PID"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'
}

echo "| Binary | Case | Requests | req/s | CPU µs / request | switches / request | voluntary / request |"
echo "|---|---|---:|---:|---:|---:|---:|"
for bin in "${@:-$ROOT/build/localnotion}"; do
  rm -f "$TMP"/b.db*
  # The previous server's log goes first: the background job truncates the file only when it
  # runs, and a wait that saw the old "listening" line would go on before this server listens.
  rm -f "$TMP/server.log"
  taskset -c "$SERVER_CPU" "$bin" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$TMP/b.db" --token "$TOKEN" \
    --admin-token "$ADMIN_TOKEN" ${LN_ARGS:-} >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 200); do grep -q "listening" "$TMP/server.log" 2>/dev/null && break; sleep 0.05; done
  eval "$(BASE_URL=http://127.0.0.1:$PORT timeout 60 node "$ROOT/bench/setup.js")"
  export PAGE_ID SIX_PAGE_ID
  if [[ ${SUBSCRIPTIONS:-0} -gt 0 ]]; then
    BASE_URL=http://127.0.0.1:$PORT ADMIN_TOKEN=$ADMIN_TOKEN N=$SUBSCRIPTIONS \
      taskset -c "$CLIENT_CPU" node "$ROOT/bench/webhook_subscribers.js" >"$TMP/subs.log" 2>&1 &
    SUBS_PID=$!
    for _ in $(seq 1 600); do grep -q "^ready" "$TMP/subs.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "^ready" "$TMP/subs.log" || { cat "$TMP/subs.log" >&2; exit 1; }
  fi
  for case in $CASES; do
    script="$ROOT/bench/patch_$case.lua"
    [[ $case == get ]] && script="$ROOT/bench/get_page.lua"
    # A short warm-up, then the measured run.
    timeout 30 taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d1s -s "$script" "http://127.0.0.1:$PORT" >/dev/null
    c0=$(cpu_ticks); s0=$(switches); w0=$(waits)
    timeout 60 taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$script" \
      "http://127.0.0.1:$PORT" >"$TMP/wrk.out"
    c1=$(cpu_ticks); s1=$(switches); w1=$(waits)
    n=$(awk '/requests in/ { print $1; exit }' "$TMP/wrk.out")
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$TMP/wrk.out")
    grep -q "Non-2xx" "$TMP/wrk.out" && { cat "$TMP/wrk.out" >&2; echo "non-2xx answers in $case" >&2; exit 1; }
    awk -v b="${bin#"$ROOT"/}" -v c="$case" -v n="$n" -v r="$rps" -v dc=$((c1 - c0)) -v ds=$((s1 - s0)) -v dw=$((w1 - w0)) \
      -v t="$TICKS" 'BEGIN { printf "| %s | %s | %d | %d | %.1f | %.2f | %.3f |\n", b, c, n, r, dc * 1e6 / t / n, ds / n, dw / n }'
  done
  if [[ -n $SUBS_PID ]]; then kill -TERM "$SUBS_PID"; wait "$SUBS_PID" 2>/dev/null || true; SUBS_PID=""; fi
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
