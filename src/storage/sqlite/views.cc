// SqliteConnection: database views (migrations/0009_views.sql.h). The filter, sorts,
// quick filters and configuration are stored together as one JSON object (`settings`);
// `rank` keeps the creation order across updates (an upsert keeps the row's rank).
#include <sqlite3.h>

#include "common/json.h"
#include "storage/record_columns.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

Result<std::unique_ptr<Statement>> PrepareViewSql(sqlite3* db, const std::string& sql) {
  auto st = std::make_unique<Statement>(db, sql);
  if (!st->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  return st;
}

constexpr const char* kViewColumns =
    "id, database_id, data_source_id, dashboard_view_id, name, type, settings, position, created_time, created_by, "
    "last_edited_time, last_edited_by";

Result<ViewRecord> ReadView(const Statement& st) {
  ViewRecord v;
  v.id = st.Text(0);
  v.database_id = st.Text(1);
  v.data_source_id = st.Text(2);
  v.dashboard_view_id = st.Text(3);
  v.name = st.Text(4);
  v.type = st.Text(5);
  if (!ReadViewSettings(st.Text(6), v)) return InternalError("sqlite: corrupt view row");
  v.position = st.Int(7);
  v.created_time = st.Int(8);
  v.created_by = st.Text(9);
  v.last_edited_time = st.Int(10);
  v.last_edited_by = st.Text(11);
  return v;
}

Result<std::vector<ViewRecord>> ReadViews(Statement& st) {
  std::vector<ViewRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    Result<ViewRecord> view = ReadView(st);
    if (!view.ok()) {
      st.Reset();
      return std::move(view).error();
    }
    out.push_back(std::move(*view));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<std::optional<ViewRecord>> SqliteConnection::GetView(std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto st,
                      PrepareViewSql(db_, std::string("SELECT ") + kViewColumns + " FROM views WHERE id = ?1"));
  st->Bind(1, id);
  LN_ASSIGN_OR_RETURN(auto all, ReadViews(*st));
  if (all.empty()) return std::optional<ViewRecord>();
  return std::optional<ViewRecord>(std::move(all[0]));
}

Status SqliteConnection::PutView(const ViewRecord& v) {
  LN_ASSIGN_OR_RETURN(
      auto st,
      PrepareViewSql(db_,
                     "INSERT INTO views (id, database_id, data_source_id, dashboard_view_id, name, type, settings, "
                     "position, created_time, created_by, last_edited_time, last_edited_by, rank) VALUES (?1, ?2, ?3, "
                     "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, (SELECT coalesce(max(rank), 0) + 1 FROM views)) "
                     "ON CONFLICT(id) DO UPDATE SET database_id = ?2, data_source_id = ?3, dashboard_view_id = ?4, "
                     "name = ?5, type = ?6, settings = ?7, position = ?8, created_time = ?9, created_by = ?10, "
                     "last_edited_time = ?11, last_edited_by = ?12"));
  st->Bind(1, v.id).Bind(2, v.database_id).Bind(3, v.data_source_id).Bind(4, v.dashboard_view_id);
  st->Bind(5, v.name).Bind(6, v.type).Bind(7, ViewSettingsColumn(v)).Bind(8, v.position);
  st->Bind(9, v.created_time).Bind(10, v.created_by).Bind(11, v.last_edited_time).Bind(12, v.last_edited_by);
  return st->Run();
}

Status SqliteConnection::DeleteView(std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareViewSql(db_, "DELETE FROM views WHERE id = ?1"));
  st->Bind(1, id);
  return st->Run();
}

Result<std::vector<ViewRecord>> SqliteConnection::ListViewsOfDatabase(std::string_view database_id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareViewSql(db_, std::string("SELECT ") + kViewColumns +
                                                       " FROM views WHERE database_id = ?1 ORDER BY position, rank"));
  st->Bind(1, database_id);
  return ReadViews(*st);
}

Result<std::vector<ViewRecord>> SqliteConnection::ListViewsOfDataSource(std::string_view data_source_id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareViewSql(db_, std::string("SELECT ") + kViewColumns +
                                                       " FROM views WHERE data_source_id = ?1 "
                                                       "ORDER BY database_id, position, rank"));
  st->Bind(1, data_source_id);
  return ReadViews(*st);
}

Result<std::vector<ViewRecord>> SqliteConnection::ListAllViews() {
  LN_ASSIGN_OR_RETURN(auto st, PrepareViewSql(db_, std::string("SELECT ") + kViewColumns +
                                                       " FROM views ORDER BY database_id, position, rank"));
  return ReadViews(*st);
}

}  // namespace localnotion::storage
