# localnotion: `make run` installs, builds and starts the server on SQLite;
# `make test` installs, builds and runs every test. Both work on a fresh Debian 12.

BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
TSAN_DIR    ?= build-tsan
FUZZ_DIR    ?= build-fuzz
# Seconds each fuzz target runs in `make fuzz` (CI: 20).
FUZZ_SECONDS ?= 60
JOBS        ?= $(shell nproc)
# ccache, when the machine has it, only speeds up rebuilds. CI (CI=true) builds without it:
# its clone is new and in a folder of its own, so ccache missed nearly every file there,
# and a compiler launcher turns off the precompiled headers and the unity build that
# halve a clean build (docs/development.md, "CI time").
LAUNCHER    := $(if $(filter true,$(CI)),,$(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache))
SUDO        := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
DEB_PACKAGES := build-essential cmake pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
  libsimdjson-dev libsqlite3-dev libssl-dev libcli11-dev libfmt-dev libspdlog-dev libgtest-dev libgmock-dev \
  libbenchmark-dev libgoogle-perftools-dev libre2-dev libmd4c-dev libmd4c-html0 sqlite3 tzdata wrk clang libclang-rt-14-dev clang-format lld \
  libpq-dev postgresql-15 nginx-light chromium firefox-esr fonts-noto-color-emoji openssl ca-certificates

.PHONY: all deps node-deps ui ui-test build server run test dist dist-test unit-test format-check e2e e2e-postgres e2e-firefox run-cluster test-sanitize test-sanitize-e2e test-tsan fuzz fuzz-smoke bench clean

all: build

# Installs only what is missing, so it is quick and quiet when everything is there.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm )

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(LAUNCHER)

# The web UI (web/ui, docs/ui.md): npm ci when its lock file changed, npm run build when
# any of its sources did; CMake then compiles web/ui/dist into the binary. Both steps are
# skipped when nothing changed, so a rebuild stays quick.
UI_DIR     := web/ui
UI_SOURCES := $(shell find $(UI_DIR)/src $(UI_DIR)/public -type f 2>/dev/null) $(UI_DIR)/index.html \
  $(UI_DIR)/vite.config.ts $(UI_DIR)/tsconfig.json $(UI_DIR)/package.json

$(UI_DIR)/node_modules/.package-lock.json: $(UI_DIR)/package-lock.json
	cd $(UI_DIR) && npm ci --no-audit --no-fund

$(UI_DIR)/dist/index.html: $(UI_DIR)/node_modules/.package-lock.json $(UI_SOURCES)
	cd $(UI_DIR) && npm run build

ui: deps $(UI_DIR)/dist/index.html

# The UI's unit tests (Vitest).
ui-test: ui
	cd $(UI_DIR) && npm test

build: deps ui $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The server alone, without the unit tests: what `make run` starts and what the e2e,
# golden and browser suites drive. The unit tests run in the ASan/UBSan build
# (`unit-test` below), so `make test` compiles them once, not twice.
server: deps ui $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS) --target localnotion

run: server
	./$(BUILD_DIR)/localnotion serve

format-check: deps
	tools/format_check.sh

# The unit tests (with the replay of every fuzz target's corpus), built with AddressSanitizer
# and UndefinedBehaviorSanitizer: stricter than a release build, and CI needs that build
# anyway. A release build's tests run with `cd build && ctest` after `make build`.
unit-test: test-sanitize format-check ui-test
	tools/check_layers.sh

node-deps: deps
	cd tests/e2e && npm ci --no-audit --no-fund

e2e: server node-deps
	cd tests/e2e && LOCALNOTION_BIN=$(CURDIR)/$(BUILD_DIR)/localnotion npm test
	LOCALNOTION_BIN=$(CURDIR)/$(BUILD_DIR)/localnotion node --test tests/golden/

# The same e2e and golden suites with every server over PostgreSQL: each test process
# starts a real PostgreSQL 15 (tests/e2e/lib/postgres.js) and each server gets a fresh
# schema of it. Files whose subject is SQLite itself skip those tests, saying why.
e2e-postgres: server node-deps
	cd tests/e2e && LOCALNOTION_DB=postgres LOCALNOTION_BIN=$(CURDIR)/$(BUILD_DIR)/localnotion ../../tools/run_tap.sh npm test
	LOCALNOTION_DB=postgres LOCALNOTION_BIN=$(CURDIR)/$(BUILD_DIR)/localnotion tools/run_tap.sh node --test tests/golden/

# The browser tests again in Debian's Firefox ESR, driven over WebDriver BiDi
# (tests/e2e/lib/browser.js, docs/ui.md): the web UI, the landing page and the OAuth
# authorize page, on SQLite (about 50 s). The 10k-row measurement stays Chromium's: it
# reads Chromium's trace.
E2E_BROWSER_TESTS := test/66-browser-landing.test.js test/80-ui.test.js test/83-ui-workspaces.test.js test/91-oauth-browser.test.js
e2e-firefox: server node-deps
	cd tests/e2e && LOCALNOTION_BROWSER=firefox LOCALNOTION_BIN=$(CURDIR)/$(BUILD_DIR)/localnotion \
	  ../../tools/run_tap.sh node --test --test-concurrency=1 --test-timeout=120000 $(E2E_BROWSER_TESTS)

# Every test, as CI runs it (.ci/run). The e2e and golden suites run twice: on SQLite
# against the ASan/UBSan server (test-sanitize-e2e, which also fails on any sanitizer
# report) and on PostgreSQL against the release server, which the browser and dist tests
# use too; then ThreadSanitizer, then the fuzz smoke. `make e2e` runs the SQLite pass against the release server.
test: unit-test test-sanitize-e2e e2e-postgres e2e-firefox dist-test test-tsan fuzz-smoke

# The release artifacts (docs/development.md, "Release artifacts"): dist/localnotion with the
# shared libraries it carries in dist/lib, dist/localnotion_<version>_amd64.deb and the npm
# package dist/localnotion-<version>.tgz. The portable binary links the objects of
# $(BUILD_DIR) (built here as far as it needs them), so after `make build` this is one link,
# an install and two packings.
DIST_DIR ?= dist
dist: deps ui $(BUILD_DIR)/CMakeCache.txt
	cmake -S . -B $(BUILD_DIR) -DLOCALNOTION_PORTABLE=ON >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target localnotion_portable
	tools/dist.sh $(BUILD_DIR) $(DIST_DIR)

# Proof of them: the binary serving the SDK in a root holding only glibc, the .deb's files,
# and the npm package installed from its tarball into a fresh project (offline) whose
# Vitest suite starts the server from the package (packages/localnotion/test/packed.sh).
dist-test: dist node-deps
	cd tests/e2e && LOCALNOTION_DIST=$(CURDIR)/$(DIST_DIR) node --test --test-concurrency=1 dist/
	packages/localnotion/test/packed.sh $(CURDIR)/$(DIST_DIR)

# PostgreSQL, two servers over one store in it and nginx in front, on 127.0.0.1
# (deploy/run-cluster.sh; PORT=8787 INSTANCES=2 by default).
run-cluster: server
	deploy/run-cluster.sh

# Sanitizer builds use -O1: fast enough to run the suites, and still readable stacks.
# -g1 keeps the line tables a report's stack needs but not the types and locals a
# debugger needs: a quarter less compile time and a third of the object size
# (docs/development.md, "CI time"). For gdb, configure the directory with -g.
SAN_FLAGS := -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" $(LAUNCHER)

# The unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps ui node-deps
	cmake -S . -B $(ASAN_DIR) -DLOCALNOTION_SANITIZE=ON $(SAN_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LOCALNOTION_REQUIRE_POSTGRES=1 ctest -j $(JOBS) --output-on-failure

# The e2e and golden suites against the ASan/UBSan server of $(ASAN_DIR)
# (tools/sanitized_suites.sh fails on any report the server writes, leaks at exit included).
test-sanitize-e2e: test-sanitize
	tools/sanitized_suites.sh address $(ASAN_DIR)

# ThreadSanitizer over the tests of the code that runs on several threads (the loop
# threads, the SQLite store's group commit and readers, the pipeline, the service on a
# shared store) and an e2e smoke of the multi-threaded server.
TSAN_TESTS := loop_threads_test storage_test store_conformance_test http_test service_test
TSAN_E2E   := test/01-seed.test.js test/07-durability.test.js test/15-query.test.js test/28-no-stall.test.js
test-tsan: deps node-deps
	cmake -S . -B $(TSAN_DIR) -DLOCALNOTION_TSAN=ON $(SAN_FLAGS)
	cmake --build $(TSAN_DIR) -j $(JOBS) --target localnotion $(TSAN_TESTS)
	for t in $(TSAN_TESTS); do \
	  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $$(find $(TSAN_DIR)/src -name $$t -type f -perm -u+x) \
	    --gtest_brief=1 || exit 1; \
	done
	tools/sanitized_suites.sh thread $(TSAN_DIR) $(TSAN_E2E)

# The libFuzzer targets (fuzz/, docs/fuzzing.md), built with clang, ASan and UBSan in
# $(FUZZ_DIR), each run for $(FUZZ_SECONDS) s over its corpus; fails on a crash, leak or timeout.
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DLOCALNOTION_FUZZ=ON \
	  -DLOCALNOTION_BUILD_TESTS=OFF $(LAUNCHER)
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	FUZZ_DIR=$(FUZZ_DIR) FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# CI's fuzz smoke: the six targets whose entry points sit below the storage layer (the body,
# filter, formula, rich text and markdown parsers), built with clang as `make fuzz` builds them
# but only as far as they need (about 2 minutes from nothing), each fuzzed for
# $(FUZZ_SMOKE_SECONDS) s. The three that need the whole server below the CLI (multipart,
# fixtures import, pipeline) would need all of it compiled a third time (about 10 minutes):
# CI replays their corpora under ASan instead, and campaigns fuzz them (docs/fuzzing.md).
FUZZ_SMOKE_TARGETS := page_write_fuzz block_write_fuzz query_fuzz formula_fuzz rich_text_fuzz markdown_fuzz
FUZZ_SMOKE_SECONDS ?= 20
fuzz-smoke: deps
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DLOCALNOTION_FUZZ=ON \
	  -DLOCALNOTION_BUILD_TESTS=OFF $(LAUNCHER)
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(FUZZ_SMOKE_TARGETS)
	FUZZ_DIR=$(FUZZ_DIR) FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) fuzz/run.sh $(FUZZ_SMOKE_TARGETS)

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_DIR)
