#!/usr/bin/env bash
# What the shared controls (storage/shared_controls.h) cost a request on PostgreSQL:
# N GET /v1/pages/{id} sent one after another on one keep-alive connection (curl), for
# each configuration given, with the wall time per request and, from pg_stat_database,
# the transactions and rows written per request (the stable figures: wall time on a
# shared 2-core machine is noisy).
#
#   PG=postgresql://postgres@127.0.0.1:5432/postgres bench/pg_controls_cost.sh BINARY[:ARGS] ...
#   e.g. bench/pg_controls_cost.sh /work/main/build/localnotion build/localnotion \
#          "build/localnotion:--rate-limit 1000000/s"
#
# Environment: N=2000 PORT=19897; PG (required) a database URL without schema=; each run
# gets a fresh schema. Every server it starts is stopped on exit. Needs node, curl, psql.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-2000}
PORT=${PORT:-19897}
PG=${PG:?PG=postgresql://USER@HOST:PORT/DB}
TOKEN=secret_pg_controls_bench_0123456789
TMP=$(mktemp -d)
PID=""
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

stats() {
  sleep 11  # a backend reports its counters to pg_stat at most once a second, an idle one within 10 s
  psql "$PG" -Atc "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database
                   WHERE datname = current_database()"
}

run=0
echo "| binary | flags | µs per GET | transactions per GET | rows inserted | updated | deleted |"
echo "|---|---|---:|---:|---:|---:|---:|"
for spec in "$@"; do
  run=$((run + 1))
  bin=${spec%%:*}
  args=""
  [[ $spec == *:* ]] && args=${spec#*:}
  schema="cost_$(date +%s)_$run"
  # shellcheck disable=SC2086
  "$bin" serve --port "$PORT" --db "$PG?schema=$schema" --token "$TOKEN" $args >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do grep -q "listening" "$TMP/server.log" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening" "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }
  eval "$(BASE_URL=http://127.0.0.1:$PORT TOKEN=$TOKEN timeout 300 node "$ROOT/bench/setup.js")"
  urls=()
  for ((i = 0; i < N; i++)); do urls+=("http://127.0.0.1:$PORT/v1/pages/$PAGE_ID"); done
  get() { curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" "$@" >/dev/null; }
  get "${urls[@]:0:200}"  # warm up: caches, prepared statements, pooled connections
  IFS='|' read -r x0 i0 u0 d0 <<<"$(stats)"
  start=$(date +%s%N)
  get "${urls[@]}"
  end=$(date +%s%N)
  IFS='|' read -r x1 i1 u1 d1 <<<"$(stats)"
  kill -TERM "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
  # The stats reads themselves are one transaction each.
  awk -v b="$bin" -v a="$args" -v n="$N" -v t="$((end - start))" -v x="$((x1 - x0 - 1))" \
    -v i="$((i1 - i0))" -v u="$((u1 - u0))" -v d="$((d1 - d0))" \
    'BEGIN { printf "| %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n", b, (a == "" ? "-" : a), t / n / 1000, x / n, i / n, u / n, d / n }'
done
