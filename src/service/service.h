// The use cases behind the endpoints: request in, Result out. Nothing here knows HTTP.
// Each call runs inside a store unit opened by the caller (see Service::InUnit).
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
#include <vector>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "schema/property_type.h"
#include "storage/store.h"
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
};

// Pagination arguments as they arrive (query string or JSON body).
struct PageArgs {
  std::optional<std::string> start_cursor;
  std::optional<std::string> page_size;  // raw text, validated by the callee
};

class Service {
 public:
  explicit Service(storage::Store& store) : store_(store) {}

  // Runs `fn` inside a unit: its writes are kept only when it succeeds.
  template <class F>
  auto InUnit(F&& fn) -> decltype(fn()) {
    Status begun = store_.BeginUnit();
    if (!begun.ok()) return std::move(begun).error();
    auto result = fn();
    Status ended = store_.EndUnit(result.ok());
    if (!ended.ok()) return std::move(ended).error();
    return result;
  }

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

  // Returns kUnauthorized "API token is invalid." for an unknown token.
  Result<storage::IntegrationRecord> Authenticate(std::string_view token);

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

  // ---- File uploads (file_uploads.cc, file_upload_files.cc) ----
  // The largest single-part upload, and the largest part of a multi-part upload
  // (Notion: 20 MB). The server sizes its body limit for /send from the same value.
  void SetMaxUploadPartBytes(int64_t bytes) { max_part_bytes_ = bytes; }
  int64_t max_upload_part_bytes() const { return max_part_bytes_; }

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
  // A page with what it takes to show it.
  struct LoadedPage {
    storage::PageRecord page;
    DataSourcePtr source;  // null for a page outside any database
    DatabasePtr db;
    SchemaPtr schema;
    bool trashed = false;  // the page, its data source or its database is in the trash
  };
  Result<LoadedPage> LoadPage(const std::string& id);
  Result<LoadedPage> LoadRecord(storage::PageRecord page);
  Result<json::value> RenderPage(const Caller& caller, const LoadedPage& page,
                                 const std::vector<std::string>& filter_properties = {});
  // Every property value of the page as Notion shows it, keyed by property id.
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
  Result<DataSourcePtr> SourceForDatabaseParent(const std::string& database_id);
  Result<SchemaPtr> SchemaOf(const DataSourcePtr& source);
  Status SaveGrownDefinitions(const Caller& caller, const DataSourcePtr& source, std::vector<schema::PropertyDef> defs);
  Status SaveSchema(const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema);

  // File uploads: the key that signs hosted file URLs (meta "file_url_secret", made on
  // first use), and the part size limit.
  Result<std::string> FileUrlSecret();
  Status AttachUploadsInFiles(const Caller& caller, json::value& files, std::string_view path);
  Status RenderFilesIn(const Caller& caller, json::value& files);
  // Attaches an icon or cover that names a file upload (api::NormalizeIcon's
  // {type:"file_upload"} form); other values are left alone.
  Status AttachIconOrCover(const Caller& caller, std::optional<json::value>& value, std::string_view path);
  int64_t max_part_bytes_ = 20 * 1024 * 1024;
  storage::Store& store_;
  std::vector<std::string> tokens_;  // as given to Bootstrap, for Reset
  std::unordered_map<std::string, std::pair<DataSourcePtr, SchemaPtr>> schemas_;
};

// Parses page_size (default and maximum 100) with Notion's messages for `path`
// ("query.page_size" for query strings, "body.page_size" for JSON bodies).
Result<int> ParsePageSize(const std::optional<std::string>& raw, std::string_view path = "query.page_size");

// "Could not find <kind> with ID: <id>. Make sure the relevant pages and databases are
// shared with your integration."
Error NotFound(std::string_view kind, std::string_view id);

// Validates a path id: dashed lower-case UUID, or kValidationError naming path.<name>.
Result<std::string> PathId(std::string_view name, std::string_view raw);

}  // namespace localnotion::service
