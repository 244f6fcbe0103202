// The whole HTTP pipeline from raw request bytes (http/pipeline.h), on an in-memory
// store loaded with examples/grocery.json (token "secret_grocery_list_token", admin
// token "fuzz-admin-token"). The input is up to kMaxRequests HTTP/1.1 requests back to
// back, read with Beast's request_parser as src/http/server.cc reads them (the header
// first, the route matched, then the body under the route's limit) and handed to the
// pipeline the same way; a write's answer is awaited until durable, as the server does.
//
// Every input starts from the same state: a fresh ServiceState and Pipeline, ids and the
// clock in deterministic mode, and the fixture loaded again (SeedFixture empties the
// store first) whenever the previous input sent anything but GET (a GET only reads).
// Loading it into the same store takes 5 ms where a new store takes 30: what carries over
// is SQLite's own (free pages, indexes the planner asked for), never a record.
#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/uuid.h"
#include "fuzz/fuzz_util.h"
#include "fuzz/grocery_fixture.h"  // kGroceryFixture, made by fuzz/CMakeLists.txt
#include "http/beast_request.h"
#include "http/pipeline.h"
#include "service/admin/admin.h"
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

// Loads the fixture into `store`; SeedFixture first empties it (docs/fixtures.md).
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

const bool kStrictUtf8 = getenv("LOCALNOTION_FUZZ_STRICT_UTF8") != nullptr;

// `s` with every byte that is not part of a valid UTF-8 sequence replaced by '?'.
std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size() && !(n == 2 && c < 0xC2);
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogate
    }
    if (ok && n == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90) && c <= 0xF4;
    }
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.push_back('?');
      ++i;
    }
  }
  return out;
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
  static storage::Store* store = [] {
    auto opened = storage::OpenStore("memory:");
    if (!opened.ok()) __builtin_trap();
    return opened->release();  // lives as long as the process; never a leak
  }();
  static bool dirty = true;
  UseManualClock(kStart);
  SeedIdGenerator(1);
  if (dirty) {
    Seed(*store);
    dirty = false;
  }
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
    if (req.method != "GET") dirty = true;
    http::Response res = pipeline.Handle(req, match);
    AwaitDurable(res);
    // Every answer of the API is JSON (hosted files answer with their bytes). The check
    // reads the body with invalid UTF-8 replaced unless LOCALNOTION_FUZZ_STRICT_UTF8 is
    // set (issue 15, defect 9, since fixed; docs/fuzzing.md).
    if (res.content_type.empty() && !ParseJson(kStrictUtf8 ? res.body : ReplaceInvalidUtf8(res.body))) {
      fprintf(stderr, "not JSON (status %d): %s\n", res.status, res.body.c_str());
      __builtin_trap();
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
