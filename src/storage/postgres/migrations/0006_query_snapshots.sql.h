// PostgreSQL migration 6: query snapshots that every instance over the store can page
// through (storage/shared_controls.h, service/databases/query_snapshots.h). A snapshot
// holds a query's result ids in order, joined by commas (ids never hold one); a cursor
// names an offset in a snapshot. Both are a cache: UNLOGGED (no WAL, emptied by a crash)
// and deleted once `expires_at` passed.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0006QuerySnapshots = R"sql(
CREATE UNLOGGED TABLE query_snapshots (
  id          text PRIMARY KEY,
  source_id   text NOT NULL,
  fingerprint text NOT NULL,
  ids         text NOT NULL,
  incomplete  boolean NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX query_snapshots_expiry ON query_snapshots (expires_at);
CREATE UNLOGGED TABLE query_cursors (
  key         text PRIMARY KEY,
  snapshot_id text NOT NULL,
  place       bigint NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX query_cursors_expiry ON query_cursors (expires_at);
)sql";

}  // namespace localnotion::storage
