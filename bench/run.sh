#!/usr/bin/env bash
# One bounded benchmark run: the echo baseline, then localnotion's seed PATCH
# and six-property PATCH, each with wrk at 64 connections. Prints a Markdown
# table (req/s, p50, p99, ratio to the echo baseline) for docs/benchmarks.md.
#
#   bench/run.sh                       # after `make build`
#   DURATION=30s bench/run.sh          # longer runs
#
# It builds nothing: it needs build/localnotion and build/bench/echo_server,
# plus wrk, node (20+), curl and taskset. Servers run on 127.0.0.1 only, one
# at a time, pinned to SERVER_CPU; wrk runs pinned to CLIENT_CPU. localnotion
# gets a fresh SQLite file in a temporary directory, and the fixture is made
# through the API by bench/setup.js. Every server this script starts is
# stopped when it exits, whatever the reason, and every step has a time limit.
#
# Environment (defaults):
#   DURATION=10s  WARMUP=2s  CONNECTIONS=64  WRK_THREADS=1
#   SERVER_CPU=0  CLIENT_CPU=1
#   PORT=18787 (localnotion)  ECHO_PORT=18788
#   LOCALNOTION=build/localnotion  ECHO_SERVER=build/bench/echo_server
#   BENCH_TOKEN=secret_bench...    KEEP_TMP=1 keeps the temp dir (db, logs, wrk output)
#   LN_ARGS="--workers 1"  extra flags for localnotion serve
#   LN_DB=sqlite:$TMP/b.db the store; e.g. postgresql://postgres@127.0.0.1:5432/postgres?schema=bench_1
#            (a schema nobody used yet) for the PostgreSQL store
#   STRICT=1 exits 3 when a PATCH case misses the targets
#            (>= 20000 req/s, >= 25 % of echo, p99 < 10 ms).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18787}
ECHO_PORT=${ECHO_PORT:-18788}
LOCALNOTION=${LOCALNOTION:-$ROOT/build/localnotion}
ECHO_SERVER=${ECHO_SERVER:-$ROOT/build/bench/echo_server}
TOKEN=${BENCH_TOKEN:-secret_localnotion_bench_0123456789abcdef}
NOTION_VERSION=${NOTION_VERSION:-2025-09-03}
HOST=127.0.0.1
START_TIMEOUT=20   # seconds to wait for a server's "listening" line
SETUP_TIMEOUT=60   # seconds for bench/setup.js

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "run.sh: $*" >&2; }
# shellcheck source=bench/server_lib.sh
source "$BENCH/server_lib.sh"

# --- checks -------------------------------------------------------------------
for tool in wrk node curl taskset timeout; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install wrk nodejs curl util-linux coreutils)"
done
[[ -x $LOCALNOTION ]] || die "$LOCALNOTION not found: run 'make build' first"
[[ -x $ECHO_SERVER ]] || die "$ECHO_SERVER not found: run 'make build' first"

DURATION_S=$(secs "$DURATION")
WARMUP_S=$(secs "$WARMUP")
[[ $DURATION_S =~ ^[0-9]+$ && $WARMUP_S =~ ^[0-9]+$ ]] || die "bad DURATION/WARMUP: $DURATION / $WARMUP"

NCPU=$(nproc)
if (( NCPU < 2 )) || (( SERVER_CPU >= NCPU )) || (( CLIENT_CPU >= NCPU )); then
  die "need CPUs $SERVER_CPU and $CLIENT_CPU (this machine has $NCPU); set SERVER_CPU/CLIENT_CPU"
fi

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
for p in "$PORT" "$ECHO_PORT"; do
  port_busy "$p" && die "port $p on $HOST is already in use; set PORT/ECHO_PORT"
done

# --- cleanup ------------------------------------------------------------------
# stop_server and the exit trap (which stops the server of $PID and removes $TMP) come from
# server_lib.sh.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/localnotion-bench.XXXXXX")
PID=""
bench_traps

# start_server NAME LOGFILE READY_LINE CMD... : starts CMD pinned to SERVER_CPU
# in the background and waits for READY_LINE in its output.
start_server() {
  local name=$1 logfile=$2 ready=$3
  shift 3
  taskset -c "$SERVER_CPU" "$@" >"$logfile" 2>&1 &
  PID=$!
  local deadline=$(( SECONDS + START_TIMEOUT ))
  until grep -qF -- "$ready" "$logfile" 2>/dev/null; do
    if ! kill -0 "$PID" 2>/dev/null; then
      sed 's/^/  | /' "$logfile" >&2
      PID=""
      die "$name exited before it was ready"
    fi
    if (( SECONDS >= deadline )); then
      sed 's/^/  | /' "$logfile" >&2
      die "$name did not print '$ready' within ${START_TIMEOUT}s"
    fi
    sleep 0.05
  done
  log "$name ready (pid $PID, cpu $SERVER_CPU)"
}

# precheck NAME URL BODY: one request with curl; it must answer 2xx.
precheck() {
  local name=$1 url=$2 body=$3 code
  code=$(curl -sS --max-time 5 -o "$TMP/precheck.out" -w '%{http_code}' -X PATCH "$url" \
    -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" \
    -H 'Content-Type: application/json' --data-binary "$body") || die "$name: precheck request failed"
  if [[ $code != 2* ]]; then
    echo "  | HTTP $code: $(head -c 1000 "$TMP/precheck.out")" >&2
    die "$name: precheck PATCH answered $code"
  fi
}

# run_wrk NAME SCRIPT URL: a warm-up, then the measured run; output in $TMP/NAME.wrk
run_wrk() {
  local name=$1 script=$2 url=$3 out="$TMP/$1.wrk"
  local limit=$(( DURATION_S + 30 ))
  if (( WARMUP_S > 0 )); then
    timeout --foreground -k 5 $(( WARMUP_S + 30 )) taskset -c "$CLIENT_CPU" \
      wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url" >/dev/null \
      || die "$name: wrk warm-up failed"
  fi
  log "$name: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency -s ${script#"$ROOT"/} (cpu $CLIENT_CPU)"
  timeout --foreground -k 5 "$limit" taskset -c "$CLIENT_CPU" \
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$url" >"$out" 2>&1 \
    || { cat "$out" >&2; die "$name: wrk failed"; }
  sed 's/^/  | /' "$out" >&2
}

# --- wrk output parsing -------------------------------------------------------
to_ms() {  # 706.00us / 1.32ms / 1.01s -> milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p { print $2; exit }' "$1")"; }
non2xx_of() { awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"; }
sockerr_of() {
  awk '/Socket errors:/ { gsub(/,/, ""); n = $4 + $6 + $8 + $10 } END { print n + 0 }' "$1"
}
total_of() { awk '/requests in/ { print $1; exit }' "$1"; }

# cpu_busy CPU...: percent busy of each CPU over one second, e.g. "cpu0 3% cpu1 1%".
# Other work on these CPUs (a compiler, tests) skews the numbers; the report
# says how busy they were before the runs.
cpu_busy() {
  local a b
  a=$(grep -E '^cpu[0-9]+ ' /proc/stat)
  sleep 1
  b=$(grep -E '^cpu[0-9]+ ' /proc/stat)
  awk -v want=" $* " '
    NR == FNR { idle[$1] = $5 + $6; tot[$1] = 0; for (i = 2; i <= NF; i++) tot[$1] += $i; next }
    { t = 0; for (i = 2; i <= NF; i++) t += $i; c = substr($1, 4)
      if (index(want, " " c " ") && t > tot[$1]) {
        printf "%scpu%s %d%%", sep, c, 100 * (1 - ($5 + $6 - idle[$1]) / (t - tot[$1])); sep = " " } }
  ' <(echo "$a") <(echo "$b")
}

# --- the runs -----------------------------------------------------------------
SEED_BODY='{"properties":{"In stock":{"checkbox":true}}}'
SIX_BODY='{"properties":{"Notes":{"rich_text":[{"type":"text","text":{"content":"precheck"}}]},"Price":{"number":1.25},"Category":{"select":{"name":"A"}},"Due":{"date":{"start":"2025-01-02"}},"In stock":{"checkbox":true},"Link":{"url":"https://example.com/item/precheck"}}}'
export TOKEN NOTION_VERSION

log "tmp dir $TMP; $NCPU CPUs; servers on cpu $SERVER_CPU, wrk on cpu $CLIENT_CPU"
IDLE_BEFORE=$(cpu_busy "$SERVER_CPU" "$CLIENT_CPU")
log "busy before the runs (1 s sample): $IDLE_BEFORE"

# 1. Echo baseline: the same seed PATCH request, answered by bare Beast.
ECHO_URL="http://$HOST:$ECHO_PORT"
start_server echo_server "$TMP/echo.log" "listening on http://$HOST:$ECHO_PORT" \
  "$ECHO_SERVER" --host "$HOST" --port "$ECHO_PORT"
ECHO_PAGE_ID=0f0e0d0c-0b0a-4009-8807-060504030201   # same length as a real page id
precheck echo "$ECHO_URL/v1/pages/$ECHO_PAGE_ID" "$SEED_BODY"
PAGE_ID=$ECHO_PAGE_ID run_wrk echo "$BENCH/patch_seed.lua" "$ECHO_URL"
stop_server

# 2. localnotion, fresh SQLite file, fixture created through the API.
LN_URL="http://$HOST:$PORT"
start_server localnotion "$TMP/localnotion.log" "localnotion listening on http://$HOST:$PORT" \
  "$LOCALNOTION" serve --host "$HOST" --port "$PORT" --db "${LN_DB:-sqlite:$TMP/b.db}" --token "$TOKEN" ${LN_ARGS:-}
BASE_URL=$LN_URL timeout --foreground -k 5 "$SETUP_TIMEOUT" node "$BENCH/setup.js" >"$TMP/ids.sh" \
  || die "bench/setup.js failed"
# shellcheck disable=SC1091
source "$TMP/ids.sh"
log "fixture: PAGE_ID=$PAGE_ID SIX_PAGE_ID=$SIX_PAGE_ID"
export PAGE_ID SIX_PAGE_ID

precheck seed "$LN_URL/v1/pages/$PAGE_ID" "$SEED_BODY"
run_wrk seed "$BENCH/patch_seed.lua" "$LN_URL"
precheck six "$LN_URL/v1/pages/$SIX_PAGE_ID" "$SIX_BODY"
run_wrk six "$BENCH/patch_six.lua" "$LN_URL"
run_wrk get "$BENCH/get_page.lua" "$LN_URL"
stop_server

# --- report -------------------------------------------------------------------
ECHO_RPS=$(rps_of "$TMP/echo.wrk")
[[ -n $ECHO_RPS && $ECHO_RPS -gt 0 ]] || die "could not read req/s from the echo run"

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")
echo
echo "localnotion benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $commit"
echo "${cpu_model:-unknown CPU}, $NCPU CPUs; server on cpu $SERVER_CPU, wrk on cpu $CLIENT_CPU;" \
  "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up); Notion-Version $NOTION_VERSION;" \
  "load before the runs: $IDLE_BEFORE busy, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Case | Requests | req/s | p50 (ms) | p99 (ms) | non-2xx | socket errors | vs echo |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"

MISSED=0
row() {
  local name=$1 label=$2 f="$TMP/$1.wrk" rps p50 p99 bad serr ratio
  rps=$(rps_of "$f"); p50=$(pct_of "$f" 50); p99=$(pct_of "$f" 99)
  bad=$(non2xx_of "$f"); serr=$(sockerr_of "$f")
  ratio=$(awk -v a="$rps" -v b="$ECHO_RPS" 'BEGIN { printf "%.1f %%", 100 * a / b }')
  echo "| $label | $(total_of "$f") | $rps | $p50 | $p99 | $bad | $serr | $ratio |"
  if [[ $name == seed || $name == six ]]; then
    if ! awk -v r="$rps" -v e="$ECHO_RPS" -v p="$p99" -v b="$bad" -v s="$serr" \
        'BEGIN { exit !(r >= 20000 && r >= 0.25 * e && p < 10 && b == 0 && s == 0) }'; then
      MISSED=1
      VERDICT+="- $label misses the target (>= 20000 req/s, >= 25 % of echo, p99 < 10 ms, no errors)"$'\n'
    fi
  fi
}
VERDICT=""
row echo "Echo baseline (bare Beast, seed body)"
row seed "Seed PATCH (1 checkbox)"
row six "PATCH 6 of 15 properties"
row get "GET page (read transaction)"
echo
if (( MISSED )); then
  printf '%s' "$VERDICT"
else
  echo "- Both PATCH cases meet the target (>= 20000 req/s, >= 25 % of echo, p99 < 10 ms, no errors)."
fi

if [[ ${STRICT:-0} == 1 && $MISSED == 1 ]]; then
  exit 3
fi
