// Pagination arguments of every list endpoint: `start_cursor` and `page_size`, from a
// query string (GET lists) or a JSON body (search, query), as described in
// https://developers.notion.com/reference/intro#pagination. What a cursor points at is
// the endpoint's business; these readers only check its shape.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"

namespace localnotion::validation {

// The default and largest page size.
inline constexpr int kMaxPageSize = 100;

// Where the arguments came from; it names the path in messages ("query.page_size" or
// "body.page_size").
enum class PaginationSource { kQuery, kBody };

struct Pagination {
  int page_size = kMaxPageSize;
  // The cursor as given. From a query string, the text "null" counts as absent; a body
  // reader has already dropped a JSON null.
  std::optional<std::string> start_cursor;
};

// Reads page_size (absent: 100) from its raw text: a JSON number serialized, or the
// query-string text. Errors, in order: not numeric ("a number or `undefined`"), above
// 100 ("≤ `100` or `undefined`"), below 1 ("≥ `1` or `undefined`"), not whole ("an
// integer or `undefined`"). A numeric value is shown as a number in the message.
Result<int> ReadPageSize(const std::optional<std::string>& raw, PaginationSource source);

// ReadPageSize, then the cursor as described at Pagination::start_cursor.
Result<Pagination> ReadPagination(const std::optional<std::string>& start_cursor,
                                  const std::optional<std::string>& page_size, PaginationSource source);

// The cursor as a dashed lower-case UUID, for lists whose cursor is an object id.
// Absent stays absent; anything else that is not a UUID fails validation at
// "<source>.start_cursor" with "a valid uuid or `undefined`".
Result<std::optional<std::string>> ReadUuidCursor(const std::optional<std::string>& start_cursor,
                                                  PaginationSource source);

}  // namespace localnotion::validation
