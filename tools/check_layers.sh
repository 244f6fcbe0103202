#!/usr/bin/env bash
# Layers depend in one direction only (DEVELOPERS.md):
#   common <- api <- schema <- validation <- query <- storage <- service <- http <- cli
# Fails when a file includes a header of a layer above its own.
# src/testing/ (ln_testing: testing::J, TempDir, the IsOk/ErrorIs matchers, UnitStore) is
# deliberately not in the list: it is test-only, so it may include any layer, and any
# layer's tests may include it. What the script does check for it is the other
# direction: production code (anything but *_test.cc and *_test_util.h) must not
# include testing/, since no production target links ln_testing or GoogleTest.
set -euo pipefail
cd "$(dirname "$0")/../src"
layers=(common api schema validation query storage service http cli)
status=0
for i in "${!layers[@]}"; do
  layer=${layers[$i]}
  for j in "${!layers[@]}"; do
    (( j > i )) || continue
    above=${layers[$j]}
    if hits=$(grep -rn "#include \"$above/" "$layer" 2>/dev/null); then
      echo "layering violation: $layer must not include $above/:"
      echo "$hits"
      status=1
    fi
  done
done
if hits=$(grep -rn '#include "testing/' --include='*.cc' --include='*.h' \
             --exclude='*_test.cc' --exclude='*_test_util.h' --exclude-dir=testing . 2>/dev/null); then
  echo "production code must not include testing/ (test-only):"
  echo "$hits"
  status=1
fi
exit $status
