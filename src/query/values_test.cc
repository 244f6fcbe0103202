// FoldCase: Notion's case folding for text conditions (query/values.h), with an ASCII
// start folded in place and the rest character by character.
#include "query/values.h"

#include <gtest/gtest.h>

#include <string>

namespace localnotion::query {
namespace {

TEST(FoldCaseTest, FoldsAsciiInPlaceAndTheRestByCharacter) {
  EXPECT_EQ(FoldCase(""), "");
  EXPECT_EQ(FoldCase("Bench Note 12 https://EXAMPLE.com/Item/7?Q=A_Z@[`{"),
            "bench note 12 https://example.com/item/7?q=a_z@[`{");
  // Past the first non-ASCII byte, ASCII is still folded.
  EXPECT_EQ(FoldCase("ÉTÉ À PARIS"), "été à paris");
  EXPECT_EQ(FoldCase("Lyon ÉTÉ Zurich"), "lyon été zurich");
  EXPECT_EQ(FoldCase("ΣΟΦΙΑ Straße"), "σοφια straße");
  // Capitals outside the folded blocks are kept (U+023A of Latin Extended-B); Cyrillic's
  // are folded.
  EXPECT_EQ(FoldCase("A\xC8\xBA"
                     "B"),
            "a\xC8\xBA"
            "b");
  EXPECT_EQ(FoldCase("ЁЛКА ёлка"), "ёлка ёлка");
  // Stray bytes and a cut sequence are copied as they are.
  EXPECT_EQ(FoldCase(std::string("AB\x80"
                                 "CD\xC3",
                                 6)),
            std::string("ab\x80"
                        "cd\xC3",
                        6));
  EXPECT_EQ(FoldCase(std::string("X\0Y", 3)), std::string("x\0y", 3));
}

}  // namespace
}  // namespace localnotion::query
