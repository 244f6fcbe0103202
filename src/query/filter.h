// Query filters (https://developers.notion.com/reference/post-database-query-filter):
// property filters for every property type, timestamp filters, and compound and/or
// nested two levels deep. A filter is parsed and checked against the data source schema
// once, then evaluated on each page.
//
// Validation happens in two passes, as Notion validates the body's grammar before its
// meaning: first the whole filter's shape (messages "body failed validation: ..."), then
// property names and types ("Could not find property with name or id: X", type mismatch).
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::query {

// What a filter or sort sees of a page: its property values as Notion renders them in a
// page object, keyed by property id ({"id","type","<type>": value}), and its timestamps.
// Values are looked up by property id, then by name. The values should be complete
// (relations and people beyond the 25 a page object shows included). created_time,
// last_edited_time, created_by and last_edited_by, as properties or timestamps, are read
// from the fields here (to the millisecond), not from `values`.
struct PageFacts {
  const json::object* values = nullptr;
  Millis created_time = 0;
  Millis last_edited_time = 0;
  std::string created_by;
  std::string last_edited_by;
};

class Filter;  // immutable, compiled

// Parses body.filter against the data source schema. Properties are referred to by name
// or by id. Error paths start with "body.filter".
Result<std::shared_ptr<const Filter>> ParseFilter(const json::value& filter, const schema::Schema& schema);

// True when `page` passes. `now` anchors the relative date conditions (past_week, ...).
bool Matches(const Filter& filter, const PageFacts& page, Millis now);

// The property value of `def` in `page`: by id, then by name; nullptr when absent.
const json::value* ValueOf(const PageFacts& page, const schema::PropertyDef& def);

}  // namespace localnotion::query
