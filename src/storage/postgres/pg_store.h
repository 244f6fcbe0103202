// The PostgreSQL Store: "postgresql://user@host:port/db?schema=NAME" (or postgres://).
// A store is one schema of one database (`public` without schema=): its tables, its
// migration bookkeeping and its counters all live there, so two stores in two schemas
// never see each other. Opening creates the schema if missing and applies the
// migrations it lacks (pg_migrations.h). Every other query parameter of the URL is
// libpq's (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-PARAMKEYWORDS);
// connect_timeout defaults to 5 seconds.
//
// Connections. A pool of at most kMaxConnections, opened on demand; each transaction
// runs on one connection from Begin until it ends. A connection that broke (the server
// restarted, the network failed) is dropped instead of returned, and the next Begin
// opens a new one: while PostgreSQL is down, Begin and every statement fail at once with
// kServiceUnavailable (a 503 `service_unavailable`), and work resumes once it is back.
//
// Transactions. A read transaction is REPEATABLE READ READ ONLY: one snapshot, taken
// at its first statement. A write transaction first takes the store's transaction-level
// advisory lock (pg_advisory_xact_lock on the schema's name), so write transactions of
// one store run one at a time across every connection and every process that shares
// the database, and each sees everything committed before it (READ COMMITTED, after the
// lock). Two PATCHes of one page through two instances therefore cannot lose an update:
// the second reads the page after the first committed. Commit() returns once
// PostgreSQL's COMMIT did (durable with the server's synchronous_commit).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_controls.h"
#include "storage/store.h"

namespace localnotion::storage {

// The parts of a PostgreSQL store URL: the libpq connection string (the URL without
// schema=, with a default connect_timeout) and the schema.
struct PgUrl {
  std::string conninfo;
  std::string schema = "public";
};
// kInvalidRequest for a URL that is not postgresql:// or postgres://, or whose schema
// is not a plain identifier (letters, digits, _; at most 63 bytes; not starting with a
// digit or "pg_").
Result<PgUrl> ParsePgUrl(std::string_view url);
// Whether `url` names a PostgreSQL store.
bool IsPgUrl(std::string_view url);

class PgStore final : public Store {
 public:
  static constexpr int kMaxConnections = 16;

  static Result<std::unique_ptr<PgStore>> Open(std::string_view url);
  ~PgStore() override;

  Result<std::unique_ptr<Txn>> Begin(TxnMode mode) override;
  // In the store's schema, on connections of their own (pg_controls.h).
  std::shared_ptr<SharedControls> shared_controls() override { return controls_; }

 private:
  class PgTxn;
  explicit PgStore(PgUrl url) : url_(std::move(url)) {}
  Result<std::unique_ptr<PgConnection>> Take();
  // Returns a connection to the pool, or drops it when it broke or is mid-transaction.
  void Return(std::unique_ptr<PgConnection> conn);

  PgUrl url_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // under mu_
  int open_ = 0;                                     // connections out or idle, under mu_
  std::shared_ptr<PgControls> controls_;
};

}  // namespace localnotion::storage
