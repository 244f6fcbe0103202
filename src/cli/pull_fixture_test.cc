// ToFixture (pull.h): what a pull keeps of Notion's answers, and what it cuts.
#include <gtest/gtest.h>

#include "cli/pull.h"
#include "common/sha256.h"
#include "testing/json.h"

namespace localnotion::cli {
namespace {

using testing::J;

constexpr const char* kMe = "bbbbbbbb-0000-4000-8000-000000000001";
constexpr const char* kAda = "aaaaaaaa-0000-4000-8000-000000000001";
constexpr const char* kPage = "11111111-0000-4000-8000-000000000001";

PulledWorkspace Sample() {
  PulledWorkspace p;
  p.me = J(R"({"object":"user","id":"bbbbbbbb-0000-4000-8000-000000000001","type":"bot","name":"Puller",
               "bot":{"workspace_name":"Acme","workspace_id":"cccccccc-0000-4000-8000-000000000001"}})")
             .as_object();
  p.users.push_back(J(R"({"object":"user","id":"aaaaaaaa-0000-4000-8000-000000000001","type":"person","name":"Ada",
                          "avatar_url":null,"person":{"email":"ada@example.com"}})")
                        .as_object());
  p.pages.push_back(J(R"({"object":"page","id":"11111111-0000-4000-8000-000000000001",
      "parent":{"type":"page_id","page_id":"99999999-0000-4000-8000-000000000001"},
      "created_by":{"object":"user","id":"99999999-0000-4000-8000-000000000001"},
      "last_edited_by":{"object":"user","id":"aaaaaaaa-0000-4000-8000-000000000001"},
      "icon":{"type":"file","file":{"url":"https://files.example/i.png","expiry_time":"2025-01-01T00:00:00.000Z"}},
      "properties":{"title":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Hi"}}]}}})")
                        .as_object());
  p.blocks.push_back(J(R"({"object":"block","id":"22222222-0000-4000-8000-000000000001","type":"image",
      "parent":{"type":"page_id","page_id":"11111111-0000-4000-8000-000000000001"},
      "image":{"type":"file","file":{"url":"https://files.example/a.png","expiry_time":"x"},"caption":[]}})")
                         .as_object());
  p.blocks.push_back(J(R"({"object":"block","id":"22222222-0000-4000-8000-000000000002","type":"synced_block",
      "parent":{"type":"page_id","page_id":"11111111-0000-4000-8000-000000000001"},
      "synced_block":{"synced_from":{"type":"block_id","block_id":"99999999-0000-4000-8000-000000000001"}}})")
                         .as_object());
  p.blocks.push_back(J(R"({"object":"block","id":"22222222-0000-4000-8000-000000000003","type":"unsupported",
      "parent":{"type":"page_id","page_id":"11111111-0000-4000-8000-000000000001"},"unsupported":{}})")
                         .as_object());
  p.comments.push_back(J(R"({"object":"comment","id":"33333333-0000-4000-8000-000000000001",
      "parent":{"type":"block_id","block_id":"99999999-0000-4000-8000-000000000001"},"discussion_id":"d","rich_text":[]})")
                           .as_object());
  return p;
}

TEST(PullFixtureTest, KeepsWhatTheTokenSawAndCutsWhatPointsElsewhere) {
  json::value f = ToFixture(Sample(), "secret_pull");
  EXPECT_EQ(f.at("workspace"), J(R"({"name":"Acme","id":"cccccccc-0000-4000-8000-000000000001"})"));
  const json::object& me = f.at("integrations").at(0).as_object();
  EXPECT_EQ(me.at("token_sha256"), json::value(Sha256Hex("secret_pull")));
  EXPECT_EQ(me.at("bot_user_id"), kMe);
  EXPECT_EQ(me.at("shares"), J(R"(["workspace"])"));
  EXPECT_EQ(f.at("users").at(0).at("email"), "ada@example.com");

  const json::object& page = f.at("pages").at(0).as_object();
  EXPECT_EQ(page.at("id"), kPage);
  EXPECT_EQ(page.at("parent"), J(R"({"type":"workspace","workspace":true})"));  // its parent was not pulled
  EXPECT_FALSE(page.contains("created_by"));                                    // an author not in the fixture
  EXPECT_EQ(page.at("last_edited_by"), kAda);
  EXPECT_EQ(page.at("icon"), J(R"({"type":"external","external":{"url":"https://files.example/i.png"}})"));

  const json::array& blocks = f.at("blocks").as_array();
  ASSERT_EQ(blocks.size(), 2u);  // the unsupported block is left out
  EXPECT_EQ(blocks[0].at("image"),
            J(R"({"caption":[],"type":"external","external":{"url":"https://files.example/a.png"}})"));
  EXPECT_EQ(blocks[1].at("synced_block"), J(R"({"synced_from":null})"));  // its original was not pulled
  EXPECT_TRUE(f.at("comments").as_array().empty());                       // on a block not pulled
}

// Downloaded files become uploads of the fixture, owned by the pulling integration and
// named where they were used; an attachment whose bytes were not read is left out.
TEST(PullFixtureTest, DownloadedFilesBecomeUploadsOfThePullingIntegration) {
  PulledWorkspace p = Sample();
  p.files["https://files.example/i.png"] = PulledFile{true, "image/png", "icon", ""};
  p.files["https://files.example/a.png"] = PulledFile{false, "", "", "HTTP 404"};
  p.files["https://files.example/n.txt"] = PulledFile{true, "text/plain", "note", ""};
  p.comments.push_back(J(R"({"object":"comment","id":"33333333-0000-4000-8000-000000000002",
      "parent":{"type":"page_id","page_id":"11111111-0000-4000-8000-000000000001"},"discussion_id":"d2","rich_text":[],
      "attachments":[{"category":"productivity","file":{"url":"https://files.example/n.txt?sig=1","expiry_time":"x"}},
                     {"category":"image","file":{"url":"https://files.example/a.png?sig=1","expiry_time":"x"}}]})")
                           .as_object());
  json::value f = ToFixture(p, "secret_pull");
  const json::value& me = f.at("integrations").at(0);
  const json::array& uploads = f.at("file_uploads").as_array();
  ASSERT_EQ(uploads.size(), 2u);  // the icon, then the attachment: in the order used
  EXPECT_EQ(uploads[0].at("filename"), "i.png");
  EXPECT_EQ(uploads[0].at("integration_id"), me.at("id"));
  EXPECT_EQ(uploads[0].at("content_base64"), "aWNvbg==");
  EXPECT_EQ(uploads[1].at("filename"), "n.txt");
  EXPECT_EQ(f.at("pages").at(0).at("icon"),
            J(R"({"type":"file","file":{"file_upload_id":")" + std::string(uploads[0].at("id").as_string()) +
              R"(","filename":"i.png","content_type":"image/png"}})"));
  EXPECT_EQ(f.at("blocks").at(0).at("image").at("type"), "external");  // its download failed
  const json::value& comment = f.at("comments").at(0);
  EXPECT_EQ(
      comment.at("attachments"),
      J(R"([{"category":"productivity","file":{"type":"file","file":{"file_upload_id":")" +
        std::string(uploads[1].at("id").as_string()) + R"(","filename":"n.txt","content_type":"text/plain"}}}])"));
  EXPECT_EQ(SerializeJson(ToFixture(p, "secret_pull")), SerializeJson(f));  // the same every time
}

// A text item as Notion's answers show it.
std::string Text(const std::string& s) {
  return R"({"type":"text","text":{"content":")" + s + R"(","link":null},"annotations":{"bold":false,"italic":false,)" +
         R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":")" + s +
         R"(","href":null})";
}

json::object Block(const std::string& id, const std::string& parent_type, const std::string& parent,
                   const std::string& type, const std::string& content, bool children = false) {
  return J(R"({"object":"block","id":")" + id + R"(","parent":{"type":")" + parent_type + R"(",")" + parent_type +
           R"(":")" + parent +
           R"("},"created_time":"2025-01-02T03:04:00.000Z","last_edited_time":"2025-01-02T03:05:00.000Z",)" +
           R"("created_by":{"object":"user","id":"bbbbbbbb-0000-4000-8000-000000000001"},)" +
           R"("last_edited_by":{"object":"user","id":"99999999-0000-4000-8000-000000000009"},)" + R"("has_children":)" +
           (children ? "true" : "false") + R"(,"in_trash":false,"type":")" + type + R"(",")" + type + R"(":)" +
           content + "}")
      .as_object();
}

constexpr const char* kNote = "44444444-0000-4000-8000-000000000001";
constexpr const char* kSummary = "44444444-0000-4000-8000-000000000002";
constexpr const char* kNotes = "44444444-0000-4000-8000-000000000003";

// A meeting notes block (`transcription` under 2025-09-03) on a page of the fixture
// becomes an entry of `meeting_notes` with its tabs' content as markdown; neither it nor
// what is inside it is a block of the fixture, nor are comments on them.
TEST(PullFixtureTest, MeetingNotesOnAPageBecomeTheFixturesMeetingNotes) {
  PulledWorkspace p = Sample();
  p.blocks.push_back(
      Block(kNote, "page_id", kPage, "transcription",
            R"({"title":[)" + Text("Weekly sync") + R"(],"status":"notes_ready",)" +
                R"("children":{"summary_block_id":")" + kSummary + R"(","notes_block_id":")" + kNotes +
                R"("},"calendar_event":{"start_time":"2025-01-02T03:00:00.000Z",)" +
                R"("end_time":"2025-01-02T04:00:00.000Z","attendees":["aaaaaaaa-0000-4000-8000-000000000001"]}})",
            true));
  p.blocks.push_back(Block(kSummary, "block_id", kNote, "toggle", R"({"rich_text":[)" + Text("Summary") + "]}", true));
  p.blocks.push_back(Block("44444444-0000-4000-8000-000000000004", "block_id", kSummary, "paragraph",
                           R"({"rich_text":[)" + Text("We ship on Friday") + R"(],"color":"default"})"));
  p.blocks.push_back(Block(kNotes, "block_id", kNote, "toggle", R"({"rich_text":[)" + Text("Notes") + "]}", true));
  p.blocks.push_back(Block("44444444-0000-4000-8000-000000000005", "block_id", kNotes, "to_do",
                           R"({"rich_text":[)" + Text("Draft the post") + R"(],"checked":false,"color":"default"})"));
  p.blocks.push_back(Block("44444444-0000-4000-8000-000000000006", "block_id", kNotes, "to_do",
                           R"({"rich_text":[)" + Text("Book the room") + R"(],"checked":true,"color":"default"})"));
  // A note under a block (a toggle of the page): a fixture places notes on pages only.
  p.blocks.push_back(Block("55555555-0000-4000-8000-000000000001", "page_id", kPage, "toggle",
                           R"({"rich_text":[],"color":"default"})", true));
  p.blocks.push_back(Block("55555555-0000-4000-8000-000000000002", "block_id", "55555555-0000-4000-8000-000000000001",
                           "meeting_notes", R"({"title":[],"status":"notes_ready","children":{}})"));
  p.comments.push_back(J(R"({"object":"comment","id":"33333333-0000-4000-8000-000000000003",
      "parent":{"type":"block_id","block_id":"44444444-0000-4000-8000-000000000004"},"discussion_id":"d3","rich_text":[]})")
                           .as_object());
  json::value f = ToFixture(p, "secret_pull");
  const json::array& notes = f.at("meeting_notes").as_array();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            J(R"({"id":")" + std::string(kNote) + R"(","parent":{"type":"page_id","page_id":")" + kPage +
              R"("},"title":[)" + Text("Weekly sync") + R"(],"status":"notes_ready",)" +
              R"("calendar_event":{"start_time":"2025-01-02T03:00:00.000Z","end_time":"2025-01-02T04:00:00.000Z",)" +
              R"("attendees":["aaaaaaaa-0000-4000-8000-000000000001"]},"recording":null,)" +
              R"("summary":"We ship on Friday","summary_block_id":")" + kSummary +
              R"(","notes":"- [ ] Draft the post\n- [x] Book the room","notes_block_id":")" + kNotes +
              R"(","in_trash":false,"created_time":"2025-01-02T03:04:00.000Z",)" +
              R"("last_edited_time":"2025-01-02T03:05:00.000Z","created_by":"bbbbbbbb-0000-4000-8000-000000000001"})"));
  // Blocks: the image, the synced block and the toggle; nothing of the notes.
  const json::array& blocks = f.at("blocks").as_array();
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[2].at("type"), "toggle");
  EXPECT_TRUE(f.at("comments").as_array().empty());
}

// The workspace's custom emojis are the fixture's; icons keep naming them; a callout's
// uploaded icon is downloaded as a page's is.
TEST(PullFixtureTest, CustomEmojisAndBlockIconsAreKept) {
  PulledWorkspace p = Sample();
  p.custom_emojis.push_back(J(R"({"id":"e1","name":"parrot","url":"https://emoji.example/parrot.gif"})").as_object());
  const std::string parrot =
      R"({"type":"custom_emoji","custom_emoji":{"id":"e1","name":"parrot","url":"https://emoji.example/parrot.gif"}})";
  p.pages[0]["icon"] = J(parrot);
  p.blocks.push_back(Block("66666666-0000-4000-8000-000000000001", "page_id", kPage, "callout",
                           R"({"rich_text":[],"color":"default","icon":)" + parrot + "}"));
  p.blocks.push_back(Block(
      "66666666-0000-4000-8000-000000000002", "page_id", kPage, "callout",
      R"({"rich_text":[],"color":"default","icon":{"type":"file","file":{"url":"https://files.example/c.png?s=1","expiry_time":"x"}}})"));
  p.blocks.push_back(Block(
      "66666666-0000-4000-8000-000000000003", "page_id", kPage, "callout",
      R"({"rich_text":[],"color":"default","icon":{"type":"custom_emoji","custom_emoji":{"id":"gone","name":"g","url":"u"}}})"));
  p.files["https://files.example/c.png"] = PulledFile{true, "image/png", "callout", ""};
  json::value f = ToFixture(p, "secret_pull");
  EXPECT_EQ(f.at("custom_emojis"), J(R"([{"id":"e1","name":"parrot","url":"https://emoji.example/parrot.gif"}])"));
  EXPECT_EQ(f.at("pages").at(0).at("icon"), J(R"({"type":"custom_emoji","custom_emoji":{"id":"e1"}})"));
  const json::array& blocks = f.at("blocks").as_array();
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[2].at("callout").at("icon"), J(parrot));
  const json::array& uploads = f.at("file_uploads").as_array();
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0].at("filename"), "c.png");
  EXPECT_EQ(uploads[0].at("content_base64"), "Y2FsbG91dA==");
  EXPECT_EQ(blocks[3].at("callout").at("icon"),
            J(R"({"type":"file","file":{"file_upload_id":")" + std::string(uploads[0].at("id").as_string()) +
              R"(","filename":"c.png","content_type":"image/png"}})"));
  EXPECT_TRUE(blocks[4].at("callout").at("icon").is_null());  // an emoji GET /v1/custom_emojis did not list
  EXPECT_FALSE(ToFixture(Sample(), "secret_pull").as_object().contains("custom_emojis"));
}

}  // namespace
}  // namespace localnotion::cli
