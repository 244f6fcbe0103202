// The use cases behind the endpoints: request in, Result out. Nothing here knows HTTP.
//
// A Service lives for one request: it is made over the request's transaction
// (storage/txn.h) and the process-wide ServiceState (service_state.h), and holds what
// the request may see and do (its access). Whoever makes it begins the transaction
// and commits it when the call succeeded (RunInTxn below); it never outlives them.
//
// Errors: path ids that are not UUIDs give kValidationError ("path failed validation:
// path.<name> should be a valid uuid ..."); unknown or unshared objects give
// kObjectNotFound with Notion's text; body problems give kValidationError.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/version.h"
#include "query/filter.h"
#include "query/sort.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "schema/property_type.h"
#include "service/databases/query_snapshots.h"
#include "service/service_state.h"
#include "service/core/capabilities.h"
#include "storage/store.h"
#include "storage/txn.h"
#include "validation/block_write.h"
#include "validation/page_write.h"

namespace localnotion::service {

using DatabasePtr = std::shared_ptr<const storage::DatabaseRecord>;
using DataSourcePtr = std::shared_ptr<const storage::DataSourceRecord>;
using SchemaPtr = std::shared_ptr<const schema::Schema>;

// Who is calling: the integration behind the bearer token, and the Notion-Version.
struct Caller {
  storage::IntegrationRecord integration;
  api::ApiVersion version = api::ApiVersion::k2025_09_03;
  // "http://host:port" as the client addressed this server (for next_url).
  std::string base_url;
  // The request's id (x-notion-request-id, the request log), recorded in page history.
  std::string request_id;
};

// Pagination arguments as they arrive (query string or JSON body).
struct PageArgs {
  std::optional<std::string> start_cursor;
  std::optional<std::string> page_size;  // raw text, validated by the callee
};

class Service {
 public:
  Service(storage::Txn& txn, ServiceState& state) : store_(txn), state_(state) {}
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Creates the workspace on first start (owner user), makes sure an integration exists
  // for each token, and with no token at all creates (or finds again) a default one.
  // Returns the tokens the server accepts for the console, in the order given.
  Result<std::vector<std::string>> Bootstrap(const std::vector<std::string>& tokens);

  // The admin API's token: `given` when set (and remembered), otherwise the one stored,
  // otherwise a new one.
  Result<std::string> AdminToken(const std::string& given);

  // Empties the workspace back to its fresh state (owner, integrations of the tokens
  // given to Bootstrap); other integrations are kept or dropped.
  Status Reset(bool keep_integrations);

  // Returns kUnauthorized "API token is invalid." for an unknown token. The rest of the
  // unit acts for the integration found: it sees only what is shared with it, with its
  // capabilities (access.cc).
  Result<storage::IntegrationRecord> Authenticate(std::string_view token);
  // The capabilities the current unit acts with (all of them before Authenticate).
  const Capabilities& ActingCapabilities() const { return access_.caps; }

  // Integrations and sharing (integrations.cc), for the admin API and the CLI. An
  // integration is named by its id or its name. Capabilities: service/capabilities.h.
  struct NewIntegration {
    storage::IntegrationRecord integration;
    std::string token;  // shown once; only its SHA-256 is kept
  };
  Result<NewIntegration> CreateIntegration(std::string_view name, std::string_view capabilities);
  Result<storage::IntegrationRecord> FindIntegration(std::string_view name_or_id);
  // {object:"integration", id, name, capabilities, bot_user_id, shares:[ids], created_time}
  Result<json::value> DescribeIntegration(const storage::IntegrationRecord& integration);
  Result<json::value> ListIntegrations();
  Status DeleteIntegration(std::string_view name_or_id);
  Result<storage::IntegrationRecord> SetCapabilities(std::string_view name_or_id, std::string_view capabilities);
  // Shares a page or database (and so its descendants), or with `object_id` "workspace"
  // everything. An unknown object gives kObjectNotFound.
  Status Share(std::string_view name_or_id, std::string_view object_id);
  Status Unshare(std::string_view name_or_id, std::string_view object_id);

  Result<json::value> GetSelf(const Caller& caller);
  Result<json::value> GetUser(const Caller& caller, std::string_view user_id);
  Result<json::value> ListUsers(const Caller& caller, const PageArgs& args);

  Result<json::value> CreatePage(const Caller& caller, const json::value& body);
  // `filter_properties` (property ids, from the query string) limits the properties the
  // returned page shows; empty means all.
  Result<json::value> GetPage(const Caller& caller, std::string_view page_id,
                              const std::vector<std::string>& filter_properties = {});
  Result<json::value> UpdatePage(const Caller& caller, std::string_view page_id, const json::value& body,
                                 const std::vector<std::string>& filter_properties = {});
  // GET /v1/pages/{page_id}/properties/{property_id}.
  Result<json::value> GetPageProperty(const Caller& caller, std::string_view page_id, std::string_view property_id,
                                      const PageArgs& args);

  Result<json::value> CreateDatabase(const Caller& caller, const json::value& body);
  Result<json::value> GetDatabase(const Caller& caller, std::string_view database_id);
  Result<json::value> UpdateDatabase(const Caller& caller, std::string_view database_id, const json::value& body);
  Result<json::value> CreateDataSource(const Caller& caller, const json::value& body);
  Result<json::value> GetDataSource(const Caller& caller, std::string_view data_source_id);
  Result<json::value> UpdateDataSource(const Caller& caller, std::string_view data_source_id, const json::value& body);
  // POST /v1/search.
  Result<json::value> Search(const Caller& caller, const json::value& body);
  // Queries a data source, named directly or (2022-06-28) through its database.
  Result<json::value> QueryDataSource(const Caller& caller, std::string_view id, bool by_database,
                                      const json::value& body, const std::vector<std::string>& filter_properties);

  // Test controls (admin API). The page's history, oldest first (service/page_history.cc).
  Result<json::value> PageHistory(std::string_view page_id);
  // Replaces the workspace with a fixture / writes it as one (docs/fixtures.md;
  // service/fixtures_import.cc, fixtures_export.cc). Run inside one unit.
  Status SeedFixture(const json::value& fixture);
  Result<json::value> ExportFixture();
  // Page content (service/blocks.cc). A page id is also a block id (a child_page block),
  // and so is a database id (child_database).
  Result<json::value> GetBlock(const Caller& caller, std::string_view block_id);
  Result<json::value> ListBlockChildren(const Caller& caller, std::string_view block_id, const PageArgs& args);
  Result<json::value> AppendBlockChildren(const Caller& caller, std::string_view block_id, const json::value& body);
  Result<json::value> UpdateBlock(const Caller& caller, std::string_view block_id, const json::value& body);
  Result<json::value> DeleteBlock(const Caller& caller, std::string_view block_id);
  // ---- File uploads (uploads/file_uploads.cc, uploads/attachments.cc) ----
  // POST /v1/file_uploads.
  Result<json::value> CreateFileUpload(const Caller& caller, const json::value& body);
  // POST /v1/file_uploads/{id}/send: the form fields as the HTTP layer parsed them.
  struct FormFile {
    std::optional<std::string> filename;
    std::optional<std::string> content_type;
    std::string_view bytes;
  };
  struct SendForm {
    std::optional<FormFile> file;
    std::optional<std::string> part_number;
    std::vector<std::string> other_fields;  // names of fields Notion does not take
  };
  Result<json::value> SendFileUpload(const Caller& caller, std::string_view upload_id, const SendForm& form);
  // POST /v1/file_uploads/{id}/complete (multi_part only).
  Result<json::value> CompleteFileUpload(const Caller& caller, std::string_view upload_id);
  Result<json::value> GetFileUpload(const Caller& caller, std::string_view upload_id);
  // GET /v1/file_uploads?status=&start_cursor=&page_size=: the caller's uploads, newest first.
  Result<json::value> ListFileUploads(const Caller& caller, const std::optional<std::string>& status,
                                      const PageArgs& args);

  // THE way a request's `{type?: "file_upload", file_upload: {id}}` becomes stored data,
  // for page icons and covers, files property values, comment attachments and (for the
  // merger) image/file/video/pdf/audio blocks. `path` names the object in messages
  // ("body.icon"). Checks the id, that the upload belongs to the caller's integration
  // and that its status is `uploaded`; marks it attached (it then never expires) and
  // returns the stored form {type:"file", file:{file_upload_id, filename, content_type}}.
  Result<json::value> AttachFileUpload(const Caller& caller, const json::value& request, std::string_view path);
  // THE way stored data is shown: a stored form from AttachFileUpload becomes Notion's
  // hosted file {type:"file", file:{url, expiry_time}} (other keys such as `name` kept),
  // whose url is a link to GET /_localnotion/files/{id}/{filename}, signed and valid for
  // an hour. Anything else (emoji, external files, null) is returned unchanged.
  Result<json::value> RenderFileObject(const Caller& caller, const json::value& stored);

  // GET /_localnotion/files/{id}/{name}?expires=&signature= (no bearer token: the
  // signature is the permission). Missing or wrong signature: kRestrictedResource;
  // link expired: kRestrictedResource; no such uploaded file: kObjectNotFound.
  struct HostedFile {
    std::string content_type;
    std::string filename;
    std::string bytes;
  };
  Result<HostedFile> ServeHostedFile(std::string_view upload_id, const std::optional<std::string>& expires,
                                     const std::optional<std::string>& signature);

  // ---- Comments (comments.cc) ----
  // POST /v1/comments: parent {page_id|block_id} or discussion_id; rich_text;
  // attachments [{file_upload_id}]; display_name.
  Result<json::value> CreateComment(const Caller& caller, const json::value& body);
  // GET /v1/comments?block_id= (a page id or a block id): the open comments, oldest first.
  Result<json::value> ListComments(const Caller& caller, const std::optional<std::string>& block_id,
                                   const PageArgs& args);
  Result<json::value> GetComment(const Caller& caller, std::string_view comment_id);
  // THE resolution of a comment parent id: {"page_id", id} for a page. Pages only for
  // now; the merger extends it to blocks ({"block_id", id}). Unknown ids give
  // kObjectNotFound "Could not find block with ID: ...".
  struct CommentParent {
    std::string type;  // "page_id" or "block_id"
    std::string id;
  };
  Result<CommentParent> ResolveCommentParent(const std::string& id);

 private:
  // What the current unit may see and do (access.cc).
  struct Access {
    bool everything = true;                       // the whole workspace is shared
    std::string integration_id;
    std::unordered_set<std::string> shares;       // page and database ids shared
    Capabilities caps = Capabilities::All();
    std::unordered_map<std::string, bool> seen;   // visibility worked out in this unit
  };
  // Narrows the unit to what `integration` can see and do.
  Status ActFor(const storage::IntegrationRecord& integration);
  // Whether the object (kind "page", "database" or "data_source") is shared with the
  // acting integration, directly or through an ancestor. Missing objects are not visible.
  Result<bool> Visible(std::string_view kind, const std::string& id);
  // The database or data source with that id if the caller may see it; otherwise
  // NotFound("database" / "data source"), as if it did not exist.
  Result<DatabasePtr> LoadDatabase(const std::string& id);
  Result<DataSourcePtr> LoadDataSource(const std::string& id);
  // An object created at the workspace level is shared with the integration creating it.
  Status ShareCreated(const std::string& id, std::string_view parent_type);
  // {object, id} instead of the full object when the caller lacks read content.
  bool ReadsContent() const { return access_.caps.read_content; }

  // A page with what it takes to show it.
  struct LoadedPage {
    storage::PageRecord page;
    DataSourcePtr source;  // null for a page outside any database
    DatabasePtr db;
    SchemaPtr schema;
    bool trashed = false;  // the page, its data source or its database is in the trash
    bool ancestor_trashed = false;  // a page or block above it is in the trash (blocks.cc)
  };
  Result<LoadedPage> LoadPage(const std::string& id);
  Result<LoadedPage> LoadRecord(storage::PageRecord page);
  Result<json::value> RenderPage(const Caller& caller, const LoadedPage& page,
                                 const std::vector<std::string>& filter_properties = {});
  // Every property value of the page as Notion shows it, keyed by property id.
  Result<json::value> RenderRecordedValue(const LoadedPage& current, const json::value& definition,
                                          const std::string& property_id, const json::value& stored);
  Result<json::object> RenderValues(const Caller& caller, const LoadedPage& page, int depth);
  Result<json::value> RenderUserById(const std::string& id);
  void NameMentions(json::array& rich_text);
  Result<json::object> RenderSchema(const DataSourcePtr& source, api::ApiVersion version);
  Result<json::value> RenderDatabaseObject(const Caller& caller, const DatabasePtr& db);
  Result<json::value> RenderDataSourceObject(const Caller& caller, const DataSourcePtr& source);
  Result<schema::Schema> ParseSchemaRequest(const Caller& caller, const json::value& properties, std::string_view path);
  Status ResolveRollups(schema::Schema& schema);
  Result<schema::Schema> ApplySchemaUpdate(const Caller& caller, const DataSourcePtr& source,
                                           const json::value& properties, std::string_view path);
  Status CreateSyncedRelations(const Caller& caller, const DataSourcePtr& source, schema::Schema& schema,
                               const schema::Schema* before);
  // `self` is the page being written (not yet saved): a link to itself is applied to it
  // directly, so that saving it afterwards does not undo the synced side.
  Status SyncDualRelations(const Caller& caller, storage::PageRecord& self, const schema::PropertyDef& def,
                           const json::value* before, const json::value* after);
  Status CheckReferences(const LoadedPage& page, const std::vector<validation::PropertyWrite>& writes);
  Status WriteProperties(const Caller& caller, LoadedPage& loaded, const json::object& properties);
  // The ordered ids of a query's result, at most the result limit.
  Result<std::shared_ptr<const QuerySnapshot>> EvaluateQuery(
      const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema, const json::value* filter_json,
      const std::shared_ptr<const query::Filter>& filter, const json::value* sorts_json,
      const std::shared_ptr<const query::Sorter>& sorter, bool in_trash, const std::string& fingerprint);
  Result<DataSourcePtr> SourceForDatabaseParent(const std::string& database_id);
  Result<SchemaPtr> SchemaOf(const DataSourcePtr& source);
  Status SaveGrownDefinitions(const Caller& caller, const DataSourcePtr& source, std::vector<schema::PropertyDef> defs);
  Status SaveSchema(const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema);
  // Appends the history entry of a page write: `before` is null for a creation.
  // `schema` is the page's schema when the caller has it at hand (else it is loaded).
  Status RecordPageHistory(const Caller& caller, const storage::PageRecord* before, const storage::PageRecord& after,
                           const schema::Schema* schema = nullptr);
  // Fixture reading (fixtures_import.cc): a data source's `properties` at `path`, and
  // a page's values (applied to `page.page`; the writes are returned for CheckReferences).
  Result<schema::Schema> ReadFixtureSchema(const json::value* properties, const std::string& path);
  Result<std::vector<validation::PropertyWrite>> ReadFixtureValues(LoadedPage& page, const json::value* properties,
                                                                   const std::string& page_path);

  // Blocks (service/blocks.cc, service/block_tree.cc).
  struct BlockTarget {
    std::string id;
    std::string type;                          // "child_page", "child_database" or the block's type
    std::optional<storage::BlockRecord> row;    // its row in the blocks table, if it has one
    std::optional<LoadedPage> page;             // child_page
    DatabasePtr db;                             // child_database
    bool self_trashed = false;                  // its own flag (a page: also its database's)
    bool ancestor_trashed = false;              // something above it is in the trash
  };
  Result<BlockTarget> LoadBlockTarget(const std::string& id);
  Result<json::value> RenderBlockTarget(const Caller& caller, const BlockTarget& target);
  Result<json::value> RenderBlockRow(const Caller& caller, const storage::BlockRecord& row, bool ancestor_trashed);
  // Whether the page or block (parent_type "page_id" / "block_id") or anything above it is
  // in the trash.
  Result<bool> ContainerTrashed(const std::string& parent_type, const std::string& parent_id);
  // Stores `blocks` (and their children) under the parent: after the sibling at
  // `after_position` when given, else at the end. Fills `created` with the top-level rows.
  Status InsertBlocks(const Caller& caller, const std::string& parent_type, const std::string& parent_id,
                      std::optional<int64_t> after_position, std::vector<validation::NewBlock>& blocks,
                      std::vector<storage::BlockRecord>* created);
  // Media blocks given as {type:"file_upload", file_upload:{id}}: THE place where file
  // upload resolution plugs in (service/block_tree.cc).
  Status ResolveFileUpload(const Caller& caller, validation::NewBlock& block);
  // A page or database created under a page gets its child_page / child_database block.
  Status AddChildObjectBlock(const Caller& caller, std::string_view type, const std::string& id,
                             const std::string& parent_page_id, Millis time);
  // THE write path for Notion objects (writer.cc): the only caller of the store's
  // PutPage, PutDatabase, PutDataSource, PutBlock and PutComment. `before` is null for a
  // creation. An edit records page history and appends to the change outbox in the same
  // transaction; an import (fixtures) stores only.
  // kNoHistory: a write the page did not ask for (values dropped with their property).
  enum class WriteMode { kEdit, kNoHistory, kImport };
  Status WritePage(const Caller& caller, const storage::PageRecord* before, const storage::PageRecord& after,
                   const schema::Schema* schema = nullptr, WriteMode mode = WriteMode::kEdit);
  Status WriteDatabase(const Caller& caller, const storage::DatabaseRecord* before,
                       const storage::DatabaseRecord& after, WriteMode mode = WriteMode::kEdit);
  Status WriteDataSource(const Caller& caller, const storage::DataSourceRecord* before,
                         const storage::DataSourceRecord& after, WriteMode mode = WriteMode::kEdit);
  Status WriteBlock(const Caller& caller, const storage::BlockRecord* before, const storage::BlockRecord& after,
                    WriteMode mode = WriteMode::kEdit);
  Status WriteComment(const Caller& caller, const storage::CommentRecord& comment);
  Status AppendChange(const Caller& caller, std::string object, std::string id, std::string kind,
                      std::vector<std::string> properties);
  // Drops the stored values of properties whose type changed or that were removed, on
  // every page of the data source (databases/databases.cc).
  Status DropStaleValues(const Caller& caller, const std::string& source_id, const schema::Schema& before,
                         const schema::Schema& after);
  // Keeps the child_page / child_database row's trash flag equal to its page's or
  // database's (called by the write path).
  Status MirrorChildObjectTrash(const std::string& id, bool in_trash);

  // File uploads: the key that signs hosted file URLs (meta "file_url_secret", made on
  // first use), and the part size limit.
  Result<std::string> FileUrlSecret();
  Status AttachUploadsInFiles(const Caller& caller, json::value& files, std::string_view path);
  Status RenderFilesIn(const Caller& caller, json::value& files);
  // Attaches an icon or cover that names a file upload (api::NormalizeIcon's
  // {type:"file_upload"} form); other values are left alone.
  Status AttachIconOrCover(const Caller& caller, std::optional<json::value>& value, std::string_view path);
  storage::Txn& store_;
  ServiceState& state_;
  Access access_;
};

// Runs `fn(service)` for one request: begins a transaction of `mode`, makes a Service
// over it, and commits when `fn` succeeds. A failure rolls everything back; so does an
// exception, which becomes kInternalServerError, so that no path (API, admin, hosted
// files, CLI) can leave a transaction open.
//
// Without `on_durable`, the call returns once the commit is durable. With it, the call
// returns as soon as the transaction is committed into the store's group (so that the
// thread can serve the next request) and `on_durable` is called once it is durable, or
// with the error that lost it (storage::Txn::CommitAsync). It is called only when the
// result is OK.
template <class F>
auto RunInTxn(storage::Store& store, ServiceState& state, storage::TxnMode mode, F&& fn,
              storage::Txn::DurableCallback on_durable = nullptr) -> decltype(fn(std::declval<Service&>())) {
  try {
    auto txn = store.Begin(mode);
    if (!txn.ok()) return std::move(txn).error();
    Service service(**txn, state);
    auto result = fn(service);
    if (!result.ok()) return result;
    if (on_durable) {
      (*txn)->CommitAsync(std::move(on_durable));
      return result;
    }
    Status committed = (*txn)->Commit();
    if (!committed.ok()) return std::move(committed).error();
    return result;
  } catch (const std::exception& e) {
    return InternalError(std::string("unexpected exception: ") + e.what());
  }
}

// "Could not find <kind> with ID: <id>. Make sure the relevant pages and databases are
// shared with your integration."
Error NotFound(std::string_view kind, std::string_view id);

// Validates a path id: dashed lower-case UUID, or kValidationError naming path.<name>.
Result<std::string> PathId(std::string_view name, std::string_view raw);

}  // namespace localnotion::service
