// The parsed sorts (what ParseSorts produces), for the query layer's own readers:
// sort.cc orders pages by them and plan.cc translates them into a storage scan order.
#pragma once

#include <string>
#include <vector>

#include "schema/property_def.h"

namespace localnotion::query {

struct SortSpec {
  bool is_timestamp = false;
  std::string timestamp;     // created_time | last_edited_time
  schema::PropertyDef def;   // the property's full definition (select options give the order)
  bool descending = false;
};

class Sorter {
 public:
  std::vector<SortSpec> specs;
};

}  // namespace localnotion::query
