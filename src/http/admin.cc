// The admin API under /_localnotion/ (not under /v1): test controls that Notion does
// not have. Authenticated by the admin token only; integration tokens never work here.
// Its checks run in this order: the admin token (401), the JSON body (400
// invalid_json), the route (400 invalid_request_url), then the handler.
//   GET    /_localnotion/health
//   POST   /_localnotion/reset      {"keep_integrations": true}
//   GET    /_localnotion/requests   ?path=&status=&integration=   DELETE clears
//   GET    /_localnotion/requests/stream  ?path=&status=&integration=  the log live, as
//                                   server-sent events (request_log.h RequestLog::Events)
//   POST   /_localnotion/faults     {method, path, status|code, message, probability,
//                                    count, latency_ms, retry_after}   GET lists, DELETE clears
//   DELETE /_localnotion/faults/{id} removes one fault
//   GET    /_localnotion/rate_limit  {"object": "rate_limit", "limit": "off"|"notion"|"N/s"|"N/min"}
//   POST   /_localnotion/rate_limit  {"limit": "..."} sets it (the --rate-limit spellings);
//                                   the server's own, so not under a workspace prefix
//   integrations and shares: admin_integrations.cc
//   fixtures, page history and the clock: admin_fixtures.cc
//   workspaces: admin_workspaces.cc; every route but the global ones also under
//   /_localnotion/workspaces/{id}/, acting on that workspace (docs/workspaces.md)
#include <charconv>

#include "api/messages.h"
#include "common/sha256.h"
#include "http/error_response.h"
#include "http/pipeline.h"
#include "http/rate_limit.h"
#include "service/admin/admin.h"

namespace localnotion::http {
namespace {

Result<json::value> Cleared() { return json::value(json::object{{"status", "cleared"}}); }

Result<json::value> Reset(AdminState& st, const RouteArgs& a) {
  bool keep = true;
  if (const json::value* k = a.body->is_object() ? Find(a.body->get_object(), "keep_integrations") : nullptr) {
    if (!k->is_bool()) return api::FailedValidation("body.keep_integrations", "a boolean", k);
    keep = k->get_bool();
  }
  auto done = st.Run(storage::TxnMode::kWrite, [&](service::Context& ctx) -> Result<bool> {
    LN_RETURN_IF_ERROR(service::admin::Reset(ctx, keep));
    return true;
  });
  if (!done.ok()) return done.error();
  LN_RETURN_IF_ERROR(st.log.Clear());
  LN_RETURN_IF_ERROR(st.faults.Clear());
  return json::value(json::object{{"status", "reset"}, {"kept_integrations", keep}});
}

// The filters arrive percent-decoded (routes.cc ParseQuery), so a name with a space
// (?integration=Filtered%20bot) matches.
Result<RequestLog::Filter> ParseFilter(const RouteArgs& a) {
  RequestLog::Filter filter{a.Query("path"), std::nullopt, a.Query("integration")};
  if (auto s = a.Query("status")) {
    int n = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
    if (ec != std::errc() || p != s->data() + s->size()) {
      json::value shown(*s);
      return api::FailedValidation("query.status", "a number", &shown);
    }
    filter.status = n;
  }
  return filter;
}

Result<json::value> FindRequests(AdminState& st, const RouteArgs& a) {
  LN_ASSIGN_OR_RETURN(RequestLog::Filter f, ParseFilter(a));
  LN_ASSIGN_OR_RETURN(json::array results, st.log.Find(f.path, f.status, f.integration));
  return json::value(json::object{{"object", "list"}, {"results", std::move(results)}});
}

Result<std::shared_ptr<EventSource>> StreamRequests(AdminState& st, const RouteArgs& a) {
  LN_ASSIGN_OR_RETURN(RequestLog::Filter f, ParseFilter(a));
  return st.log.Events(std::move(f));
}

Result<json::value> AddFault(AdminState& st, const RouteArgs& a) {
  LN_ASSIGN_OR_RETURN(Fault fault, st.faults.Parse(*a.body));
  json::object shown = ShowFault(fault);
  LN_RETURN_IF_ERROR(st.faults.Add(std::move(fault)));
  return json::value(std::move(shown));
}

// A fault id that is not (or no longer) there: 404 object_not_found, worded like
// Notion's own "Could not find ..." messages.
Result<json::value> RemoveFault(AdminState& st, const RouteArgs& a) {
  LN_ASSIGN_OR_RETURN(bool removed, st.faults.Remove(a.params[0]));
  if (!removed) {
    return MakeError(ErrorCode::kObjectNotFound, "Could not find fault with ID: " + a.params[0] + ".");
  }
  return json::value(json::object{{"object", "fault"}, {"id", a.params[0]}, {"deleted", true}});
}

Result<json::value> RateLimitState(RateLimiter& limiter) {
  LN_ASSIGN_OR_RETURN(RateLimit limit, limiter.Current());
  return json::value(json::object{{"object", "rate_limit"}, {"limit", SpellingOf(limit)}});
}

// Instances over one PostgreSQL read the limit again when a request's store moved its
// cache generation (rate_limit.h): setting it moves the main store's, and here every
// other workspace's store's, so that a request in any workspace on any instance obeys
// the new limit at once.
Status MoveOtherGenerations(AdminState& st) {
  if (!st.workspaces.main_store().shared_controls()) return OkStatus();
  LN_ASSIGN_OR_RETURN(json::value listed, st.workspaces.List());
  const json::value* results = listed.is_object() ? Find(listed.get_object(), "results") : nullptr;
  if (results == nullptr || !results->is_array()) return OkStatus();
  for (const json::value& w : results->get_array()) {
    const json::value* id = w.is_object() ? Find(w.get_object(), "id") : nullptr;
    const json::value* is_default = w.is_object() ? Find(w.get_object(), "default") : nullptr;
    if (id == nullptr || !id->is_string() || (is_default != nullptr && is_default->is_bool() && is_default->get_bool()))
      continue;
    LN_ASSIGN_OR_RETURN(std::shared_ptr<service::workspaces::Workspace> ws, st.workspaces.Find(id->get_string()));
    if (auto controls = ws->store().shared_controls()) LN_RETURN_IF_ERROR(controls->BumpGeneration());
  }
  return OkStatus();
}

// {"limit": "<a --rate-limit spelling>"}: the new limit applies to the next request, and
// every integration's budget starts afresh (RateLimiter::Set).
Result<json::value> SetRateLimit(AdminState& st, const RouteArgs& a) {
  const json::value& body = *a.body;
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  for (const auto& kv : body.get_object()) {
    if (kv.key() != "limit") return api::NotPresent(api::Field("body", kv.key()), kv.value());
  }
  const json::value* limit = Find(body.get_object(), "limit");
  if (limit == nullptr) return api::NotDefined("body.limit");
  // "" (which the flag takes as "off") is refused: the body names the limit.
  std::optional<RateLimit> parsed;
  if (limit->is_string() && !limit->get_string().empty()) {
    if (auto r = ParseRateLimit(limit->get_string()); r.ok()) parsed = *r;
  }
  if (!parsed) {
    return api::FailedValidation("body.limit",
                                 "`\"off\"`, `\"notion\"`, requests per minute (`\"180\"`, `\"600\"`, "
                                 "`\"N/min\"`) or per second (`\"N/s\"`)",
                                 limit);
  }
  LN_RETURN_IF_ERROR(st.limiter.Set(*parsed));
  LN_RETURN_IF_ERROR(MoveOtherGenerations(st));
  return RateLimitState(st.limiter);
}

// GET /_localnotion/token: which admin token this is and the workspace it acts on, so
// that a client holding only a workspace's admin token (the web UI's login) finds its
// workspace. {"object": "admin_token", "scope": "server" | "workspace", "workspace": {...}}
Result<json::value> DescribeToken(AdminState& st, const RouteArgs&) {
  LN_ASSIGN_OR_RETURN(json::value workspace,
                      st.workspaces.Describe(st.workspace.is_default() ? "" : st.workspace.id()));
  return json::value(json::object{{"object", "admin_token"},
                                  {"scope", st.server_token ? "server" : "workspace"},
                                  {"workspace", std::move(workspace)}});
}

}  // namespace

const std::vector<Route>& AdminRoutes() {
  static const std::vector<Route> kRoutes = {
      {.method = "GET",
       .path = "/_localnotion/health",
       .auth = Auth::kAdminToken,
       .admin = [](AdminState&, const RouteArgs&) -> Result<json::value> {
         return json::value(json::object{{"status", "ok"}});
       }},
      {.method = "GET",
       .path = "/_localnotion/token",
       .auth = Auth::kAdminToken,
       .global = true,
       .token_workspace = true,
       .admin = DescribeToken},
      {.method = "POST", .path = "/_localnotion/reset", .auth = Auth::kAdminToken, .admin = Reset},
      {.method = "GET",
       .path = "/_localnotion/requests",
       .auth = Auth::kAdminToken,
       .query = {"path", "status", "integration"},
       .admin = FindRequests},
      {.method = "GET",
       .path = "/_localnotion/requests/stream",
       .auth = Auth::kAdminToken,
       .query = {"path", "status", "integration"},
       .events = StreamRequests},
      {.method = "DELETE",
       .path = "/_localnotion/requests",
       .auth = Auth::kAdminToken,
       .admin = [](AdminState& st, const RouteArgs&) -> Result<json::value> {
         LN_RETURN_IF_ERROR(st.log.Clear());
         return Cleared();
       }},
      {.method = "POST", .path = "/_localnotion/faults", .auth = Auth::kAdminToken, .admin = AddFault},
      {.method = "GET",
       .path = "/_localnotion/faults",
       .auth = Auth::kAdminToken,
       .admin = [](AdminState& st, const RouteArgs&) -> Result<json::value> {
         LN_ASSIGN_OR_RETURN(json::array faults, st.faults.List());
         return json::value(json::object{{"object", "list"}, {"results", std::move(faults)}});
       }},
      {.method = "DELETE", .path = "/_localnotion/faults/{}", .auth = Auth::kAdminToken, .admin = RemoveFault},
      {.method = "DELETE",
       .path = "/_localnotion/faults",
       .auth = Auth::kAdminToken,
       .admin = [](AdminState& st, const RouteArgs&) -> Result<json::value> {
         LN_RETURN_IF_ERROR(st.faults.Clear());
         return Cleared();
       }},
      {.method = "GET",
       .path = "/_localnotion/rate_limit",
       .auth = Auth::kAdminToken,
       .admin = [](AdminState& st, const RouteArgs&) -> Result<json::value> { return RateLimitState(st.limiter); }},
      // One limit for the whole server (its integrations of every workspace): only the
      // server's admin token sets it, and not through a workspace's prefix.
      {.method = "POST",
       .path = "/_localnotion/rate_limit",
       .auth = Auth::kAdminToken,
       .global = true,
       .admin = SetRateLimit},
  };
  return kRoutes;
}

namespace {

// A workspace's own admin token acting on anything but its workspace (docs/workspaces.md).
Error ForeignWorkspace() {
  return MakeError(ErrorCode::kRestrictedResource, "This workspace admin token may only act on its own workspace.");
}

}  // namespace

Response Pipeline::HandleAdmin(const Request& req, const MatchedRoute& match, const std::string& request_id) {
  std::optional<std::string> token = BearerToken(req.authorization);
  if (!token)
    return ErrorResponse(MakeError(ErrorCode::kUnauthorized, std::string(kBadAuthorizationHeader)), request_id);
  // The server's admin token acts on every workspace; a workspace's own (made with it)
  // only on that one.
  std::optional<storage::WorkspaceRecord> owner;
  if (!SecretsEqual(*token, admin_token_)) {
    auto found = workspaces_.OfAdminToken(*token);
    if (!found.ok()) return ErrorResponse(found.error(), request_id);
    if (!*found) return ErrorResponse(MakeError(ErrorCode::kUnauthorized, std::string(kInvalidToken)), request_id);
    owner = std::move(*found);
  }
  json::value body = json::object{};
  if (!req.body.empty()) {
    auto parsed = ParseJson(req.body);
    if (!parsed) return ErrorResponse(FixedError(ErrorCode::kInvalidJson), request_id);
    body = std::move(*parsed);
  }
  if (match.route == nullptr) return ErrorResponse(FixedError(ErrorCode::kInvalidRequestUrl), request_id);
  // The workspace the request acts on: its prefix's, else the default one.
  if (owner && !match.route->token_workspace) {
    const bool own = !match.workspace.empty()                                ? match.workspace == owner->id
                     : match.route->names_workspace && !match.params.empty() ? match.params[0] == owner->id
                                                                             : false;
    if (!own) return ErrorResponse(ForeignWorkspace(), request_id);
  }
  std::shared_ptr<service::workspaces::Workspace> workspace = workspaces_.Default();
  const std::string named = match.route->token_workspace ? (owner ? owner->id : "") : match.workspace;
  if (!named.empty()) {
    auto found = workspaces_.Find(named);
    if (!found.ok()) return ErrorResponse(found.error(), request_id);
    workspace = std::move(*found);
  }
  std::shared_ptr<WorkspaceTools> tools = ToolsOf(*workspace);
  RouteArgs args;
  args.params = match.params;
  args.query = ParseQuery(req.target, *match.route);
  args.body = &body;
  args.content_type = req.content_type;
  AdminState state{workspace->store(), workspace->state(), tools->log, tools->faults,
                   workspaces_,        *workspace,         limiter_};
  state.server_token = !owner.has_value();
  if (match.path.rfind("/_localnotion/faults", 0) != 0) {
    auto fault = tools->faults.Match(req.method, match.path, /*exceptions_only=*/true);
    state.throw_inside = fault.has_value();
  }
  if (match.route->events) {
    auto events = match.route->events(state, args);
    if (!events.ok()) return ErrorResponse(events.error(), request_id);
    Response res{200, "", request_id};
    res.events = std::move(*events);
    return res;
  }
  Result<json::value> result = match.route->admin(state, args);
  if (!result.ok()) return ErrorResponse(result.error(), request_id);
  if (match.route->names_workspace && req.method == "DELETE") ForgetTools(match.params[0]);
  // A write in a workspace may have changed its integrations: the catalog's token map
  // follows (service/workspaces/workspaces.h).
  if (req.method != "GET" && !workspace->is_default()) {
    if (Status synced = workspaces_.SyncTokens(*workspace, state.Durably()); !synced.ok()) {
      return ErrorResponse(synced.error(), request_id);
    }
  }
  Response res{200, SerializeJson(*result), request_id};
  res.durable = std::move(state.durable);
  return res;
}

}  // namespace localnotion::http
