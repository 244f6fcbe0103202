#include "storage/caching_store.h"

#include <set>

#include "common/json_arena.h"
#include "storage/txn_wrapper.h"

namespace localnotion::storage {
namespace {

// A copy of `page` with its JSON values made in `storage`. (PageRecord's own copy would
// keep the resource of the values it copies: a request's arena, when filling the cache.)
PageRecord CopyPage(const PageRecord& page, const json::storage_ptr& storage) {
  PageRecord out;
  out.id = page.id;
  out.parent_type = page.parent_type;
  out.parent_id = page.parent_id;
  out.properties = json::object(page.properties, storage);
  out.icon = json::value(page.icon, storage);
  out.cover = json::value(page.cover, storage);
  out.in_trash = page.in_trash;
  out.is_locked = page.is_locked;
  out.created_time = page.created_time;
  out.created_by = page.created_by;
  out.last_edited_time = page.last_edited_time;
  out.last_edited_by = page.last_edited_by;
  return out;
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
    if (!pages_cached_ || written_.all || written_.pages.count(key)) return inner_.GetPage(id);
    // Before the cache is looked at: what it holds is then the state of the snapshot
    // whenever nothing was evicted since the transaction began (UseSharedPages).
    if (!txn_->writable()) LN_RETURN_IF_ERROR(txn_->PinSnapshot());
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (auto it = shared_.pages.find(key); it != shared_.pages.end() && UseSharedPages()) {
        return std::optional<PageRecord>(CopyPage(*it->second, JsonArena::Storage()));
      }
    }
    LN_ASSIGN_OR_RETURN(auto found, inner_.GetPage(id));
    if (found && !txn_->writable()) {
      std::lock_guard<std::mutex> lock(shared_.mu);
      // What it read is the committed state when nothing was evicted since it began and
      // no write is committing (Fill).
      if (shared_.page_committing == 0 && shared_.page_generation == page_generation_) {
        if (shared_.pages.size() >= CachingStore::kMaxCachedPages) shared_.pages.erase(shared_.pages.begin());
        shared_.pages[key] = std::make_shared<const PageRecord>(CopyPage(*found, json::storage_ptr()));
      }
    }
    return found;
  }
  using Txn::PutPage;
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
