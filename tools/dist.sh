#!/usr/bin/env bash
# tools/dist.sh BUILD_DIR OUT_DIR: the release artifacts of `make dist` from a build
# configured with -DLOCALNOTION_PORTABLE=ON whose target localnotion_portable is built
# (docs/development.md, "Release artifacts"):
#   OUT_DIR/localnotion, OUT_DIR/lib/   the portable binary and the shared libraries it
#                                       carries (cmake/dist.cmake); copy both together
#   OUT_DIR/localnotion_<v>_amd64.deb   CPack's package of the same files under /usr
#   OUT_DIR/localnotion-<v>.tgz         the npm package (packages/localnotion), `npm pack`
# It also fails when the binary would need a glibc newer than GLIBC_MINIMUM, the one
# docs/development.md promises, or would load any library from the system but glibc.
set -euo pipefail
build=${1:?usage: tools/dist.sh BUILD_DIR OUT_DIR}
out=${2:?usage: tools/dist.sh BUILD_DIR OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
GLIBC_MINIMUM=2.36

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --component dist --prefix "$stage/usr" --strip >/dev/null

# The libraries the loader resolves for a binary, as "soname path" lines (what ldd shows;
# run directly so that $ORIGIN is the binary's own folder).
loaded() { env -u LD_LIBRARY_PATH LD_TRACE_LOADED_OBJECTS=1 "$1" | awk '$2 == "=>" {print $1, $3}'; }

rm -rf "$out"
mkdir -p "$out/lib"
out=$(cd "$out" && pwd)
cp "$stage/usr/lib/localnotion/localnotion" "$out/"
# lib/ holds each library once, under the name the loader asks for (its soname), as a
# file rather than a symlink: `npm pack` leaves symlinks out.
loaded "$stage/usr/lib/localnotion/localnotion" | while read -r name file; do
  case "$file" in "$stage"/*) cp -L "$file" "$out/lib/$name" ;; esac
done

# Only glibc may come from the system: every other library must resolve inside lib/.
outside=$(loaded "$out/localnotion" | awk '$2 !~ "^'"$out"'/lib/" {print $1}' |
  grep -Ev '^(libc|libm|libresolv|libpthread|libdl|librt)\.so' || true)
if [ -n "$outside" ]; then
  echo "dist: these libraries would come from the system: $outside" >&2
  exit 1
fi
newest=$(for f in "$out/localnotion" "$out"/lib/*; do [ -L "$f" ] || objdump -T "$f"; done |
  grep -o 'GLIBC_2\.[0-9]*' | sort -t. -k2,2n -u | tail -1)
if [ "$(printf '%s\n' "$newest" "GLIBC_$GLIBC_MINIMUM" | sort -V | tail -1)" != "GLIBC_$GLIBC_MINIMUM" ]; then
  echo "dist: the binary needs $newest, newer than GLIBC_$GLIBC_MINIMUM (docs/development.md)" >&2
  exit 1
fi

# The .deb: CPack installs the same component under /usr.
(cd "$build" && cpack -G DEB -B "$stage/deb" >/dev/null)
cp "$stage"/deb/localnotion_*_amd64.deb "$out/"

# The npm package carries the same files in native/ (packages/localnotion/README.md).
pkg="$root/packages/localnotion"
rm -rf "$pkg/native"
mkdir -p "$pkg/native"
cp -a "$out/localnotion" "$out/lib" "$pkg/native/"
(cd "$pkg" && npm pack --pack-destination "$out" --silent >/dev/null)

echo "dist: $(cd "$out" && ls -d localnotion lib localnotion_*.deb localnotion-*.tgz | tr '\n' ' ')(glibc >= $GLIBC_MINIMUM)"
