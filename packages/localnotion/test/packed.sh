#!/usr/bin/env bash
# packages/localnotion/test/packed.sh DIST_DIR: the npm package as a user gets it. Copies
# the project beside this script (test/project: @notionhq/client, Vitest, Jest,
# TypeScript, a lock file) into a fresh temporary folder, installs it (from npm's cache
# where it can: most versions in its lock are in the locks of web/ui or tests/e2e; Jest
# comes from the registry the first time) and DIST_DIR/localnotion-<v>.tgz, type-checks a
# TypeScript use of the package's .d.ts, runs its Vitest suite, which starts the server
# from the package, and a Jest run with the package's Jest global setup
# (`make dist-test`, after `make dist`).
set -euo pipefail
dist=$(cd "${1:?usage: packed.sh DIST_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
version=$(node -p "require('$here/../package.json').version")
tarball="$dist/localnotion-$version.tgz"
[ -f "$tarball" ] || { echo "packed.sh: no $tarball (make dist)" >&2; exit 1; }

project=$(mktemp -d /tmp/localnotion-packed.XXXXXX)
trap 'rm -rf "$project"' EXIT
cp -r "$here/project/." "$project/"
cp "$here/../../../examples/grocery.json" "$project/"
cd "$project"
# No server of an outer run leaks into the suite's environment.
unset LOCALNOTION_BIN LOCALNOTION_BASE_URL LOCALNOTION_ADMIN_TOKEN NOTION_BASE_URL NOTION_API_KEY LOCALNOTION_TOKEN
npm ci --prefer-offline --no-audit --no-fund --loglevel=error
npm install --prefer-offline --no-audit --no-fund --no-save --loglevel=error "$tarball"
npm run --silent typecheck
npx --offline vitest run
npx --offline jest --ci
