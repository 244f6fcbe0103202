#include "common/uuid.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace localnotion {
namespace {

TEST(UuidTest, AcceptsDashedUndashedAndUpperCase) {
  const std::string want = "59833787-2cf9-4fdf-8782-e53db20768a5";
  EXPECT_EQ(NormalizeUuid("598337872cf94fdf8782e53db20768a5"), want);
  EXPECT_EQ(NormalizeUuid("59833787-2CF9-4FDF-8782-E53DB20768A5"), want);
  EXPECT_EQ(NormalizeUuid(want), want);
}

TEST(UuidTest, RejectsOtherShapes) {
  EXPECT_FALSE(NormalizeUuid("not-an-id").has_value());
  EXPECT_FALSE(NormalizeUuid("598337872cf94fdf8782e53db20768a").has_value());
  EXPECT_FALSE(NormalizeUuid("59833787-2cf94fdf-8782-e53db20768a5").has_value());
  EXPECT_FALSE(NormalizeUuid("g98337872cf94fdf8782e53db20768a5").has_value());
}

TEST(UuidTest, NewUuidIsVersion4AndNormal) {
  std::string id = NewUuid();
  EXPECT_EQ(NormalizeUuid(id), id);
  EXPECT_EQ(id[14], '4');
}

// Unseeded ids take their digits from two 64-bit draws: every random digit must vary,
// the variant digit is one of 8, 9, a, b, and no id repeats.
TEST(UuidTest, UnseededIdsUseEveryRandomDigit) {
  std::set<std::string> ids;
  std::vector<std::set<char>> digits(36);
  for (int n = 0; n < 500; ++n) {
    std::string id = NewUuid();
    ASSERT_EQ(NormalizeUuid(id), id);
    ids.insert(id);
    for (size_t i = 0; i < id.size(); ++i) digits[i].insert(id[i]);
  }
  EXPECT_EQ(ids.size(), 500u);
  for (size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(digits[i], std::set<char>{'-'});
    } else if (i == 14) {
      EXPECT_EQ(digits[i], std::set<char>{'4'});
    } else if (i == 19) {
      EXPECT_EQ(digits[i], (std::set<char>{'8', '9', 'a', 'b'}));
    } else {
      EXPECT_GE(digits[i].size(), 10u) << "position " << i;
    }
  }
}

}  // namespace
}  // namespace localnotion
