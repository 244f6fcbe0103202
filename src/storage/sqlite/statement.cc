#include "storage/sqlite/statement.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

#include "common/deadline.h"

namespace localnotion::storage {
namespace {

// The connections that refuse writes now (RefuseWrites). Looked at only by statements
// that write, and only while some connection refuses.
std::atomic<int> refusing_count{0};
std::mutex refusing_mu;
std::vector<sqlite3*>& Refusing() {
  static auto* const refusing = new std::vector<sqlite3*>();
  return *refusing;
}

bool RefusesWrites(sqlite3* db) {
  if (refusing_count.load(std::memory_order_acquire) == 0) return false;
  std::lock_guard<std::mutex> lock(refusing_mu);
  const std::vector<sqlite3*>& refusing = Refusing();
  return std::find(refusing.begin(), refusing.end(), db) != refusing.end();
}

}  // namespace

void RefuseWrites(sqlite3* db, bool on) {
  std::lock_guard<std::mutex> lock(refusing_mu);
  std::vector<sqlite3*>& refusing = Refusing();
  auto it = std::find(refusing.begin(), refusing.end(), db);
  if (on && it == refusing.end()) refusing.push_back(db);
  if (!on && it != refusing.end()) refusing.erase(it);
  refusing_count.store(static_cast<int>(refusing.size()), std::memory_order_release);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindStatic(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::BindNullable(int i, const std::optional<std::string>& text) {
  if (text) return Bind(i, *text);
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Statement& Statement::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

std::string Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}

Result<bool> Statement::StepRow() {
  if (!sqlite3_stmt_readonly(stmt_) && RefusesWrites(db_)) {
    Reset();
    return InternalError("sqlite: a read transaction cannot write");
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  Reset();
  // The progress handler stopped it at the thread's deadline (common/deadline.h).
  if (rc == SQLITE_INTERRUPT) return DeadlineError();
  return InternalError("sqlite: " + msg);
}

Status Statement::Run() {
  auto r = StepRow();
  Reset();
  if (!r.ok()) return r.error();
  return OkStatus();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), n) : std::string();
}

std::string_view Statement::TextView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
}

std::optional<std::string> Statement::NullableText(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Text(col);
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

namespace {

// Exec while `db` refuses writes: each statement is compiled first and refused when it
// would write, before any of them runs.
Status ExecRefusingWrites(sqlite3* db, std::string_view sql) {
  for (int pass = 0; pass < 2; ++pass) {
    std::string_view rest = sql;
    while (!rest.empty()) {
      sqlite3_stmt* stmt = nullptr;
      const char* tail = nullptr;
      if (sqlite3_prepare_v2(db, rest.data(), static_cast<int>(rest.size()), &stmt, &tail) != SQLITE_OK) {
        return InternalError(std::string("sqlite: ") + sqlite3_errmsg(db));
      }
      rest.remove_prefix(static_cast<size_t>(tail - rest.data()));
      if (stmt == nullptr) continue;  // only a comment or spaces
      const bool writes = !sqlite3_stmt_readonly(stmt);
      int rc = SQLITE_DONE;
      if (pass == 1) {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
      }
      sqlite3_finalize(stmt);
      if (writes) return InternalError("sqlite: a read transaction cannot write");
      if (rc != SQLITE_DONE) return InternalError(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
  }
  return OkStatus();
}

}  // namespace

Status Exec(sqlite3* db, std::string_view sql) {
  if (RefusesWrites(db)) return ExecRefusingWrites(db, sql);
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return InternalError("sqlite: " + msg);
  }
  return OkStatus();
}

}  // namespace localnotion::storage
