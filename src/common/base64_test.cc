#include "common/base64.h"

#include <gtest/gtest.h>

namespace localnotion {
namespace {

TEST(Base64Test, EncodesWithPadding) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode(std::string("\0\xff\x10", 3)), "AP8Q");
}

TEST(Base64Test, DecodesWhatItEncodes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t n = 0; n < bytes.size(); n += 37) {
    std::string part = bytes.substr(0, n);
    EXPECT_EQ(Base64Decode(Base64Encode(part)), part) << n;
  }
  EXPECT_EQ(Base64Decode("Zg=="), "f");
  EXPECT_EQ(Base64Decode("Zm8="), "fo");
}

TEST(Base64Test, RefusesWhatIsNotPaddedBase64) {
  EXPECT_EQ(Base64Decode("Zg"), std::nullopt);
  EXPECT_EQ(Base64Decode("Zg=a"), std::nullopt);
  EXPECT_EQ(Base64Decode("Z==="), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm 9"), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm9v\n"), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm-_"), std::nullopt);
}

}  // namespace
}  // namespace localnotion
