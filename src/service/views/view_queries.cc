// POST /v1/views/{id}/queries, GET and DELETE /v1/views/{id}/queries/{query_id}
// (https://developers.notion.com/guides/data-apis/working-with-views#querying-a-view):
// a view query runs the view's filter, quick filters and sorts once, keeps the ordered
// result for ServiceOptions::view_query_ttl_ms, and pages through it; a cursor is the id
// of the first page of the next page of results. Deleting a query is idempotent.
#include <algorithm>

#include <fmt/format.h>

#include "api/view_objects.h"
#include "common/uuid.h"
#include "service/databases/databases.h"
#include "service/views/views.h"
#include "validation/pagination.h"
#include "validation/view_body.h"

namespace localnotion::service::views {
namespace {

std::vector<std::string> Slice(const std::vector<std::string>& ids, size_t start, size_t end) {
  return std::vector<std::string>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                  ids.begin() + static_cast<std::ptrdiff_t>(end));
}

}  // namespace

Result<json::value> CreateViewQuery(Context& ctx, const Caller& caller, std::string_view raw_id,
                                    const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("view_id", raw_id));
  LN_ASSIGN_OR_RETURN(storage::ViewRecord view, LoadView(ctx, id));
  LN_ASSIGN_OR_RETURN(int page_size, validation::ReadViewQueryBody(body));
  if (view.data_source_id.empty()) {
    return ValidationError("A dashboard view cannot be queried: query the views of its widgets instead.");
  }
  LN_ASSIGN_OR_RETURN(DataSourcePtr source, ctx.LoadDataSource(view.data_source_id));
  const json::value filter = QueryFilterOf(view);
  const json::value* sorts = view.sorts.is_array() ? &view.sorts : nullptr;
  LN_ASSIGN_OR_RETURN(auto snapshot,
                      databases::EvaluateDataSource(ctx, caller, source, filter.is_null() ? nullptr : &filter, sorts));
  auto result = std::make_shared<ViewQueryResult>();
  result->id = NewUuid();
  result->view_id = view.id;
  result->integration_id = caller.integration.id;
  result->ids = snapshot->ids;
  result->incomplete = snapshot->incomplete;
  result->expires_at = NowMillis() + ctx.state().options.view_query_ttl_ms;
  ctx.state().view_queries.Put(result);

  const size_t end = std::min(result->ids.size(), static_cast<size_t>(page_size));
  return json::value(api::RenderViewQuery(api::ViewQueryView{
      .id = result->id,
      .view_id = view.id,
      .expires_at = result->expires_at,
      .total_count = result->ids.size(),
      .page_ids = Slice(result->ids, 0, end),
      .next_cursor = end < result->ids.size() ? std::optional<std::string>(result->ids[end]) : std::nullopt,
      .incomplete = result->incomplete}));
}

Result<json::value> GetViewQueryResults(Context& ctx, const Caller& caller, std::string_view raw_view_id,
                                        std::string_view raw_query_id, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(std::string view_id, PathId("view_id", raw_view_id));
  LN_ASSIGN_OR_RETURN(std::string query_id, PathId("query_id", raw_query_id));
  LN_ASSIGN_OR_RETURN(validation::Pagination page, validation::ReadPagination(args.start_cursor, args.page_size,
                                                                              validation::PaginationSource::kQuery));
  LN_RETURN_IF_ERROR(LoadView(ctx, view_id));
  auto query = ctx.state().view_queries.Find(query_id, NowMillis());
  // An expired, deleted or unknown query, or one of another view or integration: Notion
  // does not document the answer; see docs/compat.md.
  if (!query || query->view_id != view_id || query->integration_id != caller.integration.id) {
    return NotFound("view query", query_id);
  }
  LN_ASSIGN_OR_RETURN(auto cursor, validation::ReadUuidCursor(page.start_cursor, validation::PaginationSource::kQuery));
  size_t start = 0;
  if (cursor) {
    auto it = std::find(query->ids.begin(), query->ids.end(), *cursor);
    if (it == query->ids.end()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *page.start_cursor));
    }
    start = static_cast<size_t>(it - query->ids.begin());
  }
  const size_t end = std::min(query->ids.size(), start + static_cast<size_t>(page.page_size));
  return json::value(api::RenderViewQueryPage(
      Slice(query->ids, start, end),
      end < query->ids.size() ? std::optional<std::string>(query->ids[end]) : std::nullopt, query->incomplete));
}

Result<json::value> DeleteViewQuery(Context& ctx, const Caller& caller, std::string_view raw_view_id,
                                    std::string_view raw_query_id) {
  LN_ASSIGN_OR_RETURN(std::string view_id, PathId("view_id", raw_view_id));
  LN_ASSIGN_OR_RETURN(std::string query_id, PathId("query_id", raw_query_id));
  // Idempotent: an expired, deleted or unknown query is deleted as well. Only the
  // integration that made a query can delete it.
  auto query = ctx.state().view_queries.Find(query_id, NowMillis());
  if (query && query->view_id == view_id && query->integration_id == caller.integration.id) {
    ctx.state().view_queries.Remove(query_id);
  }
  return json::value(api::RenderDeletedViewQuery(query_id));
}

}  // namespace localnotion::service::views
