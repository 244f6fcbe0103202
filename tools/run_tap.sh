#!/usr/bin/env bash
# Runs a command that writes TAP (`node --test`), passing its output through, and repeats
# each failing test with its diagnostics after it: a CI log shows only its last lines, and
# a suite's failures are otherwise hundreds of lines above its summary.
#
#   tools/run_tap.sh CMD [ARG...]     # exits with CMD's status
#   tools/run_tap.sh --failures FILE  # prints the failing tests of the TAP in FILE
#
# With TAP_KEEP=FILE the output is appended to FILE and the failures are not repeated, so
# that a script running several suites repeats them all at its end (tools/sanitized_suites.sh).
set -uo pipefail

failures() {
  grep -q '^not ok' "$1" || return 0
  echo "failed: each failing test with its diagnostics, again:"
  # A failing test's line and its YAML block, which ends with a line of three dots.
  awk '/^not ok/ {p = 1} p {print} p && /^  \.\.\.$/ {p = 0}' "$1" | head -c 20000
}

if [[ ${1:-} == --failures ]]; then
  failures "$2" >&2
  exit 0
fi
tap=${TAP_KEEP:-$(mktemp "${TMPDIR:-/tmp}/localnotion-tap.XXXXXX")}
"$@" 2>&1 | tee -a "$tap"
status=${PIPESTATUS[0]}
if [[ -z ${TAP_KEEP:-} ]]; then
  failures "$tap" >&2
  rm -f "$tap"
fi
exit "$status"
