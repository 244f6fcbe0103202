// The route table: every /v1 route states the capability it needs, following Notion's
// endpoint references (https://developers.notion.com/reference/capabilities); each group
// has its auth policy and handler; matching collapses slashes, picks the group by
// prefix and gates versions by range.
#include "http/routes.h"

#include <gtest/gtest.h>

namespace localnotion::http {
namespace {

using api::ApiVersion;
using service::Need;

const std::string kId = "/59833787-2cf9-4fdf-8782-e53db20768a5";

TEST(Routes, EveryApiRouteStatesItsCapability) {
  for (const Route& e : ApiRoutes()) {
    EXPECT_NE(e.need, Need::kUnspecified) << e.method << " " << e.path << " needs a capability in the table";
  }
}

TEST(Routes, EveryRouteHasTheHandlerOfItsGroup) {
  auto check = [](const std::vector<Route>& routes, Auth auth) {
    for (const Route& r : routes) {
      EXPECT_EQ(r.auth, auth) << r.method << " " << r.path;
      EXPECT_EQ(r.api != nullptr || r.api_text != nullptr, auth == Auth::kBearerToken) << r.method << " " << r.path;
      EXPECT_FALSE(r.api != nullptr && r.api_text != nullptr) << r.method << " " << r.path;
      EXPECT_EQ(r.admin != nullptr || r.events != nullptr, auth == Auth::kAdminToken) << r.method << " " << r.path;
      EXPECT_FALSE(r.admin != nullptr && r.events != nullptr) << r.method << " " << r.path;
      EXPECT_EQ(r.open != nullptr, auth == Auth::kNone) << r.method << " " << r.path;
      EXPECT_EQ(r.file != nullptr, auth == Auth::kUrlSignature) << r.method << " " << r.path;
      EXPECT_EQ(r.oauth != nullptr, auth == Auth::kOAuth) << r.method << " " << r.path;
      EXPECT_LE(r.min_version, r.max_version) << r.method << " " << r.path;
      EXPECT_EQ(MatchRoute(r.method, r.path).group, auth) << r.path << " is under its group's prefix";
    }
  };
  check(ApiRoutes(), Auth::kBearerToken);
  check(AdminRoutes(), Auth::kAdminToken);
  check(AdminIntegrationRoutes(), Auth::kAdminToken);
  check(AdminFixtureRoutes(), Auth::kAdminToken);
  check(AdminWebhookRoutes(), Auth::kAdminToken);
  check(AdminEmojiRoutes(), Auth::kAdminToken);
  check(AdminOAuthRoutes(), Auth::kAdminToken);
  check(OAuthRoutes(), Auth::kOAuth);
  check(AdminWorkspaceRoutes(), Auth::kAdminToken);
  check(HostedFileRoutes(), Auth::kUrlSignature);
  check(OpenRoutes(), Auth::kNone);
  check(UiRoutes(), Auth::kNone);
}

TEST(Routes, NeedsFollowNotion) {
  auto need = [&](std::string_view method, std::string_view path) {
    MatchedRoute m = MatchRoute(method, path);
    EXPECT_NE(m.route, nullptr) << method << " " << path;
    return m.route ? m.route->need : Need::kUnspecified;
  };
  const std::string& id = kId;
  EXPECT_EQ(need("GET", "/v1/users/me"), Need::kNothing);
  EXPECT_EQ(need("GET", "/v1/users"), Need::kUserInformation);
  EXPECT_EQ(need("GET", "/v1/users" + id), Need::kUserInformation);
  EXPECT_EQ(need("POST", "/v1/search"), Need::kReadContent);
  EXPECT_EQ(need("POST", "/v1/pages"), Need::kInsertContent);
  EXPECT_EQ(need("GET", "/v1/pages" + id), Need::kReadContent);
  EXPECT_EQ(need("PATCH", "/v1/pages" + id), Need::kUpdateContent);
  EXPECT_EQ(need("GET", "/v1/pages" + id + "/properties/title"), Need::kReadContent);
  EXPECT_EQ(need("POST", "/v1/databases"), Need::kInsertContent);
  EXPECT_EQ(need("GET", "/v1/databases" + id), Need::kReadContent);
  EXPECT_EQ(need("PATCH", "/v1/databases" + id), Need::kUpdateContent);
  EXPECT_EQ(need("POST", "/v1/databases" + id + "/query"), Need::kReadContent);
  EXPECT_EQ(need("POST", "/v1/data_sources"), Need::kInsertContent);
  EXPECT_EQ(need("GET", "/v1/data_sources" + id), Need::kReadContent);
  EXPECT_EQ(need("PATCH", "/v1/data_sources" + id), Need::kUpdateContent);
  EXPECT_EQ(need("POST", "/v1/data_sources" + id + "/query"), Need::kReadContent);
  EXPECT_EQ(need("GET", "/v1/blocks" + id), Need::kReadContent);
  EXPECT_EQ(need("GET", "/v1/blocks" + id + "/children"), Need::kReadContent);
  EXPECT_EQ(need("PATCH", "/v1/blocks" + id + "/children"), Need::kInsertContent);
  EXPECT_EQ(need("PATCH", "/v1/blocks" + id), Need::kUpdateContent);
  EXPECT_EQ(need("DELETE", "/v1/blocks" + id), Need::kUpdateContent);
  EXPECT_EQ(need("POST", "/v1/file_uploads"), Need::kInsertContent);
  EXPECT_EQ(need("POST", "/v1/file_uploads" + id + "/send"), Need::kInsertContent);
  EXPECT_EQ(need("POST", "/v1/file_uploads" + id + "/complete"), Need::kInsertContent);
  EXPECT_EQ(need("GET", "/v1/file_uploads" + id), Need::kReadContent);
  EXPECT_EQ(need("GET", "/v1/file_uploads"), Need::kReadContent);
  EXPECT_EQ(need("POST", "/v1/comments"), Need::kInsertComments);
  EXPECT_EQ(need("GET", "/v1/comments"), Need::kReadComments);
  EXPECT_EQ(need("GET", "/v1/comments" + id), Need::kReadComments);
  // Editing and deleting one's own comments need the insert comments capability
  // (https://developers.notion.com/reference/update-a-comment).
  EXPECT_EQ(need("PATCH", "/v1/comments" + id), Need::kInsertComments);
  EXPECT_EQ(need("DELETE", "/v1/comments" + id), Need::kInsertComments);
  EXPECT_EQ(need("POST", "/v1/pages" + id + "/move"), Need::kUpdateContent);
  EXPECT_EQ(need("GET", "/v1/custom_emojis"), Need::kReadContent);
  // Meeting notes: create inserts content, the query reads it; a task is polled freely.
  EXPECT_EQ(need("POST", "/v1/blocks/meeting_notes"), Need::kInsertContent);
  EXPECT_EQ(need("POST", "/v1/blocks/meeting_notes/query"), Need::kReadContent);
  EXPECT_EQ(need("GET", "/v1/async_tasks" + id), Need::kNothing);
}

// Routes Notion has and localnotion does not implement yet are matched (after the
// implemented ones), so that they answer "does not implement it yet", not "Invalid
// request URL.".
TEST(Routes, UnimplementedNotionRoutesAreMatched) {
  for (const Route& r : UnimplementedApiRoutes()) {
    EXPECT_EQ(r.auth, Auth::kBearerToken) << r.path;
    EXPECT_NE(r.api, nullptr) << r.path;
    EXPECT_EQ(r.need, Need::kNothing) << r.path;
  }
  MatchedRoute task = MatchRoute("GET", "/v1/async_tasks" + kId);
  ASSERT_NE(task.route, nullptr);
  EXPECT_EQ(task.route->path, "/v1/async_tasks/{}");
  ASSERT_NE(MatchRoute("POST", "/v1/views" + kId + "/queries").route, nullptr);
  // An implemented route still wins: GET /v1/blocks/{id} with any id.
  EXPECT_EQ(MatchRoute("GET", "/v1/blocks/meeting_notes").route->path, "/v1/blocks/{}");
  EXPECT_EQ(MatchRoute("POST", "/v1/blocks/meeting_notes").route->path, "/v1/blocks/meeting_notes");
}

TEST(Routes, VersionRangesGateTheDataSourceEra) {
  const Route* by_database = MatchRoute("POST", "/v1/databases" + kId + "/query").route;
  const Route* by_source = MatchRoute("POST", "/v1/data_sources" + kId + "/query").route;
  ASSERT_NE(by_database, nullptr);
  ASSERT_NE(by_source, nullptr);
  EXPECT_TRUE(by_database->Serves(ApiVersion::k2022_06_28));
  EXPECT_FALSE(by_database->Serves(ApiVersion::k2025_09_03));
  EXPECT_FALSE(by_source->Serves(ApiVersion::k2022_06_28));
  EXPECT_TRUE(by_source->Serves(ApiVersion::k2025_09_03));
  EXPECT_TRUE(MatchRoute("GET", "/v1/users/me").route->Serves(api::kNewestApiVersion));
}

TEST(Routes, MatchingCollapsesSlashesAndKeepsParams) {
  MatchedRoute m = MatchRoute("GET", "//v1//pages" + kId + "/properties//title?x=1");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/v1/pages/{}/properties/{}");
  EXPECT_EQ(m.path, "/v1/pages" + kId + "/properties/title");
  EXPECT_EQ(m.params, (std::vector<std::string>{kId.substr(1), "title"}));
  EXPECT_EQ(MatchRoute("GET", "/v1/nothing").route, nullptr);
  EXPECT_EQ(MatchRoute("PUT", "/v1/users/me").route, nullptr);
}

TEST(Routes, AdminPathsDropTrailingSlashesAndDecodeSegments) {
  MatchedRoute m = MatchRoute("GET", "/_localnotion/integrations/Filtered%20bot/");
  EXPECT_EQ(m.group, Auth::kAdminToken);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params, std::vector<std::string>{"Filtered bot"});
  MatchedRoute unknown = MatchRoute("GET", "/_localnotion/nothing");
  EXPECT_EQ(unknown.group, Auth::kAdminToken);
  EXPECT_EQ(unknown.route, nullptr);
}

TEST(Routes, HostedFilesTakeTheRestOfThePath) {
  MatchedRoute m = MatchRoute("GET", "/_localnotion/files/abc/name.txt?expires=1&signature=ff");
  EXPECT_EQ(m.group, Auth::kUrlSignature);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params, std::vector<std::string>{"abc/name.txt"});
  EXPECT_EQ(MatchRoute("GET", "/_localnotion/files/").params, std::vector<std::string>{""});
  EXPECT_EQ(MatchRoute("POST", "/_localnotion/files/abc").route, nullptr);
}

// Routes are told apart by their literal start first (FindRoute): a "{*}" still matches an
// empty rest, and a path that only begins like a pattern matches nothing.
TEST(Routes, ALiteralStartIsNotEnough) {
  MatchedRoute ui = MatchRoute("GET", "/_localnotion/ui/");
  ASSERT_NE(ui.route, nullptr);
  EXPECT_EQ(ui.route->path, "/_localnotion/ui/{*}");
  EXPECT_EQ(ui.params, std::vector<std::string>{""});
  EXPECT_EQ(MatchRoute("GET", "/v1/pagesX" + kId).route, nullptr);
  EXPECT_EQ(MatchRoute("GET", "/v1/pages/").route, nullptr);
  MatchedRoute users = MatchRoute("GET", "/v1/users");
  ASSERT_NE(users.route, nullptr);
  EXPECT_EQ(users.route->path, "/v1/users");
}

TEST(Routes, QueryKeepsTheKeysTheRouteNamesDecoded) {
  const Route* list = MatchRoute("GET", "/v1/comments").route;
  ASSERT_NE(list, nullptr);
  auto q = ParseQuery("/v1/comments?block_id=a%2Db&page_size=2&other=x&start_cursor=c+d", *list);
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(q.find("block_id")->second, "a-b");
  EXPECT_EQ(q.find("start_cursor")->second, "c d");
  EXPECT_EQ(q.count("other"), 0u);
  const Route* page = MatchRoute("GET", "/v1/pages" + kId).route;
  ASSERT_NE(page, nullptr);
  auto fp = ParseQuery("/v1/pages/x?filter_properties[]=a&filter_properties=b", *page);
  EXPECT_EQ(fp.count("filter_properties"), 2u);
}

TEST(PercentDecode, DecodesEscapesOnly) {
  EXPECT_EQ(PercentDecode("Filtered%20bot"), "Filtered bot");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz"), "%zz");
}

TEST(Routes, AWorkspacePrefixMatchesTheAdminRouteInThatWorkspace) {
  const std::string ws = "0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
  MatchedRoute m = MatchRoute("POST", "/_localnotion/workspaces/" + ws + "/reset?x=1");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.group, Auth::kAdminToken);
  EXPECT_EQ(m.route->path, "/_localnotion/reset");
  EXPECT_EQ(m.path, "/_localnotion/reset");
  EXPECT_EQ(m.workspace, ws);
  m = MatchRoute("DELETE", "/_localnotion/workspaces/" + ws + "/integrations/My%20bot/");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/_localnotion/integrations/{}");
  EXPECT_EQ(m.params, std::vector<std::string>{"My bot"});
  // Hosted files of a workspace carry its prefix.
  m = MatchRoute("GET", "/_localnotion/workspaces/" + ws + "/files/u1/a.txt");
  EXPECT_EQ(m.group, Auth::kUrlSignature);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.workspace, ws);
  // The workspace itself, and the routes of the whole server, have no prefix.
  m = MatchRoute("DELETE", "/_localnotion/workspaces/" + ws + "/");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/_localnotion/workspaces/{}");
  EXPECT_TRUE(m.route->names_workspace);
  EXPECT_EQ(m.workspace, "");
  EXPECT_EQ(MatchRoute("GET", "/_localnotion/workspaces/" + ws + "/workspaces").route, nullptr);
  EXPECT_EQ(MatchRoute("POST", "/_localnotion/workspaces/" + ws + "/clock").route, nullptr);
  EXPECT_NE(MatchRoute("GET", "/_localnotion/workspaces/" + ws + "/clock").route, nullptr);
  EXPECT_EQ(MatchRoute("POST", "/_localnotion/reset").workspace, "");
}

}  // namespace
}  // namespace localnotion::http
