// The admin routes of fixtures, page history and the deterministic clock:
//   POST /_localnotion/seed                  the body is a fixture; replaces the workspace
//   GET  /_localnotion/export                the workspace as a fixture
//   GET  /_localnotion/pages/{id}/history    every change of a page, oldest first
//   GET  /_localnotion/clock                 {"now", "deterministic"}
//   POST /_localnotion/clock                 {"now": ISO} or {"advance_ms": N}; deterministic mode only
// Rows of the route table (routes.h), run by Pipeline::HandleAdmin once the admin token
// is checked.
#include "api/messages.h"
#include "common/clock.h"
#include "http/request_log.h"
#include "http/routes.h"
#include "service/admin/admin.h"
#include "service/pages/pages.h"

namespace localnotion::http {
namespace {

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

Result<json::value> Seed(AdminState& st, const RouteArgs& a) {
  auto done = st.Run(storage::TxnMode::kWrite, [&](service::Context& ctx) -> Result<json::value> {
    LN_RETURN_IF_ERROR(service::admin::SeedFixture(ctx, *a.body));
    // A token names one workspace (docs/workspaces.md).
    LN_RETURN_IF_ERROR(st.workspaces.CheckTokensFree(st.workspace, ctx.store()));
    return service::admin::ExportFixture(ctx);
  });
  if (!done.ok()) return done.error();
  LN_RETURN_IF_ERROR(st.log.Clear());
  json::object counts;
  for (const char* kind : {"users", "integrations", "databases", "data_sources", "pages"}) {
    counts[kind] = done->get_object().at(kind).get_array().size();
  }
  // The later kinds are counted when the fixture held some (the export lists them then).
  for (const char* kind : {"meeting_notes", "file_uploads", "blocks", "comments", "webhook_subscriptions"}) {
    if (const json::value* items = done->get_object().if_contains(kind)) counts[kind] = items->get_array().size();
  }
  return json::value(json::object{{"status", "seeded"}, {"counts", std::move(counts)}});
}

}  // namespace

const std::vector<Route>& AdminFixtureRoutes() {
  constexpr Auth kAdmin = Auth::kAdminToken;
  static const std::vector<Route> kRoutes = {
      {.method = "POST", .path = "/_localnotion/seed", .auth = kAdmin, .admin = Seed},
      {.method = "GET", .path = "/_localnotion/export", .auth = kAdmin,
       .admin = [](AdminState& st, const RouteArgs&) { 
         return st.Run(storage::TxnMode::kRead,
                       [&](service::Context& ctx) { return service::admin::ExportFixture(ctx); });
       }},
      {.method = "GET", .path = "/_localnotion/pages/{}/history", .auth = kAdmin,
       .admin = [](AdminState& st, const RouteArgs& a) {
         return st.Run(storage::TxnMode::kRead,
                       [&](service::Context& ctx) { return service::pages::PageHistory(ctx, a.params[0]); });
       }},
      {.method = "GET", .path = "/_localnotion/clock", .auth = kAdmin,
       .admin = [](AdminState&, const RouteArgs&) -> Result<json::value> { return ClockState(); }},
      // The clock is the process's, shared by every workspace: only the server's admin
      // token sets it, and not through a workspace's prefix (docs/workspaces.md).
      {.method = "POST", .path = "/_localnotion/clock", .auth = kAdmin, .global = true,
       .admin = [](AdminState&, const RouteArgs& a) -> Result<json::value> {
         LN_RETURN_IF_ERROR(SetClock(*a.body));
         return ClockState();
       }},
  };
  return kRoutes;
}

}  // namespace localnotion::http
