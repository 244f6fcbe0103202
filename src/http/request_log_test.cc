// The request log followed live (RequestLog::Events, GET /_localnotion/requests/stream):
// the backlog first, then only what is new, in the log's filter, an event when the log is
// cleared, and at most 100 entries per poll.
#include "http/request_log.h"

#include <gtest/gtest.h>

namespace localnotion::http {
namespace {

LogEntry Entry(std::string path, int status, std::string integration = "bot") {
  LogEntry e;
  e.request_id = "req-" + path;
  e.method = "GET";
  e.path = std::move(path);
  e.status = status;
  e.integration_id = "id-" + integration;
  e.integration_name = integration;
  return e;
}

size_t Count(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// What the log keeps of a body: the first kMaxBody bytes and "..." past them, the body
// whole up to them; cutting a cut body again changes nothing (the pipeline cuts an answer
// before Add cuts what it is given).
TEST(RequestLogBodies, AreCutAfterTheirFirstKMaxBodyBytes) {
  const std::string whole(RequestLog::kMaxBody, 'a');
  EXPECT_EQ(RequestLog::CutBody(whole), whole);
  EXPECT_EQ(RequestLog::CutBody(""), "");
  const std::string longer = whole + "bc";
  const std::string cut = RequestLog::CutBody(longer);
  EXPECT_EQ(cut, whole + "...");
  EXPECT_EQ(RequestLog::CutBody(cut), cut);
  RequestLog log;
  LogEntry e = Entry("/v1/search", 200);
  e.request_body = longer;
  e.response_body = cut;
  log.Add(std::move(e));
  const std::string shown = log.Events({})->Poll();
  EXPECT_EQ(Count(shown, "\"request_body\":\"" + whole + "...\""), 1u);
  EXPECT_EQ(Count(shown, "\"response_body\":\"" + whole + "...\""), 1u);
}

TEST(RequestLogEvents, SendsTheBacklogThenOnlyNewEntries) {
  RequestLog log;
  log.Add(Entry("/v1/users", 200));
  auto events = log.Events({});
  std::string first = events->Poll();
  EXPECT_EQ(first.rfind("id: 1\nevent: request\ndata: {\"request_id\":\"req-/v1/users\",", 0), 0u) << first;
  EXPECT_EQ(first.substr(first.size() - 2), "\n\n");
  EXPECT_EQ(events->Poll(), "");
  log.Add(Entry("/v1/search", 400));
  std::string second = events->Poll();
  EXPECT_EQ(second.rfind("id: 2\nevent: request\ndata: ", 0), 0u) << second;
  EXPECT_NE(second.find("\"path\":\"/v1/search\""), std::string::npos);
  EXPECT_NE(second.find("\"status\":400"), std::string::npos);
  EXPECT_EQ(Count(second, "event: request"), 1u);
}

TEST(RequestLogEvents, KeepsToItsFilter) {
  RequestLog log;
  auto events = log.Events({.path = "/v1/pages/*", .status = 400, .integration = std::nullopt});
  log.Add(Entry("/v1/pages/a", 200));
  log.Add(Entry("/v1/pages/b", 400));
  log.Add(Entry("/v1/users", 400));
  std::string text = events->Poll();
  EXPECT_EQ(Count(text, "event: request"), 1u) << text;
  EXPECT_EQ(text.rfind("id: 2\n", 0), 0u) << text;
  auto by_name = log.Events({.path = std::nullopt, .status = std::nullopt, .integration = "other"});
  log.Add(Entry("/v1/users", 200, "other"));
  EXPECT_EQ(Count(by_name->Poll(), "event: request"), 1u);
}

TEST(RequestLogEvents, SaysWhenTheLogIsCleared) {
  RequestLog log;
  log.Add(Entry("/v1/users", 200));
  auto events = log.Events({});
  events->Poll();
  ASSERT_TRUE(log.Clear().ok());
  log.Add(Entry("/v1/search", 200));
  std::string text = events->Poll();
  EXPECT_EQ(text.rfind("event: cleared\ndata: {}\n\nid: 2\nevent: request\n", 0), 0u) << text;
}

TEST(RequestLogEvents, ALongBacklogGoesOutAHundredAtATime) {
  RequestLog log;
  for (int i = 0; i < 250; ++i) log.Add(Entry("/v1/users", 200));
  auto events = log.Events({});
  EXPECT_EQ(Count(events->Poll(), "event: request"), 100u);
  EXPECT_EQ(Count(events->Poll(), "event: request"), 100u);
  std::string last = events->Poll();
  EXPECT_EQ(Count(last, "event: request"), 50u);
  EXPECT_NE(last.find("id: 250\n"), std::string::npos);
  EXPECT_EQ(events->Poll(), "");
}

}  // namespace
}  // namespace localnotion::http
