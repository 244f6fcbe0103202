#include "api/webhook_objects.h"

namespace localnotion::api {
namespace {

json::value TimeOrNull(const std::optional<Millis>& t) {
  return t ? json::value(FormatIso8601(*t)) : json::value(nullptr);
}

}  // namespace

json::object RenderWebhookSubscription(const WebhookSubscriptionView& s) {
  json::array types;
  for (const std::string& t : s.event_types) types.emplace_back(t);
  return json::object{{"object", "webhook_subscription"},
                      {"id", s.id},
                      {"integration_id", s.integration_id},
                      {"url", s.url},
                      {"event_types", std::move(types)},
                      {"api_version", s.api_version},
                      {"state", s.state},
                      {"created_time", FormatIso8601(s.created_time)}};
}

json::object RenderWebhookDelivery(const WebhookDeliveryView& d) {
  return json::object{{"object", "webhook_delivery"},
                      {"id", d.id},
                      {"subscription_id", d.subscription_id},
                      {"type", d.type},
                      {"entity_id", d.entity_id.empty() ? json::value(nullptr) : json::value(d.entity_id)},
                      {"status", d.status},
                      {"attempts", d.attempts},
                      {"max_attempts", d.max_attempts},
                      {"created_time", FormatIso8601(d.created_time)},
                      {"next_attempt_time", TimeOrNull(d.next_attempt_time)},
                      {"last_attempt_time", TimeOrNull(d.last_attempt_time)},
                      {"response_status", d.response_status ? json::value(*d.response_status) : json::value(nullptr)},
                      {"latency_ms", d.latency_ms},
                      {"error", d.error.empty() ? json::value(nullptr) : json::value(d.error)},
                      {"request", json::object{{"headers", d.request_headers}, {"body", d.request_body}}}};
}

}  // namespace localnotion::api
