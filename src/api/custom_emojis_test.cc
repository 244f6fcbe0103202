#include "api/custom_emojis.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(RenderCustomEmojiList, NotionKeysAndOrder) {
  EXPECT_EQ(SerializeJson(RenderCustomEmojiList({}, "")),
            R"({"object":"list","type":"custom_emoji","results":[],"has_more":false,"next_cursor":null})");
  EXPECT_EQ(
      SerializeJson(RenderCustomEmojiList({{"e1", "party", "https://x.y/p.png"}}, "e2")),
      R"({"object":"list","type":"custom_emoji","results":[{"id":"e1","name":"party","url":"https://x.y/p.png"}],)"
      R"("has_more":true,"next_cursor":"e2"})");
}

}  // namespace
}  // namespace localnotion::api
