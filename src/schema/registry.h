// Maps a property type name ("rich_text") to its implementation.
#pragma once

#include <string_view>
#include <vector>

#include "schema/property_def.h"
#include "schema/property_type.h"

namespace localnotion::schema {

// Returns nullptr for an unknown type name.
const PropertyType* FindType(std::string_view name);

// FindType(def.type), as SchemaFromStored derived it when it did (property_def.h).
inline const PropertyType* TypeOf(const PropertyDef& def) {
  return def.derived.type != nullptr ? def.derived.type : FindType(def.type);
}

// The writable value keys in the order Notion lists them in a "Fix one:" message for a
// property value that names none of them, as `version` lists them (api/version.h,
// ListsPlaceAndVerification). The default, the newest version, names every writable type.
const std::vector<std::string_view>& WritableTypeOrder(api::ApiVersion version = api::kNewestApiVersion);

// The filter keys of a property filter, in the order Notion lists them in a "Fix one:"
// message for a filter object that names none of them (query/QUERY.md): each filterable
// type's own key, plus formula and rollup, which have a grammar of their own.
const std::vector<std::string_view>& FilterKeyOrder();

}  // namespace localnotion::schema
