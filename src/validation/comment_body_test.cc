// ReadCommentBody and the attachment readers: the fields read and the messages in the
// order Notion checks them.
#include "validation/comment_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

constexpr const char* kUndashedId = "0123456789abcdef0123456789abcdef";
constexpr const char* kDashed = "01234567-89ab-cdef-0123-456789abcdef";

TEST(CommentBody, ReadsParentOrDiscussion) {
  const json::value body1 = BodyJson(std::string(R"({"parent":{"page_id":")") + kUndashedId +
                                     R"("},"rich_text":[{"text":{"content":"Hi"}}],"attachments":[]})");
  auto page = ReadCommentBody(body1);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->parent_page_id, kDashed);
  EXPECT_FALSE(page->parent_block_id.has_value());
  EXPECT_EQ(page->rich_text.size(), 1u);
  EXPECT_EQ(page->display_type, "integration");
  ASSERT_NE(page->attachments, nullptr);
  const json::value body2 = BodyJson(std::string(R"({"discussion_id":")") + kUndashedId +
                                     R"(","rich_text":[],"display_name":{"type":"custom","custom":{"name":"Ann"}}})");
  auto joined = ReadCommentBody(body2);
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->discussion_id, kDashed);
  EXPECT_EQ(joined->display_type, "custom");
  EXPECT_EQ(joined->custom_name, "Ann");
  EXPECT_EQ(joined->attachments, nullptr);
}

TEST(CommentBody, Messages) {
  const json::value body3 = BodyJson(R"({"rich_text":[],"color":"red"})");
  ExpectValidationError(ReadCommentBody(body3),
                        "body failed validation: body.color should be not present, instead was `\"red\"`.");
  const json::value body4 = BodyJson(R"({"rich_text":[]})");
  ExpectValidationError(ReadCommentBody(body4),
                        "body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\n"
                        "body.discussion_id should be defined, instead was `undefined`.");
  const json::value body5 = BodyJson(R"({"parent":{},"discussion_id":"x","rich_text":[]})");
  ExpectValidationError(ReadCommentBody(body5),
                        "body failed validation. Fix one:\nbody.parent should be not present, instead was `{}`.\n"
                        "body.discussion_id should be not present, instead was `\"x\"`.");
  const json::value body6 = BodyJson(R"({"discussion_id":"x"})");
  ExpectValidationError(ReadCommentBody(body6),
                        "body failed validation: body.rich_text should be defined, instead was `undefined`.");
  const json::value body7 = BodyJson(R"({"discussion_id":"x","rich_text":[],"display_name":{}})");
  ExpectValidationError(ReadCommentBody(body7),
                        "body failed validation: body.display_name.type should be defined, instead was `undefined`.");
  const json::value body8 = BodyJson(R"({"discussion_id":"x","rich_text":[],"display_name":{"type":"bot"}})");
  ExpectValidationError(
      ReadCommentBody(body8),
      "body failed validation: body.display_name.type should be `\"integration\"`, `\"user\"`, or `\"custom\"`, "
      "instead was `\"bot\"`.");
  const json::value body9 =
      BodyJson(R"({"discussion_id":"x","rich_text":[],"display_name":{"type":"custom","custom":{"name":""}}})");
  ExpectValidationError(
      ReadCommentBody(body9),
      "body failed validation: body.display_name.custom.name should be a non-empty string, instead was `\"\"`.");
  // display_name is judged before the ids.
  const json::value body10 = BodyJson(R"({"discussion_id":"x","rich_text":[]})");
  ExpectValidationError(ReadCommentBody(body10),
                        "body failed validation: body.discussion_id should be a valid uuid, instead was `\"x\"`.");
  const json::value body11 = BodyJson(R"({"parent":{},"rich_text":[]})");
  ExpectValidationError(ReadCommentBody(body11),
                        "body failed validation. Fix one:\nbody.parent.page_id should be defined, instead was "
                        "`undefined`.\nbody.parent.block_id should be defined, instead was `undefined`.");
  const json::value body12 = BodyJson(R"({"parent":{"block_id":7},"rich_text":[]})");
  ExpectValidationError(ReadCommentBody(body12),
                        "body failed validation: body.parent.block_id should be a valid uuid, instead was `7`.");
}

TEST(CommentBody, Attachments) {
  EXPECT_TRUE(ReadCommentAttachments(BodyJson("[1,2,3]")).ok());
  ExpectValidationError(ReadCommentAttachments(BodyJson("{}")),
                        "body failed validation: body.attachments should be an array, instead was `{}`.");
  ExpectValidationError(ReadCommentAttachments(BodyJson("[1,2,3,4]")),
                        "body failed validation: body.attachments.length should be ≤ `3`, instead was `4`.");
  auto id = ReadCommentAttachment(
      0, BodyJson(std::string(R"({"type":"file_upload","file_upload_id":")") + kUndashedId + "\"}"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, kDashed);
  ExpectValidationError(ReadCommentAttachment(1, BodyJson("3")),
                        "body failed validation: body.attachments[1] should be an object, instead was `3`.");
  ExpectValidationError(ReadCommentAttachment(0, BodyJson("{}")),
                        "body failed validation: body.attachments[0].file_upload_id should be defined, instead was "
                        "`undefined`.");
  ExpectValidationError(ReadCommentAttachment(0, BodyJson(R"({"file_upload_id":"x","name":"a"})")),
                        "body failed validation: body.attachments[0].name should be not present, instead was `\"a\"`.");
  ExpectValidationError(ReadCommentAttachment(2, BodyJson(R"({"file_upload_id":"x"})")),
                        "body failed validation: body.attachments[2].file_upload_id should be a valid uuid, instead "
                        "was `\"x\"`.");
}

}  // namespace
}  // namespace localnotion::validation
