// The admin routes of fixtures, page history and the deterministic clock:
//   POST /_localnotion/seed                  the body is a fixture; replaces the workspace
//   GET  /_localnotion/export                the workspace as a fixture
//   GET  /_localnotion/pages/{id}/history    every change of a page, oldest first
//   GET  /_localnotion/clock                 {"now", "deterministic"}
//   POST /_localnotion/clock                 {"now": ISO} or {"advance_ms": N}; deterministic mode only
// Called by HandleAdmin once the admin token is checked; returns nullopt for a route
// that is not one of these.
#include "api/messages.h"
#include "common/clock.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {
namespace {

Response Ok(json::value body, const std::string& request_id) { return Response{200, SerializeJson(body), request_id}; }

Response Fail(const Error& e, const std::string& request_id) {
  return Response{WireOf(e.code).status, ErrorBody(e, request_id), request_id};
}

json::value ClockState() {
  return json::object{{"object", "clock"}, {"now", FormatIso8601(NowMillis())}, {"deterministic", ManualClockActive()}};
}

Result<bool> SetClock(const json::value& body) {
  if (!ManualClockActive()) {
    return ValidationError("The clock can only be set in deterministic mode (localnotion serve --deterministic SEED).");
  }
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::value* now = Find(body.get_object(), "now");
  const json::value* advance = Find(body.get_object(), "advance_ms");
  for (const auto& kv : body.get_object()) {
    if (kv.key() != "now" && kv.key() != "advance_ms") return api::NotPresent(api::Field("body", kv.key()), kv.value());
  }
  if ((now == nullptr) == (advance == nullptr)) {
    return api::FixOne({api::ShouldBe("body.now", "defined", nullptr), api::ShouldBe("body.advance_ms", "defined", nullptr)});
  }
  if (now) {
    auto ms = now->is_string() ? ParseIso8601(now->get_string()) : std::nullopt;
    if (!ms) return api::FailedValidation("body.now", "an ISO 8601 UTC date-time such as `\"2025-01-01T00:00:00.000Z\"`", now);
    SetManualNow(*ms);
  } else {
    if (!advance->is_int64() && !advance->is_uint64()) return api::FailedValidation("body.advance_ms", "an integer", advance);
    int64_t n = advance->is_int64() ? advance->get_int64() : -1;
    if (n < 0) return api::FailedValidation("body.advance_ms", "≥ `0`", advance);
    AdvanceManualClock(n);
  }
  return true;
}

}  // namespace

std::optional<Response> Pipeline::HandleAdminFixtures(const std::string& method, std::string_view route,
                                                      const json::value& body, const std::string& request_id) {
  if (route == "seed" && method == "POST") {
    auto done = Run(storage::TxnMode::kWrite, [&](service::Service& service) -> Result<json::value> {
      LN_RETURN_IF_ERROR(service.SeedFixture(body));
      return service.ExportFixture();
    });
    if (!done.ok()) return Fail(done.error(), request_id);
    log_.Clear();
    json::object counts;
    for (const char* kind : {"users", "integrations", "databases", "data_sources", "pages"}) {
      counts[kind] = done->get_object().at(kind).get_array().size();
    }
    return Ok(json::object{{"status", "seeded"}, {"counts", std::move(counts)}}, request_id);
  }
  if (route == "export" && method == "GET") {
    auto exported = Run(storage::TxnMode::kRead, [&](service::Service& service) { return service.ExportFixture(); });
    if (!exported.ok()) return Fail(exported.error(), request_id);
    return Ok(std::move(*exported), request_id);
  }
  constexpr std::string_view kPages = "pages/";
  constexpr std::string_view kHistory = "/history";
  if (route.size() > kPages.size() + kHistory.size() && route.substr(0, kPages.size()) == kPages &&
      route.substr(route.size() - kHistory.size()) == kHistory && method == "GET") {
    std::string_view id = route.substr(kPages.size(), route.size() - kPages.size() - kHistory.size());
    if (id.find('/') != std::string_view::npos) return std::nullopt;
    auto history = Run(storage::TxnMode::kRead, [&](service::Service& service) { return service.PageHistory(id); });
    if (!history.ok()) return Fail(history.error(), request_id);
    return Ok(std::move(*history), request_id);
  }
  if (route == "clock" && method == "GET") return Ok(ClockState(), request_id);
  if (route == "clock" && method == "POST") {
    auto set = SetClock(body);
    if (!set.ok()) return Fail(set.error(), request_id);
    return Ok(ClockState(), request_id);
  }
  return std::nullopt;
}

}  // namespace localnotion::http
