// BaseUrlOfHost: "http://" and the Host header when it is an authority, else the
// loopback default (base_url.h).
#include "http/base_url.h"

#include <gtest/gtest.h>

#include <string>

namespace localnotion::http {
namespace {

TEST(BaseUrlOfHostTest, AnAuthorityIsKeptAndAnythingElseGivesTheDefault) {
  EXPECT_EQ(BaseUrlOfHost("127.0.0.1:8787"), "http://127.0.0.1:8787");
  EXPECT_EQ(BaseUrlOfHost("Notion.Local"), "http://Notion.Local");
  EXPECT_EQ(BaseUrlOfHost("[::1]:8787"), "http://[::1]:8787");
  EXPECT_EQ(BaseUrlOfHost("a-b_c~d!$&'()*+,;=%41"), "http://a-b_c~d!$&'()*+,;=%41");
  for (const std::string bad : {std::string(), std::string("a b"), std::string("x/y"), std::string("user@host"),
                                std::string("h\xC3\xA9"), std::string("h\xFF"), std::string("a\0b", 3),
                                std::string("a?b"), std::string("a#b"), std::string("a\"b"), std::string("<a>")}) {
    EXPECT_EQ(BaseUrlOfHost(bad), "http://127.0.0.1") << bad;
  }
}

}  // namespace
}  // namespace localnotion::http
