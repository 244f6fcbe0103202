// The shared controls of the PostgreSQL store (pg_controls.h) seen from two stores
// opened on one schema, as two instances have them: one bucket for both, faults and
// their uses shared, one request log, and the cache generation moved by what other
// processes must re-read.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_test_server.h"
#include "storage/store.h"

namespace localnotion::storage {
namespace {

class PgControlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    // A schema name has at most 63 bytes: the test's name is hashed into it.
    const std::string schema =
        "controls_" +
        std::to_string(std::hash<std::string>()(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    auto a = OpenStore(server->UrlWithSchema(schema));
    auto b = OpenStore(server->UrlWithSchema(schema));
    ASSERT_TRUE(a.ok() && b.ok());
    a_ = std::move(a).value();
    b_ = std::move(b).value();
    ASSERT_NE(a_->shared_controls(), nullptr);
    ASSERT_NE(b_->shared_controls(), nullptr);
  }
  SharedControls& A() { return *a_->shared_controls(); }
  SharedControls& B() { return *b_->shared_controls(); }
  int64_t Generation(Store& store) {
    auto txn = store.Begin(TxnMode::kRead);
    EXPECT_TRUE(txn.ok());
    return txn.ok() ? (*txn)->SharedCacheGeneration().value_or(-1) : -1;
  }

  std::unique_ptr<Store> a_, b_;
};

TEST(SqliteControlsTest, ASqliteStoreHasNone) {
  auto store = OpenStore("memory:");
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->shared_controls(), nullptr);
}

TEST_F(PgControlsTest, OneTokenBucketForBothInstances) {
  // 1 a second with bursts of 3: three requests through either store, then both refuse.
  for (int i = 0; i < 3; ++i) {
    auto wait = (i % 2 ? B() : A()).TakeFromBucket("i1", 1, 3);
    ASSERT_TRUE(wait.ok()) << wait.error().message;
    EXPECT_FALSE(wait->has_value()) << i;
  }
  for (SharedControls* c : {&A(), &B()}) {
    auto wait = c->TakeFromBucket("i1", 1, 3);
    ASSERT_TRUE(wait.ok());
    ASSERT_TRUE(wait->has_value());
    EXPECT_GT(**wait, 0);
    EXPECT_LE(**wait, 1);
  }
  // Another key has a bucket of its own; setting the limit empties every bucket.
  auto other = A().TakeFromBucket("i2", 1, 3);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  ASSERT_TRUE(B().SetRateLimit("1/s").ok());
  auto fresh = A().TakeFromBucket("i1", 1, 3);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh->has_value());
}

TEST_F(PgControlsTest, OneFixedWindowForBothInstances) {
  for (int i = 0; i < 2; ++i) {
    auto wait = (i % 2 ? B() : A()).TakeFromWindow("i1", 2, 60000);
    ASSERT_TRUE(wait.ok()) << wait.error().message;
    EXPECT_FALSE(wait->has_value());
  }
  auto refused = B().TakeFromWindow("i1", 2, 60000);
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(refused->has_value());
  EXPECT_GT(**refused, 59);
  EXPECT_LE(**refused, 60);
}

TEST_F(PgControlsTest, TheRateLimitSetThroughOneIsReadThroughTheOtherAndMovesTheGeneration) {
  auto none = B().RateLimit();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  const int64_t before = Generation(*b_);
  ASSERT_TRUE(A().SetRateLimit("notion").ok());
  auto set = B().RateLimit();
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->value_or(""), "notion");
  EXPECT_GT(Generation(*b_), before);
}

TEST_F(PgControlsTest, FaultsAreSharedAndACountedFaultIsUsedUpOnceAcrossInstances) {
  const int64_t before = Generation(*b_);
  ASSERT_TRUE(A().AddFault({"f1", "{\"spec\":1}", 2}).ok());
  ASSERT_TRUE(A().AddFault({"f2", "{\"spec\":2}", std::nullopt}).ok());
  auto list = B().ListFaults();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->faults.size(), 2u);
  EXPECT_EQ(list->faults[0].id, "f1");
  EXPECT_EQ(list->faults[0].spec, "{\"spec\":1}");
  EXPECT_EQ(list->faults[0].remaining, 2);
  EXPECT_EQ(list->faults[1].remaining, std::nullopt);
  EXPECT_EQ(list->generation, Generation(*b_));
  EXPECT_GT(list->generation, before);

  auto first = A().UseFault("f1");
  auto second = B().UseFault("f1");
  auto third = A().UseFault("f1");
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(*third, std::nullopt);
  list = A().ListFaults();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->faults.size(), 1u);
  EXPECT_EQ(list->faults[0].id, "f2");

  auto removed = B().RemoveFault("f2");
  auto again = B().RemoveFault("f2");
  ASSERT_TRUE(removed.ok() && again.ok());
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(*again);
  ASSERT_TRUE(A().AddFault({"f3", "{}", std::nullopt}).ok());
  ASSERT_TRUE(B().ClearFaults().ok());
  list = A().ListFaults();
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->faults.empty());
}

TEST_F(PgControlsTest, OneRequestLogKeptToItsCapacityFilteredAndCleared) {
  using R = SharedControls::LoggedRequest;
  ASSERT_TRUE(
      A().AppendRequests(
             {R{"/v1/pages", 200, "i1", "One", R"({"n":1,"a":"x"})"}, R{"/v1/users/me", 401, "", "", R"({"n":2})"}}, 3)
          .ok());
  ASSERT_TRUE(B().AppendRequests({R{"/v1/pages/p1", 200, "i2", "Two bot", R"({"n":3})"},
                                  R{"/v1/search", 400, "i1", "One", R"({"n":4})"}},
                                 3)
                  .ok());
  auto all = A().FindRequests({}, 0, 1000);
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->entries.size(), 3u);  // the oldest went
  EXPECT_EQ(all->entries[0].second, R"({"n":2})");
  EXPECT_EQ(all->entries[2].second, R"({"n":4})");
  EXPECT_EQ(all->clears, 0);

  auto pages = B().FindRequests({std::string("/v1/pages*"), std::nullopt, std::nullopt}, 0, 1000);
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->entries.size(), 1u);
  EXPECT_EQ(pages->entries[0].second, R"({"n":3})");
  auto by_name = B().FindRequests({std::nullopt, 400, std::string("One")}, 0, 1000);
  ASSERT_TRUE(by_name.ok());
  ASSERT_EQ(by_name->entries.size(), 1u);
  EXPECT_EQ(by_name->entries[0].second, R"({"n":4})");
  auto after = B().FindRequests({}, all->entries[1].first, 1);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->entries.size(), 1u);
  EXPECT_EQ(after->entries[0].first, all->entries[2].first);

  ASSERT_TRUE(B().ClearRequests().ok());
  auto cleared = A().FindRequests({}, 0, 1000);
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->entries.empty());
  EXPECT_EQ(cleared->clears, 1);
}
// Each append keeps the entries of the last `keep` sequence numbers, whichever instance
// appended them and whichever deleted the older ones before (each deletes only above what
// it deleted itself, pg_controls.cc), and so after a clear too.
TEST_F(PgControlsTest, EveryAppendKeepsTheLastEntriesWhicheverInstanceDeletedBefore) {
  using R = SharedControls::LoggedRequest;
  auto listed = [&](SharedControls& controls) {
    std::vector<std::string> out;
    auto page = controls.FindRequests({}, 0, 1000);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      for (const auto& [seq, entry] : page->entries) out.push_back(entry);
    }
    return out;
  };
  auto entry = [](int n) { return "{\"n\":" + std::to_string(n) + "}"; };
  std::vector<std::string> expected;
  int n = 0;
  auto append = [&](SharedControls& controls, int count) {
    std::vector<R> batch;
    for (int i = 0; i < count; ++i) {
      batch.push_back(R{"/v1/pages", 200, "i1", "One", entry(++n)});
      expected.push_back(entry(n));
    }
    ASSERT_TRUE(controls.AppendRequests(batch, 3).ok());
    while (expected.size() > 3) expected.erase(expected.begin());
  };
  for (char who : std::string("AAABBABAA")) {
    append(who == 'A' ? A() : B(), 1);
    EXPECT_EQ(listed(B()), expected) << "after entry " << n;
  }
  append(B(), 2);
  EXPECT_EQ(listed(A()), expected);
  append(A(), 2);
  EXPECT_EQ(listed(A()), expected);

  ASSERT_TRUE(A().ClearRequests().ok());
  expected.clear();
  EXPECT_EQ(listed(B()), expected);
  append(B(), 2);
  EXPECT_EQ(listed(A()), expected);
  append(A(), 1);
  append(A(), 1);
  EXPECT_EQ(listed(B()), expected);
  ASSERT_EQ(expected.size(), 3u);
}

TEST_F(PgControlsTest, AQuerySnapshotKeptThroughOneIsFoundThroughTheOtherUntilItExpiresOrIsCleared) {
  const SharedControls::StoredSnapshot snapshot{"ds-1", "{\"sorts\":null}", {"p1", "p2", "p3", "p4"}, true};
  ASSERT_TRUE(A().RememberCursor("key-p3", "snap-1", &snapshot, 2, 60000).ok());
  auto place = B().FindCursor("key-p3");
  ASSERT_TRUE(place.ok());
  ASSERT_TRUE(place->has_value());
  EXPECT_EQ((*place)->snapshot_id, "snap-1");
  EXPECT_EQ((*place)->offset, 2);
  auto found = B().FindSnapshot("snap-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->source_id, "ds-1");
  EXPECT_EQ((*found)->fingerprint, "{\"sorts\":null}");
  EXPECT_EQ((*found)->ids, (std::vector<std::string>{"p1", "p2", "p3", "p4"}));
  EXPECT_TRUE((*found)->incomplete);

  // A later cursor of the same snapshot does not write it again.
  ASSERT_TRUE(B().RememberCursor("key-p4", "snap-1", nullptr, 3, 60000).ok());
  EXPECT_EQ(A().FindCursor("key-p4")->value().offset, 3);
  EXPECT_FALSE(A().FindCursor("key-unknown")->has_value());
  EXPECT_FALSE(A().FindSnapshot("snap-unknown")->has_value());

  // An empty result keeps no id; a cursor past its time is gone.
  const SharedControls::StoredSnapshot empty{"ds-2", "", {}, false};
  ASSERT_TRUE(A().RememberCursor("key-short", "snap-2", &empty, 0, 1).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(B().FindCursor("key-short")->has_value());
  EXPECT_FALSE(B().FindSnapshot("snap-2")->has_value());

  ASSERT_TRUE(B().ClearSnapshots().ok());
  EXPECT_FALSE(A().FindCursor("key-p3")->has_value());
  EXPECT_FALSE(A().FindSnapshot("snap-1")->has_value());
}

}  // namespace
}  // namespace localnotion::storage
