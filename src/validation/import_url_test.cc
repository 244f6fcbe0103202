// IsPublicHttpsUrl and CheckImportUrl: Notion's "public HTTPS only" rule and the
// --allow-import-from prefixes that open it.
#include "validation/import_url.h"

#include <gtest/gtest.h>

namespace localnotion::validation {
namespace {

TEST(ImportUrl, PublicHttpsHostsAreTaken) {
  EXPECT_TRUE(IsPublicHttpsUrl("https://example.com/image.png"));
  EXPECT_TRUE(IsPublicHttpsUrl("HTTPS://Files.Example.com:8443/a?b=c#d"));
  EXPECT_TRUE(IsPublicHttpsUrl("https://user:pw@cdn.example.org/x"));
  EXPECT_TRUE(IsPublicHttpsUrl("https://8.8.8.8/a.png"));
  EXPECT_TRUE(IsPublicHttpsUrl("https://[2606:4700::1111]/a.png"));
}

TEST(ImportUrl, OtherSchemesAndLocalHostsAreRefused) {
  for (const char* url : {
           "http://example.com/a.png",
           "ftp://example.com/a",
           "example.com/a.png",
           "https://",
           "https:///a",
           "https://localhost/a",
           "https://LOCALHOST:8443/a",
           "https://app.localhost/a",
           "https://printer.local/a",
           "https://db.internal/a",
           "https://nas.lan/a",
           "https://router.home.arpa/a",
           "https://intranet/a",
           "https://127.0.0.1/a",
           "https://127.1/a",
           "https://2130706433/a",
           "https://10.1.2.3/a",
           "https://172.16.0.1/a",
           "https://172.31.255.255/a",
           "https://192.168.1.1/a",
           "https://169.254.169.254/latest",
           "https://100.64.0.1/a",
           "https://0.0.0.0/a",
           "https://224.0.0.1/a",
           "https://[::1]/a",
           "https://[::]/a",
           "https://[fd00::1]/a",
           "https://[fe80::1]/a",
           "https://[::ffff:127.0.0.1]/a",
           "https://[ff02::1]/a",
           "https://user@127.0.0.1/a",
           "https://example.com@127.0.0.1/a",
       }) {
    EXPECT_FALSE(IsPublicHttpsUrl(url)) << url;
  }
  EXPECT_TRUE(IsPublicHttpsUrl("https://172.32.0.1/a"));  // just outside 172.16.0.0/12
}

TEST(ImportUrl, AllowedPrefixesOpenTheRule) {
  const std::vector<std::string> allowed = {"http://127.0.0.1:9000/", "https://files.test/"};
  EXPECT_TRUE(CheckImportUrl("http://127.0.0.1:9000/a.png", allowed).ok());
  EXPECT_TRUE(CheckImportUrl("https://files.test/x", {}).ok());  // public-looking anyway
  EXPECT_TRUE(CheckImportUrl("https://example.com/a.png", allowed).ok());
  Status refused = CheckImportUrl("http://127.0.0.1:9001/a.png", allowed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(refused.error().message, "external_url must be a publicly accessible HTTPS URL.");
  EXPECT_FALSE(CheckImportUrl("http://127.0.0.1:9000", allowed).ok());  // shorter than the prefix
  EXPECT_FALSE(CheckImportUrl("http://localhost/", {""}).ok());         // an empty prefix allows nothing
}

}  // namespace
}  // namespace localnotion::validation
