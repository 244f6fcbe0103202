#include "common/utf8.h"

#include <gtest/gtest.h>

namespace localnotion {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, ValidTextIsUnchanged) {
  for (std::string s : {std::string(""), std::string("plain"), std::string("caf\xC3\xA9 \xF0\x9F\xA5\x91"),
                        std::string("\xEF\xBF\xBF"), std::string("\xF4\x8F\xBF\xBF"), std::string("a\0b", 3)}) {
    EXPECT_TRUE(IsValidUtf8(s)) << s;
    EXPECT_EQ(ToValidUtf8(s), s);
  }
}

TEST(Utf8Test, IllFormedSequencesBecomeOneReplacementEachMaximalSubpart) {
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(ToValidUtf8("a\xFF" "b"), "a" + kFffd + "b");
  EXPECT_EQ(ToValidUtf8("\x80\x80"), kFffd + kFffd);              // lone continuation bytes
  EXPECT_EQ(ToValidUtf8("\xC0\xAF"), kFffd + kFffd);              // overlong '/'
  EXPECT_EQ(ToValidUtf8("\xE0\x80\xAF"), kFffd + kFffd + kFffd);  // overlong, three bytes
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // a surrogate, U+D800
  EXPECT_EQ(ToValidUtf8("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);  // past U+10FFFF
  EXPECT_EQ(ToValidUtf8("\xE2\x82"), kFffd);                      // truncated: one subpart
  EXPECT_EQ(ToValidUtf8("\xE2\x82x"), kFffd + "x");
  EXPECT_EQ(ToValidUtf8("\xF0\x9F\xA5"), kFffd);
  EXPECT_EQ(ToValidUtf8("\xF0\x9F\xA5\xF0\x9F\xA5\x91"), kFffd + "\xF0\x9F\xA5\x91");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC")));
}

}  // namespace
}  // namespace localnotion
