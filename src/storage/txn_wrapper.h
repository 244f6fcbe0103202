// Forwards every record method to another Records object, so that a decorator (the
// caching store) or a backend's transaction over a connection overrides only what it
// changes. CommitAsync() and writable() are left to the subclass.
#pragma once

#include "storage/txn.h"

namespace localnotion::storage {

class TxnWrapper : public Txn {
 public:
  explicit TxnWrapper(Records& inner) : inner_(&inner) {}

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetPage(id); }
  Result<std::shared_ptr<const PageRecord>> GetPageShared(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetPageShared(id); }
  Result<std::vector<std::optional<PageRecord>>> GetPages(const std::vector<std::string>& ids) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetPages(ids); }
  Result<std::vector<std::shared_ptr<const PageRecord>>> GetPagesShared(const std::vector<std::string>& ids) override {
    LN_RETURN_IF_ERROR(Before());
    return inner_->GetPagesShared(ids);
  }
  using Txn::PutPage;
  Status PutPage(const PageRecord& page, const PageUpdate* update) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutPage(page, update); }
  // Not a read: no Before(), and nothing to hand the page to before `inner_` is set.
  void KeepWrittenPage(PageRecord&& page) override {
    if (inner_ != nullptr) inner_->KeepWrittenPage(std::move(page));
  }
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view parent_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListPagesOf(parent_id); }
  Result<std::vector<PageRecord>> ListAllPages() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListAllPages(); }
  Result<std::vector<PageHead>> ListPageHeads() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListPageHeads(); }
  Result<std::optional<std::vector<PageHead>>> ListPageHeadsByEdit(bool ascending, const std::optional<EditOrderStart>& start, size_t limit) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListPageHeadsByEdit(ascending, start, limit); }
  Result<std::vector<PageRecord>> ScanPagesByTitle(std::string_view folded_needle) override { LN_RETURN_IF_ERROR(Before()); return inner_->ScanPagesByTitle(folded_needle); }
  Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) override { LN_RETURN_IF_ERROR(Before()); return inner_->ScanPageIds(scan); }
  Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListPageHistory(page_id); }
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetDatabase(id); }
  Status PutDatabase(const DatabaseRecord& db) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutDatabase(db); }
  Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListAllDatabases(); }
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetDataSource(id); }
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(std::string_view database_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListDataSources(database_id); }
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListAllDataSources(); }
  Status PutDataSource(const DataSourceRecord& source) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutDataSource(source); }
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetUser(id); }
  Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListUsers(from_id, limit); }
  Status PutUser(const UserRecord& user) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutUser(user); }
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override { LN_RETURN_IF_ERROR(Before()); return inner_->FindIntegrationBySecretHash(secret_hash); }
  Result<std::vector<IntegrationRecord>> ListIntegrations() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListIntegrations(); }
  Status PutIntegration(const IntegrationRecord& integration) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutIntegration(integration); }
  Status DeleteIntegration(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteIntegration(id); }
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListShares(integration_id); }
  Status PutShare(std::string_view integration_id, std::string_view object_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutShare(integration_id, object_id); }
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteShare(integration_id, object_id); }
  Result<std::optional<BlockRecord>> GetBlock(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetBlock(id); }
  Status PutBlock(const BlockRecord& block) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutBlock(block); }
  Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position, int limit) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListBlockChildren(parent_id, from_position, limit); }
  Result<int64_t> LastBlockPosition(std::string_view parent_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->LastBlockPosition(parent_id); }
  Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) override { LN_RETURN_IF_ERROR(Before()); return inner_->ShiftBlockPositions(parent_id, after_position, by); }
  Result<std::vector<BlockRecord>> ListBlocksOfType(std::string_view type) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListBlocksOfType(type); }
  Result<std::optional<FileUploadRecord>> GetFileUpload(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetFileUpload(id); }
  Status PutFileUpload(const FileUploadRecord& upload) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutFileUpload(upload); }
  Result<std::vector<FileUploadRecord>> ListFileUploads(std::string_view integration_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListFileUploads(integration_id); }
  Status PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutFileUploadPart(upload_id, part_number, bytes); }
  Result<std::vector<std::pair<int64_t, int64_t>>> FileUploadPartSizes(std::string_view upload_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->FileUploadPartSizes(upload_id); }
  Result<std::string> ReadFileUploadBytes(std::string_view upload_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ReadFileUploadBytes(upload_id); }
  Result<std::optional<CommentRecord>> GetComment(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetComment(id); }
  Status PutComment(const CommentRecord& comment) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutComment(comment); }
  Result<std::vector<CommentRecord>> ListComments(std::string_view parent_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListComments(parent_id); }
  Result<std::optional<CommentRecord>> FirstCommentOf(std::string_view discussion_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->FirstCommentOf(discussion_id); }
  Status DeleteComment(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteComment(id); }
  Result<std::optional<std::string>> GetMeta(std::string_view key) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetMeta(key); }
  Status PutMeta(std::string_view key, std::string_view value) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutMeta(key, value); }
  Status AppendChange(const ChangeRecord& change) override { LN_RETURN_IF_ERROR(Before()); return inner_->AppendChange(change); }
  Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit, bool with_history) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListChanges(after_sequence, limit, with_history); }
  using Txn::ListChanges;
  Status Reset(bool keep_integrations) override { LN_RETURN_IF_ERROR(Before()); return inner_->Reset(keep_integrations); }
  Status PutWebhookSubscription(const WebhookSubscriptionRecord& sub) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutWebhookSubscription(sub); }
  Result<std::optional<WebhookSubscriptionRecord>> GetWebhookSubscription(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetWebhookSubscription(id); }
  Result<std::optional<ViewRecord>> GetView(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetView(id); }
  Status PutView(const ViewRecord& view) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutView(view); }
  Status DeleteView(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteView(id); }
  Result<std::vector<ViewRecord>> ListViewsOfDatabase(std::string_view database_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListViewsOfDatabase(database_id); }
  Result<std::vector<ViewRecord>> ListViewsOfDataSource(std::string_view data_source_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListViewsOfDataSource(data_source_id); }
  Result<std::vector<ViewRecord>> ListAllViews() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListAllViews(); }
  Result<std::vector<WebhookSubscriptionRecord>> ListWebhookSubscriptions() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListWebhookSubscriptions(); }
  Status DeleteWebhookSubscription(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteWebhookSubscription(id); }
  Status PutWebhookDelivery(const WebhookDeliveryRecord& delivery) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutWebhookDelivery(delivery); }
  Result<std::optional<WebhookDeliveryRecord>> GetWebhookDelivery(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetWebhookDelivery(id); }
  Status DeleteWebhookDelivery(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteWebhookDelivery(id); }
  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(std::string_view subscription_id, int limit) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListWebhookDeliveries(subscription_id, limit); }
  Result<std::vector<WebhookDeliveryRecord>> ListPendingWebhookDeliveries(int limit) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListPendingWebhookDeliveries(limit); }
  Result<int64_t> LastChangeSequence() override { LN_RETURN_IF_ERROR(Before()); return inner_->LastChangeSequence(); }
  Status PutWorkspace(const WorkspaceRecord& workspace) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutWorkspace(workspace); }
  Result<std::optional<WorkspaceRecord>> GetWorkspace(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->GetWorkspace(id); }
  Result<std::vector<WorkspaceRecord>> ListWorkspaces() override { LN_RETURN_IF_ERROR(Before()); return inner_->ListWorkspaces(); }
  Result<std::optional<WorkspaceRecord>> FindWorkspaceByAdminTokenHash(std::string_view admin_token_hash) override { LN_RETURN_IF_ERROR(Before()); return inner_->FindWorkspaceByAdminTokenHash(admin_token_hash); }
  Status DeleteWorkspace(std::string_view id) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteWorkspace(id); }
  Status PutWorkspaceToken(std::string_view secret_hash, std::string_view workspace_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->PutWorkspaceToken(secret_hash, workspace_id); }
  Status DeleteWorkspaceToken(std::string_view secret_hash) override { LN_RETURN_IF_ERROR(Before()); return inner_->DeleteWorkspaceToken(secret_hash); }
  Result<std::optional<std::string>> FindWorkspaceOfToken(std::string_view secret_hash) override { LN_RETURN_IF_ERROR(Before()); return inner_->FindWorkspaceOfToken(secret_hash); }
  Result<std::vector<std::string>> ListWorkspaceTokens(std::string_view workspace_id) override { LN_RETURN_IF_ERROR(Before()); return inner_->ListWorkspaceTokens(workspace_id); }

 protected:
  // Called before a forward to `inner_` while `check_before_inner_` is set: a read
  // transaction that deferred its snapshot (Txn::DeferSnapshot) takes it there, and fails
  // the call when a cache's answers may differ from it. A subclass that reads `inner_`
  // itself calls Before() first.
  virtual Status BeforeInner() { return OkStatus(); }
  Status Before() { return check_before_inner_ ? BeforeInner() : OkStatus(); }

  // For a subclass that finds what it forwards to later: it sets `check_before_inner_`
  // and, in BeforeInner, calls SetInner before anything is forwarded.
  TxnWrapper() = default;
  void SetInner(Records& inner) { inner_ = &inner; }

  Records* inner_ = nullptr;
  bool check_before_inner_ = false;
};

}  // namespace localnotion::storage
