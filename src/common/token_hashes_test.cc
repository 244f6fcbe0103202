#include "common/token_hashes.h"

#include <gtest/gtest.h>

#include <string>

#include "common/sha256.h"

namespace localnotion {
namespace {

TEST(TokenHashesTest, GivesTheSha256OfTheTokenFirstAndLaterTimes) {
  TokenHashes hashes;
  const std::string token = "secret_token_hashes_0123456789";
  EXPECT_EQ(hashes.HashOf(token), Sha256Hex(token));
  EXPECT_EQ(hashes.HashOf(token), Sha256Hex(token));
  EXPECT_EQ(hashes.HashOf("other"), Sha256Hex("other"));
}

TEST(TokenHashesTest, StaysCorrectWhenMoreTokensThanItKeepsArrive) {
  TokenHashes hashes;
  for (size_t i = 0; i < TokenHashes::kMaxEntries * 2 + 3; ++i) {
    const std::string token = "t" + std::to_string(i);
    ASSERT_EQ(hashes.HashOf(token), Sha256Hex(token)) << token;
  }
  EXPECT_EQ(hashes.HashOf("t0"), Sha256Hex("t0"));
}

}  // namespace
}  // namespace localnotion
