#include "http/multipart.h"

#include <gtest/gtest.h>

#include "testing/matchers.h"

namespace localnotion::http {
namespace {

using testing::ErrorIs;

TEST(MultipartBoundary, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----formdata-undici-0123"), "----formdata-undici-0123");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;boundary=\"a;b c\""), "a;b c");
  EXPECT_EQ(MultipartBoundary("application/json"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary="), std::nullopt);
}

TEST(ParseMultipart, SplitsFieldsWithNamesFilenamesAndTypes) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"part_number\"\r\n\r\n"
      "2\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"notes; v1.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\n"
      "line one\r\nline two\r\n\r\n"
      "--XyZ--\r\n";
  auto fields = ParseMultipart("XyZ", body);
  ASSERT_TRUE(fields.ok()) << fields.error().message;
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[0].name, "part_number");
  EXPECT_EQ((*fields)[0].data, "2");
  EXPECT_EQ((*fields)[0].filename, std::nullopt);
  EXPECT_EQ((*fields)[1].name, "file");
  EXPECT_EQ((*fields)[1].filename, "notes; v1.txt");
  EXPECT_EQ((*fields)[1].content_type, "text/plain");
  EXPECT_EQ((*fields)[1].data, "line one\r\nline two\r\n");
}

TEST(ParseMultipart, KeepsBinaryDataAndEmptyFields) {
  std::string data("\0\x01\xff\r\n--X", 7);  // looks like a boundary but is not preceded by CRLF "--XB"
  std::string body = "preamble\r\n--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\n\r\n" +
                     data + "\r\n--XB\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--XB--";
  auto fields = ParseMultipart("XB", body);
  ASSERT_TRUE(fields.ok()) << fields.error().message;
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[0].data, data);
  EXPECT_EQ((*fields)[1].name, "empty");
  EXPECT_EQ((*fields)[1].data, "");
}

TEST(ParseMultipart, RefusesMalformedBodies) {
  const std::vector<std::string> bad = {
      "",                                                                          // nothing
      "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end",          // no closing delimiter
      "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--",                         // no Content-Disposition
      "--B\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--B--",      // not form-data
      "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",                   // no name
      "--B\r\nbroken header\r\n\r\nx\r\n--B--",                                     // header without colon
      "x--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--B--",      // delimiter not at a line start
  };
  for (const auto& body : bad) {
    auto fields = ParseMultipart("B", body);
    ASSERT_THAT(fields, ErrorIs(ErrorCode::kInvalidRequest, kMalformedMultipart)) << body;
  }
}

}  // namespace
}  // namespace localnotion::http
