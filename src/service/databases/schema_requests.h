// Inside databases/: schemas in requests (schema_requests.cc), for databases.cc.
#pragma once

#include <string_view>

#include "service/core/context.h"

namespace localnotion::service::databases {

// The `properties` of a create request at `base_path`; a schema without a title
// property gets one called "Name".
Result<schema::Schema> ParseSchemaRequest(Context& ctx, const Caller& caller, const json::value& properties,
                                          std::string_view base_path);
// Applies a schema request to the schema of `source` (or to an empty schema when
// creating).
Result<schema::Schema> ApplySchemaUpdate(Context& ctx, const Caller& caller, const DataSourcePtr& source,
                                         const json::value& properties, std::string_view base_path);

}  // namespace localnotion::service::databases
