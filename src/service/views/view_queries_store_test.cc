#include "service/views/view_queries_store.h"

#include <gtest/gtest.h>

namespace localnotion::service {
namespace {

std::shared_ptr<const ViewQueryResult> Query(std::string id, Millis expires_at) {
  auto q = std::make_shared<ViewQueryResult>();
  q->id = std::move(id);
  q->view_id = "v";
  q->ids = {"p1", "p2"};
  q->expires_at = expires_at;
  return q;
}

TEST(ViewQueriesTest, FindsAQueryUntilItExpiresOrIsRemoved) {
  ViewQueries queries;
  queries.Put(Query("q1", 1000));
  queries.Put(Query("q2", 5000));
  ASSERT_NE(queries.Find("q1", 999), nullptr);
  EXPECT_EQ(queries.Find("q1", 999)->ids.size(), 2u);
  EXPECT_EQ(queries.Find("q1", 1000), nullptr);  // expired
  EXPECT_EQ(queries.Find("nope", 0), nullptr);
  queries.Remove("q2");
  queries.Remove("q2");  // twice is fine
  EXPECT_EQ(queries.Find("q2", 0), nullptr);
}

TEST(ViewQueriesTest, DropsTheOldestBeyondTheBound) {
  ViewQueries queries;
  for (size_t i = 0; i <= ViewQueries::kMaxQueries; ++i) queries.Put(Query("q" + std::to_string(i), 1000));
  EXPECT_EQ(queries.Find("q0", 0), nullptr);
  EXPECT_NE(queries.Find("q1", 0), nullptr);
  EXPECT_NE(queries.Find("q" + std::to_string(ViewQueries::kMaxQueries), 0), nullptr);
}

}  // namespace
}  // namespace localnotion::service
