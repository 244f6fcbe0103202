#include "http/pipeline.h"

#include <chrono>
#include <cstdio>

#include "api/limits.h"
#include "api/version.h"
#include "common/clock.h"
#include "common/deadline.h"
#include "common/json_arena.h"
#include "common/uuid.h"
#include "http/base_url.h"
#include "http/error_response.h"

namespace localnotion::http {
namespace {

// The routes that only read run in a read transaction, in parallel with each other and
// with the writer: every GET, the POSTs that search and query, and view queries (kept in
// memory, not in the store).
bool ReadsOnly(const Route& route) {
  if (route.method == "GET") return true;
  if (route.path == "/v1/views/{}/queries/{}") return route.method == "DELETE";
  return route.method == "POST" && (route.path == "/v1/search" || route.path == "/v1/data_sources/{}/query" ||
                                    route.path == "/v1/databases/{}/query" || route.path == "/v1/views/{}/queries" ||
                                    route.path == "/v1/blocks/meeting_notes/query");
}

// A /v1 route's answer: a JSON value to write, or the text a route wrote itself
// (Route::api_text). A value is written after the transaction, once the arena's values
// are no longer being changed.
struct ApiAnswer {
  json::value value;
  std::string text;
  bool is_text = false;
  std::string Body() && { return is_text ? std::move(text) : SerializeJson(value); }
};

}  // namespace

std::optional<std::string> BearerToken(const std::optional<std::string>& header) {
  if (!header) return std::nullopt;
  std::string_view h = *header;
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || h.substr(0, kBearer.size()) != kBearer) return std::nullopt;
  h.remove_prefix(kBearer.size());
  while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
  while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
  if (h.empty()) return std::nullopt;
  return std::string(h);
}

Response Pipeline::Handle(Request req) {
  const MatchedRoute match = MatchRoute(req.method, req.target);
  return Handle(std::move(req), match);
}

bool AcceptsHtml(std::string_view accept) { return accept.find("text/html") != std::string_view::npos; }

Response Pipeline::Handle(Request req, const MatchedRoute& match) {
  if (match.group == Auth::kNone) {
    if (!match.route->html_only || AcceptsHtml(req.accept)) {
      return match.route->open(OpenArgs{info_, metrics_, req.host, NewUuid(),
                                        match.params.empty() ? std::string_view{} : std::string_view(match.params[0])});
    }
    // An API client asking for GET /: the answer of /v1 to a path it does not have.
    MatchedRoute api = match;
    api.group = Auth::kBearerToken;
    api.route = nullptr;
    return Handle(std::move(req), api);
  }
  const std::string request_id = NewUuid();
  if (match.group == Auth::kUrlSignature) return HandleHostedFile(req, match, request_id);
  if (match.group == Auth::kAdminToken) return HandleAdmin(req, match, request_id);
  if (match.group == Auth::kOAuth) return HandleOAuth(req, match, request_id);

  auto started = std::chrono::steady_clock::now();
  LogEntry log;
  log.request_id = request_id;
  log.time = NowMillis();
  log.method = req.method;
  log.path = match.path;
  log.notion_version = req.notion_version.value_or("");
  log.request_headers = std::move(req.headers);
  std::shared_ptr<WorkspaceTools> tools = default_tools_;
  Response res = HandleApi(req, match, request_id, log, tools);
  // The body moves into the log once answered. Uploaded bytes are not logged: they can
  // be 20 MB of binary.
  log.request_body = req.content_type.rfind("multipart/", 0) == 0
                         ? "[multipart/form-data body, " + std::to_string(req.body.size()) + " bytes]"
                         : std::move(req.body);
  log.status = res.status;
  log.response_body = RequestLog::CutBody(res.body);  // not a copy of a whole list of pages
  log.response_head = HeadOf(res);
  log.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (report_integration_) res.integration_id = log.integration_id;
  tools->log.Add(std::move(log));
  return res;
}

void Pipeline::ShareControls() {
  std::shared_ptr<storage::SharedControls> shared = workspaces_.Default()->store().shared_controls();
  if (!shared) return;
  default_tools_->log.Share(shared);
  default_tools_->faults.Share(shared);
  // The last instance started sets the cluster's limit (its --rate-limit).
  if (Status set = limiter_.Share(shared); !set.ok()) {
    std::fprintf(stderr, "localnotion: cannot set the shared rate limit: %s\n", set.error().message.c_str());
  }
}

std::shared_ptr<Pipeline::WorkspaceTools> Pipeline::ToolsOf(service::workspaces::Workspace& ws) {
  if (ws.is_default()) return default_tools_;
  std::lock_guard<std::mutex> lock(tools_mu_);
  std::shared_ptr<WorkspaceTools>& tools = tools_[ws.id()];
  if (!tools) {
    tools = std::make_shared<WorkspaceTools>();
    if (std::shared_ptr<storage::SharedControls> shared = ws.store().shared_controls()) {
      tools->log.Share(shared);
      tools->faults.Share(shared);
    }
  }
  return tools;
}

void Pipeline::ForgetTools(const std::string& workspace_id) {
  std::lock_guard<std::mutex> lock(tools_mu_);
  tools_.erase(workspace_id);
}

Response Pipeline::HandleApi(const Request& req, const MatchedRoute& match, const std::string& request_id,
                             LogEntry& log, std::shared_ptr<WorkspaceTools>& tools) {
  // The request's JSON values (page rows read, the answer built) live in one arena,
  // freed at once when this returns; the answer is serialized before (common/json_arena.h).
  JsonArena arena;
  const Route* endpoint = match.route;
  const std::string& path = match.path;
  if (endpoint == nullptr) return ErrorResponse(FixedError(ErrorCode::kInvalidRequestUrl), request_id);
  RouteArgs args;
  args.params = match.params;
  args.query = ParseQuery(req.target, *endpoint);

  json::value body = json::object{};
  args.content_type = req.content_type;
  if (endpoint->raw_body) {
    args.raw_body = &req.body;
  } else if (!req.body.empty()) {
    auto parsed = ParseJson(req.body);
    if (!parsed) return ErrorResponse(FixedError(ErrorCode::kInvalidJson), request_id);
    body = std::move(*parsed);
  }
  args.body = &body;

  std::optional<std::string> token = BearerToken(req.authorization);
  if (!token)
    return ErrorResponse(MakeError(ErrorCode::kUnauthorized, std::string(kBadAuthorizationHeader)), request_id);

  // The workspace the token belongs to (the catalog's answer, memoized).
  const std::string token_hash = workspaces_.Default()->state().token_hashes.HashOf(*token);
  auto workspace = workspaces_.OfTokenHash(token_hash);
  if (!workspace.ok()) return ErrorResponse(workspace.error(), request_id);

  std::optional<FaultEffect> fault;
  // Long work (a query, a formula) stops at the budget with 504 gateway_timeout.
  ScopedDeadline deadline(std::chrono::milliseconds((*workspace)->state().options.request_budget_ms));
  const storage::TxnMode mode = ReadsOnly(*endpoint) ? storage::TxnMode::kRead : storage::TxnMode::kWrite;
  // As the path gives it: a store that reads it ahead normalizes it (Store::BeginReadingPage).
  const std::string_view first_page =
      endpoint->reads_page_first && !args.params.empty() ? std::string_view(args.params[0]) : std::string_view();
  // The worker does not wait for the commit to be durable: the server does, before it
  // answers (Durability), so that the next request can join the same group commit.
  auto durable = std::make_shared<Durability>();
  bool charged = false;  // the rate limiter took this request's token
  auto run_in = [&](service::workspaces::Workspace& ws) -> Result<ApiAnswer> {
    tools = ToolsOf(ws);
    fault.reset();
    return service::RunInTxn(
        ws.store(), ws.state(), mode,
        [&](service::Context& ctx) -> Result<ApiAnswer> {
          LN_ASSIGN_OR_RETURN(storage::IntegrationRecord integration, ctx.AuthenticateHash(token_hash));
          log.integration_id = integration.id;
          log.integration_name = integration.name;
          // Per integration, as Notion limits; integration ids of different workspaces may
          // be equal (a fixture seeded into each), so the workspace is part of the key.
          const std::optional<int64_t> generation = ctx.store().SharedCacheGeneration();
          // Once per request: an attempt that RunInTxn retries after a conflict passed the
          // limiter already, and is not charged again.
          if (!charged) {
            charged = true;
            if (auto wait = limiter_.Take(ws.is_default() ? integration.id : ws.id() + "/" + integration.id,
                                          &ws.store(), generation)) {
              fault = FaultEffect{FixedError(ErrorCode::kRateLimited), 0, *wait};
              fault->additional_data = api::RateLimitedData(api::kRateLimitPerConnection, *wait);
              return *fault->error;
            }
          }
          if (!req.notion_version) {
            return MakeError(ErrorCode::kMissingVersion,
                             "Notion-Version header failed validation: Notion-Version header should be defined, "
                             "instead was `undefined`.");
          }
          auto version = api::ParseApiVersion(*req.notion_version);
          if (!version) {
            return MakeError(ErrorCode::kMissingVersion,
                             "Notion-Version header failed validation: Notion-Version header should be " +
                                 std::string(api::VersionListForMessage()) + ", instead was `" +
                                 SerializeJson(json::value(*req.notion_version)) + "`.");
          }
          if (!endpoint->Serves(*version)) return FixedError(ErrorCode::kInvalidRequestUrl);
          // Capabilities are checked once the request is known to be well addressed, before
          // its path and body are looked at.
          if (!service::Allows(ctx.ActingCapabilities(), endpoint->need)) return service::MissingCapability();
          // An injected fault answers instead of the endpoint; nothing is written.
          fault = tools->faults.Match(req.method, path, /*exceptions_only=*/false, generation);
          if (fault && fault->error) return *fault->error;
          service::Caller caller{std::move(integration), *version, BaseUrlOfHost(req.host), request_id};
          // Exceptions never cross into the server loop: anything stray becomes a 500, and
          // the unit is rolled back like any other failure.
          Result<ApiAnswer> answer = [&]() -> Result<ApiAnswer> {
            try {
              if (endpoint->api_text) {
                LN_ASSIGN_OR_RETURN(std::string text, endpoint->api_text(ctx, caller, args));
                return ApiAnswer{json::value(), std::move(text), true};
              }
              LN_ASSIGN_OR_RETURN(json::value value, endpoint->api(ctx, caller, args));
              return ApiAnswer{std::move(value), std::string(), false};
            } catch (const std::exception& e) {
              return InternalError(std::string("uncaught exception: ") + e.what());
            }
          }();
          // An exception fault: thrown after the endpoint's writes, inside the transaction,
          // which RunInTxn rolls back.
          if (fault && fault->exception) throw InjectedException();
          return answer;
        },
        [durable](Status status) { durable->Complete(std::move(status)); }, first_page);
  };
  Result<ApiAnswer> result = run_in(**workspace);
  if (!result.ok() && result.error().code == ErrorCode::kUnauthorized) {
    // The memo may predate a token a CLI added to the catalog on disk: look again.
    auto again = workspaces_.OfTokenHash(token_hash, /*fresh=*/true);
    if (again.ok() && again->get() != workspace->get()) result = run_in(**again);
  }
  // The error of a fault (or of the rate limit) is the answer, with its additional_data.
  Response res = result.ok()             ? Response{200, std::move(*result).Body(), request_id}
                 : fault && fault->error ? ErrorResponse(result.error(), request_id, fault->additional_data)
                                         : ErrorResponse(result.error(), request_id);
  // Every answer goes through the durability wait, reads too (their commit reports at
  // once). Skipping it for reads saved about 4k instructions per GET under callgrind, but
  // cut GET throughput under wrk by 35-40 %, the server using more CPU per request (60.6
  // against 34.0 µs) for fewer instructions; why was not found. See docs/benchmarks.md,
  // "Issue 14 at the end of 4 December 2026".
  if (result.ok()) res.durable = std::move(durable);
  if (fault) {
    res.delay_ms = fault->latency_ms;
    res.retry_after = fault->retry_after;
  }
  return res;
}

// /v1/oauth/ (oauth_endpoints.cc): no integration token; the handler authenticates the
// client itself, and answers HTML, a redirect or JSON.
Response Pipeline::HandleOAuth(const Request& req, const MatchedRoute& match, const std::string& request_id) {
  const Route& route = *match.route;
  RouteArgs args;
  args.params = match.params;
  args.content_type = req.content_type;
  // A form's fields are read like a query string ("a=b&c=d", '+' a space).
  args.query = route.form_body ? ParseQuery("/?" + req.body, route) : ParseQuery(req.target, route);
  // Public integrations and their grants live in the default workspace
  // (docs/compat.md, "OAuth"); created workspaces have no OAuth clients.
  std::shared_ptr<service::workspaces::Workspace> ws = workspaces_.Default();
  OAuthArgs oauth{ws->store(), ws->state(), req.authorization, req.body, std::move(args), request_id};
  try {
    return route.oauth(oauth);
  } catch (const std::exception& e) {
    return ErrorResponse(InternalError(std::string("uncaught exception: ") + e.what()), request_id);
  }
}

}  // namespace localnotion::http
