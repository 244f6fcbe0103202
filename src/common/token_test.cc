#include "common/token.h"

#include <gtest/gtest.h>

#include <regex>

namespace localnotion {
namespace {

TEST(TokenTest, NotionsFormatAndNeverTheSameTwice) {
  const std::string a = NewIntegrationToken();
  const std::string b = NewIntegrationToken();
  EXPECT_TRUE(std::regex_match(a, std::regex("ntn_[A-Za-z0-9]{46}"))) << a;
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace localnotion
