// File uploads through Pipeline::Handle (no sockets) over a real SQLite store: the raw
// multipart body of /send reaches the service, an attached upload is served at its
// signed URL without a bearer token, and the JSON pipeline is untouched for the rest.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <utility>

#include "common/utf8.h"
#include "http/pipeline.h"
#include "http/pipeline_test_util.h"

namespace localnotion::http {
namespace {

constexpr const char* kToken = "secret_uploads_test";

class UploadsPipelineTest : public PipelineTestBase {
 protected:
  void SetUp() override { OpenPipeline(kToken, "admin_test_token"); }

  Response Handle(std::string method, std::string target, std::string body = "", std::string content_type = "",
                  bool auth = true) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    if (auth) req.authorization = std::string("Bearer ") + kToken;
    req.notion_version = "2025-09-03";
    req.host = host_;
    req.body = std::move(body);
    req.content_type = std::move(content_type);
    Response r = HandleDurably(req);
    EXPECT_TRUE(store_->CommitBatch().ok());
    return r;
  }
  std::string host_ = "127.0.0.1:9";
  json::object Json(const Response& r) {
    auto v = ParseJson(r.body);
    EXPECT_TRUE(v && v->is_object()) << r.body;
    return v && v->is_object() ? v->get_object() : json::object{};
  }
};

TEST_F(UploadsPipelineTest, SendAttachAndServe) {
  Response created = Handle("POST", "/v1/file_uploads", R"({"filename":"hello.txt"})", "application/json");
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id(Json(created).at("id").as_string());

  const std::string bytes("hi\0there", 8);
  std::string form =
      "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\n" +
      bytes + "\r\n--zz--\r\n";
  Response sent = Handle("POST", "/v1/file_uploads/" + id + "/send", form, "multipart/form-data; boundary=zz");
  ASSERT_EQ(sent.status, 200) << sent.body;
  json::object upload = Json(sent);
  EXPECT_EQ(upload.at("status"), "uploaded");
  EXPECT_EQ(upload.at("filename"), "hello.txt");  // the name given at creation wins
  EXPECT_EQ(upload.at("content_length"), 8);

  Response page =
      Handle("POST", "/v1/pages",
             R"({"parent":{"workspace":true},"properties":{"title":{"title":[]}},"icon":{"file_upload":{"id":")" + id +
                 R"("}}})",
             "application/json");
  ASSERT_EQ(page.status, 200) << page.body;
  json::object icon = Json(page).at("icon").as_object();
  EXPECT_EQ(icon.at("type"), "file");
  std::string url(icon.at("file").at("url").as_string());
  const std::string prefix = "http://127.0.0.1:9/_localnotion/files/" + id + "/hello.txt?expires=";
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;

  Response served = Handle("GET", url.substr(std::string("http://127.0.0.1:9").size()), "", "", /*auth=*/false);
  EXPECT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(served.body, bytes);
  EXPECT_EQ(served.content_type, "text/plain");

  Response forged =
      Handle("GET", "/_localnotion/files/" + id + "/hello.txt?expires=99999999999&signature=00", "", "", false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Json(forged).at("message"), "The link is invalid or has expired.");

  // The filename is signed with the id and the expiry: the same link under another name
  // (which would be served with that name's type by a browser) is refused.
  const std::string link = url.substr(std::string("http://127.0.0.1:9").size());
  for (const char* other : {"/hello.html?", "/Hello.txt?", "/hello.txt%00?", "/?", "?"}) {
    std::string renamed = link;
    renamed.replace(renamed.find("/hello.txt?"), std::string("/hello.txt?").size(), other);
    Response refused = Handle("GET", renamed, "", "", false);
    EXPECT_EQ(refused.status, 403) << renamed;
    EXPECT_EQ(Json(refused).at("code"), "restricted_resource");
    EXPECT_EQ(Json(refused).at("message"), "The link is invalid or has expired.");
  }
  // The name is read percent-decoded, as the link encoded it.
  std::string encoded = link;
  encoded.replace(encoded.find("/hello.txt?"), std::string("/hello.txt?").size(), "/hello%2Etxt?");
  EXPECT_EQ(Handle("GET", encoded, "", "", false).status, 200);
}

TEST_F(UploadsPipelineTest, AFailedAttachChangesNothingAndNonMultipartBodiesHaveNoFile) {
  Response created = Handle("POST", "/v1/file_uploads", "{}", "application/json");
  const std::string id(Json(created).at("id").as_string());
  // A JSON body on /send: no form fields.
  Response json_send = Handle("POST", "/v1/file_uploads/" + id + "/send", R"({"file":"x"})", "application/json");
  EXPECT_EQ(json_send.status, 400);
  EXPECT_EQ(Json(json_send).at("message"),
            "body failed validation: body.file should be defined, instead was `undefined`.");
  // Attaching the pending upload fails, and the page is not created.
  Response page = Handle(
      "POST", "/v1/pages",
      R"({"parent":{"workspace":true},"properties":{"title":{"title":[]}},"cover":{"type":"file_upload","file_upload":{"id":")" +
          id + R"("}}})",
      "application/json");
  EXPECT_EQ(page.status, 400) << page.body;
  auto pages = store_->ListAllPages();
  ASSERT_TRUE(pages.ok());
  EXPECT_TRUE(pages->empty());
  Response again = Handle("GET", "/v1/file_uploads/" + id);
  EXPECT_EQ(Json(again).at("status"), "pending");
  EXPECT_FALSE(Json(again).at("expiry_time").is_null());
}

// The URLs an answer gives out start with the Host header only when it is an authority
// (http/base_url.h); pipeline_fuzz found invalid UTF-8 from Host in upload_url.
TEST_F(UploadsPipelineTest, AHostHeaderThatIsNoAuthorityGivesTheDefaultBaseUrl) {
  const std::pair<std::string, std::string> cases[] = {
      {"localhost:3000", "http://localhost:3000"},
      {"[::1]:9", "http://[::1]:9"},
      {"", "http://127.0.0.1"},
      {"localh\xff\xfemost", "http://127.0.0.1"},
      {"evil.example/x?y", "http://127.0.0.1"},
      {"user@evil.example", "http://127.0.0.1"},
      {"a b", "http://127.0.0.1"},
      {"a\"b", "http://127.0.0.1"},
  };
  for (const auto& [host, base] : cases) {
    host_ = host;
    Response created = Handle("POST", "/v1/file_uploads", R"({"filename":"a.txt"})", "application/json");
    ASSERT_EQ(created.status, 200) << created.body;
    EXPECT_TRUE(IsValidUtf8(created.body)) << host;
    const std::string id(Json(created).at("id").as_string());
    EXPECT_EQ(std::string(Json(created).at("upload_url").as_string()), base + "/v1/file_uploads/" + id + "/send")
        << host;
  }
}

}  // namespace
}  // namespace localnotion::http
