# shellcheck shell=bash disable=SC2034  # PG_URL and PG_BIN are for the scripts that source this file
# Sourced by the bench/ scripts that need a PostgreSQL 15 of their own:
#   source bench/pg_lib.sh; pg_start DIR PORT; ... "$PG_URL" ...; pg_stop
# pg_start runs initdb into DIR/pg (as the `postgres` user when run as root: PostgreSQL
# refuses root) and starts the server on 127.0.0.1:PORT with its socket in DIR, as
# tests/e2e/lib/postgres.js does. fsync stays on (PG_FSYNC=off turns it off) and
# synchronous_commit is the default (on): a commit waits for its WAL flush, as in a real
# deployment. The caller's EXIT trap must call pg_stop.
PG_BIN=${LOCALNOTION_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DATA=""
PG_URL=""

pg_as() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {  # DIR PORT
  local dir=$1 port=$2
  [[ -x $PG_BIN/initdb ]] || { echo "pg_lib: no $PG_BIN/initdb (make deps installs postgresql-15)" >&2; return 1; }
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  pg_as "$PG_BIN/initdb" -D "$dir/pg" --no-locale -E UTF8 -A trust -U postgres -N >"$dir/initdb.log"
  PG_DATA=$dir/pg
  pg_as "$PG_BIN/pg_ctl" start -w -t 60 -D "$PG_DATA" -l "$dir/postgres.log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on} -c max_connections=200" >/dev/null
  PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

pg_stop() {
  [[ -n $PG_DATA ]] || return 0
  pg_as "$PG_BIN/pg_ctl" stop -w -m fast -D "$PG_DATA" >/dev/null 2>&1 || true
  PG_DATA=""
}
