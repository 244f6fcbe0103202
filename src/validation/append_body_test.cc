// ReadAppendBody: `children`, `after` before 2026-03-11 only, `position` on every
// version, and the two together refused.
#include "validation/append_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

using api::ApiVersion;
constexpr const char* kId = "59833787-2cf9-4fdf-8782-e53db20768a5";

TEST(ReadAppendBody, DefaultsToTheEnd) {
  auto r = ReadAppendBody(BodyJson(R"({"children":[]})"), ApiVersion::k2026_03_11);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->place, AppendPlace::kEnd);
  ASSERT_NE(r->children, nullptr);
}

TEST(ReadAppendBody, AfterBefore2026) {
  auto r = ReadAppendBody(BodyJson(R"({"children":[],"after":"598337872cf94fdf8782e53db20768a5"})"),
                          ApiVersion::k2025_09_03);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->place, AppendPlace::kAfterBlock);
  EXPECT_EQ(r->after_block_id, kId);
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"after":"nope"})"), ApiVersion::k2022_06_28),
      "body failed validation: body.after should be a valid uuid or `undefined`, instead was `\"nope\"`.");
}

// Notion's text for `after` under 2026-03-11 (upgrade guide 2026-03-11).
TEST(ReadAppendBody, AfterIsNotPresentFrom2026) {
  ExpectValidationError(ReadAppendBody(BodyJson(R"({"children":[],"after":"59833787-2cf9-4fdf-8782-e53db20768a5"})"),
                                       ApiVersion::k2026_03_11),
                        "body failed validation: body.after should be not present, instead was "
                        "`\"59833787-2cf9-4fdf-8782-e53db20768a5\"`.");
}

TEST(ReadAppendBody, PositionOnEveryVersion) {
  for (ApiVersion v : {ApiVersion::k2022_06_28, ApiVersion::k2025_09_03, ApiVersion::k2026_03_11}) {
    auto start = ReadAppendBody(BodyJson(R"({"children":[],"position":{"type":"start"}})"), v);
    ASSERT_TRUE(start.ok());
    EXPECT_EQ(start->place, AppendPlace::kStart);
    auto end = ReadAppendBody(BodyJson(R"({"position":{"type":"end"},"children":[]})"), v);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ(end->place, AppendPlace::kEnd);
    auto after = ReadAppendBody(
        BodyJson(
            R"({"children":[],"position":{"type":"after_block","after_block":{"id":"598337872cf94fdf8782e53db20768a5"}}})"),
        v);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->place, AppendPlace::kAfterBlock);
    EXPECT_EQ(after->after_block_id, kId);
  }
}

TEST(ReadAppendBody, PositionErrors) {
  const ApiVersion v = ApiVersion::k2026_03_11;
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"position":"start"})"), v),
      "body failed validation: body.position should be an object or `undefined`, instead was `\"start\"`.");
  ExpectValidationError(ReadAppendBody(BodyJson(R"({"children":[],"position":{}})"), v),
                        "body failed validation: body.position.type should be defined, instead was `undefined`.");
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"position":{"type":"page_start"}})"), v),
      "body failed validation: body.position.type should be `\"after_block\"`, `\"start\"`, or `\"end\"`, "
      "instead was `\"page_start\"`.");
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"position":{"type":"after_block"}})"), v),
      "body failed validation: body.position.after_block should be defined, instead was `undefined`.");
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"position":{"type":"after_block","after_block":{"id":"x"}}})"), v),
      "body failed validation: body.position.after_block.id should be a valid uuid, instead was `\"x\"`.");
  ExpectValidationError(
      ReadAppendBody(BodyJson(R"({"children":[],"position":{"type":"start","after_block":{"id":"x"}}})"), v),
      "body failed validation: body.position.after_block should be not present, instead was `{\"id\":\"x\"}`.");
}

TEST(ReadAppendBody, AfterAndPositionTogetherAreRefused) {
  ExpectValidationError(ReadAppendBody(BodyJson(R"({"children":[],"after":"59833787-2cf9-4fdf-8782-e53db20768a5",)"
                                                R"("position":{"type":"end"}})"),
                                       ApiVersion::k2025_09_03),
                        std::string(kAfterWithPosition));
}

TEST(ReadAppendBody, ChildrenRequiredAndUnknownKeys) {
  ExpectValidationError(ReadAppendBody(BodyJson(R"({"position":{"type":"end"}})"), ApiVersion::k2026_03_11),
                        "body failed validation: body.children should be defined, instead was `undefined`.");
  ExpectValidationError(ReadAppendBody(BodyJson(R"({"children":[],"x":1})"), ApiVersion::k2026_03_11),
                        "body failed validation: body.x should be not present, instead was `1`.");
}

}  // namespace
}  // namespace localnotion::validation
