#include "storage/caching_store.h"

#include <set>

#include "storage/txn_wrapper.h"

namespace localnotion::storage {

class CachingStore::CachingTxn final : public TxnWrapper {
 public:
  CachingTxn(Shared& shared, std::unique_ptr<Txn> inner, uint64_t generation)
      : TxnWrapper(*inner), shared_(shared), txn_(std::move(inner)), generation_(generation) {}

  bool writable() const override { return txn_->writable(); }
  // The inner store's, for the HTTP layer's caches of shared controls (http/faults.h).
  std::optional<int64_t> SharedCacheGeneration() const override { return txn_->SharedCacheGeneration(); }
  bool ShouldRetry() const override { return txn_->ShouldRetry(); }

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
    std::set<std::string> databases, data_sources, users;
    bool integrations = false;
    bool all_users = false;
    bool all = false;
    bool any() const {
      return all || integrations || all_users || !databases.empty() || !data_sources.empty() || !users.empty();
    }
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
    if (txn_->writable() ? !written_.any() : shared_.generation == generation_) fill();
  }

  // Evicts what a transaction wrote: `starting` before its commit, then once durable.
  static void Evict(Shared& shared, const Written& written, bool starting) {
    std::lock_guard<std::mutex> lock(shared.mu);
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
  Written written_;
  std::unordered_map<std::string, std::shared_ptr<const DatabaseRecord>> own_databases_;
  std::unordered_map<std::string, std::shared_ptr<const DataSourceRecord>> own_data_sources_;
};

Result<std::unique_ptr<Txn>> CachingStore::Begin(TxnMode mode) {
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    generation = shared_.generation;
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
  return std::unique_ptr<Txn>(std::make_unique<CachingTxn>(shared_, std::move(inner), generation));
}

}  // namespace localnotion::storage
