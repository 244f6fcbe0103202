// Maps a property type name ("rich_text") to its implementation.
#pragma once

#include <string_view>
#include <vector>

#include "schema/property_type.h"

namespace localnotion::schema {

// Returns nullptr for an unknown type name.
const PropertyType* FindType(std::string_view name);

// The writable value keys in the order Notion lists them in a "Fix one:" message for a
// property value that names none of them.
const std::vector<std::string_view>& WritableTypeOrder();

}  // namespace localnotion::schema
