// The state of the HTTP layer's test controls that instances over one shared store must
// agree on (docs/storage.md, "Many instances"): the rate limit and its buckets, the
// faults, and the request log. A store that other processes write too (PostgreSQL)
// keeps them in its database (Store::shared_controls); a store that only this process
// writes (SQLite) has none, and the HTTP layer keeps them in memory as before.
//
// Every call runs in a short transaction of its own, on connections of its own, never
// in a request's transaction: a refused request (rolled back) still spends its budget,
// and a read-only request may still take from a bucket. The calls therefore never wait
// for a request's transaction, so a request may make them while it holds one.
//
// Records are opaque text here: the HTTP layer writes and reads a fault's spec and a
// log entry as JSON of its own (http/faults.h, http/request_log.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace localnotion::storage {

class SharedControls {
 public:
  virtual ~SharedControls() = default;

  // Moves the store's cache generation (Txn::SharedCacheGeneration): every process
  // drops what it cached of the store, and re-reads the faults and the rate limit.
  virtual Status BumpGeneration() = 0;

  // --- The rate limit: one for the whole cluster, kept in the main store.
  // The limit's spelling as last set (http/rate_limit.h reads it); nullopt before any.
  virtual Result<std::optional<std::string>> RateLimit() = 0;
  // Sets the spelling and empties every bucket in one transaction, then moves the
  // cache generation.
  virtual Status SetRateLimit(std::string_view spelling) = 0;
  // Takes one request from `key`'s token bucket, which `per_second` refills up to
  // `burst` (a new bucket is full). Returns the seconds until a request may go ahead
  // when the bucket is empty (the request is refused and takes nothing), nullopt when
  // it may go ahead now. Time is the database server's clock, one for every instance.
  virtual Result<std::optional<double>> TakeFromBucket(std::string_view key, double per_second, double burst) = 0;
  // Takes one request from `key`'s fixed window of `window_ms`, which starts with the
  // first request after the previous window ended and allows `per_window`. Returns the
  // seconds left in the window when it is spent (refused requests do not count),
  // nullopt when the request may go ahead.
  virtual Result<std::optional<double>> TakeFromWindow(std::string_view key, int per_window, int64_t window_ms) = 0;

  // --- Faults, in the order added. `remaining` is the uses left of a counted fault.
  struct StoredFault {
    std::string id;
    std::string spec;
    std::optional<int> remaining;
  };
  // The faults and the cache generation, read in one snapshot: a process that cached
  // them needs to read them again once a transaction brings a newer generation.
  struct FaultList {
    int64_t generation = 0;
    std::vector<StoredFault> faults;
  };
  virtual Result<FaultList> ListFaults() = 0;
  // Add, Remove and Clear move the cache generation in the same transaction.
  virtual Status AddFault(const StoredFault& fault) = 0;
  virtual Result<bool> RemoveFault(std::string_view id) = 0;
  virtual Status ClearFaults() = 0;
  // Takes one use of a counted fault: the uses left after it (the fault is gone at 0),
  // or nullopt when none was left (another process used it up, or it was removed). It
  // does not move the generation: the others find out on their own next use.
  virtual Result<std::optional<int>> UseFault(std::string_view id) = 0;

  // --- The request log, oldest first, at most `keep` entries.
  struct LoggedRequest {
    std::string path;
    int status = 0;
    std::string integration_id;
    std::string integration_name;
    std::string entry;  // a JSON object
  };
  // Narrowing as http/request_log.h's Filter: a path (exact, or a prefix ending in
  // '*'), a status, an integration (id or name).
  struct RequestFilter {
    std::optional<std::string> path;
    std::optional<int> status;
    std::optional<std::string> integration;
  };
  // Appends `entries` in their order after every entry appended before (appends take
  // turns, so sequence numbers become visible in order), then keeps those of the last
  // `keep` sequence numbers: the last `keep` entries, or fewer while the numbers of an
  // append that failed (and so kept none) are among them.
  virtual Status AppendRequests(const std::vector<LoggedRequest>& entries, int keep) = 0;
  // The entries after sequence `after_seq` that match, oldest first, at most `limit`,
  // with how many times the log was cleared, read in one snapshot.
  struct LogPage {
    int64_t clears = 0;
    std::vector<std::pair<int64_t, std::string>> entries;  // (sequence, entry)
  };
  virtual Result<LogPage> FindRequests(const RequestFilter& filter, int64_t after_seq, int limit) = 0;
  // Empties the log and counts a clear.
  virtual Status ClearRequests() = 0;

  // --- Query snapshots (service/databases/query_snapshots.h): the ordered result of a
  // query, kept while a client pages through it through any instance. A snapshot is
  // written once under its id; each cursor handed out names a place in one. Both are
  // kept `ttl_ms` after they were last written (the database server's clock). They are a
  // cache: a cursor whose place is gone is looked up in a fresh evaluation, as after a
  // restart, so the store may lose them in a crash.
  struct StoredSnapshot {
    std::string source_id;
    std::string fingerprint;
    std::vector<std::string> ids;
    bool incomplete = false;
  };
  // In one transaction: keeps `snapshot` under `snapshot_id` when it is not null (the
  // snapshot's first cursor), renews the snapshot's time, and keeps cursor `key` at
  // `offset` in it.
  virtual Status RememberCursor(std::string_view key, std::string_view snapshot_id, const StoredSnapshot* snapshot,
                                int64_t offset, int64_t ttl_ms) = 0;
  struct CursorPlace {
    std::string snapshot_id;
    int64_t offset = 0;
  };
  // The place of cursor `key`, nullopt when none is kept (never kept, or expired).
  virtual Result<std::optional<CursorPlace>> FindCursor(std::string_view key) = 0;
  // The snapshot `snapshot_id`, nullopt when none is kept.
  virtual Result<std::optional<StoredSnapshot>> FindSnapshot(std::string_view snapshot_id) = 0;
  // Forgets every snapshot and cursor (a reset or seed of the store).
  virtual Status ClearSnapshots() = 0;
};

}  // namespace localnotion::storage
