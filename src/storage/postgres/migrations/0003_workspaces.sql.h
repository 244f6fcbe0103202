// PostgreSQL migration 3: the workspace catalog (storage/workspace_records.h), as
// SQLite's migration 8. Only the main store fills these tables. `rank` keeps the
// creation order across updates; a token hash maps to one workspace.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0003Workspaces = R"sql(
CREATE TABLE workspaces (
  id               text PRIMARY KEY,
  name             text NOT NULL,
  created_time     bigint NOT NULL,
  admin_token_hash text NOT NULL UNIQUE,
  shard            text NOT NULL,
  rank             bigint NOT NULL
);
CREATE TABLE workspace_tokens (
  secret_hash  text COLLATE "C" PRIMARY KEY,
  workspace_id text NOT NULL
);
CREATE INDEX workspace_tokens_by_workspace ON workspace_tokens (workspace_id, secret_hash);
)sql";

}  // namespace localnotion::storage
