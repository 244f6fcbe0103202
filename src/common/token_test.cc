#include "common/token.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace localnotion {
namespace {

TEST(TokenTest, NotionsFormatAndNeverTheSameTwice) {
  const std::string a = NewIntegrationToken();
  const std::string b = NewIntegrationToken();
  ASSERT_EQ(a.size(), 50u) << a;
  EXPECT_EQ(a.substr(0, 4), "ntn_");
  EXPECT_TRUE(std::all_of(a.begin() + 4, a.end(), [](unsigned char c) { return std::isalnum(c) != 0; })) << a;
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace localnotion
