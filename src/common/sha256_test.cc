#include "common/sha256.h"

#include <gtest/gtest.h>

namespace localnotion {
namespace {

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, HmacMatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Sha256Test, SecretsEqualComparesWholeSecrets) {
  EXPECT_TRUE(SecretsEqual("", ""));
  EXPECT_TRUE(SecretsEqual("admin_token_1", "admin_token_1"));
  EXPECT_FALSE(SecretsEqual("admin_token_1", "admin_token_2"));  // differs in the last byte
  EXPECT_FALSE(SecretsEqual("Xdmin_token_1", "admin_token_1"));  // and in the first
  EXPECT_FALSE(SecretsEqual("admin_token", "admin_token_1"));    // a prefix is not equal
  EXPECT_FALSE(SecretsEqual(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace localnotion
