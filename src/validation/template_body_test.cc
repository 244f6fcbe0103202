// ReadTemplate: none, default and template_id, with their keys.
#include "validation/template_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(ReadTemplate, Choices) {
  auto none = ReadTemplate(BodyJson(R"({"type":"none"})"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->type, "none");
  auto def = ReadTemplate(BodyJson(R"({"type":"default","timezone":"Europe/Paris"})"));
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->type, "default");
  EXPECT_EQ(def->timezone, "Europe/Paris");
  auto id = ReadTemplate(BodyJson(R"({"type":"template_id","template_id":"598337872cf94fdf8782e53db20768a5"})"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->template_id, "59833787-2cf9-4fdf-8782-e53db20768a5");
}

TEST(ReadTemplate, Errors) {
  ExpectValidationError(ReadTemplate(BodyJson(R"({"type":"blank"})")),
                        "body failed validation: body.template.type should be `\"none\"`, `\"default\"`, or "
                        "`\"template_id\"`, instead was `\"blank\"`.");
  ExpectValidationError(
      ReadTemplate(BodyJson(R"({"type":"template_id"})")),
      "body failed validation: body.template.template_id should be defined, instead was `undefined`.");
  ExpectValidationError(ReadTemplate(BodyJson(R"({"type":"none","timezone":"UTC"})")),
                        "body failed validation: body.template.timezone should be not present, instead was `\"UTC\"`.");
  ExpectValidationError(
      ReadTemplate(BodyJson(R"({"type":"default","template_id":"x"})")),
      "body failed validation: body.template.template_id should be not present, instead was `\"x\"`.");
  ExpectValidationError(ReadTemplate(BodyJson(R"({})")),
                        "body failed validation: body.template.type should be defined, instead was `undefined`.");
}

}  // namespace
}  // namespace localnotion::validation
