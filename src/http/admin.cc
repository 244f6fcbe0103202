// The admin API under /_localnotion/ (not under /v1): test controls that Notion does
// not have. Authenticated by the admin token only; integration tokens never work here.
//   GET    /_localnotion/health
//   POST   /_localnotion/reset      {"keep_integrations": true}
//   GET    /_localnotion/requests   ?path=&status=&integration=   DELETE clears
//   POST   /_localnotion/faults     {method, path, status|code, message, probability,
//                                    count, latency_ms, retry_after}   GET lists, DELETE clears
//   integrations and shares: admin_integrations.h
#include <charconv>

#include "api/messages.h"
#include "http/admin_integrations.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {
namespace {

Response Ok(json::value body, const std::string& request_id) {
  return Response{200, SerializeJson(body), request_id};
}

Response Fail(const Error& e, const std::string& request_id) {
  return Response{WireOf(e.code).status, ErrorBody(e, request_id), request_id};
}

}  // namespace

Response Pipeline::HandleAdmin(const Request& req, std::string_view path, const std::string& request_id) {
  std::optional<std::string> token = BearerToken(req.authorization);
  if (!token) {
    return Fail(MakeError(ErrorCode::kUnauthorized, "Authorization header must use the format \"Bearer <token>\"."),
                request_id);
  }
  if (!SecretsEqual(*token, admin_token_)) return Fail(MakeError(ErrorCode::kUnauthorized, "API token is invalid."), request_id);
  json::value body = json::object{};
  if (!req.body.empty()) {
    auto parsed = ParseJson(req.body);
    if (!parsed) return Fail(MakeError(ErrorCode::kInvalidJson, "Error parsing JSON body."), request_id);
    body = std::move(*parsed);
  }
  const std::string& m = req.method;
  std::string_view route = path.substr(std::string_view("/_localnotion/").size());
  while (!route.empty() && route.back() == '/') route.remove_suffix(1);

  if (route == "health" && m == "GET") return Ok(json::object{{"status", "ok"}}, request_id);
  if (route == "reset" && m == "POST") {
    bool keep = true;
    if (const json::value* k = body.is_object() ? Find(body.get_object(), "keep_integrations") : nullptr) {
      if (!k->is_bool()) return Fail(api::FailedValidation("body.keep_integrations", "a boolean", k), request_id);
      keep = k->get_bool();
    }
    auto done = Run(storage::TxnMode::kWrite, [&](service::Service& service) -> Result<bool> {
      LN_RETURN_IF_ERROR(service.Reset(keep));
      return true;
    });
    if (!done.ok()) return Fail(done.error(), request_id);
    log_.Clear();
    faults_.Clear();
    return Ok(json::object{{"status", "reset"}, {"kept_integrations", keep}}, request_id);
  }
  if (route == "requests" && m == "GET") {
    std::optional<int> status;
    if (auto s = QueryParam(req.target, "status")) {
      int n = 0;
      auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
      if (ec != std::errc() || p != s->data() + s->size()) {
        json::value shown(*s);
        return Fail(api::FailedValidation("query.status", "a number", &shown), request_id);
      }
      status = n;
    }
    json::array results = log_.Find(QueryParam(req.target, "path"), status, QueryParam(req.target, "integration"));
    return Ok(json::object{{"object", "list"}, {"results", std::move(results)}}, request_id);
  }
  if (route == "requests" && m == "DELETE") {
    log_.Clear();
    return Ok(json::object{{"status", "cleared"}}, request_id);
  }
  if (route == "faults" && m == "POST") {
    auto fault = faults_.Parse(body);
    if (!fault.ok()) return Fail(fault.error(), request_id);
    faults_.Add(*fault);
    json::array all = faults_.List();
    return Ok(all.back(), request_id);
  }
  if (route == "faults" && m == "GET") return Ok(json::object{{"object", "list"}, {"results", faults_.List()}}, request_id);
  if (route == "faults" && m == "DELETE") {
    faults_.Clear();
    return Ok(json::object{{"status", "cleared"}}, request_id);
  }
  if (auto answered = HandleIntegrationsAdmin(store_, state_, m, route, body, request_id)) return std::move(*answered);
  if (auto handled = HandleAdminFixtures(m, route, body, request_id)) return std::move(*handled);
  return Fail(MakeError(ErrorCode::kInvalidRequestUrl, "Invalid request URL."), request_id);
}

}  // namespace localnotion::http
