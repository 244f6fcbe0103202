#!/usr/bin/env bash
# `make run-cluster`: PostgreSQL 15, INSTANCES localnotion servers over one store in it,
# and nginx in front, all on 127.0.0.1, in the foreground; Ctrl-C stops everything and
# deletes the cluster's temporary directory (PostgreSQL's data included).
#
#   PORT=8787 INSTANCES=2 deploy/run-cluster.sh
#
# nginx listens on PORT, the instances on PORT+1.., PostgreSQL on PORT+100. Every
# instance gets the same --token and --admin-token (printed at start), and the store is
# the schema `localnotion` of the database `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LOCALNOTION_BIN:-build/localnotion}
PG_BIN=${LOCALNOTION_PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-8787}
INSTANCES=${INSTANCES:-2}
PG_PORT=$((PORT + 100))
TOKEN=${LOCALNOTION_TOKEN:-secret_cluster_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
ADMIN=${ADMIN_TOKEN:-admin_cluster_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
[[ -x $BIN ]] || { echo "run-cluster: no $BIN (make build)" >&2; exit 1; }
[[ -x $PG_BIN/initdb ]] || { echo "run-cluster: no $PG_BIN/initdb (make deps installs postgresql-15)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "run-cluster: no nginx (make deps installs nginx-light)" >&2; exit 1; }

DIR=$(mktemp -d /tmp/ln-cluster-XXXXXX)
AS_PG=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$DIR"
  AS_PG=(runuser -u postgres --)
fi
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" stop -m fast -D "$DIR/pg" >/dev/null 2>&1 || true
  rm -rf "$DIR"
  echo "run-cluster: stopped"
}
trap cleanup EXIT INT TERM

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/pg" --no-locale -E UTF8 -A trust -U postgres -N >"$DIR/initdb.log"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" start -w -D "$DIR/pg" -l "$DIR/pg/server.log" \
  -o "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1" >/dev/null
DB="postgresql://postgres@127.0.0.1:$PG_PORT/postgres?schema=localnotion"
"$BIN" migrate --db "$DB"

UPSTREAMS=""
for i in $(seq 1 "$INSTANCES"); do
  port=$((PORT + i))
  "$BIN" serve --host 127.0.0.1 --port "$port" --db "$DB" --token "$TOKEN" --admin-token "$ADMIN" \
    >"$DIR/instance-$i.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    grep -q "localnotion listening on" "$DIR/instance-$i.log" && break
    sleep 0.1
  done
  grep -q "localnotion listening on" "$DIR/instance-$i.log" || { cat "$DIR/instance-$i.log" >&2; exit 1; }
  UPSTREAMS+="server 127.0.0.1:$port max_fails=1 fail_timeout=2s; "
done

USER_LINE=""
[[ $(id -u) -eq 0 ]] && USER_LINE="user root;"
sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@UPSTREAMS@|$UPSTREAMS|g" -e "s|@USER@|$USER_LINE|g" \
  deploy/nginx.conf.template >"$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR" &
PIDS+=($!)

echo "localnotion cluster: http://127.0.0.1:$PORT (nginx) -> $INSTANCES instances on ports $((PORT + 1))..$((PORT + INSTANCES))"
echo "localnotion store: $DB"
echo "localnotion token: $TOKEN"
echo "localnotion admin token: $ADMIN"
echo "localnotion logs: $DIR/instance-*.log, $DIR/nginx-error.log (Ctrl-C stops everything)"
wait -n "${PIDS[@]}"
