// The body of a data source query (https://developers.notion.com/reference/query-a-data-source)
// and of the 2022-06-28 database query
// (https://developers.notion.com/reference/post-database-query): `filter`, `sorts`,
// `start_cursor`, `page_size`, `in_trash` (or `archived`) and, from 2025-09-03,
// `result_type`. The filter and sorts are only located here: their meaning depends on
// the data source's schema (query/filter.h, query/sort.h).
#pragma once

#include <optional>
#include <string>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"
#include "validation/pagination.h"

namespace localnotion::validation {

struct QueryBody {
  const json::value* filter = nullptr;  // into the body; nullptr when absent
  const json::value* sorts = nullptr;   // into the body; nullptr when absent
  Pagination page;                      // start_cursor as given (a JSON null is absent)
  bool in_trash = false;                // in_trash or archived is true
};

// Reads the body. Keys are checked in the body's order, then page_size (ReadPageSize at
// "body.page_size"). The cursor's shape is checked later, by ReadUuidCursor, once the
// data source and the filter are known, as Notion orders its errors.
// `archived` (an alias of `in_trash`) is read before 2026-03-11 only (api::HasArchivedAlias).
Result<QueryBody> ReadQueryBody(const json::value& body, bool data_sources,
                                api::ApiVersion version = api::ApiVersion::k2025_09_03);
// The result points into `body`, so a temporary body would leave it dangling.
Result<QueryBody> ReadQueryBody(json::value&& body, bool data_sources,
                                api::ApiVersion version = api::ApiVersion::k2025_09_03) = delete;

}  // namespace localnotion::validation
