// RequestFromBeast: the pipeline's Request from a parsed Beast request (beast_request.h).
#include "http/beast_request.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace localnotion::http {
namespace {

namespace bhttp = boost::beast::http;

// Header names come lower-cased whatever their case on the wire, known to Beast or not;
// the secrets stay out of the list; each named field is its first one.
TEST(RequestFromBeastTest, HeaderNamesInLowerCaseWithoutSecrets) {
  bhttp::request<bhttp::string_body> msg{bhttp::verb::patch, "/v1/pages/p?x=1", 11};
  msg.insert("HOST", "127.0.0.1:8787");
  msg.insert("Content-TYPE", "application/json");
  msg.insert("Notion-Version", "2026-03-11");
  msg.insert("X-Trace", "a");
  msg.insert("authorization", "Bearer secret_x");
  msg.insert("Cookie", "c=1");
  msg.insert("Proxy-Authorization", "Basic eA==");
  msg.insert("x-trace", "b");
  msg.insert("notion-version", "2022-06-28");
  msg.insert("Accept", "text/html");
  msg.body() = "{}";
  const Request req = RequestFromBeast(msg);
  EXPECT_EQ(req.method, "PATCH");
  EXPECT_EQ(req.target, "/v1/pages/p?x=1");
  EXPECT_EQ(req.host, "127.0.0.1:8787");
  EXPECT_EQ(req.content_type, "application/json");
  EXPECT_EQ(req.accept, "text/html");
  EXPECT_EQ(req.authorization, std::optional<std::string>("Bearer secret_x"));
  EXPECT_EQ(req.notion_version, std::optional<std::string>("2026-03-11"));
  EXPECT_EQ(req.body, "{}");
  // In Beast's order, which keeps the fields of one name together.
  const HeaderFields expected = {{"host", "127.0.0.1:8787"},
                                 {"content-type", "application/json"},
                                 {"notion-version", "2026-03-11"},
                                 {"notion-version", "2022-06-28"},
                                 {"x-trace", "a"},
                                 {"x-trace", "b"},
                                 {"accept", "text/html"}};
  EXPECT_EQ(req.headers, expected);
}

}  // namespace
}  // namespace localnotion::http
