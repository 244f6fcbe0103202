#include "storage/postgres/pg_scan_indexes.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>

namespace localnotion::storage {

std::string PgScanIndexName(const std::string& columns) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : columns) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("pages_scan_{:016x}", h);
}

PgScanIndexes::~PgScanIndexes() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
    // CREATE INDEX CONCURRENTLY waits for every older transaction of the database to end,
    // which may be one that the caller is still holding.
    if (cancel_) {
      char message[256];
      (void)PQcancel(cancel_.get(), message, sizeof message);
    }
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PgScanIndexes::Want(const std::string& name, const std::string& columns) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_ || !seen_.insert(name).second) return;
    queue_.emplace_back(name, columns);
    // The thread starts with the first shape: a store that never sorts has none.
    if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  }
  cv_.notify_all();
}

bool PgScanIndexes::Ready(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return ready_.count(name) > 0;
}

size_t PgScanIndexes::ReadyCount() {
  std::lock_guard<std::mutex> lock(mu_);
  return ready_.size();
}

void PgScanIndexes::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return stop_ || (queue_.empty() && !busy_); });
}

void PgScanIndexes::Run() {
  std::unique_ptr<PgConnection> conn;
  for (;;) {
    std::pair<std::string, std::string> next;
    {
      std::unique_lock<std::mutex> lock(mu_);
      busy_ = false;
      cv_.notify_all();
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      next = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    if (!conn || conn->broken()) {
      conn.reset();
      Result<std::unique_ptr<PgConnection>> opened = connect_();
      if (!opened.ok()) {
        std::fprintf(stderr, "localnotion: postgresql: no connection to build the scan index %s: %s\n",
                     next.first.c_str(), opened.error().message.c_str());
        continue;
      }
      conn = std::move(*opened);
      // A build may take longer than the requests' statement_timeout.
      Status untimed = conn->Exec("SET statement_timeout = 0");
      if (!untimed.ok()) {
        conn.reset();
        continue;
      }
    }
    Build(*conn, next.first, next.second);
  }
}

void PgScanIndexes::Build(PgConnection& conn, const std::string& name, const std::string& columns) {
  auto fail = [&](const Status& s) {
    std::fprintf(stderr, "localnotion: postgresql: the scan index %s was not built: %s\n", name.c_str(),
                 s.error().message.c_str());
  };
  // Only the store's schema (the connection's search_path) counts. Its name is compared
  // as a name: `current_schema()::regnamespace` would read it as an identifier and fold
  // a schema such as t_AbC to t_abc, which does not exist.
  Result<PgRows> found = conn.Query(
      "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
      "WHERE c.relname = $1 AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
      PgParams().Text(name), /*prepare=*/false);
  if (!found.ok()) return fail(Status(found.error()));
  auto ready = [&] {
    std::lock_guard<std::mutex> lock(mu_);
    ready_.insert(name);
  };
  if (found->size() == 1 && found->Bool(0, 0)) return ready();  // built, here or by another instance
  if (found->size() == 1) {
    // An interrupted CREATE INDEX CONCURRENTLY leaves an invalid index that writes keep
    // up to date and no query uses.
    Status dropped = conn.Exec("DROP INDEX CONCURRENTLY IF EXISTS " + QuoteIdent(name));
    if (!dropped.ok()) return fail(dropped);
  } else {
    Result<PgRows> count = conn.Query(
        "SELECT count(*) FROM pg_class WHERE relkind = 'i' AND relname LIKE 'pages\\_scan\\_%' "
        "AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
        PgParams(), /*prepare=*/false);
    if (!count.ok()) return fail(Status(count.error()));
    if (count->Int(0, 0) >= kMaxPgScanIndexes) return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    cancel_ = conn.CancelHandle();
  }
  Status built =
      conn.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + QuoteIdent(name) + " ON pages (" + columns + ")");
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancel_.reset();
    if (stop_) return;  // cancelled
  }
  if (!built.ok()) return fail(built);
  ready();
}

}  // namespace localnotion::storage
