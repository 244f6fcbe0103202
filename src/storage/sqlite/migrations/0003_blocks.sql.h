// Migration 3: page content (storage/block_record.h). IF NOT EXISTS, because files
// written before migrations were numbered may already hold the table.
#pragma once

namespace localnotion::storage {

// Positions are plain integers: appending takes the last one plus one, and inserting
// after a sibling shifts the later ones up (ShiftBlockPositions).
inline constexpr const char* kMigration0003Blocks = R"sql(
CREATE TABLE IF NOT EXISTS blocks (
  id               TEXT PRIMARY KEY,
  parent_type      TEXT NOT NULL,
  parent_id        TEXT NOT NULL,
  position         INTEGER NOT NULL,
  type             TEXT NOT NULL,
  content          TEXT NOT NULL,
  in_trash         INTEGER NOT NULL,
  created_time     INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  last_edited_time INTEGER NOT NULL,
  last_edited_by   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS blocks_parent ON blocks(parent_id, position);
)sql";

}  // namespace localnotion::storage
