// The one route table of the server: every route of /v1 (Notion's public API), of the
// admin API under /_localnotion/ and of hosted files under /_localnotion/files/. A row
// names its method, path template, the group's authentication, the Notion-Version range
// it answers, the query keys it reads and its handler. A path template segment "{}"
// matches one segment; a last segment "{*}" matches the rest of the path, empty included.
//
// The server matches a request once (MatchRoute), before reading its body, so that the
// body limit follows the route; the pipeline then runs the matched route.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/version.h"
#include "http/faults.h"
#include "http/metrics.h"
#include "http/response.h"
#include "service/service.h"
#include "service/service_state.h"
#include "service/uploads/uploads.h"
#include "service/workspaces/workspaces.h"
#include "storage/store.h"

namespace localnotion::http {

class Faults;
class RateLimiter;
class RequestLog;

// How a route group authenticates. Each group has one policy.
enum class Auth {
  // /v1: "Authorization: Bearer <integration token>", checked after the route and the
  // JSON body, as Notion does (https://developers.notion.com/reference/authentication).
  kBearerToken,
  // /_localnotion/: the admin token as a bearer token; integration tokens never work.
  kAdminToken,
  // /_localnotion/files/: no header; the HMAC signature in the link is the permission.
  kUrlSignature,
  // GET /, GET /metrics and GET /_localnotion/ready: nothing to check; they show no
  // workspace content and no token (OpenRoutes below).
  kNone,
  // /v1/oauth/: the authorize page (a person in a browser) and the token endpoints (HTTP
  // Basic client_id:client_secret); each handler checks what it needs (OAuthRoutes).
  kOAuth,
};

struct RouteArgs {
  std::vector<std::string> params;                // the "{}" segments, in order
  std::multimap<std::string, std::string> query;  // decoded query parameters the route names
  const json::value* body = nullptr;              // {} when the request had none
  // Routes with `raw_body` get the body as received instead (and `body` is {}).
  const std::string* raw_body = nullptr;
  std::string content_type;  // the Content-Type header

  // The first value of `key`, nullopt when absent.
  std::optional<std::string> Query(const std::string& key) const;
  std::vector<std::string> QueryAll(const std::string& key) const;
};

// What an admin handler may touch: the store (through Run) and the server's test state.
struct AdminState {
  storage::Store& store;  // of the workspace the request acts on
  service::ServiceState& state;
  RequestLog& log;
  Faults& faults;
  service::workspaces::Registry& workspaces;
  service::workspaces::Workspace& workspace;
  // The server's rate limit, one for all its workspaces (rate_limit.h).
  RateLimiter& limiter;
  // Whether the request came with the server's admin token rather than a workspace's.
  bool server_token = true;
  // Set by Durably(): the answer waits for the report of a write committed
  // asynchronously (the catalog's, service/workspaces/workspaces.h).
  std::shared_ptr<Durability> durable = nullptr;

  // A callback for a write's CommitAsync whose report the answer waits for. Call once
  // per request.
  storage::Txn::DurableCallback Durably() {
    durable = std::make_shared<Durability>();
    return [d = durable](Status status) { d->Complete(std::move(status)); };
  }

  // An exception fault matched the request (faults.h): Run throws inside the
  // transaction once `fn` has done its work.
  bool throw_inside = false;

  // Runs `fn(ctx)` in a new transaction of `mode` (service::RunInTxn).
  template <class F>
  auto Run(storage::TxnMode mode, F&& fn) {
    return service::RunInTxn(store, state, mode, [&](service::Context& ctx) {
      auto result = fn(ctx);
      if (throw_inside) throw InjectedException();
      return result;
    });
  }
};

// What a route without authentication is given.
struct OpenArgs {
  const ServerInfo& info;
  const Metrics& metrics;
  std::string_view host;  // the Host header, for the base URL
  std::string request_id;
  std::string_view path = {};  // the "{*}" segment of the route, if it has one
};

// What an OAuth route is given: the request as received, and the store to run on.
struct OAuthArgs {
  storage::Store& store;
  service::ServiceState& state;
  std::optional<std::string> authorization;  // the Authorization header
  const std::string& body;                   // as received
  RouteArgs args;                            // the query keys the route names (and a form body's fields)
  std::string request_id;
};

using OpenHandler = std::function<Response(const OpenArgs&)>;
using OAuthHandler = std::function<Response(OAuthArgs&)>;
using ApiHandler = std::function<Result<json::value>(service::Context&, const service::Caller&, const RouteArgs&)>;
// A /v1 handler that answers JSON text it wrote itself (a page object, api::WritePage),
// sent as it is.
using ApiTextHandler = std::function<Result<std::string>(service::Context&, const service::Caller&, const RouteArgs&)>;
using AdminHandler = std::function<Result<json::value>(AdminState&, const RouteArgs&)>;
using FileHandler = std::function<Result<service::uploads::HostedFile>(service::Context&, const RouteArgs&)>;
// An admin route that answers a stream of server-sent events instead of JSON
// (response.h EventSource).
using EventHandler = std::function<Result<std::shared_ptr<EventSource>>(AdminState&, const RouteArgs&)>;

struct Route {
  std::string_view method;
  std::string_view path;
  Auth auth = Auth::kBearerToken;
  // The capability a /v1 route needs (https://developers.notion.com/reference/capabilities);
  // without it, 403 restricted_resource. Every /v1 route states one (routes_test.cc).
  service::Need need = service::Need::kUnspecified;
  // The Notion-Versions the route answers. Like Notion, a version outside the range gets
  // invalid_request_url: /v1/data_sources exists from 2025-09-03 on and
  // /v1/databases/{id}/query only before it
  // (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
  api::ApiVersion min_version = api::kOldestApiVersion;
  api::ApiVersion max_version = api::kNewestApiVersion;
  // The query keys the handler reads; others are ignored, as Notion ignores them. A key
  // sent as `key[]=v` counts as `key`.
  std::vector<std::string_view> query = {};
  // The body is not JSON (POST /v1/file_uploads/{id}/send takes multipart/form-data):
  // the handler reads RouteArgs::raw_body, and the server allows bodies up to the
  // upload part limit instead of 500 KB.
  bool raw_body = false;
  // Served only to a request that accepts text/html (a browser); any other request is
  // answered as if no row matched, as /v1 answers it (the landing page, GET /).
  bool html_only = false;
  // The body is an HTML form (application/x-www-form-urlencoded): its fields are read as
  // the query keys the row names (the OAuth authorize page's form).
  bool form_body = false;
  // The first "{}" is a page the handler reads before any other (GET /v1/pages/{id}): the
  // transaction begins with Store::BeginReadingPage, which over PostgreSQL reads the page
  // in the round trip that begins it.
  bool reads_page_first = false;
  // Admin routes (docs/workspaces.md). A route acts on one workspace: the one a
  // /_localnotion/workspaces/{id}/ prefix names (MatchRoute), else the default one. A
  // `global` route acts on the server as a whole: it has no workspace prefix and takes
  // only the server's admin token. A route that `names_workspace` (its first "{}" is a
  // workspace id) also takes that workspace's own admin token. A `token_workspace`
  // route acts on the workspace of the token it is given: a workspace's own admin
  // token's, or the default one for the server's (GET /_localnotion/token).
  bool global = false;
  bool names_workspace = false;
  bool token_workspace = false;
  // Exactly one handler is set, the one of the route's auth policy (a /v1 route has `api`
  // or `api_text`, an admin route `admin` or `events`).
  ApiHandler api = nullptr;
  ApiTextHandler api_text = nullptr;
  AdminHandler admin = nullptr;
  EventHandler events = nullptr;
  FileHandler file = nullptr;
  OpenHandler open = nullptr;
  OAuthHandler oauth = nullptr;

  bool Serves(api::ApiVersion v) const { return min_version <= v && v <= max_version; }
};

// The routes of each group, in matching order (endpoints.cc, admin*.cc, hosted_files.cc).
const std::vector<Route>& ApiRoutes();
// Routes Notion has and localnotion does not implement yet, matched after ApiRoutes()
// (unimplemented_endpoints.cc).
const std::vector<Route>& UnimplementedApiRoutes();
const std::vector<Route>& AdminRoutes();
const std::vector<Route>& AdminIntegrationRoutes();
const std::vector<Route>& AdminFixtureRoutes();
const std::vector<Route>& AdminWebhookRoutes();  // admin_webhooks.cc
const std::vector<Route>& AdminEmojiRoutes();
const std::vector<Route>& AdminOAuthRoutes();  // admin_oauth.cc
// /v1/oauth/ (oauth_endpoints.cc), matched before ApiRoutes().
const std::vector<Route>& OAuthRoutes();
const std::vector<Route>& AdminWorkspaceRoutes();  // admin_workspaces.cc
const std::vector<Route>& HostedFileRoutes();
// The routes without authentication, matched before every group (routes.cc).
const std::vector<Route>& OpenRoutes();
// The web UI's files under /_localnotion/ui/ (ui.cc), without authentication too,
// matched after OpenRoutes and before the admin API.
const std::vector<Route>& UiRoutes();

// Their handlers: the landing page and the readiness answer (landing.cc), the metrics
// (metrics.cc).
Response LandingPage(const OpenArgs& args);
Response ReadyAnswer(const OpenArgs& args);
Response MetricsAnswer(const OpenArgs& args);
struct UiAsset;
// The answer of the web UI to `path` (relative to /_localnotion/ui/) from `assets`
// (ui.cc; UiAssets() in the server).
Response ServeUiFile(const std::vector<UiAsset>& assets, std::string_view path, const std::string& request_id);

// The result of matching a request line once.
struct MatchedRoute {
  Auth group = Auth::kBearerToken;  // the group the path's prefix selects
  const Route* route = nullptr;     // nullptr: no row of the group matches
  std::string path;                 // slash-collapsed, without the query (and the workspace prefix)
  std::vector<std::string> params;
  // The {id} of a /_localnotion/workspaces/{id}/... prefix (percent-decoded), "" without.
  std::string workspace;
};

// Matches `method` and `target` (path and query as received). A row of OpenRoutes
// matches first, whatever the prefix, then a row of UiRoutes. Otherwise the prefix picks
// the group: /_localnotion/files/ hosted files, /_localnotion/ the admin API, anything
// else /v1. Runs of '/' are collapsed first; an admin path also drops trailing '/' and
// has its "{}" segments percent-decoded. A path /_localnotion/workspaces/{id}/REST is
// matched as /_localnotion/REST in workspace {id} (MatchedRoute::workspace); a `global`
// row does not match so.
MatchedRoute MatchRoute(std::string_view method, std::string_view target);

// Collapses runs of '/' (SDK users write a baseUrl ending in '/').
std::string CollapseSlashes(std::string_view path);

// Decodes %XX escapes; anything else is kept as it is.
std::string PercentDecode(std::string_view s);

// The query parameters of `target` that `route` names, decoded ('+' is a space).
std::multimap<std::string, std::string> ParseQuery(std::string_view target, const Route& route);

}  // namespace localnotion::http
