// ReadAppendBody: `children`, `after` before 2026-03-11 only, `position` on every
// version, and the two together refused.
#include "validation/append_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

using api::ApiVersion;

TEST(ReadAppendBody, DefaultsToTheEnd) {
  const json::value body1 = BodyJson(R"({"children":[]})");
  auto r = ReadAppendBody(body1, ApiVersion::k2026_03_11);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->place, AppendPlace::kEnd);
  ASSERT_NE(r->children, nullptr);
}

TEST(ReadAppendBody, AfterBefore2026) {
  const json::value body2 = BodyJson(R"({"children":[],"after":"598337872cf94fdf8782e53db20768a5"})");
  auto r = ReadAppendBody(body2, ApiVersion::k2025_09_03);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->place, AppendPlace::kAfterBlock);
  EXPECT_EQ(r->after_block_id, kId);
  const json::value body3 = BodyJson(R"({"children":[],"after":"nope"})");
  ExpectValidationError(
      ReadAppendBody(body3, ApiVersion::k2022_06_28),
      "body failed validation: body.after should be a valid uuid or `undefined`, instead was `\"nope\"`.");
}

// Notion's text for `after` under 2026-03-11 (upgrade guide 2026-03-11).
TEST(ReadAppendBody, AfterIsNotPresentFrom2026) {
  const json::value body4 = BodyJson(R"({"children":[],"after":"59833787-2cf9-4fdf-8782-e53db20768a5"})");
  ExpectValidationError(ReadAppendBody(body4, ApiVersion::k2026_03_11),
                        "body failed validation: body.after should be not present, instead was "
                        "`\"59833787-2cf9-4fdf-8782-e53db20768a5\"`.");
}

TEST(ReadAppendBody, PositionOnEveryVersion) {
  for (ApiVersion v : {ApiVersion::k2022_06_28, ApiVersion::k2025_09_03, ApiVersion::k2026_03_11}) {
    const json::value body5 = BodyJson(R"({"children":[],"position":{"type":"start"}})");
    auto start = ReadAppendBody(body5, v);
    ASSERT_TRUE(start.ok());
    EXPECT_EQ(start->place, AppendPlace::kStart);
    const json::value body6 = BodyJson(R"({"position":{"type":"end"},"children":[]})");
    auto end = ReadAppendBody(body6, v);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ(end->place, AppendPlace::kEnd);
    const json::value body7 = BodyJson(
        R"({"children":[],"position":{"type":"after_block","after_block":{"id":"598337872cf94fdf8782e53db20768a5"}}})");
    auto after = ReadAppendBody(body7, v);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->place, AppendPlace::kAfterBlock);
    EXPECT_EQ(after->after_block_id, kId);
  }
}

TEST(ReadAppendBody, PositionErrors) {
  const ApiVersion v = ApiVersion::k2026_03_11;
  const json::value body8 = BodyJson(R"({"children":[],"position":"start"})");
  ExpectValidationError(
      ReadAppendBody(body8, v),
      "body failed validation: body.position should be an object or `undefined`, instead was `\"start\"`.");
  const json::value body9 = BodyJson(R"({"children":[],"position":{}})");
  ExpectValidationError(ReadAppendBody(body9, v),
                        "body failed validation: body.position.type should be defined, instead was `undefined`.");
  const json::value body10 = BodyJson(R"({"children":[],"position":{"type":"page_start"}})");
  ExpectValidationError(
      ReadAppendBody(body10, v),
      "body failed validation: body.position.type should be `\"after_block\"`, `\"start\"`, or `\"end\"`, "
      "instead was `\"page_start\"`.");
  const json::value body11 = BodyJson(R"({"children":[],"position":{"type":"after_block"}})");
  ExpectValidationError(
      ReadAppendBody(body11, v),
      "body failed validation: body.position.after_block should be defined, instead was `undefined`.");
  const json::value body12 = BodyJson(R"({"children":[],"position":{"type":"after_block","after_block":{"id":"x"}}})");
  ExpectValidationError(
      ReadAppendBody(body12, v),
      "body failed validation: body.position.after_block.id should be a valid uuid, instead was `\"x\"`.");
  const json::value body13 = BodyJson(R"({"children":[],"position":{"type":"start","after_block":{"id":"x"}}})");
  ExpectValidationError(
      ReadAppendBody(body13, v),
      "body failed validation: body.position.after_block should be not present, instead was `{\"id\":\"x\"}`.");
}

TEST(ReadAppendBody, AfterAndPositionTogetherAreRefused) {
  const json::value body14 = BodyJson(R"({"children":[],"after":"59833787-2cf9-4fdf-8782-e53db20768a5",)"
                                      R"("position":{"type":"end"}})");
  ExpectValidationError(ReadAppendBody(body14, ApiVersion::k2025_09_03), std::string(kAfterWithPosition));
}

TEST(ReadAppendBody, ChildrenRequiredAndUnknownKeys) {
  const json::value body15 = BodyJson(R"({"position":{"type":"end"}})");
  ExpectValidationError(ReadAppendBody(body15, ApiVersion::k2026_03_11),
                        "body failed validation: body.children should be defined, instead was `undefined`.");
  const json::value body16 = BodyJson(R"({"children":[],"x":1})");
  ExpectValidationError(ReadAppendBody(body16, ApiVersion::k2026_03_11),
                        "body failed validation: body.x should be not present, instead was `1`.");
}

}  // namespace
}  // namespace localnotion::validation
