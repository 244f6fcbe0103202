// One row of the change outbox: a Notion object written by a request. The service's
// one write path (service/core/writer.cc) appends it in the same transaction as the
// write, so a change is recorded exactly when the write is durable. Webhook delivery
// reads the outbox in sequence order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "storage/page_history.h"

namespace localnotion::storage {

struct ChangeRecord {
  int64_t sequence = 0;        // assigned by the store, increasing
  std::string object;          // "page", "database", "data_source", "block", "comment", "file_upload"
  std::string object_id;
  // "created", "updated" (content or properties), "trashed", "restored", "moved", and for
  // pages "locked" / "unlocked"; file uploads are "created", then "completed" once uploaded.
  std::string kind;
  // Pages: the ids of the properties written. Data sources: the properties the write
  // created, changed or deleted, each as JSON text {"id","name","action"}.
  std::vector<std::string> properties;
  std::string author_id;       // the user (a bot user for integrations) who wrote it
  Millis time = 0;
  std::string request_id;      // x-notion-request-id of the request, "" outside one
  // A page change with history on (GET /_localnotion/pages/{id}/history) carries its
  // entry here: integration_id, integration_name, action, time and changes are stored;
  // the entry's page_id, request_id and sequence are the change's.
  std::optional<PageHistoryRecord> history;
};

}  // namespace localnotion::storage
