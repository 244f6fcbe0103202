#!/usr/bin/env bash
# Query benchmark: a filtered, sorted query over a data source of N pages, for each N
# in SIZES (default "10000 100000 1000000"). Prints one JSON line per size and case
# (bench/query_bench.js) for docs/benchmarks.md.
#
#   bench/query.sh                    # after `make build`
#   SIZES="10000 100000" bench/query.sh
#   BEFORE=/path/to/older/localnotion bench/query.sh   # both binaries, same file, same run
#   BEFORE_CASES='regexp'   # only these cases for BEFORE (CASES: for both; see query_bench.js)
#
# For each size it starts localnotion on a fresh SQLite file, creates the "Products"
# database and one page through the API, stops the server, and copies that page
# N-1 times with varied values in one SQL statement (sqlite3 CLI), the way the server
# itself stores pages: Name "Item <n>", Price 0-999.99, "In stock" every other page,
# Category A-E, Notes "Batch <n mod 97>, lot <n, 5 digits>", created_time one second
# apart, title_folded as PutPage writes it (ASCII, so lower() is query::FoldCase). The
# copies have no page_text rows (migration 10), so the file is then set back to schema
# version 9 (page_text dropped): the BEFORE binary, if given, runs the cases on it first
# (LABEL=before); then this build's server starts on the same file, its migration 10
# fills page_text for every page (the time is printed), and runs them (LABEL=after).
# Servers listen on 127.0.0.1 only; every server started is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCALNOTION=${LOCALNOTION:-$ROOT/build/localnotion}
SIZES=${SIZES:-"10000 100000 1000000"}
PORT=${PORT:-18797}
TOKEN=secret_localnotion_query_bench
BASE_URL="http://127.0.0.1:$PORT"
TMP=$(mktemp -d)
SERVER_PID=

stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
cleanup() { stop_server; [[ -n ${KEEP_TMP:-} ]] || rm -rf "$TMP"; }
trap cleanup EXIT

for tool in sqlite3 node curl timeout; do command -v "$tool" >/dev/null || { echo "query.sh: $tool not found" >&2; exit 1; }; done
[[ -x $LOCALNOTION ]] || { echo "query.sh: $LOCALNOTION not found: run 'make build'" >&2; exit 1; }
BEFORE=${BEFORE:-}
[[ -z $BEFORE || -x $BEFORE ]] || { echo "query.sh: BEFORE=$BEFORE is not executable" >&2; exit 1; }

start_server() {  # $1 = db file, $2 = binary (default LOCALNOTION)
  "${2:-$LOCALNOTION}" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$1" --token "$TOKEN" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 6000); do  # a migration over 1M pages takes a while
    grep -q "listening on" "$TMP/server.log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "query.sh: the server did not start" >&2; cat "$TMP/server.log" >&2; exit 1
}

api() {  # method path body
  curl -sf --max-time 30 -X "$1" "$BASE_URL$2" -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" \
    -H "Content-Type: application/json" -d "$3"
}

for N in $SIZES; do
  DB="$TMP/q$N.db"
  start_server "$DB"
  api POST /v1/databases '{"parent":{"type":"workspace","workspace":true},"title":[{"text":{"content":"Products"}}],
    "initial_data_source":{"properties":{"Name":{"title":{}},"Price":{"number":{}},"In stock":{"checkbox":{}},
    "Category":{"select":{"options":[{"name":"A"},{"name":"B"},{"name":"C"},{"name":"D"},{"name":"E"}]}},
    "Notes":{"rich_text":{}}}}}' >/dev/null
  DS=$(sqlite3 "$DB" "SELECT id FROM data_sources")
  api POST /v1/pages "{\"parent\":{\"data_source_id\":\"$DS\"},\"properties\":{\"Name\":{\"title\":[{\"text\":{\"content\":\"Item 0\"}}]},
    \"Price\":{\"number\":1},\"In stock\":{\"checkbox\":true},\"Category\":{\"select\":{\"name\":\"A\"}},
    \"Notes\":{\"rich_text\":[{\"text\":{\"content\":\"A product for the query benchmark\"}}]}}}" >/dev/null
  stop_server

  # Property ids and option ids as the server made them.
  pid() { sqlite3 "$DB" "SELECT json_extract(value, '\$.id') FROM data_sources, json_each(schema) WHERE json_extract(value, '\$.name') = '$1'"; }
  PRICE=$(pid Price); STOCK=$(pid "In stock"); CATEGORY=$(pid Category); NOTES=$(pid Notes)
  OPTIONS=$(sqlite3 "$DB" "SELECT group_concat(json_quote(json_extract(o.value, '\$.id'))) FROM data_sources, json_each(schema) p, json_each(json_extract(p.value, '\$.config.options')) o WHERE json_extract(p.value, '\$.name') = 'Category'")
  started=$(date +%s.%N)
  timeout 600 sqlite3 "$DB" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1),
template AS (SELECT * FROM pages LIMIT 1)
INSERT INTO pages (id, parent_type, parent_id, properties, icon, cover, in_trash, is_locked, created_time, created_by,
                   last_edited_time, last_edited_by, title_folded)
SELECT lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
                    substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
       t.parent_type, t.parent_id,
       json_set(t.properties,
                '\$.title[0].text.content', 'Item ' || i, '\$.title[0].plain_text', 'Item ' || i,
                '\$."$PRICE"', (abs(random()) % 100000) / 100.0,
                '\$."$STOCK"', json(CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END),
                '\$."$CATEGORY"', json_extract(json_array($OPTIONS), '\$[' || (i % 5) || ']'),
                '\$."$NOTES"[0].text.content', printf('Batch %d, lot %05d', i % 97, i),
                '\$."$NOTES"[0].plain_text', printf('Batch %d, lot %05d', i % 97, i)),
       t.icon, t.cover, 0, 0, t.created_time + i * 1000, t.created_by, t.created_time + i * 1000, t.last_edited_by,
       'item ' || i
FROM n, template t;
COMMIT;
-- Back to schema version 9: the copies have no page_text rows (see the top).
DROP TABLE IF EXISTS page_text_pending;
DROP TABLE IF EXISTS page_text_fts;
DROP TABLE IF EXISTS page_text;
DROP INDEX IF EXISTS pages_title_unfolded;
PRAGMA user_version = 9;
SQL
  echo "query.sh: $N pages written in $(echo "$(date +%s.%N) - $started" | bc 2>/dev/null || echo '?') s" >&2
  if [[ -n $BEFORE ]]; then
    start_server "$DB" "$BEFORE"
    CASES=${BEFORE_CASES:-${CASES:-}} LABEL=before BASE_URL=$BASE_URL TOKEN=$TOKEN DS=$DS PAGES=$N timeout 1800 node "$ROOT/bench/query_bench.js"
    stop_server
  fi
  started=$(date +%s.%N)
  start_server "$DB"
  echo "query.sh: $N pages: the server started (migration 10 included) in $(echo "$(date +%s.%N) - $started" | bc 2>/dev/null || echo '?') s" >&2
  LABEL=after BASE_URL=$BASE_URL TOKEN=$TOKEN DS=$DS PAGES=$N timeout 900 node "$ROOT/bench/query_bench.js"
  stop_server
  [[ -n ${KEEP_TMP:-} ]] || rm -f "$DB" "$DB-wal" "$DB-shm"
done
