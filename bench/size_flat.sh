#!/usr/bin/env bash
# Flat with size (issue 14): the seed PATCH and GET page of one page in a data source of N pages,
# for each N in SIZES (default "1000 1000000"), side by side in one run. Prints:
#   - wrk (server pinned to SERVER_CPU, wrk to CLIENT_CPU), ROUNDS rounds that alternate the sizes
#     (1k, 1M, 1k, 1M, ...) so that the machine's noise hits both, one server per round and size, for
#     each case of CASES: `patch` (the seed PATCH of "Item 0", bench/patch_seed.lua), `get` (GET of
#     that page, bench/get_page.lua), `get-many` (GET of 10,000 pages spread evenly over the store, in
#     random order, bench/get_many.lua) and `query` (bench/query_ds.lua: Price > -1, newest first, 100
#     a page; a load for the memory figure, the query target is measured by bench/query.sh): req/s,
#     p50, p99, max, the server's CPU time (user + system, all threads) per request, and its peak
#     resident size so far (VmHWM) and resident size (VmRSS) after each case;
#   - callgrind instructions per request of CALLGRIND_CASES at each size, as bench/callgrind_patch.sh
#     counts them: two runs with N1 and N2 requests sent one after another by curl, the difference
#     divided by N2 - N1, less the threads that wake on a timer (webhook pump, standby watchdog);
#   - per case, the medians over the rounds at the smallest and the largest size and their ratio.
#
#   make build && bench/size_flat.sh            # about 12 minutes (the 1M store: about a minute)
#   SIZES="1000 100000" ROUNDS=1 DURATION=10s bench/size_flat.sh
#   STORE_DIR=/tmp/flat KEEP_TMP=1 bench/size_flat.sh   # keep the stores; a later run with the same
#                                                       # STORE_DIR reuses them (with the rows the
#                                                       # earlier run's PATCHes added) instead of making them
#
# The store of N pages: this build's server makes the "Products" database and its page "Item 0"
# through the API (as bench/query.sh does), then the sqlite3 CLI copies that page N-1 times with
# varied values in one INSERT ... SELECT (Name "Item <n>", Price, "In stock", Category, Notes), and
# writes the copies' page_text rows (migration 10: one per property of the template that has one, the
# rich texts' plain text and the select's option id, folded with lower(), which is query::FoldCase for
# this ASCII text) in a second one, then rebuilds the trigram index (page_text_fts) and empties page_text_pending, so the file is at the current
# schema version and the server opens it without a migration or a catch-up of the text index. The
# measured page is "Item 0", the first page of the data source.
#
# Environment: SIZES, ROUNDS=2, DURATION=20s, WARMUP=2s, CONNECTIONS=64 (QUERY_CONNECTIONS=8 for the query, which
# takes about 14 ms at 1M pages: at 64 connections most of them wait past wrk's timeout), SERVER_CPU=0, CLIENT_CPU=1,
# CASES="query patch get get-many" (the query first: see docs/benchmarks.md on queries after a burst of writes), CALLGRIND_CASES="patch get get-many",
# PORT=18911, N1=200 N2=1200 (callgrind), CALLGRIND=0 skips callgrind, WRK=0 skips wrk, LN_ARGS
# (flags for `localnotion serve`), STORE_DIR, KEEP_TMP=1. Servers listen on 127.0.0.1 only; every
# server started is stopped on exit; each wrk and valgrind run is bounded by `timeout`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCALNOTION=${LOCALNOTION:-$ROOT/build/localnotion}
SIZES=${SIZES:-"1000 1000000"}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18911}
N1=${N1:-200}
N2=${N2:-1200}
CASES=${CASES:-query patch get get-many}
QUERY_CONNECTIONS=${QUERY_CONNECTIONS:-8}
CALLGRIND_CASES=${CALLGRIND_CASES:-patch get get-many}
export TOKEN=secret_localnotion_size_flat_0123456789
export NOTION_VERSION=2025-09-03
BASE_URL="http://127.0.0.1:$PORT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/size-flat.XXXXXX")
STORE_DIR=${STORE_DIR:-$TMP/stores}
mkdir -p "$STORE_DIR"
PID=

log() { echo "size_flat.sh: $*" >&2; }
die() { log "$*"; exit 1; }
stop_server() {
  if [[ -n $PID ]]; then
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=
  fi
}
cleanup() {
  stop_server
  if [[ -z ${KEEP_TMP:-} ]]; then
    rm -rf "$TMP"
    for n in $SIZES; do rm -f "$STORE_DIR/flat$n.db" "$STORE_DIR/flat$n.db-wal" "$STORE_DIR/flat$n.db-shm" \
      "$STORE_DIR/flat$n.page" "$STORE_DIR/flat$n.db.lock"; done
  else
    log "kept $TMP and the stores in $STORE_DIR"
  fi
}
trap cleanup EXIT

for tool in sqlite3 curl wrk taskset timeout valgrind callgrind_annotate; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
[[ -x $LOCALNOTION ]] || die "$LOCALNOTION not found: run 'make build'"

# start_server DB [WRAPPER...]: the server on DB (pinned to SERVER_CPU unless a wrapper is given),
# waiting until it listens.
start_server() {
  local db=$1; shift
  rm -f "$TMP/server.log"
  if [[ $# -gt 0 ]]; then
    "$@" "$LOCALNOTION" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$db" --token "$TOKEN" ${LN_ARGS:-} \
      >"$TMP/server.log" 2>&1 &
  else
    taskset -c "$SERVER_CPU" "$LOCALNOTION" serve --host 127.0.0.1 --port "$PORT" --db "sqlite:$db" --token "$TOKEN" \
      ${LN_ARGS:-} >"$TMP/server.log" 2>&1 &
  fi
  PID=$!
  for _ in $(seq 1 3000); do
    grep -q "listening" "$TMP/server.log" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$TMP/server.log" >&2; die "the server did not start on $db"
}

api() {  # method path body
  curl -sf --max-time 120 -X "$1" "$BASE_URL$2" -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" \
    -H "Content-Type: application/json" -d "$3"
}

# make_store N: $STORE_DIR/flatN.db and, in $STORE_DIR/flatN.page, the id of "Item 0".
make_store() {
  local n=$1 db="$STORE_DIR/flat$1.db" started
  if [[ -s $STORE_DIR/flat$n.page && -f $db ]]; then log "$n pages: reusing $db"; return; fi
  rm -f "$db" "$db-wal" "$db-shm"
  start_server "$db"
  api POST /v1/databases '{"parent":{"type":"workspace","workspace":true},"title":[{"text":{"content":"Products"}}],
    "initial_data_source":{"properties":{"Name":{"title":{}},"Price":{"number":{}},"In stock":{"checkbox":{}},
    "Category":{"select":{"options":[{"name":"A"},{"name":"B"},{"name":"C"},{"name":"D"},{"name":"E"}]}},
    "Notes":{"rich_text":{}}}}}' >/dev/null
  local ds page
  ds=$(sqlite3 "$db" "SELECT id FROM data_sources")
  api POST /v1/pages "{\"parent\":{\"data_source_id\":\"$ds\"},\"properties\":{\"Name\":{\"title\":[{\"text\":{\"content\":\"Item 0\"}}]},
    \"Price\":{\"number\":1},\"In stock\":{\"checkbox\":true},\"Category\":{\"select\":{\"name\":\"A\"}},
    \"Notes\":{\"rich_text\":[{\"text\":{\"content\":\"A product for the size benchmark\"}}]}}}" >/dev/null
  page=$(sqlite3 "$db" "SELECT id FROM pages LIMIT 1")
  [[ -n $page ]] || die "could not create the template page"
  stop_server
  local version
  version=$(sqlite3 "$db" "PRAGMA user_version")
  pid() { sqlite3 "$db" "SELECT json_extract(value, '\$.id') FROM data_sources, json_each(schema) WHERE json_extract(value, '\$.name') = '$1'"; }
  local price stock category notes options
  price=$(pid Price); stock=$(pid "In stock"); category=$(pid Category); notes=$(pid Notes)
  options=$(sqlite3 "$db" "SELECT group_concat(json_quote(json_extract(o.value, '\$.id'))) FROM data_sources, json_each(schema) p, json_each(json_extract(p.value, '\$.config.options')) o WHERE json_extract(p.value, '\$.name') = 'Category'")
  # The second of each copy's edit (search's index, SQLite migration 13) where the schema has it.
  local second_col="" second_val=""
  if [[ $(sqlite3 "$db" "SELECT count(*) FROM pragma_table_info('pages') WHERE name = 'edit_second'") == 1 ]]; then
    second_col=", edit_second"
    second_val=", (t.created_time + i * 1000) / 1000"
  fi
  started=$(date +%s.%N)
  { timeout 1800 sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n - 1),
template AS (SELECT * FROM pages LIMIT 1)
INSERT INTO pages (id, parent_type, parent_id, properties, icon, cover, in_trash, is_locked, created_time, created_by,
                   last_edited_time, last_edited_by, title_folded$second_col)
SELECT lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
                    substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
       t.parent_type, t.parent_id,
       json_set(t.properties,
                '\$.title[0].text.content', 'Item ' || i, '\$.title[0].plain_text', 'Item ' || i,
                '\$."$price"', (abs(random()) % 100000) / 100.0,
                '\$."$stock"', json(CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END),
                '\$."$category"', json_extract(json_array($options), '\$[' || (i % 5) || ']'),
                '\$."$notes"[0].text.content', printf('Batch %d, lot %05d', i % 97, i),
                '\$."$notes"[0].plain_text', printf('Batch %d, lot %05d', i % 97, i)),
       t.icon, t.cover, 0, 0, t.created_time + i * 1000, t.created_by, t.created_time + i * 1000, t.last_edited_by,
       'item ' || i$second_val
FROM n, template t;
-- The copies' page_text rows: the template's rows (title and Notes), each with the copy's text folded.
INSERT INTO page_text (page_rowid, property_id, folded, unsettled)
SELECT p.rowid, t.property_id,
       lower(CASE json_type(p.properties, '\$."' || t.property_id || '"')
               WHEN 'array' THEN json_extract(p.properties, '\$."' || t.property_id || '"[0].plain_text')
               ELSE json_extract(p.properties, '\$."' || t.property_id || '"') END), 0
FROM pages p, page_text t
WHERE t.page_rowid = (SELECT rowid FROM pages WHERE id = '$page') AND p.rowid > t.page_rowid
ORDER BY p.rowid, t.id;
INSERT INTO page_text_fts(page_text_fts) VALUES ('rebuild');
DELETE FROM page_text_pending;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  } >/dev/null
  [[ $(sqlite3 "$db" "SELECT count(*) FROM pages") == "$n" ]] || die "$db does not hold $n pages"
  [[ $(sqlite3 "$db" "PRAGMA user_version") == "$version" ]] || die "$db changed schema version"
  log "$n pages written in $(echo "$(date +%s.%N) - $started" | bc) s ($(du -m "$db" | cut -f1) MB, schema version $version)"
  echo "$page" >"$STORE_DIR/flat$n.page"
}

# --- wrk output parsing (as bench/run.sh) ---
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p { print $2; exit }' "$1")"; }
max_of() { to_ms "$(awk '$1 == "Latency" { print $4; exit }' "$1")"; }
kb_of() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$PID/status"; }

# run_wrk NAME SCRIPT: a warm-up, then the measured run, in $TMP/NAME.wrk; fails on errors. Sets CPU_US to the
# server's user+system CPU time per request during the measured run (all its threads, /proc/PID/stat).
run_wrk() {
  local out="$TMP/$1.wrk" c0 c1 n conns=$CONNECTIONS
  [[ $1 == query.* ]] && conns=$QUERY_CONNECTIONS
  timeout 60 taskset -c "$CLIENT_CPU" wrk -t1 -c"$conns" -d"$WARMUP" --timeout 10s -s "$2" "$BASE_URL" >/dev/null
  c0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
  timeout 300 taskset -c "$CLIENT_CPU" wrk -t1 -c"$conns" -d"$DURATION" --timeout 10s --latency -s "$2" "$BASE_URL" \
    >"$out" 2>&1 \
    || { cat "$out" >&2; die "$1: wrk failed"; }
  c1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
  if grep -q "Non-2xx\|Socket errors" "$out"; then cat "$out" >&2; die "$1: errors"; fi
  n=$(awk '/requests in/ { print $1; exit }' "$out")
  [[ ${n:-0} -gt 0 ]] || { cat "$out" >&2; die "$1: no request answered in $DURATION"; }
  CPU_US=$(awk -v d=$((c1 - c0)) -v t="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.1f", d * 1e6 / t / n }')
}

script_of() {
  case $1 in
    patch) echo "$ROOT/bench/patch_seed.lua" ;;
    get) echo "$ROOT/bench/get_page.lua" ;;
    get-many) echo "$ROOT/bench/get_many.lua" ;;
    query) echo "$ROOT/bench/query_ds.lua" ;;
    *) die "unknown case $1 (CASES: patch get get-many query)" ;;
  esac
}

for n in $SIZES; do
  make_store "$n"
  # get-many's pages: 10,000 (or all) spread evenly over the store, in random order.
  sqlite3 "$STORE_DIR/flat$n.db" "SELECT id FROM pages WHERE parent_type = 'data_source_id' AND rowid % max(1, $n / 10000) = 0
    ORDER BY random() LIMIT 10000" >"$TMP/ids$n.txt"
done
log "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$TMP/results.tsv"
: >"$RESULTS"

if [[ ${WRK:-1} != 0 ]]; then
  echo "| Round | Pages | Case | req/s | p50 ms | p99 ms | max ms | CPU µs / request | VmHWM MB so far | VmRSS MB after |"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  for ((round = 1; round <= ROUNDS; round++)); do
    for n in $SIZES; do
      export PAGE_ID DS_ID PAGE_IDS_FILE=$TMP/ids$n.txt
      PAGE_ID=$(cat "$STORE_DIR/flat$n.page")
      DS_ID=$(sqlite3 "$STORE_DIR/flat$n.db" "SELECT id FROM data_sources LIMIT 1")
      start_server "$STORE_DIR/flat$n.db"
      [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" \
        "$BASE_URL/v1/pages/$PAGE_ID") == 200 ]] || die "GET of $PAGE_ID is not 200 at $n pages"
      # The first query of a shape asks the writer for its index, which the writer then makes (seconds at 1M
      # pages, once per store); until it has, every query of that shape reads all the pages (3.4 s alone at 1M,
      # 8-22 s for 8 at once on one core). Not what is measured here: the query is sent until it answers
      # within a second (at most 120 s).
      if [[ " $CASES " == *" query "* ]]; then
        for _ in $(seq 1 120); do
          t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 120 -X POST "$BASE_URL/v1/data_sources/$DS_ID/query" \
            -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" -H "Content-Type: application/json" \
            -d '{"filter":{"property":"Price","number":{"greater_than":-1}},
                 "sorts":[{"timestamp":"created_time","direction":"descending"}],"page_size":100}')
          awk -v t="$t" 'BEGIN { exit !(t < 1) }' && break
          sleep 1
        done
      fi
      for case in $CASES; do
        run_wrk "$case.$n.$round" "$(script_of "$case")"
        w="$TMP/$case.$n.$round.wrk"
        row=("$round" "$n" "$case" "$(rps_of "$w")" "$(pct_of "$w" 50)" "$(pct_of "$w" 99)" "$(max_of "$w")" "$CPU_US"
          "$(($(kb_of VmHWM) / 1024))" "$(($(kb_of VmRSS) / 1024))")
        printf '| %s ' "${row[@]}"; echo '|'
        (IFS=$'\t'; echo "wrk	${row[*]}") >>"$RESULTS"
      done
      stop_server
    done
  done
  log "load average after wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# instructions DB CASE COUNT: sets TOTAL (Ir of a server run that answers COUNT requests of CASE on DB)
# and TIMED (the part in the timer-driven threads), as bench/callgrind_patch.sh does.
instructions() {
  local db=$1 case=$2 count=$3 ids=$4 out="$TMP/cg.out" urls=() i all
  start_server "$db" timeout 900 valgrind --tool=callgrind --callgrind-out-file="$out"
  if [[ $case == get-many ]]; then
    mapfile -t all <"$ids"
    for ((i = 0; i < count; i++)); do urls+=("$BASE_URL/v1/pages/${all[$((i % ${#all[@]}))]}"); done
  else
    for ((i = 0; i < count; i++)); do urls+=("$BASE_URL/v1/pages/$PAGE_ID"); done
  fi
  if [[ $case == patch ]]; then
    timeout 600 curl -s -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" \
      -H "Content-Type: application/json" --data '{"properties":{"In stock":{"checkbox":true}}}' "${urls[@]}" >/dev/null
  else
    timeout 600 curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Notion-Version: $NOTION_VERSION" "${urls[@]}" \
      >/dev/null
  fi
  stop_server
  TIMED=$(callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null \
    | awk '/webhooks::Dispatcher::PumpLoop\(\) |http::LoopThreads::Watch\(\) / { gsub(/,/, "", $1); t += $1 }
           END { print t + 0 }')
  TOTAL=$(awk '/^summary:/ { print $2 }' "$out")
  [[ -n ${KEEP_OUT:-} ]] && cp "$out" "$KEEP_OUT.$case.$(basename "$db" .db).$count"
  return 0
}

if [[ ${CALLGRIND:-1} != 0 ]]; then
  echo
  echo "| Pages | Case | instructions / request (N1=$N1, N2=$N2) | without the timed threads |"
  echo "|---:|---|---:|---:|"
  for case in $CALLGRIND_CASES; do
    for n in $SIZES; do
      PAGE_ID=$(cat "$STORE_DIR/flat$n.page")
      instructions "$STORE_DIR/flat$n.db" "$case" "$N1" "$TMP/ids$n.txt"; a=$TOTAL at=$TIMED
      instructions "$STORE_DIR/flat$n.db" "$case" "$N2" "$TMP/ids$n.txt"; b=$TOTAL bt=$TIMED
      echo "| $n | $case | $(((b - a) / (N2 - N1))) | $(((b - bt - a + at) / (N2 - N1))) |"
      printf 'cg\t%s\t%s\t%s\n' "$n" "$case" "$(((b - bt - a + at) / (N2 - N1)))" >>"$RESULTS"
    done
  done
fi

# Summary: per case, the median over the rounds of p50, req/s and CPU per request, and the instructions, at the
# smallest and the largest size, and largest/smallest; the peak VmHWM at each size.
echo
echo "| Case | Figure | $(echo "$SIZES" | awk '{ print $1 }') pages | $(echo "$SIZES" | awk '{ print $NF }') pages | ratio |"
echo "|---|---|---:|---:|---:|"
awk -F'\t' -v small="$(echo "$SIZES" | awk '{ print $1 }')" -v big="$(echo "$SIZES" | awk '{ print $NF }')" '
  function median(key,   n, i, j, t, v) {
    n = cnt[key]; if (n == 0) return "";
    for (i = 1; i <= n; i++) v[i] = val[key, i];
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function add(key, x) { val[key, ++cnt[key]] = x + 0 }
  $1 == "wrk" { c = $4; if (!(c in seen)) { seen[c] = 1; order[++nc] = c }
                add($3 SUBSEP c SUBSEP "p50 ms (median)", $6); add($3 SUBSEP c SUBSEP "req/s (median)", $5);
                add($3 SUBSEP c SUBSEP "CPU µs / request (median)", $9);
                if ($10 + 0 > hwm[$3]) hwm[$3] = $10 + 0 }
  $1 == "cg" { c = $3; if (!(c in seen)) { seen[c] = 1; order[++nc] = c }; add($2 SUBSEP c SUBSEP "instructions / request", $4) }
  END {
    split("p50 ms (median);req/s (median);CPU µs / request (median);instructions / request", figs, ";")
    for (i = 1; i <= nc; i++) for (f = 1; f <= 4; f++) {
      a = median(small SUBSEP order[i] SUBSEP figs[f]); b = median(big SUBSEP order[i] SUBSEP figs[f])
      if (a == "" || b == "") continue
      printf "| %s | %s | %s | %s | %.2f |\n", order[i], figs[f], a, b, (a > 0 ? b / a : 0)
    }
    printf "| all | peak VmHWM MB | %d | %d | |\n", hwm[small], hwm[big]
  }' "$RESULTS"
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
