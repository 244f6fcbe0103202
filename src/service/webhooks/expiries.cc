// file_upload.expired (https://developers.notion.com/reference/webhooks-events-delivery).
// An upload's expiry is not a write: a file upload that was never attached reads as
// "expired" once its expiry_time has passed (service/uploads/file_upload_state.cc). So
// that the event can come from the outbox like every other, RecordExpiredUploads appends
// one change ("file_upload", id, "expired") through the write path for each such upload
// whose expiry passed since the last call, for the integrations that have an active
// subscription to the event (an upload's events go to the integration that made it only).
// The time up to which expiries were recorded is kept in the meta key
// "webhooks_upload_expiry"; the first call records none, so a new subscription never gets
// the expiries of before it.
#include <set>

#include "service/webhooks/webhooks.h"

namespace localnotion::service::webhooks {
namespace {

constexpr std::string_view kExpiryCursorKey = "webhooks_upload_expiry";

}  // namespace

Result<int> RecordExpiredUploads(Context& ctx) {
  storage::Txn& txn = ctx.store();
  LN_ASSIGN_OR_RETURN(auto subs, txn.ListWebhookSubscriptions());
  std::set<std::string> integrations;
  for (const auto& sub : subs) {
    if (sub.state != "active") continue;
    for (const std::string& type : sub.event_types) {
      if (type == "file_upload.expired") integrations.insert(sub.integration_id);
    }
  }
  if (integrations.empty()) return 0;
  const Millis now = NowMillis();
  LN_ASSIGN_OR_RETURN(auto cursor_text, txn.GetMeta(kExpiryCursorKey));
  int recorded = 0;
  if (cursor_text) {
    const Millis since = std::stoll(*cursor_text);
    if (since >= now) return 0;
    for (const std::string& integration : integrations) {
      LN_ASSIGN_OR_RETURN(auto uploads, txn.ListFileUploads(integration));
      for (auto it = uploads.rbegin(); it != uploads.rend(); ++it) {  // oldest first
        if (it->attached || it->expiry_time <= since || it->expiry_time > now) continue;
        Caller creator;  // the expiry is recorded as the creator's, as its other events are
        creator.integration.id = it->integration_id;
        creator.integration.bot_user_id = it->created_by;
        LN_RETURN_IF_ERROR(ctx.AppendChange(creator, "file_upload", it->id, "expired", {}));
        ++recorded;
      }
    }
  }
  LN_RETURN_IF_ERROR(txn.PutMeta(kExpiryCursorKey, std::to_string(now)));
  return recorded;
}

}  // namespace localnotion::service::webhooks
