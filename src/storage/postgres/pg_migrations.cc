#include "storage/postgres/pg_migrations.h"

#include <iterator>

#include "storage/postgres/migrations/0001_initial.sql.h"
#include "storage/postgres/migrations/0002_cache_generation.sql.h"
#include "storage/postgres/migrations/0003_workspaces.sql.h"
#include "storage/postgres/migrations/0004_views.sql.h"
#include "storage/postgres/migrations/0005_shared_controls.sql.h"
#include "storage/postgres/migrations/0006_query_snapshots.sql.h"
#include "storage/postgres/migrations/0007_write_marks.sql.h"
#include "storage/postgres/migrations/0008_page_text.sql.h"
#include "storage/postgres/migrations/0009_snapshot_storage.sql.h"
#include "storage/postgres/migrations/0010_page_edit_second.sql.h"
#include "storage/postgres/pg_page_text.h"

namespace localnotion::storage {
namespace {

// One migration: its SQL, then (when set) a step in C++ in the same transaction, for
// data that only the C++ code can compute (migration 8's folded text).
struct PgMigration {
  const char* sql;
  Status (*then)(PgConnection&) = nullptr;
};

// Migration i+1 is kPgMigrations[i].
constexpr PgMigration kPgMigrations[] = {
    {kPgMigration0001Initial},                       // 1
    {kPgMigration0002CacheGeneration},               // 2
    {kPgMigration0003Workspaces},                    // 3
    {kPgMigration0004Views},                         // 4
    {kPgMigration0005SharedControls},                // 5
    {kPgMigration0006QuerySnapshots},                // 6
    {kPgMigration0007WriteMarks},                    // 7
    {kPgMigration0008PageText, BackfillPgPageText},  // 8
    {kPgMigration0009SnapshotStorage},               // 9
    {kPgMigration0010PageEditSecond},                // 10
};

// The advisory lock that migrating instances take turns on (any schema).
constexpr const char* kMigrateLock = "hashtextextended('localnotion:migrate', 0)";

Result<int> Migrate(PgConnection& conn) {
  const std::string schema = QuoteIdent(conn.schema());
  LN_RETURN_IF_ERROR(conn.Exec("CREATE SCHEMA IF NOT EXISTS " + schema));
  LN_RETURN_IF_ERROR(conn.Exec("CREATE TABLE IF NOT EXISTS " + schema +
                               ".schema_migrations (version integer PRIMARY KEY, "
                               "applied_at timestamptz NOT NULL DEFAULT now())"));
  LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_migrations",
                                              {}, /*prepare=*/false));
  const int version = static_cast<int>(rows.Int(0, 0));
  if (version > LatestPostgresMigration()) {
    return InternalError("the PostgreSQL schema " + conn.schema() +
                         " was written by a newer localnotion (schema version " + std::to_string(version) + ")");
  }
  int applied = 0;
  for (int next = version + 1; next <= LatestPostgresMigration(); ++next) {
    LN_RETURN_IF_ERROR(conn.Exec("BEGIN"));
    const PgMigration& migration = kPgMigrations[next - 1];
    Status done = conn.Exec(migration.sql);
    if (done.ok() && migration.then != nullptr) done = migration.then(conn);
    if (done.ok()) {
      done = conn.Exec("INSERT INTO " + schema + ".schema_migrations (version) VALUES (" + std::to_string(next) + ")");
    }
    if (done.ok()) done = conn.Exec("COMMIT");
    if (!done.ok()) {
      (void)conn.Exec("ROLLBACK");
      return std::move(done).error();
    }
    ++applied;
  }
  return applied;
}

}  // namespace

int LatestPostgresMigration() { return static_cast<int>(std::size(kPgMigrations)); }

Result<int> MigratePostgres(PgConnection& conn) {
  LN_RETURN_IF_ERROR(conn.Exec(std::string("SELECT pg_advisory_lock(") + kMigrateLock + ")"));
  Result<int> applied = Migrate(conn);
  Status unlocked = conn.Exec(std::string("SELECT pg_advisory_unlock(") + kMigrateLock + ")");
  if (applied.ok() && !unlocked.ok()) return std::move(unlocked).error();
  return applied;
}

}  // namespace localnotion::storage
