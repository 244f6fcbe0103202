// POST /v1/search (https://developers.notion.com/reference/post-search): pages and
// databases (2022-06-28) or data sources (2025-09-03) shared with the integration whose
// title contains `query`, newest edit first unless `sort` says otherwise; trashed
// objects are left out. A bad body or an unknown start_cursor gives 400
// validation_error. Reads only.
#pragma once

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::search {

// The answer as JSON text (its pages written by Context::RenderPageText); Search reads it
// back as a value.
Result<std::string> SearchText(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> Search(Context& ctx, const Caller& caller, const json::value& body);

}  // namespace localnotion::service::search
