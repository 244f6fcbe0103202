// Migration 1: the first table layout (docs/storage.md). JSON columns hold compact JSON
// text written by common/json.h. Rows are written with upserts so that a row keeps its
// rowid, which orders lists in creation order. Migrations never change once released:
// a later layout is a new numbered file (migrations.cc).
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0001Initial = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id             TEXT PRIMARY KEY,
  type           TEXT NOT NULL,
  name           TEXT NOT NULL,
  avatar_url     TEXT,
  email          TEXT,
  integration_id TEXT
);
CREATE TABLE IF NOT EXISTS integrations (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  secret_hash  TEXT NOT NULL UNIQUE,
  bot_user_id  TEXT NOT NULL,
  capabilities TEXT NOT NULL,
  created_time INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS databases (
  id               TEXT PRIMARY KEY,
  parent_type      TEXT NOT NULL,
  parent_id        TEXT NOT NULL,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  icon             TEXT NOT NULL,
  cover            TEXT NOT NULL,
  in_trash         INTEGER NOT NULL,
  is_inline        INTEGER NOT NULL,
  created_time     INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  last_edited_time INTEGER NOT NULL,
  last_edited_by   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS data_sources (
  id               TEXT PRIMARY KEY,
  database_id      TEXT NOT NULL,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  icon             TEXT NOT NULL,
  in_trash         INTEGER NOT NULL,
  created_time     INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  last_edited_time INTEGER NOT NULL,
  last_edited_by   TEXT NOT NULL,
  schema           TEXT NOT NULL,
  next_unique_id   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS data_sources_database ON data_sources(database_id);
CREATE TABLE IF NOT EXISTS pages (
  id               TEXT PRIMARY KEY,
  parent_type      TEXT NOT NULL,
  parent_id        TEXT NOT NULL,
  properties       TEXT NOT NULL,
  icon             TEXT NOT NULL,
  cover            TEXT NOT NULL,
  in_trash         INTEGER NOT NULL,
  is_locked        INTEGER NOT NULL,
  created_time     INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  last_edited_time INTEGER NOT NULL,
  last_edited_by   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_parent ON pages(parent_id);
CREATE TABLE IF NOT EXISTS shares (
  integration_id TEXT NOT NULL,
  object_id      TEXT NOT NULL,
  PRIMARY KEY (integration_id, object_id)
);
CREATE TABLE IF NOT EXISTS page_history (
  sequence         INTEGER PRIMARY KEY,  -- the rowid: entries are only ever appended
  page_id          TEXT NOT NULL,
  time             INTEGER NOT NULL,
  request_id       TEXT NOT NULL,
  integration_id   TEXT NOT NULL,
  integration_name TEXT NOT NULL,
  action           TEXT NOT NULL,
  changes          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS page_history_page ON page_history(page_id, sequence);
)sql";

}  // namespace localnotion::storage
