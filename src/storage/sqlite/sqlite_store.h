// The embedded default Store: one SQLite file in WAL mode with synchronous=NORMAL, so a
// committed batch survives the process being killed (the WAL is written before COMMIT
// returns; only a power loss could lose the last batches, see docs/storage.md).
// Statements are prepared once. Not thread-safe: the server drives it from one thread.
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

struct sqlite3;

namespace localnotion::storage {

class Checkpointer;
class Statement;

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~SqliteStore() override;

  Status BeginUnit() override;
  Status EndUnit(bool keep) override;
  Status CommitBatch() override;
  bool BatchOpen() const override { return batch_open_; }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override;
  Status PutPage(const PageRecord& page) override;
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view data_source_id) override;
  Result<std::vector<PageRecord>> ListAllPages() override;
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() override;
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override;
  Status PutDatabase(const DatabaseRecord& db) override;
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override;
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(std::string_view database_id) override;
  Status PutDataSource(const DataSourceRecord& source) override;
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override;
  Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) override;
  Status PutUser(const UserRecord& user) override;
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override;
  Result<std::vector<IntegrationRecord>> ListIntegrations() override;
  Status PutIntegration(const IntegrationRecord& integration) override;
  Status Reset(bool keep_integrations) override;
  Result<std::optional<std::string>> GetMeta(std::string_view key) override;
  Status PutMeta(std::string_view key, std::string_view value) override;
  // File uploads and comments: sqlite/uploads_comments.cc.
  Result<std::optional<FileUploadRecord>> GetFileUpload(std::string_view id) override;
  Status PutFileUpload(const FileUploadRecord& upload) override;
  Result<std::vector<FileUploadRecord>> ListFileUploads(std::string_view integration_id) override;
  Status PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> FileUploadPartSizes(std::string_view upload_id) override;
  Result<std::string> ReadFileUploadBytes(std::string_view upload_id) override;
  Result<std::optional<CommentRecord>> GetComment(std::string_view id) override;
  Status PutComment(const CommentRecord& comment) override;
  Result<std::vector<CommentRecord>> ListComments(std::string_view parent_id) override;
  Result<std::optional<CommentRecord>> FirstCommentOf(std::string_view discussion_id) override;

 private:
  explicit SqliteStore(sqlite3* db);
  Status Prepare();
  Result<std::optional<PageRecord>> ReadPage(Statement& st);
  Result<std::vector<PageRecord>> ReadPages(Statement& st);
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ReadDataSources(Statement& st);
  Result<std::shared_ptr<const DataSourceRecord>> ReadDataSource(Statement& st);

  sqlite3* db_;
  bool batch_open_ = false;
  bool unit_open_ = false;
  struct Statements;
  std::unique_ptr<Statements> st_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace localnotion::storage
