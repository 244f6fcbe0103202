// Concurrent writers over one PostgreSQL store through two instances (two stores opened
// on one schema, each with its own pool and cache): writes of different pages run at
// the same time, writes of one page take turns and lose nothing, the outbox numbers every
// change once in commit order, and a statement that waits too long answers Notion's 504.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_store.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/store.h"

namespace localnotion::storage {
namespace {

class PgConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    schema_ = "conc_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
    url_ = server->UrlWithSchema(schema_);
    auto a = OpenStore(url_);
    auto b = OpenStore(url_);
    ASSERT_TRUE(a.ok() && b.ok());
    a_ = std::move(a).value();
    b_ = std::move(b).value();
  }

  static PageRecord Page(const std::string& id) {
    PageRecord p;
    p.id = id;
    p.parent_type = "workspace";
    p.icon = nullptr;
    p.cover = nullptr;
    return p;
  }
  static ChangeRecord Change(const std::string& page_id, const std::string& property) {
    ChangeRecord c;
    c.object = "page";
    c.object_id = page_id;
    c.kind = "updated";
    c.properties = {property};
    return c;
  }
  // One PATCH of `property` of `page_id`: read the page, set the property, write it back.
  static Status Patch(Store& store, const std::string& page_id, const std::string& property, int64_t value) {
    return InTxn(store, TxnMode::kWrite, [&](Txn& txn) -> Status {
      LN_ASSIGN_OR_RETURN(auto page, txn.GetPage(page_id));
      if (!page) return InternalError("no page " + page_id);
      page->properties[property] = value;
      LN_RETURN_IF_ERROR(txn.PutPage(*page));
      return txn.AppendChange(Change(page_id, property));
    });
  }

  std::string schema_, url_;
  std::unique_ptr<Store> a_, b_;
};

TEST_F(PgConcurrencyTest, WritersOfOnePageAndOfManyPagesLoseNothing) {
  constexpr int kThreads = 6, kEach = 15;
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) -> Status {
                LN_RETURN_IF_ERROR(t.PutPage(Page("shared")));
                for (int i = 0; i < kThreads; ++i) LN_RETURN_IF_ERROR(t.PutPage(Page("own-" + std::to_string(i))));
                return OkStatus();
              }).ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? *a_ : *b_;
      const std::string property = "p" + std::to_string(t);
      for (int i = 1; i <= kEach; ++i) {
        // A property of its own on the shared page, and the thread's own page.
        if (!Patch(store, "shared", property, i).ok()) ++failures;
        if (!Patch(store, "own-" + std::to_string(t), "n", i).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  auto txn = b_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto shared = (*txn)->GetPage("shared");
  ASSERT_TRUE(shared.ok() && *shared);
  for (int t = 0; t < kThreads; ++t) {
    // Every thread's last value of its property survived the others' writes.
    auto it = (*shared)->properties.find("p" + std::to_string(t));
    ASSERT_NE(it, (*shared)->properties.end()) << t;
    EXPECT_EQ(it->value().as_int64(), kEach) << t;
    auto own = (*txn)->GetPage("own-" + std::to_string(t));
    ASSERT_TRUE(own.ok() && *own);
    EXPECT_EQ((*own)->properties.at("n").as_int64(), kEach) << t;
  }
  // Each committed write left exactly one change, numbered 1..N without a gap.
  auto changes = (*txn)->ListChanges(0, 10000);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), static_cast<size_t>(2 * kThreads * kEach));
  for (size_t i = 0; i < changes->size(); ++i) EXPECT_EQ((*changes)[i].sequence, static_cast<int64_t>(i + 1));
  // The shared page's changes of one property come in the order they were written: the
  // thread's property appears kEach times, and the page saw them all.
  int shared_changes = 0;
  for (const ChangeRecord& c : *changes) shared_changes += c.object_id == "shared";
  EXPECT_EQ(shared_changes, kThreads * kEach);
}

TEST_F(PgConcurrencyTest, AWriterOfOnePageDoesNotWaitForAWriterOfAnother) {
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) -> Status {
                LN_RETURN_IF_ERROR(t.PutPage(Page("x")));
                return t.PutPage(Page("y"));
              }).ok());
  // Instance a holds page x (read for update, not committed).
  auto holder = a_->Begin(TxnMode::kWrite);
  ASSERT_TRUE(holder.ok());
  auto x = (*holder)->GetPage("x");
  ASSERT_TRUE(x.ok() && *x);
  // Instance b writes page y and commits meanwhile: no store-wide write lock.
  EXPECT_TRUE(Patch(*b_, "y", "k", 1).ok());
  // A writer of x through b waits for a's transaction, then reads what it committed.
  std::atomic<bool> done{false};
  Status second = OkStatus();
  std::thread waiter([&] {
    second = Patch(*b_, "x", "second", 2);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(done.load());
  (*x)->properties["first"] = 1;
  ASSERT_TRUE((*holder)->PutPage(**x).ok());
  ASSERT_TRUE((*holder)->Commit().ok());
  waiter.join();
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto txn = a_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto after = (*txn)->GetPage("x");
  ASSERT_TRUE(after.ok() && *after);
  EXPECT_EQ((*after)->properties.at("first").as_int64(), 1);
  EXPECT_EQ((*after)->properties.at("second").as_int64(), 2);
}

TEST_F(PgConcurrencyTest, AStatementPastTheStatementTimeoutIsNotionsGatewayTimeout) {
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutPage(Page("x")); }).ok());
  auto impatient = OpenStore(url_ + "&statement_timeout_ms=200");
  ASSERT_TRUE(impatient.ok()) << impatient.error().message;
  auto holder = a_->Begin(TxnMode::kWrite);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->GetPage("x").ok());
  // The other store's writer of x waits for the row lock, and is stopped after 200 ms.
  const auto start = std::chrono::steady_clock::now();
  Status waited = Patch(**impatient, "x", "k", 1);
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kGatewayTimeout);
  EXPECT_EQ(waited.error().message, "Gateway Timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_TRUE((*holder)->Commit().ok());
  // The connection is usable afterwards, and nothing of the stopped write was kept.
  EXPECT_TRUE(Patch(**impatient, "x", "k", 2).ok());
  auto txn = a_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto changes = (*txn)->ListChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->size(), 1u);
}

TEST(PgUrlTimeoutTest, StatementTimeoutIsTakenOutOfTheUrl) {
  auto url = ParsePgUrl("postgresql://u@h/db?statement_timeout_ms=250&sslmode=disable");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->statement_timeout_ms, 250);
  EXPECT_EQ(url->conninfo, "postgresql://u@h/db?sslmode=disable&connect_timeout=5");
  auto plain = ParsePgUrl("postgresql://u@h/db");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->statement_timeout_ms, 30000);
  for (const char* bad : {"postgresql://h/db?statement_timeout_ms=", "postgresql://h/db?statement_timeout_ms=-1",
                          "postgresql://h/db?statement_timeout_ms=5s"}) {
    auto refused = ParsePgUrl(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidRequest) << bad;
  }
}

}  // namespace
}  // namespace localnotion::storage
