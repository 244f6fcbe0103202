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
//   - text properties (title, rich_text, url, email, phone_number; FilterFamily::kText)
//     under any text key: contains, starts_with and ends_with with a needle of at least
//     kMinPushedNeedle characters, as folded text terms (query/scan.h). Such a term is
//     exact only on values that hold no mention, so the plan lists the property in
//     `text_properties`: before trusting `filter_pushed`, the service asks storage
//     whether any page of the scan holds an unsettled value in one of them
//     (ScanTerm::Op::kTextUnsettled) and, if one does, evaluates the whole filter itself
//     on the pages the scan returns (a superset of the answer);
//   - sorts by number properties and by either timestamp.
// Other property conditions are pushed only under the filter key named after their type.
// Everything else (other text conditions; dates of date properties; formulas and
// rollups, which are computed) stays with the service's own evaluation. An `and` pushes
// the children it can and leaves the rest; an `or` is pushed whole or not at all.
// Storage answers a scan on any property id (query/scan.h), so nothing here depends on
// what a backend can index.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/filter.h"
#include "query/scan.h"
#include "query/sort.h"
#include "schema/property_def.h"

namespace localnotion::query {

// The shortest needle a text term is pushed with: a trigram index cannot find fewer
// characters, so shorter needles are evaluated by the service.
inline constexpr size_t kMinPushedNeedle = 3;

struct QueryPlan {
  std::optional<ScanNode> where;  // the pushed part of the filter
  bool filter_pushed = true;      // the whole filter is in `where` (see text_properties)
  // Properties read by text terms in `where`: `filter_pushed` holds only if no page the
  // scan selects has an unsettled value (a mention) in one of them.
  std::vector<std::string> text_properties;
  std::vector<ScanOrder> order;  // the sorts, when all can be pushed
  bool sorts_pushed = true;      // every sort key is in `order`
};

// `filter` and `sorter` may be null (no filter, no sorts). `schema` is the one both were
// parsed against; it gives select and status options their ids.
QueryPlan PlanQuery(const Filter* filter, const Sorter* sorter, const schema::Schema& schema);

}  // namespace localnotion::query
