// One entry of a page's change history (GET /_localnotion/pages/{id}/history): which
// request changed the page, for which integration, when, and the before and after
// values of what changed. Stored with the page's change record in the outbox
// (change_record.h), so it is written in the same transaction as the change and a
// request that fails leaves no entry.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::storage {

struct PageHistoryRecord {
  int64_t sequence = 0;            // assigned by the store, increasing
  std::string page_id;
  Millis time = 0;
  std::string request_id;          // as in the request log and x-notion-request-id
  std::string integration_id;
  std::string integration_name;    // as it was named at the time
  std::string action;              // "created" or "updated"
  // [{property, property_id, definition or type, before_stored, after_stored} or {field, before, after}];
  // since 2026-12 a type that renders without its config records only `type`, and title
  // and rich text values are in api::WriteCompactRichText's short form
  // (service/core/writer.cc); older entries keep `definition` and the stored form.
  json::array changes;
  // When not empty, `changes` written as JSON text already (what HistoryColumn stores
  // instead of `changes`, which is then empty): the service writes a new entry this way,
  // so that the stored values it records are not copied into a json::array first.
  std::string changes_json;
};

}  // namespace localnotion::storage
