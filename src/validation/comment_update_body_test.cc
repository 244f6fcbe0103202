// ReadCommentUpdateBody: exactly one of rich_text and markdown.
#include "validation/comment_update_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(ReadCommentUpdateBody, RichTextOrMarkdown) {
  auto r = ReadCommentUpdateBody(BodyJson(R"({"rich_text":[{"text":{"content":"edited"}}]})"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->rich_text.has_value());
  EXPECT_EQ(r->rich_text->size(), 1u);
  EXPECT_FALSE(r->markdown.has_value());
  auto m = ReadCommentUpdateBody(BodyJson(R"({"markdown":"**bold**"})"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->markdown, "**bold**");
}

TEST(ReadCommentUpdateBody, ExactlyOne) {
  ExpectValidationError(ReadCommentUpdateBody(BodyJson("{}")),
                        "body failed validation. Fix one:\n"
                        "body.rich_text should be defined, instead was `undefined`.\n"
                        "body.markdown should be defined, instead was `undefined`.");
  ExpectValidationError(ReadCommentUpdateBody(BodyJson(R"({"rich_text":[],"markdown":"x"})")),
                        "body failed validation. Fix one:\n"
                        "body.rich_text should be not present, instead was `[]`.\n"
                        "body.markdown should be not present, instead was `\"x\"`.");
}

TEST(ReadCommentUpdateBody, Shapes) {
  ExpectValidationError(ReadCommentUpdateBody(BodyJson(R"({"markdown":3})")),
                        "body failed validation: body.markdown should be a string, instead was `3`.");
  ExpectValidationError(ReadCommentUpdateBody(BodyJson(R"({"rich_text":[],"discussion_id":"x"})")),
                        "body failed validation: body.discussion_id should be not present, instead was `\"x\"`.");
  ExpectValidationError(ReadCommentUpdateBody(BodyJson("[]")),
                        "body failed validation: body should be an object, instead was `[]`.");
}

}  // namespace
}  // namespace localnotion::validation
