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

}  // namespace
}  // namespace localnotion::cli
