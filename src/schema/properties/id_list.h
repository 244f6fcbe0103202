// Reads an array of {id} references (people, relation): at most 100 per request, each
// id a UUID. Returns the dashed lower-case ids, without duplicates, in request order.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::schema {

// `allowed_keys` lists the keys an item may carry besides "id" (e.g. "object").
Result<json::array> ReadIdList(std::string_view path, const json::value& value,
                               std::initializer_list<std::string_view> allowed_keys);

}  // namespace localnotion::schema
