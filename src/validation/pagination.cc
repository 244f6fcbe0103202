#include "validation/pagination.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

std::string_view Prefix(PaginationSource source) { return source == PaginationSource::kQuery ? "query" : "body"; }

}  // namespace

Result<int> ReadPageSize(const std::optional<std::string>& raw, PaginationSource source) {
  if (!raw) return kMaxPageSize;
  const std::string path = api::Field(Prefix(source), "page_size");
  // Query values are text; a numeric one is shown as a number in messages, even when it
  // is too large for an int.
  double d = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), d);
  bool numeric = !raw->empty() && p == raw->data() + raw->size() && (ec == std::errc() || ec == std::errc::result_out_of_range);
  if (!numeric) {
    json::value shown(*raw);
    return api::FailedValidation(path, "a number or `undefined`", &shown);
  }
  json::value shown = (d == std::floor(d) && std::fabs(d) < 9e15) ? json::value(static_cast<int64_t>(d)) : json::value(d);
  if (d > kMaxPageSize) return api::FailedValidation(path, "≤ `100` or `undefined`", &shown);
  if (d < 1) return api::FailedValidation(path, "≥ `1` or `undefined`", &shown);
  if (d != std::floor(d)) return api::FailedValidation(path, "an integer or `undefined`", &shown);
  return static_cast<int>(d);
}

Result<Pagination> ReadPagination(const std::optional<std::string>& start_cursor,
                                  const std::optional<std::string>& page_size, PaginationSource source) {
  Pagination p;
  LN_ASSIGN_OR_RETURN(p.page_size, ReadPageSize(page_size, source));
  if (start_cursor && !(source == PaginationSource::kQuery && *start_cursor == "null")) p.start_cursor = start_cursor;
  return p;
}

Result<std::optional<std::string>> ReadUuidCursor(const std::optional<std::string>& start_cursor,
                                                  PaginationSource source) {
  if (!start_cursor) return std::optional<std::string>();
  std::optional<std::string> id = NormalizeUuid(*start_cursor);
  if (!id) {
    json::value shown(*start_cursor);
    return api::FailedValidation(api::Field(Prefix(source), "start_cursor"), "a valid uuid or `undefined`", &shown);
  }
  return id;
}

}  // namespace localnotion::validation
