#include "api/rich_text.h"

#include <gtest/gtest.h>

#include "testing/json.h"

namespace localnotion::api {
namespace {

using testing::J;

TEST(RichTextTest, FillsInTypeAnnotationsPlainTextAndHref) {
  auto r = NormalizeRichText("body.properties.Name.title",
                             J(R"([{"text":{"content":"Hi","link":{"url":"https://x.y"}},"annotations":{"bold":true}}])"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(SerializeJson(*r),
            R"([{"type":"text","text":{"content":"Hi","link":{"url":"https://x.y"}},)"
            R"("annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},)"
            R"("plain_text":"Hi","href":"https://x.y"}])");
}

TEST(RichTextTest, ContentOver2000CharactersIsRefused) {
  json::array arr{json::object{{"text", json::object{{"content", std::string(2001, 'a')}}}}};
  auto r = NormalizeRichText("body.properties.Notes.rich_text", arr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "body failed validation: body.properties.Notes.rich_text[0].text.content.length should be ≤ "
            "`2000`, instead was `2001`.");
}

TEST(RichTextTest, MoreThan100ItemsIsRefused) {
  json::array arr;
  for (int i = 0; i < 101; ++i) arr.push_back(json::object{{"text", json::object{{"content", "a"}}}});
  auto r = NormalizeRichText("body.properties.Notes.rich_text", arr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "body failed validation: body.properties.Notes.rich_text.length should be ≤ `100`, instead was `101`.");
}

TEST(RichTextTest, UnknownKeyInItemIsNotPresent) {
  auto r = NormalizeRichText("body.x", J(R"([{"text":{"content":"a"},"bogus":1}])"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "body failed validation: body.x[0].bogus should be not present, instead was `1`.");
}

TEST(RichTextTest, NotAnArray) {
  auto r = NormalizeRichText("body.x", J(R"("text")"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "body failed validation: body.x should be an array, instead was `\"text\"`.");
}

TEST(RichTextTest, Utf16LengthCountsSurrogatePairs) {
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("é"), 1u);
  EXPECT_EQ(Utf16Length("🥑"), 2u);
}

}  // namespace
}  // namespace localnotion::api
