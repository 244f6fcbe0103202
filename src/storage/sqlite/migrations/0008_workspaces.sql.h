// Migration 8: the workspace catalog (storage/workspace_records.h). Only the main store
// (the default workspace's file) fills these tables; a workspace's own file has them
// empty. `rank` keeps the creation order across updates; a token hash maps to one
// workspace.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0008Workspaces = R"sql(
CREATE TABLE IF NOT EXISTS workspaces (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  created_time     INTEGER NOT NULL,
  admin_token_hash TEXT NOT NULL,
  shard            TEXT NOT NULL,
  rank             INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS workspaces_by_admin_token ON workspaces(admin_token_hash);
CREATE TABLE IF NOT EXISTS workspace_tokens (
  secret_hash  TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workspace_tokens_by_workspace ON workspace_tokens(workspace_id, secret_hash);
)sql";

}  // namespace localnotion::storage
