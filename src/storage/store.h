// The storage interface. The service layer sees only this and storage/txn.h; SQL lives
// in the implementations (sqlite/, later postgres/). No implementation type leaks out.
//
// A Store is a database that hands out transactions (storage/txn.h). It owns its commit
// policy: the SQLite store runs write transactions one at a time on its writer
// connection and commits them in groups (sqlite/sqlite_store.h), while read
// transactions run in parallel on their own connections. Callers only begin, commit
// and drop transactions; Commit() returning OK means durable.
//
// Thread-safety: Begin may be called from any thread; each Txn is used by one thread.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "common/error.h"
#include "storage/shared_controls.h"
#include "storage/txn.h"

namespace localnotion::storage {

class Store {
 public:
  virtual ~Store() = default;
  // Begins a transaction. A write transaction may wait for another to finish.
  virtual Result<std::unique_ptr<Txn>> Begin(TxnMode mode) = 0;
  // Begins a transaction whose first read of a page is likely page `page_id` (the page of
  // GET /v1/pages/{id}). A store that answers over a network (PostgreSQL) reads that page
  // in the round trip that begins the transaction, and answers its GetPage from that read;
  // any other store begins as Begin does. `page_id` is as the request gave it (the path
  // segment): the store that reads it normalizes it (common/uuid.h), so that the others
  // pay nothing for it.
  virtual Result<std::unique_ptr<Txn>> BeginReadingPage(TxnMode mode, std::string_view page_id) {
    (void)page_id;
    return Begin(mode);
  }

  // Runs `task` on the caller's event loop after the work already queued there.
  using LoopPoster = std::function<void(std::function<void()> task)>;
  // Optional: the server's event loop, which the store may use to time its commits.
  // The SQLite store then commits a group once the loop has run the requests already
  // waiting (many transactions per commit under load, one at once when idle) instead
  // of detecting idleness with a timer, which costs a thread switch per transaction.
  // Without it (the CLI, tests) the store times commits on its own. Null unsets it;
  // the poster must stay valid until then.
  virtual void SetLoopPoster(LoopPoster post) {}

  // The test controls that instances over this store share (storage/shared_controls.h):
  // PostgreSQL's; nullptr for a store that only this process writes (SQLite), whose
  // controls the HTTP layer keeps in memory. They may outlive the store.
  virtual std::shared_ptr<SharedControls> shared_controls() { return nullptr; }
};

// Opens the store named by a URL: "sqlite:PATH" (PATH may be relative) or "memory:" (a
// private in-memory SQLite database, for tests); or "postgresql://..." /
// "postgres://..." (postgres/pg_store.h). Both wrapped in a CachingStore. Returns
// kInvalidRequest for an unknown scheme, kInternalServerError when opening fails.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

// How many times a transaction that lost a race (Txn::ShouldRetry) is run in all, by
// InTxn and service::RunInTxn, before its conflict is the answer.
inline constexpr int kTxnAttempts = 4;
// Sleeps before attempt `attempt` + 1 of a transaction that lost a race: a few
// milliseconds, more each time, jittered so that the racers do not meet again.
void RetryPause(int attempt);

// Runs `fn(txn)` in a new transaction of `mode` and commits it when `fn` succeeds; a
// failure (or an exception, which propagates) rolls it back, and a lost race is run
// again (kTxnAttempts). For tools and tests that need one transaction around a few calls.
template <class F>
auto InTxn(Store& store, TxnMode mode, F&& fn) -> decltype(fn(std::declval<Txn&>())) {
  for (int attempt = 1;; ++attempt) {
    auto txn = store.Begin(mode);
    if (!txn.ok()) return std::move(txn).error();
    // Retried below; a retry pins its snapshot, so it cannot lose a cache race again.
    if (attempt == 1) (*txn)->AcceptCacheRaces();
    auto result = fn(**txn);
    if (!result.ok()) {
      if (attempt < kTxnAttempts && (*txn)->ShouldRetry()) {
        const bool at_once = (*txn)->RetryAtOnce();
        txn->reset();
        if (!at_once) RetryPause(attempt);
        continue;
      }
      return result;
    }
    Status committed = (*txn)->Commit();
    if (!committed.ok()) return std::move(committed).error();
    return result;
  }
}

}  // namespace localnotion::storage
