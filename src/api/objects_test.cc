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

}  // namespace
}  // namespace localnotion::api
