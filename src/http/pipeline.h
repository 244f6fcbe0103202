// The request pipeline, independent of the socket: a parsed HTTP request in, a status
// and body out. Checks run in Notion's order (reference/notion-api.md §2.3):
//   1. route and method        -> 400 invalid_request_url
//   2. JSON body               -> 400 invalid_json
//   3. Authorization           -> 401 unauthorized
//   4. Notion-Version          -> 400 missing_version
//   5. the endpoint: path and body validation, existence (404), the write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/faults.h"
#include "http/rate_limit.h"
#include "http/request_log.h"
#include "service/service.h"
#include "service/service_state.h"
#include "storage/store.h"

namespace localnotion::http {

struct Request {
  std::string method;                          // "GET", "PATCH", ...
  std::string target;                          // path and query as received
  std::optional<std::string> authorization;    // header value
  std::optional<std::string> notion_version;   // header value
  std::string host;                            // Host header, for absolute URLs
  std::string content_type;                    // Content-Type header (multipart uploads)
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;
  std::string request_id;
  int delay_ms = 0;                 // an injected latency, applied before answering
  std::optional<int> retry_after;   // seconds, sent as Retry-After
  // Empty for JSON; set for the bytes of a hosted file (/_localnotion/files/...).
  std::string content_type = {};
};

// Admin routes live under /_localnotion/ and take the admin token only (admin.cc).
// Thread-safe: Handle runs on many worker threads at once. Each request runs in a
// transaction of its own (service::RunInTxn): a read transaction for the endpoints
// that only read (ReadsOnly in pipeline.cc), so that they run in parallel, and a write
// transaction otherwise.
class Pipeline {
 public:
  Pipeline(storage::Store& store, service::ServiceState& state, std::string admin_token, RateLimit rate_limit = {})
      : store_(store), state_(state), admin_token_(std::move(admin_token)), limiter_(rate_limit) {}
  Response Handle(const Request& request);
  // The answer to a body over the 500 KB limit.
  Response TooLarge();
  // The answer to a /send body over the upload limit (`limit_bytes`).
  Response UploadTooLarge(int64_t limit_bytes);

 private:
  Response HandleApi(const Request& request, const std::string& request_id, LogEntry& log);
  Response HandleAdmin(const Request& request, std::string_view path, const std::string& request_id);
  // Seed, export, page history and the clock (admin_fixtures.cc); nullopt: not one of them.
  std::optional<Response> HandleAdminFixtures(const std::string& method, std::string_view route,
                                              const json::value& body, const std::string& request_id);
  // GET /_localnotion/files/{id}/{name}?expires=&signature= (hosted_files.cc).
  Response HandleHostedFile(const Request& request, std::string_view path, const std::string& request_id);

  // Runs `fn(service)` in a new transaction of `mode` (service::RunInTxn).
  template <class F>
  auto Run(storage::TxnMode mode, F&& fn) {
    return service::RunInTxn(store_, state_, mode, std::forward<F>(fn));
  }

  storage::Store& store_;
  service::ServiceState& state_;
  std::string admin_token_;
  RequestLog log_;
  Faults faults_;
  RateLimiter limiter_;
};

// The bearer token of an Authorization header, if it has the form "Bearer <token>".
// The raw (undecoded) value of `key` in the query string of `target`, "" for a key
// without a value, nullopt when absent.
std::optional<std::string> QueryParam(std::string_view target, std::string_view key);

std::optional<std::string> BearerToken(const std::optional<std::string>& header);

// Compares two secrets in time that does not depend on where they differ.
bool SecretsEqual(std::string_view a, std::string_view b);

// Collapses runs of '/' (SDK users write a baseUrl ending in '/').
std::string CollapseSlashes(std::string_view path);

}  // namespace localnotion::http
