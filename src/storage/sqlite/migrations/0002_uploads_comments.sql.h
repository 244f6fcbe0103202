// Migration 2: file uploads and comments. IF NOT EXISTS, because files written before
// migrations were numbered (user_version 1) may already hold these tables.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0002UploadsComments = R"sql(
CREATE TABLE IF NOT EXISTS file_uploads (
  id               TEXT PRIMARY KEY,
  integration_id   TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  mode             TEXT NOT NULL,
  status           TEXT NOT NULL,
  filename         TEXT,
  content_type     TEXT,
  content_length   INTEGER,
  number_of_parts  INTEGER NOT NULL,
  external_url     TEXT,
  created_time     INTEGER NOT NULL,
  last_edited_time INTEGER NOT NULL,
  expiry_time      INTEGER NOT NULL,
  attached         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS file_uploads_integration ON file_uploads(integration_id);
CREATE TABLE IF NOT EXISTS file_upload_parts (
  upload_id   TEXT NOT NULL,
  part_number INTEGER NOT NULL,
  bytes       BLOB NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
CREATE TABLE IF NOT EXISTS comments (
  id               TEXT PRIMARY KEY,
  parent_type      TEXT NOT NULL,
  parent_id        TEXT NOT NULL,
  discussion_id    TEXT NOT NULL,
  rich_text        TEXT NOT NULL,
  attachments      TEXT NOT NULL,
  display_name     TEXT NOT NULL,
  created_time     INTEGER NOT NULL,
  last_edited_time INTEGER NOT NULL,
  created_by       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_parent ON comments(parent_id);
CREATE INDEX IF NOT EXISTS comments_discussion ON comments(discussion_id);
)sql";

// What /_localnotion/reset empties besides the version 1 tables.
}  // namespace localnotion::storage
