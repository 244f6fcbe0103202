#!/usr/bin/env bash
# Layers depend in one direction only (DEVELOPERS.md):
#   common <- api <- schema <- validation <- query <- storage <- service <- http <- cli
# Fails when a file includes a header of a layer above its own.
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
exit $status
