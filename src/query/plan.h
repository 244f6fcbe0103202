// Which parts of a query storage can answer by itself (push-down).
//
// PlanQuery reads a filter and sorts that ParseFilter / ParseSorts have already
// accepted (their ASTs, not the request JSON) and translates the parts whose meaning on
// stored values is exact, as each property type declares (schema::PropertyType::
// scan_as and page_field):
//   - numbers (ScanAs::kNumber): every comparison and is_empty / is_not_empty;
//   - checkboxes (ScanAs::kCheckbox): equals / does_not_equal (a page without a value
//     is unchecked);
//   - select and status (ScanAs::kOptionId): equals / does_not_equal by option name
//     (resolved to the option id the page stores), is_empty / is_not_empty;
//   - created_time and last_edited_time (timestamp filters and properties whose
//     page_field is one of them): equals, before, after, on_or_before, on_or_after,
//     with Notion's day comparison when the operand is a date without a time;
//   - sorts by number properties and by either timestamp.
// A property condition is pushed only under the filter key named after its type.
// Everything else (text, which folds case; dates of date properties; formulas and
// rollups, which are computed) stays with the service's own evaluation. An `and` pushes
// the children it can and leaves the rest; an `or` is pushed whole or not at all.
// Storage answers a scan on any property id (query/scan.h), so nothing here depends on
// what a backend can index.
#pragma once

#include <optional>
#include <vector>

#include "query/filter.h"
#include "query/scan.h"
#include "query/sort.h"
#include "schema/property_def.h"

namespace localnotion::query {

struct QueryPlan {
  std::optional<ScanNode> where;  // the pushed part of the filter
  bool filter_pushed = true;      // the whole filter is in `where`
  std::vector<ScanOrder> order;   // the sorts, when all can be pushed
  bool sorts_pushed = true;       // every sort key is in `order`
};

// `filter` and `sorter` may be null (no filter, no sorts). `schema` is the one both were
// parsed against; it gives select and status options their ids.
QueryPlan PlanQuery(const Filter* filter, const Sorter* sorter, const schema::Schema& schema);

}  // namespace localnotion::query
