// Meeting notes over a real SQLite store (bare and behind the CachingStore): a note made
// from an upload (its tabs, its place, both shapes), the refusals, a failed create
// leaving nothing, and the query's filter, sort, limit and sharing.
#include "service/blocks/meeting_notes.h"

#include <gtest/gtest.h>

#include <string>

#include "service/blocks/blocks.h"
#include "service/service_test_util.h"
#include "service/uploads/uploads.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

class MeetingNotesTest : public ServiceTestBase<::testing::TestWithParam<bool>> {
 protected:
  void SetUp() override {
    this->OpenService(GetParam());
    caller_ = this->BootstrapCaller("secret_meetings");
  }

  // An uploaded file of `content_type`; returns its id.
  std::string Upload(const std::string& filename, const std::string& content_type) {
    return SentUpload(caller_, J("{}"), {filename, content_type, "RIFF...."});
  }
  Result<json::value> Create(const std::string& body) {
    json::value b = J(body);
    return Run([&] { return blocks::CreateMeetingNote(*ctx_, caller_, b); });
  }
  Result<json::value> Query(const std::string& body) {
    json::value b = J(body);
    return Run([&] { return blocks::QueryMeetingNotes(*ctx_, caller_, b); });
  }
  std::vector<std::string> Titles(const Result<json::value>& r) {
    std::vector<std::string> out;
    EXPECT_TRUE(r.ok()) << r.error().message;
    if (!r.ok()) return out;
    for (const auto& b : r->at("results").as_array()) {
      const auto& type = b.at("type").as_string();
      const auto& title = b.at(type).at("title").as_array();
      out.emplace_back(title.empty() ? "" : title[0].at("plain_text").as_string());
    }
    return out;
  }
  // Stores a note titled `title` under `page` made at `created`.
  void Store(const std::string& page, const std::string& title, Millis created) {
    blocks::NewMeetingNote note;
    note.row.parent_type = "page_id";
    note.row.parent_id = page;
    note.row.created_time = note.row.last_edited_time = created;
    note.row.created_by = note.row.last_edited_by = caller_.integration.bot_user_id;
    note.view.title = json::array{api::PlainTextItem(title)};
    note.view.status = "notes_ready";
    auto stored = Run([&] { return blocks::StoreMeetingNote(*ctx_, caller_, note, std::nullopt, WriteMode::kImport); });
    ASSERT_TRUE(stored.ok()) << stored.error().message;
  }

  Caller caller_;
};

TEST_P(MeetingNotesTest, CreateFromUploadMakesANoteWithItsTabs) {
  const std::string page = NewPage(caller_, R"({"workspace":true})");
  const std::string upload = Upload("standup.m4a", "audio/mp4");
  auto made = Create(R"({"title":"Standup","source":{"type":"file_upload","file_upload_id":")" + upload +
                     R"("},"parent":{"type":"page_id","page_id":")" + page + R"("}})");
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->at("type"), "transcription");  // 2025-09-03
  const json::object& content = made->at("transcription").as_object();
  EXPECT_EQ(content.at("status"), "notes_ready");
  EXPECT_EQ(content.at("title").as_array()[0].at("plain_text"), "Standup");
  EXPECT_EQ(made->at("parent").at("page_id").as_string(), page);
  EXPECT_EQ(made->at("has_children"), true);
  const json::object& tabs = content.at("children").as_object();
  ASSERT_EQ(tabs.size(), 3u);
  const std::string transcript(tabs.at("transcript_block_id").as_string());
  auto tab = Run([&] { return blocks::GetBlock(*ctx_, caller_, transcript); });
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(tab->at("type"), "toggle");
  EXPECT_EQ(tab->at("toggle").at("rich_text").as_array()[0].at("plain_text"), "Transcript");
  EXPECT_EQ(tab->at("parent").at("block_id"), made->at("id"));
  // The upload is now attached: it cannot make a second note.
  caller_.version = api::ApiVersion::k2026_03_11;
  auto again = Query("{}");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->at("results").as_array()[0].at("type"), "meeting_notes");
  EXPECT_EQ(again->at("has_more"), false);
}

TEST_P(MeetingNotesTest, KickoffSummaryFalseMakesNoSummaryTab) {
  const std::string page = NewPage(caller_, R"({"workspace":true})");
  const std::string upload = Upload("call.mp4", "video/mp4");
  auto made = Create(R"({"options":{"kickoff_summary":false},"source":{"file_upload_id":")" + upload +
                     R"("},"parent":{"page_id":")" + page + R"("}})");
  ASSERT_TRUE(made.ok()) << made.error().message;
  const json::object& content = made->at("transcription").as_object();
  EXPECT_FALSE(content.at("children").as_object().contains("summary_block_id"));
  EXPECT_TRUE(content.at("children").as_object().contains("notes_block_id"));
  // No title: the recording's file name.
  EXPECT_EQ(content.at("title").as_array()[0].at("plain_text"), "call.mp4");
}

TEST_P(MeetingNotesTest, RefusalsLeaveNothingBehind) {
  const std::string page = NewPage(caller_, R"({"workspace":true})");
  const std::string text = Upload("notes.txt", "text/plain");
  EXPECT_THAT(Create(R"({"source":{"file_upload_id":")" + text + R"("},"parent":{"page_id":")" + page + R"("}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "File upload " + text +
                          " has content type `text/plain`. Meeting notes can be made from audio or video only (WebM "
                          "audio is not supported)."));
  EXPECT_THAT(Create(R"({"source":{"file_upload_id":"0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c"},"parent":{"page_id":")" +
                     page + R"("}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "Could not find file upload with ID: 0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c."));
  EXPECT_THAT(
      Create(R"({"source":{"block_id":")" + page + R"("}})"),
      ErrorIs(ErrorCode::kValidationError,
              "Block " + page +
                  " is a child_page block. Meeting notes can be made from an audio, video or file block only."));
  auto listed = Run([&] { return blocks::ListBlockChildren(*ctx_, caller_, page, PageArgs{}); });
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->at("results").as_array().empty());
  // The refused upload was not left attached.
  auto upload = Run([&] { return uploads::GetFileUpload(*ctx_, caller_, text); });
  ASSERT_TRUE(upload.ok());
  EXPECT_EQ(upload->at("status"), "uploaded");
}

TEST_P(MeetingNotesTest, QueryFiltersSortsAndLimits) {
  const std::string page = NewPage(caller_, R"({"workspace":true})");
  Store(page, "Weekly sync", 1773230400000);
  Store(page, "Retro", 1773316800000);
  Store(page, "weekly planning", 1773144000000);
  EXPECT_EQ(Titles(Query("{}")), (std::vector<std::string>{"Retro", "Weekly sync", "weekly planning"}));
  EXPECT_EQ(Titles(Query(R"({"filter":{"operator":"and","filters":[{"property":"title","filter":{
    "operator":"string_contains","value":{"type":"exact","value":"WEEKLY"}}}]},
    "sort":[{"property":"title","direction":"ascending"}]})")),
            (std::vector<std::string>{"weekly planning", "Weekly sync"}));
  auto limited = Query(R"({"limit":1,"sort":[{"property":"created_time","direction":"ascending"}]})");
  EXPECT_EQ(Titles(limited), (std::vector<std::string>{"weekly planning"}));
  EXPECT_EQ(limited->at("has_more"), true);
}

TEST_P(MeetingNotesTest, QuerySeesOnlyWhatIsShared) {
  const std::string shared = NewPage(caller_, R"({"workspace":true})");
  const std::string other = NewPage(caller_, R"({"workspace":true})");
  Store(shared, "Seen", 1773230400000);
  Store(other, "Hidden", 1773230400000);
  storage::IntegrationRecord narrow = caller_.integration;
  narrow.id = "narrow";
  ASSERT_TRUE(Run([&]() -> Result<bool> {
                LN_RETURN_IF_ERROR(ctx_->store().PutShare("narrow", shared));
                return true;
              }).ok());
  auto seen = Run([&]() -> Result<json::value> {
    LN_RETURN_IF_ERROR(ctx_->ActFor(narrow));
    return blocks::QueryMeetingNotes(*ctx_, caller_, J("{}"));
  });
  EXPECT_EQ(Titles(seen), (std::vector<std::string>{"Seen"}));
}

INSTANTIATE_TEST_SUITE_P(Stores, MeetingNotesTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Caching" : "Sqlite"; });

}  // namespace
}  // namespace localnotion::service
