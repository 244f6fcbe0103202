# shellcheck shell=bash
# What the bench scripts that start one server at a time share: duration parsing, stopping
# the server of $PID, and a cleanup on exit that stops it and removes $TMP (kept with
# KEEP_TMP=1 or when the script fails). The sourcing script defines log() and sets TMP,
# then calls `bench_traps`:
#   source "$BENCH/server_lib.sh"; TMP=$(mktemp -d ...); PID=""; bench_traps
# 10s / 2m / 1h / 500ms / 10 -> whole seconds, at least 1.
secs() { case $1 in *ms) echo 1 ;; *s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *h) echo $(( ${1%h} * 3600 )) ;; *) echo "$1" ;; esac; }

# Stops the server of $PID: SIGTERM, up to 5 s to exit, then SIGKILL. The `|| true`s keep
# `set -e` from ending the script when the server has already exited.
stop_server() {
  [[ -n $PID ]] || return 0
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && { log "server $PID ignored SIGTERM; SIGKILL"; kill -KILL "$PID" 2>/dev/null || true; }
  wait "$PID" 2>/dev/null || true
  PID=""
}

bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  if [[ ${KEEP_TMP:-0} == 1 || $rc -ne 0 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}

# The set-up the scripts that start one server at a time share, after `die`, `log`, HOST,
# PORT, DURATION and WARMUP are defined: DURATION_S and WARMUP_S in seconds, a refusal when
# $HOST:$PORT is taken, TMP (a fresh localnotion-NAME.XXXXXX directory), PID, and the exit
# cleanup.
bench_setup() {
  # shellcheck disable=SC2034,SC2153  # DURATION_S and WARMUP_S are for the sourcing script
  DURATION_S=$(secs "$DURATION")
  # shellcheck disable=SC2034,SC2153
  WARMUP_S=$(secs "$WARMUP")
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null && die "port $PORT on $HOST is in use; set PORT"
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/localnotion-$1.XXXXXX")
  PID=""
  bench_traps
}

bench_traps() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
