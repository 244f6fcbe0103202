// The bodies of the Views API (https://developers.notion.com/guides/data-apis/working-with-views;
// the SDK's CreateViewRequest, UpdateViewRequest and CreateViewQueryRequest in
// src/api-endpoints/common.ts):
//   POST /v1/views                  data_source_id, name, type, exactly one of database_id
//                                   (with position?), view_id (a dashboard, with
//                                   placement?) or create_database; filter?, sorts?,
//                                   quick_filters?, configuration?
//   PATCH /v1/views/{id}            name?, filter?|null, sorts?|null (property sorts),
//                                   quick_filters?|null (a key set to null is removed),
//                                   configuration? (shallow merge)
//   POST /v1/views/{id}/queries     page_size?
// Keys are checked in the body's order; ids may have dashes or not. The filter, sorts and
// quick filters are only located here: their meaning depends on the data source's schema
// (query/filter.h, query/sort.h), which the service knows.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

enum class ViewTarget { kDatabase, kDashboard, kCreateDatabase };

struct CreateViewBody {
  std::string data_source_id;
  std::string name;
  std::string type;
  ViewTarget target = ViewTarget::kDatabase;
  std::string database_id;  // kDatabase
  std::string view_id;      // kDashboard: the dashboard
  // kCreateDatabase: the page the linked database goes on, and the block it follows.
  std::string parent_page_id;
  std::optional<std::string> after_block_id;
  // kDatabase: "start", "end" (the default) or "after_view" (after `after_view_id`).
  std::string position = "end";
  std::string after_view_id;
  // kDashboard: "new_row" (the default) or "existing_row", at `row_index` (absent: a new
  // row at the end).
  std::string placement = "new_row";
  std::optional<int64_t> row_index;
  const json::value* filter = nullptr;  // into the body; nullptr when absent
  const json::value* sorts = nullptr;
  const json::value* quick_filters = nullptr;
  const json::value* configuration = nullptr;
};

Result<CreateViewBody> ReadCreateViewBody(const json::value& body);
// The result points into `body`, so a temporary body would leave it dangling.
Result<CreateViewBody> ReadCreateViewBody(json::value&& body) = delete;

struct UpdateViewBody {
  std::optional<std::string> name;
  // Into the body when the key is present (it may be JSON null: clear); else nullptr.
  const json::value* filter = nullptr;
  const json::value* sorts = nullptr;
  const json::value* quick_filters = nullptr;
  const json::value* configuration = nullptr;
};

// `view_type` is the type of the view being updated (its configuration must keep it).
Result<UpdateViewBody> ReadUpdateViewBody(const json::value& body, std::string_view view_type);
// The result points into `body`, so a temporary body would leave it dangling.
Result<UpdateViewBody> ReadUpdateViewBody(json::value&& body, std::string_view view_type) = delete;

// The shape of quick filters at `path`: an object whose values are objects (or null when
// `nulls_allowed`, on update).
Status CheckQuickFiltersShape(const json::value& v, bool nulls_allowed);

// The page_size of POST /v1/views/{id}/queries (100 when absent).
Result<int> ReadViewQueryBody(const json::value& body);

}  // namespace localnotion::validation
