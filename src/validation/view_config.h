// The `configuration` of a view in POST /v1/views and PATCH /v1/views/{id}
// (https://developers.notion.com/guides/data-apis/working-with-views#view-configuration;
// the SDK's `*ViewConfigRequest` types in src/api-endpoints/common.ts). A configuration
// is a union keyed on `type`, which must equal the view's type; each type allows its own
// keys, some required (board: group_by; calendar and timeline: date_property_id; chart:
// chart_type), most nullable (null clears the setting). A dashboard's configuration is
// read-only: no request may set it. Property references (property_id, ...) are only
// checked for shape here; the service resolves them against the data source.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

// The view types of Notion, in its order.
inline constexpr std::string_view kViewTypes[] = {"table",   "board", "list",  "calendar", "timeline",
                                                  "gallery", "form",  "chart", "map",      "dashboard"};
// "`\"table\"`, `\"board\"`, ..., or `\"dashboard\"`".
std::string_view ViewTypeExpectation();

// Checks `config` (at "body.configuration") for a view of `view_type`.
Status CheckViewConfiguration(const json::value& config, std::string_view view_type);

// The stored configuration after applying `patch` to `current` (null when unset):
// Notion's shallow merge. Keys of the patch replace the current ones, a null removes
// one, keys the patch does not name are kept. The result is null when only `type` is left
// and the view had none.
json::value MergeViewConfiguration(const json::value& current, const json::object& patch);

}  // namespace localnotion::validation
