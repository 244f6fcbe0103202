#include "storage/caching_store.h"

#include <set>

#include "common/json_arena.h"
#include "storage/txn_wrapper.h"

namespace localnotion::storage {

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
  Status PinSnapshot() override { return txn_->PinSnapshot(); }

  void CommitAsync(DurableCallback on_durable) override {
    if (!written_.any()) return txn_->CommitAsync(std::move(on_durable));
    Evict(shared_, written_, /*starting=*/true);
    // The transaction object may be gone when its group becomes durable: the callback
    // keeps what it needs by value (the store, and so shared_, outlives it).
    txn_->CommitAsync([shared = &shared_, written = written_, on_durable = std::move(on_durable)](Status status) {
      Evict(*shared, written, /*starting=*/false);
      on_durable(std::move(status));
    });
  }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override {
    const std::string key(id);
    if (!PagesUsable(key)) return inner_.GetPage(id);
    LN_ASSIGN_OR_RETURN(std::shared_ptr<const PageRecord> hit, CachedPage(key));
    if (hit) return std::optional<PageRecord>(CopyPage(*hit, JsonArena::Storage()));
    // A page that will not be kept (a write, a read that may not fill) is read into the
    // request's arena as it is; one that will, read once and copied for the caller.
    if (txn_->writable() || !MayKeepPages()) return inner_.GetPage(id);
    LN_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const PageRecord>> read, ReadToKeep({key}));
    if (!read[0]) return std::optional<PageRecord>();
    return std::optional<PageRecord>(CopyPage(*read[0], JsonArena::Storage()));
  }
  Result<std::shared_ptr<const PageRecord>> GetPageShared(std::string_view id) override {
    const std::string key(id);
    if (!PagesUsable(key)) return inner_.GetPageShared(id);
    LN_ASSIGN_OR_RETURN(std::shared_ptr<const PageRecord> hit, CachedPage(key));
    if (hit) return hit;
    LN_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const PageRecord>> read, ReadToKeep({key}));
    return read[0];
  }
  Result<std::vector<std::shared_ptr<const PageRecord>>> GetPagesShared(const std::vector<std::string>& ids) override {
    if (!pages_cached_ || written_.all) return inner_.GetPagesShared(ids);
    if (!txn_->writable()) LN_RETURN_IF_ERROR(txn_->PinSnapshot());
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
    LN_RETURN_IF_ERROR(inner_.PutPage(page, update));
    written_.pages.insert(page.id);
    return OkStatus();
  }
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override {
    return Cached(own_databases_, &Shared::databases, id, [&] { return inner_.GetDatabase(id); });
  }
  Status PutDatabase(const DatabaseRecord& db) override {
    LN_RETURN_IF_ERROR(inner_.PutDatabase(db));
    own_databases_[db.id] = std::make_shared<const DatabaseRecord>(db);
    written_.databases.insert(db.id);
    return OkStatus();
  }
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override {
    return Cached(own_data_sources_, &Shared::data_sources, id, [&] { return inner_.GetDataSource(id); });
  }
  Status PutDataSource(const DataSourceRecord& source) override {
    LN_RETURN_IF_ERROR(inner_.PutDataSource(source));
    own_data_sources_[source.id] = std::make_shared<const DataSourceRecord>(source);
    written_.data_sources.insert(source.id);
    return OkStatus();
  }
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override {
    if (written_.users.count(std::string(id)) || written_.all || written_.all_users) return inner_.GetUser(id);
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (!UseShared()) return inner_.GetUser(id);
      if (auto it = shared_.users.find(std::string(id)); it != shared_.users.end()) {
        return std::optional<UserRecord>(it->second);
      }
    }
    LN_ASSIGN_OR_RETURN(auto found, inner_.GetUser(id));
    if (found) Fill([&] { shared_.users[found->id] = *found; });
    return found;
  }
  Status PutUser(const UserRecord& user) override {
    LN_RETURN_IF_ERROR(inner_.PutUser(user));
    written_.users.insert(user.id);
    return OkStatus();
  }
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override {
    if (written_.integrations || written_.all) return inner_.FindIntegrationBySecretHash(secret_hash);
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (!UseShared()) return inner_.FindIntegrationBySecretHash(secret_hash);
      if (auto it = shared_.integrations.find(std::string(secret_hash)); it != shared_.integrations.end()) {
        return std::optional<IntegrationRecord>(it->second);
      }
    }
    LN_ASSIGN_OR_RETURN(auto found, inner_.FindIntegrationBySecretHash(secret_hash));
    if (found) Fill([&] { shared_.integrations[found->secret_hash] = *found; });
    return found;
  }
  Status PutIntegration(const IntegrationRecord& integration) override {
    LN_RETURN_IF_ERROR(inner_.PutIntegration(integration));
    written_.integrations = true;
    return OkStatus();
  }
  Status DeleteIntegration(std::string_view id) override {
    LN_RETURN_IF_ERROR(inner_.DeleteIntegration(id));
    written_.integrations = true;
    written_.all_users = true;
    return OkStatus();
  }
  Status Reset(bool keep_integrations) override {
    LN_RETURN_IF_ERROR(inner_.Reset(keep_integrations));
    own_databases_.clear();
    own_data_sources_.clear();
    written_.all = true;
    return OkStatus();
  }

 private:
  // What this transaction wrote of the cached kinds, to evict when it commits.
  struct Written {
    std::set<std::string> databases, data_sources, users, pages;
    bool integrations = false;
    bool all_users = false;
    bool all = false;
    bool records() const {
      return all || integrations || all_users || !databases.empty() || !data_sources.empty() || !users.empty();
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
  // The cached page, or null. A read transaction's snapshot is taken first: what the
  // cache holds is then the state of that snapshot whenever nothing was evicted since the
  // transaction began (UseSharedPages).
  Result<std::shared_ptr<const PageRecord>> CachedPage(const std::string& key) {
    if (!txn_->writable()) LN_RETURN_IF_ERROR(txn_->PinSnapshot());
    std::lock_guard<std::mutex> lock(shared_.mu);
    auto it = shared_.pages.find(key);
    if (it == shared_.pages.end() || !UseSharedPages()) return std::shared_ptr<const PageRecord>();
    return it->second;
  }
  // Reads the pages of `ids` (one entry each, null for none) and keeps them when a read
  // transaction may (MayKeepPages, checked again once read). They are read into the
  // default resource rather than the request's arena then, so that keeping them copies
  // nothing.
  Result<std::vector<std::shared_ptr<const PageRecord>>> ReadToKeep(const std::vector<std::string>& ids) {
    const bool may_keep = !txn_->writable() && MayKeepPages();
    std::vector<std::shared_ptr<const PageRecord>> out;
    if (!may_keep) return inner_.GetPagesShared(ids);
    {
      JsonArena::Outside outside;
      LN_ASSIGN_OR_RETURN(out, inner_.GetPagesShared(ids));
    }
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (!MayKeepPagesLocked()) return out;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (out[i] != nullptr) KeepLocked(ids[i], out[i]);  // a read transaction wrote none
    }
    return out;
  }
  void KeepLocked(const std::string& key, std::shared_ptr<const PageRecord> page) {
    if (shared_.pages.size() >= CachingStore::kMaxCachedPages && shared_.pages.count(key) == 0) {
      shared_.pages.erase(shared_.pages.begin());
    }
    shared_.pages[key] = std::move(page);
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
  static void Evict(Shared& shared, const Written& written, bool starting) {
    std::lock_guard<std::mutex> lock(shared.mu);
    if (written.any_pages()) {
      ++shared.page_generation;
      shared.page_committing += starting ? 1 : -1;
      if (written.all) {
        shared.pages.clear();
      } else {
        for (const auto& id : written.pages) shared.pages.erase(id);
      }
    }
    if (!written.records()) return;
    ++shared.generation;
    shared.committing += starting ? 1 : -1;
    if (written.all) {
      shared.databases.clear();
      shared.data_sources.clear();
      shared.integrations.clear();
      shared.users.clear();
      return;
    }
    for (const auto& id : written.databases) shared.databases.erase(id);
    for (const auto& id : written.data_sources) shared.data_sources.erase(id);
    if (written.integrations) shared.integrations.clear();
    if (written.all_users) {
      shared.users.clear();
    } else {
      for (const auto& id : written.users) shared.users.erase(id);
    }
  }

  Shared& shared_;
  std::unique_ptr<Txn> txn_;
  uint64_t generation_;
  uint64_t page_generation_;
  bool pages_cached_;
  Written written_;
  std::unordered_map<std::string, std::shared_ptr<const DatabaseRecord>> own_databases_;
  std::unordered_map<std::string, std::shared_ptr<const DataSourceRecord>> own_data_sources_;
};

Result<std::unique_ptr<Txn>> CachingStore::Begin(TxnMode mode) {
  uint64_t generation, page_generation;
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    generation = shared_.generation;
    page_generation = shared_.page_generation;
  }
  LN_ASSIGN_OR_RETURN(std::unique_ptr<Txn> inner, inner_->Begin(mode));
  if (std::optional<int64_t> seen = inner->SharedCacheGeneration()) {
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (*seen > shared_.shared_generation) {
      // Another process (or this one) wrote cached kinds: nothing cached can be trusted.
      shared_.shared_generation = *seen;
      ++shared_.generation;
      shared_.databases.clear();
      shared_.data_sources.clear();
      shared_.integrations.clear();
      shared_.users.clear();
      generation = shared_.generation;
    } else if (*seen < shared_.shared_generation) {
      generation = shared_.generation - 1;  // an older snapshot: never matches (UseShared, Fill)
    }
  }
  return std::unique_ptr<Txn>(std::make_unique<CachingTxn>(shared_, std::move(inner), generation, page_generation));
}

}  // namespace localnotion::storage
