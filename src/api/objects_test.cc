#include "api/objects.h"

#include <gtest/gtest.h>

#include "common/json_arena.h"

namespace localnotion::api {
namespace {

constexpr char kId[] = "1f2e3d4c-5b6a-4789-8abc-def012345678";
constexpr char kCompact[] = "1f2e3d4c5b6a47898abcdef012345678";

// A page's url is its title's words joined by '-' and its id without dashes, as Notion
// writes it (https://developers.notion.com/reference/page: "url").
TEST(NotionUrlTest, TheSlugKeepsLettersAndDigitsAndJoinsEveryOtherRunWithOneDash) {
  EXPECT_EQ(NotionUrl("Widget", kId), std::string("https://www.notion.so/Widget-") + kCompact);
  EXPECT_EQ(NotionUrl("Hello, World!  42", kId), std::string("https://www.notion.so/Hello-World-42-") + kCompact);
  EXPECT_EQ(NotionUrl("  -- leading and trailing --  ", kId),
            std::string("https://www.notion.so/leading-and-trailing-") + kCompact);
  EXPECT_EQ(NotionUrl("Café 🥑 crème", kId), std::string("https://www.notion.so/Café-🥑-crème-") + kCompact);
}

TEST(NotionUrlTest, ATitleWithoutLettersOrDigitsLeavesOnlyTheId) {
  EXPECT_EQ(NotionUrl("", kId), std::string("https://www.notion.so/") + kCompact);
  EXPECT_EQ(NotionUrl(" !?-- ", kId), std::string("https://www.notion.so/") + kCompact);
}

// Parts of answers are made in the request's arena when there is one (common/json_arena.h).
TEST(ObjectsTest, PartsOfAnswersAreMadeInTheRequestsArena) {
  EXPECT_EQ(PartialUser(kId).storage().get(), json::storage_ptr().get());
  JsonArena arena;
  const json::object user = PartialUser(kId);
  EXPECT_EQ(user.storage().get(), JsonArena::Storage().get());
  EXPECT_EQ(SerializeJson(json::value(user)), std::string(R"({"object":"user","id":")") + kId + "\"}");
  EXPECT_EQ(PartialObject("page", kId).storage().get(), JsonArena::Storage().get());
}

// A page as WritePage writes it is, byte for byte, the page RenderPage builds, in every
// version (GET and PATCH /v1/pages/{id} answer with the first, lists of pages with the
// second), whatever its parent, icon, cover, flags and values.
TEST(ObjectsTest, WritePageWritesWhatRenderPageBuilds) {
  const std::vector<ParentRef> parents = {{"workspace", "", ""},
                                          {"page_id", kId, ""},
                                          {"block_id", kId, ""},
                                          {"database_id", kId, kId},
                                          {"database_id", kId, ""},
                                          // A stored type is a key of the parent: escaped.
                                          {"odd \"type\"", kId, ""}};
  const std::vector<json::value> icons = {
      nullptr, json::value{{"type", "emoji"}, {"emoji", "🥑"}},
      json::value{{"type", "external"}, {"external", {{"url", "https://example.com/a \"b\".png"}}}}};
  int checked = 0;
  for (int v = static_cast<int>(kOldestApiVersion); v <= static_cast<int>(kNewestApiVersion); ++v) {
    const ApiVersion version = static_cast<ApiVersion>(v);
    for (const ParentRef& parent : parents) {
      for (size_t i = 0; i < icons.size(); ++i) {
        for (bool flag : {false, true}) {
          PageView page;
          page.id = kId;
          page.parent = parent;
          page.created_time = 1733097600000 + 59999;  // the minute is what shows
          page.created_by = "user-1";
          page.last_edited_time = 1764633600000;
          page.last_edited_by = "bot-\"2\"";
          page.icon = icons[i];
          page.cover = icons[(i + 1) % icons.size()];
          page.in_trash = flag;
          page.is_locked = !flag;
          page.title = flag ? "Café, 42" : "";
          page.properties["Name"] = json::value{{"id", "title"}, {"type", "title"}, {"title", json::array{}}};
          page.properties["Price \"€\"\n"] =
              json::value{{"id", "%3Ab"}, {"type", "number"}, {"number", flag ? json::value(2.5) : json::value(-7)}};
          std::string text = "prefix";
          WritePage(page, version, text);
          const std::string tree = SerializeJson(json::value(RenderPage(PageView(page), version)));
          EXPECT_EQ(text, "prefix" + tree) << ApiVersionName(version) << " " << parent.type << " icon " << i;
          // The properties given as text instead: the same page, written and built.
          PageView as_text = page;
          as_text.properties_text = SerializeJson(json::value(page.properties));
          as_text.properties = json::object();
          std::string written;
          WritePage(as_text, version, written);
          EXPECT_EQ(written, tree) << ApiVersionName(version) << " properties as text";
          EXPECT_EQ(SerializeJson(json::value(RenderPage(std::move(as_text), version))), tree);
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 7 * 6 * 3 * 2);
}

// The page object's members and their order, in a version with `archived` and one without.
// A user as WriteUser writes it is, byte for byte, the user RenderUser builds: persons
// with and without an email, bots with and without details, names that need escaping.
TEST(ObjectsTest, WriteUserWritesWhatRenderUserBuilds) {
  std::vector<UserView> users;
  UserView person{"u-1", "person", "Ada \"A\"\n", "https://example.com/a.png", "ada@example.com", {}};
  users.push_back(person);
  person.email.reset();
  person.avatar_url.reset();
  users.push_back(person);
  users.push_back(UserView{"b-1", "bot", "Bot", std::nullopt, std::nullopt, json::object{}});
  users.push_back(
      UserView{"b-2", "bot", "", std::nullopt, std::nullopt,
               json::object{{"owner", {{"type", "workspace"}, {"workspace", true}}}, {"workspace_name", "W"}}});
  for (const UserView& user : users) {
    std::string text = "[";
    JsonWriter w(text);
    WriteUser(user, w);
    w.Raw(",");
    WritePartialUser(user.id, w);
    w.Finish();
    EXPECT_EQ(text, "[" + SerializeJson(json::value(RenderUser(user))) + "," +
                        SerializeJson(json::value(PartialUser(user.id))));
  }
}

TEST(ObjectsTest, WritePageShowsArchivedOnlyBefore20260311) {
  PageView page;
  page.id = kId;
  page.parent = {"workspace", "", ""};
  std::string old_text, new_text;
  WritePage(page, ApiVersion::k2025_09_03, old_text);
  WritePage(page, ApiVersion::k2026_03_11, new_text);
  const std::string head =
      std::string(R"({"object":"page","id":")") + kId +
      R"(","created_time":"1970-01-01T00:00:00.000Z","last_edited_time":"1970-01-01T00:00:00.000Z",)"
      R"("created_by":{"object":"user","id":""},"last_edited_by":{"object":"user","id":""},)"
      R"("cover":null,"icon":null,"parent":{"type":"workspace","workspace":true},)";
  const std::string tail = std::string(R"("in_trash":false,"is_archived":false,"is_locked":false,"properties":{},)") +
                           R"("url":"https://www.notion.so/)" + kCompact + R"(","public_url":null})";
  EXPECT_EQ(old_text, head + R"("archived":false,)" + tail);
  EXPECT_EQ(new_text, head + tail);
}

}  // namespace
}  // namespace localnotion::api
