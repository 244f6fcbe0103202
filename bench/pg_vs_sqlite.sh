#!/usr/bin/env bash
# The same loads on SQLite and on PostgreSQL in one run, alternating: the seed PATCH
# (bench/patch_seed.lua, one page), the same PATCH over 64 pages (bench/patch_many.lua, case
# "many") and a database query (bench/query_ds.lua), wrk -c64, for
#   sqlite  localnotion on a fresh SQLite file
#   pg      localnotion on a fresh PostgreSQL 15 (bench/pg_lib.sh; fsync on)
#   nginx1  nginx (deploy/nginx.conf.template) in front of that same pg server
#   nginx2  nginx in front of it and a second instance over the same store
# Prints medians of the rounds, p50/p99, and the ratio of each configuration to sqlite.
#
#   bench/pg_vs_sqlite.sh                 # after `make build`; about 4 minutes
#   ROUNDS=5 DURATION=10s CLUSTER=0 bench/pg_vs_sqlite.sh
#
# Nothing is pinned: servers, PostgreSQL, nginx and wrk share every CPU, so on a 2-CPU
# machine they all compete and a second instance cannot get a core of its own.
# Environment: ROUNDS=3 DURATION=5s WARMUP=1s CONNECTIONS=64 CASES="seed many query" CLUSTER=1
# BASE_PORT=18900 (servers on +1..+3, nginx +4/+5, PostgreSQL +10), TIME_LIMIT=600, KEEP_TMP=1.
# Everything listens on 127.0.0.1; everything started is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
# shellcheck source=bench/pg_lib.sh
source "$BENCH/pg_lib.sh"
BIN=${LOCALNOTION:-$ROOT/build/localnotion}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-5s}; WARMUP=${WARMUP:-1s}; CONNECTIONS=${CONNECTIONS:-64}
CASES=${CASES:-seed many query}; CLUSTER=${CLUSTER:-1}; P=${BASE_PORT:-18900}; TIME_LIMIT=${TIME_LIMIT:-600}
export TOKEN=secret_localnotion_pg_bench_0123456789 NOTION_VERSION=2025-09-03
die() { echo "pg_vs_sqlite.sh: $*" >&2; exit 1; }
log() { echo "pg_vs_sqlite.sh: $*" >&2; }
for t in wrk node curl nginx python3 timeout; do command -v "$t" >/dev/null || die "$t not found"; done
[[ -x $BIN ]] || die "$BIN not found: make build"

TMP=$(mktemp -d /tmp/ln-pg-vs-sqlite.XXXXXX)
chmod 755 "$TMP"
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop
  if [[ ${KEEP_TMP:-0} == 1 || $rc -ne 0 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() {  # LOGFILE LINE PID
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; kill -0 "$3" 2>/dev/null || break; sleep 0.1; done
  cat "$1" >&2; die "no '$2' in $1"
}
serve() {  # NAME PORT DB
  "$BIN" serve --host 127.0.0.1 --port "$2" --db "$3" --token "$TOKEN" >"$TMP/$1.log" 2>&1 &
  PIDS+=($!)
  wait_for "$TMP/$1.log" "listening on" "$!"
}
fixture() {  # NAME PORT: bench/setup.js ids as NAME.ids
  BASE_URL=http://127.0.0.1:$2 timeout -k 5 60 node "$BENCH/setup.js" >"$TMP/$1.ids" || die "setup.js on $1 failed"
}
nginx_front() {  # NAME PORT UPSTREAM_PORT...
  local name=$1 port=$2 ups="" user=""
  shift 2
  for u in "$@"; do ups+="server 127.0.0.1:$u max_fails=1 fail_timeout=2s; "; done
  [[ $(id -u) -eq 0 ]] && user="user root;"
  mkdir -p "$TMP/$name"
  sed -e "s|@DIR@|$TMP/$name|g" -e "s|@PORT@|$port|g" -e "s|@UPSTREAMS@|$ups|g" -e "s|@USER@|$user|g" \
    "$ROOT/deploy/nginx.conf.template" >"$TMP/$name/nginx.conf"
  nginx -c "$TMP/$name/nginx.conf" -p "$TMP/$name" 2>"$TMP/$name.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done
  cat "$TMP/$name.log" >&2; die "nginx $name does not listen on $port"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
pg_start "$TMP" $((P + 10))
serve sqlite $((P + 1)) "sqlite:$TMP/b.db"
fixture sqlite $((P + 1))
serve pg $((P + 2)) "$PG_URL?schema=bench"
fixture pg $((P + 2))
declare -A URL=([sqlite]=$((P + 1)) [pg]=$((P + 2)))
CONFIGS="sqlite pg"
if [[ $CLUSTER == 1 ]]; then
  serve pg2 $((P + 3)) "$PG_URL?schema=bench"
  nginx_front nginx1 $((P + 4)) $((P + 2))
  nginx_front nginx2 $((P + 5)) $((P + 2)) $((P + 3))
  URL[nginx1]=$((P + 4)); URL[nginx2]=$((P + 5))
  cp "$TMP/pg.ids" "$TMP/nginx1.ids"; cp "$TMP/pg.ids" "$TMP/nginx2.ids"
  CONFIGS="sqlite pg nginx1 nginx2"
fi
log "load average $LOAD_BEFORE; PostgreSQL $PG_URL; tmp $TMP"

: >"$TMP/rows"
for ((r = 1; r <= ROUNDS; r++)); do
  for cfg in $CONFIGS; do
    for c in $CASES; do
      (( SECONDS + 40 <= TIME_LIMIT )) || { log "time limit: round $r $cfg $c skipped"; continue; }
      # shellcheck disable=SC1090
      ( source "$TMP/$cfg.ids"; export PAGE_ID MANY_PAGE_IDS DS_ID=$CATALOG_DATA_SOURCE_ID
        script=$BENCH/patch_seed.lua; [[ $c == query ]] && script=$BENCH/query_ds.lua
        [[ $c == many ]] && script=$BENCH/patch_many.lua
        url=http://127.0.0.1:${URL[$cfg]}
        timeout -k 5 60 wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url" >/dev/null
        timeout -k 5 90 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$script" "$url" >"$TMP/wrk.out" 2>&1 ) \
        || { cat "$TMP/wrk.out" >&2; die "$cfg $c: wrk failed"; }
      cp "$TMP/wrk.out" "$TMP/$cfg.$c.$r.wrk"
      awk -v cfg="$cfg" -v c="$c" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^Requests\/sec:/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { bad += $NF } /Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
        END { printf "%s %s %.0f %.2f %.2f %d\n", cfg, c, rps, p50, p99, bad }' "$TMP/wrk.out" >>"$TMP/rows"
      log "round $r: $(tail -1 "$TMP/rows")"
    done
  done
done

echo
echo "bench/pg_vs_sqlite.sh, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) CPUs;" \
  "wrk -t1 -c$CONNECTIONS -d$DURATION --timeout 10s --latency after a $WARMUP warm-up, nothing pinned; PostgreSQL 15 fsync=${PG_FSYNC:-on};" \
  "load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$TMP/rows" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    cfg, case, rps, p50, p99, bad = line.split()
    rows.setdefault((case, cfg), []).append((float(rps), float(p50), float(p99), int(bad)))
med = statistics.median
print("\n| Case | Config | rounds | req/s (median; each round) | vs sqlite | p50 (ms) | p99 (ms) | errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (case, cfg), v in rows.items():
    r = med(x[0] for x in v)
    base = med(x[0] for x in rows[(case, "sqlite")]) if (case, "sqlite") in rows else r
    each = " ".join(f"{x[0]:,.0f}" for x in v)
    print(f"| {case} | {cfg} | {len(v)} | {r:,.0f} ({each}) | {r / base:.2f} | {med(x[1] for x in v):.2f} | "
          f"{med(x[2] for x in v):.2f} | {sum(x[3] for x in v)} |")
PY
