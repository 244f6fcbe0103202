// The shared controls of a PostgreSQL store (storage/shared_controls.h), in the store's
// schema (migration 5). Each call is one short transaction, most of them one
// statement, on a small pool of connections of its own, separate from the store's: a
// request that holds a store connection for its transaction and asks for a control
// never waits for a store connection a second time, so the two pools cannot starve
// each other. A connection found broken is dropped, and the call tried once on a fresh
// one; while PostgreSQL is down calls fail with kServiceUnavailable.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/shared_controls.h"

namespace localnotion::storage {

class PgControls final : public SharedControls {
 public:
  PgControls(std::string conninfo, std::string schema) : conninfo_(std::move(conninfo)), schema_(std::move(schema)) {}

  Status BumpGeneration() override;
  Result<std::optional<std::string>> RateLimit() override;
  Status SetRateLimit(std::string_view spelling) override;
  Result<std::optional<double>> TakeFromBucket(std::string_view key, double per_second, double burst) override;
  Result<std::optional<double>> TakeFromWindow(std::string_view key, int per_window, int64_t window_ms) override;
  Result<FaultList> ListFaults() override;
  Status AddFault(const StoredFault& fault) override;
  Result<bool> RemoveFault(std::string_view id) override;
  Status ClearFaults() override;
  Result<std::optional<int>> UseFault(std::string_view id) override;
  Status AppendRequests(const std::vector<LoggedRequest>& entries, int keep) override;
  Result<LogPage> FindRequests(const RequestFilter& filter, int64_t after_seq, int limit) override;
  Status ClearRequests() override;
  // pg_snapshots.cc
  Status RememberCursor(std::string_view key, std::string_view snapshot_id, const StoredSnapshot* snapshot,
                        int64_t offset, int64_t ttl_ms) override;
  Result<std::optional<CursorPlace>> FindCursor(std::string_view key) override;
  Result<std::optional<StoredSnapshot>> FindSnapshot(std::string_view snapshot_id) override;
  Status ClearSnapshots() override;

 private:
  // Runs `fn` on a pooled connection (tried again once on a fresh connection when the
  // pooled one turns out broken).
  Status With(const std::function<Status(PgConnection&)>& fn);
  // Runs `fn` between BEGIN and COMMIT.
  Status InTransaction(const std::function<Status(PgConnection&)>& fn);

  std::string conninfo_;
  std::string schema_;
  std::mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // under mu_
  // Every request_log row at or below this sequence number is known to be deleted (by
  // this process; another instance may have deleted more): AppendRequests deletes only
  // the rows above it that fell out of the log.
  std::atomic<int64_t> log_trimmed_{0};
};

}  // namespace localnotion::storage
