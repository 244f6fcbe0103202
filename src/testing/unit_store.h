// For tests written against the unit-and-batch vocabulary of the store: a Txn-shaped
// handle over a Store whose calls run in "the current transaction". BeginUnit starts a
// write transaction, EndUnit(true) commits it (durably) and EndUnit(false) drops it;
// a call outside a unit runs in an implicit transaction of `implicit_mode` that the
// next BeginUnit or CommitBatch ends. Tests that also send requests through a pipeline
// use kRead, so that the implicit transaction never holds the writer the request
// needs. Production code uses Store::Begin directly.
#pragma once

#include <memory>

#include "common/error.h"
#include "storage/store.h"

namespace localnotion::testing {

using namespace storage;  // NOLINT: the record types, in this test-only header

class UnitStore final : public storage::Txn {
 public:
  explicit UnitStore(std::unique_ptr<storage::Store> store, TxnMode implicit_mode = TxnMode::kWrite)
      : store_(std::move(store)), implicit_mode_(implicit_mode) {}
  ~UnitStore() override { (void)CommitBatch(); }

  storage::Store& store() { return *store_; }

  Status BeginUnit() {
    LN_RETURN_IF_ERROR(CommitBatch());
    auto txn = store_->Begin(storage::TxnMode::kWrite);
    if (!txn.ok()) return std::move(txn).error();
    txn_ = std::move(*txn);
    return OkStatus();
  }
  Status EndUnit(bool keep) {
    std::unique_ptr<storage::Txn> txn = std::move(txn_);
    if (!txn || !keep) return OkStatus();
    return txn->Commit();
  }
  // Commits the implicit transaction, if one is open.
  Status CommitBatch() { return EndUnit(true); }

  bool writable() const override { return true; }
  void CommitAsync(DurableCallback on_durable) override { on_durable(CommitBatch()); }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override { return Current().GetPage(id); }
  Result<std::vector<std::optional<PageRecord>>> GetPages(const std::vector<std::string>& ids) override { return Current().GetPages(ids); }
  using Txn::PutPage;
  Status PutPage(const PageRecord& page, const PageUpdate* update) override { return Current().PutPage(page, update); }
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view parent_id) override { return Current().ListPagesOf(parent_id); }
  Result<std::vector<PageRecord>> ListAllPages() override { return Current().ListAllPages(); }
  Result<std::vector<PageHead>> ListPageHeads() override { return Current().ListPageHeads(); }
  Result<std::optional<std::vector<PageHead>>> ListPageHeadsByEdit(bool ascending, const std::optional<EditOrderStart>& start, size_t limit) override { return Current().ListPageHeadsByEdit(ascending, start, limit); }
  Result<std::vector<PageRecord>> ScanPagesByTitle(std::string_view folded_needle) override { return Current().ScanPagesByTitle(folded_needle); }
  Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) override { return Current().ScanPageIds(scan); }
  Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) override { return Current().ListPageHistory(page_id); }
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override { return Current().GetDatabase(id); }
  Status PutDatabase(const DatabaseRecord& db) override { return Current().PutDatabase(db); }
  Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() override { return Current().ListAllDatabases(); }
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override { return Current().GetDataSource(id); }
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(std::string_view database_id) override { return Current().ListDataSources(database_id); }
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() override { return Current().ListAllDataSources(); }
  Status PutDataSource(const DataSourceRecord& source) override { return Current().PutDataSource(source); }
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override { return Current().GetUser(id); }
  Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) override { return Current().ListUsers(from_id, limit); }
  Status PutUser(const UserRecord& user) override { return Current().PutUser(user); }
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override { return Current().FindIntegrationBySecretHash(secret_hash); }
  Result<std::vector<IntegrationRecord>> ListIntegrations() override { return Current().ListIntegrations(); }
  Status PutIntegration(const IntegrationRecord& integration) override { return Current().PutIntegration(integration); }
  Status DeleteIntegration(std::string_view id) override { return Current().DeleteIntegration(id); }
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override { return Current().ListShares(integration_id); }
  Status PutShare(std::string_view integration_id, std::string_view object_id) override { return Current().PutShare(integration_id, object_id); }
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override { return Current().DeleteShare(integration_id, object_id); }
  Result<std::optional<BlockRecord>> GetBlock(std::string_view id) override { return Current().GetBlock(id); }
  Status PutBlock(const BlockRecord& block) override { return Current().PutBlock(block); }
  Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position, int limit) override { return Current().ListBlockChildren(parent_id, from_position, limit); }
  Result<int64_t> LastBlockPosition(std::string_view parent_id) override { return Current().LastBlockPosition(parent_id); }
  Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) override { return Current().ShiftBlockPositions(parent_id, after_position, by); }
  Result<std::vector<BlockRecord>> ListBlocksOfType(std::string_view type) override { return Current().ListBlocksOfType(type); }
  Result<std::optional<FileUploadRecord>> GetFileUpload(std::string_view id) override { return Current().GetFileUpload(id); }
  Status PutFileUpload(const FileUploadRecord& upload) override { return Current().PutFileUpload(upload); }
  Result<std::vector<FileUploadRecord>> ListFileUploads(std::string_view integration_id) override { return Current().ListFileUploads(integration_id); }
  Status PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) override { return Current().PutFileUploadPart(upload_id, part_number, bytes); }
  Result<std::vector<std::pair<int64_t, int64_t>>> FileUploadPartSizes(std::string_view upload_id) override { return Current().FileUploadPartSizes(upload_id); }
  Result<std::string> ReadFileUploadBytes(std::string_view upload_id) override { return Current().ReadFileUploadBytes(upload_id); }
  Result<std::optional<CommentRecord>> GetComment(std::string_view id) override { return Current().GetComment(id); }
  Status PutComment(const CommentRecord& comment) override { return Current().PutComment(comment); }
  Result<std::vector<CommentRecord>> ListComments(std::string_view parent_id) override { return Current().ListComments(parent_id); }
  Result<std::optional<CommentRecord>> FirstCommentOf(std::string_view discussion_id) override { return Current().FirstCommentOf(discussion_id); }
  Status DeleteComment(std::string_view id) override { return Current().DeleteComment(id); }
  Result<std::optional<std::string>> GetMeta(std::string_view key) override { return Current().GetMeta(key); }
  Status PutMeta(std::string_view key, std::string_view value) override { return Current().PutMeta(key, value); }
  Status AppendChange(const ChangeRecord& change) override { return Current().AppendChange(change); }
  Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit, bool with_history) override { return Current().ListChanges(after_sequence, limit, with_history); }
  using storage::Txn::ListChanges;
  Status Reset(bool keep_integrations) override { return Current().Reset(keep_integrations); }
  Result<std::optional<ViewRecord>> GetView(std::string_view id) override { return Current().GetView(id); }
  Status PutView(const ViewRecord& view) override { return Current().PutView(view); }
  Status DeleteView(std::string_view id) override { return Current().DeleteView(id); }
  Result<std::vector<ViewRecord>> ListViewsOfDatabase(std::string_view database_id) override { return Current().ListViewsOfDatabase(database_id); }
  Result<std::vector<ViewRecord>> ListViewsOfDataSource(std::string_view data_source_id) override { return Current().ListViewsOfDataSource(data_source_id); }
  Result<std::vector<ViewRecord>> ListAllViews() override { return Current().ListAllViews(); }
  Status PutWebhookSubscription(const WebhookSubscriptionRecord& sub) override { return Current().PutWebhookSubscription(sub); }
  Result<std::optional<WebhookSubscriptionRecord>> GetWebhookSubscription(std::string_view id) override { return Current().GetWebhookSubscription(id); }
  Result<std::vector<WebhookSubscriptionRecord>> ListWebhookSubscriptions() override { return Current().ListWebhookSubscriptions(); }
  Status DeleteWebhookSubscription(std::string_view id) override { return Current().DeleteWebhookSubscription(id); }
  Status PutWebhookDelivery(const WebhookDeliveryRecord& delivery) override { return Current().PutWebhookDelivery(delivery); }
  Result<std::optional<WebhookDeliveryRecord>> GetWebhookDelivery(std::string_view id) override { return Current().GetWebhookDelivery(id); }
  Status DeleteWebhookDelivery(std::string_view id) override { return Current().DeleteWebhookDelivery(id); }
  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(std::string_view subscription_id, int limit) override { return Current().ListWebhookDeliveries(subscription_id, limit); }
  Result<std::vector<WebhookDeliveryRecord>> ListPendingWebhookDeliveries(int limit) override { return Current().ListPendingWebhookDeliveries(limit); }
  Result<int64_t> LastChangeSequence() override { return Current().LastChangeSequence(); }
  Status PutWorkspace(const storage::WorkspaceRecord& w) override { return Current().PutWorkspace(w); }
  Result<std::optional<storage::WorkspaceRecord>> GetWorkspace(std::string_view id) override {
    return Current().GetWorkspace(id);
  }
  Result<std::vector<storage::WorkspaceRecord>> ListWorkspaces() override { return Current().ListWorkspaces(); }
  Result<std::optional<storage::WorkspaceRecord>> FindWorkspaceByAdminTokenHash(std::string_view hash) override {
    return Current().FindWorkspaceByAdminTokenHash(hash);
  }
  Status DeleteWorkspace(std::string_view id) override { return Current().DeleteWorkspace(id); }
  Status PutWorkspaceToken(std::string_view hash, std::string_view workspace_id) override {
    return Current().PutWorkspaceToken(hash, workspace_id);
  }
  Status DeleteWorkspaceToken(std::string_view hash) override { return Current().DeleteWorkspaceToken(hash); }
  Result<std::optional<std::string>> FindWorkspaceOfToken(std::string_view hash) override {
    return Current().FindWorkspaceOfToken(hash);
  }
  Result<std::vector<std::string>> ListWorkspaceTokens(std::string_view workspace_id) override {
    return Current().ListWorkspaceTokens(workspace_id);
  }

 private:
  storage::Txn& Current() {
    if (!txn_) {
      auto txn = store_->Begin(implicit_mode_);
      if (!txn.ok()) std::abort();  // tests only: the store could not begin at all
      txn_ = std::move(*txn);
    }
    return *txn_;
  }

  std::unique_ptr<storage::Store> store_;
  TxnMode implicit_mode_;
  std::unique_ptr<storage::Txn> txn_;
};

}  // namespace localnotion::testing
