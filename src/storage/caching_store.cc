#include "storage/caching_store.h"

namespace localnotion::storage {

void CachingStore::Clear() {
  databases_.clear();
  data_sources_.clear();
  integrations_.clear();
  users_.clear();
}

Status CachingStore::EndUnit(bool keep) {
  // A rolled-back unit may have cached records it wrote; forget everything rather than
  // track which (writes of cached kinds are rare).
  if (!keep && unit_dirty_) Clear();
  batch_dirty_ = batch_dirty_ || (keep && unit_dirty_);
  unit_dirty_ = false;
  return inner_->EndUnit(keep);
}

Status CachingStore::CommitBatch() {
  Status s = inner_->CommitBatch();
  if (!s.ok() && batch_dirty_) Clear();
  batch_dirty_ = false;
  return s;
}

Result<std::shared_ptr<const DatabaseRecord>> CachingStore::GetDatabase(std::string_view id) {
  if (auto it = databases_.find(std::string(id)); it != databases_.end()) return it->second;
  LN_ASSIGN_OR_RETURN(auto db, inner_->GetDatabase(id));
  if (db) databases_[db->id] = db;
  return db;
}

Status CachingStore::PutDatabase(const DatabaseRecord& db) {
  LN_RETURN_IF_ERROR(inner_->PutDatabase(db));
  unit_dirty_ = true;
  databases_[db.id] = std::make_shared<const DatabaseRecord>(db);
  return OkStatus();
}

Result<std::shared_ptr<const DataSourceRecord>> CachingStore::GetDataSource(std::string_view id) {
  if (auto it = data_sources_.find(std::string(id)); it != data_sources_.end()) return it->second;
  LN_ASSIGN_OR_RETURN(auto source, inner_->GetDataSource(id));
  if (source) data_sources_[source->id] = source;
  return source;
}

Status CachingStore::PutDataSource(const DataSourceRecord& source) {
  LN_RETURN_IF_ERROR(inner_->PutDataSource(source));
  unit_dirty_ = true;
  data_sources_[source.id] = std::make_shared<const DataSourceRecord>(source);
  return OkStatus();
}

Result<std::optional<UserRecord>> CachingStore::GetUser(std::string_view id) {
  if (auto it = users_.find(std::string(id)); it != users_.end()) return std::optional<UserRecord>(it->second);
  LN_ASSIGN_OR_RETURN(auto found, inner_->GetUser(id));
  if (found) users_[found->id] = *found;
  return found;
}

Status CachingStore::PutUser(const UserRecord& user) {
  LN_RETURN_IF_ERROR(inner_->PutUser(user));
  unit_dirty_ = true;
  users_[user.id] = user;
  return OkStatus();
}

Result<std::optional<IntegrationRecord>> CachingStore::FindIntegrationBySecretHash(std::string_view secret_hash) {
  if (auto it = integrations_.find(std::string(secret_hash)); it != integrations_.end()) {
    return std::optional<IntegrationRecord>(it->second);
  }
  LN_ASSIGN_OR_RETURN(auto found, inner_->FindIntegrationBySecretHash(secret_hash));
  if (found) integrations_[found->secret_hash] = *found;
  return found;
}

Status CachingStore::PutIntegration(const IntegrationRecord& integration) {
  LN_RETURN_IF_ERROR(inner_->PutIntegration(integration));
  unit_dirty_ = true;
  integrations_.clear();
  return OkStatus();
}

}  // namespace localnotion::storage
