#include "service/uploads/file_upload_state.h"

#include <gtest/gtest.h>

#include "api/file_upload_objects.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

storage::FileUploadRecord Upload(std::string mode, std::string status) {
  storage::FileUploadRecord u;
  u.id = "11111111-2222-3333-4444-555555555555";
  u.created_by = "99999999-2222-3333-4444-555555555555";
  u.mode = std::move(mode);
  u.status = std::move(status);
  u.created_time = u.last_edited_time = 1'700'000'000'000;
  u.expiry_time = u.created_time + kUploadLifetimeMillis;
  return u;
}

TEST(FileUploadState, PendingAndUploadedExpireAfterAnHourUnlessAttached) {
  auto u = Upload("single_part", "pending");
  EXPECT_EQ(EffectiveStatus(u, u.created_time), "pending");
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time - 1), "pending");
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time), "expired");
  u.status = "uploaded";
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time - 1), "uploaded");
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time + 1), "expired");
  u.attached = true;
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time + 1'000'000), "uploaded");
  u.status = "failed";
  u.attached = false;
  EXPECT_EQ(EffectiveStatus(u, u.expiry_time + 1), "failed");
}

TEST(FileUploadState, RendersUrlsOnlyWhilePending) {
  auto u = Upload("multi_part", "pending");
  u.number_of_parts = 3;
  json::object o = RenderFileUpload(u, "http://h:1", u.created_time, 1);
  EXPECT_EQ(o.at("status"), "pending");
  EXPECT_EQ(o.at("upload_url"), "http://h:1/v1/file_uploads/11111111-2222-3333-4444-555555555555/send");
  EXPECT_EQ(o.at("complete_url"), "http://h:1/v1/file_uploads/11111111-2222-3333-4444-555555555555/complete");
  EXPECT_EQ(o.at("number_of_parts"), (json::object{{"total", 3}, {"sent", 1}}));
  EXPECT_EQ(o.at("expiry_time"), "2023-11-14T23:13:20.000Z");
  EXPECT_EQ(o.at("created_time"), "2023-11-14T22:13:00.000Z");
  EXPECT_EQ(o.at("created_by"), (json::object{{"id", u.created_by}, {"type", "bot"}}));
  EXPECT_TRUE(o.at("filename").is_null());
  EXPECT_TRUE(o.at("content_length").is_null());

  u.status = "uploaded";
  u.attached = true;
  u.content_length = 42;
  o = RenderFileUpload(u, "http://h:1", u.created_time, 3);
  EXPECT_FALSE(o.contains("upload_url"));
  EXPECT_FALSE(o.contains("complete_url"));
  EXPECT_TRUE(o.at("expiry_time").is_null());
  EXPECT_EQ(o.at("content_length"), 42);

  auto single = Upload("single_part", "pending");
  o = RenderFileUpload(single, "http://h:1", single.created_time, 0);
  EXPECT_TRUE(o.contains("upload_url"));
  EXPECT_FALSE(o.contains("complete_url"));
  EXPECT_FALSE(o.contains("number_of_parts"));
  // Expired: no URL to send to any more.
  o = RenderFileUpload(single, "http://h:1", single.expiry_time, 0);
  EXPECT_EQ(o.at("status"), "expired");
  EXPECT_FALSE(o.contains("upload_url"));
}

TEST(FileUploadState, ExternalUrlImportsShowTheirResult) {
  // Pending: no URL to send to (the server fetches), no result yet.
  auto u = Upload("external_url", "pending");
  json::object o = RenderFileUpload(u, "http://h:1", u.created_time, 0);
  EXPECT_EQ(o.at("status"), "pending");
  EXPECT_FALSE(o.contains("upload_url"));
  EXPECT_FALSE(o.contains("file_import_result"));
  // Failed: the stored result, as api::RenderFileImportResult made it.
  u.status = "failed";
  json::object result = api::RenderFileImportResult(
      u.created_time, api::FileImportError{"download_error", "file_download_failed", "m", std::nullopt, 404});
  o = RenderFileUpload(u, "http://h:1", u.created_time, 0, result);
  EXPECT_EQ(o.at("status"), "failed");
  EXPECT_EQ(o.at("file_import_result"), json::value(result));
  EXPECT_EQ(o.at("file_import_result").at("error").at("status_code"), 404);
  EXPECT_EQ(o.at("file_import_result").at("error").at("parameter"), nullptr);
  // Uploaded: success {}.
  u.status = "uploaded";
  o = RenderFileUpload(u, "http://h:1", u.created_time, 0, api::RenderFileImportResult(u.created_time, std::nullopt));
  EXPECT_EQ(o.at("status"), "uploaded");
  EXPECT_EQ(o.at("file_import_result").at("type"), "success");
  EXPECT_EQ(o.at("file_import_result").at("success"), json::object{});
}

TEST(FileUploadState, CompleteNeedsEveryPartAndFullSizedParts) {
  EXPECT_TRUE(CheckPartsComplete({{1, 10}, {2, 10}, {3, 1}}, 3, 10).ok());
  auto missing = CheckPartsComplete({{1, 10}, {3, 1}}, 3, 10);
  ASSERT_THAT(missing, ErrorIs(ErrorCode::kValidationError,
                               "Expected 3 parts to be sent before completing the file upload, but received 2."));
  auto small = CheckPartsComplete({{1, 9}, {2, 10}}, 2, 10);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().message, "Part 1 is 9 bytes; every part except the last must be at least 10 bytes.");
}

TEST(FileUploadState, FilenameAndContentTypeCompleteEachOther) {
  std::optional<std::string> name = "report", type = "application/pdf";
  ASSERT_TRUE(CompleteNameAndType(name, type).ok());
  EXPECT_EQ(name, "report.pdf");
  name = "Photo.PNG";
  type.reset();
  ASSERT_TRUE(CompleteNameAndType(name, type).ok());
  EXPECT_EQ(type, "image/png");
  name = "data.bin.unknownext";
  type.reset();
  ASSERT_TRUE(CompleteNameAndType(name, type).ok());
  EXPECT_EQ(type, std::nullopt);
  name = "a.txt";
  type = "image/png";
  auto mismatch = CompleteNameAndType(name, type);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().message, "The extension of the filename (a.txt) does not match the content type (image/png).");
  EXPECT_EQ(BareMediaType(" Text/Plain; charset=UTF-8"), "text/plain");
}

TEST(FileUploadState, AttachmentCategories) {
  EXPECT_EQ(AttachmentCategory("image/png"), "image");
  EXPECT_EQ(AttachmentCategory("video/mp4"), "video");
  EXPECT_EQ(AttachmentCategory("audio/mpeg"), "audio");
  EXPECT_EQ(AttachmentCategory("application/pdf"), "pdf");
  EXPECT_EQ(AttachmentCategory("text/plain"), "productivity");
}

}  // namespace
}  // namespace localnotion::service
