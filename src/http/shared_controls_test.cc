// The HTTP layer's controls over a shared store (PostgreSQL), as two instances hold
// them: two stores opened on one schema, each with its own Faults, RateLimiter and
// RequestLog. A fault added through one fires through the other once a transaction
// brings the new cache generation, and is used up once across both; one limit and one
// budget for both; one request log.
#include <gtest/gtest.h>

#include <functional>

#include "http/faults.h"
#include "http/rate_limit.h"
#include "http/request_log.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/store.h"

namespace localnotion::http {
namespace {

class SharedControlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    const std::string schema =
        "http_controls_" +
        std::to_string(std::hash<std::string>()(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    auto a = storage::OpenStore(server->UrlWithSchema(schema));
    auto b = storage::OpenStore(server->UrlWithSchema(schema));
    ASSERT_TRUE(a.ok() && b.ok());
    a_ = std::move(a).value();
    b_ = std::move(b).value();
  }
  // The cache generation a request's transaction on `store` sees now.
  static std::optional<int64_t> Generation(storage::Store& store) {
    auto txn = store.Begin(storage::TxnMode::kRead);
    EXPECT_TRUE(txn.ok());
    return txn.ok() ? (*txn)->SharedCacheGeneration() : std::nullopt;
  }

  std::unique_ptr<storage::Store> a_, b_;
};

TEST_F(SharedControlsTest, AFaultAddedThroughOneFiresThroughTheOtherAndIsUsedUpOnce) {
  Faults on_a, on_b;
  on_a.Share(a_->shared_controls());
  on_b.Share(b_->shared_controls());
  EXPECT_FALSE(on_b.Match("GET", "/v1/users/me", false, Generation(*b_)).has_value());
  auto fault = on_a.Parse(json::value(json::object{{"path", "/v1/users/*"}, {"status", 503}, {"count", 2}}));
  ASSERT_TRUE(fault.ok()) << fault.error().message;
  ASSERT_TRUE(on_a.Add(*fault).ok());
  // b's cache was read at an older generation: the next request's newer one rereads it.
  auto first = on_b.Match("GET", "/v1/users/me", false, Generation(*b_));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(first->error.has_value());
  EXPECT_EQ(first->error->code, ErrorCode::kServiceUnavailable);
  auto listed = on_b.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).at("count"), json::value(1));
  EXPECT_TRUE(on_a.Match("GET", "/v1/users/u1", false, Generation(*a_)).has_value());
  // Both uses are gone: b's cached copy finds out at its next use.
  EXPECT_FALSE(on_b.Match("GET", "/v1/users/me", false, Generation(*b_)).has_value());
  EXPECT_FALSE(on_a.Match("GET", "/v1/users/me", false, Generation(*a_)).has_value());
}

TEST_F(SharedControlsTest, OneLimitAndOneBudgetForBoth) {
  RateLimiter on_a(RateLimit{}), on_b(RateLimit{});
  ASSERT_TRUE(on_a.Share(a_->shared_controls()).ok());
  ASSERT_TRUE(on_b.Share(b_->shared_controls()).ok());
  EXPECT_EQ(on_b.Take("i1", b_.get(), Generation(*b_)), std::nullopt);
  ASSERT_TRUE(on_a.Set(*ParseRateLimit("3/min")).ok());
  auto current = on_b.Current();
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(SpellingOf(*current), "3/min");
  EXPECT_EQ(on_b.Take("i1", b_.get(), Generation(*b_)), std::nullopt);
  EXPECT_EQ(on_a.Take("i1", a_.get(), Generation(*a_)), std::nullopt);
  EXPECT_EQ(on_b.Take("i1", b_.get(), Generation(*b_)), std::nullopt);
  auto wait = on_a.Take("i1", a_.get(), Generation(*a_));
  ASSERT_TRUE(wait.has_value());
  EXPECT_GE(*wait, 59);
  EXPECT_LE(*wait, 60);
  EXPECT_EQ(on_b.Take("i2", b_.get(), Generation(*b_)), std::nullopt);  // a budget per key
}

TEST_F(SharedControlsTest, OneRequestLog) {
  RequestLog on_a, on_b;
  on_a.Share(a_->shared_controls());
  on_b.Share(b_->shared_controls());
  LogEntry e;
  e.request_id = "r1";
  e.method = "GET";
  e.path = "/v1/users/me";
  e.status = 200;
  e.integration_id = "i1";
  e.integration_name = "One";
  on_a.Add(e);
  // a lists its own request at once (its queue is written first).
  auto own = on_a.Find(std::nullopt, std::nullopt, std::nullopt);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->at(0).at("request_id"), json::value("r1"));
  auto other = on_b.Find(std::string("/v1/users/*"), 200, std::string("One"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, *own);
  auto events = on_b.Events({});
  std::string sent = events->Poll();
  EXPECT_NE(sent.find("event: request\ndata: {\"request_id\":\"r1\""), std::string::npos) << sent;
  ASSERT_TRUE(on_b.Clear().ok());
  EXPECT_EQ(events->Poll(), "event: cleared\ndata: {}\n\n");
  auto cleared = on_a.Find(std::nullopt, std::nullopt, std::nullopt);
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->empty());
}

}  // namespace
}  // namespace localnotion::http
