// The SQLite table layout as numbered migrations (migrations/NNNN_*.sql.h). The file's
// `PRAGMA user_version` is the number of the last migration applied; opening a file runs
// the ones after it, each in its own transaction, in order. A file written before the
// migrations were numbered has user_version 1 and may already hold later tables, which
// is why the early migrations say IF NOT EXISTS.
#pragma once

#include <string>

#include "common/error.h"

struct sqlite3;

namespace localnotion::storage {

// The number of the newest migration.
int LatestSqliteMigration();

// Brings the database up to LatestSqliteMigration(). A file newer than this build
// (a larger user_version) is refused with kInternalServerError.
Status MigrateSqlite(sqlite3* db);

}  // namespace localnotion::storage
