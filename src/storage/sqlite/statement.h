// A thin RAII wrapper over a prepared sqlite3_stmt: bind by position (1-based), step,
// read columns. Statements are prepared once per store and reset after each use.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace localnotion::storage {

// A statement's text from its head, a table's column list and its tail, so that each
// table's columns are written once for its SELECT and INSERT statements.
inline std::string JoinSql(const char* head, const char* columns, const char* tail) {
  return std::string(head) + columns + tail;
}

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return stmt_ != nullptr; }
  // The statement itself, for a caller that binds and steps it on its own (page_scan.cc)
  // and resets it when done.
  sqlite3_stmt* raw() { return stmt_; }

  Statement& Bind(int i, std::string_view text);
  // Bind without SQLite's copy of the text: `text` must stay alive and unchanged until the
  // statement is reset (Run, or Reset after StepRow), which clears the binding.
  Statement& BindStatic(int i, std::string_view text);
  Statement& Bind(int i, int64_t v);
  Statement& BindNullable(int i, const std::optional<std::string>& text);
  // Binary data (file upload parts), stored as a BLOB.
  Statement& BindBlob(int i, std::string_view bytes);

  // Returns true while there is a row; false at the end. Errors are reported as
  // kInternalServerError by Run/StepRow.
  Result<bool> StepRow();
  Status Run();  // steps to completion and resets
  void Reset();

  std::string Text(int col) const;
  // The column's text without a copy: valid until the next StepRow, Reset or column call
  // that converts the same column.
  std::string_view TextView(int col) const;
  std::optional<std::string> NullableText(int col) const;
  int64_t Int(int col) const;
  std::string Blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Executes one or more statements without results.
Status Exec(sqlite3* db, std::string_view sql);

// While on, a Statement of `db` that would write (sqlite3_stmt_readonly is false) is
// refused (kInternalServerError) instead of run: the read transactions of an in-memory
// store, which run on its one connection (sqlite_store.h). PRAGMA query_only did this
// before, but setting a flag pragma expires every prepared statement of the connection
// (https://www.sqlite.org/pragma.html#pragma_query_only; pragma.c adds OP_Expire), so
// each statement was compiled again after every read transaction. Exec refuses the whole
// text, before running any of it, when one of its statements would write. Free for
// connections that never turn it on.
void RefuseWrites(sqlite3* db, bool on);

}  // namespace localnotion::storage
