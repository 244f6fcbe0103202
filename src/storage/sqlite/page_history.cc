// SqliteConnection: the page_history table (schema.sql.h) and the list of all databases for
// export. Statements are prepared on first use and kept.
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

struct SqliteConnection::HistoryStatements {
  explicit HistoryStatements(sqlite3* db)
      : append(db,
               "INSERT INTO page_history (page_id, time, request_id, integration_id, integration_name, action, changes) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        list(db,
             "SELECT sequence, page_id, time, request_id, integration_id, integration_name, action, changes "
             "FROM page_history WHERE page_id = ?1 ORDER BY sequence"),
        database_ids(db, "SELECT id FROM databases ORDER BY rowid") {}
  bool valid() const { return append.valid() && list.valid() && database_ids.valid(); }
  Statement append, list, database_ids;
};

void SqliteConnection::HistoryStatementsDeleter::operator()(HistoryStatements* p) const { delete p; }

Result<SqliteConnection::HistoryStatements*> SqliteConnection::History() {
  if (!history_st_) {
    std::unique_ptr<HistoryStatements, HistoryStatementsDeleter> st(new HistoryStatements(db_));
    if (!st->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    history_st_ = std::move(st);
  }
  return history_st_.get();
}

Status SqliteConnection::AppendPageHistory(const PageHistoryRecord& e) {
  LN_ASSIGN_OR_RETURN(HistoryStatements * h, History());
  Statement& st = h->append;
  st.Bind(1, e.page_id).Bind(2, e.time).Bind(3, e.request_id).Bind(4, e.integration_id);
  st.Bind(5, e.integration_name).Bind(6, e.action).Bind(7, SerializeJson(e.changes));
  return st.Run();
}

Result<std::vector<PageHistoryRecord>> SqliteConnection::ListPageHistory(std::string_view page_id) {
  LN_ASSIGN_OR_RETURN(HistoryStatements * h, History());
  Statement& st = h->list;
  st.Bind(1, page_id);
  std::vector<PageHistoryRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    PageHistoryRecord e;
    e.sequence = st.Int(0);
    e.page_id = st.Text(1);
    e.time = st.Int(2);
    e.request_id = st.Text(3);
    e.integration_id = st.Text(4);
    e.integration_name = st.Text(5);
    e.action = st.Text(6);
    auto changes = ParseJson(st.Text(7));
    if (!changes || !changes->is_array()) {
      st.Reset();
      return InternalError("sqlite: corrupt page_history row");
    }
    e.changes = std::move(changes->get_array());
    out.push_back(std::move(e));
  }
  st.Reset();
  return out;
}

Result<std::vector<std::shared_ptr<const DatabaseRecord>>> SqliteConnection::ListAllDatabases() {
  LN_ASSIGN_OR_RETURN(HistoryStatements * h, History());
  Statement& st = h->database_ids;
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
