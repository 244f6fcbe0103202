// Pipeline::Handle without sockets, over a real store on a temporary SQLite file: the
// order of Notion's checks (route, JSON, auth, version, then the endpoint), the error
// envelope, slash collapsing and the seed PATCH end to end.
#include "http/pipeline.h"
#include "http/pipeline_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "common/uuid.h"

namespace localnotion::http {
namespace {

constexpr const char* kToken = "secret_pipeline_test";
constexpr const char* kBadAuthHeader = "Authorization header must use the format \"Bearer <token>\".";
constexpr const char* kSomeId = "59833787-2cf9-4fdf-8782-e53db20768a5";

struct Send {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::optional<std::string> authorization = std::string("Bearer ") + kToken;
  std::optional<std::string> notion_version = std::string("2025-09-03");
};

class PipelineTest : public PipelineTestBase {
 protected:
  void SetUp() override { OpenPipeline(kToken, "admin_test_token"); }

  // Handles one request and commits its batch, as the server does before answering.
  Response Handle(const Send& s) {
    Request req;
    req.method = s.method;
    req.target = s.target;
    req.authorization = s.authorization;
    req.notion_version = s.notion_version;
    req.body = s.body;
    Response resp = HandleDurably(req);
    EXPECT_TRUE(store_->CommitBatch().ok());
    return resp;
  }

  // A 200 response's JSON body.
  json::value Ok(const Send& s) {
    Response r = Handle(s);
    EXPECT_EQ(r.status, 200) << s.method << " " << s.target << ": " << r.body;
    auto v = ParseJson(r.body);
    EXPECT_TRUE(v.has_value()) << r.body;
    return v ? *v : json::value(nullptr);
  }

};

// Expects Notion's error envelope with this status, code and message, carrying the
// response's request id.
void ExpectError(const Response& r, int status, std::string_view code, std::string_view message) {
  EXPECT_EQ(r.status, status) << r.body;
  auto body = ParseJson(r.body);
  ASSERT_TRUE(body.has_value()) << r.body;
  ASSERT_TRUE(body->is_object()) << r.body;
  const json::object& o = body->as_object();
  EXPECT_EQ(o.size(), 5u) << r.body;
  EXPECT_EQ(o.at("object"), "error");
  EXPECT_EQ(o.at("status"), status);
  EXPECT_EQ(o.at("code"), json::value(code));
  EXPECT_EQ(o.at("message"), json::value(message));
  EXPECT_EQ(o.at("request_id"), json::value(r.request_id));
}

// ---------------------------------------------------------------- check order

TEST_F(PipelineTest, UnknownRouteIsInvalidRequestUrlBeforeAuth) {
  Send s;
  s.target = "/v1/nothing/here";
  s.authorization.reset();
  s.notion_version.reset();
  ExpectError(Handle(s), 400, "invalid_request_url", "Invalid request URL.");
}

TEST_F(PipelineTest, UnknownMethodIsInvalidRequestUrlBeforeAuth) {
  Send s;
  s.method = "PUT";
  s.target = "/v1/users/me";
  s.authorization = "Bearer wrong";
  ExpectError(Handle(s), 400, "invalid_request_url", "Invalid request URL.");
  s.method = "DELETE";
  s.target = std::string("/v1/pages/") + kSomeId;
  ExpectError(Handle(s), 400, "invalid_request_url", "Invalid request URL.");
}

TEST_F(PipelineTest, BadJsonIsInvalidJsonBeforeAuth) {
  Send s;
  s.method = "PATCH";
  s.target = std::string("/v1/pages/") + kSomeId;
  s.body = R"({"properties":)";
  s.authorization.reset();
  ExpectError(Handle(s), 400, "invalid_json", "Error parsing JSON body.");
  s.authorization = "Bearer wrong";
  ExpectError(Handle(s), 400, "invalid_json", "Error parsing JSON body.");
}

TEST_F(PipelineTest, UnknownRouteComesBeforeBadJson) {
  Send s;
  s.method = "POST";
  s.target = "/v1/nothing";
  s.body = "{";
  ExpectError(Handle(s), 400, "invalid_request_url", "Invalid request URL.");
}

TEST_F(PipelineTest, MissingOrMalformedAuthorizationHeader) {
  Send s;
  s.target = "/v1/users/me";
  for (std::optional<std::string> header :
       {std::optional<std::string>(), std::optional<std::string>(""), std::optional<std::string>(kToken),
        std::optional<std::string>("Basic abc"), std::optional<std::string>("Bearer"),
        std::optional<std::string>("Bearer    ")}) {
    s.authorization = header;
    ExpectError(Handle(s), 401, "unauthorized", kBadAuthHeader);
  }
}

TEST_F(PipelineTest, BadTokenIsUnauthorized) {
  Send s;
  s.target = "/v1/users/me";
  s.authorization = "Bearer secret_wrong";
  ExpectError(Handle(s), 401, "unauthorized", "API token is invalid.");
}

TEST_F(PipelineTest, AuthComesBeforeVersionAndPathValidation) {
  Send s;
  s.method = "PATCH";
  s.target = "/v1/pages/not-a-uuid";
  s.body = "{}";
  s.authorization = "Bearer secret_wrong";
  s.notion_version.reset();
  ExpectError(Handle(s), 401, "unauthorized", "API token is invalid.");
}

TEST_F(PipelineTest, MissingVersion) {
  Send s;
  s.target = "/v1/users/me";
  s.notion_version.reset();
  ExpectError(Handle(s), 400, "missing_version",
              "Notion-Version header failed validation: Notion-Version header should be defined, instead was "
              "`undefined`.");
}

TEST_F(PipelineTest, UnknownVersion) {
  Send s;
  s.target = "/v1/users/me";
  s.notion_version = "banana";
  ExpectError(Handle(s), 400, "missing_version",
              "Notion-Version header failed validation: Notion-Version header should be `\"2021-05-11\"`, "
              "`\"2021-05-13\"`, `\"2021-08-16\"`, `\"2022-02-22\"`, `\"2022-06-28\"`, `\"2025-09-03\"`, or "
              "`\"2026-03-11\"`, instead was `\"banana\"`.");
}

TEST_F(PipelineTest, VersionComesBeforePathValidation) {
  Send s;
  s.target = "/v1/pages/not-a-uuid";
  s.notion_version.reset();
  ExpectError(Handle(s), 400, "missing_version",
              "Notion-Version header failed validation: Notion-Version header should be defined, instead was "
              "`undefined`.");
}

TEST_F(PipelineTest, PathValidationThenExistence) {
  Send s;
  s.target = "/v1/pages/not-a-uuid";
  ExpectError(Handle(s), 400, "validation_error",
              "path failed validation: path.page_id should be a valid uuid, instead was `\"not-a-uuid\"`.");
  s.target = "/v1/pages/598337872CF94FDF8782E53DB20768A5";
  ExpectError(Handle(s), 404, "object_not_found",
              std::string("Could not find page with ID: ") + kSomeId +
                  ". Make sure the relevant pages and databases are shared with your integration.");
}

// Echoed client input that is not UTF-8 (raw bytes in a path id, percent-decoded query
// values, the Notion-Version header) is shown with U+FFFD for each ill-formed sequence, so the
// body stays valid UTF-8 (issue 15, defect 9). ExpectError parses the body, which needs
// valid UTF-8.
TEST_F(PipelineTest, InvalidUtf8EchoedFromThePathIsReplaced) {
  Send s;
  s.target = "/v1/pages/ab\xFF" "cd\xC3";
  ExpectError(Handle(s), 400, "validation_error",
              "path failed validation: path.page_id should be a valid uuid, instead was "
              "`\"ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD\"`.");
}

TEST_F(PipelineTest, InvalidUtf8EchoedFromTheQueryStringIsReplaced) {
  Send s;
  s.target = "/v1/comments?block_id=%FF%FE";
  ExpectError(Handle(s), 400, "validation_error",
              "query failed validation: query.block_id should be a valid uuid, instead was "
              "`\"\xEF\xBF\xBD\xEF\xBF\xBD\"`.");
}

TEST_F(PipelineTest, InvalidUtf8EchoedFromTheVersionHeaderIsReplaced) {
  Send s;
  s.target = "/v1/users/me";
  s.notion_version = "2025\xE2\x80-09-03\xFF";
  ExpectError(Handle(s), 400, "missing_version",
              "Notion-Version header failed validation: Notion-Version header should be `\"2021-05-11\"`, "
              "`\"2021-05-13\"`, `\"2021-08-16\"`, `\"2022-02-22\"`, `\"2022-06-28\"`, `\"2025-09-03\"`, or "
              "`\"2026-03-11\"`, instead was `\"2025\xEF\xBF\xBD-09-03\xEF\xBF\xBD\"`.");
}

TEST_F(PipelineTest, DataSourcesRouteIsUnknownIn2022) {
  Send s;
  s.target = std::string("/v1/data_sources/") + kSomeId;
  s.notion_version = "2022-06-28";
  ExpectError(Handle(s), 400, "invalid_request_url", "Invalid request URL.");
  s.notion_version = "2025-09-03";
  ExpectError(Handle(s), 404, "object_not_found",
              std::string("Could not find data source with ID: ") + kSomeId +
                  ". Make sure the relevant pages and databases are shared with your integration.");
}

TEST_F(PipelineTest, QueryParametersReachTheEndpoint) {
  Send s;
  s.target = "/v1/users?page_size=101";
  ExpectError(Handle(s), 400, "validation_error",
              "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`.");
  s.target = "/v1/users?page_size=1";
  json::value list = Ok(s);
  EXPECT_EQ(list.at("object"), "list");
  EXPECT_EQ(list.at("results").as_array().size(), 1u);
  EXPECT_EQ(list.at("has_more"), true);
}

// ---------------------------------------------------------------- envelope and ids

TEST_F(PipelineTest, EveryResponseHasAFreshUuidRequestId) {
  Send s;
  s.target = "/v1/users/me";
  Response a = Handle(s);
  Response b = Handle(s);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(NormalizeUuid(a.request_id), std::optional<std::string>(a.request_id));
  EXPECT_EQ(NormalizeUuid(b.request_id), std::optional<std::string>(b.request_id));
  EXPECT_NE(a.request_id, b.request_id);
  s.target = "/v1/nope";
  Response e = Handle(s);
  EXPECT_EQ(NormalizeUuid(e.request_id), std::optional<std::string>(e.request_id));
}

// ---------------------------------------------------------------- slashes

TEST_F(PipelineTest, DoubleSlashesAreCollapsed) {
  Send s;
  s.target = "//v1//users/me";
  json::value me = Ok(s);
  EXPECT_EQ(me.at("object"), "user");
  EXPECT_EQ(me.at("type"), "bot");
  s.target = "/v1///users//me?x=1";
  EXPECT_EQ(Handle(s).status, 200);
}

TEST(CollapseSlashes, RunsOfSlashesBecomeOne) {
  EXPECT_EQ(CollapseSlashes("//v1//pages///abc"), "/v1/pages/abc");
  EXPECT_EQ(CollapseSlashes("/v1/users/me"), "/v1/users/me");
  EXPECT_EQ(CollapseSlashes("/"), "/");
  EXPECT_EQ(CollapseSlashes("//"), "/");
  EXPECT_EQ(CollapseSlashes(""), "");
  EXPECT_EQ(CollapseSlashes("/v1/users/"), "/v1/users/");
}

// ---------------------------------------------------------------- end to end

TEST_F(PipelineTest, SeedExampleIn2022And2025) {
  json::value home = Ok(Send{"POST", "/v1/pages",
                             R"({"parent":{"workspace":true},"properties":{"title":{"title":[{"text":{"content":"Home"}}]}}})"});
  const std::string home_id(home.at("id").as_string());

  Send create_db{"POST", "/v1/databases",
                 R"({"parent":{"type":"page_id","page_id":")" + home_id + R"("},
                     "title":[{"text":{"content":"Inventory"}}],
                     "properties":{"Name":{"title":{}},"In stock":{"checkbox":{}}}})"};
  create_db.notion_version = "2022-06-28";
  json::value db = Ok(create_db);
  const std::string db_id(db.at("id").as_string());

  Send create_page{"POST", "/v1/pages",
                   R"({"parent":{"database_id":")" + db_id + R"("},
                       "properties":{"Name":{"title":[{"text":{"content":"Widget"}}]}}})"};
  create_page.notion_version = "2022-06-28";
  json::value page = Ok(create_page);
  const std::string page_id(page.at("id").as_string());
  EXPECT_EQ(page.at("properties").at("In stock").at("checkbox"), false);

  for (const char* version : {"2022-06-28", "2025-09-03"}) {
    bool value = std::string_view(version) == "2022-06-28";
    Send patch{"PATCH", "/v1/pages/" + CompactUuid(page_id),
               std::string(R"({"properties":{"In stock":{"checkbox":)") + (value ? "true" : "false") + "}}}"};
    patch.notion_version = version;
    json::value updated = Ok(patch);
    EXPECT_EQ(updated.at("id"), json::value(page_id)) << version;
    EXPECT_EQ(updated.at("properties").at("In stock").at("checkbox"), value) << version;
    EXPECT_EQ(updated.at("parent").at("type"), value ? "database_id" : "data_source_id") << version;
  }
}

TEST_F(PipelineTest, EmptyBodyPatchIsANoOp) {
  json::value home = Ok(Send{"POST", "/v1/pages", R"({"parent":{"workspace":true}})"});
  Send patch{"PATCH", "/v1/pages/" + std::string(home.at("id").as_string()), ""};
  json::value same = Ok(patch);
  EXPECT_EQ(same.at("id"), home.at("id"));
}

TEST_F(PipelineTest, ValidationErrorOfAPatch) {
  json::value home = Ok(Send{"POST", "/v1/pages", R"({"parent":{"workspace":true}})"});
  Send patch{"PATCH", "/v1/pages/" + std::string(home.at("id").as_string()), R"({"an_incorrect_key":"value"})"};
  ExpectError(Handle(patch), 400, "validation_error",
              "body failed validation: body.an_incorrect_key should be not present, instead was `\"value\"`.");
}

}  // namespace
}  // namespace localnotion::http
