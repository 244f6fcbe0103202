// Webhook subscriptions and their deliveries, as the Store keeps them
// (service/webhooks/ works with them; docs/webhooks.md). Notion manages subscriptions in
// its UI only (https://developers.notion.com/reference/webhooks); localnotion keeps them
// in the store so that they survive a restart, and keeps every delivery (an event, or the
// verification handshake) durably so that delivery resumes after a restart or a crash:
// at-least-once, the same event id on every attempt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"

namespace localnotion::storage {

struct WebhookSubscriptionRecord {
  std::string id;
  std::string integration_id;
  std::string url;
  std::vector<std::string> event_types;
  std::string api_version;         // "2022-06-28", "2025-09-03" or "2026-03-11"
  std::string state;               // "pending_verification", "active" or "paused"
  std::string verification_token;  // the HMAC key of X-Notion-Signature
  Millis created_time = 0;
  // Only changes of the outbox after this sequence give this subscription events.
  int64_t after_sequence = 0;
};

struct WebhookDeliveryRecord {
  std::string id;  // the event id ("id" of the envelope); the handshake's own id
  std::string subscription_id;
  std::string type;       // the event type, or "verification" for the handshake
  std::string entity_id;  // "" for the handshake
  // "pending" (waiting for its window or its next attempt), "delivered" (a 2xx came
  // back), "failed" (every attempt used).
  std::string status;
  // The event as JSON text, with attempt_number 1; the handshake's whole body.
  std::string payload;
  int64_t attempts = 0;
  int64_t max_attempts = 8;
  Millis created_time = 0;
  Millis due_time = 0;  // when the next attempt may start
  Millis last_attempt_time = 0;
  std::optional<int64_t> response_status;  // of the last attempt, when one came back
  int64_t latency_ms = 0;                  // of the last attempt
  std::string error;                       // why the last attempt failed, "" if it did not
  std::string request_headers;             // JSON object: the headers of the last attempt
  std::string request_body;                // the exact body of the last attempt
};

// The webhook facet of a transaction (storage/txn.h).
class WebhookRecords {
 public:
  virtual ~WebhookRecords() = default;
  virtual Status PutWebhookSubscription(const WebhookSubscriptionRecord& sub) = 0;
  virtual Result<std::optional<WebhookSubscriptionRecord>> GetWebhookSubscription(std::string_view id) = 0;
  // In creation order.
  virtual Result<std::vector<WebhookSubscriptionRecord>> ListWebhookSubscriptions() = 0;
  // Removes the subscription and its deliveries (no-op for an unknown id).
  virtual Status DeleteWebhookSubscription(std::string_view id) = 0;
  virtual Status PutWebhookDelivery(const WebhookDeliveryRecord& delivery) = 0;
  // In a write transaction, the read of a read-modify-write: on PostgreSQL it waits for
  // the other writers of the delivery and reads their result (postgres/pg_records.h).
  virtual Result<std::optional<WebhookDeliveryRecord>> GetWebhookDelivery(std::string_view id) = 0;
  virtual Status DeleteWebhookDelivery(std::string_view id) = 0;
  // The deliveries of a subscription ("" for every subscription), newest first, at most
  // `limit`.
  virtual Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(std::string_view subscription_id,
                                                                           int limit) = 0;
  // The pending deliveries, earliest due first, at most `limit`. On PostgreSQL it locks
  // nothing: another transaction may claim or send a delivery listed here meanwhile, so a
  // writer reads it again with GetWebhookDelivery before changing it (service/webhooks).
  virtual Result<std::vector<WebhookDeliveryRecord>> ListPendingWebhookDeliveries(int limit) = 0;
  // The sequence of the last change of the outbox, 0 when it is empty.
  virtual Result<int64_t> LastChangeSequence() = 0;
};

}  // namespace localnotion::storage
