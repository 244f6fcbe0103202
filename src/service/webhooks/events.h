// The events of one change of the outbox for one subscription (events.cc), before
// aggregation: Notion's catalog (https://developers.notion.com/reference/webhooks-events-delivery)
// shaped for the subscription's api_version, and only what its integration may see.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "api/webhook_events.h"
#include "common/error.h"
#include "service/core/context.h"
#include "storage/change_record.h"

namespace localnotion::service::webhooks {

struct ChangeEvent {
  std::string type;
  api::WebhookRef entity;
  std::optional<json::object> data;
};

struct EventScope {
  std::string api_version;
  std::string workspace_id;
  std::string integration_id;  // the subscription's: file uploads are its own only
  bool read_comments = false;
  // Databases created earlier in the same batch, by request id + database id: the data
  // source created with a database gives no data_source.created of its own.
  const std::set<std::string>* created_databases = nullptr;
};

// The events of `change` for a subscription whose integration `ctx` acts for (ActFor),
// only those the integration can see.
Result<std::vector<ChangeEvent>> EventsOfChange(Context& ctx, const storage::ChangeRecord& change,
                                                const EventScope& scope);

}  // namespace localnotion::service::webhooks
