// A Store decorator that keeps databases, data sources, users and integrations in
// memory. They are read on every request (a page's schema, the people it shows, the
// bearer token) and change rarely.
//
// The cache follows units and batches: what a unit wrote is evicted when the unit is
// rolled back, and everything is dropped when a batch fails to commit, so the cache
// never shows a write that is not in the store. One process per store file is assumed;
// a shared PostgreSQL will need invalidation across processes (docs/storage.md).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include "storage/store.h"

namespace localnotion::storage {

class CachingStore final : public Store {
 public:
  explicit CachingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  Status BeginUnit() override { return inner_->BeginUnit(); }
  Status EndUnit(bool keep) override;
  Status CommitBatch() override;
  bool BatchOpen() const override { return inner_->BatchOpen(); }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override { return inner_->GetPage(id); }
  Status PutPage(const PageRecord& page) override { return inner_->PutPage(page); }
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view data_source_id) override {
    return inner_->ListPagesOf(data_source_id);
  }
  Result<std::vector<PageRecord>> ListAllPages() override { return inner_->ListAllPages(); }
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() override {
    return inner_->ListAllDataSources();
  }
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override;
  Status PutDatabase(const DatabaseRecord& db) override;
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override;
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(std::string_view database_id) override {
    return inner_->ListDataSources(database_id);
  }
  Status PutDataSource(const DataSourceRecord& source) override;
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override;
  Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) override {
    return inner_->ListUsers(from_id, limit);
  }
  Status PutUser(const UserRecord& user) override;
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override;
  Result<std::vector<IntegrationRecord>> ListIntegrations() override { return inner_->ListIntegrations(); }
  Status PutIntegration(const IntegrationRecord& integration) override;
  Status Reset(bool keep_integrations) override {
    unit_dirty_ = true;
    Clear();
    return inner_->Reset(keep_integrations);
  }
  Result<std::optional<std::string>> GetMeta(std::string_view key) override { return inner_->GetMeta(key); }
  Status PutMeta(std::string_view key, std::string_view value) override { return inner_->PutMeta(key, value); }
  Result<std::optional<FileUploadRecord>> GetFileUpload(std::string_view id) override { return inner_->GetFileUpload(id); }
  Status PutFileUpload(const FileUploadRecord& upload) override { return inner_->PutFileUpload(upload); }
  Result<std::vector<FileUploadRecord>> ListFileUploads(std::string_view integration_id) override {
    return inner_->ListFileUploads(integration_id);
  }
  Status PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) override {
    return inner_->PutFileUploadPart(upload_id, part_number, bytes);
  }
  Result<std::vector<std::pair<int64_t, int64_t>>> FileUploadPartSizes(std::string_view upload_id) override {
    return inner_->FileUploadPartSizes(upload_id);
  }
  Result<std::string> ReadFileUploadBytes(std::string_view upload_id) override {
    return inner_->ReadFileUploadBytes(upload_id);
  }
  Result<std::optional<CommentRecord>> GetComment(std::string_view id) override { return inner_->GetComment(id); }
  Status PutComment(const CommentRecord& comment) override { return inner_->PutComment(comment); }
  Result<std::vector<CommentRecord>> ListComments(std::string_view parent_id) override {
    return inner_->ListComments(parent_id);
  }
  Result<std::optional<CommentRecord>> FirstCommentOf(std::string_view discussion_id) override {
    return inner_->FirstCommentOf(discussion_id);
  }

 private:
  void Clear();

  std::unique_ptr<Store> inner_;
  std::unordered_map<std::string, std::shared_ptr<const DatabaseRecord>> databases_;
  std::unordered_map<std::string, std::shared_ptr<const DataSourceRecord>> data_sources_;
  std::unordered_map<std::string, IntegrationRecord> integrations_;
  std::unordered_map<std::string, UserRecord> users_;  // only users that exist
  bool unit_dirty_ = false;   // the open unit wrote something cached
  bool batch_dirty_ = false;  // the open batch did
};

}  // namespace localnotion::storage
