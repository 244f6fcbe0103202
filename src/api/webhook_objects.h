// The admin API's webhook objects (localnotion's own shapes, not Notion's: Notion
// manages subscriptions in its UI only, https://developers.notion.com/reference/webhooks).
// docs/webhooks.md shows them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct WebhookSubscriptionView {
  std::string id;
  std::string integration_id;
  std::string url;
  std::vector<std::string> event_types;
  std::string api_version;
  std::string state;  // "pending_verification", "active", "paused"
  Millis created_time = 0;
};

// {"object":"webhook_subscription","id",...,"state","created_time"}.
json::object RenderWebhookSubscription(const WebhookSubscriptionView& s);

struct WebhookDeliveryView {
  std::string id;
  std::string subscription_id;
  std::string type;
  std::string entity_id;
  std::string status;  // "pending", "delivered", "failed"
  int64_t attempts = 0;
  int64_t max_attempts = 8;
  Millis created_time = 0;
  std::optional<Millis> next_attempt_time;  // pending only
  std::optional<Millis> last_attempt_time;
  std::optional<int64_t> response_status;
  int64_t latency_ms = 0;
  std::string error;
  json::object request_headers;  // of the last attempt
  std::string request_body;      // the exact bytes of the last attempt ("" before one)
};

// {"object":"webhook_delivery","id",...,"request":{"headers","body"}}.
json::object RenderWebhookDelivery(const WebhookDeliveryView& d);

}  // namespace localnotion::api
