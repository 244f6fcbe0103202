#!/usr/bin/env bash
# Runs each fuzz target for FUZZ_SECONDS over its corpus: `make fuzz` (docs/fuzzing.md).
#   fuzz/run.sh [target...]      all targets by default
# Environment: FUZZ_DIR (the LOCALNOTION_FUZZ=ON build, default build-fuzz), FUZZ_SECONDS
# (default 60), FUZZ_ARGS (more libFuzzer flags, e.g. -jobs=1 for a campaign).
# New inputs go to $FUZZ_DIR/corpus/<target> (the committed seeds in fuzz/corpus/<target>
# are only read); a crash, leak or timeout leaves its input in $FUZZ_DIR/artifacts/<target>/
# and makes the script exit 1 after the other targets have run.
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
ALL_TARGETS=(page_write_fuzz block_write_fuzz query_fuzz formula_fuzz multipart_fuzz rich_text_fuzz markdown_fuzz
             fixtures_import_fuzz pipeline_fuzz)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  bin="$FUZZ_DIR/fuzz/$t"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is not built (make fuzz builds it)" >&2
    failed+=("$t")
    continue
  fi
  mkdir -p "$FUZZ_DIR/corpus/$t" "$FUZZ_DIR/artifacts/$t" "$FUZZ_DIR/logs"
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  log="$FUZZ_DIR/logs/$t.log"
  echo "fuzz: $t for ${FUZZ_SECONDS}s (log: $log)"
  # shellcheck disable=SC2086
  "$bin" "$FUZZ_DIR/corpus/$t" "fuzz/corpus/$t" "${dict[@]}" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$FUZZ_DIR/artifacts/$t/" ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  # libFuzzer's timeout is wall-clock time: a process the machine stops or starves for
  # 10 s reports one. A timeout counts only when its input is slow again on its own.
  timeout_input=$(grep -ao "Test unit written to .*timeout-[0-9a-f]*" "$log" | sed 's/.*written to //' | tail -1)
  if [ $rc -ne 0 ] && [ -n "$timeout_input" ] && ! grep -aq "ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:\|deadly signal" "$log"; then
    if "$bin" -timeout=10 -rss_limit_mb=2048 "$timeout_input" >"$log.recheck" 2>&1; then
      echo "fuzz: $t: the timeout of $timeout_input did not reproduce (the process was descheduled); not a finding" >&2
      rc=0
    fi
  fi
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); the end of $log:" >&2
    tail -n 60 "$log" >&2
    failed+=("$t")
  else
    echo "fuzz: $t ok, ${runs:-?} executions"
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: failed: ${failed[*]} (inputs in $FUZZ_DIR/artifacts/)" >&2
  exit 1
fi
