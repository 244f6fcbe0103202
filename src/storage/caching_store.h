// A Store decorator that keeps databases, data sources, users, integrations and their
// shares in memory. They are read on every request (a page's schema, the people it
// shows, the bearer token, what the integration may see) and change rarely.
//
// `localnotion integration`, `share` and `unshare` write integrations and shares into
// the SQLite store of a running server, which must see them on its next request
// (docs/compat.md, "CLI"; e2e 25-permissions): that store brings a generation that
// those writes move (Txn::RecordsGeneration, sqlite/generation_file.h), handled as the
// shared generation below, except that pages stay cached.
//
// The cache only ever holds committed records. A read transaction fills it on a miss,
// unless a write of a cached kind was committed (or is committing) since it began, in
// which case what it read may be stale. A write transaction fills it only when no write
// of a cached kind is committing and it wrote none itself. It keeps
// its own writes in an overlay that its later reads see, and when it commits it evicts
// what it wrote, once before its batch becomes durable (so that the next writer of the
// same batch reads the new rows from the writer connection) and once after (so that a
// read that began in between cannot leave the old rows behind); nothing is filled in
// between. A read transaction uses the cache only while nothing was evicted since it
// began, so that it never sees a record newer than its snapshot.
//
// Other processes. When the inner store is shared with other processes (PostgreSQL,
// Txn::SharedCacheGeneration; or Txn::RecordsGeneration), every transaction brings the store's generation as it
// sees it; when it is newer than the last one seen, everything cached is dropped (and
// the local generation moves, so that transactions begun before stop using the cache);
// a read whose snapshot is older than the last one seen neither uses nor fills it.
//
// Pages. GET /v1/pages/{id} reads one page row and parses its properties, about a fifth
// of the request's instructions (docs/benchmarks.md). The cache keeps the pages read
// recently, parsed, under the same rules with counters of their own (`page_generation`,
// `page_committing`), so that the PATCH traffic on pages never stops the records above
// from being used. Read transactions fill it with what they read. A write fills it only
// with the pages it wrote and handed over (Txn::KeepWrittenPage: a PATCH, once it has
// answered), once its commit is durable and only if no later commit wrote the page too
// (CachingTxn::Evict); the record is moved, not copied, and its numbers made as a read
// of the row would make them (NormalizeAsStored). A write that reads a page the cache
// holds and nothing else does takes it out rather than copying it: the next PATCH of a
// page then neither reads nor parses it. When many clients write one page, the next
// write comes before the last one's commit is durable; it then takes the page that
// commit wrote (kept beside its number until then, Shared::PendingWrite), once the commit
// is in the writer's batch, which the writer connection sees: a write's reads are the
// batch's state. A write that misses reads into the heap, to keep or hand on the page
// without a copy. Both kinds use the cache. It holds at most
// kMaxCachedPages pages, and is used only when the inner store belongs to this process
// alone (no Txn::SharedCacheGeneration): other instances on one PostgreSQL write pages
// without telling. The other processes that open a SQLite store beside a running server
// (`localnotion integration`, `share`, `unshare`) never write pages.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/store.h"

namespace localnotion::storage {

class CachingStore final : public Store {
 public:
  static constexpr size_t kMaxCachedPages = 4096;

  explicit CachingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  Result<std::unique_ptr<Txn>> Begin(TxnMode mode) override;
  Result<std::unique_ptr<Txn>> BeginReadingPage(TxnMode mode, std::string_view page_id) override;
  void SetLoopPoster(LoopPoster post) override { inner_->SetLoopPoster(std::move(post)); }
  std::shared_ptr<SharedControls> shared_controls() override { return inner_->shared_controls(); }

 private:
  class CachingTxn;
  // A number for each CachingStore made in the process: 1, 2, ...
  static uint64_t NextInstance();
  // The cached records, all under mu_. `generation` grows with every eviction;
  // `committing` counts the write transactions between their two evictions, while which
  // nothing is filled (a reader would fill what a later writer of the batch must not see).
  struct Shared {
    std::mutex mu;
    uint64_t generation = 0;
    int committing = 0;
    int64_t shared_generation = -1;            // the inner store's, last seen (SharedCacheGeneration)
    const uint64_t instance = NextInstance();  // Txn::RecordsView::store
    std::unordered_map<std::string, std::shared_ptr<const DatabaseRecord>> databases;
    std::unordered_map<std::string, std::shared_ptr<const DataSourceRecord>> data_sources;
    std::unordered_map<std::string, IntegrationRecord> integrations;   // by secret hash
    std::unordered_map<std::string, std::vector<std::string>> shares;  // by integration id
    std::unordered_map<std::string, UserRecord> users;                 // only users that exist
    // Pages, in Boost.JSON's default resource (never a request's arena).
    uint64_t page_generation = 0;
    int page_committing = 0;
    std::unordered_map<std::string, std::shared_ptr<const PageRecord>> pages;
    // The last commit that wrote each page and is not durable yet: its number, so that
    // only the last writer keeps the page it wrote (CachingTxn::Evict), and the page as
    // it wrote it (when handed over), which the next write of the page takes instead of
    // reading it (CachingTxn::GetPage). `usable` only on a store that reports a failed
    // commit before the next write begins (Txn::ReportsFailureBeforeNextWrite), and until
    // a write takes it.
    struct PendingWrite {
      uint64_t seq = 0;
      std::shared_ptr<const PageRecord> page;
      bool usable = false;
    };
    uint64_t page_write_seq = 0;
    std::unordered_map<std::string, PendingWrite> page_last_write;
  };

  // Declared first so that it is destroyed last: the inner store may still report a
  // commit group durable while it shuts down, and those reports evict from it.
  Shared shared_;
  std::unique_ptr<Store> inner_;
};

}  // namespace localnotion::storage
