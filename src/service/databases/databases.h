// Databases and data sources
// (https://developers.notion.com/reference/database, https://developers.notion.com/reference/data-source,
// https://developers.notion.com/docs/upgrade-guide-2025-09-03):
//   POST/GET/PATCH /v1/databases, POST/GET/PATCH /v1/data_sources      (databases.cc)
//   schemas in requests: create and update                               (schema_requests.cc)
//   POST /v1/databases/{id}/query (2022-06-28),
//   POST /v1/data_sources/{id}/query (2025-09-03)                        (query.cc)
//   the snapshots queries page through                                   (query_snapshots.h)
//
// A database is a container with one or more data sources; each data source has its
// own schema. 2022-06-28 shows a database with the schema of its one data source and
// refuses database-level calls for databases with several (400 validation_error
// "Databases with multiple data sources are not supported in this API version.").
// Other errors: path ids that are not UUIDs and bad bodies give 400 validation_error
// with Notion's "body failed validation" grammar; unknown or unshared databases and data
// sources give 404 object_not_found; a page id where a database is expected gives
// "Provided ID ... is a page, not a database. ..."; an edit of a trashed database or
// data source gives "Can't edit block that is archived. ..."; a query whose evaluation
// outlives the request's budget gives 504 (common/deadline.h). They may touch databases,
// data sources, the stored values of pages whose property changed type or was removed,
// the synced side of dual relations, and the child_database block of a database they
// create.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::databases {

Result<json::value> CreateDatabase(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> GetDatabase(Context& ctx, const Caller& caller, std::string_view database_id);
Result<json::value> UpdateDatabase(Context& ctx, const Caller& caller, std::string_view database_id,
                                   const json::value& body);
Result<json::value> CreateDataSource(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> GetDataSource(Context& ctx, const Caller& caller, std::string_view data_source_id);
Result<json::value> UpdateDataSource(Context& ctx, const Caller& caller, std::string_view data_source_id,
                                     const json::value& body);
// Queries a data source, named directly or (2022-06-28) through its database. The answer
// is JSON text (its pages written by Context::RenderPageText); QueryDataSource reads it
// back as a value.
Result<std::string> QueryDataSourceText(Context& ctx, const Caller& caller, std::string_view id, bool by_database,
                                        const json::value& body, const std::vector<std::string>& filter_properties);
Result<json::value> QueryDataSource(Context& ctx, const Caller& caller, std::string_view id, bool by_database,
                                    const json::value& body, const std::vector<std::string>& filter_properties);

// ---- Shared with views/ ----
// The ordered ids of the pages of `source` that pass `filter` and `sorts` (either may be
// null: none), at most the result limit (`incomplete` past it): what a query of the data
// source would page through (query.cc). Errors as a data source query's.
Result<std::shared_ptr<const QuerySnapshot>> EvaluateDataSource(Context& ctx, const Caller& caller,
                                                                const DataSourcePtr& source, const json::value* filter,
                                                                const json::value* sorts);

// A new database's first view, a table named "Default view" over `data_source_id`, as
// Notion gives every database it creates
// (https://developers.notion.com/guides/data-apis/working-with-views#default-behavior).
Status CreateDefaultView(Context& ctx, const Caller& caller, const storage::DatabaseRecord& db,
                         const std::string& data_source_id, storage::ViewRecord* out = nullptr);

// ---- Shared with admin/ ----
// A rollup names its relation and the rolled-up property by name or id; fills in both
// (schema_requests.cc). Also run on fixture schemas (admin/fixtures_import.cc).
Status ResolveRollups(Context& ctx, schema::Schema& schema);

}  // namespace localnotion::service::databases
