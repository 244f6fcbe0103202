// Integrations' deletion and shares on SQLite. Apart from ListShares (once per request,
// kept prepared) these run rarely (admin API, CLI), so their statements are prepared per
// call rather than kept in SqliteConnection::Statements.
#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

Status SqliteConnection::DeleteIntegration(std::string_view id) {
  // The bot user goes with its integration: pages it created keep its id and show it as
  // a partial user.
  records_written_ = true;
  for (const char* sql : {"DELETE FROM users WHERE type = 'bot' AND integration_id = ?1",
                          "DELETE FROM shares WHERE integration_id = ?1", "DELETE FROM integrations WHERE id = ?1"}) {
    Statement st(db_, sql);
    if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    st.Bind(1, id);
    LN_RETURN_IF_ERROR(st.Run());
  }
  return OkStatus();
}

Result<std::vector<std::string>> SqliteConnection::ListShares(std::string_view integration_id) {
  // In the order shared (rowid). The rows come from the primary key's index, which
  // holds the rowid, and are put in order here: "ORDER BY rowid" made SQLite build a
  // temporary b-tree for each request's one or two rows.
  if (!list_shares_) {
    list_shares_ = std::make_unique<Statement>(db_, "SELECT rowid, object_id FROM shares WHERE integration_id = ?1");
  }
  Statement& st = *list_shares_;
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  st.Bind(1, integration_id);
  std::vector<std::pair<int64_t, std::string>> rows;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    rows.emplace_back(st.Int(0), st.Text(1));
  }
  st.Reset();
  if (rows.size() > 1) {
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(std::move(r.second));
  return out;
}

Status SqliteConnection::PutShare(std::string_view integration_id, std::string_view object_id) {
  Statement st(db_, "INSERT OR IGNORE INTO shares (integration_id, object_id) VALUES (?1, ?2)");
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  st.Bind(1, integration_id).Bind(2, object_id);
  records_written_ = true;
  return st.Run();
}

Status SqliteConnection::DeleteShare(std::string_view integration_id, std::string_view object_id) {
  Statement st(db_, "DELETE FROM shares WHERE integration_id = ?1 AND object_id = ?2");
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  st.Bind(1, integration_id).Bind(2, object_id);
  records_written_ = true;
  return st.Run();
}

}  // namespace localnotion::storage
