// The body of POST /v1/search (https://developers.notion.com/reference/post-search):
// `query`, `filter` {property: "object", value}, `sort` {timestamp:
// "last_edited_time", direction}, `start_cursor` and `page_size`. The object filter
// accepts "page" and, by version, "database" (2022-06-28) or "data_source"
// (2025-09-03).
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"
#include "validation/pagination.h"

namespace localnotion::validation {

struct SearchBody {
  std::string query;
  std::string object;  // "" (both), "page", "database" or "data_source"
  bool ascending = false;
  Pagination page;                    // start_cursor as given (a JSON null is absent)
  std::optional<std::string> cursor;  // start_cursor as a dashed UUID
};

// Reads the body. Keys are checked in the body's order; then page_size
// (ReadPageSize), then the cursor's shape (ReadUuidCursor), all at "body.*". Whether a
// cursor names a result is the service's check.
Result<SearchBody> ReadSearchBody(const json::value& body, bool data_sources);

}  // namespace localnotion::validation
