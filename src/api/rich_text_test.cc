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

// Every refusal names the part of the item at fault, with the second item's index: the
// paths are made only when an item is refused.
TEST(RichTextTest, EachRefusalNamesThePathOfThePartAtFault) {
  const std::string ok = R"({"text":{"content":"fine"}},)";
  const std::pair<const char*, const char*> cases[] = {
      {"3", "body.p[1] should be an object, instead was `3`."},
      {R"({"type":"code","text":{"content":"a"}})",
       R"(body.p[1].type should be `"text"`, `"mention"`, or `"equation"`, instead was `"code"`.)"},
      {R"({"type":7})", R"(body.p[1].type should be `"text"`, `"mention"`, or `"equation"`, instead was `7`.)"},
      {R"({"plain_text":"a"})",
       "body.p[1].text should be defined, instead was `undefined`.\nbody.p[1].mention should be defined, instead "
       "was `undefined`.\nbody.p[1].equation should be defined, instead was `undefined`."},
      {R"({"type":"text"})", "body.p[1].text should be defined, instead was `undefined`."},
      {R"({"type":"text","text":{"content":"a"},"link":1})", "body.p[1].link should be not present, instead was `1`."},
      {R"({"text":"a"})", R"(body.p[1].text should be an object, instead was `"a"`.)"},
      {R"({"text":{}})", "body.p[1].text.content should be defined, instead was `undefined`."},
      {R"({"text":{"content":1}})", "body.p[1].text.content should be a string, instead was `1`."},
      {R"({"text":{"content":"a","bold":true}})", "body.p[1].text.bold should be not present, instead was `true`."},
      {R"({"text":{"content":"a","link":{}}})", "body.p[1].text.link.url should be defined, instead was `undefined`."},
      {R"({"text":{"content":"a"},"annotations":1})",
       "body.p[1].annotations should be an object or `undefined`, instead was `1`."},
      {R"({"text":{"content":"a"},"annotations":{"color":"teal"}})",
       R"(body.p[1].annotations.color should be a valid color, instead was `"teal"`.)"},
      {R"({"text":{"content":"a"},"annotations":{"bold":1}})",
       "body.p[1].annotations.bold should be a boolean or `undefined`, instead was `1`."},
      {R"({"text":{"content":"a"},"annotations":{"shiny":true}})",
       "body.p[1].annotations.shiny should be not present, instead was `true`."},
      {R"({"equation":{}})", "body.p[1].equation.expression should be defined, instead was `undefined`."},
      {R"({"equation":{"expression":2}})", "body.p[1].equation.expression should be a string, instead was `2`."},
      {R"({"mention":{"user":{}}})", "body.p[1].mention.user.id should be defined, instead was `undefined`."},
  };
  for (const auto& [item, message] : cases) {
    auto r = NormalizeRichText("body.p", J("[" + ok + item + "]"));
    ASSERT_FALSE(r.ok()) << item;
    EXPECT_EQ(r.error().code, ErrorCode::kValidationError) << item;
    const std::string_view m = message;
    // One of several alternatives is "Fix one:", a list a line each.
    const std::string head = m.find('\n') == std::string_view::npos ? "body failed validation: "
                                                                      : "body failed validation. Fix one:\n";
    EXPECT_EQ(r.error().message, head + message) << item;
  }
}

TEST(RichTextTest, Utf16LengthCountsSurrogatePairs) {
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("é"), 1u);
  EXPECT_EQ(Utf16Length("🥑"), 2u);
}

// Page history's short form (WriteCompactRichText): a plain text item loses what its
// content implies, any other item stays whole, and the expansion gives back the stored
// value member for member.
TEST(RichTextTest, CompactRichTextRoundTripsToTheStoredForm) {
  auto stored = NormalizeRichText(
      "p", J(R"([{"text":{"content":"plain \"q\""}},{"text":{"content":"bold"},"annotations":{"bold":true}},)"
             R"({"text":{"content":"link","link":{"url":"https://x.y"}}},{"mention":{"user":{"id":)"
             R"("7b1c3a10-2f1e-4d55-9d3e-0a8b0c0d0e0f"}}},{"text":{"content":""}}])"));
  ASSERT_TRUE(stored.ok());
  const json::value value(*stored);
  std::string text;
  JsonWriter w(text);
  WriteCompactRichText(value, w);
  w.Finish();
  const std::string whole = SerializeJson(value);
  const std::string bold = SerializeJson(value.at(1));
  const std::string link = SerializeJson(value.at(2));
  const std::string mention = SerializeJson(value.at(3));
  EXPECT_EQ(text, R"([{"type":"text","text":{"content":"plain \"q\""}},)" + bold + "," + link + "," + mention +
                      R"(,{"type":"text","text":{"content":""}}])");
  json::value back = J(text);
  ExpandCompactRichText(back);
  EXPECT_EQ(SerializeJson(back), whole);
}

TEST(RichTextTest, CompactRichTextKeepsWhatIsNotAPlainStoredItem) {
  // Not an array: written as it is, and left alone by the expansion.
  for (const char* v : {"null", "5", R"("text")", R"({"start":"2025-01-01"})"}) {
    std::string text;
    JsonWriter w(text);
    WriteCompactRichText(J(v), w);
    w.Finish();
    EXPECT_EQ(text, SerializeJson(J(v)));
  }
  // Items that differ from the stored plain form in any member, or in their order.
  const char* kept[] = {
      R"([{"type":"text","text":{"content":"a","link":null},"annotations":{"bold":false,"italic":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"b","href":null}])",
      R"([{"text":{"content":"a","link":null},"type":"text","annotations":{"bold":false,"italic":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"a","href":null}])",
      R"([{"type":"text","text":{"content":"a","link":null},"annotations":{"italic":false,"bold":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"a","href":null}])",
      R"([{"type":"text","text":{"content":"a","link":null},"annotations":{"bold":false,"italic":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"red"},"plain_text":"a","href":null}])",
      R"([{"type":"text","text":{"content":"a","link":null},"annotations":{"bold":false,"italic":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"a","href":"h"}])",
      R"([{"type":"equation","equation":{"expression":"x"}}])",
  };
  for (const char* v : kept) {
    std::string text;
    JsonWriter w(text);
    WriteCompactRichText(J(v), w);
    w.Finish();
    EXPECT_EQ(text, SerializeJson(J(v)));
    json::value back = J(text);
    ExpandCompactRichText(back);
    EXPECT_EQ(SerializeJson(back), SerializeJson(J(v)));
  }
  // The expansion touches only the short form: a text item with anything beside its
  // content (a link, annotations) is not one.
  json::value other = J(R"([{"type":"text","text":{"content":"a","link":null}},{"type":"text","text":{"content":1}}])");
  const std::string before = SerializeJson(other);
  ExpandCompactRichText(other);
  EXPECT_EQ(SerializeJson(other), before);
}

}  // namespace
}  // namespace localnotion::api
