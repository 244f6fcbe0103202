#include "storage/caching_store.h"

#include <atomic>
#include <set>

#include "common/json_arena.h"
#include "storage/record_columns.h"
#include "storage/txn_wrapper.h"

namespace localnotion::storage {
namespace {

// Whether the cache's reference to a kept page is the only one, called under the cache's
// lock (no new holder can appear then). When it is, everything the holders that let go
// of the record did with it happens before what the caller does next: use_count() is a
// relaxed load, and alone it would let a write move out of a record while a reader that
// has just copied it and let go is, for the memory model, still reading it
// (ThreadSanitizer reports that race). Locking a weak_ptr is a compare-exchange on the
// same count (acquire-release in libstdc++, sequentially consistent in libc++), so it
// reads after the last holder's release of the count.
bool SoleHolder(const std::shared_ptr<const PageRecord>& kept) {
  if (kept.use_count() != 1) return false;
  return std::weak_ptr<const PageRecord>(kept).lock().use_count() == 2;
}

}  // namespace

class CachingStore::CachingTxn final : public TxnWrapper {
 public:
  CachingTxn(Shared& shared, std::unique_ptr<Txn> inner, uint64_t generation, uint64_t page_generation)
      : TxnWrapper(*inner),
        shared_(shared),
        txn_(std::move(inner)),
        generation_(generation),
        page_generation_(page_generation),
        pages_cached_(!txn_->SharedCacheGeneration().has_value()) {}

  bool writable() const override { return txn_->writable(); }
  // The inner store's, for the HTTP layer's caches of shared controls (http/faults.h).
  std::optional<int64_t> SharedCacheGeneration() const override { return txn_->SharedCacheGeneration(); }
  bool ShouldRetry() const override { return txn_->ShouldRetry(); }
  bool RetryAtOnce() const override { return txn_->RetryAtOnce(); }
  void AcceptCacheRaces() override { txn_->AcceptCacheRaces(); }
  // The cache's generation names the records this transaction reads when it reads what
  // the cache holds (UseShared) and no commit of records is between its two evictions
  // (a writer of that batch, and a read that began after the first eviction, would see
  // records that are not committed yet, or not in its snapshot).
  std::optional<RecordsView> CachedRecordsView() const override {
    if (written_.records()) return std::nullopt;
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (!UseShared() || shared_.committing != 0) return std::nullopt;
    return RecordsView{shared_.instance, shared_.generation};
  }
  Status PinSnapshot() override { return txn_->PinSnapshot(); }
  Status DeferSnapshot(std::function<bool()> still_current) override {
    return txn_->DeferSnapshot(std::move(still_current));
  }

  void CommitAsync(DurableCallback on_durable) override {
    if (!written_.any()) return txn_->CommitAsync(std::move(on_durable));
    // The next write of a page may take the page this one wrote only on a store that
    // reports a failed commit before the next write begins: elsewhere the commit could
    // still be taken back after that write read the page.
    const bool handed_on = txn_->ReportsFailureBeforeNextWrite();
    std::vector<PageWrite> page_writes = Evict(shared_, written_, /*starting=*/true, {}, true, handed_on);
    // The transaction object may be gone when its group becomes durable: the callback
    // keeps what it needs by value (the store, and so shared_, outlives it).
    txn_->CommitAsync([shared = &shared_, written = std::move(written_), page_writes = std::move(page_writes),
                       on_durable = std::move(on_durable)](Status status) {
      Evict(*shared, written, /*starting=*/false, page_writes, status.ok());
      on_durable(std::move(status));
    });
  }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override {
    const std::string key(id);
    if (!PagesUsable(key)) return inner_->GetPage(id);
    if (txn_->writable()) {
      // A write takes the page it reads out of the cache when nothing else holds it: it
      // reads the page to write it (most often), and its commit keeps the page it wrote.
      // Every kept record is made a non-const PageRecord (Txn::GetPagesShared, Keepable).
      std::shared_ptr<const PageRecord> pending;
      {
        std::lock_guard<std::mutex> lock(shared_.mu);
        if (auto it = shared_.pages.find(key); it != shared_.pages.end() && SoleHolder(it->second)) {
          std::optional<PageRecord> taken(std::move(const_cast<PageRecord&>(*it->second)));
          shared_.pages.erase(it);
          return taken;
        }
        // Or the page as the last commit that wrote it left it, when that commit is in
        // the writer's batch but not durable yet (many clients writing one page): this
        // write runs on the writer, which sees that commit. The entry lets go of it, so
        // that commit keeps nothing once durable, and no one else reads the record
        // (the commit's callback holds it too, and only lets go of it).
        if (auto last = shared_.page_last_write.find(key);
            last != shared_.page_last_write.end() && last->second.usable) {
          pending = std::move(last->second.page);
          last->second.usable = false;
        }
      }
      if (pending) return std::optional<PageRecord>(std::move(const_cast<PageRecord&>(*pending)));
    }
    LN_ASSIGN_OR_RETURN(std::shared_ptr<const PageRecord> hit, CachedPage(key));
    if (hit) {
      return std::optional<PageRecord>(CopyPage(*hit, txn_->writable() ? json::storage_ptr() : JsonArena::Storage()));
    }
    // A write reads into the default resource, so that the page it writes can be kept
    // without a copy (KeepWrittenPage), or taken by the next write of the page. A read
    // that may not fill reads into the request's arena; one that may, once, copied for
    // the caller.
    if (txn_->writable()) {
      JsonArena::Outside outside;
      return inner_->GetPage(id);
    }
    if (!MayKeepPages()) return inner_->GetPage(id);
    LN_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const PageRecord>> read, ReadToKeep({key}));
    if (!read[0]) return std::optional<PageRecord>();
    return std::optional<PageRecord>(CopyPage(*read[0], JsonArena::Storage()));
  }
  Result<std::shared_ptr<const PageRecord>> GetPageShared(std::string_view id) override {
    const std::string key(id);
    if (!PagesUsable(key)) return inner_->GetPageShared(id);
    LN_ASSIGN_OR_RETURN(std::shared_ptr<const PageRecord> hit, CachedPage(key));
    if (hit) return hit;
    LN_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const PageRecord>> read, ReadToKeep({key}));
    return read[0];
  }
  Result<std::vector<std::shared_ptr<const PageRecord>>> GetPagesShared(const std::vector<std::string>& ids) override {
    if (!pages_cached_ || written_.all) return inner_->GetPagesShared(ids);
    if (!txn_->writable()) LN_RETURN_IF_ERROR(DeferPin());
    std::vector<std::shared_ptr<const PageRecord>> out(ids.size());
    std::vector<std::string> missed;
    std::vector<size_t> missed_at;
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      const bool usable = UseSharedPages();
      for (size_t i = 0; i < ids.size(); ++i) {
        auto it = usable && written_.pages.count(ids[i]) == 0 ? shared_.pages.find(ids[i]) : shared_.pages.end();
        if (it != shared_.pages.end()) {
          out[i] = it->second;
          answered_pages_ = true;
        } else {
          missed.push_back(ids[i]);
          missed_at.push_back(i);
        }
      }
    }
    if (missed.empty()) return out;
    LN_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const PageRecord>> read, ReadToKeep(missed));
    for (size_t j = 0; j < missed.size(); ++j) out[missed_at[j]] = std::move(read[j]);
    return out;
  }
  Status PutPage(const PageRecord& page, const PageUpdate* update) override {
    LN_RETURN_IF_ERROR(inner_->PutPage(page, update));
    written_.pages.insert(page.id);
    // Kept once the commit is durable if its writer hands it over (KeepWrittenPage).
    written_.to_keep.erase(page.id);
    Put& put = put_at_[page.id];
    put.page = &page;
    // What the writes of this page in this transaction changed, all of them: a value no
    // write changed is the one read, as stored already (Keepable).
    if (update == nullptr || update->changed_properties == nullptr) {
      put.every_value = true;
    } else if (!put.every_value) {
      put.changed.insert(put.changed.end(), update->changed_properties->begin(), update->changed_properties->end());
    }
    return OkStatus();
  }
  void KeepWrittenPage(PageRecord&& page) override {
    auto put = put_at_.find(page.id);
    if (!pages_cached_ || written_.all || put == put_at_.end() || put->second.page != &page) return;
    const std::string id = page.id;  // before page moves
    const std::vector<std::string>* changed = put->second.every_value ? nullptr : &put->second.changed;
    if (std::shared_ptr<const PageRecord> kept = Keepable(std::move(page), changed)) {
      written_.to_keep[id] = std::move(kept);
    }
  }
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override {
    return Cached(own_databases_, &Shared::databases, id, [&] { return inner_->GetDatabase(id); });
  }
  Status PutDatabase(const DatabaseRecord& db) override {
    LN_RETURN_IF_ERROR(inner_->PutDatabase(db));
    own_databases_[db.id] = std::make_shared<const DatabaseRecord>(db);
    written_.databases.insert(db.id);
    return OkStatus();
  }
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override {
    return Cached(own_data_sources_, &Shared::data_sources, id, [&] { return inner_->GetDataSource(id); });
  }
  Status PutDataSource(const DataSourceRecord& source) override {
    LN_RETURN_IF_ERROR(inner_->PutDataSource(source));
    own_data_sources_[source.id] = std::make_shared<const DataSourceRecord>(source);
    written_.data_sources.insert(source.id);
    return OkStatus();
  }
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override {
    if (written_.users.count(std::string(id)) || written_.all || written_.all_users) return inner_->GetUser(id);
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (!UseShared()) return inner_->GetUser(id);
      if (auto it = shared_.users.find(std::string(id)); it != shared_.users.end()) {
        return std::optional<UserRecord>(it->second);
      }
    }
    LN_ASSIGN_OR_RETURN(auto found, inner_->GetUser(id));
    if (found) Fill([&] { shared_.users[found->id] = *found; });
    return found;
  }
  Status PutUser(const UserRecord& user) override {
    LN_RETURN_IF_ERROR(inner_->PutUser(user));
    written_.users.insert(user.id);
    return OkStatus();
  }
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override {
    if (written_.integrations || written_.all) return inner_->FindIntegrationBySecretHash(secret_hash);
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (!UseShared()) return inner_->FindIntegrationBySecretHash(secret_hash);
      if (auto it = shared_.integrations.find(std::string(secret_hash)); it != shared_.integrations.end()) {
        return std::optional<IntegrationRecord>(it->second);
      }
    }
    LN_ASSIGN_OR_RETURN(auto found, inner_->FindIntegrationBySecretHash(secret_hash));
    if (found) Fill([&] { shared_.integrations[found->secret_hash] = *found; });
    return found;
  }
  // The shares of an integration, read on every request (service::Context::ActFor).
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override {
    if (written_.shares || written_.all) return inner_->ListShares(integration_id);
    const std::string key(integration_id);
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (!UseShared()) return inner_->ListShares(integration_id);
      if (auto it = shared_.shares.find(key); it != shared_.shares.end()) return it->second;
    }
    LN_ASSIGN_OR_RETURN(std::vector<std::string> found, inner_->ListShares(integration_id));
    Fill([&] { shared_.shares[key] = found; });
    return found;
  }
  Status PutShare(std::string_view integration_id, std::string_view object_id) override {
    LN_RETURN_IF_ERROR(inner_->PutShare(integration_id, object_id));
    written_.shares = true;
    return OkStatus();
  }
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override {
    LN_RETURN_IF_ERROR(inner_->DeleteShare(integration_id, object_id));
    written_.shares = true;
    return OkStatus();
  }
  Status PutIntegration(const IntegrationRecord& integration) override {
    LN_RETURN_IF_ERROR(inner_->PutIntegration(integration));
    written_.integrations = true;
    return OkStatus();
  }
  Status DeleteIntegration(std::string_view id) override {
    LN_RETURN_IF_ERROR(inner_->DeleteIntegration(id));
    written_.integrations = true;
    written_.all_users = true;
    written_.shares = true;  // its shares go with it
    return OkStatus();
  }
  Status Reset(bool keep_integrations) override {
    LN_RETURN_IF_ERROR(inner_->Reset(keep_integrations));
    own_databases_.clear();
    own_data_sources_.clear();
    written_.all = true;
    return OkStatus();
  }

 private:
  // A page this transaction wrote, with the number its commit took (Evict).
  struct PageWrite {
    std::string id;
    uint64_t seq = 0;
  };
  // What this transaction wrote of the cached kinds, to evict when it commits.
  struct Written {
    std::set<std::string> databases, data_sources, users, pages;
    // The pages as last written, to keep once durable (none on a store shared with
    // other processes, none after a Reset).
    std::unordered_map<std::string, std::shared_ptr<const PageRecord>> to_keep;
    bool integrations = false;
    bool shares = false;
    bool all_users = false;
    bool all = false;
    bool records() const {
      return all || integrations || shares || all_users || !databases.empty() || !data_sources.empty() ||
             !users.empty();
    }
    bool any_pages() const { return all || !pages.empty(); }
    bool any() const { return records() || any_pages(); }
  };

  template <class Record, class Load>
  Result<std::shared_ptr<const Record>> Cached(
      std::unordered_map<std::string, std::shared_ptr<const Record>>& own,
      std::unordered_map<std::string, std::shared_ptr<const Record>> Shared::*shared_map, std::string_view id,
      Load load) {
    const std::string key(id);
    if (auto it = own.find(key); it != own.end()) return it->second;
    if (!written_.all) {
      std::lock_guard<std::mutex> lock(shared_.mu);
      auto& map = shared_.*shared_map;
      if (auto it = map.find(key); UseShared() && it != map.end()) return it->second;
    }
    LN_ASSIGN_OR_RETURN(std::shared_ptr<const Record> record, load());
    if (record) Fill([&] { (shared_.*shared_map)[key] = record; });
    if (record && txn_->writable()) own[key] = record;  // stable within the transaction
    return record;
  }

  // Whether the page cache may answer for `key`: not for a page this transaction wrote.
  bool PagesUsable(const std::string& key) const {
    return pages_cached_ && !written_.all && written_.pages.count(key) == 0;
  }
  // The cached page, or null. What the cache holds is the latest committed state of
  // every page it holds for as long as nothing was evicted since the transaction began
  // (UseSharedPages): a commit evicts what it wrote before SQLite shows it and again once
  // durable, and nothing is kept in between. So a read transaction's snapshot is taken
  // only when it first reads the store, and agrees with the cache's answers if no page
  // was evicted by then (DeferSnapshot): a GET of a cached page reads no SQLite at all.
  Result<std::shared_ptr<const PageRecord>> CachedPage(const std::string& key) {
    if (!txn_->writable()) LN_RETURN_IF_ERROR(DeferPin());
    std::lock_guard<std::mutex> lock(shared_.mu);
    auto it = shared_.pages.find(key);
    if (it == shared_.pages.end() || !UseSharedPages()) return std::shared_ptr<const PageRecord>();
    answered_pages_ = true;
    return it->second;
  }
  // Reads the pages of `ids` (one entry each, null for none) and keeps them when a read
  // transaction may (MayKeepPages, checked again once read). They are read into the
  // default resource rather than the request's arena then, so that keeping them copies
  // nothing.
  Result<std::vector<std::shared_ptr<const PageRecord>>> ReadToKeep(const std::vector<std::string>& ids) {
    const bool may_keep = !txn_->writable() && MayKeepPages();
    std::vector<std::shared_ptr<const PageRecord>> out;
    if (!may_keep) return inner_->GetPagesShared(ids);
    {
      JsonArena::Outside outside;
      LN_ASSIGN_OR_RETURN(out, inner_->GetPagesShared(ids));
    }
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (!MayKeepPagesLocked()) return out;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (out[i] != nullptr) KeepLocked(ids[i], out[i]);  // a read transaction wrote none
    }
    return out;
  }
  void KeepLocked(const std::string& key, std::shared_ptr<const PageRecord> page) {
    KeepLocked(shared_, key, std::move(page));
  }
  static void KeepLocked(Shared& shared, const std::string& key, std::shared_ptr<const PageRecord> page) {
    if (shared.pages.size() >= CachingStore::kMaxCachedPages && shared.pages.count(key) == 0) {
      shared.pages.erase(shared.pages.begin());
    }
    shared.pages[key] = std::move(page);
  }
  // `page` moved to be kept, its numbers as the store reads them back; null when its values
  // are not in the default resource (a page GetPage read into the request's arena is not
  // worth a copy: see there). With `changed`, only those values (and the icon and cover)
  // are made as stored: the others are the values the writer read, which the store gave
  // as stored (a value equal to the one read is not changed: Boost.JSON's equality tells
  // a double 5.0 from an integer 5).
  static std::shared_ptr<const PageRecord> Keepable(PageRecord&& page, const std::vector<std::string>* changed) {
    const json::memory_resource* heap = json::storage_ptr().get();
    const bool on_heap = page.properties.storage().get() == heap && page.icon.storage().get() == heap &&
                         page.cover.storage().get() == heap;
    if (!on_heap) return nullptr;
    auto kept = std::make_shared<PageRecord>(std::move(page));
    if (changed == nullptr) {
      NormalizeAsStored(kept->properties);
    } else {
      for (const std::string& id : *changed) {
        if (json::value* v = const_cast<json::value*>(Find(kept->properties, id))) NormalizeAsStored(*v);
      }
    }
    NormalizeAsStored(kept->icon);
    NormalizeAsStored(kept->cover);
    return kept;
  }

  // Whether a read transaction may keep what it reads: nothing evicted since it began and
  // no write committing (as Fill), so that what it read is the committed state.
  bool MayKeepPages() const {
    std::lock_guard<std::mutex> lock(shared_.mu);
    return MayKeepPagesLocked();
  }
  bool MayKeepPagesLocked() const {
    return shared_.page_committing == 0 && shared_.page_generation == page_generation_;
  }

  // Whether the shared cache holds what this transaction would read (under shared_.mu).
  // A write transaction reads the latest committed state, which the cache holds. A read
  // transaction reads its snapshot: once something was evicted since it began, the cache
  // may hold records newer than that.
  bool UseShared() const { return txn_->writable() || shared_.generation == generation_; }
  // Before a read transaction looks in the page cache: what the cache answers agrees
  // with the snapshot if no page was evicted since the transaction began, and anything
  // does when the cache answered nothing (it missed, or found nothing usable).
  Status DeferPin() {
    return txn_->DeferSnapshot([this] {
      std::lock_guard<std::mutex> lock(shared_.mu);
      return !answered_pages_ || shared_.page_generation == page_generation_;
    });
  }
  bool UseSharedPages() const { return txn_->writable() || shared_.page_generation == page_generation_; }

  // Fills the shared cache from a read transaction, if nothing was evicted since it
  // began and no write is committing (what it read is then still the committed state,
  // and no writer of an open batch can read it from the cache).
  //
  // A write transaction fills it too, when no write of a cached kind is committing and
  // it wrote none itself: the writer connection then shows exactly the committed
  // records, and no other writer runs meanwhile. Without this a server that only
  // writes (a PATCH loop) would read and parse its data source on every request.
  template <class F>
  void Fill(F&& fill) {
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (shared_.committing != 0) return;
    if (txn_->writable() ? !written_.records() : shared_.generation == generation_) fill();
  }

  // Evicts what a transaction wrote: `starting` before its commit, then once durable.
  //
  // Pages written are kept once durable (`ok`), as they were written, unless a later
  // commit wrote them too: starting, each page written takes the next number of
  // Shared::page_write_seq as the page's last write (returned, for the durable call),
  // with the record handed over (Shared::PendingWrite); once durable, a page is kept
  // only while that number is still its last write (a later commit, durable or not, has
  // taken another; one durable before this one has removed it) and the record is still
  // there (a later write has not taken it, GetPage). A Reset forgets every last write, so
  // no page written before it is kept.
  static std::vector<PageWrite> Evict(Shared& shared, const Written& written, bool starting,
                                      const std::vector<PageWrite>& page_writes, bool ok, bool usable = false) {
    std::vector<PageWrite> out;
    std::lock_guard<std::mutex> lock(shared.mu);
    if (written.any_pages()) {
      ++shared.page_generation;
      shared.page_committing += starting ? 1 : -1;
      if (written.all) {
        shared.pages.clear();
        shared.page_last_write.clear();
      } else {
        for (const auto& id : written.pages) shared.pages.erase(id);
      }
      if (starting && !written.all) {
        out.reserve(written.pages.size());
        for (const auto& id : written.pages) {
          const uint64_t seq = ++shared.page_write_seq;
          auto keep = written.to_keep.find(id);
          shared.page_last_write[id] =
              Shared::PendingWrite{seq, keep != written.to_keep.end() ? keep->second : nullptr, usable};
          out.push_back(PageWrite{id, seq});
        }
      }
      for (const PageWrite& w : page_writes) {
        auto last = shared.page_last_write.find(w.id);
        if (last == shared.page_last_write.end() || last->second.seq != w.seq) continue;
        std::shared_ptr<const PageRecord> page = std::move(last->second.page);
        shared.page_last_write.erase(last);
        if (ok && page != nullptr) KeepLocked(shared, w.id, std::move(page));
      }
    }
    if (!written.records()) return out;
    ++shared.generation;
    shared.committing += starting ? 1 : -1;
    if (written.all) {
      shared.databases.clear();
      shared.data_sources.clear();
      shared.integrations.clear();
      shared.shares.clear();
      shared.users.clear();
      return out;
    }
    for (const auto& id : written.databases) shared.databases.erase(id);
    for (const auto& id : written.data_sources) shared.data_sources.erase(id);
    if (written.integrations) shared.integrations.clear();
    if (written.shares) shared.shares.clear();
    if (written.all_users) {
      shared.users.clear();
    } else {
      for (const auto& id : written.users) shared.users.erase(id);
    }
    return out;
  }

  Shared& shared_;
  std::unique_ptr<Txn> txn_;
  uint64_t generation_;
  uint64_t page_generation_;
  bool answered_pages_ = false;  // a read answered a page from the cache (DeferPin)
  bool pages_cached_;
  Written written_;
  // The object last passed to PutPage for each page id (KeepWrittenPage compares), and what
  // its writes in this transaction changed.
  struct Put {
    const PageRecord* page = nullptr;
    bool every_value = false;          // a write said nothing of what it changed
    std::vector<std::string> changed;  // else what the writes changed (may repeat)
  };
  std::unordered_map<std::string, Put> put_at_;
  std::unordered_map<std::string, std::shared_ptr<const DatabaseRecord>> own_databases_;
  std::unordered_map<std::string, std::shared_ptr<const DataSourceRecord>> own_data_sources_;
};

uint64_t CachingStore::NextInstance() {
  static std::atomic<uint64_t> next{0};
  return ++next;
}

Result<std::unique_ptr<Txn>> CachingStore::Begin(TxnMode mode) { return BeginReadingPage(mode, {}); }

Result<std::unique_ptr<Txn>> CachingStore::BeginReadingPage(TxnMode mode, std::string_view page_id) {
  uint64_t generation, page_generation;
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    generation = shared_.generation;
    page_generation = shared_.page_generation;
  }
  LN_ASSIGN_OR_RETURN(std::unique_ptr<Txn> inner,
                      page_id.empty() ? inner_->Begin(mode) : inner_->BeginReadingPage(mode, page_id));
  std::optional<int64_t> seen = inner->SharedCacheGeneration();
  if (!seen) seen = inner->RecordsGeneration();
  if (seen) {
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (*seen > shared_.shared_generation) {
      // Another process (or this one) wrote cached kinds: nothing cached can be trusted.
      shared_.shared_generation = *seen;
      ++shared_.generation;
      shared_.databases.clear();
      shared_.data_sources.clear();
      shared_.integrations.clear();
      shared_.shares.clear();
      shared_.users.clear();
      generation = shared_.generation;
    } else if (*seen < shared_.shared_generation) {
      generation = shared_.generation - 1;  // an older snapshot: never matches (UseShared, Fill)
    }
  }
  return std::unique_ptr<Txn>(std::make_unique<CachingTxn>(shared_, std::move(inner), generation, page_generation));
}

}  // namespace localnotion::storage
