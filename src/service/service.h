// The use cases behind the endpoints: request in, Result out. Nothing here knows HTTP.
// Each call runs inside a store unit opened by the caller (see Service::InUnit).
//
// Errors: path ids that are not UUIDs give kValidationError ("path failed validation:
// path.<name> should be a valid uuid ..."); unknown or unshared objects give
// kObjectNotFound with Notion's text; body problems give kValidationError.
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "storage/store.h"

namespace localnotion::service {

using DatabasePtr = std::shared_ptr<const storage::DatabaseRecord>;
using SchemaPtr = std::shared_ptr<const schema::Schema>;

// Who is calling: the integration behind the bearer token, and the Notion-Version.
struct Caller {
  storage::IntegrationRecord integration;
  api::ApiVersion version = api::ApiVersion::k2025_09_03;
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

  Result<json::value> CreateDatabase(const Caller& caller, const json::value& body);
  Result<json::value> GetDatabase(const Caller& caller, std::string_view database_id);
  Result<json::value> GetDataSource(const Caller& caller, std::string_view data_source_id);

 private:
  struct LoadedPage;
  Result<LoadedPage> LoadPage(const std::string& id);
  Result<json::value> RenderPage(const Caller& caller, const storage::PageRecord& page, const DatabasePtr& db,
                                 const std::vector<std::string>& filter_properties = {});
  Result<json::value> RenderUserById(const std::string& id);
  Result<json::object> RenderSchema(const storage::DatabaseRecord& db, api::ApiVersion version);
  Result<schema::Schema> ParseSchemaRequest(const Caller& caller, const json::value& properties,
                                            std::string_view path);
  Status ResolveRollups(schema::Schema& schema);
  Result<DatabasePtr> ParentDatabaseOf(const storage::PageRecord& page);
  // The parsed schema of `db`, or of a page outside any database when `db` is null.
  // Parsed once per stored record: records are immutable snapshots (storage/store.h).
  Result<SchemaPtr> SchemaOf(const DatabasePtr& db);
  // Saves `defs` into the schema of `db` (options created by a page write).
  Status SaveGrownDefinitions(const Caller& caller, const DatabasePtr& db, std::vector<schema::PropertyDef> defs);

  storage::Store& store_;
  std::unordered_map<std::string, std::pair<DatabasePtr, SchemaPtr>> schemas_;
};

// Parses page_size (default and maximum 100) with Notion's query messages.
Result<int> ParsePageSize(const std::optional<std::string>& raw);

// "Could not find <kind> with ID: <id>. Make sure the relevant pages and databases are
// shared with your integration."
Error NotFound(std::string_view kind, std::string_view id);

// Validates a path id: dashed lower-case UUID, or kValidationError naming path.<name>.
Result<std::string> PathId(std::string_view name, std::string_view raw);

}  // namespace localnotion::service
