// The routes without authentication (routes.h, OpenRoutes) through Pipeline::Handle: the
// landing page for browsers, Notion's JSON 400 for API clients at GET /, readiness and
// metrics without a token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/pipeline.h"
#include "http/pipeline_test_util.h"

namespace localnotion::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kToken = "secret_landing_test";
constexpr const char* kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

class OpenRoutesTest : public PipelineTestBase {
 protected:
  void SetUp() override {
    OpenPipeline(kToken, "admin_landing_token");
    pipeline_->SetServerInfo(ServerInfo{.version = "1.2.3", .store_url = "memory:"});
  }
  Response Get(std::string target, std::string accept, std::optional<std::string> token = std::nullopt) {
    Request req;
    req.method = "GET";
    req.target = std::move(target);
    req.accept = std::move(accept);
    req.host = "127.0.0.1:8787";
    if (token) req.authorization = "Bearer " + *token;
    return pipeline_->Handle(req);
  }
};

TEST_F(OpenRoutesTest, BrowserGetsTheLandingPage) {
  Response r = Get("/", kBrowserAccept);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("<title>localnotion</title>"));
  EXPECT_THAT(r.body, HasSubstr("localnotion</strong> 1.2.3"));
  EXPECT_THAT(r.body, HasSubstr("<pre>http://127.0.0.1:8787</pre>"));
  EXPECT_THAT(r.body, HasSubstr("localnotion token: "));
  EXPECT_THAT(r.body, HasSubstr("https://developers.notion.com/reference/intro"));
  EXPECT_THAT(r.body, Not(HasSubstr(kToken)));
  EXPECT_THAT(r.body, Not(HasSubstr("admin_landing_token")));
}

TEST_F(OpenRoutesTest, LandingPageEscapesTheHostHeader) {
  Request req;
  req.method = "GET";
  req.target = "/";
  req.accept = "text/html";
  req.host = "x\"><script>alert(1)</script>";
  Response r = pipeline_->Handle(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, Not(HasSubstr("<script>")));
  EXPECT_THAT(r.body, HasSubstr("http://x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(OpenRoutesTest, ApiClientsKeepNotionsInvalidRequestUrl) {
  for (const char* accept : {"", "application/json", "*/*"}) {
    Response r = Get("/", accept, std::string(kToken));
    EXPECT_EQ(r.status, 400) << accept;
    EXPECT_EQ(r.content_type, "") << accept;
    EXPECT_EQ(r.body, R"({"object":"error","status":400,"code":"invalid_request_url","message":"Invalid request URL.",)"
                      R"("request_id":")" +
                          r.request_id + R"("})")
        << accept;
  }
}

TEST_F(OpenRoutesTest, ReadyNeedsNoToken) {
  Response r = Get("/_localnotion/ready", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.content_type, "");  // JSON
  // Slashes collapse as everywhere else.
  EXPECT_EQ(Get("//_localnotion//ready", "").status, 200);
}

TEST_F(OpenRoutesTest, OtherAdminRoutesStillNeedTheAdminToken) {
  Response r = Get("/_localnotion/health", "");
  EXPECT_EQ(r.status, 401);
}

TEST_F(OpenRoutesTest, MetricsNeedNoTokenAndCountWhatTheServerObserved) {
  pipeline_->metrics().Observe(MatchRoute("GET", "/v1/users/me").route, 200, 1.0);
  Response r = Get("/metrics", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("localnotion_build_info{version=\"1.2.3\"} 1\n"));
  EXPECT_THAT(r.body,
              HasSubstr("localnotion_http_requests_total{method=\"GET\",route=\"/v1/users/me\",status=\"200\"} 1\n"));
}

TEST_F(OpenRoutesTest, ReportsTheIntegrationOnlyWhenAsked) {
  Request req;
  req.method = "GET";
  req.target = "/v1/users/me";
  req.authorization = std::string("Bearer ") + kToken;
  req.notion_version = "2025-09-03";
  Response quiet = pipeline_->Handle(req);
  EXPECT_EQ(quiet.status, 200) << quiet.body;
  EXPECT_EQ(quiet.integration_id, "");
  pipeline_->ReportIntegration(true);
  Response told = pipeline_->Handle(req);
  EXPECT_EQ(told.status, 200) << told.body;
  EXPECT_EQ(told.integration_id.size(), 36u);
}

}  // namespace
}  // namespace localnotion::http
