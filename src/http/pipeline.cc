#include "http/pipeline.h"

#include <chrono>

#include "api/version.h"
#include "common/clock.h"
#include "common/deadline.h"
#include "common/uuid.h"
#include "http/error_response.h"

namespace localnotion::http {
namespace {

// The routes that only read run in a read transaction, in parallel with each other and
// with the writer: every GET, and the POSTs that search and query.
bool ReadsOnly(const Route& route) {
  if (route.method == "GET") return true;
  return route.method == "POST" && (route.path == "/v1/search" || route.path == "/v1/data_sources/{}/query" ||
                                    route.path == "/v1/databases/{}/query");
}

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

Response Pipeline::Handle(const Request& req) { return Handle(req, MatchRoute(req.method, req.target)); }

bool AcceptsHtml(std::string_view accept) { return accept.find("text/html") != std::string_view::npos; }

Response Pipeline::Handle(const Request& req, const MatchedRoute& match) {
  if (match.group == Auth::kNone) {
    if (!match.route->html_only || AcceptsHtml(req.accept)) {
      return match.route->open(OpenArgs{info_, metrics_, req.host, NewUuid(),
                                        match.params.empty() ? std::string_view{} : std::string_view(match.params[0])});
    }
    // An API client asking for GET /: the answer of /v1 to a path it does not have.
    MatchedRoute api = match;
    api.group = Auth::kBearerToken;
    api.route = nullptr;
    return Handle(req, api);
  }
  const std::string request_id = NewUuid();
  if (match.group == Auth::kUrlSignature) return HandleHostedFile(req, match, request_id);
  if (match.group == Auth::kAdminToken) return HandleAdmin(req, match, request_id);

  auto started = std::chrono::steady_clock::now();
  LogEntry log;
  log.request_id = request_id;
  log.time = NowMillis();
  log.method = req.method;
  log.path = match.path;
  log.notion_version = req.notion_version.value_or("");
  // Uploaded bytes are not logged: they can be 20 MB of binary.
  log.request_body = req.content_type.rfind("multipart/", 0) == 0
                         ? "[multipart/form-data body, " + std::to_string(req.body.size()) + " bytes]"
                         : req.body;
  Response res = HandleApi(req, match, request_id, log);
  log.status = res.status;
  log.response_body = res.body;
  log.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (report_integration_) res.integration_id = log.integration_id;
  log_.Add(std::move(log));
  return res;
}

Response Pipeline::HandleApi(const Request& req, const MatchedRoute& match, const std::string& request_id,
                             LogEntry& log) {
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

  std::optional<FaultEffect> fault;
  // Long work (a query, a formula) stops at the budget with 504 gateway_timeout.
  ScopedDeadline deadline(std::chrono::milliseconds(state_.options.request_budget_ms));
  const storage::TxnMode mode = ReadsOnly(*endpoint) ? storage::TxnMode::kRead : storage::TxnMode::kWrite;
  // The worker does not wait for the commit to be durable: the server does, before it
  // answers (Durability), so that the next request can join the same group commit.
  auto durable = std::make_shared<Durability>();
  Result<json::value> result = service::RunInTxn(
      store_, state_, mode,
      [&](service::Context& ctx) -> Result<json::value> {
        LN_ASSIGN_OR_RETURN(storage::IntegrationRecord integration, ctx.Authenticate(*token));
        log.integration_id = integration.id;
        log.integration_name = integration.name;
        if (auto wait = limiter_.Take(integration.id)) {
          fault = FaultEffect{std::nullopt, 0, *wait};
          return FixedError(ErrorCode::kRateLimited);
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
        fault = faults_.Match(req.method, path);
        if (fault && fault->error) return *fault->error;
        service::Caller caller{std::move(integration), *version,
                               "http://" + (req.host.empty() ? std::string("127.0.0.1") : req.host), request_id};
        // Exceptions never cross into the server loop: anything stray becomes a 500, and
        // the unit is rolled back like any other failure.
        Result<json::value> answer = [&]() -> Result<json::value> {
          try {
            return endpoint->api(ctx, caller, args);
          } catch (const std::exception& e) {
            return InternalError(std::string("uncaught exception: ") + e.what());
          }
        }();
        // An exception fault: thrown after the endpoint's writes, inside the transaction,
        // which RunInTxn rolls back.
        if (fault && fault->exception) throw InjectedException();
        return answer;
      },
      [durable](Status status) { durable->Complete(std::move(status)); });
  Response res =
      result.ok() ? Response{200, SerializeJson(*result), request_id} : ErrorResponse(result.error(), request_id);
  if (result.ok()) res.durable = std::move(durable);
  if (fault) {
    res.delay_ms = fault->latency_ms;
    res.retry_after = fault->retry_after;
  }
  return res;
}

}  // namespace localnotion::http
