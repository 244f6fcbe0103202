// SqliteConnection: the change outbox (migrations/0004_changes.sql.h), and the page
// history stored with it (migrations/0006_history_in_changes.sql.h).
#include <sqlite3.h>

#include "common/json_object.h"
#include "storage/record_columns.h"
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
                              "INSERT INTO changes (object, object_id, kind, properties, author_id, time, request_id, "
                              "history) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  // The ids as a JSON array of strings, written without building one.
  std::string properties = "[";
  for (const std::string& id : c.properties) {
    if (properties.size() > 1) properties += ',';
    SerializeJsonStringTo(id, properties);
  }
  properties += ']';
  const std::optional<std::string> history =
      c.history ? std::optional<std::string>(HistoryColumn(*c.history)) : std::nullopt;
  // Bound without copies: every text lives until Run resets the statement.
  Statement& st = *append_change_;
  st.BindStatic(1, c.object).BindStatic(2, c.object_id).BindStatic(3, c.kind).BindStatic(4, properties);
  st.BindStatic(5, c.author_id).Bind(6, c.time).BindStatic(7, c.request_id);
  if (history) {
    st.BindStatic(8, *history);
  } else {
    st.BindNullable(8, std::nullopt);
  }
  return st.Run();
}

Result<std::vector<ChangeRecord>> SqliteConnection::ListChanges(int64_t after_sequence, int limit, bool with_history) {
  LN_RETURN_IF_ERROR(Prepared(db_, list_changes_,
                              "SELECT sequence, object, object_id, kind, properties, author_id, time, request_id, "
                              "history FROM changes WHERE sequence > ?1 ORDER BY sequence LIMIT ?2"));
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
    if (std::optional<std::string> history = with_history ? st.NullableText(8) : std::nullopt) {
      c.history = ReadHistory(*history, c.sequence, c.object_id, c.request_id);
      if (!c.history) {
        st.Reset();
        return InternalError("sqlite: corrupt change history");
      }
    }
    out.push_back(std::move(c));
  }
  st.Reset();
  return out;
}

Result<std::vector<PageHistoryRecord>> SqliteConnection::ListPageHistory(std::string_view page_id) {
  LN_RETURN_IF_ERROR(Prepared(db_, list_history_,
                              "SELECT sequence, request_id, history FROM changes "
                              "WHERE object_id = ?1 AND history IS NOT NULL ORDER BY sequence"));
  Statement& st = *list_history_;
  st.Bind(1, page_id);
  std::vector<PageHistoryRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    auto entry = ReadHistory(st.Text(2), st.Int(0), std::string(page_id), st.Text(1));
    if (!entry) {
      st.Reset();
      return InternalError("sqlite: corrupt page history");
    }
    out.push_back(std::move(*entry));
  }
  st.Reset();
  return out;
}

}  // namespace localnotion::storage
