#!/usr/bin/env bash
# Two localnotion binaries side by side in one run, for "no slower than before"
# (docs/benchmarks.md). Prints three Markdown tables:
#   1. throughput: the seed PATCH, the six-property PATCH and GET page under wrk
#      (64 connections), the binaries alternating ROUNDS times (old, new, old, new, ...)
#      so that a burst of other load cannot land on one of them; per case the median
#      req/s of each, new/old, the p99 and the server's CPU µs per request;
#   2. instructions per request counted by callgrind for the same three cases
#      (bench/callgrind_patch.sh, one connection), the stable figure on a noisy machine, with and
#      without the threads that wake on a timer (their share under valgrind depends on the load);
#   3. GET page (and the cases of WORKERS_CASES) on the NEW binary with `--workers 1` and `--workers 2`,
#      alternating.
#
#   bench/side_by_side.sh OLD_BINARY NEW_BINARY      # about 7 minutes with the defaults
#
# Environment (defaults):
#   ROUNDS=3 DURATION=5s WARMUP=1s CONNECTIONS=64 SERVER_CPU=0 CLIENT_CPU=1 PORT=18817
#   CASES="seed six get"      cases of table 1 (and of table 2 when CG_CASES is unset); CASES= skips table 1;
#                             also `query` (bench/query_ds.lua on Inventory: 65 pages per answer; callgrind's 100)
#   OLD_ARGS, NEW_ARGS        extra flags for `serve` of each binary (e.g. NEW_ARGS="--workers 1")
#   CALLGRIND=1               0 skips table 2; N1=100 N2=600 CG_WARMUP=300 CG_PORT=19897 CG_CASES=$CASES
#                             (CG_WARMUP is callgrind_patch.sh's WARMUP, a count of requests: this
#                             script's own WARMUP is wrk's duration and is not passed on)
#   WORKER_COUNTS="1 2"       "" skips table 3; WORKERS_SERVER_CPU=0,1 WORKERS_CLIENT_CPU=0,1
#                             WORKERS_WRK_THREADS=1 (on a 2-CPU machine the server's threads and wrk
#                             share both CPUs: with the server on one CPU, 1 and 2 threads are the same)
#   WORKERS_CASES=get         the cases of table 3 (`get query` adds the query, whose answers cost wrk
#                             a far smaller share of the CPUs than GET page's)
#   TIME_LIMIT=600            seconds for the whole script; a step that would start past it is skipped
#   KEEP_TMP=1                keeps the temp dir (server logs, raw wrk output)
#
# Servers listen on 127.0.0.1 only, each on a fresh SQLite file in a temporary directory with the fixture
# of bench/setup.js, one at a time. Every step has a time limit, and every server this script starts is
# stopped when it exits, whatever the reason. Needs wrk, node (20+), curl, taskset, python3 and, for
# table 2, valgrind.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
(( $# == 2 )) || { echo "usage: bench/side_by_side.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-1s}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18817}
CASES=${CASES-seed six get}
CALLGRIND=${CALLGRIND:-1}
CG_CASES=${CG_CASES:-$CASES}
WORKER_COUNTS=${WORKER_COUNTS-1 2}
WORKERS_SERVER_CPU=${WORKERS_SERVER_CPU:-0,1}
WORKERS_CLIENT_CPU=${WORKERS_CLIENT_CPU:-0,1}
WORKERS_WRK_THREADS=${WORKERS_WRK_THREADS:-1}
WORKERS_CASES=${WORKERS_CASES:-get}
TIME_LIMIT=${TIME_LIMIT:-600}
export TOKEN=${BENCH_TOKEN:-secret_localnotion_bench_0123456789abcdef}
export NOTION_VERSION=${NOTION_VERSION:-2025-09-03}
ADMIN_TOKEN=admin_localnotion_bench_0123456789
HOST=127.0.0.1

die() { echo "side_by_side.sh: $*" >&2; exit 1; }
log() { echo "side_by_side.sh: $*" >&2; }

for tool in wrk node curl taskset timeout python3; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
[[ $CALLGRIND == 0 ]] || command -v valgrind >/dev/null || die "valgrind not found (or CALLGRIND=0)"
for b in "$OLD" "$NEW"; do [[ -x $b ]] || die "$b is not an executable"; done
# shellcheck source=bench/server_lib.sh
source "$BENCH/server_lib.sh"
bench_setup sbs

# in_budget SECONDS: whether a step of about that long still ends within TIME_LIMIT.
in_budget() { (( SECONDS + $1 <= TIME_LIMIT )); }

# start BINARY CPUS ARGS...: a fresh database and the fixture; sets PID, PAGE_ID, SIX_PAGE_ID.
start() {
  local bin=$1 cpus=$2
  shift 2
  rm -f "$TMP"/b.db*
  # The previous server's log goes first: the background job truncates the file only when it
  # runs, and a wait that saw the old "listening" line would go on before this server listens.
  rm -f "$TMP/server.log"
  taskset -c "$cpus" "$bin" serve --host "$HOST" --port "$PORT" --db "sqlite:$TMP/b.db" --token "$TOKEN" \
    --admin-token "$ADMIN_TOKEN" "$@" >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 400); do
    grep -q "listening" "$TMP/server.log" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log" >&2; PID=""; die "$bin exited at start-up"; }
    sleep 0.05
  done
  if ! grep -q "listening" "$TMP/server.log"; then
    command -v gdb >/dev/null && timeout 60 gdb -p "$PID" -batch -ex 'thread apply all bt' >"$TMP/stacks.txt" 2>&1
    cat "$TMP/server.log" >&2
    die "$bin did not listen within 20 s (thread stacks in $TMP/stacks.txt)"
  fi
  BASE_URL=http://$HOST:$PORT timeout -k 5 60 node "$BENCH/setup.js" >"$TMP/ids.sh" || die "bench/setup.js failed"
  # shellcheck disable=SC1091
  source "$TMP/ids.sh"
  export PAGE_ID SIX_PAGE_ID
  # The query case: every Inventory page in each answer (bench/query_ds.lua).
  export DS_ID=$INVENTORY_DATA_SOURCE_ID QUERY_BODY='{"page_size":100}'
}

script_of() { case $1 in seed) echo "$BENCH/patch_seed.lua" ;; six) echo "$BENCH/patch_six.lua" ;;
  get) echo "$BENCH/get_page.lua" ;; query) echo "$BENCH/query_ds.lua" ;; *) die "unknown case $1" ;; esac; }

# measure TAG CASE CPUS THREADS: a warm-up, then wrk --latency; appends
# "TAG CASE req/s p99_ms cpu_us_per_request" to $TMP/rows.
measure() {
  local tag=$1 c=$2 cpus=$3 threads=$4 script out="$TMP/wrk.out" t0 t1
  script=$(script_of "$c")
  if (( WARMUP_S > 0 )); then
    timeout -k 5 $(( WARMUP_S + 30 )) taskset -c "$cpus" wrk -t"$threads" -c"$CONNECTIONS" -d"$WARMUP" \
      -s "$script" "http://$HOST:$PORT" >/dev/null || die "$tag $c: wrk warm-up failed"
  fi
  t0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
  timeout -k 5 $(( DURATION_S + 30 )) taskset -c "$cpus" wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s "$script" "http://$HOST:$PORT" >"$out" 2>&1 || { cat "$out" >&2; die "$tag $c: wrk failed"; }
  t1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
  if grep -q -e "Non-2xx" -e "Socket errors" "$out"; then cat "$out" >&2; die "$tag $c: errors (above)"; fi
  if awk '/requests in/ { exit !($1 == 0) }' "$out"; then
    # A server that answers nothing for a whole run is stuck: keep its threads' stacks for whoever looks.
    command -v gdb >/dev/null && timeout 60 gdb -p "$PID" -batch -ex 'thread apply all bt' >"$TMP/stacks.txt" 2>&1
    cat "$out" >&2
    die "$tag $c: no answer in $DURATION (thread stacks in $TMP/stacks.txt, server log in $TMP/server.log)"
  fi
  cp "$out" "$TMP/$tag.$c.$(date +%s%N).wrk"
  awk -v tag="$tag" -v c="$c" -v dt=$(( t1 - t0 )) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %s %.0f %.2f %.1f\n", tag, c, rps, p99, dt * 1e6 / hz / n }' "$out" >>"$TMP/rows"
}

cpu_busy() {  # percent busy of all CPUs over one second
  local a b
  a=$(head -1 /proc/stat); sleep 1; b=$(head -1 /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y); t = 0; for (i = 2; i <= 11; i++) t += y[i] - x[i]
    printf "%d%%", 100 * (1 - (y[5] + y[6] - x[5] - x[6]) / t) }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BUSY_BEFORE=$(cpu_busy)
log "old $OLD; new $NEW; tmp $TMP; load average $LOAD_BEFORE, machine ${BUSY_BEFORE} busy"
: >"$TMP/rows"
read -ra CASE_LIST <<<"$CASES"
ROUND_S=$(( 8 + ${#CASE_LIST[@]} * (WARMUP_S + DURATION_S + 1) ))  # rough length of one binary's round

# 1. Throughput, alternating.
for ((r = 1; r <= ROUNDS && ${#CASE_LIST[@]} > 0; r++)); do
  for tag in old new; do
    in_budget "$ROUND_S" || { log "time limit: round $r of $tag skipped"; continue; }
    # shellcheck disable=SC2086  # the extra flags are split into words on purpose
    if [[ $tag == old ]]; then start "$OLD" "$SERVER_CPU" ${OLD_ARGS:-}; else start "$NEW" "$SERVER_CPU" ${NEW_ARGS:-}; fi
    for c in $CASES; do measure "$tag" "$c" "$CLIENT_CPU" 1; done
    stop_server
    log "round $r $tag done ($SECONDS s)"
  done
done

# 2. Instructions per request (callgrind), both binaries, one case at a time.
: >"$TMP/cg"
if [[ $CALLGRIND != 0 ]]; then
  for c in $CG_CASES; do
    in_budget 90 || { log "time limit: callgrind $c skipped"; continue; }
    CASE=$c N1=${N1:-100} N2=${N2:-600} WARMUP=${CG_WARMUP:-300} PORT=${CG_PORT:-19897} \
      timeout -k 10 $(( TIME_LIMIT - SECONDS )) "$BENCH/callgrind_patch.sh" "$OLD" "$NEW" >"$TMP/cg.$c" \
      || { cat "$TMP/cg.$c" >&2; die "callgrind $c failed or ran out of time"; }
    awk -v c="$c" -v old="$OLD:" -v new="$NEW:" '
      { w = $0; sub(/ without.*/, "", w); sub(/.*; /, "", w) }
      $1 == old { o = $2; ow = w } $1 == new { n = $2; nw = w }
      END { print c, o, n, ow, nw }' "$TMP/cg.$c" >>"$TMP/cg"
    log "callgrind $c: $(tail -1 "$TMP/cg") ($SECONDS s)"
  done
fi

# 3. GET page (WORKERS_CASES) on NEW with 1 and 2 worker threads, alternating.
read -ra WORKERS_CASE_LIST <<<"$WORKERS_CASES"
for ((r = 1; r <= ROUNDS; r++)); do
  for w in $WORKER_COUNTS; do
    in_budget $(( 8 + ${#WORKERS_CASE_LIST[@]} * (WARMUP_S + DURATION_S + 1) )) \
      || { log "time limit: workers $w round $r skipped"; continue; }
    start "$NEW" "$WORKERS_SERVER_CPU" --workers "$w"
    for c in $WORKERS_CASES; do measure "workers$w" "$c" "$WORKERS_CLIENT_CPU" "$WORKERS_WRK_THREADS"; done
    stop_server
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "bench/side_by_side.sh, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))"
echo "old: $OLD ${OLD_ARGS:-}"
echo "new: $NEW ${NEW_ARGS:-}"
echo "load average before $LOAD_BEFORE (${BUSY_BEFORE} busy), after $LOAD_AFTER; $SECONDS s"
python3 - "$TMP/rows" "$TMP/cg" <<PY
import statistics, sys
rows = {}
order = []
for line in open(sys.argv[1]):
    tag, case, rps, p99, cpu = line.split()
    rows.setdefault((tag, case), []).append((float(rps), float(p99), float(cpu)))
    if case not in order: order.append(case)
names = {"seed": "Seed PATCH (1 checkbox)", "six": "PATCH 6 of 15 properties", "get": "GET page",
         "query": "Query, 65 pages answered"}
med = lambda xs: statistics.median(xs)
order = [c for c in order if ("old", c) in rows and ("new", c) in rows]
if order:
  print()
  print("Throughput: server on CPU $SERVER_CPU, wrk -t1 -c$CONNECTIONS -d$DURATION --latency on CPU $CLIENT_CPU after a $WARMUP "
      "warm-up; medians of the rounds (old, new alternating; new/old of each round in brackets).")
  print()
  print("| Case | rounds | old req/s | new req/s | new / old | old p99 (ms) | new p99 (ms) | old CPU µs/req | new CPU µs/req | CPU new / old |")
  print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for c in order:
    o, n = rows.get(("old", c), []), rows.get(("new", c), [])
    if not o or not n: continue
    per = " ".join(f"{b[0] / a[0]:.2f}" for a, b in zip(o, n))
    ro, rn = med([x[0] for x in o]), med([x[0] for x in n])
    co, cn = med([x[2] for x in o]), med([x[2] for x in n])
    print(f"| {names.get(c, c)} | {min(len(o), len(n))} | {ro:,.0f} | {rn:,.0f} | **{rn / ro:.2f}** ({per}) | "
          f"{med([x[1] for x in o]):.2f} | {med([x[1] for x in n]):.2f} | {co:.1f} | {cn:.1f} | {cn / co:.2f} |")
cg = [l.split() for l in open(sys.argv[2]) if len(l.split()) == 5]
if cg:
    print()
    print("Instructions per request (callgrind, bench/callgrind_patch.sh, N1=${N1:-100} N2=${N2:-600}, one connection); "
          "the last three columns leave out the threads that wake on a timer (webhook pump, standby watchdog):")
    print()
    print("| Case | old | new | new / old | old, untimed | new, untimed | new / old |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c, o, n, ow, nw in cg:
        o, n, ow, nw = int(o), int(n), int(ow), int(nw)
        print(f"| {names.get(c, c)} | {o:,} | {n:,} | {n / o:.2f} | {ow:,} | {nw:,} | **{nw / ow:.2f}** |")
for wc in "$WORKERS_CASES".split():
    ws = [(t, v) for (t, c), v in rows.items() if t.startswith("workers") and c == wc]
    if not ws: continue
    print()
    print(f"{names.get(wc, wc)} on the new binary by worker threads: server on CPUs $WORKERS_SERVER_CPU, "
          "wrk -t$WORKERS_WRK_THREADS -c$CONNECTIONS on CPUs $WORKERS_CLIENT_CPU; medians (each round in brackets).")
    print()
    print("| --workers | rounds | req/s | vs --workers 1 | p99 (ms) | server CPU µs/req |")
    print("|---:|---:|---:|---:|---:|---:|")
    base = None
    for t, v in sorted(ws, key=lambda x: int(x[0][7:])):
        r = med([x[0] for x in v])
        base = base or r
        each = " ".join(f"{x[0]:,.0f}" for x in v)
        print(f"| {t[7:]} | {len(v)} | {r:,.0f} ({each}) | {r / base:.2f} | {med([x[1] for x in v]):.2f} | "
              f"{med([x[2] for x in v]):.1f} |")
PY
