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
  const json::value body1 = BodyJson(R"({"start_cursor":null})");
  auto empty = ReadQueryBody(body1, false);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->filter, nullptr);
  EXPECT_FALSE(empty->in_trash);
  EXPECT_FALSE(empty->page.start_cursor.has_value());
}

TEST(QueryBody, Messages) {
  const json::value body2 = BodyJson("3");
  ExpectValidationError(ReadQueryBody(body2, true),
                        "body failed validation: body should be an object, instead was `3`.");
  const json::value body3 = BodyJson(R"({"start_cursor":5})");
  ExpectValidationError(
      ReadQueryBody(body3, true),
      "body failed validation: body.start_cursor should be a string or `undefined`, instead was `5`.");
  const json::value body4 = BodyJson(R"({"in_trash":"yes"})");
  ExpectValidationError(ReadQueryBody(body4, true),
                        "body failed validation: body.in_trash should be a boolean or `undefined`, instead was "
                        "`\"yes\"`.");
  const json::value body5 = BodyJson(R"({"result_type":"database"})");
  ExpectValidationError(ReadQueryBody(body5, true),
                        "body failed validation: body.result_type should be `\"page\"` or `\"data_source\"`, instead "
                        "was `\"database\"`.");
  // result_type is a 2025-09-03 key.
  const json::value body6 = BodyJson(R"({"result_type":"page"})");
  ExpectValidationError(ReadQueryBody(body6, false),
                        "body failed validation: body.result_type should be not present, instead was `\"page\"`.");
  const json::value body7 = BodyJson(R"({"page_size":0,"archived":1})");
  ExpectValidationError(ReadQueryBody(body7, true),
                        "body failed validation: body.archived should be a boolean or `undefined`, instead was `1`.");
  // 2026-03-11 knows only in_trash.
  const json::value body8 = BodyJson(R"({"archived":true})");
  ExpectValidationError(ReadQueryBody(body8, true, api::ApiVersion::k2026_03_11),
                        "body failed validation: body.archived should be not present, instead was `true`.");
  const json::value body9 = BodyJson(R"({"in_trash":true})");
  EXPECT_TRUE(ReadQueryBody(body9, true, api::ApiVersion::k2026_03_11).ok());
  const json::value body10 = BodyJson(R"({"page_size":101})");
  ExpectValidationError(ReadQueryBody(body10, true),
                        "body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `101`.");
}

}  // namespace
}  // namespace localnotion::validation
