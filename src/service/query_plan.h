// Which parts of a query storage can answer by itself (push-down).
//
// PlanQuery reads a filter and sorts that query::ParseFilter / query::ParseSorts have
// already accepted, and translates the parts whose meaning on stored values is exact:
//   - number: every comparison and is_empty / is_not_empty;
//   - checkbox: equals / does_not_equal (a page without a value is unchecked);
//   - select and status: equals / does_not_equal by option name (resolved to the
//     option id the page stores), is_empty / is_not_empty;
//   - created_time and last_edited_time (timestamp filters and properties of those
//     types): equals, before, after, on_or_before, on_or_after, with Notion's day
//     comparison when the operand is a date without a time;
//   - sorts by number properties and by either timestamp.
// Everything else (text, which folds case; dates of date properties; formulas and
// rollups, which are computed) stays with the service's own evaluation. An `and` pushes
// the children it can and leaves the rest; an `or` is pushed whole or not at all.
#pragma once

#include <optional>
#include <vector>

#include "common/json.h"
#include "schema/property_def.h"
#include "storage/page_scan.h"

namespace localnotion::service {

struct QueryPlan {
  std::optional<storage::ScanNode> where;  // the pushed part of the filter
  bool filter_pushed = true;               // the whole filter is in `where`
  std::vector<storage::ScanOrder> order;   // the sorts, when all can be pushed
  bool sorts_pushed = true;                // every sort key is in `order`
};

QueryPlan PlanQuery(const json::value* filter, const json::value* sorts, const schema::Schema& schema);

}  // namespace localnotion::service
