// A transaction over the store: the only way to read or write records.
//
// A Txn is begun by Store::Begin (storage/store.h) in one of two modes. A read
// transaction sees one consistent snapshot of committed data and cannot write; many run
// at once. A write transaction sees committed data and its own writes; the backend
// decides how writes serialize. Commit() returns once the transaction is durable (a
// 200 is on disk). A Txn destroyed without a successful Commit() rolls back: a request
// that fails, or throws, changes nothing.
//
// The record methods are grouped into facets, one per kind of record, so that a reader
// sees what belongs together and a backend can be written facet by facet. A Txn is used
// by one thread at a time; different Txns may be used from different threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "storage/block_record.h"
#include "storage/change_record.h"
#include "storage/page_history.h"
#include "storage/page_scan.h"
#include "storage/records.h"
#include "storage/upload_records.h"
#include "storage/view_records.h"
#include "storage/webhook_records.h"
#include "storage/workspace_records.h"

namespace localnotion::storage {

// The share that gives an integration the whole workspace (the --token integrations).
inline constexpr std::string_view kWholeWorkspace = "workspace";

enum class TxnMode { kRead, kWrite };

// ListPageHeadsByEdit from every page's head in creation order (ListPageHeads): the
// definition of that order, which a store without a query of its own uses (txn.cc).
std::optional<std::vector<PageHead>> PageHeadsByEdit(std::vector<PageHead> heads, bool ascending,
                                                     const std::optional<EditOrderStart>& start, size_t limit);

// Pages, their history, and the scans that queries push down.
class PageRecords {
 public:
  virtual ~PageRecords() = default;
  virtual Result<std::optional<PageRecord>> GetPage(std::string_view id) = 0;
  // The pages of `ids`, one entry per id in the same order (an id given twice, twice),
  // nullopt for an id that names no page; as GetPage on each id. A backend whose GetPage
  // is a round trip to a server answers in one (a page of query results).
  virtual Result<std::vector<std::optional<PageRecord>>> GetPages(const std::vector<std::string>& ids) {
    std::vector<std::optional<PageRecord>> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      LN_ASSIGN_OR_RETURN(std::optional<PageRecord> page, GetPage(id));
      out.push_back(std::move(page));
    }
    return out;
  }
  // GetPage for a caller that only reads the page: a cache may answer with the record it
  // keeps (CachingStore), without a copy. Null for an id that names no page. The record
  // is made a non-const PageRecord, which the cache may move out of once it is the only
  // holder left.
  virtual Result<std::shared_ptr<const PageRecord>> GetPageShared(std::string_view id) {
    LN_ASSIGN_OR_RETURN(std::optional<PageRecord> page, GetPage(id));
    if (!page) return std::shared_ptr<const PageRecord>();
    return std::shared_ptr<const PageRecord>(std::make_shared<PageRecord>(std::move(*page)));
  }
  // GetPages for a caller that only reads the pages (a page of query results), as
  // GetPageShared on each id: one entry per id, null for an id that names no page.
  virtual Result<std::vector<std::shared_ptr<const PageRecord>>> GetPagesShared(const std::vector<std::string>& ids) {
    LN_ASSIGN_OR_RETURN(std::vector<std::optional<PageRecord>> pages, GetPages(ids));
    std::vector<std::shared_ptr<const PageRecord>> out;
    out.reserve(pages.size());
    for (std::optional<PageRecord>& page : pages) {
      out.push_back(page ? std::make_shared<PageRecord>(std::move(*page)) : nullptr);
    }
    return out;
  }
  // Inserts or replaces the page by id. `update` says what changed when the write
  // replaces a page read in this transaction (records.h); nullptr: a new page, or unknown.
  virtual Status PutPage(const PageRecord& page, const PageUpdate* update) = 0;
  Status PutPage(const PageRecord& page) { return PutPage(page, nullptr); }
  // Hands over `page`, the very object this transaction last passed to PutPage for its
  // id and unchanged since, once the caller is done with it: a cache may keep it once the
  // commit is durable, without a copy (CachingStore). A store without one drops it; so
  // does the cache when `page` is not that object.
  virtual void KeepWrittenPage(PageRecord&& page) { (void)page; }
  // The pages whose parent is the data source (or page), in creation order.
  virtual Result<std::vector<PageRecord>> ListPagesOf(std::string_view parent_id) = 0;
  // Every page of the workspace, in creation order (export).
  virtual Result<std::vector<PageRecord>> ListAllPages() = 0;
  // ListAllPages without the values: each page's head, in creation order, for a caller
  // that reads only the pages it shows (search without a query). A backend that keeps
  // the values apart from the rest reads no value.
  virtual Result<std::vector<PageHead>> ListPageHeads() {
    LN_ASSIGN_OR_RETURN(std::vector<PageRecord> pages, ListAllPages());
    std::vector<PageHead> heads;
    heads.reserve(pages.size());
    for (PageRecord& p : pages) {
      heads.push_back(
          PageHead{std::move(p.id), std::move(p.parent_type), std::move(p.parent_id), p.in_trash, p.last_edited_time});
    }
    return heads;
  }
  // The heads of the pages out of the trash (their own flag) in search's order
  // (EditOrderStart), from `start` on when given, at most `limit` of them: without a
  // query, search reads the results it shows and the few it skips, not every page. Nullopt
  // when `start` names a page that does not exist. Without an index on the edit time a
  // store may read every head to answer, but keeps only `limit`.
  virtual Result<std::optional<std::vector<PageHead>>> ListPageHeadsByEdit(bool ascending,
                                                                           const std::optional<EditOrderStart>& start,
                                                                           size_t limit) {
    LN_ASSIGN_OR_RETURN(std::vector<PageHead> heads, ListPageHeads());
    return PageHeadsByEdit(std::move(heads), ascending, start, limit);
  }
  // The pages whose title may contain `folded_needle`, in creation order, for search
  // (https://developers.notion.com/reference/post-search). A page's title is the
  // concatenated `plain_text` of its "title" property (api::PlainText), folded with
  // query::FoldCase; `folded_needle` must already be folded the same way. The result may
  // be a superset (a backend may return pages it cannot rule out), but never leaves out a
  // page whose folded title contains the needle: the caller re-checks each page. An
  // empty needle selects every page, as ListAllPages does. Trashed pages are included.
  virtual Result<std::vector<PageRecord>> ScanPagesByTitle(std::string_view folded_needle) = 0;
  // The ids of the pages a scan selects, in its order (storage/page_scan.h). Storage
  // may build indexes on the properties scanned, so that later scans are quick.
  virtual Result<std::vector<std::string>> ScanPageIds(const PageScan& scan) = 0;
  // Page history (storage/page_history.h): the history of the page's change records
  // (AppendChange with `history`), oldest first. Reset empties it with the changes.
  virtual Result<std::vector<PageHistoryRecord>> ListPageHistory(std::string_view page_id) = 0;
};

// Databases and data sources are shared, immutable snapshots: a record object never
// changes after it is returned, and Put* replaces it with a new one. Callers may
// therefore cache anything derived from a record keyed by its address (see
// CachingStore). Get returns nullptr when there is no such record.
class DatabaseRecords {
 public:
  virtual ~DatabaseRecords() = default;
  virtual Result<std::shared_ptr<const DatabaseRecord>> GetDatabase(std::string_view id) = 0;
  virtual Status PutDatabase(const DatabaseRecord& db) = 0;
  // Every database of the workspace, in creation order (export).
  virtual Result<std::vector<std::shared_ptr<const DatabaseRecord>>> ListAllDatabases() = 0;
  virtual Result<std::shared_ptr<const DataSourceRecord>> GetDataSource(std::string_view id) = 0;
  // The data sources of a database, in creation order.
  virtual Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListDataSources(
      std::string_view database_id) = 0;
  virtual Result<std::vector<std::shared_ptr<const DataSourceRecord>>> ListAllDataSources() = 0;
  virtual Status PutDataSource(const DataSourceRecord& source) = 0;
};

// Users, integrations and what is shared with them.
class PeopleRecords {
 public:
  virtual ~PeopleRecords() = default;
  virtual Result<std::optional<UserRecord>> GetUser(std::string_view id) = 0;
  // Users ordered by id, starting at `from_id` ("" for the first page).
  virtual Result<std::vector<UserRecord>> ListUsers(std::string_view from_id, int limit) = 0;
  virtual Status PutUser(const UserRecord& user) = 0;
  // Finds the integration whose token hashes to `secret_hash` (common/sha256.h).
  virtual Result<std::optional<IntegrationRecord>> FindIntegrationBySecretHash(std::string_view secret_hash) = 0;
  virtual Result<std::vector<IntegrationRecord>> ListIntegrations() = 0;
  virtual Status PutIntegration(const IntegrationRecord& integration) = 0;
  // Removes the integration, its bot user and its shares (no-op for an unknown id).
  virtual Status DeleteIntegration(std::string_view id) = 0;
  // Shares: the pages and databases an integration was given access to, in the order
  // shared. The object id kWholeWorkspace stands for every object of the workspace.
  virtual Result<std::vector<std::string>> ListShares(std::string_view integration_id) = 0;
  virtual Status PutShare(std::string_view integration_id, std::string_view object_id) = 0;
  virtual Status DeleteShare(std::string_view integration_id, std::string_view object_id) = 0;
};

// Page content (storage/block_record.h).
class BlockRecords {
 public:
  virtual ~BlockRecords() = default;
  // Finds a row whether or not it is in the trash.
  virtual Result<std::optional<BlockRecord>> GetBlock(std::string_view id) = 0;
  // Inserts or replaces by id.
  virtual Status PutBlock(const BlockRecord& block) = 0;
  // The children of `parent_id` that are not in the trash, in position order, starting at
  // position `from_position` (inclusive), at most `limit` of them.
  virtual Result<std::vector<BlockRecord>> ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                             int limit) = 0;
  // The largest position among all children of `parent_id` (trashed ones included), or 0.
  virtual Result<int64_t> LastBlockPosition(std::string_view parent_id) = 0;
  // Adds `by` to the position of every child of `parent_id` whose position is greater
  // than `after_position`, to open a gap for blocks inserted after it.
  virtual Status ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) = 0;
  // Every block of `type` in the workspace, trashed ones included, oldest first (by
  // created_time, then id). For the meeting notes query, which searches the workspace.
  // An empty `type` selects every block (the fixture export reads them all).
  virtual Result<std::vector<BlockRecord>> ListBlocksOfType(std::string_view type) = 0;
};

// File uploads (storage/upload_records.h). The bytes are kept per part (1 for a
// single-part upload); a part sent again replaces the earlier one.
class UploadRecords {
 public:
  virtual ~UploadRecords() = default;
  virtual Result<std::optional<FileUploadRecord>> GetFileUpload(std::string_view id) = 0;
  virtual Status PutFileUpload(const FileUploadRecord& upload) = 0;
  // Every upload of the integration, newest first.
  virtual Result<std::vector<FileUploadRecord>> ListFileUploads(std::string_view integration_id) = 0;
  virtual Status PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) = 0;
  // (part number, size in bytes) of each part received, by part number.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> FileUploadPartSizes(std::string_view upload_id) = 0;
  // The parts' bytes concatenated in part order.
  virtual Result<std::string> ReadFileUploadBytes(std::string_view upload_id) = 0;
};

// Comments, in creation order.
class CommentRecords {
 public:
  virtual ~CommentRecords() = default;
  virtual Result<std::optional<CommentRecord>> GetComment(std::string_view id) = 0;
  virtual Status PutComment(const CommentRecord& comment) = 0;
  virtual Result<std::vector<CommentRecord>> ListComments(std::string_view parent_id) = 0;
  // The first comment of a discussion (it holds the discussion's parent).
  virtual Result<std::optional<CommentRecord>> FirstCommentOf(std::string_view discussion_id) = 0;
  // Removes the comment; an unknown id is not an error.
  virtual Status DeleteComment(std::string_view id) = 0;
};

// The workspace as a whole: small named values, the change outbox, and reset.
class WorkspaceRecords {
 public:
  virtual ~WorkspaceRecords() = default;
  // Small named values: the workspace id and name, the generated default token.
  virtual Result<std::optional<std::string>> GetMeta(std::string_view key) = 0;
  virtual Status PutMeta(std::string_view key, std::string_view value) = 0;
  // The outbox (storage/change_record.h). Append assigns the sequence; List returns the
  // changes after `after_sequence`, oldest first, at most `limit`, with their history
  // unless `with_history` is false (webhook delivery needs none, and parsing every
  // entry's old and new values cost it more than making the events).
  virtual Status AppendChange(const ChangeRecord& change) = 0;
  virtual Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit, bool with_history) = 0;
  Result<std::vector<ChangeRecord>> ListChanges(int64_t after_sequence, int limit) {
    return ListChanges(after_sequence, limit, /*with_history=*/true);
  }
  // Empties the workspace: pages, databases, data sources, views, blocks, uploads, comments,
  // history, changes, users and meta; integrations (and their bot users) stay when
  // `keep_integrations`. Shares of objects go; whole-workspace shares stay with the
  // integrations kept. Meta keeps the admin token, the file URL key and the shard map
  // (storage/shard_map.h, the catalog's) always, and the generated default token with the
  // integrations.
  virtual Status Reset(bool keep_integrations) = 0;
};

// Every record method, facet by facet.
class Records : public PageRecords,
                public DatabaseRecords,
                public PeopleRecords,
                public BlockRecords,
                public UploadRecords,
                public CommentRecords,
                public WorkspaceRecords,
                public WebhookRecords,
                public ViewRecords,
                public WorkspaceCatalog {};

class Txn : public Records {
 public:
  using DurableCallback = std::function<void(Status)>;

  // Whether the transaction may write (TxnMode::kWrite).
  virtual bool writable() const = 0;
  // Ends the transaction and keeps its writes, without waiting for them to be durable:
  // `on_durable` is called exactly once, with OK once they are durable or with the error
  // that lost them (then nothing of the transaction is kept). It may be called before
  // CommitAsync returns or later on another thread, so it must only hand the news on. A
  // read transaction calls it at once. This is how a backend commits in groups: the
  // caller is free to run the next request while the group fills (the server answers
  // only once `on_durable` said OK). Call at most once, or Commit instead.
  virtual void CommitAsync(DurableCallback on_durable) = 0;
  // Whether a commit of this transaction that fails reports it (`on_durable` with the
  // error) before another write transaction of the store can begin, as a store whose
  // writes take turns on one writer does (SQLite). A cache may then hand what this
  // transaction wrote to the next write as soon as CommitAsync is called
  // (storage/caching_store.h).
  virtual bool ReportsFailureBeforeNextWrite() const { return false; }
  // CommitAsync, then waits until the transaction is durable (or lost).
  Status Commit();
  // For a store that other processes write too (PostgreSQL): a number that grows with
  // every committed write of databases, data sources, users, integrations or shares, as this
  // transaction sees it (a read: its snapshot; a write: the latest). CachingStore drops
  // what it cached when the number moves. nullopt when only this process writes.
  virtual std::optional<int64_t> SharedCacheGeneration() const { return std::nullopt; }
  // For a store whose integrations, shares and users other processes may write, but
  // never its pages (SQLite: the CLI beside a running server): a number that grows with
  // every such committed write, read before this transaction's snapshot was taken.
  // CachingStore drops the records it cached (not its pages) when it moves. nullopt
  // when no other process writes the store (in memory) or SharedCacheGeneration
  // covers them.
  virtual std::optional<int64_t> RecordsGeneration() const { return std::nullopt; }
  // What a cache of the records read (integrations and shares: service::Context's
  // authentication) may be keyed by: two transactions that give equal views read the
  // same integrations and shares. nullopt when the store cannot tell: no records cache,
  // a read whose snapshot the cache no longer matches, a transaction that wrote records,
  // or while a commit that wrote records is between its evictions (CachingStore).
  struct RecordsView {
    uint64_t store = 0;       // the cache's own number, unique in the process
    uint64_t generation = 0;  // its generation, which every commit of records moves
    bool operator==(const RecordsView&) const = default;
  };
  virtual std::optional<RecordsView> CachedRecordsView() const { return std::nullopt; }
  // Whether a call failed because the transaction lost a race with another one (a
  // serialization failure or deadlock on PostgreSQL: kConflictError): the same work in
  // a new transaction may succeed, and service::RunInTxn retries it a bounded number of
  // times before answering Notion's 409 `conflict_error`. False on SQLite, whose writes
  // never race.
  virtual bool ShouldRetry() const { return false; }
  // A read transaction takes its snapshot at its first read on SQLite (BEGIN DEFERRED),
  // not when it begins. A cache that answers a read without the store (CachingStore's
  // pages) calls this first, so that the transaction's later reads come from the state
  // the cache answered from. Does nothing once the snapshot is taken, or where there is
  // none to take.
  virtual Status PinSnapshot() { return OkStatus(); }
  // PinSnapshot for a cache that may answer the whole request itself, so that the
  // snapshot is taken only if the transaction reads the store at all: on SQLite a
  // snapshot costs two fcntl() system calls (a read lock of the WAL index and its
  // release), over a quarter of the CPU of a GET of a cached page (docs/benchmarks.md).
  // The store takes the snapshot at the transaction's first read instead, then calls
  // `still_current`, which says whether what the cache answered meanwhile is still the
  // committed state; when it is not, that read fails with LostRaceError, ShouldRetry and
  // RetryAtOnce are true, and the caller's retry, which does not AcceptCacheRaces, pins
  // its snapshot before its first answer. Where the snapshot is already taken, the store
  // does not defer, or the caller did not AcceptCacheRaces, the same as PinSnapshot.
  virtual Status DeferSnapshot(std::function<bool()> still_current) { return PinSnapshot(); }
  // Lets DeferSnapshot defer, for a caller that runs the transaction's work again when a
  // call fails and ShouldRetry is true (service::RunInTxn, InTxn: their first attempt).
  // Without it the transaction keeps the older contract: DeferSnapshot pins at once, and
  // no read fails because a cache answered first.
  virtual void AcceptCacheRaces() {}
  // Whether a retry (ShouldRetry) may run at once, without RetryPause: the race was with
  // a cache, not with another transaction that needs time to finish.
  virtual bool RetryAtOnce() const { return false; }
};

// The error of a call whose transaction lost a race and may be run again (ShouldRetry):
// Notion's 409 `conflict_error` if it is still the answer after the last attempt.
inline Error LostRaceError() {
  return MakeError(ErrorCode::kConflictError, "Conflict occurred while saving. Please try again.");
}

}  // namespace localnotion::storage
