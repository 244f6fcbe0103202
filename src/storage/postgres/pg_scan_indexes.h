// Expression indexes over pages per scan shape, the PostgreSQL store's counterpart of the
// SQLite store's per-shape generated columns and indexes (sqlite/page_scan.cc).
//
// A page scan (pg_page_scan.cc) with a sort, or with equality terms at the top of its
// condition, has a shape: parent_id, in_trash when the scan names it, the expressions of
// its equality terms, its sort expressions in their directions, then seq. An index over
// exactly those expressions lets PostgreSQL read the parent's matching pages in the
// scan's order and stop at its LIMIT, instead of evaluating every page's jsonb and
// sorting them all (docs/benchmarks.md has the numbers).
//
// The first scan of a shape is answered without the index: it only notes the shape
// (Want). A thread of the store's own, on a connection of its own (no statement
// timeout), builds the index with CREATE INDEX CONCURRENTLY, so that no request waits
// for the build and writers are not blocked during it. Before building it checks the
// catalog: an index another instance built is reused; an invalid one (a build that was
// interrupted) is dropped and built again. At most kMaxPgScanIndexes such indexes exist
// per store (each costs every page write a little); past that, a shape gets none and
// its scans read pages_parent as before, with the same answer. A build that fails is
// logged and not tried again by this process.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "storage/postgres/pg_connection.h"

namespace localnotion::storage {

inline constexpr int kMaxPgScanIndexes = 32;

class PgScanIndexes {
 public:
  using Connector = std::function<Result<std::unique_ptr<PgConnection>>()>;
  explicit PgScanIndexes(Connector connect) : connect_(std::move(connect)) {}
  // Cancels the build in progress, if any (it leaves an invalid index, which the next
  // build of that shape drops first), and drops the shapes still queued.
  ~PgScanIndexes();
  PgScanIndexes(const PgScanIndexes&) = delete;
  PgScanIndexes& operator=(const PgScanIndexes&) = delete;

  // Notes that a scan would use the index `name` over `columns` (the SQL of the column
  // list of CREATE INDEX ... ON pages (columns)); each name is handled once.
  void Want(const std::string& name, const std::string& columns);
  // Whether this process saw the index `name` valid: built here, or found built by
  // another instance. An index dropped since is not noticed (scans stay correct without it,
  // only slower).
  bool Ready(const std::string& name);
  // How many indexes Ready answers true for (tests).
  size_t ReadyCount();
  // Blocks until every shape noted so far was handled (tests, benchmarks).
  void WaitIdle();

 private:
  void Run();
  void Build(PgConnection& conn, const std::string& name, const std::string& columns);

  Connector connect_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<std::string> seen_;                             // under mu_
  std::set<std::string> ready_;                            // under mu_
  std::deque<std::pair<std::string, std::string>> queue_;  // under mu_
  bool busy_ = false;                                      // under mu_
  bool stop_ = false;                                      // under mu_
  std::shared_ptr<PGcancel> cancel_;                       // of the build running, under mu_
  std::thread thread_;
};

// The index name of a shape: pages_scan_ and 16 hex digits of a hash of its columns that
// is the same in every process (FNV-1a), so instances over one schema agree.
std::string PgScanIndexName(const std::string& columns);

}  // namespace localnotion::storage
