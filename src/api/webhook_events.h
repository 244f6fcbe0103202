// Webhook events as Notion sends them (https://developers.notion.com/reference/webhooks,
// https://developers.notion.com/reference/webhooks-events-delivery): the catalog of event
// types per subscription api_version, the envelope in Notion's key order, aggregation of
// two events of one entity, the verification handshake body and X-Notion-Signature.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

// The api_version values a subscription may have. "2026-03-11" shapes events exactly as
// "2025-09-03" does (https://developers.notion.com/docs/upgrade-guide-2026-03-11).
bool IsWebhookApiVersion(std::string_view version);
// From 2025-09-03 on, database.content_updated and database.schema_updated become
// data_source.*, data_source.created/moved/deleted/undeleted exist, and a parent names
// its data_source_id (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
bool WebhookHasDataSources(std::string_view version);

struct WebhookEventType {
  std::string_view name;
  // Batched per entity over a window (page.locked, page.unlocked and comment.* never are).
  bool aggregated = true;
  bool before_data_sources = true;  // served on 2022-06-28 subscriptions
  bool with_data_sources = true;    // served on 2025-09-03 and later
};

// Every type of Notion's catalog, in the docs' order.
const std::vector<WebhookEventType>& WebhookEventCatalog();
// nullptr when `name` is not in the catalog.
const WebhookEventType* FindWebhookEventType(std::string_view name);
bool WebhookEventServedIn(const WebhookEventType& type, std::string_view version);

struct WebhookRef {
  std::string id;
  std::string type;
};

// A parent inside `data` ("WebhookParentBlock" in the SDK's types).
struct WebhookParent {
  std::string id;
  std::string type;  // "space", "page", "database", "block"
  std::optional<std::string> data_source_id;
};
json::object RenderWebhookParent(const WebhookParent& parent);

struct WebhookEventView {
  std::string id;
  Millis timestamp = 0;
  std::string workspace_id;
  std::string workspace_name;
  std::string subscription_id;
  std::string integration_id;
  std::string type;
  std::vector<WebhookRef> authors;
  int attempt_number = 1;
  std::string api_version;
  WebhookRef entity;
  std::optional<json::object> data;  // file_upload.created/completed/expired have none
};

// The envelope, keys in this order: id, timestamp, workspace_id, workspace_name,
// subscription_id, integration_id, type, authors, attempt_number, api_version, entity,
// data (accessible_by is sent for public integrations only, which localnotion does not
// have; docs/compat.md).
json::object RenderWebhookEvent(const WebhookEventView& event);

// Folds `later` (an event of the same entity and type, or one that the earlier event
// absorbs) into `earlier`: authors joined without repeats, the later timestamp and
// parent, and the union of updated_blocks (by id) and updated_properties.
void MergeWebhookEvents(json::object& earlier, const json::object& later);
// The same for the `data` objects alone: the later parent, the union of the lists.
void MergeWebhookData(json::object& earlier, const json::object& later);

// The body sent for attempt `attempt` of a stored event: the same bytes but for
// attempt_number. Minified.
std::string WebhookBodyForAttempt(std::string_view stored_event, int attempt);

// {"verification_token":"…"}: the one POST Notion sends when a subscription is created.
std::string WebhookVerificationBody(std::string_view token);

// "sha256=" + lower-case hex HMAC-SHA-256 of the raw body keyed with the verification
// token (https://developers.notion.com/reference/webhooks, "Validating event payloads").
std::string WebhookSignature(std::string_view body, std::string_view verification_token);

}  // namespace localnotion::api
