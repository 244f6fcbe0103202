// The admin API's webhooks (under /_localnotion/, admin token; docs/webhooks.md):
//   POST   webhooks                          {"integration", "url", "event_types"?, "api_version"?}
//   GET    webhooks                          every subscription
//   POST   webhooks/send_now                 flush aggregation windows and retry waits
//   GET    webhooks/deliveries               every delivery, newest first (?limit=, default 100)
//   GET    webhooks/{id}
//   PATCH  webhooks/{id}                     {"url"? (before verification), "event_types"?, "api_version"?}
//   DELETE webhooks/{id}
//   POST   webhooks/{id}/verify              {"verification_token"}
//   POST   webhooks/{id}/resend_token
//   POST   webhooks/{id}/pause | resume
//   GET    webhooks/{id}/deliveries          its deliveries, newest first (?limit=)
//   GET    webhooks/{id}/deliveries/{delivery_id}
//   POST   webhooks/{id}/deliveries/{delivery_id}/redeliver
// The use cases are service/webhooks/webhooks.h.
#include <charconv>

#include "http/routes.h"
#include "service/webhooks/webhooks.h"

namespace localnotion::http {
namespace {

using service::Context;
namespace webhooks = service::webhooks;

int Limit(const RouteArgs& a) {
  int limit = 100;
  if (auto text = a.Query("limit")) {
    int parsed = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec == std::errc() && end == text->data() + text->size() && parsed > 0) limit = std::min(parsed, 1000);
  }
  return limit;
}

// Runs `fn(ctx)` in one write transaction (the reads too: they are rare).
template <class F>
Result<json::value> Write(AdminState& st, F&& fn) {
  return st.Run(storage::TxnMode::kWrite, std::forward<F>(fn));
}

Result<json::value> Deleted(Context& ctx, const std::string& id) {
  LN_RETURN_IF_ERROR(webhooks::DeleteSubscription(ctx, id));
  return json::value(json::object{{"object", "webhook_subscription"}, {"id", id}, {"deleted", true}});
}

}  // namespace

const std::vector<Route>& AdminWebhookRoutes() {
  constexpr Auth kAdmin = Auth::kAdminToken;
  static const std::vector<Route> kRoutes = {
      {.method = "POST",
       .path = "/_localnotion/webhooks",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::CreateSubscription(ctx, *a.body); });
           }},
      {.method = "GET",
       .path = "/_localnotion/webhooks",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs&) {
             return Write(st, [&](Context& ctx) { return webhooks::ListSubscriptions(ctx); });
           }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/send_now",
       .auth = kAdmin,
       .admin = [](AdminState& st,
                   const RouteArgs&) { return Write(st, [&](Context& ctx) { return webhooks::SendNow(ctx); }); }},
      {.method = "GET",
       .path = "/_localnotion/webhooks/deliveries",
       .auth = kAdmin,
       .query = {"limit"},
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::ListDeliveries(ctx, "", Limit(a)); });
           }},
      {.method = "GET",
       .path = "/_localnotion/webhooks/{}",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::GetSubscription(ctx, a.params[0]); });
           }},
      {.method = "PATCH",
       .path = "/_localnotion/webhooks/{}",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::UpdateSubscription(ctx, a.params[0], *a.body); });
           }},
      {.method = "DELETE",
       .path = "/_localnotion/webhooks/{}",
       .auth = kAdmin,
       .admin = [](AdminState& st,
                   const RouteArgs& a) { return Write(st, [&](Context& ctx) { return Deleted(ctx, a.params[0]); }); }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/{}/verify",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::VerifySubscription(ctx, a.params[0], *a.body); });
           }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/{}/resend_token",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::ResendToken(ctx, a.params[0]); });
           }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/{}/pause",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::PauseSubscription(ctx, a.params[0]); });
           }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/{}/resume",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::ResumeSubscription(ctx, a.params[0]); });
           }},
      {.method = "GET",
       .path = "/_localnotion/webhooks/{}/deliveries",
       .auth = kAdmin,
       .query = {"limit"},
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::ListDeliveries(ctx, a.params[0], Limit(a)); });
           }},
      {.method = "GET",
       .path = "/_localnotion/webhooks/{}/deliveries/{}",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::GetDelivery(ctx, a.params[0], a.params[1]); });
           }},
      {.method = "POST",
       .path = "/_localnotion/webhooks/{}/deliveries/{}/redeliver",
       .auth = kAdmin,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return Write(st, [&](Context& ctx) { return webhooks::Redeliver(ctx, a.params[0], a.params[1]); });
           }},
  };
  return kRoutes;
}

}  // namespace localnotion::http
