// The parsed filter (the AST ParseFilter produces), for the query layer's own readers:
// filter.cc evaluates it and plan.cc translates it into a storage scan. Not for other
// layers, which hold a Filter only through the opaque pointer filter.h gives them.
#pragma once

#include <string>
#include <vector>

#include "query/conditions.h"
#include "schema/property_def.h"

namespace localnotion::query {

struct FilterNode {
  // A compound filter, a property filter or a timestamp filter.
  enum class Kind { kAnd, kOr, kProperty, kTimestamp };
  // How a property filter reaches its condition: directly, through a formula's result,
  // or through a rollup (each item with any/every/none, or its computed number/date).
  enum class Wrap { kNone, kFormula, kRollupAny, kRollupEvery, kRollupNone, kRollupNumber, kRollupDate };

  Kind kind = Kind::kProperty;
  std::vector<FilterNode> children;  // kAnd, kOr
  std::string key;                   // property name or id as given; for timestamps, the timestamp
  std::string filter_key;            // "rich_text", "formula", ...
  Wrap wrap = Wrap::kNone;
  Condition cond;
  // Resolved against the schema: id, name and type (the configuration is not kept).
  schema::PropertyDef def;
};

class Filter {
 public:
  FilterNode root;
};

}  // namespace localnotion::query
