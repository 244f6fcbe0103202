// Webhooks (docs/webhooks.md): subscriptions, the events of the change outbox, and their
// deliveries, as Notion sends them (https://developers.notion.com/reference/webhooks).
//
// Subscriptions are managed through the admin API and the CLI (Notion: its UI only). A
// new subscription is "pending_verification": a handshake POST {"verification_token"}
// goes to its URL, and Verify with that token makes it "active"; Pause / Resume switch
// between "active" and "paused". Only active subscriptions get events, from changes
// made after they were created (or resumed).
//
// Events come from the change outbox (storage/change_record.h), which the write path
// fills in the request's transaction: IngestChanges (ingest.cc) turns each change into
// the events of each active subscription (events.cc: the catalog per api_version, what
// the integration can see, comments only with read_comments), aggregates them per entity
// over ServiceOptions::webhook_aggregation_ms, and stores them as deliveries. The
// dispatcher (dispatcher.h) sends what is due, signs each body and retries.
//
// Errors: an unknown subscription or delivery gives kObjectNotFound "Could not find
// webhook subscription: X." / "Could not find webhook delivery: X."; a bad body gives
// kValidationError naming the field. They touch only webhook records, the meta key
// "webhooks_cursor" and (IngestChanges) read the workspace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"
#include "storage/webhook_records.h"

namespace localnotion::service::webhooks {

// POST /_localnotion/webhooks {"integration", "url", "event_types"?, "api_version"?}.
// event_types defaults to every type the version serves, api_version to 2025-09-03.
Result<json::value> CreateSubscription(Context& ctx, const json::value& body);
Result<json::value> ListSubscriptions(Context& ctx);
Result<json::value> GetSubscription(Context& ctx, std::string_view id);
// PATCH {"url"?, "event_types"?, "api_version"?}: the URL only before verification.
Result<json::value> UpdateSubscription(Context& ctx, std::string_view id, const json::value& body);
Status DeleteSubscription(Context& ctx, std::string_view id);
// {"verification_token"}: the token the handshake carried.
Result<json::value> VerifySubscription(Context& ctx, std::string_view id, const json::value& body);
// Sends the handshake again (pending verification only).
Result<json::value> ResendToken(Context& ctx, std::string_view id);
Result<json::value> PauseSubscription(Context& ctx, std::string_view id);
Result<json::value> ResumeSubscription(Context& ctx, std::string_view id);

// Deliveries, newest first (the subscription's, or all with id "").
Result<json::value> ListDeliveries(Context& ctx, std::string_view subscription_id, int limit);
Result<json::value> GetDelivery(Context& ctx, std::string_view subscription_id, std::string_view delivery_id);
// Sends the delivery again from attempt 1, now (whatever its status).
Result<json::value> Redeliver(Context& ctx, std::string_view subscription_id, std::string_view delivery_id);
// Reads the outbox, then makes every pending delivery due now (closing aggregation
// windows and cutting retry waits) but one whose attempt is in flight. Returns
// {"pending": N}.
Result<json::value> SendNow(Context& ctx);

// From the outbox to deliveries (ingest.cc), in two steps so that the dispatcher makes
// events in a read transaction and holds the store's writer only to store them.
struct PreparedDelivery {
  storage::WebhookDeliveryRecord record;
  json::object event;
};
struct IngestBatch {
  int64_t from = 0;  // the cursor the changes were read after
  int64_t to = 0;    // the last change's sequence
  int changes = 0;
  std::vector<PreparedDelivery> deliveries;  // before aggregation
};
// Reads at most `limit` changes after the cursor and makes the events of every active
// subscription (only reads).
Result<IngestBatch> PrepareIngest(Context& ctx, int limit);
// Aggregates the batch's events into the stored deliveries and moves the cursor past its
// changes; false (nothing written) when the cursor is no longer `batch.from`.
Result<bool> StoreIngest(Context& ctx, IngestBatch batch);
// Both in the caller's transaction. Returns the number of changes read.
Result<int> IngestChanges(Context& ctx, int limit);
// Appends a "file_upload" "expired" change for each unattached upload whose expiry passed
// since the last call, when an active subscription wants file_upload.expired
// (expiries.cc). Returns how many.
Result<int> RecordExpiredUploads(Context& ctx);

// Whether a sender has claimed an attempt of `d` (dispatcher.cc) and not yet recorded its
// outcome: its due_time is then the claim's lease, after which another server, or this
// one after a restart, makes the next attempt, so nothing else may move it.
bool AttemptInFlight(const storage::WebhookDeliveryRecord& d);

// The wait after failed attempt `attempt` (1-based): exponential, about 11 minutes then
// doubling, so that the 8th attempt comes about 24 h after the first (Notion: "the last
// retry about 24 hours after the event"), times `scale`.
int64_t RetryDelayMs(int64_t attempt, double scale);

}  // namespace localnotion::service::webhooks
