// Uploaded files in a fixture where pages, databases and data sources use them (icons,
// covers, files values), in the stored form the export writes: seeded, they are hosted
// files of the server again, and the export seeds back to itself.
#include <gtest/gtest.h>

#include "service/admin/admin.h"
#include "service/admin/fixture_test_base.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

constexpr const char* kUploadsToken = "secret_fixture_uploads_test";
constexpr const char* kUpload = "22222222-2222-4222-8222-222222222222";
constexpr const char* kPage = "59833787-2cf9-4fdf-8782-e53db20768a5";

// {UPLOAD} is replaced by the id the uses name.
std::string Fixture(const std::string& upload) {
  std::string f = R"json({
    "integrations": [{"id": "11111111-1111-4111-8111-111111111111", "name": "Bot", "token": "secret_fixture_uploads_test",
                      "shares": ["workspace"]}],
    "file_uploads": [{"id": "22222222-2222-4222-8222-222222222222", "integration_id": "11111111-1111-4111-8111-111111111111",
                      "filename": "a.png", "content_type": "image/png", "content_base64": "aGVsbG8=", "attached": true}],
    "databases": [{"id": "bc1211ca-e3f1-4939-ae34-5260b16f627c", "title": "Tasks",
                   "icon": {"type": "file", "file": {"file_upload_id": "{UPLOAD}", "filename": "a.png", "content_type": "image/png"}}}],
    "data_sources": [{"id": "248104cd-477e-80af-bc30-000bd28de8f9", "database_id": "bc1211ca-e3f1-4939-ae34-5260b16f627c",
                      "properties": {"Name": {"title": {}}, "Files": {"files": {}}}}],
    "pages": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "parent": {"data_source_id": "248104cd-477e-80af-bc30-000bd28de8f9"},
               "properties": {"Name": {"title": [{"text": {"content": "One"}}]},
                              "Files": {"files": [
                                {"name": "first", "type": "file", "file": {"file_upload_id": "{UPLOAD}", "filename": "a.png", "content_type": "image/png"}},
                                {"name": "site", "type": "external", "external": {"url": "https://example.com/x.png"}}]}},
               "icon": {"type": "file", "file": {"file_upload_id": "{UPLOAD}", "filename": "a.png", "content_type": "image/png"}},
               "cover": {"type": "file", "file": {"file_upload_id": "{UPLOAD}", "filename": "a.png", "content_type": "image/png"}}}]
  })json";
  for (size_t at; (at = f.find("{UPLOAD}")) != std::string::npos;) f.replace(at, 8, upload);
  return f;
}

class FixtureUploadsTest : public FixtureTestBase {
 protected:
  FixtureUploadsTest() : FixtureTestBase({kUploadsToken}) {}
};

TEST_F(FixtureUploadsTest, IconsCoversAndFilesValuesNamingUploadsAreHostedAgainAndRoundTrip) {
  Status seeded = Seed(Fixture(kUpload));
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  const std::string first = Export();
  json::value e = J(first);
  const json::object& page = e.at("pages").at(0).as_object();
  const json::value stored = J(std::string(R"({"type":"file","file":{"file_upload_id":")") + kUpload +
                               R"(","filename":"a.png","content_type":"image/png"}})");
  EXPECT_EQ(page.at("icon"), stored);
  EXPECT_EQ(page.at("cover"), stored);
  EXPECT_EQ(e.at("databases").at(0).at("icon"), stored);
  // Files as stored: the upload, not a link signed by this server.
  EXPECT_EQ(page.at("properties").at("Files").at("files").at(0),
            J(std::string(R"({"name":"first","type":"file","file":{"file_upload_id":")") + kUpload +
              R"(","filename":"a.png","content_type":"image/png"}})"));
  EXPECT_EQ(page.at("properties").at("Files").at("files").at(1).at("type"), "external");
  ASSERT_TRUE(Seed(first).ok());
  EXPECT_EQ(Export(), first);

  auto integration = Run([&] { return ctx_->Authenticate(kUploadsToken); });
  ASSERT_TRUE(integration.ok());
  Caller caller{*integration, api::ApiVersion::k2025_09_03, "http://127.0.0.1", ""};
  auto shown = Run([&] { return pages::GetPage(*ctx_, caller, kPage); });
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  const std::string prefix = std::string("http://127.0.0.1/_localnotion/files/") + kUpload + "/a.png?expires=";
  EXPECT_EQ(std::string(shown->at("icon").at("file").at("url").as_string()).rfind(prefix, 0), 0u);
  EXPECT_EQ(std::string(shown->at("cover").at("file").at("url").as_string()).rfind(prefix, 0), 0u);
  const json::value& entry = shown->at("properties").at("Files").at("files").at(0);
  EXPECT_EQ(entry.at("name"), "first");
  EXPECT_EQ(std::string(entry.at("file").at("url").as_string()).rfind(prefix, 0), 0u);
}

TEST_F(FixtureUploadsTest, AUseOfAnUploadTheFixtureLacksIsRefusedAndLoadsNothing) {
  const std::string before = Export();
  const std::string missing = "33333333-3333-4333-8333-333333333333";
  std::string bad_icon = Fixture(kUpload);
  bad_icon.replace(bad_icon.rfind(kUpload), 36, missing);  // the page's cover
  EXPECT_THAT(Seed(bad_icon), ErrorIs(ErrorCode::kValidationError,
                                      "body failed validation: body.pages[0].cover names the file upload `" + missing +
                                          "`, which is not one of body.file_uploads."));
  std::string bad_entry = Fixture(kUpload);
  bad_entry.replace(bad_entry.find(kUpload, bad_entry.find("\"first\"")), 36, missing);
  EXPECT_THAT(Seed(bad_entry),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.pages[0].properties.Files.files[0] names the file upload `" +
                          missing + "`, which is not one of body.file_uploads."));
  std::string extra = Fixture(kUpload);
  extra.replace(extra.find("\"icon\": {\"type\": \"file\","), 24, R"("icon": {"x": 1, "type": "file",)");
  EXPECT_THAT(Seed(extra),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.databases[0].icon.x should be not present, instead was `1`."));
  EXPECT_EQ(Export(), before);
}

}  // namespace
}  // namespace localnotion::service
