// The request pipeline, independent of the socket: a parsed HTTP request in, a status
// and body out. Checks of /v1 run in the order Notion answers them (docs/compat.md):
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
#include "http/response.h"
#include "http/routes.h"
#include "service/service.h"

namespace localnotion::http {

struct Request {
  std::string method;                         // "GET", "PATCH", ...
  std::string target;                         // path and query as received
  std::optional<std::string> authorization;   // header value
  std::optional<std::string> notion_version;  // header value
  std::string host;                           // Host header, for absolute URLs
  std::string content_type;                   // Content-Type header (multipart uploads)
  std::string accept;                         // Accept header (the landing page)
  std::string body;
};

// Runs a request on the route it matched (routes.h), with its group's authentication:
// /v1 the bearer token of an integration, /_localnotion/ the admin token (admin.cc),
// /_localnotion/files/ the link's signature (hosted_files.cc).
//
// Thread-safe: Handle runs on many worker threads at once. Each request runs in a
// transaction of its own (service::RunInTxn): a read transaction for the routes that
// only read (ReadsOnly in pipeline.cc), so that they run in parallel, and a write
// transaction otherwise.
class Pipeline {
 public:
  Pipeline(storage::Store& store, service::ServiceState& state, std::string admin_token, RateLimit rate_limit = {})
      : store_(store), state_(state), admin_token_(std::move(admin_token)), limiter_(rate_limit) {}
  // Matches the request, then answers it as below.
  Response Handle(const Request& request);
  // Answers a request the server has matched already; `match` is MatchRoute of the
  // request's method and target.
  Response Handle(const Request& request, const MatchedRoute& match);
  // What GET /metrics and the landing page show; set before serving.
  void SetServerInfo(ServerInfo info) { info_ = std::move(info); }
  // Counted by the server once each answer is sent.
  Metrics& metrics() { return metrics_; }
  // With it set, each /v1 answer carries the integration that made the request
  // (Response::integration_id), for the access log; off, nothing is copied.
  void ReportIntegration(bool on) { report_integration_ = on; }
  // The answer to a body over the 500 KB limit.
  Response TooLarge();
  // The answer to a /send body over the upload limit (`limit_bytes`).
  Response UploadTooLarge(int64_t limit_bytes);

 private:
  Response HandleApi(const Request& request, const MatchedRoute& match, const std::string& request_id, LogEntry& log);
  // The admin API (admin.cc).
  Response HandleAdmin(const Request& request, const MatchedRoute& match, const std::string& request_id);
  // GET /_localnotion/files/{id}/{name}?expires=&signature= (hosted_files.cc).
  Response HandleHostedFile(const Request& request, const MatchedRoute& match, const std::string& request_id);
  Response HandleOAuth(const Request& request, const MatchedRoute& match, const std::string& request_id);

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
  Metrics metrics_;
  ServerInfo info_;
  bool report_integration_ = false;
};

// Whether an Accept header asks for HTML (a browser's does; an API client's does not).
bool AcceptsHtml(std::string_view accept);

// The bearer token of an Authorization header, if it has the form "Bearer <token>".
std::optional<std::string> BearerToken(const std::optional<std::string>& header);

}  // namespace localnotion::http
