// The admin API through Pipeline::Handle: its own auth policy (the admin token), errors
// in Notion's envelope, and the request-log filters, which read decoded query values.
#include <gtest/gtest.h>

#include <string>

#include "http/pipeline.h"
#include "http/pipeline_test_util.h"

namespace localnotion::http {
namespace {

constexpr const char* kPipelineAdmin = "admin_pipeline_test";

class AdminPipelineTest : public PipelineTestBase {
 protected:
  void SetUp() override { OpenPipeline("secret_admin_pipeline", kPipelineAdmin); }

  void ExpectError(const Response& r, int status, std::string_view code, std::string_view message) {
    EXPECT_EQ(r.status, status) << r.body;
    json::value v = Json(r);
    ASSERT_TRUE(v.is_object()) << r.body;
    EXPECT_EQ(v.at("object"), "error");
    EXPECT_EQ(v.at("code"), json::value(code));
    EXPECT_EQ(v.at("message"), json::value(message));
    EXPECT_EQ(v.at("request_id"), json::value(r.request_id));
  }
};

TEST_F(AdminPipelineTest, AdminTokenFirstThenJsonThenRoute) {
  ExpectError(Call("GET", "/_localnotion/nothing", std::nullopt), 401, "unauthorized",
              "Authorization header must use the format \"Bearer <token>\".");
  ExpectError(Call("GET", "/_localnotion/health", std::string("secret_admin_pipeline")), 401, "unauthorized",
              "API token is invalid.");
  ExpectError(Call("POST", "/_localnotion/nothing", std::string(kPipelineAdmin), "{"), 400, "invalid_json",
              "Error parsing JSON body.");
  ExpectError(Call("GET", "/_localnotion/nothing", std::string(kPipelineAdmin)), 400, "invalid_request_url",
              "Invalid request URL.");
  Response health = Call("GET", "/_localnotion/health/", std::string(kPipelineAdmin));
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(Json(health).at("status"), "ok");
}

TEST_F(AdminPipelineTest, RequestLogFiltersArePercentDecoded) {
  Response created =
      Call("POST", "/_localnotion/integrations", std::string(kPipelineAdmin), R"({"name":"Filtered bot"})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string token(Json(created).at("token").as_string());
  ASSERT_EQ(Call("GET", "/v1/users/me", token).status, 200);
  ASSERT_EQ(Call("GET", "/v1/users/me", std::string("secret_admin_pipeline")).status, 200);

  for (const char* query : {"integration=Filtered%20bot", "integration=Filtered+bot"}) {
    Response found = Call("GET", std::string("/_localnotion/requests?") + query, std::string(kPipelineAdmin));
    ASSERT_EQ(found.status, 200) << found.body;
    json::value list = Json(found);
    const json::array& results = list.at("results").as_array();
    ASSERT_EQ(results.size(), 1u) << query << ": " << found.body;
    EXPECT_EQ(results[0].at("integration").at("name"), "Filtered bot");
    EXPECT_EQ(results[0].at("path"), "/v1/users/me");
  }
  Response by_path = Call("GET", "/_localnotion/requests?path=%2Fv1%2Fusers%2F*", std::string(kPipelineAdmin));
  EXPECT_EQ(Json(by_path).at("results").as_array().size(), 2u) << by_path.body;
  ExpectError(Call("GET", "/_localnotion/requests?status=4%30x", std::string(kPipelineAdmin)), 400, "validation_error",
              "query failed validation: query.status should be a number, instead was `\"40x\"`.");
}

// The request log shows what clients sent; bytes that are not UTF-8 (in the path, the
// Notion-Version header, the body, or a body cut inside a character) read as U+FFFD, so
// its answer stays valid UTF-8 (issue 15, defect 9). Json() parses, which needs UTF-8.
TEST_F(AdminPipelineTest, TheRequestLogIsValidUtf8) {
  const std::string fffd = "\xEF\xBF\xBD";
  Response bad = Call("GET", "/v1/pages/x\xFF", std::string("secret_admin_pipeline"), "", std::string("v\xC3"));
  ASSERT_EQ(bad.status, 400) << bad.body;
  // A body over the 16 KiB the log keeps, cut inside a two-byte character.
  std::string big = "{\"x\":\"" + std::string(RequestLog::kMaxBody - 7, 'a') + "\xC3\xA9\"}";
  Call("POST", "/v1/search", std::string("secret_admin_pipeline"), big);
  Response log = Call("GET", "/_localnotion/requests", std::string(kPipelineAdmin));
  ASSERT_EQ(log.status, 200);
  json::value list = Json(log);
  const json::array& results = list.at("results").as_array();
  ASSERT_EQ(results.size(), 2u) << log.body;
  EXPECT_EQ(results[0].at("path"), json::value("/v1/pages/x" + fffd));
  EXPECT_EQ(results[0].at("notion_version"), json::value("v" + fffd));
  const std::string cut(results[1].at("request_body").as_string());
  EXPECT_EQ(cut.substr(cut.size() - 6), fffd + "...");
}

// DELETE /_localnotion/faults/{id} removes one fault and leaves the others; an id that
// is not there answers 404 object_not_found (the web UI's delete button).
TEST_F(AdminPipelineTest, OneFaultIsDeletedByItsId) {
  Response first =
      Call("POST", "/_localnotion/faults", std::string(kPipelineAdmin), R"({"path":"/v1/users","status":503})");
  ASSERT_EQ(first.status, 200) << first.body;
  Response second =
      Call("POST", "/_localnotion/faults", std::string(kPipelineAdmin), R"({"path":"/v1/search","status":429})");
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string id(Json(first).at("id").as_string());
  Response deleted = Call("DELETE", "/_localnotion/faults/" + id, std::string(kPipelineAdmin));
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Json(deleted), json::parse(R"({"object":"fault","id":")" + id + R"(","deleted":true})"));
  Response left = Call("GET", "/_localnotion/faults", std::string(kPipelineAdmin));
  json::value list = Json(left);
  const json::array& results = list.at("results").as_array();
  ASSERT_EQ(results.size(), 1u) << left.body;
  EXPECT_EQ(results[0].at("path"), "/v1/search");
  EXPECT_EQ(Call("GET", "/v1/users", std::string("secret_admin_pipeline")).status, 200);
  ExpectError(Call("DELETE", "/_localnotion/faults/" + id, std::string(kPipelineAdmin)), 404, "object_not_found",
              "Could not find fault with ID: " + id + ".");
}

// GET and POST /_localnotion/rate_limit: the limit of --rate-limit, read and set while
// the server runs (the web UI's Controls). Over a limit set so, /v1 answers Notion's 429.
TEST_F(AdminPipelineTest, TheRateLimitIsReadAndSetAtRuntime) {
  const std::string admin(kPipelineAdmin);
  const std::string token("secret_admin_pipeline");
  Response off = Call("GET", "/_localnotion/rate_limit", admin);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.body, R"({"object":"rate_limit","limit":"off"})");
  Response set = Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":"2"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.body, R"({"object":"rate_limit","limit":"2/min"})");
  EXPECT_EQ(Call("GET", "/_localnotion/rate_limit", admin).body, set.body);

  EXPECT_EQ(Call("GET", "/v1/users/me", token).status, 200);
  EXPECT_EQ(Call("GET", "/v1/users/me", token).status, 200);
  Response limited = Call("GET", "/v1/users/me", token);
  ExpectError(limited, 429, "rate_limited", "You have been rate limited. Please try again in a few minutes.");
  ASSERT_TRUE(limited.retry_after.has_value());
  EXPECT_GE(*limited.retry_after, 59);
  EXPECT_EQ(Json(limited).at("additional_data"),
            json::parse(R"({"rate_limit_reason":"public_api_request_rate_limit","retry_after":")" +
                        std::to_string(*limited.retry_after) + R"("})"));
  // The admin API is never limited.
  EXPECT_EQ(Call("GET", "/_localnotion/health", admin).status, 200);

  Response restored = Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":"off"})");
  EXPECT_EQ(restored.body, R"({"object":"rate_limit","limit":"off"})");
  EXPECT_EQ(Call("GET", "/v1/users/me", token).status, 200);
}

TEST_F(AdminPipelineTest, ABadRateLimitIsAValidationErrorAndChangesNothing) {
  const std::string admin(kPipelineAdmin);
  const std::string expected =
      "`\"off\"`, `\"notion\"`, requests per minute (`\"180\"`, `\"600\"`, `\"N/min\"`) or per second "
      "(`\"N/s\"`)";
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":"10/h"})"), 400, "validation_error",
              "body failed validation: body.limit should be " + expected + ", instead was `\"10/h\"`.");
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":""})"), 400, "validation_error",
              "body failed validation: body.limit should be " + expected + ", instead was `\"\"`.");
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":5})"), 400, "validation_error",
              "body failed validation: body.limit should be " + expected + ", instead was `5`.");
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"({})"), 400, "validation_error",
              "body failed validation: body.limit should be defined, instead was `undefined`.");
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"({"limit":"off","burst":3})"), 400, "validation_error",
              "body failed validation: body.burst should be not present, instead was `3`.");
  ExpectError(Call("POST", "/_localnotion/rate_limit", admin, R"([])"), 400, "validation_error",
              "body failed validation: body should be an object, instead was `[]`.");
  // The server's limit, not a workspace's: no workspace prefix.
  ExpectError(Call("POST", "/_localnotion/workspaces/some-id/rate_limit", admin, R"({"limit":"1"})"), 400,
              "invalid_request_url", "Invalid request URL.");
  EXPECT_EQ(Call("GET", "/_localnotion/rate_limit", admin).body, R"({"object":"rate_limit","limit":"off"})");
}

}  // namespace
}  // namespace localnotion::http
