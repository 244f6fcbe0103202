#!/usr/bin/env bash
# Issue 14's "no stall": long PATCH runs of one or two binaries side by side, counting the
# requests slower than OVER_MS (docs/benchmarks.md). For each round, case and binary (the
# binaries alternating within a case): a fresh SQLite file with bench/setup.js's fixture,
# a warm-up, then wrk --latency for DURATION through bench/over_ms.lua. Prints one
# Markdown row per run (req/s, p50, p99, max, requests over OVER_MS, server CPU µs per
# request, and how much of the server's and wrk's CPUs niced processes took meanwhile:
# other work on the machine, such as fuzzers at nice 19, which under the kernel's
# autogroup scheduling still get their share against a server in another session) and
# the load average before and after.
#
#   bench/stall.sh OLD_BINARY [NEW_BINARY]          # 3 cases x 62 s per binary and round
#
# Environment (defaults):
#   CASES="seed six many"  seed: bench/patch_seed.lua, six: patch_six.lua, many: patch_many.lua
#   ROUNDS=1 DURATION=60s WARMUP=2s CONNECTIONS=64 OVER_MS=50 SERVER_CPU=0 CLIENT_CPU=1 PORT=18837
#   WRK_TIMEOUT=30s        wrk's --timeout (see below); "timeouts" counts the requests past it
#   OLD_ARGS, NEW_ARGS     extra flags for `serve` of each binary
#   KEEP_TMP=1             keeps the temp dir: each server's log (stderr) and raw wrk output
#
# Servers listen on 127.0.0.1 only, one at a time; every server this script starts is
# stopped when it exits, whatever the reason. Needs wrk, node (20+), taskset.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
(( $# == 1 || $# == 2 )) || { echo "usage: bench/stall.sh OLD_BINARY [NEW_BINARY]" >&2; exit 2; }
BINS=("$(realpath "$1")")
(( $# == 2 )) && BINS+=("$(realpath "$2")")
CASES=${CASES:-seed six many}
ROUNDS=${ROUNDS:-1}
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-64}
# wrk's default timeout (2 s) drops a request that takes longer from the latencies and
# counts it as a socket error: the longest stalls would be missing from max and p99.
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
export OVER_MS=${OVER_MS:-50}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18837}
export TOKEN=${BENCH_TOKEN:-secret_localnotion_bench_0123456789abcdef}
export NOTION_VERSION=${NOTION_VERSION:-2025-09-03}
HOST=127.0.0.1

die() { echo "stall.sh: $*" >&2; exit 1; }
log() { echo "stall.sh: $*" >&2; }
for tool in wrk node taskset timeout; do command -v "$tool" >/dev/null || die "$tool not found"; done
for b in "${BINS[@]}"; do [[ -x $b ]] || die "$b is not an executable"; done
# shellcheck source=bench/server_lib.sh
source "$BENCH/server_lib.sh"
bench_setup stall

# start BINARY LOG ARGS...: a fresh database and the fixture; sets PID and the page ids.
start() {
  local bin=$1 logfile=$2
  shift 2
  rm -f "$TMP"/b.db* "$logfile"
  taskset -c "$SERVER_CPU" "$bin" serve --host "$HOST" --port "$PORT" --db "sqlite:$TMP/b.db" --token "$TOKEN" \
    "$@" >"$logfile" 2>&1 &
  PID=$!
  for _ in $(seq 1 400); do
    grep -q "listening" "$logfile" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || { cat "$logfile" >&2; PID=""; die "$bin exited at start-up"; }
    sleep 0.05
  done
  grep -q "listening" "$logfile" || die "$bin did not listen within 20 s"
  BASE_URL=http://$HOST:$PORT timeout -k 5 60 node "$BENCH/setup.js" >"$TMP/ids.sh" || die "bench/setup.js failed"
  # shellcheck disable=SC1091
  source "$TMP/ids.sh"
  export PAGE_ID SIX_PAGE_ID MANY_PAGE_IDS
}

script_of() { case $1 in seed) echo "$BENCH/patch_seed.lua" ;; six) echo "$BENCH/patch_six.lua" ;;
  many) echo "$BENCH/patch_many.lua" ;; *) die "unknown case $1" ;; esac; }

# cpu_line CPU: that CPU's line of /proc/stat (user nice system idle ...).
cpu_line() { grep "^cpu$1 " /proc/stat; }
# nice_share BEFORE AFTER: percent of the CPU's time spent in niced processes between the two lines.
nice_share() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x); split(b, y); t = 0; for (i = 2; i <= 9; i++) t += y[i] - x[i]
    printf "%.0f", (t > 0 ? 100 * (y[3] - x[3]) / t : 0) }'
}
echo "| Round | Case | Binary | req/s | p50 ms | p99 ms | max ms | over $OVER_MS ms | requests | timeouts | CPU µs / request | niced % server CPU | niced % wrk CPU |"
echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
log "tmp $TMP; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= ROUNDS; r++)); do
  for c in $CASES; do
    for i in "${!BINS[@]}"; do
      bin=${BINS[$i]}
      tag=$([[ $i == 0 ]] && echo old || echo new)
      base="$TMP/r$r.$c.$tag"
      # shellcheck disable=SC2086  # the extra flags are split into words on purpose
      if [[ $tag == old ]]; then start "$bin" "$base.log" ${OLD_ARGS:-}; else start "$bin" "$base.log" ${NEW_ARGS:-}; fi
      export CASE_SCRIPT
      CASE_SCRIPT=$(script_of "$c")
      if (( WARMUP_S > 0 )); then
        timeout -k 5 $(( WARMUP_S + 30 )) taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" \
          -s "$CASE_SCRIPT" "http://$HOST:$PORT" >/dev/null || die "$tag $c: wrk warm-up failed"
      fi
      t0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
      s0=$(cpu_line "$SERVER_CPU"); c0=$(cpu_line "$CLIENT_CPU")
      timeout -k 5 $(( DURATION_S + 30 )) taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" \
        --latency -s "$BENCH/over_ms.lua" "http://$HOST:$PORT" >"$base.wrk" 2>&1 || { cat "$base.wrk" >&2; die "$tag $c: wrk failed"; }
      t1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
      sn=$(nice_share "$s0" "$(cpu_line "$SERVER_CPU")"); cn=$(nice_share "$c0" "$(cpu_line "$CLIENT_CPU")")
      stop_server
      if grep -q -e "Non-2xx" -e "Socket errors: connect [1-9]" "$base.wrk"; then cat "$base.wrk" >&2; die "$tag $c: errors (above)"; fi
      awk -v r="$r" -v c="$c" -v b="$(basename "$bin")" -v dt=$(( t1 - t0 )) -v hz="$(getconf CLK_TCK)" -v sn="$sn" -v cn="$cn" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /requests in/ { n = $1 }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^over / { over = $4; max = $8 }
        /Socket errors:/ { gsub(/,/, ""); to = $NF }
        END { printf "| %d | %s | %s | %.0f | %.2f | %.2f | %.2f | %d | %d | %d | %.1f | %s | %s |\n", r, c, b, rps, p50, p99, max,
              over, n, to, dt * 1e6 / hz / n, sn, cn }' "$base.wrk"
    done
  done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
