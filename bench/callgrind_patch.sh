#!/usr/bin/env bash
# Instructions per PATCH request, counted by callgrind: the stable CPU figure on a
# noisy machine (docs/benchmarks.md). Runs the server under valgrind twice, with N1 and
# N2 seed PATCHes sent one after another by curl's keep-alive connection, and prints
# (instructions(N2) - instructions(N1)) / (N2 - N1), so start-up and set-up cancel out.
#
#   bench/callgrind_patch.sh [BINARY...]     # default build/localnotion
#
# Environment: N1=200 N2=1200 PORT=19887; CASE=get counts GET /v1/pages/{id} instead, CASE=six a PATCH
# of six properties of a page in a 15-property database with values that change every request (the bodies
# of bench/patch_six.lua); CASE=select a PATCH of only the select "Category" of that page, A, B and C in
# turn (a status or select change, the write integrations make most); the seed PATCH sends the same body
# (checkbox true) every time;
# CASE=query sends POST /v1/data_sources/{id}/query with page_size 100 to the Inventory data source, which
# then holds 100 pages (the seed page and 99 more), so that every answer is a list of 100 pages;
# CASE=seed-many writes the title of a different page each request ("bench title I" on page I mod MANY_PAGES
# of MANY_PAGES=600 more Inventory pages that bench/setup.js makes; the other cases make none), so that the
# text index's pending rows do not coalesce and its catch-up (every kTextIndexLag = 512 rows,
# storage/sqlite/page_text_index.h) runs inside the measurement: take N2 - N1 a multiple of 512
# (N1=100 N2=1124) so that it counts a whole number of catch-ups;
# SUBSCRIPTIONS=5 makes that many active webhook subscriptions first (bench/webhook_subscribers.js),
# so the count includes making and delivering their events;
# The second figure leaves out the threads that wake on a timer (the webhook pump, the standby watchdog): under
# valgrind their share per request is 50-100 times what it is on a real server, and depends on the machine's load.
# The third counts only the threads that serve connections (http::LoopThreads::Run), the steadiest of the three:
# the checkpointer's and the text index's background work lands in one run's window and not another's.
# PG_URL=postgresql://... runs each server on a fresh schema of that PostgreSQL instead of a SQLite file
# (bench/pg_lib.sh starts one); the count is then localnotion's alone, PostgreSQL's processes are not traced.
# PARALLEL=P sends the requests P at a time (curl --parallel) instead of one after another, as many clients do:
# the writes then share commits (a batch per flush) and follow each other faster than their commits; the third
# figure then adds up every loop thread (--workers), not only the first.
# A BINARY named echo_server (bench/echo_server.cc, built to build/bench/echo_server) is the bare Beast echo that
# issue 14 counts in ("echoes"): it is sent the same requests (no fixture: it answers any path), and its three
# figures are the same one, its whole process. ECHO_ARGS (default "--answer-bytes 1536") makes its answers as
# long as the page object issue 14 compares with.
# WARMUP=300 requests of the case go first in both runs (0: none), uncounted by the difference: what the server
# sets up on first need (a second SQLite reader, grown caches) then lands before either run's counted requests.
# LN_ARGS adds flags to localnotion's `serve` (e.g. LN_ARGS=--no-page-history).
# KEEP_OUT=PREFIX keeps the callgrind files as PREFIX.N1 and PREFIX.N2. Needs valgrind, node, curl. Every server it
# starts is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N1=${N1:-200}
N2=${N2:-1200}
WARMUP=${WARMUP:-300}
# Counts of requests: a duration such as wrk's "1s" (another script's WARMUP) is refused,
# not read as no warm-up.
for n in "$N1" "$N2" "$WARMUP"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "callgrind_patch.sh: N1, N2 and WARMUP are counts of requests, not \"$n\"" >&2; exit 2; }
done
PORT=${PORT:-19887}
TOKEN=secret_callgrind_bench_0123456789
TMP=$(mktemp -d)
PAR=()
[[ -n ${PARALLEL:-} ]] && PAR=(-Z --parallel-max "$PARALLEL")
PID=""
SUBS_PID=""
ADMIN_TOKEN=admin_callgrind_bench_0123456789
cleanup() {
  [[ -n $SUBS_PID ]] && kill "$SUBS_PID" 2>/dev/null
  [[ -n $PID ]] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# patch_head I PAGE_ID: the lines of a curl config for the I-th PATCH (from 1) of page PAGE_ID, all but
# its body (`data`), which the caller writes next; "next" separates it from the one before.
patch_head() {
  (( $1 > 1 )) && echo next
  echo "url = \"http://127.0.0.1:$PORT/v1/pages/$2\""
  echo 'request = "PATCH"'
  echo 'output = "/dev/null"'
  echo "header = \"Authorization: Bearer $TOKEN\""
  echo 'header = "Notion-Version: 2025-09-03"'
  echo 'header = "Content-Type: application/json"'
}

# six_config N: a curl config of N PATCHes of six properties of SIX_PAGE_ID, each with other
# values (the bodies of bench/patch_six.lua), sent one after another on one connection.
six_config() {
  local n=$1 i cats=(A B C) stock
  for ((i = 1; i <= n; i++)); do
    (( i % 2 == 0 )) && stock=true || stock=false
    patch_head "$i" "$SIX_PAGE_ID"
    printf 'data = "{\\"properties\\":{\\"Notes\\":{\\"rich_text\\":[{\\"type\\":\\"text\\",\\"text\\":{\\"content\\":\\"bench note %d\\"}}]},\\"Price\\":{\\"number\\":%d.25},\\"Category\\":{\\"select\\":{\\"name\\":\\"%s\\"}},\\"Due\\":{\\"date\\":{\\"start\\":\\"2025-%02d-%02d\\"}},\\"In stock\\":{\\"checkbox\\":%s},\\"Link\\":{\\"url\\":\\"https://example.com/item/%d\\"}}}"\n' \
      "$i" "$i" "${cats[$((i % 3))]}" $((i % 12 + 1)) $((i % 28 + 1)) "$stock" "$i"
  done
}

# select_config N: a curl config of N PATCHes of the select of SIX_PAGE_ID alone, A, B and C in turn.
select_config() {
  local n=$1 i cats=(A B C)
  for ((i = 1; i <= n; i++)); do
    patch_head "$i" "$SIX_PAGE_ID"
    printf 'data = "{\\"properties\\":{\\"Category\\":{\\"select\\":{\\"name\\":\\"%s\\"}}}}"\n' "${cats[$((i % 3))]}"
  done
}

# many_config N: a curl config of N PATCHes of the title of a different page each (MANY_PAGE_IDS, comma-separated,
# in turn).
many_config() {
  local n=$1 i ids
  IFS=, read -r -a ids <<<"$MANY_PAGE_IDS"
  for ((i = 1; i <= n; i++)); do
    patch_head "$i" "${ids[$(( (i - 1) % ${#ids[@]} ))]}"
    printf 'data = "{\\"properties\\":{\\"Name\\":{\\"title\\":[{\\"type\\":\\"text\\",\\"text\\":{\\"content\\":\\"bench title %d\\"}}]}}}"\n' "$i"
  done
}

# send N: sends N requests of CASE to the server (the ids are those bench/setup.js printed).
send() {
  local n=$1
  local urls=() i
  for ((i = 0; i < n; i++)); do urls+=("http://127.0.0.1:$PORT/v1/pages/$PAGE_ID"); done
  if [[ ${CASE:-seed} == six ]]; then
    six_config "$n" >"$TMP/six.curl"
    curl -s "${PAR[@]}" -K "$TMP/six.curl" >/dev/null
  elif [[ ${CASE:-seed} == select ]]; then
    select_config "$n" >"$TMP/select.curl"
    curl -s "${PAR[@]}" -K "$TMP/select.curl" >/dev/null
  elif [[ ${CASE:-seed} == seed-many ]]; then
    many_config "$n" >"$TMP/many.curl"
    curl -s "${PAR[@]}" -K "$TMP/many.curl" >/dev/null
  elif [[ ${CASE:-seed} == query ]]; then
    local q=()
    for ((i = 0; i < n; i++)); do q+=("http://127.0.0.1:$PORT/v1/data_sources/$INVENTORY_DATA_SOURCE_ID/query"); done
    curl -s "${PAR[@]}" -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" \
      -H "Content-Type: application/json" --data '{"page_size":100}' "${q[@]}" >/dev/null
  elif [[ ${CASE:-seed} == get ]]; then
    curl -s "${PAR[@]}" -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" "${urls[@]}" >/dev/null
  else
    curl -s "${PAR[@]}" -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H "Notion-Version: 2025-09-03" \
      -H "Content-Type: application/json" --data '{"properties":{"In stock":{"checkbox":true}}}' "${urls[@]}" >/dev/null
  fi
}

# instructions BINARY N: sets TOTAL to the Ir of a server run that answers N requests of CASE, and
# TIMED to the part of it in the timer-driven threads.
instructions() {
  local bin=$1 n=$2
  local out="$TMP/cg.$n.out"
  rm -f "$TMP"/b.db*
  # The previous server's log goes first: the background job truncates the file only when it
  # runs, and a wait that saw the old "listening" line would go on before this server listens.
  rm -f "$TMP/server.log"
  local db="sqlite:$TMP/b.db"
  [[ -n ${PG_URL:-} ]] && db="$PG_URL?schema=cg_${n}_$RANDOM$RANDOM"
  local echo=0
  [[ $(basename "$bin") == echo_server* ]] && echo=1
  if (( echo )); then
    # shellcheck disable=SC2086  # the flags are split into words on purpose
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --port "$PORT" ${ECHO_ARGS---answer-bytes 1536} \
      >"$TMP/server.log" 2>&1 &
  else
    # shellcheck disable=SC2086  # LN_ARGS is split into words on purpose
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" serve --port "$PORT" --db "$db" \
      --token "$TOKEN" --admin-token "$ADMIN_TOKEN" ${LN_ARGS:-} >"$TMP/server.log" 2>&1 &
  fi
  PID=$!
  # Under valgrind on a busy machine the start can take a while; a server that exits or never
  # listens ends the run with its log rather than with a meaningless count.
  for _ in $(seq 1 600); do
    grep -q "listening" "$TMP/server.log" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  grep -q "listening" "$TMP/server.log" || { cat "$TMP/server.log" >&2; echo "$bin did not start (N=$n)" >&2; exit 1; }
  local ids
  local many=0
  [[ ${CASE:-seed} == seed-many ]] && many=${MANY_PAGES:-600}
  [[ ${CASE:-seed} == query ]] && many=99
  if (( echo )); then
    ids="PAGE_ID=echo SIX_PAGE_ID=echo INVENTORY_DATA_SOURCE_ID=echo"
  else
    ids=$(BASE_URL=http://127.0.0.1:$PORT TOKEN=$TOKEN MANY_PAGES=$many timeout 900 node "$ROOT/bench/setup.js") \
      || { cat "$TMP/server.log" >&2; echo "bench/setup.js failed against $bin (N=$n)" >&2; exit 1; }
  fi
  eval "$ids"
  if [[ ${SUBSCRIPTIONS:-0} -gt 0 ]]; then
    BASE_URL=http://127.0.0.1:$PORT TOKEN=$TOKEN ADMIN_TOKEN=$ADMIN_TOKEN N=$SUBSCRIPTIONS \
      node "$ROOT/bench/webhook_subscribers.js" >"$TMP/subs.log" 2>&1 &
    SUBS_PID=$!
    for _ in $(seq 1 600); do grep -q "^ready" "$TMP/subs.log" 2>/dev/null && break; sleep 0.2; done
    grep -q "^ready" "$TMP/subs.log" || { cat "$TMP/subs.log" >&2; exit 1; }
  fi
  # The warm-up, the same in both runs, so that what the server sets up on first need (a second
  # SQLite reader when two reads first overlap, about 3.4 million instructions; grown caches) lands
  # before the counted requests of either run, not in the N2 run alone.
  (( WARMUP > 0 )) && send "$WARMUP"
  send "$n"
  if [[ -n $SUBS_PID ]]; then
    sleep 3  # the last aggregation window (1 s) closes and its events are delivered
    kill -TERM "$SUBS_PID"; wait "$SUBS_PID" 2>/dev/null || true; SUBS_PID=""
    echo "  $(tail -1 "$TMP/subs.log") webhook requests at N=$n" >&2
  fi
  kill -TERM "$PID"
  if ! wait "$PID" 2>/dev/null; then :; fi  # its exit status is SIGTERM's, not an error
  PID=""
  [[ -n ${KEEP_OUT:-} ]] && cp "$out" "$KEEP_OUT.$n"
  # The instructions of the threads that wake on a timer whatever the load: the webhook pump
  # (a read every 20 ms; without subscriptions that is all it does) and the standby watchdog
  # (every 5 ms). Under valgrind a run lasts 50-100 times longer, so their share per request is
  # that much larger than on a real server, and it grows with the machine's load.
  local timed=0
  if [[ ${SUBSCRIPTIONS:-0} -eq 0 ]]; then
    timed=$(callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null \
      | awk '/webhooks::Dispatcher::PumpLoop\(\) |http::LoopThreads::Watch\(\) / { gsub(/,/, "", $1); t += $1 }
             END { print t + 0 }')
  fi
  # The instructions of the threads that serve connections (http::LoopThreads::Run): the
  # requests themselves, without the background threads (checkpointer, text index, webhooks),
  # whose share of a short run under valgrind varies from run to run.
  # The first loop runs on the main thread, inside LoopThreads::Run; the others are threads of their own.
  LOOP=$(callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null \
    | awk '/http::LoopThreads::Run\(\) \[|LoopThreads::Run\(\)::\{lambda\(unsigned long\)#1\}, unsigned long> > >::_M_run\(\) \[/ {
             gsub(/,/, "", $1); t += $1 } END { print t + 0 }')
  TOTAL=$(awk '/^summary:/ { print $2 }' "$out")
  (( echo )) && LOOP=$TOTAL
  TIMED=$timed
}

for bin in "${@:-$ROOT/build/localnotion}"; do
  # Called in this shell, not in $(...), so that the cleanup trap knows the server's pid.
  instructions "$bin" "$N1"
  a=$TOTAL at=$TIMED al=$LOOP
  instructions "$bin" "$N2"
  b=$TOTAL bt=$TIMED bl=$LOOP
  echo "$bin: $(( (b - a) / (N2 - N1) )) instructions per ${CASE:-seed} request (N1=$N1: $a, N2=$N2: $b);" \
    "$(( (b - bt - a + at) / (N2 - N1) )) without the timed threads (webhook pump, watchdog);" \
    "$(( (bl - al) / (N2 - N1) )) in the threads that serve connections"
done
