// Options shared by select, multi_select and status. An option is
// {id, name, color, description}; a page value refers to one by id or by name.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::schema {

// The option colors Notion accepts, in the order auto-created options cycle through.
bool IsOptionColor(std::string_view color);
std::string_view ColorForNewOption(size_t index);

// Parses a request's {"options":[...]} into stored options (ids and colors filled in).
Result<json::array> ParseOptions(std::string_view path, const json::value& config);

// Resolves a page value's option reference ({id} or {name}, optional color) at `path`.
// An unknown name is added to grown->config.options when `grown` is given (select and
// multi_select; `grown` starts as a copy of `def`); otherwise it is an error (status).
// Returns the option id.
Result<std::string> ResolveOption(std::string_view path, const json::value& ref, const PropertyDef& def,
                                  PropertyDef* grown);

// {id, name, color} of option `id`, or null when the option no longer exists.
json::value RenderOption(std::string_view id, const PropertyDef& def);

}  // namespace localnotion::schema
