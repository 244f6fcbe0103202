// Users (https://developers.notion.com/reference/get-users):
//   GET /v1/users/me, GET /v1/users/{id}, GET /v1/users
// What a user object shows depends on the integration's user capabilities
// (core/capabilities.h): without email addresses persons show `person: {}`. An unknown
// user gives 404 object_not_found; a bad id, page_size or start_cursor gives 400
// validation_error. Reads only.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::users {

Result<json::value> GetSelf(Context& ctx, const Caller& caller);
Result<json::value> GetUser(Context& ctx, const Caller& caller, std::string_view user_id);
Result<json::value> ListUsers(Context& ctx, const Caller& caller, const PageArgs& args);

}  // namespace localnotion::service::users
