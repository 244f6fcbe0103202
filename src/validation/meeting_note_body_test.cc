// ReadMeetingNoteCreate: the two sources, defaults, and each error's exact text.
#include "validation/meeting_note_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(ReadMeetingNoteCreate, FileUploadSourceWithParent) {
  auto r = ReadMeetingNoteCreate(BodyJson(R"({"title":"Standup","language":"fr","options":{"kickoff_summary":false},
    "source":{"type":"file_upload","file_upload_id":"598337872cf94fdf8782e53db20768a5"},
    "parent":{"page_id":"59833787-2CF9-4fdf-8782-e53db20768a5"}})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->title, "Standup");
  EXPECT_EQ(r->language, "fr");
  EXPECT_FALSE(r->kickoff_summary);
  EXPECT_EQ(r->source_type, "file_upload");
  EXPECT_EQ(r->source_id, kId);
  EXPECT_EQ(r->parent_page_id, kId);
}

TEST(ReadMeetingNoteCreate, BlockSourceDefaults) {
  auto r = ReadMeetingNoteCreate(BodyJson(R"({"source":{"block_id":"59833787-2cf9-4fdf-8782-e53db20768a5"}})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->title, std::nullopt);
  EXPECT_EQ(r->language, "auto");
  EXPECT_TRUE(r->kickoff_summary);
  EXPECT_EQ(r->source_type, "block");
  EXPECT_EQ(r->source_id, kId);
  EXPECT_EQ(r->parent_page_id, "");
}

TEST(ReadMeetingNoteCreate, Errors) {
  const std::string up = R"("source":{"type":"file_upload","file_upload_id":"59833787-2cf9-4fdf-8782-e53db20768a5"})";
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{}")),
                        "body failed validation: body.source should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson(R"({"source":{}})")),
                        "body failed validation. Fix one:\n"
                        "body.source.file_upload_id should be defined, instead was `undefined`.\n"
                        "body.source.block_id should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson(R"({"source":{"type":"url"}})")),
                        "body failed validation: body.source.type should be `\"file_upload\"` or `\"block\"`, "
                        "instead was `\"url\"`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson(R"({"source":{"type":"block","block_id":"x"}})")),
                        "body failed validation: body.source.block_id should be a valid uuid, instead was `\"x\"`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson(R"({"source":{"type":"block","file_upload_id":"x"}})")),
                        "body failed validation: body.source.file_upload_id should be not present, instead was "
                        "`\"x\"`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + "}")),
                        "body failed validation: body.parent should be defined, instead was `undefined`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"parent":{"type":"database_id"}})")),
                        "body failed validation: body.parent.type should be `\"page_id\"`, instead was "
                        "`\"database_id\"`.");
  ExpectValidationError(
      ReadMeetingNoteCreate(BodyJson(R"({"source":{"block_id":"59833787-2cf9-4fdf-8782-e53db20768a5"},"parent":{}})")),
      "body failed validation: body.parent should be not present, instead was `{}`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"title":7})")),
                        "body failed validation: body.title should be a string or `undefined`, instead was `7`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"title":")" + std::string(2001, 'a') + "\"}")),
                        "body failed validation: body.title.length should be ≤ `2000`, instead was `2001`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"language":"xx"})")),
                        "body failed validation: body.language should be `\"auto\"`, `\"en\"`, `\"zh-CN\"`, "
                        "`\"zh-TW\"`, `\"es\"`, `\"fr\"`, `\"de\"`, `\"ja\"`, `\"ko\"`, `\"pt\"`, `\"ru\"`, `\"th\"`, "
                        "`\"vi\"`, `\"id\"`, `\"da\"`, `\"fi\"`, `\"no\"`, `\"nl\"`, `\"it\"`, `\"sv\"`, `\"ar\"`, "
                        "`\"he\"`, or `\"pl\"`, instead was `\"xx\"`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"options":{"kickoff_summary":"no"}})")),
                        "body failed validation: body.options.kickoff_summary should be a boolean or `undefined`, "
                        "instead was `\"no\"`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"options":{"speakers":2}})")),
                        "body failed validation: body.options.speakers should be not present, instead was `2`.");
  ExpectValidationError(ReadMeetingNoteCreate(BodyJson("{" + up + R"(,"children":[]})")),
                        "body failed validation: body.children should be not present, instead was `[]`.");
}

}  // namespace
}  // namespace localnotion::validation
