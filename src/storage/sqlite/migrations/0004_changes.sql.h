// Migration 4: the change outbox (storage/change_record.h). `properties` is a JSON array
// of property ids.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0004Changes = R"sql(
CREATE TABLE IF NOT EXISTS changes (
  sequence    INTEGER PRIMARY KEY,
  object      TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  properties  TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  time        INTEGER NOT NULL,
  request_id  TEXT NOT NULL
);
)sql";

}  // namespace localnotion::storage
