// What every use case of the service works with (the use cases themselves are free
// functions in the resource folders beside core/, each taking a Context& first).
//
// A Context lives for one request: it is made over the request's transaction
// (storage/txn.h) and the process-wide ServiceState (service_state.h), and holds what
// the request may see and do (its access). Whoever makes it begins the transaction
// and commits it when the call succeeded (RunInTxn in service.h); it never outlives them.
//
// It holds the helpers the folders share: access (access.cc), loading (loader.cc),
// rendering (render.cc, files.cc), writing (writer.cc) and errors (errors.cc).
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

#include "api/objects.h"
#include "api/version.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "schema/property_type.h"
#include "service/core/capabilities.h"
#include "service/service_state.h"
#include "storage/store.h"
#include "storage/txn.h"

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

// A page with what it takes to show it.
// The data source, database and schema of pages listed together in one transaction
// (query results, search hits): read for the first of them, then reused for the others
// of the same data source (Context::LoadShownRecord).
struct PageParents {
  DataSourcePtr source;
  DatabasePtr db;
  SchemaPtr schema;
};

struct LoadedPage {
  storage::PageRecord page;
  DataSourcePtr source;  // null for a page outside any database
  DatabasePtr db;
  SchemaPtr schema;
  bool trashed = false;           // the page, its data source or its database is in the trash
  bool ancestor_trashed = false;  // a page or block above it is in the trash (blocks/)
  // A page loaded only to be shown (Context::LoadPageToShow, LoadShownRecord): the record
  // as the store keeps it, not copied, and `page` is then left empty; read the record
  // through Record(). Null otherwise.
  std::shared_ptr<const storage::PageRecord> shown;
  // The page's record, wherever it is.
  const storage::PageRecord& Record() const { return shown ? *shown : page; }
  // The page's stored values, wherever they are.
  const json::object& Properties() const { return Record().properties; }
  // The stored values a renderer may move from: none when they are the store's.
  json::object* TakeableProperties() { return shown ? nullptr : &page.properties; }
};

// THE write path for Notion objects (writer.cc): the only caller of the store's
// PutPage, PutDatabase, PutDataSource, PutBlock, PutComment, DeleteComment, PutView and DeleteView. An edit records
// page history and appends to the change outbox in the same transaction; an import (fixtures) stores only. kNoHistory:
// a write the page did not ask for (values dropped with their property).
enum class WriteMode { kEdit, kNoHistory, kImport };

// The path of the hosted file links RenderFileObject hands out (files.cc), read back by
// uploads/attachments.cc and served by http/hosted_files.cc.
inline constexpr std::string_view kHostedFilesPrefix = "/_localnotion/files/";

// The signature of a hosted file link (files.cc): HMAC-SHA-256 under the file URL secret
// of upload id, filename (as stored, not percent-encoded) and expiry (unix seconds, as
// written in the link), joined by "\n". A filename cannot hold "\n" unnoticed: the id
// is a UUID and the expiry digits.
std::string HostedFileSignature(std::string_view secret, std::string_view upload_id, std::string_view filename,
                                std::string_view expires);

class Context {
 public:
  Context(storage::Txn& txn, ServiceState& state) : store_(txn), state_(state) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // The request's transaction and the process-wide state.
  storage::Txn& store() { return store_; }
  ServiceState& state() { return state_; }

  // ---- Access (access.cc) ----
  // Returns kUnauthorized "API token is invalid." for an unknown token. The rest of the
  // unit acts for the integration found: it sees only what is shared with it, with its
  // capabilities.
  Result<storage::IntegrationRecord> Authenticate(std::string_view token);
  // Authenticate for a token already hashed (TokenHashes::HashOf), as the pipeline has it.
  Result<storage::IntegrationRecord> AuthenticateHash(std::string_view token_hash);
  // The capabilities the current unit acts with (all of them before Authenticate).
  const Capabilities& ActingCapabilities() const { return access_.caps; }
  // Narrows the unit to what `integration` can see and do.
  Status ActFor(const storage::IntegrationRecord& integration);
  // Whether the object (kind "page", "database" or "data_source") is shared with the
  // acting integration, directly or through an ancestor. Missing objects are not visible.
  // `page`, when given, is the record of the page `id` the caller holds: its parent is
  // taken from it rather than read again. Ancestors are read as shown (GetPageShared), so
  // that a write does not take them out of the page cache.
  Result<bool> Visible(std::string_view kind, const std::string& id, const storage::PageRecord* page = nullptr);
  // The database or data source with that id if the caller may see it; otherwise
  // NotFound("database" / "data source"), as if it did not exist.
  Result<DatabasePtr> LoadDatabase(const std::string& id);
  Result<DataSourcePtr> LoadDataSource(const std::string& id);
  // An object created at the workspace level is shared with the integration creating it.
  Status ShareCreated(const std::string& id, std::string_view parent_type);
  // {object, id} instead of the full object when the caller lacks read content.
  bool ReadsContent() const { return access_.caps.read_content; }

  // ---- Loading (loader.cc) ----
  // A visible page; a database id gives kValidationError "Provided ID ... is a database,
  // not a page. ...", anything else NotFound("page").
  Result<LoadedPage> LoadPage(const std::string& id);
  // LoadPage for a page that is only shown (GET /v1/pages/{id}): its values are the
  // store's record (LoadedPage::shown, Txn::GetPageShared), not a copy.
  Result<LoadedPage> LoadPageToShow(const std::string& id);
  Result<LoadedPage> LoadRecord(storage::PageRecord page);
  // LoadRecord for a record only shown (a page of query results, Txn::GetPagesShared).
  // With `parents`, a page of the data source they hold takes them instead of reading
  // them again, and a page of another data source leaves its own there for the next.
  Result<LoadedPage> LoadShownRecord(std::shared_ptr<const storage::PageRecord> shown, PageParents* parents = nullptr);
  // What LoadRecord finds for the page (LoadedPage::Record()): its data source, database,
  // schema and trash state.
  Status LoadParents(LoadedPage& loaded);
  // The parsed schema of the data source (cached in ServiceState); the standalone page
  // schema for null.
  Result<SchemaPtr> SchemaOf(const DataSourcePtr& source);
  // The one data source of a database named as a parent (2022-06-28); several give
  // kValidationError "Databases with multiple data sources are not supported ...".
  Result<DataSourcePtr> SourceForDatabaseParent(const std::string& database_id);
  // Whether the page or block (parent_type "page_id" / "block_id") or anything above it is
  // in the trash.
  Result<bool> ContainerTrashed(const std::string& parent_type, const std::string& parent_id);

  // ---- Rendering (render.cc) ----
  Result<json::value> RenderPage(const Caller& caller, const LoadedPage& page,
                                 const std::vector<std::string>& filter_properties = {});
  // The same answer, from a page the caller no longer needs: its stored values may be
  // moved into the answer rather than copied (schema::PropertyType::RenderTaking).
  Result<json::value> RenderPage(const Caller& caller, LoadedPage&& page,
                                 const std::vector<std::string>& filter_properties = {});
  // The same answer as JSON text (api::WritePage), for the routes that answer text
  // (http/routes.h api_text: a page, a query, a search): the page object is written, not
  // built and then written.
  Result<std::string> RenderPageText(const Caller& caller, LoadedPage&& page,
                                     const std::vector<std::string>& filter_properties = {});
  // The same, leaving the page's values as they are (a PATCH hands its page over to the
  // store afterwards: KeepWrittenPage).
  Result<std::string> RenderPageText(const Caller& caller, const LoadedPage& page,
                                     const std::vector<std::string>& filter_properties = {});
  // Every property value of the page as Notion shows it, keyed by property id.
  Result<json::object> RenderValues(const Caller& caller, const LoadedPage& page, int depth);
  Result<json::value> RenderUserById(const std::string& id);
  // The same user as JSON text, written to `w`; nothing is written when it fails.
  Status WriteUserById(const std::string& id, JsonWriter& w);
  // Fills the plain_text of the mentions in a complete rich text array as the caller
  // may see them (render.cc): what it cannot see reads "Untitled" (pages, databases,
  // with default annotations) or "@Anonymous" (users, without user information).
  Status NameMentions(json::array& rich_text);
  Result<json::object> RenderSchema(const DataSourcePtr& source, api::ApiVersion version);
  Result<json::value> RenderDatabaseObject(const Caller& caller, const DatabasePtr& db);
  Result<json::value> RenderDataSourceObject(const Caller& caller, const DataSourcePtr& source);

  // ---- Hosted files (files.cc) ----
  // THE way stored data is shown: a stored form from uploads::AttachFileUpload becomes
  // Notion's hosted file {type:"file", file:{url, expiry_time}} (other keys such as
  // `name` kept), whose url is a link to GET /_localnotion/files/{id}/{filename}, signed
  // and valid for an hour. Anything else (emoji, external files, null) is returned
  // unchanged.
  Result<json::value> RenderFileObject(const Caller& caller, const json::value& stored);
  // RenderFileObject on each entry of a files property value.
  Status RenderFilesIn(const Caller& caller, json::value& files);
  // Whether RenderFilesIn would change `files`: an entry of it is an attached upload in its
  // stored form, which is shown with a signed link.
  static bool HoldsHostedFile(const json::value& files);
  // The key that signs hosted file URLs (meta "file_url_secret", made on first use).
  Result<std::string> FileUrlSecret();

  // ---- Writing (writer.cc) ----
  // `before` is null for a creation. `touched`, when given, lists every property id whose
  // value may differ between `before` and `after`; `before->properties` then needs to hold
  // only those ids' old values (every other value is, by the caller's word, the same as
  // after's), which spares a PATCH a copy and a compare of the whole page.
  Status WritePage(const Caller& caller, const storage::PageRecord* before, const storage::PageRecord& after,
                   const schema::Schema* schema = nullptr, WriteMode mode = WriteMode::kEdit,
                   const std::vector<std::string>* touched = nullptr);
  Status WriteDatabase(const Caller& caller, const storage::DatabaseRecord* before,
                       const storage::DatabaseRecord& after, WriteMode mode = WriteMode::kEdit);
  Status WriteDataSource(const Caller& caller, const storage::DataSourceRecord* before,
                         const storage::DataSourceRecord& after, WriteMode mode = WriteMode::kEdit);
  Status WriteBlock(const Caller& caller, const storage::BlockRecord* before, const storage::BlockRecord& after,
                    WriteMode mode = WriteMode::kEdit);
  Status WriteComment(const Caller& caller, const storage::CommentRecord& comment, WriteMode mode = WriteMode::kEdit);
  Status UpdateComment(const Caller& caller, const storage::CommentRecord& comment);
  // Each comment change carries the comment's parent (type, id): its webhook event needs
  // it, and the comment may be gone by the time the event is made.
  Status DeleteComment(const Caller& caller, const storage::CommentRecord& comment);
  // Database views (views/): stored with an outbox row "view" created / updated /
  // deleted. A view has no page history.
  // The outbox row's `properties` hold the view's database id first, then for "created"
  // its type, for "updated" the fields of view.updated that changed (name, filter, sorts,
  // configuration), for the webhook events (webhooks/events.cc).
  Status WriteView(const Caller& caller, const storage::ViewRecord* before, const storage::ViewRecord& after,
                   WriteMode mode = WriteMode::kEdit);
  Status DeleteView(const Caller& caller, const storage::ViewRecord& view);
  // `history`: the page history entry the change carries (pages only).
  Status AppendChange(const Caller& caller, std::string object, std::string id, std::string kind,
                      std::vector<std::string> properties,
                      std::optional<storage::PageHistoryRecord> history = std::nullopt);
  // Keeps the child_page / child_database row's trash flag equal to its page's or
  // database's (called by the write path).
  Status MirrorChildObjectTrash(const std::string& id, bool in_trash);

 private:
  // What the current unit may see and do (access.cc).
  struct Access {
    bool everything = true;  // the whole workspace is shared
    std::string integration_id;
    std::unordered_set<std::string> shares;  // page and database ids shared
    Capabilities caps = Capabilities::All();
    std::unordered_map<std::string, bool> seen;  // visibility worked out in this unit
  };
  // The history entry of a page write (writer.cc), stored with its change record;
  // nullopt when history is off or nothing recorded changed. `before` is null for a
  // creation. `schema` is the page's schema when the caller has it at hand (else it is
  // loaded).
  // `changed` holds the sorted ids of the properties whose stored value differs between
  // the records (as the outbox records them), exactly: they are not compared again.
  Result<std::optional<storage::PageHistoryRecord>> PageHistoryEntry(const Caller& caller,
                                                                     const storage::PageRecord* before,
                                                                     const storage::PageRecord& after,
                                                                     const std::vector<std::string>& changed,
                                                                     const schema::Schema* schema = nullptr);

  // RenderValues and RenderPage; with `takeable` (the page's own stored properties, which
  // the caller gives up) values are moved from it.
  Result<json::object> RenderValuesFrom(const Caller& caller, const LoadedPage& page, int depth,
                                        json::object* takeable);
  // What RenderPage and RenderPageText show of the page, its values rendered, into `view`
  // (filled in place: a page object's view costs hundreds of instructions to move).
  Status PageViewFrom(const Caller& caller, const LoadedPage& page, const std::vector<std::string>& filter_properties,
                      json::object* takeable, api::PageView& view);
  // Both RenderPageText: `takeable` as for PageViewFrom.
  Result<std::string> RenderPageTextFrom(const Caller& caller, const LoadedPage& page,
                                         const std::vector<std::string>& filter_properties, json::object* takeable);
  // The page object's members but `title` and `properties` (PageViewFrom's first part),
  // into `view`.
  Status PageShell(const Caller& caller, const LoadedPage& page, api::PageView& view);
  // LoadPage's answer when the page is missing or not visible (`exists` false, or no share).
  Status CheckPageLoadable(const std::string& id, const storage::PageRecord* page);
  // What Render's types need to know of the page and the caller.
  schema::RenderContext RenderContextOf(const Caller& caller, const LoadedPage& page);
  // One property's value as the page object shows it, {id, type, <type>: ...} in `value`
  // (RenderValuesFrom's each, formulas excepted: they read the others).
  Status RenderValue(const Caller& caller, const LoadedPage& page, const schema::PropertyDef& def,
                     const schema::PropertyType& type, const schema::RenderContext& ctx, int depth,
                     json::object* takeable, json::object& value);
  // The page's `title` and, as JSON text, its `properties` (render_text.cc), for a schema
  // without formulas.
  Status WriteValuesText(const Caller& caller, const LoadedPage& page,
                         const std::vector<std::string>& filter_properties, api::PageView& view);

  storage::Txn& store_;
  ServiceState& state_;
  Access access_;
};

// Cuts a rendered value {id, type, <type>: ...} to the references a page object shows
// (render.cc): 25 people or relations (relations then say `has_more`), 25 mentions.
void LimitReferences(json::object& value);

// A user record as api::RenderUser takes it (render.cc; users/ shows users with it).
api::UserView ToUserView(const storage::UserRecord& u);

// An answer written as text (RenderPageText) read back as a JSON value, for the service
// functions that also give their answer as a value (render.cc).
Result<json::value> AnswerValue(const std::string& text);

// ---- Errors (errors.cc) ----
// "Could not find <kind> with ID: <id>. Make sure the relevant pages and databases are
// shared with your integration."
Error NotFound(std::string_view kind, std::string_view id);

// Validates a path id: dashed lower-case UUID, or kValidationError naming path.<name>.
Result<std::string> PathId(std::string_view name, std::string_view raw);

}  // namespace localnotion::service
