#!/usr/bin/env bash
# Runs end-to-end suites against a sanitizer build of the server (issue 15: "the e2e and
# golden suites also run once against an ASan/UBSan build of the server", and a TSan
# smoke). Every report a sanitizer writes goes to a file under a fresh directory instead
# of the server's stderr, which the suites do not read; the run fails if any report was
# written, even when every test passed (a leak is reported only at a clean exit, after
# the test that caused it has finished).
#
#   tools/sanitized_suites.sh address BUILD_DIR              # all e2e files, then golden
#   tools/sanitized_suites.sh thread BUILD_DIR FILE...       # the named e2e files only
#
# LOCALNOTION_SANITIZER tells the suites that the server is instrumented, so that the
# few assertions on latency allow for its slowdown (tests/e2e/lib/server.js).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kind=$1
bin=$(cd "$2" && pwd)/localnotion
shift 2
reports=$(mktemp -d "${TMPDIR:-/tmp}/localnotion-$kind-reports.XXXXXX")
export LOCALNOTION_BIN=$bin LOCALNOTION_SANITIZER=$kind
case $kind in
  address)
    export ASAN_OPTIONS="detect_leaks=1:log_path=$reports/asan"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
    ;;
  thread)
    export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:log_path=$reports/tsan"
    ;;
  *) echo "unknown sanitizer: $kind" >&2; exit 2 ;;
esac

# The suites' output is kept (TAP_KEEP) so that their failures are repeated at the very
# end: a CI log shows its last lines, and the golden suite runs after the e2e suite.
export TAP_KEEP
TAP_KEEP=$(mktemp "${TMPDIR:-/tmp}/localnotion-$kind-tap.XXXXXX")
status=0
if [[ $# -eq 0 ]]; then
  (cd "$ROOT/tests/e2e" && "$ROOT/tools/run_tap.sh" npm test) || status=1
  (cd "$ROOT" && tools/run_tap.sh node --test tests/golden/) || status=1
else
  (cd "$ROOT/tests/e2e" && "$ROOT/tools/run_tap.sh" node --test --test-concurrency=1 --test-timeout=240000 "$@") ||
    status=1
fi
"$ROOT/tools/run_tap.sh" --failures "$TAP_KEEP"
rm -f "$TAP_KEEP"

if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports ($kind) written by the server during the suites:" >&2
  for f in "$reports"/*; do echo "==> $f" >&2; head -c 20000 "$f" >&2; done
  status=1
fi
rm -rf "$reports"
exit $status
