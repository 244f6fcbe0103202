#include "http/pipeline.h"

#include <boost/url/parse.hpp>
#include <chrono>
#include <cstdio>

#include "api/version.h"
#include "common/clock.h"
#include "common/deadline.h"
#include "common/uuid.h"
#include "http/endpoints.h"
#include "http/error_response.h"

namespace localnotion::http {
namespace {

// The endpoints that only read run in a read transaction, in parallel with each other
// and with the writer: every GET, and the POSTs that search and query.
bool ReadsOnly(const Endpoint& endpoint) {
  if (endpoint.method == "GET") return true;
  return endpoint.method == "POST" &&
         (endpoint.path == "/v1/search" || endpoint.path == "/v1/data_sources/{}/query" ||
          endpoint.path == "/v1/databases/{}/query");
}

constexpr std::string_view kBadAuthHeader = "Authorization header must use the format \"Bearer <token>\".";

Response ErrorResponse(const Error& e, const std::string& request_id) {
  if (e.code == ErrorCode::kInternalServerError) {
    // Internal details go to the log, never to the client.
    std::fprintf(stderr, "localnotion: request %s failed: %s\n", request_id.c_str(), e.message.c_str());
    Error shown = MakeError(ErrorCode::kInternalServerError, "Unexpected error occurred.");
    return Response{WireOf(e.code).status, ErrorBody(shown, request_id), request_id};
  }
  return Response{WireOf(e.code).status, ErrorBody(e, request_id), request_id};
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

std::optional<std::string> QueryParam(std::string_view target, std::string_view key) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // the length of a token is not a secret
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Response Pipeline::TooLarge() {
  return ErrorResponse(MakeError(ErrorCode::kPayloadTooLarge, "Request body too large. The maximum size is 500KB."),
                       NewUuid());
}

std::string CollapseSlashes(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  return out;
}

Response Pipeline::Handle(const Request& req) {
  const std::string request_id = NewUuid();
  std::string_view target = req.target;
  std::string path = CollapseSlashes(target.substr(0, target.find('?')));
  constexpr std::string_view kAdmin = "/_localnotion/";
  constexpr std::string_view kFiles = "/_localnotion/files/";
  if (path.rfind(kFiles, 0) == 0) return HandleHostedFile(req, path, request_id);
  if (path.rfind(kAdmin, 0) == 0) return HandleAdmin(req, path, request_id);

  auto started = std::chrono::steady_clock::now();
  LogEntry log;
  log.request_id = request_id;
  log.time = NowMillis();
  log.method = req.method;
  log.path = path;
  log.notion_version = req.notion_version.value_or("");
  // Uploaded bytes are not logged: they can be 20 MB of binary.
  log.request_body = req.content_type.rfind("multipart/", 0) == 0
                         ? "[multipart/form-data body, " + std::to_string(req.body.size()) + " bytes]"
                         : req.body;
  Response res = HandleApi(req, request_id, log);
  log.status = res.status;
  log.response_body = res.body;
  log.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log_.Add(std::move(log));
  return res;
}

Response Pipeline::HandleApi(const Request& req, const std::string& request_id, LogEntry& log) {
  std::string_view target = req.target;
  size_t q = target.find('?');
  std::string path = CollapseSlashes(target.substr(0, q));

  RouteArgs args;
  const Endpoint* endpoint = MatchEndpoint(req.method, path, args.params);
  if (endpoint == nullptr) {
    return ErrorResponse(MakeError(ErrorCode::kInvalidRequestUrl, "Invalid request URL."), request_id);
  }
  if (q != std::string_view::npos) {
    // Clients send `key[]=v` with the brackets unencoded (axios, the MCP server), which
    // RFC 3986 does not allow in a query; encode them before parsing.
    std::string escaped;
    for (char c : target) {
      if (c == '[') escaped += "%5B";
      else if (c == ']') escaped += "%5D";
      else escaped += c;
    }
    auto parsed = boost::urls::parse_origin_form(escaped);
    if (parsed) {
      boost::urls::encoding_opts opts;
      opts.space_as_plus = true;
      for (auto param : parsed->params(opts)) {
        std::string key = param.key;
        if (key.size() > 2 && key.substr(key.size() - 2) == "[]") key.resize(key.size() - 2);
        args.query.emplace(std::move(key), param.has_value ? std::string(param.value) : std::string());
      }
    }
  }

  json::value body = json::object{};
  args.content_type = req.content_type;
  if (endpoint->raw_body) {
    args.raw_body = &req.body;
  } else if (!req.body.empty()) {
    auto parsed = ParseJson(req.body);
    if (!parsed) return ErrorResponse(MakeError(ErrorCode::kInvalidJson, "Error parsing JSON body."), request_id);
    body = std::move(*parsed);
  }
  args.body = &body;

  std::optional<std::string> token = BearerToken(req.authorization);
  if (!token) return ErrorResponse(MakeError(ErrorCode::kUnauthorized, std::string(kBadAuthHeader)), request_id);

  std::optional<FaultEffect> fault;
  // Long work (a query, a formula) stops at the budget with 504 gateway_timeout.
  ScopedDeadline deadline(std::chrono::milliseconds(state_.options.request_budget_ms));
  const storage::TxnMode mode = ReadsOnly(*endpoint) ? storage::TxnMode::kRead : storage::TxnMode::kWrite;
  Result<json::value> result = Run(mode, [&](service::Service& service) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(storage::IntegrationRecord integration, service.Authenticate(*token));
    log.integration_id = integration.id;
    log.integration_name = integration.name;
    if (auto wait = limiter_.Take(integration.id)) {
      fault = FaultEffect{std::nullopt, 0, *wait};
      return MakeError(ErrorCode::kRateLimited, "You have been rate limited. Please try again in a few minutes.");
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
    if ((endpoint->needs_data_sources && !api::HasDataSources(*version)) ||
        (endpoint->before_data_sources && api::HasDataSources(*version))) {
      return MakeError(ErrorCode::kInvalidRequestUrl, "Invalid request URL.");
    }
    // Capabilities are checked once the request is known to be well addressed, before
    // its path and body are looked at.
    if (!service::Allows(service.ActingCapabilities(), endpoint->need)) return service::MissingCapability();
    // An injected fault answers instead of the endpoint; nothing is written.
    fault = faults_.Match(req.method, path);
    if (fault && fault->error) return *fault->error;
    service::Caller caller{std::move(integration), *version, "http://" + (req.host.empty() ? std::string("127.0.0.1") : req.host),
                           request_id};
    // Exceptions never cross into the server loop: anything stray becomes a 500, and
    // the unit is rolled back like any other failure.
    try {
      return endpoint->handler(service, caller, args);
    } catch (const std::exception& e) {
      return InternalError("Unexpected error occurred.");
    }
  });
  Response res = result.ok() ? Response{200, SerializeJson(*result), request_id} : ErrorResponse(result.error(), request_id);
  if (fault) {
    res.delay_ms = fault->latency_ms;
    res.retry_after = fault->retry_after;
  }
  return res;
}

}  // namespace localnotion::http
