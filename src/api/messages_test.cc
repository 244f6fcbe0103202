#include "api/messages.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace localnotion::api {
namespace {

TEST(MessagesTest, ShouldBeNotPresentQuotesTheJsonValue) {
  Error e = NotPresent("body.an_incorrect_key", json::value("value"));
  EXPECT_EQ(e.code, ErrorCode::kValidationError);
  EXPECT_EQ(e.message,
            "body failed validation: body.an_incorrect_key should be not present, instead was `\"value\"`.");
}

TEST(MessagesTest, PathPrefixComesFromThePath) {
  json::value v("not-an-id");
  EXPECT_EQ(FailedValidation("path.page_id", "a valid uuid", &v).message,
            "path failed validation: path.page_id should be a valid uuid, instead was `\"not-an-id\"`.");
  EXPECT_EQ(NotDefined("body.properties").message,
            "body failed validation: body.properties should be defined, instead was `undefined`.");
}

TEST(MessagesTest, LengthLimit) {
  EXPECT_EQ(TooLong("body.properties.intro.rich_text[0].text.content", 2000, 2242).message,
            "body failed validation: body.properties.intro.rich_text[0].text.content.length should be "
            "≤ `2000`, instead was `2242`.");
}

TEST(MessagesTest, FixOneJoinsAlternativesWithNewlines) {
  EXPECT_EQ(FixOne({"a.", "b."}).message, "body failed validation. Fix one:\na.\nb.");
}

TEST(Messages, EnumChoicesListsValuesAsNotionDoes) {
  EXPECT_EQ(EnumChoices(std::vector<std::string_view>{"a"}), "`\"a\"`");
  EXPECT_EQ(EnumChoices(std::vector<std::string>{"a", "b"}), "`\"a\"` or `\"b\"`");
  EXPECT_EQ(EnumChoices(std::array<std::string_view, 3>{"a", "b", "c"}), "`\"a\"`, `\"b\"`, or `\"c\"`");
}

TEST(MessagesTest, LongValuesAreTruncated) {
  json::value v(std::string(300, 'x'));
  std::string m = MessageValue(&v);
  EXPECT_EQ(m.size(), 103u);
  EXPECT_EQ(m.substr(100), "...");
}

TEST(MessagesTest, TruncationCountsCharactersAndNeverSplitsOne) {
  // The value is cut to 100 characters (as messages.h promises), not 100 bytes: cutting
  // UTF-8 mid-character would put invalid UTF-8 into the JSON error body.
  std::string e_acute;
  for (int i = 0; i < 200; ++i) e_acute += "é";
  json::value v(e_acute);
  std::string want = "\"";
  for (int i = 0; i < 99; ++i) want += "é";
  want += "...";
  EXPECT_EQ(MessageValue(&v), want);
}

}  // namespace
}  // namespace localnotion::api
