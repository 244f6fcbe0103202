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
  Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) override { return inner_->ScanPageIds(scan); }
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
  // Shares are read from the store on every call, so that shares made by another process
  // on the same file (the CLI) are seen at once.
  Status DeleteIntegration(std::string_view id) override {
    unit_dirty_ = true;
    integrations_.clear();
    users_.clear();
    return inner_->DeleteIntegration(id);
  }
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override {
    return inner_->ListShares(integration_id);
  }
  Status PutShare(std::string_view integration_id, std::string_view object_id) override {
    return inner_->PutShare(integration_id, object_id);
  }
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override {
    return inner_->DeleteShare(integration_id, object_id);
  }
  Status Reset(bool keep_integrations) override {
    unit_dirty_ = true;
    Clear();
    return inner_->Reset(keep_integrations);
  }
  Result<std::optional<std::string>> GetMeta(std::string_view key) override { return inner_->GetMeta(key); }
  Status PutMeta(std::string_view key, std::string_view value) override { return inner_->PutMeta(key, value); }
  Status AppendPageHistory(const PageHistoryRecord& entry) override { return inner_->AppendPageHistory(entry); }
  Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) override {
    return inner_->ListPageHistory(page_id);
  }
  Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() override {
    return inner_->ListAllDatabases();
  }
  // Blocks are not cached: they are read once per request at most.
  Result<std::optional<BlockRecord>> GetBlock(std::string_view id) override { return inner_->GetBlock(id); }
  Status PutBlock(const BlockRecord& block) override { return inner_->PutBlock(block); }
  Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                     int limit) override {
    return inner_->ListBlockChildren(parent_id, from_position, limit);
  }
  Result<int64_t> LastBlockPosition(std::string_view parent_id) override {
    return inner_->LastBlockPosition(parent_id);
  }
  Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) override {
    return inner_->ShiftBlockPositions(parent_id, after_position, by);
  }
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
