#!/usr/bin/env bash
# Runs the e2e files (`npm test`): two at a time, then one at a time those that say
# "// e2e-runs-alone: <why>" near their top (they bound a latency, measure frames or drive
# a browser, and another file's load beside them would make them flaky). Each file starts
# servers of its own on ports of its own (lib/server.js), so files do not share state; the
# two at a time cut the suite's wall time by about a quarter (docs/development.md, "CI time").
#
#   ./run.sh [NODE_TEST_ARG...]     # e.g. --test-timeout=240000
#
# E2E_CONCURRENCY sets how many files run at once in the first part (2). Exits non-zero
# if either part failed; both always run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
alone=()
together=()
for f in test/*.test.js; do
  if head -n 5 "$f" | grep -q '^// e2e-runs-alone: '; then alone+=("$f"); else together+=("$f"); fi
done
node --test --test-concurrency="${E2E_CONCURRENCY:-2}" --test-timeout=120000 "$@" "${together[@]}"
first=$?
node --test --test-concurrency=1 --test-timeout=120000 "$@" "${alone[@]}"
second=$?
(( first == 0 && second == 0 ))
