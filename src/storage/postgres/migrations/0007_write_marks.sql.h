// PostgreSQL migration 7: one row per server connection (backend pid) that a write
// transaction with changes updates, in a transaction of its own, after committing
// without waiting for the WAL flush: that second commit waits for the flush, which
// covers the first (pg_store.h, "Commits"). One row per backend, so that the updates of
// concurrent writers never wait on each other.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0007WriteMarks = R"sql(
CREATE TABLE write_marks (
  pid integer PRIMARY KEY,
  n   bigint NOT NULL
);
)sql";

}  // namespace localnotion::storage
