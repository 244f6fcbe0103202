// ReadSearchBody: the fields read, the object filter per version, and the messages in
// the order Notion checks them (keys in body order, then page_size, then the cursor).
#include "validation/search_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(SearchBody, ReadsFields) {
  auto b = ReadSearchBody(BodyJson(R"({"query":"Kale","filter":{"property":"object","value":"data_source"},
      "sort":{"timestamp":"last_edited_time","direction":"ascending"},"page_size":5,
      "start_cursor":"0123456789abcdef0123456789abcdef"})"),
                          true);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->query, "Kale");
  EXPECT_EQ(b->object, "data_source");
  EXPECT_TRUE(b->ascending);
  EXPECT_EQ(b->page.page_size, 5);
  EXPECT_EQ(b->page.start_cursor, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(b->cursor, "01234567-89ab-cdef-0123-456789abcdef");
  auto empty = ReadSearchBody(BodyJson(R"({"start_cursor":null})"), false);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->object, "");
  EXPECT_FALSE(empty->ascending);
  EXPECT_EQ(empty->page.page_size, 100);
  EXPECT_FALSE(empty->cursor.has_value());
}

TEST(SearchBody, ObjectFilterPerVersion) {
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"filter":{"property":"object","value":"database"}})"), true),
                        "body failed validation: body.filter.value should be `\"page\"` or `\"data_source\"`, instead "
                        "was `\"database\"`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"filter":{"property":"object","value":"data_source"}})"), false),
                        "body failed validation: body.filter.value should be `\"page\"` or `\"database\"`, instead "
                        "was `\"data_source\"`.");
  EXPECT_TRUE(ReadSearchBody(BodyJson(R"({"filter":{"property":"object","value":"database"}})"), false).ok());
}

TEST(SearchBody, Messages) {
  ExpectValidationError(ReadSearchBody(BodyJson("[]"), true),
                        "body failed validation: body should be an object, instead was `[]`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"query":3})"), true),
                        "body failed validation: body.query should be a string or `undefined`, instead was `3`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"filter":{}})"), true),
                        "body failed validation: body.filter.property should be defined, instead was `undefined`.");
  ExpectValidationError(
      ReadSearchBody(BodyJson(R"({"filter":{"property":"title","value":"page"}})"), true),
      "body failed validation: body.filter.property should be `\"object\"`, instead was `\"title\"`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"sort":{"timestamp":"created_time"}})"), true),
                        "body failed validation: body.sort.timestamp should be `\"last_edited_time\"`, instead was "
                        "`\"created_time\"`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"sort":{"timestamp":"last_edited_time"}})"), true),
                        "body failed validation: body.sort.direction should be defined, instead was `undefined`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"colour":"red"})"), true),
                        "body failed validation: body.colour should be not present, instead was `\"red\"`.");
  ExpectValidationError(
      ReadSearchBody(BodyJson(R"({"page_size":"10"})"), true),
      "body failed validation: body.page_size should be a number or `undefined`, instead was `\"10\"`.");
}

TEST(SearchBody, KeysFirstThenPageSizeThenCursor) {
  // A bad key after a bad page_size wins: keys are all read before page_size is judged.
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"page_size":0,"start_cursor":"x","query":1})"), true),
                        "body failed validation: body.query should be a string or `undefined`, instead was `1`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"start_cursor":"x","page_size":0})"), true),
                        "body failed validation: body.page_size should be ≥ `1` or `undefined`, instead was `0`.");
  ExpectValidationError(ReadSearchBody(BodyJson(R"({"start_cursor":"x"})"), true),
                        "body failed validation: body.start_cursor should be a valid uuid or `undefined`, instead was "
                        "`\"x\"`.");
}

}  // namespace
}  // namespace localnotion::validation
