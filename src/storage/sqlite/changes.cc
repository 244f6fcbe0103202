// SqliteConnection: the change outbox (migrations/0004_changes.sql.h).
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

Status Prepared(sqlite3* db, std::unique_ptr<Statement>& st, const char* sql) {
  if (st) return OkStatus();
  auto prepared = std::make_unique<Statement>(db, sql);
  if (!prepared->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  st = std::move(prepared);
  return OkStatus();
}

}  // namespace

Status SqliteConnection::AppendChange(const ChangeRecord& c) {
  LN_RETURN_IF_ERROR(Prepared(db_, append_change_,
                              "INSERT INTO changes (object, object_id, kind, properties, author_id, time, request_id) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  json::array properties;
  for (const std::string& id : c.properties) properties.emplace_back(id);
  Statement& st = *append_change_;
  st.Bind(1, c.object).Bind(2, c.object_id).Bind(3, c.kind).Bind(4, SerializeJson(properties));
  st.Bind(5, c.author_id).Bind(6, c.time).Bind(7, c.request_id);
  return st.Run();
}

Result<std::vector<ChangeRecord>> SqliteConnection::ListChanges(int64_t after_sequence, int limit) {
  LN_RETURN_IF_ERROR(Prepared(db_, list_changes_,
                              "SELECT sequence, object, object_id, kind, properties, author_id, time, request_id "
                              "FROM changes WHERE sequence > ?1 ORDER BY sequence LIMIT ?2"));
  Statement& st = *list_changes_;
  st.Bind(1, after_sequence).Bind(2, int64_t{limit});
  std::vector<ChangeRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) return std::move(row).error();
    if (!*row) break;
    ChangeRecord c;
    c.sequence = st.Int(0);
    c.object = st.Text(1);
    c.object_id = st.Text(2);
    c.kind = st.Text(3);
    auto properties = ParseJson(st.Text(4));
    if (!properties || !properties->is_array()) {
      st.Reset();
      return InternalError("sqlite: corrupt change row");
    }
    for (const auto& id : properties->get_array()) {
      if (id.is_string()) c.properties.emplace_back(id.get_string());
    }
    c.author_id = st.Text(5);
    c.time = st.Int(6);
    c.request_id = st.Text(7);
    out.push_back(std::move(c));
  }
  st.Reset();
  return out;
}

}  // namespace localnotion::storage
