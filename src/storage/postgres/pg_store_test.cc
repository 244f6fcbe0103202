// What the PostgreSQL store promises beyond the conformance suite
// (store_conformance_test.cc): its URL, Notion's 503 when the server cannot be reached,
// and two processes over one store (here two stores opened on one schema, each with its
// own pool and cache, as two instances have): what one writes, the other reads at once,
// cached kinds included, and their writes of cached kinds serialize (the store lock held
// exclusively; a writer that lost the race is retried by InTxn). Writers of pages:
// pg_concurrency_test.cc.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_store.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/store.h"
#include "testing/page_heads.h"

namespace localnotion::storage {
namespace {

TEST(PgUrlTest, SchemaIsTakenOutAndAConnectTimeoutAdded) {
  auto url = ParsePgUrl("postgresql://u@127.0.0.1:5432/db?schema=ws_1&sslmode=disable");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->schema, "ws_1");
  EXPECT_EQ(url->conninfo, "postgresql://u@127.0.0.1:5432/db?sslmode=disable&connect_timeout=5");
  auto plain = ParsePgUrl("postgres://u@h/db");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->schema, "public");
  EXPECT_EQ(plain->conninfo, "postgres://u@h/db?connect_timeout=5");
  auto timeout = ParsePgUrl("postgresql://h/db?connect_timeout=1");
  ASSERT_TRUE(timeout.ok());
  EXPECT_EQ(timeout->conninfo, "postgresql://h/db?connect_timeout=1");
}

TEST(PgUrlTest, ASchemaThatIsNotAPlainIdentifierIsRefused) {
  for (const char* bad : {"postgresql://h/db?schema=", "postgresql://h/db?schema=a-b", "postgresql://h/db?schema=1a",
                          "postgresql://h/db?schema=pg_x", "postgresql://h/db?schema=a%22b"}) {
    auto url = ParsePgUrl(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidRequest) << bad;
  }
  EXPECT_FALSE(IsPgUrl("sqlite:x.db"));
  EXPECT_TRUE(IsPgUrl("postgres://h/db"));
}

TEST(PgStoreTest, AServerThatCannotBeReachedIsNotionsServiceUnavailable) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  auto store = OpenStore("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kServiceUnavailable);
  EXPECT_EQ(store.error().message, "Notion is unavailable, please try again later.");
}

class TwoInstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    server_ = server;
    const std::string url =
        server->UrlWithSchema("two_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS two_" +
                             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                             " CASCADE"));
    url_ = url;
    auto a = OpenStore(url);
    auto b = OpenStore(url);
    ASSERT_TRUE(a.ok() && b.ok());
    a_ = std::move(a).value();
    b_ = std::move(b).value();
  }

  static DataSourceRecord Source(int64_t next) {
    DataSourceRecord d;
    d.id = "ds-1";
    d.database_id = "db-1";
    d.title = json::array{};
    d.description = json::array{};
    d.icon = nullptr;
    d.schema = json::array{};
    d.next_unique_id = next;
    return d;
  }
  static int64_t Next(Store& store, TxnMode mode) {
    auto txn = store.Begin(mode);
    EXPECT_TRUE(txn.ok());
    if (!txn.ok()) return -1;
    auto source = (*txn)->GetDataSource("ds-1");
    EXPECT_TRUE(source.ok() && *source);
    return source.ok() && *source ? (*source)->next_unique_id : -1;
  }

  std::unique_ptr<Store> a_, b_;
  const TestPostgres* server_ = nullptr;
  std::string url_;
};

TEST_F(TwoInstancesTest, WhatOneWritesTheOtherReadsAtOnceCachedKindsIncluded) {
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.PutDataSource(Source(1)); }).ok());
  IntegrationRecord integration{"i1", "One", "hash-1", "bot-1", "read", 1};
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutIntegration(integration); }).ok());
  // b reads both, twice, so that its cache holds them.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Next(*b_, TxnMode::kRead), 1);
    auto txn = b_->Begin(TxnMode::kRead);
    ASSERT_TRUE(txn.ok());
    auto found = (*txn)->FindIntegrationBySecretHash("hash-1");
    ASSERT_TRUE(found.ok() && *found);
    EXPECT_EQ((*found)->capabilities, "read");
  }
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.PutDataSource(Source(2)); }).ok());
  integration.capabilities = "read,update";
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutIntegration(integration); }).ok());
  EXPECT_EQ(Next(*b_, TxnMode::kRead), 2);
  EXPECT_EQ(Next(*b_, TxnMode::kWrite), 2);
  auto txn = b_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto found = (*txn)->FindIntegrationBySecretHash("hash-1");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->capabilities, "read,update");
  txn->reset();
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.DeleteIntegration("i1"); }).ok());
  auto after = b_->Begin(TxnMode::kRead);
  ASSERT_TRUE(after.ok());
  auto gone = (*after)->FindIntegrationBySecretHash("hash-1");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(*gone);
}

// A read's COMMIT goes without waiting for its answer (PgTxn::End), and the connection's
// next transaction reads that answer first (PgStore::Take): each committed read of one
// instance then sees what the other committed before it began, on the same pooled
// connection (the pool hands out the one given back last).
TEST_F(TwoInstancesTest, EachReadAfterACommittedReadSeesWhatTheOtherInstanceWrote) {
  for (int64_t n = 1; n <= 4; ++n) {
    PageRecord page;
    page.id = "00000000-0000-4000-8000-000000000001";
    page.parent_type = "workspace";
    page.parent_id = "workspace";
    page.properties = json::object{{"n", n}};
    page.last_edited_time = n;
    ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutPage(page); }).ok());
    auto txn = b_->Begin(TxnMode::kRead);
    ASSERT_TRUE(txn.ok()) << txn.error().message;
    auto read = (*txn)->GetPage(page.id);
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->last_edited_time, n);
    ASSERT_TRUE((*txn)->Commit().ok());
  }
}

// A read begun for a page (Store::BeginReadingPage, GET /v1/pages/{id}) reads it in the
// round trip that begins the transaction: the transaction holds the pages table's share
// lock before it asks for anything, so that a LOCK TABLE of another session times out;
// a read begun without a page does not. Its GetPage answers the page as committed before
// it began, a page that does not exist as none, and another page as any read does.
TEST_F(TwoInstancesTest, AReadBegunForAPageReadsItWithItsBegin) {
  const std::string schema = "two_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
  // Quoted: the schema's name has capitals, as the store makes it (search_path quotes it).
  const std::string lock = "SET lock_timeout = '200ms'; LOCK TABLE \"" + schema + "\".pages IN ACCESS EXCLUSIVE MODE";
  PageRecord page;
  page.id = "00000000-0000-4000-8000-000000000001";
  page.parent_type = "workspace";
  page.parent_id = "workspace";
  PageRecord other = page;
  other.id = "00000000-0000-4000-8000-000000000002";
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutPage(other); }).ok());
  for (int64_t n = 1; n <= 2; ++n) {
    page.properties = json::object{{"n", n}};
    page.last_edited_time = n;
    ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) { return t.PutPage(page); }).ok());
    // The id as a path may give it (undashed) reads the page as stored.
    auto txn = b_->BeginReadingPage(TxnMode::kRead, n == 1 ? page.id : "00000000000040008000000000000001");
    ASSERT_TRUE(txn.ok()) << txn.error().message;
    EXPECT_FALSE(server_->Psql(lock)) << "the read did not read the page with its BEGIN";
    auto read = (*txn)->GetPage(page.id);
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->last_edited_time, n);
    EXPECT_EQ(SerializeJson((*read)->properties), "{\"n\":" + std::to_string(n) + "}");
    auto again = (*txn)->GetPage(other.id);
    ASSERT_TRUE(again.ok() && again->has_value());
    EXPECT_EQ((*again)->id, other.id);
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  auto missing = b_->BeginReadingPage(TxnMode::kRead, "00000000-0000-4000-8000-00000000000f");
  ASSERT_TRUE(missing.ok());
  auto none = (*missing)->GetPage("00000000-0000-4000-8000-00000000000f");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE((*missing)->Commit().ok());
  // The page is in hand: its GetPage asks nothing more, even of a connection that is gone
  // (the one session that holds the share lock of this schema's pages, ended and waited
  // for).
  auto cut = b_->BeginReadingPage(TxnMode::kRead, page.id);
  ASSERT_TRUE(cut.ok());
  ASSERT_TRUE(server_->Psql("SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE relation = '\"" + schema +
                            "\".pages'::regclass AND mode = 'AccessShareLock' AND granted"));
  auto kept = (*cut)->GetPage(page.id);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->last_edited_time, 2);
  cut->reset();
  auto plain = b_->Begin(TxnMode::kRead);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(server_->Psql(lock));
  ASSERT_TRUE((*plain)->Commit().ok());
}

// A schema written before migration 10 gets every page's edit second, which search's
// order reads from the cursor's second on (PgRecords::ListPageHeadsByEdit).
TEST_F(TwoInstancesTest, MigrationTenGivesEveryPageItsEditSecond) {
  const std::string schema =
      "\"two_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "\"";
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [&](Txn& t) -> Status {
                for (auto [id, edited] : {std::pair{"p1", 5100}, std::pair{"p2", 7900}, std::pair{"p3", 6500}}) {
                  PageRecord p;
                  p.id = id;
                  p.parent_type = "workspace";
                  p.parent_id = "workspace";
                  p.last_edited_time = edited;
                  LN_RETURN_IF_ERROR(t.PutPage(p));
                }
                return OkStatus();
              }).ok());
  a_.reset();
  b_.reset();
  ASSERT_TRUE(server_->Psql("DROP INDEX " + schema + ".pages_by_edit_second; ALTER TABLE " + schema +
                            ".pages DROP COLUMN edit_second; DELETE FROM " + schema +
                            ".schema_migrations WHERE version = 10"));
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto txn = (*store)->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto ids = [&](const std::optional<EditOrderStart>& start) { return testing::NewestHeadIds(**txn, start); };
  EXPECT_EQ(ids(std::nullopt), "p2 p3 p1 ");
  EXPECT_EQ(ids(EditOrderStart{"p3", 0}), "p3 p1 ");
  EXPECT_EQ(ids(EditOrderStart{"", 7000}), "p3 p1 ");
}

// A share given or taken back on one instance is what the other's next transaction
// lists, whatever either read before (shares are never cached: caching_store.h).
TEST_F(TwoInstancesTest, SharesGivenOrTakenOnOneInstanceAreListedByTheOtherAtOnce) {
  using V = std::vector<std::string>;
  auto shares_on_b = [&](TxnMode mode) {
    auto txn = b_->Begin(mode);
    EXPECT_TRUE(txn.ok());
    if (!txn.ok()) return V{"(no transaction)"};
    auto shares = (*txn)->ListShares("i1");
    EXPECT_TRUE(shares.ok());
    return shares.ok() ? *shares : V{"(error)"};
  };
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.PutShare("i1", "page-1"); }).ok());
  EXPECT_EQ(shares_on_b(TxnMode::kRead), V{"page-1"});
  EXPECT_EQ(shares_on_b(TxnMode::kRead), V{"page-1"});
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.PutShare("i1", "page-2"); }).ok());
  EXPECT_EQ(shares_on_b(TxnMode::kRead), (V{"page-1", "page-2"}));
  EXPECT_EQ(shares_on_b(TxnMode::kWrite), (V{"page-1", "page-2"}));
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.DeleteShare("i1", "page-1"); }).ok());
  EXPECT_EQ(shares_on_b(TxnMode::kRead), V{"page-2"});
  EXPECT_EQ(shares_on_b(TxnMode::kWrite), V{"page-2"});
}

TEST_F(TwoInstancesTest, WritersOfBothInstancesSerializeAndLoseNoUpdate) {
  ASSERT_TRUE(InTxn(*a_, TxnMode::kWrite, [](Txn& t) { return t.PutDataSource(Source(0)); }).ok());
  constexpr int kThreads = 4, kEach = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? *a_ : *b_;
      for (int i = 0; i < kEach; ++i) {
        Status done = InTxn(store, TxnMode::kWrite, [](Txn& txn) -> Status {
          LN_ASSIGN_OR_RETURN(auto source, txn.GetDataSource("ds-1"));
          if (!source) return InternalError("no data source");
          return txn.PutDataSource(Source(source->next_unique_id + 1));
        });
        if (!done.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Next(*a_, TxnMode::kRead), kThreads * kEach);
  EXPECT_EQ(Next(*b_, TxnMode::kRead), kThreads * kEach);
}

}  // namespace
}  // namespace localnotion::storage
