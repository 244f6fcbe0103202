// The PostgreSQL Store: "postgresql://user@host:port/db?schema=NAME" (or postgres://).
// A store is one schema of one database (`public` without schema=): its tables, its
// migration bookkeeping and its counters all live there, so two stores in two schemas
// never see each other. Opening creates the schema if missing and applies the
// migrations it lacks (pg_migrations.h). Every other query parameter of the URL is
// libpq's (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-PARAMKEYWORDS),
// except statement_timeout_ms=N (localnotion's, default 30000, 0 for the server's): the
// statement_timeout set on every connection of the store, so that no statement (nor a
// lock wait) holds a request longer; a statement stopped by it answers Notion's 504
// `gateway_timeout` "Gateway Timeout", as other long work does (docs/compat.md).
// connect_timeout defaults to 5 seconds.
//
// Connections. A pool of at most kMaxConnections, opened on demand; each transaction
// runs on one connection from Begin until it ends. A connection that broke (the server
// restarted, the network failed) is dropped instead of returned, and the next Begin
// opens a new one: while PostgreSQL is down, Begin and every statement fail at once with
// kServiceUnavailable (a 503 `service_unavailable`), and work resumes once it is back.
//
// Transactions. A read transaction is REPEATABLE READ READ ONLY: one snapshot, taken
// at its first statement. A write transaction is READ COMMITTED and runs at the same
// time as others, on other connections and in other processes; each guarantee that a
// store-wide write lock used to give has a narrower lock of its own (the list is in
// pg_records.h):
// - No lost update: a write transaction reads a page, block, comment, upload, view or
//   webhook record FOR UPDATE, so two PATCHes of one page (even of different
//   properties, through two instances) take turns and the second reads what the first
//   committed. Writes of different objects do not wait for each other. (The ancestors a
//   page-shared integration's access check reads are locked too.)
// - Cached records: databases, data sources, users and integrations are cached by every
//   process (CachingStore, cache_generation), and a write transaction relies on what it
//   read of them (a schema, a unique_id counter). Every write transaction holds the
//   store's advisory lock (pg_advisory_xact_lock_shared on the schema's name) shared; a
//   write of those kinds (and reset) holds it exclusively, so it runs alone, as every
//   write used to. A transaction that finds it needs the lock exclusively tries to take
//   it without waiting (two such would deadlock); failing that it gives up with a
//   retryable conflict and its retry takes the lock exclusively at Begin.
// - Counters: outbox sequences follow commit order under the outbox lock (pg_outbox.cc);
//   max + 1 ranks under their table's lock; meta keys (the webhook cursor, counters)
//   and block positions under a lock per key and per parent.
// A serialization failure or deadlock (40001, 40P01; deadlocks between row locks can
// happen) fails the statement with kConflictError and makes Txn::ShouldRetry true:
// service::RunInTxn runs the request again, a bounded number of times, before
// answering 409 `conflict_error`.
//
// Commits. Commit() returns once the transaction is durable. A transaction without
// changes commits as PostgreSQL does (durable with the server's synchronous_commit). One
// with changes holds the outbox lock from its FlushChanges to its end, so it commits
// with synchronous_commit off (visible at once, the lock released without waiting for
// the WAL flush) and then waits for the flush by committing a second, tiny transaction
// (an update of its connection's row in write_marks) synchronously: the WAL is flushed in
// order, so that flush covers the first commit, and the flushes of concurrent writers
// are shared (PostgreSQL's own group commit). Only then is the write reported durable.
// The outbox lock, the changes' inserts, that COMMIT and the write mark's transaction are
// sent together (PgConnection::Pipeline): one round trip to the server, so a write costs
// no more round trips than with a single COMMIT. A read-only transaction's COMMIT is sent
// without waiting for its answer (PgConnection::SendUnanswered), which Take reads before
// it hands the connection out again: it cannot fail a serialization check, and the
// request's answer does not depend on it.
// A reader may see such a write up to one WAL flush before it is durable; a crash in
// that window loses the write and every later one, none of which was acknowledged.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_controls.h"
#include "storage/postgres/pg_scan_indexes.h"
#include "storage/store.h"

namespace localnotion::storage {

// The parts of a PostgreSQL store URL: the libpq connection string (the URL without
// schema=, with a default connect_timeout) and the schema.
struct PgUrl {
  std::string conninfo;
  std::string schema = "public";
  int statement_timeout_ms = 30000;
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
  // A read reads the page in BEGIN's pipeline (PgRecords::ReadAhead): a GET of a page is
  // then one round trip and the COMMIT that nobody waits for. A write begins as Begin.
  Result<std::unique_ptr<Txn>> BeginReadingPage(TxnMode mode, std::string_view page_id) override;
  // In the store's schema, on connections of their own (pg_controls.h).
  std::shared_ptr<SharedControls> shared_controls() override { return controls_; }
  // Blocks until the scan indexes asked for so far are built (pg_scan_indexes.h).
  void WaitForScanIndexes() { scan_indexes_->WaitIdle(); }
  // How many of them this store saw built (pg_scan_indexes.h, Ready).
  size_t ReadyScanIndexes() { return scan_indexes_->ReadyCount(); }

 private:
  class PgTxn;
  explicit PgStore(PgUrl url) : url_(std::move(url)) {}
  Result<std::unique_ptr<PgConnection>> Take();
  // Returns a connection to the pool, or drops it when it broke or is mid-transaction.
  void Return(std::unique_ptr<PgConnection> conn);

  Result<std::unique_ptr<PgConnection>> Connect() const;

  PgUrl url_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // under mu_
  int open_ = 0;                                     // connections out or idle, under mu_
  std::shared_ptr<PgControls> controls_;
  // Declared last: destroyed first, so its thread ends before the pool goes.
  std::unique_ptr<PgScanIndexes> scan_indexes_;
};

}  // namespace localnotion::storage
