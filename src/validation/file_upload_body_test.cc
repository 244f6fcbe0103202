// ReadFileUploadBody: modes and their required fields, and the messages in order.
#include "validation/file_upload_body.h"

#include <gtest/gtest.h>

#include <string>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

TEST(FileUploadBody, ReadsModes) {
  auto single = ReadFileUploadBody(BodyJson("{}"));
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->mode, "single_part");
  EXPECT_EQ(single->number_of_parts, 0);
  auto multi = ReadFileUploadBody(BodyJson(R"({"mode":"multi_part","number_of_parts":3,"filename":"a.txt",
      "content_type":"text/plain; charset=utf-8"})"));
  ASSERT_TRUE(multi.ok()) << multi.error().message;
  EXPECT_EQ(multi->number_of_parts, 3);
  EXPECT_EQ(multi->filename, "a.txt");
  EXPECT_EQ(multi->content_type, "text/plain; charset=utf-8");
  auto external = ReadFileUploadBody(
      BodyJson(R"({"mode":"external_url","external_url":"https://x.test/a.png","filename":"a.png"})"));
  ASSERT_TRUE(external.ok());
  EXPECT_EQ(external->external_url, "https://x.test/a.png");
}

TEST(FileUploadBody, Messages) {
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"size":1})")),
                        "body failed validation: body.size should be not present, instead was `1`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"chunked"})")),
                        "body failed validation: body.mode should be `\"single_part\"`, `\"multi_part\"`, or "
                        "`\"external_url\"`, instead was `\"chunked\"`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"filename":1})")),
                        "body failed validation: body.filename should be a string, instead was `1`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson("{\"filename\":\"" + std::string(901, 'a') + "\"}")),
                        "body failed validation: body.filename.length should be ≤ `900`, instead was `901`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"multi_part","number_of_parts":1.5})")),
                        "body failed validation: body.number_of_parts should be an integer, instead was `1.5`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"multi_part","number_of_parts":0})")),
                        "body failed validation: body.number_of_parts should be ≥ `1`, instead was `0`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"multi_part","number_of_parts":1001})")),
                        "body failed validation: body.number_of_parts should be ≤ `1000`, instead was `1001`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"multi_part"})")),
                        "body failed validation: body.number_of_parts should be defined, instead was `undefined`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"multi_part","number_of_parts":2})")),
                        "body failed validation: body.filename should be defined, instead was `undefined`.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"number_of_parts":2})")),
                        "number_of_parts can only be provided when mode is multi_part.");
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"mode":"external_url","filename":"a"})")),
                        "body failed validation: body.external_url should be defined, instead was `undefined`.");
  ExpectValidationError(
      ReadFileUploadBody(BodyJson(R"({"mode":"external_url","external_url":"http://x","filename":"a"})")),
      "external_url must be a publicly accessible HTTPS URL.");
  ExpectValidationError(
      ReadFileUploadBody(BodyJson(R"({"mode":"external_url","external_url":"https://127.0.0.1/a","filename":"a"})")),
      "external_url must be a publicly accessible HTTPS URL.");
  // An allowed prefix (serve --allow-import-from) takes a loopback http:// URL.
  auto allowed =
      ReadFileUploadBody(BodyJson(R"({"mode":"external_url","external_url":"http://127.0.0.1:9/a","filename":"a"})"),
                         {"http://127.0.0.1:9/"});
  ASSERT_TRUE(allowed.ok()) << allowed.error().message;
  ExpectValidationError(ReadFileUploadBody(BodyJson(R"({"external_url":"https://x"})")),
                        "external_url can only be provided when mode is external_url.");
}

}  // namespace
}  // namespace localnotion::validation
