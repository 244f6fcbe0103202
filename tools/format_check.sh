#!/usr/bin/env bash
# Fails when a C++ file of the tree is not formatted as .clang-format says (Google
# style, 120 columns), except the files still listed in tools/format_pending.txt, which
# are formatted as they are changed: a listed file that is formatted fails too, so that
# the list only shrinks. Runs in `make unit-test`, so in `make test` and CI.
#
#   tools/format_check.sh             # check
#   tools/format_check.sh --fix FILE  # format FILE in place (then drop it from the list)
set -euo pipefail
cd "$(dirname "$0")/.."
FORMAT=${CLANG_FORMAT:-clang-format}
command -v "$FORMAT" >/dev/null || { echo "format_check: $FORMAT not found (apt-get install clang-format)" >&2; exit 2; }
if [[ ${1:-} == --fix ]]; then
  shift
  "$FORMAT" -i "$@"
  exit 0
fi
declare -A pending=()
while read -r line; do
  [[ -z $line || $line == \#* ]] || pending[$line]=1
done <tools/format_pending.txt
bad=0
checked=0
while read -r f; do
  if "$FORMAT" --dry-run --Werror "$f" >/dev/null 2>&1; then
    if [[ -n ${pending[$f]:-} ]]; then
      echo "  formatted now, remove it from tools/format_pending.txt: $f" >&2
      bad=1
    fi
  elif [[ -z ${pending[$f]:-} ]]; then
    echo "  not formatted: $f (tools/format_check.sh --fix $f)" >&2
    bad=1
  fi
  checked=$((checked + 1))
done < <(git ls-files -- 'src/*.h' 'src/*.cc' 'bench/*.cc' 'fuzz/*.cc' 'fuzz/*.h')
if ((bad)); then
  echo "format_check: failed" >&2
  exit 1
fi
echo "format_check: $checked files, $((checked - ${#pending[@]})) in style, ${#pending[@]} pending"
