#!/usr/bin/env bash
# Throughput and CPU per request of localnotion over PostgreSQL, PostgreSQL's processes
# included (bench/cpu_per_request.sh counts the server's alone): for each binary, a fresh
# PostgreSQL 15 of its own (bench/pg_lib.sh) with pg_stat_statements loaded, the bench
# fixture (bench/setup.js), a 2 s warm-up, then wrk at 64 connections for DURATION while
# the CPU time of the server and of every PostgreSQL process is read from /proc.
# Prints, per binary, req/s and the microseconds of CPU per request of each, then the
# statements PostgreSQL spent the most time on (execution and planning, ms in all).
#
#   bench/pg_cpu_per_request.sh [BINARY...]       # default build/localnotion
#   CASE=seed SERVER_CPU=0 bench/pg_cpu_per_request.sh /tmp/old /tmp/new
#
# Environment: CASE=get|seed|six (bench/get_page.lua, patch_seed.lua, patch_six.lua),
# DURATION=5s, SERVER_CPU=0,1 (the CPUs the server may use; 0 pins it as bench/run.sh
# does), CLIENT_CPU=1 (wrk's), LN_ARGS (more flags for serve), STATEMENTS=8 (rows of
# pg_stat_statements; 0 for none). PostgreSQL is never pinned. Needs wrk, node, taskset
# and postgresql-15; every server it starts is stopped when it exits.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/pg_lib.sh
source "$ROOT/bench/pg_lib.sh"
CASE=${CASE:-get}
DURATION=${DURATION:-5s}
SERVER_CPU=${SERVER_CPU:-0,1}
CLIENT_CPU=${CLIENT_CPU:-1}
STATEMENTS=${STATEMENTS:-8}
PG_PORT=${PG_PORT:-18993}
PORT=${PORT:-19914}
export TOKEN=secret_localnotion_bench_0123456789abcdef NOTION_VERSION=2025-09-03
case $CASE in
  get) SCRIPT=bench/get_page.lua ;;
  seed) SCRIPT=bench/patch_seed.lua ;;
  six) SCRIPT=bench/patch_six.lua ;;
  *) echo "CASE is get, seed or six" >&2; exit 2 ;;
esac
PID=""
DIR=""
cleanup() {
  [[ -n $PID ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  pg_stop
  [[ -n $DIR ]] && rm -rf "$DIR"
  PID="" DIR=""
}
trap cleanup EXIT
# ticks PID...: user+system CPU ticks (1/100 s) of those processes.
ticks() {
  local t=0 p
  for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}
psql_() { pg_as psql -h "$DIR" -p "$PG_PORT" -U postgres -qAt "$@"; }

for bin in "${@:-build/localnotion}"; do
  DIR=$(mktemp -d)
  chmod 755 "$DIR"
  pg_start "$DIR" "$PG_PORT"
  psql_ -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  pg_as "$PG_BIN/pg_ctl" restart -w -D "$PG_DATA" -l "$DIR/postgres.log" \
    -o "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  psql_ -c "CREATE EXTENSION pg_stat_statements" -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on" \
    -c "SELECT pg_reload_conf()" >/dev/null
  # shellcheck disable=SC2086  # LN_ARGS is split into words on purpose
  taskset -c "$SERVER_CPU" "$bin" serve --port "$PORT" --db "$PG_URL?schema=bench" --token "$TOKEN" ${LN_ARGS:-} \
    >"$DIR/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do grep -q listening "$DIR/server.log" && break; sleep 0.1; done
  eval "$(BASE_URL=http://127.0.0.1:$PORT MANY_PAGES=0 node bench/setup.js)"
  export PAGE_ID SIX_PAGE_ID
  taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d2s -s "$SCRIPT" "http://127.0.0.1:$PORT" >/dev/null
  psql_ -c "SELECT pg_stat_statements_reset()" >/dev/null
  ln0=$(ticks "$PID")
  # shellcheck disable=SC2046  # one word per process id
  pg0=$(ticks $(pgrep -u postgres))
  taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"$DURATION" --latency -s "$SCRIPT" "http://127.0.0.1:$PORT" >"$DIR/wrk"
  ln1=$(ticks "$PID")
  # shellcheck disable=SC2046
  pg1=$(ticks $(pgrep -u postgres))
  n=$(awk '/requests in/ {print $1}' "$DIR/wrk")
  echo "$bin $CASE (server on CPUs $SERVER_CPU): $(awk '/Requests\/sec/ {print $2}' "$DIR/wrk") req/s, p50" \
    "$(awk '$1 == "50%" {print $2}' "$DIR/wrk"), p99 $(awk '$1 == "99%" {print $2}' "$DIR/wrk");" \
    "CPU per request: localnotion $(((ln1 - ln0) * 10000 / n)) us, PostgreSQL $(((pg1 - pg0) * 10000 / n)) us"
  if ((STATEMENTS > 0)); then
    echo "  calls | execution ms | planning ms | statement"
    psql_ -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1), round(total_plan_time::numeric, 1),
      left(regexp_replace(query, '\s+', ' ', 'g'), 100) FROM pg_stat_statements
      ORDER BY total_exec_time + total_plan_time DESC LIMIT $STATEMENTS" | sed 's/^/  /'
  fi
  cleanup
done
