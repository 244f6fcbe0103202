// ReadMoveBody: a page or data source parent, with or without `type`.
#include "validation/move_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(ReadMoveBody, PageOrDataSourceParent) {
  auto a = ReadMoveBody(BodyJson(R"({"parent":{"type":"page_id","page_id":"598337872cf94fdf8782e53db20768a5"}})"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->parent_type, "page_id");
  EXPECT_EQ(a->parent_id, kId);
  auto b = ReadMoveBody(BodyJson(R"({"parent":{"data_source_id":"59833787-2cf9-4fdf-8782-e53db20768a5"}})"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->parent_type, "data_source_id");
  EXPECT_EQ(b->parent_id, kId);
}

TEST(ReadMoveBody, Errors) {
  ExpectValidationError(ReadMoveBody(BodyJson("{}")),
                        "body failed validation: body.parent should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMoveBody(BodyJson(R"({"parent":{}})")),
                        "body failed validation. Fix one:\n"
                        "body.parent.page_id should be defined, instead was `undefined`.\n"
                        "body.parent.data_source_id should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMoveBody(BodyJson(R"({"parent":{"type":"workspace","workspace":true}})")),
                        "body failed validation: body.parent.type should be `\"page_id\"` or `\"data_source_id\"`, "
                        "instead was `\"workspace\"`.");
  ExpectValidationError(ReadMoveBody(BodyJson(R"({"parent":{"type":"page_id"}})")),
                        "body failed validation: body.parent.page_id should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMoveBody(BodyJson(R"({"parent":{"type":"page_id","page_id":"x"}})")),
                        "body failed validation: body.parent.page_id should be a valid uuid, instead was `\"x\"`.");
  ExpectValidationError(ReadMoveBody(BodyJson(R"({"parent":{"page_id":"x"},"after":1})")),
                        "body failed validation: body.after should be not present, instead was `1`.");
  ExpectValidationError(
      ReadMoveBody(BodyJson(R"({"parent":{"type":"page_id","page_id":"x","data_source_id":"y"}})")),
      "body failed validation: body.parent.data_source_id should be not present, instead was `\"y\"`.");
}

}  // namespace
}  // namespace localnotion::validation
