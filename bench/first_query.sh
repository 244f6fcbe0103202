#!/usr/bin/env bash
# The first queries of a shape on a fresh server (docs/benchmarks.md, "Queries at 1M pages
# after a restart"): on a store that bench/query.sh made and kept (KEEP_TMP=1), drops the
# scan indexes (as after a restart: the generated columns stay), starts BINARY on it and
# sends the same pushed-down query PARALLEL times at once, then SERIAL times one after
# another, printing each one's status and seconds (curl's time_total).
#
#   bench/first_query.sh BINARY DB_FILE DATA_SOURCE_ID
#
# Environment: PARALLEL=4 SERIAL=4 PORT=18999. The server listens on 127.0.0.1 only and is
# stopped on exit. Needs sqlite3 and curl.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(( $# == 3 )) || { echo "usage: bench/first_query.sh BINARY DB_FILE DATA_SOURCE_ID" >&2; exit 2; }
BIN=$1 DB=$2 DS=$3
PORT=${PORT:-18999}
TOKEN=secret_localnotion_query_bench  # the token bench/query.sh's store was made with
BODY='{"filter":{"property":"Category","select":{"equals":"C"}},"sorts":[{"timestamp":"created_time","direction":"descending"}],"page_size":100}'
log() { echo "first_query.sh: $*" >&2; }
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
TMP=$(mktemp -d)
PID=""
bench_traps

sqlite3 "$DB" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND name LIKE 'pages_scan_%'" |
  sqlite3 "$DB"
"$BIN" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$DB" --token "$TOKEN" >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do grep -q "listening on" "$TMP/server.log" && break; sleep 0.1; done
grep -q "listening on" "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }

query() {
  curl -s -o /dev/null -w "$1 %{http_code} %{time_total}\n" -X POST "http://127.0.0.1:$PORT/v1/data_sources/$DS/query" \
    -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" -H "Content-Type: application/json" --data "$BODY"
}
clients=()
for i in $(seq 1 "${PARALLEL:-4}"); do query "parallel$i" & clients+=($!); done
(( ${#clients[@]} == 0 )) || wait "${clients[@]}"
for i in $(seq 1 "${SERIAL:-4}"); do query "serial$i"; done
