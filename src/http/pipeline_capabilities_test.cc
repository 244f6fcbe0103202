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

constexpr const char* kCapabilitiesAdmin = "admin_capabilities_test";

class PipelineCapabilitiesTest : public PipelineTestBase {
 protected:
  void SetUp() override { OpenPipeline("secret_full", kCapabilitiesAdmin); }


};

TEST_F(PipelineCapabilitiesTest, MissingCapabilityIs403AfterAuthAndVersionBeforeThePath) {
  Response created = Call("POST", "/_localnotion/integrations", kCapabilitiesAdmin, R"({"name":"Bare","capabilities":"users"})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string token(Json(created).at("token").as_string());

  Response r = Call("GET", "/v1/pages/not-a-uuid", token);
  EXPECT_EQ(r.status, 403);
  json::value body = Json(r);
  EXPECT_EQ(body.at("code"), "restricted_resource");
  EXPECT_EQ(body.at("message"), "Insufficient permissions for this endpoint.");
  // The version is checked first, and the token before that.
  EXPECT_EQ(Call("GET", "/v1/pages/not-a-uuid", token, "", std::nullopt).status, 400);
  EXPECT_EQ(Call("GET", "/v1/pages/not-a-uuid", "wrong").status, 401);
  // Routes still come first.
  EXPECT_EQ(Json(Call("GET", "/v1/nothing", token)).at("code"), "invalid_request_url");
  // users/me needs nothing; users needs user information, which it has.
  EXPECT_EQ(Call("GET", "/v1/users/me", token).status, 200);
  EXPECT_EQ(Call("GET", "/v1/users", token).status, 200);
  EXPECT_EQ(Call("POST", "/v1/search", token, "{}").status, 403);
  EXPECT_EQ(Call("POST", "/v1/search", "secret_full", "{}").status, 200);
}

TEST_F(PipelineCapabilitiesTest, DeletedIntegrationGets401) {
  Response created = Call("POST", "/_localnotion/integrations", kCapabilitiesAdmin, R"({"name":"Gone"})");
  ASSERT_EQ(created.status, 200) << created.body;
  json::value c = Json(created);
  EXPECT_EQ(c.at("capabilities"), "read,update,insert,comments,users:email");
  std::string token(c.at("token").as_string());
  EXPECT_EQ(Call("GET", "/v1/users/me", token).status, 200);
  Response del = Call("DELETE", "/_localnotion/integrations/Gone", kCapabilitiesAdmin);
  EXPECT_EQ(del.status, 200) << del.body;
  Response r = Call("GET", "/v1/users/me", token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Json(r).at("message"), "API token is invalid.");
  EXPECT_EQ(Call("GET", "/_localnotion/integrations/Gone", kCapabilitiesAdmin).status, 404);
}

}  // namespace
}  // namespace localnotion::http
