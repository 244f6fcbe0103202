#include "storage/sqlite/migrations.h"

#include <sqlite3.h>

#include <iterator>

#include "storage/sqlite/migrations/0001_initial.sql.h"
#include "storage/sqlite/migrations/0002_uploads_comments.sql.h"
#include "storage/sqlite/migrations/0003_blocks.sql.h"
#include "storage/sqlite/migrations/0004_changes.sql.h"
#include "storage/sqlite/migrations/0005_page_titles.sql.h"
#include "storage/sqlite/migrations/0006_history_in_changes.sql.h"
#include "storage/sqlite/migrations/0007_webhooks.sql.h"
#include "storage/sqlite/migrations/0008_workspaces.sql.h"
#include "storage/sqlite/migrations/0009_views.sql.h"
#include "storage/sqlite/migrations/0010_page_text.sql.h"
#include "storage/sqlite/migrations/0011_page_text_pending.sql.h"
#include "storage/sqlite/migrations/0012_page_text_one_note.sql.h"
#include "storage/sqlite/migrations/0013_page_edit_second.sql.h"
#include "storage/sqlite/page_text.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

// Migration i+1 is kMigrations[i].
constexpr const char* kMigrations[] = {
    kMigration0001Initial,        kMigration0002UploadsComments, kMigration0003Blocks,
    kMigration0004Changes,        kMigration0005PageTitles,      kMigration0006HistoryInChanges,
    kMigration0007Webhooks,       kMigration0008Workspaces,      kMigration0009Views,
    kMigration0010PageText,       kMigration0011PageTextPending, kMigration0012PageTextOneNote,
    kMigration0013PageEditSecond,
};

// Migration 13 (0013_page_edit_second.sql.h): pages.edit_second, unless a run before made
// it, filled where it is not the row's edit second, and its index.
Status AddPageEditSecond(sqlite3* db) {
  Statement has(db, "SELECT count(*) FROM pragma_table_info('pages') WHERE name = 'edit_second'");
  LN_ASSIGN_OR_RETURN(bool row, has.StepRow());
  const bool present = row && has.Int(0) > 0;
  has.Reset();
  if (!present) LN_RETURN_IF_ERROR(Exec(db, "ALTER TABLE pages ADD COLUMN edit_second INTEGER"));
  return Exec(
      db,
      "UPDATE pages SET edit_second = last_edited_time / 1000 WHERE edit_second IS NOT last_edited_time / 1000; "
      "CREATE INDEX IF NOT EXISTS pages_by_edit_second ON pages(edit_second) WHERE in_trash = 0;");
}

// What a migration computes in C++ after its SQL, in the same transaction: migration 10
// fills page_text from the pages already stored, folding as query::FoldCase does;
// migration 13 adds pages.edit_second.
Status AfterMigration(sqlite3* db, int version) {
  if (version == 10) return BackfillPageText(db);
  if (version == 13) return AddPageEditSecond(db);
  return OkStatus();
}

Result<int> UserVersion(sqlite3* db) {
  Statement st(db, "PRAGMA user_version");
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  int version = row ? static_cast<int>(st.Int(0)) : 0;
  st.Reset();
  return version;
}

}  // namespace

int LatestSqliteMigration() { return static_cast<int>(std::size(kMigrations)); }

Status MigrateSqlite(sqlite3* db) {
  LN_ASSIGN_OR_RETURN(int version, UserVersion(db));
  if (version > LatestSqliteMigration()) {
    return InternalError("the database file was written by a newer localnotion (schema version " +
                         std::to_string(version) + ")");
  }
  for (int next = version + 1; next <= LatestSqliteMigration(); ++next) {
    LN_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    Status applied = Exec(db, kMigrations[next - 1]);
    if (applied.ok()) applied = AfterMigration(db, next);
    if (applied.ok()) applied = Exec(db, "PRAGMA user_version = " + std::to_string(next));
    if (applied.ok()) applied = Exec(db, "COMMIT");
    if (!applied.ok()) {
      (void)Exec(db, "ROLLBACK");
      return applied;
    }
  }
  return OkStatus();
}

}  // namespace localnotion::storage
