// Fixtures (seed and export), page history and deterministic ids, on a real SqliteStore
// behind the CachingStore, as in production.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include "common/clock.h"
#include "common/uuid.h"
#include "service/admin/admin.h"
#include "service/admin/fixture_test_base.h"
#include "service/blocks/blocks.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

constexpr const char* kToken = "secret_fixture_test";

// A hand-written fixture: ids left out where the format allows, short forms for
// titles, options named by pages, a relation both ways and a unique_id.
constexpr const char* kFixture = R"json({
  "users": [{"id": "6794760a-1f15-45cd-9c65-0dfe42f5135a", "name": "Ada", "email": "ada@example.com"}],
  "integrations": [{"name": "Fixture bot", "token": "secret_fixture_test"}],
  "databases": [{"id": "bc1211ca-e3f1-4939-ae34-5260b16f627c", "title": "Tasks",
                 "created_time": "2025-01-02T09:00:00.000Z"}],
  "data_sources": [{"id": "248104cd-477e-80af-bc30-000bd28de8f9", "database_id": "bc1211ca-e3f1-4939-ae34-5260b16f627c",
    "properties": {"Name": {"title": {}}, "Tag": {"select": {"options": [{"name": "a", "color": "red"}]}},
                   "Who": {"people": {}}, "Done": {"checkbox": {}}, "ID": {"unique_id": {"prefix": "T"}},
                   "Twice": {"formula": {"expression": "prop(\"ID\")"}}}}],
  "pages": [
    {"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "parent": {"database_id": "bc1211ca-e3f1-4939-ae34-5260b16f627c"},
     "properties": {"Name": {"title": [{"text": {"content": "One"}}]}, "Tag": {"select": {"name": "b"}},
                    "Who": {"people": [{"id": "6794760a-1f15-45cd-9c65-0dfe42f5135a"}]}, "Done": {"checkbox": true}},
     "icon": {"emoji": "🥬"}, "in_trash": true, "created_time": "2025-01-03T10:00:00Z"},
    {"parent": {"data_source_id": "248104cd-477e-80af-bc30-000bd28de8f9"},
     "properties": {"Name": {"title": [{"text": {"content": "Two"}}]}, "ID": {"unique_id": {"number": 7}}}}
  ]})json";

class FixturesTest : public FixtureTestBase {
 protected:
  FixturesTest() : FixtureTestBase({kToken}) {}
  // One request of the test integration with this request id.
  template <class F>
  auto RunAs(std::string request_id, F&& fn) {
    Caller caller = CallerFor(std::move(request_id));
    return Run([&] { return fn(caller); });
  }
  Caller CallerFor(std::string request_id) {
    auto in = Run([&] { return ctx_->Authenticate(kToken); });
    EXPECT_TRUE(in.ok()) << in.error().message;
    return Caller{*in, api::ApiVersion::k2025_09_03, "http://127.0.0.1", std::move(request_id)};
  }
};

TEST_F(FixturesTest, SeedThenExportRoundTripsByteForByte) {
  Status seeded = Seed(kFixture);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  std::string first = Export();
  json::value e = J(first);
  const json::array& pages = e.at("pages").as_array();
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].at("id"), "59833787-2cf9-4fdf-8782-e53db20768a5");
  EXPECT_EQ(pages[0].at("in_trash"), true);
  EXPECT_EQ(pages[0].at("created_time"), "2025-01-03T10:00:00.000Z");
  EXPECT_EQ(pages[0].at("properties").at("Tag").at("select").at("name"), "b");  // created by the page
  EXPECT_EQ(pages[0].at("properties").at("ID").at("unique_id").at("number"), 1);
  EXPECT_EQ(pages[1].at("properties").at("ID").at("unique_id").at("number"), 7);
  EXPECT_EQ(e.at("data_sources").at(0).at("next_unique_id"), 8);          // past the 7 given
  EXPECT_FALSE(pages[0].at("properties").as_object().contains("Twice"));  // computed: not exported
  EXPECT_EQ(e.at("integrations").at(0).at("token_sha256").as_string().size(), 64u);
  EXPECT_EQ(e.at("data_sources").at(0).at("properties").at("Tag").at("select").at("options").as_array().size(), 2u);

  ASSERT_TRUE(Seed(first).ok());
  EXPECT_EQ(Export(), first);
  // The token of the fixture authenticates.
  EXPECT_TRUE(Run([&] { return ctx_->Authenticate(kToken); }).ok());
}

// Found by fuzz/fixtures_import_fuzz: in deterministic mode a fixture user whose id is
// the one seeding then generates for the server's bot user was replaced by that bot,
// and the export could not be seeded again. Generated ids now skip ids already taken.
TEST_F(FixturesTest, AFixtureUserWithTheNextGeneratedIdKeepsIt) {
  auto seed_with_user = [&](const std::string& id) {
    SeedIdGenerator(4242);
    return Seed(R"({"users":[{"id":")" + id + R"(","name":"Ann"}]})");
  };
  ASSERT_TRUE(seed_with_user("6794760a-1f15-45cd-9c65-0dfe42f5135a").ok());
  const std::string bot = CallerFor("r0").integration.bot_user_id;
  ASSERT_TRUE(seed_with_user(bot).ok());  // the same calls, so the same ids would come
  auto ann = Run([&] { return ctx_->store().GetUser(bot); });
  ASSERT_TRUE(ann.ok());
  ASSERT_TRUE(ann->has_value());
  EXPECT_EQ((*ann)->type, "person");
  EXPECT_EQ((*ann)->name, "Ann");
  EXPECT_NE(CallerFor("r1").integration.bot_user_id, bot);
  const std::string exported = Export();
  EXPECT_TRUE(Seed(exported).ok());
  EXPECT_EQ(Export(), exported);
}

TEST_F(FixturesTest, ABadFixtureNamesThePathAndLoadsNothing) {
  ASSERT_TRUE(Seed(kFixture).ok());
  std::string before = Export();
  struct Case {
    const char* fixture;
    const char* message;
  } cases[] = {
      {R"({"pages": [{"id": "nope", "parent": {"workspace": true}}]})",
       "body failed validation: body.pages[0].id should be a valid uuid, instead was `\"nope\"`."},
      {R"({"databases": [{"created_time": "yesterday"}]})",
       "body failed validation: body.databases[0].created_time should be an ISO 8601 UTC date-time such as "
       "`\"2025-01-01T00:00:00.000Z\"`, instead was `\"yesterday\"`."},
      {R"({"pages": [{"parent": {"workspace": true}, "properties": {"title": {"title": "x"}}}]})",
       "body failed validation: body.pages[0].properties.title.title should be an array, instead was `\"x\"`."},
      {R"({"pagez": []})", "body failed validation: body.pagez should be not present, instead was `[]`."},
      {R"({"users": [{"id": "6794760a-1f15-45cd-9c65-0dfe42f5135a", "name": "A"},
                     {"id": "6794760a1f1545cd9c650dfe42f5135a", "name": "B"}]})",
       "body failed validation: body.users[1].id is a duplicate id, instead was "
       "`\"6794760a-1f15-45cd-9c65-0dfe42f5135a\"`."},
  };
  for (const auto& c : cases) {
    Status s = Seed(c.fixture);
    ASSERT_THAT(s, ErrorIs(ErrorCode::kValidationError, c.message)) << c.fixture;
    EXPECT_EQ(Export(), before) << c.fixture;
  }
}

// A hand-written fixture with page content, comments, an upload and a subscription:
// blocks without positions go after their parent's earlier children in the order
// listed, and everything comes back in the export form, which seeds back to itself.
TEST_F(FixturesTest, BlocksCommentsUploadsAndSubscriptionsRoundTrip) {
  constexpr const char* kContent = R"json({
    "integrations": [{"id": "11111111-1111-4111-8111-111111111111", "name": "Fixture bot", "token": "secret_fixture_test"}],
    "pages": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "parent": {"workspace": true}}],
    "file_uploads": [{"id": "22222222-2222-4222-8222-222222222222", "integration_id": "11111111-1111-4111-8111-111111111111",
                      "filename": "a.txt", "content_type": "text/plain", "content_base64": "aGVsbG8=", "attached": true}],
    "blocks": [
      {"id": "33333333-3333-4333-8333-333333333333", "parent": {"type": "page_id", "page_id": "59833787-2cf9-4fdf-8782-e53db20768a5"},
       "type": "toggle", "toggle": {"rich_text": [], "color": "default"}},
      {"id": "44444444-4444-4444-8444-444444444444", "parent": {"type": "block_id", "block_id": "33333333-3333-4333-8333-333333333333"},
       "type": "file", "file": {"type": "file", "file": {"file_upload_id": "22222222-2222-4222-8222-222222222222",
                                "filename": "a.txt", "content_type": "text/plain"}, "caption": []}},
      {"id": "55555555-5555-4555-8555-555555555555", "parent": {"type": "page_id", "page_id": "59833787-2cf9-4fdf-8782-e53db20768a5"},
       "type": "divider", "in_trash": true}],
    "comments": [{"parent": {"type": "block_id", "block_id": "33333333-3333-4333-8333-333333333333"},
                  "discussion_id": "66666666-6666-4666-8666-666666666666",
                  "rich_text": [{"type": "text", "text": {"content": "hi", "link": null}, "plain_text": "hi", "href": null}]}],
    "webhook_subscriptions": [{"integration_id": "11111111-1111-4111-8111-111111111111", "url": "http://127.0.0.1:9/x",
                               "event_types": ["page.created"], "verification_token": "secret_hook"}]
  })json";
  Status seeded = Seed(kContent);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  std::string first = Export();
  json::value e = J(first);
  const json::array& blocks = e.at("blocks").as_array();
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].at("position"), 1);
  EXPECT_EQ(blocks[1].at("id"), "44444444-4444-4444-8444-444444444444");  // depth first
  EXPECT_EQ(blocks[1].at("position"), 1);
  EXPECT_EQ(blocks[2].at("position"), 2);
  EXPECT_EQ(blocks[2].at("in_trash"), true);
  EXPECT_EQ(e.at("file_uploads").at(0).at("content_length"), 5);
  EXPECT_EQ(e.at("file_uploads").at(0).at("status"), "uploaded");
  EXPECT_EQ(e.at("comments").at(0).at("created_by"), e.at("integrations").at(0).at("bot_user_id"));
  EXPECT_EQ(e.at("webhook_subscriptions").at(0).at("state"), "active");
  auto bytes = Run([&] { return ctx_->store().ReadFileUploadBytes("22222222-2222-4222-8222-222222222222"); });
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "hello");
  ASSERT_TRUE(Seed(first).ok());
  EXPECT_EQ(Export(), first);
}

TEST_F(FixturesTest, HistoryRecordsEachRequestAndNotAFailedOne) {
  ASSERT_TRUE(Seed(kFixture).ok());
  const std::string page_id = "59833787-2cf9-4fdf-8782-e53db20768a5";
  json::value restore = J(R"({"in_trash": false, "properties": {"Done": {"checkbox": false}}})");
  ASSERT_TRUE(RunAs("req-1", [&](const Caller& c) { return pages::UpdatePage(*ctx_, c, page_id, restore); }).ok());
  json::value bad = J(R"({"properties": {"Done": {"checkbox": "no"}}})");
  ASSERT_FALSE(RunAs("req-2", [&](const Caller& c) { return pages::UpdatePage(*ctx_, c, page_id, bad); }).ok());
  json::value body = J(R"({"properties": {"Name": {"title": [{"text": {"content": "Uno"}}]}}})");
  ASSERT_TRUE(RunAs("req-3", [&](const Caller& c) { return pages::UpdatePage(*ctx_, c, page_id, body); }).ok());

  auto history = Run([&] { return pages::PageHistory(*ctx_, page_id); });
  ASSERT_TRUE(history.ok()) << history.error().message;
  const json::array& entries = history->at("results").as_array();
  ASSERT_EQ(entries.size(), 2u);  // seeding writes no history; req-2 failed
  EXPECT_EQ(entries[0].at("request_id"), "req-1");
  EXPECT_EQ(entries[0].at("integration").at("name"), "Fixture bot");
  const json::array& first = entries[0].at("changes").as_array();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(SerializeJson(first[0]),
            R"({"property":"Done","property_id":")" + std::string(first[0].at("property_id").as_string()) +
                R"(","before":{"id":")" + std::string(first[0].at("property_id").as_string()) +
                R"(","type":"checkbox","checkbox":true},"after":{"id":")" +
                std::string(first[0].at("property_id").as_string()) + R"(","type":"checkbox","checkbox":false}})");
  EXPECT_EQ(SerializeJson(first[1]), R"({"field":"in_trash","before":true,"after":false})");
  EXPECT_EQ(entries[1].at("request_id"), "req-3");
  EXPECT_EQ(entries[1].at("changes").at(0).at("after").at("title").at(0).at("plain_text"), "Uno");
  EXPECT_EQ(entries[1].at("changes").at(0).at("before").at("title").at(0).at("plain_text"), "One");

  auto missing = Run([&] { return pages::PageHistory(*ctx_, "2f1c0b7e-8a9d-4e3f-b2a1-c0d9e8f7a6b5"); });
  ASSERT_THAT(missing, ErrorIs(ErrorCode::kObjectNotFound));
}

TEST_F(FixturesTest, CreationIsTheFirstHistoryEntry) {
  json::value body = J(R"({"parent": {"workspace": true}, "icon": {"emoji": "🐞"},
                                    "properties": {"title": {"title": [{"text": {"content": "Hi"}}]}}})");
  auto page = RunAs("req-c", [&](const Caller& c) { return pages::CreatePage(*ctx_, c, body); });
  ASSERT_TRUE(page.ok());
  auto history = Run([&] { return pages::PageHistory(*ctx_, page->at("id").as_string()); });
  ASSERT_TRUE(history.ok());
  const json::value& entry = history->at("results").at(0);
  EXPECT_EQ(entry.at("action"), "created");
  EXPECT_EQ(entry.at("request_id"), "req-c");
  EXPECT_EQ(entry.at("changes").at(0).at("property"), "title");
  EXPECT_TRUE(entry.at("changes").at(0).at("before").is_null());
  EXPECT_EQ(SerializeJson(entry.at("changes").at(1)),
            R"({"field":"icon","before":null,"after":{"type":"emoji","emoji":"🐞"}})");
}

TEST_F(FixturesTest, SharesAreExportedSortedAndSeededBack) {
  constexpr const char* kShared = R"json({
    "integrations": [{"name": "Fixture bot", "token": "secret_fixture_test"},
                     {"id": "0c1d2e3f-0000-4000-8000-000000000001", "name": "Reader", "token": "secret_reader_test",
                      "capabilities": "read", "shares": ["59833787-2CF9-4FDF-8782-E53DB20768A5",
                                                         "bc1211ca-e3f1-4939-ae34-5260b16f627c"]}],
    "databases": [{"id": "bc1211ca-e3f1-4939-ae34-5260b16f627c", "title": "Tasks"}],
    "data_sources": [{"database_id": "bc1211ca-e3f1-4939-ae34-5260b16f627c", "properties": {"Name": {"title": {}}}}],
    "pages": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "parent": {"workspace": true}}]})json";
  Status seeded = Seed(kShared);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  std::string first = Export();
  json::value e = J(first);
  // Integrations are listed by id.
  std::map<std::string, std::string> shares;
  for (const auto& in : e.at("integrations").as_array()) {
    shares[std::string(in.at("name").as_string())] = SerializeJson(in.at("shares"));
  }
  EXPECT_EQ(shares["Fixture bot"], R"(["workspace"])");
  EXPECT_EQ(shares["Reader"], R"(["59833787-2cf9-4fdf-8782-e53db20768a5","bc1211ca-e3f1-4939-ae34-5260b16f627c"])");
  auto reader = Run([&] { return ctx_->store().ListShares("0c1d2e3f-0000-4000-8000-000000000001"); });
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->size(), 2u);
  ASSERT_TRUE(Seed(first).ok());
  EXPECT_EQ(Export(), first);

  std::string before = Export();
  Status bad = Seed(R"({"integrations": [{"name": "R", "token": "secret_r_test", "shares": ["nope"]}]})");
  EXPECT_THAT(bad, ErrorIs(ErrorCode::kValidationError,
                           "body failed validation: body.integrations[0].shares[0] should be `\"workspace\"` or the id "
                           "of a page, database or data source of the fixture, instead was `\"nope\"`."));
  Status unknown = Seed(
      R"({"integrations": [{"name": "R", "token": "secret_r_test", "shares": ["59833787-2cf9-4fdf-8782-e53db20768a5"]}]})");
  EXPECT_THAT(unknown, ErrorIs(ErrorCode::kValidationError,
                               "body failed validation: body.integrations[0].shares[0] should be `\"workspace\"` or "
                               "the id of a page, database or data source of the fixture, instead was "
                               "`\"59833787-2cf9-4fdf-8782-e53db20768a5\"`."));
  EXPECT_EQ(Export(), before);
}

// Meeting notes: a note with its tab content in markdown comes back in the export form
// (rich text title, the tab ids, the content as rendered markdown) and seeds back byte for
// byte; its tabs hold blocks an integration reads; a bad one names its path.
TEST_F(FixturesTest, MeetingNotesWithTheirTabsRoundTrip) {
  const std::string fixture = R"json({
    "integrations": [{"name": "Fixture bot", "token": "secret_fixture_test"}],
    "pages": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "parent": {"workspace": true},
               "properties": {"title": {"title": [{"text": {"content": "Meetings"}}]}}}],
    "meeting_notes": [{"id": "7d0f1a52-5a58-4b8e-8f5e-0c6a1e2b3c4d",
      "parent": {"type": "page_id", "page_id": "59833787-2cf9-4fdf-8782-e53db20768a5"},
      "title": "Weekly sync", "created_time": "2026-03-02T10:00:00Z",
      "calendar_event": {"start_time": "2026-03-02T10:00:00.000Z", "end_time": "2026-03-02T10:30:00.000Z",
                         "attendees": ["6794760a-1f15-45cd-9c65-0dfe42f5135a"]},
      "summary": "We agreed to **ship** on Friday.",
      "notes": "- [ ] Draft the post",
      "transcript": "Ada: Shall we ship?\n\nBob: Friday."}]})json";
  Status seeded = Seed(fixture);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  std::string first = Export();
  auto exported = J(first);
  const json::object& note = exported.at("meeting_notes").as_array().at(0).as_object();
  EXPECT_EQ(note.at("title").as_array().at(0).at("plain_text"), "Weekly sync");
  EXPECT_EQ(note.at("status"), "notes_ready");
  EXPECT_EQ(note.at("summary"), "We agreed to **ship** on Friday.");
  EXPECT_EQ(note.at("notes"), "- [ ] Draft the post");
  EXPECT_EQ(note.at("transcript"), "Ada: Shall we ship?\n\nBob: Friday.");
  EXPECT_EQ(note.at("calendar_event").at("attendees").as_array().size(), 1u);
  ASSERT_TRUE(Seed(first).ok());
  EXPECT_EQ(Export(), first);

  // A tab is a block an integration reads: the transcript's two paragraphs.
  const std::string tab(note.at("transcript_block_id").as_string());
  auto caller = Run([&] { return ctx_->Authenticate(kToken); });
  ASSERT_TRUE(caller.ok());
  Caller c{*caller, api::ApiVersion::k2026_03_11, "http://127.0.0.1", ""};
  auto children = Run([&] { return blocks::ListBlockChildren(*ctx_, c, tab, PageArgs{}); });
  ASSERT_TRUE(children.ok()) << children.error().message;
  EXPECT_EQ(children->at("results").as_array().size(), 2u);

  std::string before = Export();
  EXPECT_THAT(Seed(R"({"meeting_notes": [{"parent": {"page_id": "0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c"}}]})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.meeting_notes[0].parent should be "
                      "`{\"type\":\"page_id\",\"page_id\":<the id of one of body.pages>}`, instead was "
                      "`{\"page_id\":\"0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c\"}`."));
  EXPECT_EQ(Export(), before);
}

// A server started without --token: the token it generated and printed keeps working
// after a seed, stays the stored default (printed again at the next start), and an
// export of that server seeds back byte for byte.
class FixturesWithoutTokenTest : public FixtureTestBase {
 protected:
  FixturesWithoutTokenTest() : FixtureTestBase({}) {}
  void SetUp() override {
    FixtureTestBase::SetUp();
    ASSERT_EQ(bootstrapped_.size(), 1u);
    printed_ = bootstrapped_.front();
  }
  std::string printed_;
};

TEST_F(FixturesWithoutTokenTest, SeedingKeepsThePrintedTokenWorking) {
  Status seeded = SeedValue(J(kFixture));
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_TRUE(Run([&] { return ctx_->Authenticate(printed_); }).ok());
  EXPECT_TRUE(Run([&] { return ctx_->Authenticate(kToken); }).ok());
  auto stored = Run([&] { return ctx_->store().GetMeta("default_token"); });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, std::optional<std::string>(printed_));
  // The next start prints the same token.
  auto again = Run([&] { return admin::Bootstrap(*ctx_, {}); });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, std::vector<std::string>{printed_});
}

TEST_F(FixturesWithoutTokenTest, AnExportSeedsBackByteForByte) {
  ASSERT_TRUE(SeedValue(J(kFixture)).ok());
  std::string first = Export();
  ASSERT_TRUE(SeedValue(J(first)).ok());
  EXPECT_EQ(Export(), first);
  EXPECT_TRUE(Run([&] { return ctx_->Authenticate(printed_); }).ok());
}

}  // namespace
}  // namespace localnotion::service
