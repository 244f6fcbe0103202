// How SqliteStore reads one property out of a page's `properties` JSON. Private to
// storage/sqlite: the neutral scan interface (query/scan.h) accepts any property id.
#pragma once

#include <string>
#include <string_view>

namespace localnotion::storage {

// Whether a property id can be written into a JSON path literal ('$."<id>"'): not
// empty, and no quotes, backslashes or control characters. Notion's ids, and the ones
// localnotion makes, can. Only such ids get a generated column and an index.
bool PathLiteralPropertyId(std::string_view id);

// An SQL expression for the value stored under `property_id` in pages.properties, the
// same value json_extract gives (numbers, 1/0 for booleans, text, NULL when absent).
// A path-literal id is read with json_extract; any other id by key through json_each,
// with the key written as a hex blob literal so that no byte of it needs escaping.
std::string PropertyValueSql(std::string_view property_id);

}  // namespace localnotion::storage
