// The capability check in the pipeline, through the admin API's integrations: after the
// token and the Notion-Version, before the path; 403 restricted_resource with Notion's
// text; a deleted integration's token is 401.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "http/pipeline.h"
#include "http/pipeline_test_util.h"

namespace localnotion::http {
namespace {

constexpr const char* kAdmin = "admin_capabilities_test";

class PipelineCapabilitiesTest : public PipelineTestBase {
 protected:
  void SetUp() override { OpenPipeline("secret_full", kAdmin); }

  Response Handle(std::string method, std::string target, std::string token, std::string body = "",
                  std::optional<std::string> version = std::string("2025-09-03")) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.authorization = "Bearer " + token;
    req.notion_version = std::move(version);
    req.body = std::move(body);
    Response r = HandleDurably(req);
    EXPECT_TRUE(store_->CommitBatch().ok());
    return r;
  }
  json::value Json(const Response& r) {
    auto v = ParseJson(r.body);
    EXPECT_TRUE(v.has_value()) << r.body;
    return v ? *v : json::value(nullptr);
  }

};

TEST_F(PipelineCapabilitiesTest, MissingCapabilityIs403AfterAuthAndVersionBeforeThePath) {
  Response created = Handle("POST", "/_localnotion/integrations", kAdmin, R"({"name":"Bare","capabilities":"users"})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string token(Json(created).at("token").as_string());

  Response r = Handle("GET", "/v1/pages/not-a-uuid", token);
  EXPECT_EQ(r.status, 403);
  json::value body = Json(r);
  EXPECT_EQ(body.at("code"), "restricted_resource");
  EXPECT_EQ(body.at("message"), "Insufficient permissions for this endpoint.");
  // The version is checked first, and the token before that.
  EXPECT_EQ(Handle("GET", "/v1/pages/not-a-uuid", token, "", std::nullopt).status, 400);
  EXPECT_EQ(Handle("GET", "/v1/pages/not-a-uuid", "wrong").status, 401);
  // Routes still come first.
  EXPECT_EQ(Json(Handle("GET", "/v1/nothing", token)).at("code"), "invalid_request_url");
  // users/me needs nothing; users needs user information, which it has.
  EXPECT_EQ(Handle("GET", "/v1/users/me", token).status, 200);
  EXPECT_EQ(Handle("GET", "/v1/users", token).status, 200);
  EXPECT_EQ(Handle("POST", "/v1/search", token, "{}").status, 403);
  EXPECT_EQ(Handle("POST", "/v1/search", "secret_full", "{}").status, 200);
}

TEST_F(PipelineCapabilitiesTest, DeletedIntegrationGets401) {
  Response created = Handle("POST", "/_localnotion/integrations", kAdmin, R"({"name":"Gone"})");
  ASSERT_EQ(created.status, 200) << created.body;
  json::value c = Json(created);
  EXPECT_EQ(c.at("capabilities"), "read,update,insert,comments,users:email");
  std::string token(c.at("token").as_string());
  EXPECT_EQ(Handle("GET", "/v1/users/me", token).status, 200);
  Response del = Handle("DELETE", "/_localnotion/integrations/Gone", kAdmin);
  EXPECT_EQ(del.status, 200) << del.body;
  Response r = Handle("GET", "/v1/users/me", token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Json(r).at("message"), "API token is invalid.");
  EXPECT_EQ(Handle("GET", "/_localnotion/integrations/Gone", kAdmin).status, 404);
}

}  // namespace
}  // namespace localnotion::http
