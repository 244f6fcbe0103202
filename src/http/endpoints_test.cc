// The endpoint table: every route states the capability it needs, and the needs follow
// Notion's endpoint references (capabilities reference, reference §7).
#include "http/endpoints.h"

#include <gtest/gtest.h>

namespace localnotion::http {
namespace {

using service::Need;

TEST(Endpoints, EveryEndpointStatesItsCapability) {
  for (const Endpoint& e : AllEndpoints()) {
    EXPECT_NE(e.need, Need::kUnspecified) << e.method << " " << e.path << " needs a capability in the table";
  }
}

TEST(Endpoints, NeedsFollowNotion) {
  std::vector<std::string> params;
  auto need = [&](std::string_view method, std::string_view path) {
    const Endpoint* e = MatchEndpoint(method, path, params);
    EXPECT_NE(e, nullptr) << method << " " << path;
    return e ? e->need : Need::kUnspecified;
  };
  const std::string id = "/59833787-2cf9-4fdf-8782-e53db20768a5";
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
}

}  // namespace
}  // namespace localnotion::http
