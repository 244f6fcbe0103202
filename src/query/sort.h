// Query sorts (https://developers.notion.com/reference/post-database-query-sort):
// [{property, direction} | {timestamp, direction}], earlier entries taking precedence.
// Empty values sort last whichever the direction (QUERY.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "query/filter.h"
#include "schema/property_def.h"

namespace localnotion::query {

class Sorter;  // immutable, compiled

// Parses body.sorts against the data source schema. Error paths start with "body.sorts".
Result<std::shared_ptr<const Sorter>> ParseSorts(const json::value& sorts, const schema::Schema& schema);

// A strict weak order; pages that tie compare equal (the caller keeps their input order
// with std::stable_sort).
bool Less(const Sorter& sorter, const PageFacts& a, const PageFacts& b);

// The value of one page under one sort entry, for callers that sort many pages: compute
// each page's key once with KeyOf, then compare keys with KeyLess (the same order as Less).
struct SortValue {
  enum class Kind : uint8_t { kEmpty, kNumber, kText, kList };
  Kind kind = Kind::kEmpty;
  double number = 0;
  std::string text;    // case-folded; ties are broken by `raw`
  std::string raw;
  std::vector<double> list;
};
using SortKey = std::vector<SortValue>;

SortKey KeyOf(const Sorter& sorter, const PageFacts& page);
bool KeyLess(const Sorter& sorter, const SortKey& a, const SortKey& b);

}  // namespace localnotion::query
