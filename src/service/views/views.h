// Database views (https://developers.notion.com/guides/data-apis/working-with-views; the
// SDK's src/api-endpoints/views.ts), from Notion-Version 2025-09-03 on:
//   GET/POST /v1/views, GET/PATCH/DELETE /v1/views/{id}                  (views.cc)
//   POST /v1/views/{id}/queries, GET/DELETE /v1/views/{id}/queries/{qid} (view_queries.cc)
//   filters, sorts, quick filters and property references of a view     (view_settings.cc)
//   dashboards and their widget layout                                    (dashboards.cc)
//
// A view belongs to a database and is over one of its data sources (or, linked, another
// database's); it is seen exactly when its database is: an unshared database gives 404
// object_not_found for the view, never 403. Its filter and sorts are checked against the
// data source's schema as a data source query's are (the same messages), its
// configuration by validation/view_config.h, property references resolved by id, then by
// name, to ids. A view query evaluates the view's filter, quick filters and sorts through
// the data source query engine once and keeps the ordered result for
// ServiceOptions::view_query_ttl_ms (ViewQueries). Writes go through the write path
// (Context::WriteView, an outbox row "view"). Errors Notion does not document are chosen
// in docs/compat.md ("Views").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::views {

Result<json::value> ListViews(Context& ctx, const Caller& caller, const std::optional<std::string>& database_id,
                              const std::optional<std::string>& data_source_id, const PageArgs& page);
Result<json::value> CreateView(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> GetView(Context& ctx, const Caller& caller, std::string_view view_id);
Result<json::value> UpdateView(Context& ctx, const Caller& caller, std::string_view view_id, const json::value& body);
Result<json::value> DeleteView(Context& ctx, const Caller& caller, std::string_view view_id);

Result<json::value> CreateViewQuery(Context& ctx, const Caller& caller, std::string_view view_id,
                                    const json::value& body);
Result<json::value> GetViewQueryResults(Context& ctx, const Caller& caller, std::string_view view_id,
                                        std::string_view query_id, const PageArgs& page);
Result<json::value> DeleteViewQuery(Context& ctx, const Caller& caller, std::string_view view_id,
                                    std::string_view query_id);

// ---- Inside views/ ----
// The view if the caller may see its database; otherwise NotFound("view").
Result<storage::ViewRecord> LoadView(Context& ctx, const std::string& id);
json::value RenderViewObject(const storage::ViewRecord& view);

// view_settings.cc. Each checks the part of a request against the data source's schema
// and returns it as stored (property names in the configuration become ids).
Status CheckViewFilter(Context& ctx, const DataSourcePtr& source, const json::value& filter);
Status CheckViewSorts(Context& ctx, const DataSourcePtr& source, const json::value& sorts);
Status CheckQuickFilter(Context& ctx, const DataSourcePtr& source, const std::string& key,
                        const json::value& condition);
Result<json::object> ResolveConfiguration(Context& ctx, const DataSourcePtr& source, const json::object& config);
// The filter a query of the view runs: its filter and its quick filters, all of them,
// with the multi-value select/status conditions Notion allows in views spelled out as
// and/or (null when there is nothing to filter).
json::value QueryFilterOf(const storage::ViewRecord& view);
// A select, status or multi_select condition's values as the engine reads them.
json::value ExpandMultiValues(const json::value& filter);

// dashboards.cc: a widget's place in its dashboard's layout.
Status PlaceWidget(Context& ctx, const Caller& caller, const storage::ViewRecord& dashboard,
                   const std::string& widget_id, const std::string& placement, std::optional<int64_t> row_index);
Status RemoveWidget(Context& ctx, const Caller& caller, const std::string& dashboard_id, const std::string& widget_id);

}  // namespace localnotion::service::views
