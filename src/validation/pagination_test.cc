// ReadPagination, ReadPageSize and ReadUuidCursor: defaults, Notion's messages in order,
// the path named by the source, and "null" in a query string.
#include "validation/pagination.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

constexpr auto kQuery = PaginationSource::kQuery;
constexpr auto kBody = PaginationSource::kBody;

TEST(Pagination, DefaultsAndValues) {
  auto none = ReadPagination(std::nullopt, std::nullopt, kQuery);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->page_size, 100);
  EXPECT_FALSE(none->start_cursor.has_value());
  auto some = ReadPagination("abc", "25", kBody);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->page_size, 25);
  EXPECT_EQ(some->start_cursor, "abc");
  EXPECT_EQ(*ReadPageSize("1", kQuery), 1);
  EXPECT_EQ(*ReadPageSize("100", kQuery), 100);
  EXPECT_EQ(*ReadPageSize("7.0", kBody), 7);
}

TEST(Pagination, NullCursorTextIsAbsentOnlyInQueryStrings) {
  EXPECT_FALSE(ReadPagination("null", std::nullopt, kQuery)->start_cursor.has_value());
  EXPECT_EQ(ReadPagination("null", std::nullopt, kBody)->start_cursor, "null");
}

TEST(Pagination, PageSizeMessages) {
  ExpectValidationError(
      ReadPageSize("abc", kQuery),
      "query failed validation: query.page_size should be a number or `undefined`, instead was `\"abc\"`.");
  ExpectValidationError(
      ReadPageSize("", kQuery),
      "query failed validation: query.page_size should be a number or `undefined`, instead was `\"\"`.");
  ExpectValidationError(ReadPageSize("101", kBody),
                        "body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `101`.");
  ExpectValidationError(ReadPageSize("0", kQuery),
                        "query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`.");
  ExpectValidationError(
      ReadPageSize("2.5", kBody),
      "body failed validation: body.page_size should be an integer or `undefined`, instead was `2.5`.");
  // Above 100 is reported before not whole.
  ExpectValidationError(
      ReadPageSize("100.5", kQuery),
      "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `100.5`.");
  ExpectValidationError(ReadPagination("x", "0", kQuery),
                        "query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`.");
}

TEST(Pagination, UuidCursor) {
  EXPECT_FALSE(ReadUuidCursor(std::nullopt, kQuery)->has_value());
  EXPECT_EQ(**ReadUuidCursor("0123456789ABCDEF0123456789abcdef", kBody), "01234567-89ab-cdef-0123-456789abcdef");
  ExpectValidationError(
      ReadUuidCursor("nope", kQuery),
      "query failed validation: query.start_cursor should be a valid uuid or `undefined`, instead was "
      "`\"nope\"`.");
  ExpectValidationError(ReadUuidCursor("nope", kBody),
                        "body failed validation: body.start_cursor should be a valid uuid or `undefined`, instead was "
                        "`\"nope\"`.");
}

}  // namespace
}  // namespace localnotion::validation
