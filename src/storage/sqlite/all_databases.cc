// SqliteConnection: the list of all databases, for export. The statement is prepared on
// first use and kept.
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

Result<std::vector<std::shared_ptr<const DatabaseRecord>>> SqliteConnection::ListAllDatabases() {
  if (!all_database_ids_) {
    auto st = std::make_unique<Statement>(db_, "SELECT id FROM databases ORDER BY rowid");
    if (!st->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    all_database_ids_ = std::move(st);
  }
  Statement& st = *all_database_ids_;
  std::vector<std::string> ids;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    ids.push_back(st.Text(0));
  }
  st.Reset();
  std::vector<std::shared_ptr<const DatabaseRecord>> out;
  for (const auto& id : ids) {
    LN_ASSIGN_OR_RETURN(auto db, GetDatabase(id));
    if (db) out.push_back(std::move(db));
  }
  return out;
}

}  // namespace localnotion::storage
