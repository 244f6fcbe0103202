#!/usr/bin/env bash
# bench/query.sh's query benchmark on PostgreSQL: for each N in SIZES, a fresh store
# (schema q<N>) in a PostgreSQL 15 of its own (bench/pg_lib.sh, fsync on), the
# "Products" database and one page made through the API, that page copied N-1 times in
# one SQL statement with the values bench/query.sh gives them (Name "Item <n>", Price
# 0-999.99, "In stock" every other page, Category A-E, Notes "Batch <n mod 97>, lot
# <n, 5 digits>", created one second apart), migration 8 run again over them (page_text),
# ANALYZE, then bench/query_bench.js
# (LABEL=pg: the text cases count as slow, SLOW_RUNS times; LABEL=after: they do not).
#
#   SIZES="10000 100000" bench/query_pg.sh      # after `make build`
#
# Environment: SIZES="10000 100000" PORT=18797 PG_PORT=18798 LOCALNOTION=build/localnotion.
# Everything listens on 127.0.0.1; the server and PostgreSQL are stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/pg_lib.sh
source "$ROOT/bench/pg_lib.sh"
LOCALNOTION=${LOCALNOTION:-$ROOT/build/localnotion}
SIZES=${SIZES:-"10000 100000"}
PORT=${PORT:-18797}
TOKEN=secret_localnotion_query_bench
BASE_URL="http://127.0.0.1:$PORT"
TMP=$(mktemp -d /tmp/ln-query-pg.XXXXXX)
chmod 755 "$TMP"
SERVER_PID=
stop_server() { [[ -z $SERVER_PID ]] || { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }; }
cleanup() { stop_server || true; pg_stop; rm -rf "$TMP"; }
trap cleanup EXIT
start_server() {  # $1 = store URL
  "$LOCALNOTION" serve --host 127.0.0.1 --port "$PORT" --db "$1" --token "$TOKEN" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do grep -q "listening on" "$TMP/server.log" && return 0; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  echo "query_pg.sh: the server did not start" >&2; cat "$TMP/server.log" >&2; exit 1
}
api() {  # method path body
  curl -sf --max-time 30 -X "$1" "$BASE_URL$2" -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" \
    -H "Content-Type: application/json" -d "$3"
}

pg_start "$TMP" "${PG_PORT:-18798}"
for N in $SIZES; do
  S=q$N
  sql() { psql "$PG_URL" -v ON_ERROR_STOP=1 -qAtc "SET search_path = $S; $1"; }
  start_server "$PG_URL?schema=$S"
  api POST /v1/databases '{"parent":{"type":"workspace","workspace":true},"title":[{"text":{"content":"Products"}}],
    "initial_data_source":{"properties":{"Name":{"title":{}},"Price":{"number":{}},"In stock":{"checkbox":{}},
    "Category":{"select":{"options":[{"name":"A"},{"name":"B"},{"name":"C"},{"name":"D"},{"name":"E"}]}},
    "Notes":{"rich_text":{}}}}}' >/dev/null
  DS=$(sql "SELECT id FROM data_sources")
  api POST /v1/pages "{\"parent\":{\"data_source_id\":\"$DS\"},\"properties\":{\"Name\":{\"title\":[{\"text\":{\"content\":\"Item 0\"}}]},
    \"Price\":{\"number\":1},\"In stock\":{\"checkbox\":true},\"Category\":{\"select\":{\"name\":\"A\"}},
    \"Notes\":{\"rich_text\":[{\"text\":{\"content\":\"A product for the query benchmark\"}}]}}}" >/dev/null
  stop_server
  pid() { sql "SELECT p->>'id' FROM data_sources, jsonb_array_elements(schema::jsonb) p WHERE p->>'name' = '$1'"; }
  PRICE=$(pid Price); STOCK=$(pid "In stock"); CATEGORY=$(pid Category); NOTES=$(pid Notes)
  OPTIONS=$(sql "SELECT jsonb_agg(o->'id') FROM data_sources, jsonb_array_elements(schema::jsonb) p,
                 jsonb_array_elements(p->'config'->'options') o WHERE p->>'name' = 'Category'")
  started=$(date +%s.%N)
  sql "INSERT INTO pages (id, parent_type, parent_id, properties, icon, cover, in_trash, is_locked, created_time,
                          created_by, last_edited_time, last_edited_by, title_folded)
       SELECT gen_random_uuid()::text, t.parent_type, t.parent_id,
         jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.properties::jsonb,
           '{title,0,text,content}', to_jsonb('Item ' || i)), '{title,0,plain_text}', to_jsonb('Item ' || i)),
           '{$PRICE}', to_jsonb(floor(random() * 100000) / 100.0)), '{$STOCK}', to_jsonb(i % 2 = 0)),
           '{$CATEGORY}', '$OPTIONS'::jsonb -> (i % 5)),
           '{$NOTES,0,text,content}', to_jsonb(format('Batch %s, lot %s', i % 97, lpad(i::text, 5, '0')))),
           '{$NOTES,0,plain_text}', to_jsonb(format('Batch %s, lot %s', i % 97, lpad(i::text, 5, '0'))))::text,
         t.icon, t.cover, false, false, t.created_time + i * 1000, t.created_by, t.created_time + i * 1000,
         t.last_edited_by, 'item ' || i
       FROM generate_series(1, $N - 1) i, (SELECT * FROM pages LIMIT 1) t" >/dev/null
  echo "query_pg.sh: $N pages written in $(echo "$(date +%s.%N) - $started" | bc) s" >&2
  # The copies have no page_text rows: migration 8 is undone, so that the server's start
  # runs it again and fills page_text from the pages (as an upgrade would), then ANALYZE.
  # The migrations after it are forgotten too (they come after 8 and run again as they are).
  sql "DROP TABLE page_text; DROP INDEX pages_title_trgm; DELETE FROM schema_migrations WHERE version >= 8" >/dev/null
  started=$(date +%s.%N)
  start_server "$PG_URL?schema=$S"
  echo "query_pg.sh: migration 8 (page_text of $N pages) took $(echo "$(date +%s.%N) - $started" | bc) s" >&2
  sql "ANALYZE" >/dev/null
  LABEL=${LABEL:-pg} BASE_URL=$BASE_URL TOKEN=$TOKEN DS=$DS PAGES=$N timeout 900 node "$ROOT/bench/query_bench.js"
  # The first scan of a shape asks for its index, built in the background
  # (storage/postgres/pg_scan_indexes.h), so the runs above mix scans before and after
  # it; the pushed-down cases again, now that it exists.
  sleep 2
  LABEL=${LABEL:-pg}-indexed CASES="pushed down" BASE_URL=$BASE_URL TOKEN=$TOKEN DS=$DS PAGES=$N timeout 900 \
    node "$ROOT/bench/query_bench.js"
  stop_server
  sql "DROP SCHEMA $S CASCADE" >/dev/null 2>&1
done
