// One connection to the SQLite file, with its statements prepared once, and the record
// methods run on it. SqliteStore (sqlite_store.h) owns one writer connection and a pool
// of read-only ones, and decides which transaction runs on which; the transaction
// control here (batch, savepoint, read snapshot) is its vocabulary. Not thread-safe: a
// connection is used by one transaction at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "storage/txn.h"

struct sqlite3;

namespace localnotion::storage {

class Statement;

class SqliteConnection final : public Records {
 public:
  // The writer opens (and creates) the file and brings its schema up to date
  // (sqlite/migrations.h); readers open it read-only afterwards. `path` ":memory:" is a
  // private in-memory database (writer only).
  enum class Role { kWriter, kReader };
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Role role);
  ~SqliteConnection() override;

  // Transaction control for SqliteStore. A batch (BEGIN IMMEDIATE ... COMMIT) holds the
  // savepoints of the write transactions that commit together; a read snapshot is a
  // deferred transaction.
  Status BeginBatch();
  Status CommitBatch();  // on failure the batch is rolled back
  void RollbackBatch();
  Status Savepoint();
  Status ReleaseSavepoint();
  Status RollbackToSavepoint();
  Status BeginRead();
  // Takes the snapshot of the read begun, if no statement has taken it yet (Txn::PinSnapshot).
  Status PinSnapshot();
  // Whether the read begun has its snapshot (a statement has read the database).
  bool SnapshotTaken() const;
  void EndRead();
  // Whether SQLite has a transaction open on this connection.
  bool InTransaction() const;
  // While true, statements that write are refused (RefuseWrites, statement.h), and page scans
  // ask for the columns and indexes they want instead of making them (TakeScanWants).
  Status SetQueryOnly(bool on);

  // Generated columns and indexes a page scan would have made but could not, because
  // the connection could not write at the time. The store makes them on the writer
  // later (ApplyScanWants), so that later scans are quick.
  struct ScanWants {
    std::set<std::string> columns;                          // property ids
    std::set<std::pair<std::string, std::string>> indexes;  // (index name, column shape)
    bool empty() const { return columns.empty() && indexes.empty(); }
  };
  ScanWants TakeScanWants() { return std::exchange(wants_, {}); }
  // Whether integrations, shares or users were written since the last call (or a reset
  // was run), which other processes caching them must hear of (sqlite/generation_file.h).
  bool TakeRecordsWritten() { return std::exchange(records_written_, false); }
  // A scan on a read-only connection whose parent holds more than
  // SetWaitForWantsRowsForTest's pages (20,000 by default) does not read them all
  // without the column or index it wants: it hands its wants to `wait` (the store makes
  // them on the writer, waiting for it, and answers true once they are committed; false
  // when it will not wait) and, on true, fails with kConflictError and makes
  // retry_requested() true, so that the transaction runs again on a snapshot that has
  // them (storage::Txn::ShouldRetry). Without a `wait`, or on false, it scans as before.
  using WantsWaiter = std::function<bool(const ScanWants&)>;
  void SetWantsWaiter(WantsWaiter wait) { wait_for_wants_ = std::move(wait); }
  bool retry_requested() const { return retry_requested_; }
  static void SetWaitForWantsRowsForTest(int64_t n);
  // Sorted scans driven by text terms with more trigram-index candidates than `n` read
  // the shape's index in order (sqlite/page_scan.cc, BroadText); 50,000 by default.
  static void SetBroadTextCandidatesForTest(int64_t n);
  Status ApplyScanWants(const ScanWants& wants);
  // Whether this connection has made or seen every column and index of `wants`.
  bool HasScanWants(const ScanWants& wants) const;
  // Interrupts statements once the deadline of the current thread (common/deadline.h)
  // has passed: they fail with kGatewayTimeout. For read-only connections only: an
  // interrupted write rolls back the whole SQLite transaction.
  void WatchDeadline();
  // Replaces this connection's database with a copy of `source`'s (SQLite's online
  // backup API, https://www.sqlite.org/backup.html) and forgets what it knew of the old
  // one (columns, indexes, text index notes). Neither may be inside a transaction.
  Status CopyFrom(SqliteConnection& source);

  // The text index (sqlite/page_text_index.h) is caught up at a commit once this many
  // page_text rows wait for it; text terms and title scans test them without the index.
  static constexpr int64_t kTextIndexLag = 512;
  // Another bound, for tests (1: a catch-up at every commit that changed text).
  void SetTextIndexLag(int64_t rows) { text_index_lag_ = rows; }
  // Catches the text index up now, inside the open batch.
  Status CatchUpTextIndex();

  Result<std::optional<PageRecord>> GetPage(std::string_view id) override;
  using Records::PutPage;
  Status PutPage(const PageRecord& page, const PageUpdate* update) override;
  Result<std::vector<PageRecord>> ListPagesOf(std::string_view data_source_id) override;
  Result<std::vector<PageRecord>> ListAllPages() override;
  Result<std::vector<PageHead>> ListPageHeads() override;
  Result<std::optional<std::vector<PageHead>>> ListPageHeadsByEdit(bool ascending,
                                                                   const std::optional<EditOrderStart>& start,
                                                                   size_t limit) override;
  Result<std::vector<PageRecord>> ScanPagesByTitle(std::string_view folded_needle) override;
  Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) override;  // sqlite/page_scan.cc
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
  // Integrations and shares: sqlite_shares.cc.
  Status DeleteIntegration(std::string_view id) override;
  Result<std::vector<std::string>> ListShares(std::string_view integration_id) override;
  Status PutShare(std::string_view integration_id, std::string_view object_id) override;
  Status DeleteShare(std::string_view integration_id, std::string_view object_id) override;
  Status Reset(bool keep_integrations) override;
  Result<std::optional<std::string>> GetMeta(std::string_view key) override;
  Status PutMeta(std::string_view key, std::string_view value) override;
  // sqlite/changes.cc
  Status AppendChange(const ChangeRecord& change) override;
  Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit, bool with_history) override;
  using WorkspaceRecords::ListChanges;
  Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) override;
  // sqlite/all_databases.cc
  Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() override;
  // Blocks: sqlite_blocks.cc.
  Result<std::optional<BlockRecord>> GetBlock(std::string_view id) override;
  Status PutBlock(const BlockRecord& block) override;
  Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                     int limit) override;
  Result<int64_t> LastBlockPosition(std::string_view parent_id) override;
  Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) override;
  Result<std::vector<BlockRecord>> ListBlocksOfType(std::string_view type) override;
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
  // Webhook subscriptions and deliveries: sqlite/webhooks.cc.
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
  Status DeleteComment(std::string_view id) override;
  // Database views: sqlite/views.cc.
  Result<std::optional<ViewRecord>> GetView(std::string_view id) override;
  Status PutView(const ViewRecord& view) override;
  Status DeleteView(std::string_view id) override;
  Result<std::vector<ViewRecord>> ListViewsOfDatabase(std::string_view database_id) override;
  Result<std::vector<ViewRecord>> ListViewsOfDataSource(std::string_view data_source_id) override;
  Result<std::vector<ViewRecord>> ListAllViews() override;
  // The workspace catalog: sqlite/workspaces.cc.
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
  SqliteConnection(sqlite3* db, Role role);
  Status Prepare();
  Result<std::optional<PageRecord>> ReadPage(Statement& st);
  // The parameters of a write of a page's row (the upsert's): all of them (put_page,
  // update_page, which leaves ?2 and ?3 unused), all but ?2, ?3, ?7 and ?13
  // (update_page_values), or only ?1, ?4, ?11 and ?12 (update_page_properties).
  enum class RowColumns { kAll, kValues, kProperties };
  // Binds the page to a write of its row with `columns` and runs it: false when no row
  // was written.
  // `sets_second`: `st` is an update's form that sets edit_second (?15).
  Result<bool> WritePageRow(Statement& st, const PageRecord& p, RowColumns columns = RowColumns::kAll,
                            bool sets_second = false);
  Result<std::vector<PageRecord>> ReadPages(Statement& st);
  Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ReadDataSources(Statement& st);
  Result<std::shared_ptr<const DataSourceRecord>> ReadDataSource(Statement& st);

  sqlite3* db_;
  // Generated columns and indexes made by ScanPageIds (sqlite/page_scan.cc). Both sets
  // are forgotten when a unit or batch rolls back, since the DDL rolls back with it.
  Status EnsureScanColumn(const std::string& property_id);
  // Reads the generated columns the schema this connection sees has (scan_columns_).
  Status LoadScanColumns();
  Status EnsureScanIndex(const std::string& index, const std::string& shape);
  // Whether the scan's parent holds more than the wait threshold's pages.
  Result<bool> LargeParent(const std::string& parent_id);
  Role role_;
  bool query_only_ = false;
  ScanWants wants_;
  WantsWaiter wait_for_wants_;
  bool retry_requested_ = false;              // this read transaction waited for its wants
  static constexpr int kPrepareAttempts = 5;  // Open's, see there
  static constexpr size_t kMaxScanColumns = 256;
  static constexpr size_t kMaxScanIndexes = 32;
  std::set<std::string> scan_columns_;
  bool scan_columns_loaded_ = false;
  std::set<std::string> indexed_shapes_;
  // At least as many rows as page_text_pending holds (sqlite/page_text_index.h): grows
  // by the page_text rows each write changes (notes of one row coalesce, so it may count
  // too many); counted exactly when it reaches text_index_lag_ at a commit. A catch-up
  // sets it to 0; rolling back a batch that caught up makes it count again.
  int64_t text_lag_ = 0;
  bool records_written_ = false;  // TakeRecordsWritten
  int64_t text_index_lag_ = kTextIndexLag;
  bool caught_up_in_batch_ = false;
  Status CatchUpTextIndexIfBehind();
  struct Statements;
  std::unique_ptr<Statements> st_;
  // ListShares runs on every request of an integration, so its statement is kept
  // (sqlite_shares.cc); the others are prepared per call.
  std::unique_ptr<Statement> list_shares_;
  // The page scans' statements by their text (a shape, an order and a limit; the values
  // are bound), prepared once (about 31k instructions a query of 100 pages) and reset
  // after each scan. Emptied when it holds kMaxScanStatements. Null when SQLite cannot
  // prepare the text (ScanStatement).
  static constexpr size_t kMaxScanStatements = 64;
  std::unordered_map<std::string, std::unique_ptr<Statement>> scan_statements_;
  Statement* ScanStatement(const std::string& sql);
  // The outbox's statements (changes.cc), prepared on first use.
  std::unique_ptr<Statement> append_change_;
  std::unique_ptr<Statement> list_changes_;
  std::unique_ptr<Statement> list_history_;
  std::unique_ptr<Statement> all_database_ids_;  // sqlite/all_databases.cc
  // The webhook pump's statements (webhooks.cc), prepared on first use.
  std::unique_ptr<Statement> list_webhook_subscriptions_;
  std::unique_ptr<Statement> list_pending_deliveries_;
  struct BlockStatements;  // sqlite_blocks.cc
  struct BlockStatementsDeleter {
    void operator()(BlockStatements* p) const;
  };
  std::unique_ptr<BlockStatements, BlockStatementsDeleter> block_st_;
  Status PrepareBlocks();
};

}  // namespace localnotion::storage
