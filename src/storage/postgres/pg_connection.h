// One libpq connection to PostgreSQL, set to one schema (the store's, see pg_store.h),
// with the few calls the PostgreSQL store needs: run SQL with text parameters and read
// the rows back. Statements run often are prepared once per connection. Not
// thread-safe: a connection is used by one transaction at a time.
//
// Errors. A lost or refused connection (SQLSTATE class 08, the server shutting down or
// starting, a broken socket) is kServiceUnavailable with Notion's message, which the
// HTTP layer answers with Notion's 503 `service_unavailable` (the detail is logged); a
// serialization failure or deadlock (SQLSTATE 40001, 40P01) is kConflictError with
// Notion's 409 message, and marks the connection conflicted() so that the transaction
// is retried (pg_store.h); a statement cancelled by statement_timeout (57014) is
// kGatewayTimeout, Notion's 504 `gateway_timeout` for work that did not finish in time
// (docs/compat.md); anything else is kInternalServerError.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace localnotion::storage {

// The parameters of one statement, $1, $2, ... in order. Text, except Bytes (binary).
class PgParams {
 public:
  // values() points into the parameters' own storage, which a move keeps and a copy
  // would not.
  PgParams() = default;
  PgParams(const PgParams&) = delete;
  PgParams& operator=(const PgParams&) = delete;
  PgParams(PgParams&&) = default;
  PgParams& operator=(PgParams&&) = default;

  PgParams& Text(std::string_view v);
  PgParams& Int(int64_t v);
  PgParams& Bool(bool v);
  PgParams& Null();
  PgParams& Opt(const std::optional<std::string>& v);
  PgParams& Bytes(std::string_view v);

  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::deque<std::string> storage_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// The rows of one result. Column values are read as text (or raw bytes for a binary
// result); NULL reads as "" unless asked with Nullable.
class PgRows {
 public:
  explicit PgRows(PGresult* result) : result_(result, &PQclear) {}
  int size() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
  std::string Text(int row, int col) const;
  std::optional<std::string> Nullable(int row, int col) const;
  int64_t Int(int row, int col) const;
  bool Bool(int row, int col) const;
  // The number of rows an INSERT, UPDATE or DELETE touched.
  int64_t Affected() const;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// One statement of PgConnection::Pipeline.
struct PgStep {
  std::string sql;
  PgParams params;
  // Keep it prepared on the connection (for statements whose text is fixed).
  bool prepare = false;
  // The command tag the statement must answer, or empty for any: a COMMIT of a
  // transaction that failed answers "ROLLBACK" without an error.
  std::string tag;
  // Where the statement's rows go, when the caller wants them.
  std::optional<PgRows>* rows = nullptr;
};

class PgConnection {
 public:
  // Connects with a libpq connection string and sets search_path to `schema` (which
  // must exist, except while migrating, see pg_migrations.h).
  // `statement_timeout_ms` > 0 sets the server's statement_timeout for every statement
  // on the connection (0: the server's setting).
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo, const std::string& schema,
                                                       int statement_timeout_ms = 0);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement. `prepare`: keep it prepared on this connection (for statements
  // whose text is fixed). `binary`: every column comes back in binary (for bytea).
  Result<PgRows> Query(const std::string& sql, const PgParams& params = {}, bool prepare = true, bool binary = false);
  // Runs SQL text without parameters (may hold several statements).
  Status Exec(const std::string& sql);
  // Sends every step at once and then reads their answers (libpq's pipeline mode): one
  // round trip to the server for all of them. Each statement runs as if sent alone (in
  // READ COMMITTED each sees what committed before it started); after the first that
  // fails, PostgreSQL skips the rest, and that first error is the answer. A step whose
  // answer has another command tag than its `tag` fails with kInternalServerError.
  Status Pipeline(std::vector<PgStep>& steps);
  // Sends SQL text without parameters and does not wait for its answer, which the next
  // Settle reads: for the COMMIT of a read-only transaction, whose answer changes nothing
  // its request does, so that the request does not wait a round trip for it. Nothing
  // else may be sent on the connection until Settle.
  Status SendUnanswered(const std::string& sql);
  // Reads the answer of what SendUnanswered sent, if anything: its error, if it failed.
  // A transaction it left open is rolled back.
  Status Settle();
  // Whether SendUnanswered sent something that Settle has not read yet.
  bool unanswered() const { return unanswered_; }
  // Whether the socket is gone (the connection must not be reused).
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Whether the server thinks a transaction is open (or failed); false while an
  // unanswered statement (SendUnanswered) is in flight, which Settle then checks.
  bool in_transaction() const;
  const std::string& schema() const { return schema_; }
  // Whether a statement since the last ClearConflicted failed with a serialization
  // failure or deadlock, or MarkConflicted was called: running the transaction's work
  // again, in a new transaction, may succeed.
  bool conflicted() const { return conflicted_; }
  void MarkConflicted() { conflicted_ = true; }
  void ClearConflicted() { conflicted_ = false; }
  // What another thread needs to cancel the statement running on this connection
  // (PQcancel on it is thread-safe); null when libpq cannot make one.
  std::shared_ptr<PGcancel> CancelHandle() const {
    PGcancel* cancel = PQgetCancel(conn_);
    if (cancel == nullptr) return nullptr;
    return std::shared_ptr<PGcancel>(cancel, &PQfreeCancel);
  }

 private:
  PgConnection(PGconn* conn, std::string schema) : conn_(conn), schema_(std::move(schema)) {}
  Error ErrorOf(const PGresult* result) const;

  PGconn* conn_;
  std::string schema_;
  std::map<std::string, std::string> prepared_;  // SQL text -> statement name
  mutable bool conflicted_ = false;
  bool unanswered_ = false;
};

// The SQL form of an identifier: double-quoted, quotes doubled.
std::string QuoteIdent(std::string_view name);
// The SQL form of a string literal: single-quoted, quotes doubled (the server keeps
// standard_conforming_strings on, so backslashes are plain characters).
std::string QuoteLiteral(std::string_view text);

}  // namespace localnotion::storage
