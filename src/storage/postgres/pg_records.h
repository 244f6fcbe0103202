// The record methods of storage/txn.h as SQL on one PostgreSQL connection, inside the
// transaction PgStore (pg_store.h) began on it. The methods are spread over files by
// facet: pg_records.cc (pages, databases, data sources), pg_people.cc (users,
// integrations, shares, meta, reset), pg_content.cc (blocks, uploads, comments),
// pg_outbox.cc (changes, history, webhooks), pg_page_scan.cc (ScanPageIds) and
// pg_workspaces.cc (the workspace catalog).
//
// A read transaction refuses every write here, before anything reaches the server:
// PostgreSQL would refuse it too (the transaction is READ ONLY) but would also abort the
// transaction, and the contract wants it usable afterwards.
//
// Locks of a write transaction (READ COMMITTED; why each exists: pg_store.h):
// - a single-row Get of a record that writes replace (page, block, comment, upload, view,
//   webhook subscription and delivery) reads with FOR UPDATE, so a read-modify-write of
//   one object waits for the other writers of that object and then reads their result;
// - GetMeta of a key that is not fixed at bootstrap takes the key's advisory lock first
//   (the same guarantee for a key that does not exist yet);
// - LastBlockPosition and ShiftBlockPositions take the parent's advisory lock;
// - an insert that numbers its row max + 1 (subscriptions, deliveries, views,
//   workspaces) takes its table's advisory lock;
// - a write of a kind other processes cache (databases, data sources, users,
//   integrations, reset) needs the store lock exclusively (TakeExclusive);
// - AppendChange keeps the change until FlushChanges, which numbers the transaction's
//   changes under the outbox lock just before COMMIT.
#pragma once

#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_scan_indexes.h"
#include "storage/record_columns.h"
#include "storage/txn.h"

namespace localnotion::storage {

class PgRecords final : public Records {
 public:
  // `exclusive`: the transaction began with the store lock held exclusively.
  // `scan_indexes`: where scans note the index their shape wants (pg_scan_indexes.h), or
  // null for none.
  PgRecords(PgConnection& conn, bool writable, bool exclusive, PgScanIndexes* scan_indexes = nullptr)
      : conn_(conn), writable_(writable), exclusive_(exclusive), scan_indexes_(scan_indexes) {}

  // Inserts the changes appended since the last flush, numbered after the last one under
  // the outbox lock (held until the transaction ends). Whether any was ever flushed.
  Status FlushChanges();
  // The same as steps to send in one round trip (PgConnection::Pipeline), appended to
  // `steps`, which must then be sent: the changes count as flushed.
  Status FlushSteps(std::vector<PgStep>& steps);
  bool flushed_changes() const { return flushed_; }

  // The read of page `id` that GetPage sends, as a step of the pipeline that begins a read
  // transaction (PgStore::BeginReadingPage), its rows stored in `rows`; ReadAhead then
  // hands them over.
  static PgStep PageReadStep(std::string_view id, std::optional<PgRows>* rows);
  // The rows of PageReadStep for `id`, read in this transaction's snapshot: the next
  // GetPage of `id` answers from them instead of asking again.
  void ReadAhead(std::string id, PgRows rows) { read_ahead_.emplace(ReadAheadPage{std::move(id), std::move(rows)}); }

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override;
  Result<std::vector<std::optional<PageRecord>>> GetPages(const std::vector<std::string>& ids) override;
  using Records::PutPage;
  Status PutPage(const PageRecord& page, const PageUpdate* update) override;
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view parent_id) override;
  Result<std::vector<PageRecord>> ListAllPages() override;
  Result<std::vector<PageHead>> ListPageHeads() override;
  Result<std::optional<std::vector<PageHead>>> ListPageHeadsByEdit(bool ascending,
                                                                   const std::optional<EditOrderStart>& start,
                                                                   size_t limit) override;
  Result<std::vector<PageRecord>> ScanPagesByTitle(std::string_view folded_needle) override;
  Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) override;
  Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) override;
  Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) override;
  Status PutDatabase(const DatabaseRecord& db) override;
  Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() override;
  Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) override;
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(std::string_view database_id) override;
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() override;
  Status PutDataSource(const DataSourceRecord& source) override;
  Result<std::optional<UserRecord>> GetUser(std::string_view id) override;
  Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) override;
  Status PutUser(const UserRecord& user) override;
  Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) override;
  Result<std::vector<IntegrationRecord>> ListIntegrations() override;
  Status PutIntegration(const IntegrationRecord& integration) override;
  Status DeleteIntegration(std::string_view id) override;
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override;
  Status PutShare(std::string_view integration_id, std::string_view object_id) override;
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override;
  Result<std::optional<BlockRecord>> GetBlock(std::string_view id) override;
  Status PutBlock(const BlockRecord& block) override;
  Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                     int limit) override;
  Result<int64_t> LastBlockPosition(std::string_view parent_id) override;
  Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) override;
  Result<std::vector<BlockRecord>> ListBlocksOfType(std::string_view type) override;
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
  Status DeleteComment(std::string_view id) override;
  Result<std::optional<std::string>> GetMeta(std::string_view key) override;
  Status PutMeta(std::string_view key, std::string_view value) override;
  Status AppendChange(const ChangeRecord& change) override;
  Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit, bool with_history) override;
  using WorkspaceRecords::ListChanges;
  Status Reset(bool keep_integrations) override;
  Status PutWebhookSubscription(const WebhookSubscriptionRecord& sub) override;
  Result<std::optional<WebhookSubscriptionRecord>> GetWebhookSubscription(std::string_view id) override;
  Result<std::vector<WebhookSubscriptionRecord>> ListWebhookSubscriptions() override;
  Status DeleteWebhookSubscription(std::string_view id) override;
  Status PutWebhookDelivery(const WebhookDeliveryRecord& delivery) override;
  Result<std::optional<WebhookDeliveryRecord>> GetWebhookDelivery(std::string_view id) override;
  Status DeleteWebhookDelivery(std::string_view id) override;
  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(std::string_view subscription_id,
                                                                   int limit) override;
  Result<std::vector<WebhookDeliveryRecord>> ListPendingWebhookDeliveries(int limit) override;
  Result<int64_t> LastChangeSequence() override;
  // The workspace catalog: pg_workspaces.cc.
  // Database views: pg_views.cc.
  Result<std::optional<ViewRecord>> GetView(std::string_view id) override;
  Status PutView(const ViewRecord& view) override;
  Status DeleteView(std::string_view id) override;
  Result<std::vector<ViewRecord>> ListViewsOfDatabase(std::string_view database_id) override;
  Result<std::vector<ViewRecord>> ListViewsOfDataSource(std::string_view data_source_id) override;
  Result<std::vector<ViewRecord>> ListAllViews() override;
  Status PutWorkspace(const WorkspaceRecord& workspace) override;
  Result<std::optional<WorkspaceRecord>> GetWorkspace(std::string_view id) override;
  Result<std::vector<WorkspaceRecord>> ListWorkspaces() override;
  Result<std::optional<WorkspaceRecord>> FindWorkspaceByAdminTokenHash(std::string_view admin_token_hash) override;
  Status DeleteWorkspace(std::string_view id) override;
  Status PutWorkspaceToken(std::string_view secret_hash, std::string_view workspace_id) override;
  Status DeleteWorkspaceToken(std::string_view secret_hash) override;
  Result<std::optional<std::string>> FindWorkspaceOfToken(std::string_view secret_hash) override;
  Result<std::vector<std::string>> ListWorkspaceTokens(std::string_view workspace_id) override;

 private:
  // OK in a write transaction; the refusal of a read transaction's write otherwise.
  Status CheckWritable() const;
  // Runs a statement that returns no rows.
  Status Run(const std::string& sql, const PgParams& params);
  // After a write of a cached kind: moves the store's cache generation on, once per
  // transaction (migrations/0002_cache_generation.sql.h).
  Status BumpCacheGeneration();
  Result<std::vector<PageRecord>> ReadPages(const std::string& sql, const PgParams& params);
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ReadDataSources(const std::string& sql,
                                                                               const PgParams& params);

  // The store lock held exclusively: at once when this transaction has it, else without
  // waiting or a retryable kConflictError (and the thread's next write Begin takes it
  // exclusively: RequestExclusiveBegin).
  Status TakeExclusive();
  // Takes the transaction-level advisory lock named "localnotion:<what>:<schema>".
  Status LockKey(std::string_view what);

  PgConnection& conn_;
  bool writable_;
  bool exclusive_;
  PgScanIndexes* scan_indexes_;
  bool bumped_ = false;
  bool flushed_ = false;
  std::vector<ChangeRecord> pending_;  // appended, not yet flushed
  struct ReadAheadPage {
    std::string id;
    PgRows rows;
  };
  std::optional<ReadAheadPage> read_ahead_;  // ReadAhead's, until GetPage takes it
};

// A write transaction that needed the store lock exclusively and could not take it at
// once asks that the next write transaction begun on this thread take it at Begin (the
// one RunInTxn retries on the same thread); PgStore::Begin consumes the request.
void RequestExclusiveBegin();
bool ConsumeExclusiveBeginRequest();

// The SQL for the store's lock key: one per schema (pg_store.h).
// The SQL that takes the transaction-level advisory lock named by $1 (LockKey).
inline constexpr const char* kLockKeySql =
    "SELECT pg_advisory_xact_lock(hashtextextended('localnotion:' || $1 || ':' || current_schema(), 0))";
inline constexpr const char* kStoreLockKey = "hashtextextended('localnotion:' || current_schema(), 0)";

}  // namespace localnotion::storage
