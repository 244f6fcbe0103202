// The request pipeline, independent of the socket: a parsed HTTP request in, a status
// and body out. Checks of /v1 run in the order Notion answers them (docs/compat.md):
//   1. route and method        -> 400 invalid_request_url
//   2. JSON body               -> 400 invalid_json
//   3. Authorization           -> 401 unauthorized
//   4. Notion-Version          -> 400 missing_version
//   5. the endpoint: path and body validation, existence (404), the write.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/faults.h"
#include "http/rate_limit.h"
#include "http/request_log.h"
#include "http/response.h"
#include "http/routes.h"
#include "service/service.h"
#include "service/workspaces/workspaces.h"

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
  // Every header field but those that carry secrets (Authorization, Proxy-Authorization,
  // Cookie), for the request log.
  HeaderFields headers;
};

// Runs a request on the route it matched (routes.h), with its group's authentication:
// /v1 the bearer token of an integration, /_localnotion/ the admin token (admin.cc),
// /_localnotion/files/ the link's signature (hosted_files.cc).
//
// Thread-safe: Handle runs on many worker threads at once. Each request runs in a
// transaction of its own (service::RunInTxn): a read transaction for the routes that
// only read (ReadsOnly in pipeline.cc), so that they run in parallel, and a write
// transaction otherwise.
//
// Workspaces (docs/workspaces.md): a /v1 request runs in the workspace its bearer token
// belongs to (service/workspaces/); an admin request in the workspace its path names
// (/_localnotion/workspaces/{id}/..., routes.h), else in the default one. Each workspace
// has its own request log and faults.
//
// Instances over one PostgreSQL (docs/storage.md): the rate limit, the faults and the
// request logs live in the store (storage/shared_controls.h), so that every instance
// sees the same ones; over SQLite they are this process's own.
class Pipeline {
 public:
  // Serves the workspaces of `workspaces`; `admin_token` may act on every one of them.
  Pipeline(service::workspaces::Registry& workspaces, std::string admin_token, RateLimit rate_limit = {})
      : workspaces_(workspaces), admin_token_(std::move(admin_token)), limiter_(rate_limit) {
    ShareControls();
  }
  // Serves `store` as the default workspace (its workspaces' stores are in memory).
  Pipeline(storage::Store& store, service::ServiceState& state, std::string admin_token, RateLimit rate_limit = {})
      : owned_workspaces_(std::make_unique<service::workspaces::Registry>(store, state, "memory:")),
        workspaces_(*owned_workspaces_),
        admin_token_(std::move(admin_token)),
        limiter_(rate_limit) {
    ShareControls();
  }
  // Matches the request, then answers it as below.
  Response Handle(Request request);
  // Answers a request the server has matched already; `match` is MatchRoute of the
  // request's method and target. Taken by value: its header fields and body move into
  // the request log once answered, so that a caller done with it moves it in.
  Response Handle(Request request, const MatchedRoute& match);
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
  // The request log and faults of a workspace (the default's are log_ and faults_).
  struct WorkspaceTools {
    RequestLog log;
    Faults faults;
  };
  std::shared_ptr<WorkspaceTools> ToolsOf(service::workspaces::Workspace& ws);
  // Moves the limit and the default workspace's log and faults into the main store
  // when it shares them (PostgreSQL).
  void ShareControls();
  void ForgetTools(const std::string& workspace_id);

  // Sets `tools` to those of the workspace the request ran in.
  Response HandleApi(const Request& request, const MatchedRoute& match, const std::string& request_id, LogEntry& log,
                     std::shared_ptr<WorkspaceTools>& tools);
  // The admin API (admin.cc).
  Response HandleAdmin(const Request& request, const MatchedRoute& match, const std::string& request_id);
  // GET /_localnotion/files/{id}/{name}?expires=&signature= (hosted_files.cc).
  Response HandleHostedFile(const Request& request, const MatchedRoute& match, const std::string& request_id);
  Response HandleOAuth(const Request& request, const MatchedRoute& match, const std::string& request_id);

  std::unique_ptr<service::workspaces::Registry> owned_workspaces_;
  service::workspaces::Registry& workspaces_;
  std::string admin_token_;
  std::shared_ptr<WorkspaceTools> default_tools_ = std::make_shared<WorkspaceTools>();
  std::mutex tools_mu_;
  std::unordered_map<std::string, std::shared_ptr<WorkspaceTools>> tools_;  // by workspace id
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
