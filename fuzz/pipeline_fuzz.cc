// The whole HTTP pipeline from raw request bytes (http/pipeline.h), on an in-memory
// store loaded with examples/grocery.json (token "secret_grocery_list_token", admin
// token "fuzz-admin-token"). The input is up to kMaxRequests HTTP/1.1 requests back to
// back, read with Beast's request_parser as src/http/server.cc reads them (the header
// first, the route matched, then the body under the route's limit) and handed to the
// pipeline the same way; a write's answer is awaited until durable, as the server does.
// No answer may be a 500, and every answer of the API must be JSON in valid UTF-8.
//
// Every input starts from the same state: a fresh ServiceState and Pipeline, the clock
// fixed and ids in deterministic mode (seed 2: the fixture was loaded with seed 1, so ids
// made by an input never repeat the ids that loading the fixture made), and, whenever the
// previous input began a write transaction, the working store's writes since the fixture
// undone (SqliteStore::HoldWrites: the store never commits, and UndoHeldWrites rolls its
// one transaction back) under a new CachingStore. Rolling back keeps SQLite's parsed
// schema and prepared statements, which a copy of the store (CopyFrom, SQLite's backup
// API) made SQLite build again on every input that wrote; the copy from a template store
// is now only the fallback for an input after which the rollback fails (docs/fuzzing.md
// has the rates).
#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <future>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/utf8.h"
#include "common/uuid.h"
#include "fuzz/fuzz_util.h"
#include "fuzz/grocery_fixture.h"  // kGroceryFixture, made by fuzz/CMakeLists.txt
#include "http/beast_request.h"
#include "http/pipeline.h"
#include "service/admin/admin.h"
#include "storage/caching_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

using namespace localnotion;  // NOLINT
namespace bhttp = boost::beast::http;

namespace {

constexpr size_t kMaxRequests = 8;
constexpr size_t kMaxInput = 256 * 1024;
constexpr size_t kMaxBodyBytes = 500 * 1024;           // server.cc
constexpr uint64_t kUploadLimit = 21 * 1024 * 1024;    // server.cc: the upload part limit + 1 MB
constexpr Millis kStart = 1735689600000;               // 2025-01-01T00:00:00.000Z
constexpr const char* kAdminToken = "fuzz-admin-token";

// Loads the fixture into `store` (docs/fixtures.md).
void Seed(storage::Store& store) {
  static const json::value fixture = *ParseJson(kGroceryFixture);
  service::ServiceState state;
  auto seeded = service::RunInTxn(store, state, storage::TxnMode::kWrite, [&](service::Context& ctx) -> Result<bool> {
    LN_RETURN_IF_ERROR(service::admin::SeedFixture(ctx, fixture));
    return true;
  });
  if (!seeded.ok()) {
    fprintf(stderr, "fixture: %s\n", seeded.error().message.c_str());
    __builtin_trap();
  }
}

// The working store as the pipeline sees it: forwards to a store it does not own (so
// that a new CachingStore can be put over the same SqliteStore) and notes whether a
// write transaction began.
class NotingStore final : public storage::Store {
 public:
  explicit NotingStore(storage::Store& inner, bool& wrote) : inner_(inner), wrote_(wrote) {}
  Result<std::unique_ptr<storage::Txn>> Begin(storage::TxnMode mode) override {
    if (mode == storage::TxnMode::kWrite) wrote_ = true;
    return inner_.Begin(mode);
  }

 private:
  storage::Store& inner_;
  bool& wrote_;
};

std::unique_ptr<storage::SqliteStore> OpenMemory() {
  auto opened = storage::SqliteStore::Open(":memory:");
  if (!opened.ok()) __builtin_trap();
  return std::move(*opened);
}

// Waits for a write's answer as server.cc does.
void AwaitDurable(const http::Response& r) {
  if (!r.durable) return;
  std::promise<void> done;
  if (r.durable->OnComplete([&done] { done.set_value(); })) done.get_future().wait();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  // Both live as long as the process (never a leak).
  static storage::SqliteStore* const kTemplate = [] {
    UseManualClock(kStart);
    SeedIdGenerator(1);
    storage::SqliteStore* t = OpenMemory().release();
    Seed(*t);
    return t;
  }();
  static storage::SqliteStore* const kWorking = [] {
    storage::SqliteStore* w = OpenMemory().release();
    if (!w->CopyFrom(*kTemplate).ok() || !w->HoldWrites().ok()) __builtin_trap();
    return w;
  }();
  static std::unique_ptr<storage::Store> store;
  static bool wrote = true;
  if (wrote) {
    store.reset();
    if (!kWorking->UndoHeldWrites().ok()) {
      // SQLite ended the held transaction on its own: copy the fixture again.
      if (!kWorking->CopyFrom(*kTemplate).ok() || !kWorking->HoldWrites().ok()) __builtin_trap();
    }
    store = std::make_unique<storage::CachingStore>(std::make_unique<NotingStore>(*kWorking, wrote));
    wrote = false;
  }
  UseManualClock(kStart);
  SeedIdGenerator(2);
  service::ServiceState state;
  http::Pipeline pipeline(*store, state, kAdminToken);

  std::string_view rest = fuzz::AsText(data, size);
  for (size_t n = 0; n < kMaxRequests && !rest.empty(); ++n) {
    bhttp::request_parser<bhttp::string_body> parser;
    boost::system::error_code ec;
    // The header first.
    parser.eager(false);
    parser.body_limit(kUploadLimit);
    while (!parser.is_header_done()) {
      size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      if (ec || used == 0) break;
    }
    if (!parser.is_header_done()) return 0;  // the server closes the connection
    http::MatchedRoute match = http::MatchRoute(parser.get().method_string(), parser.get().target());
    const bool upload = match.route != nullptr && match.route->raw_body;
    if (!upload) {
      if (auto length = parser.content_length(); length && *length > kMaxBodyBytes) {
        (void)pipeline.TooLarge();
        return 0;  // answered, then the connection is closed
      }
      parser.body_limit(kMaxBodyBytes);
    }
    parser.eager(true);
    while (!parser.is_done()) {
      size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      if (ec == bhttp::error::need_more && rest.empty()) parser.put_eof(ec);
      if (ec || used == 0) break;
    }
    if (ec == bhttp::error::body_limit) {
      (void)(upload ? pipeline.UploadTooLarge(20 * 1024 * 1024) : pipeline.TooLarge());
      return 0;
    }
    if (!parser.is_done()) return 0;

    auto& msg = parser.get();
    http::Request req = http::RequestFromBeast(msg);
    http::Response res = pipeline.Handle(req, match);
    AwaitDurable(res);
    // Every answer of the API is JSON in valid UTF-8 (hosted files answer with their
    // bytes): invalid UTF-8 that a request brings is replaced in error messages (issue 15,
    // defect 9, docs/fuzzing.md).
    if (res.content_type.empty()) {
      if (!IsValidUtf8(res.body)) {
        fprintf(stderr, "not UTF-8 (status %d): %s\n", res.status, res.body.c_str());
        __builtin_trap();
      }
      if (!ParseJson(res.body)) {
        fprintf(stderr, "not JSON (status %d): %s\n", res.status, res.body.c_str());
        __builtin_trap();
      }
    }
    // No input may make the server fail (a 500 is a bug; 502-504 are injected or timed).
    if (res.status == 500) {
      fprintf(stderr, "500: %s\n", res.body.c_str());
      __builtin_trap();
    }
    if (!msg.keep_alive()) break;
  }
  return 0;
}
