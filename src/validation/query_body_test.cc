// ReadQueryBody: filter and sorts located, in_trash/archived, result_type by version,
// and the messages in body order before page_size. The cursor is not judged here.
#include "validation/query_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(QueryBody, ReadsFields) {
  json::value body = BodyJson(R"({"filter":{"property":"Done","checkbox":{"equals":true}},"sorts":[],
      "archived":false,"in_trash":true,"page_size":3,"start_cursor":"not-a-uuid","result_type":"page"})");
  auto q = ReadQueryBody(body, true);
  ASSERT_TRUE(q.ok()) << q.error().message;
  ASSERT_NE(q->filter, nullptr);
  EXPECT_EQ(q->filter, Find(body.get_object(), "filter"));
  ASSERT_NE(q->sorts, nullptr);
  EXPECT_TRUE(q->in_trash);
  EXPECT_EQ(q->page.page_size, 3);
  EXPECT_EQ(q->page.start_cursor, "not-a-uuid");
  auto empty = ReadQueryBody(BodyJson(R"({"start_cursor":null})"), false);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->filter, nullptr);
  EXPECT_FALSE(empty->in_trash);
  EXPECT_FALSE(empty->page.start_cursor.has_value());
}

TEST(QueryBody, Messages) {
  ExpectValidationError(ReadQueryBody(BodyJson("3"), true),
                        "body failed validation: body should be an object, instead was `3`.");
  ExpectValidationError(
      ReadQueryBody(BodyJson(R"({"start_cursor":5})"), true),
      "body failed validation: body.start_cursor should be a string or `undefined`, instead was `5`.");
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"in_trash":"yes"})"), true),
                        "body failed validation: body.in_trash should be a boolean or `undefined`, instead was "
                        "`\"yes\"`.");
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"result_type":"database"})"), true),
                        "body failed validation: body.result_type should be `\"page\"` or `\"data_source\"`, instead "
                        "was `\"database\"`.");
  // result_type is a 2025-09-03 key.
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"result_type":"page"})"), false),
                        "body failed validation: body.result_type should be not present, instead was `\"page\"`.");
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"page_size":0,"archived":1})"), true),
                        "body failed validation: body.archived should be a boolean or `undefined`, instead was `1`.");
  // 2026-03-11 knows only in_trash.
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"archived":true})"), true, api::ApiVersion::k2026_03_11),
                        "body failed validation: body.archived should be not present, instead was `true`.");
  EXPECT_TRUE(ReadQueryBody(BodyJson(R"({"in_trash":true})"), true, api::ApiVersion::k2026_03_11).ok());
  ExpectValidationError(ReadQueryBody(BodyJson(R"({"page_size":101})"), true),
                        "body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `101`.");
}

}  // namespace
}  // namespace localnotion::validation
