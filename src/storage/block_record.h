// A block of page content as the Store keeps it. Blocks form a tree under a page: each
// row names its parent (a page or another block) and a position among its siblings.
// Pages and databases created under a page also have a row here (type "child_page" or
// "child_database", id = the page's or database's id, empty content): the row holds
// their place among the parent's children and mirrors their trash flag; their title is
// read from the page or database record when shown.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::storage {

struct BlockRecord {
  std::string id;
  std::string parent_type;                 // "page_id" or "block_id"
  std::string parent_id;
  int64_t position = 0;                    // order among the parent's children, ascending
  std::string type;                        // "paragraph", "child_page", ...
  json::object content;                    // the type's object, without `children`
  bool in_trash = false;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
};

}  // namespace localnotion::storage
