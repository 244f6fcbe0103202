// A data source query over a SQLite file whose data source holds more pages than the
// reader's wait threshold (SqliteConnection::SetWaitForWantsRowsForTest): the read
// transaction waits for the writer to make the scan's column and index, and
// service::RunInTxn runs the query again on a snapshot that sees them
// (storage/sqlite/page_scan.cc). The answer is the one a query that reads every page
// gives, and nothing of the runs given up shows in it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "service/admin/admin.h"
#include "service/databases/databases.h"
#include "service/pages/pages.h"
#include "service/service.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/store.h"
#include "testing/json.h"
#include "testing/temp_dir.h"

namespace localnotion::service {
namespace {

using testing::J;

constexpr const char* kToken = "secret_query_index_wait_test";

class QueryIndexWaitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::OpenStore("sqlite:" + dir_.File("ln.db"));  // with the CachingStore, as served
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    auto integration = Write([&](Context& ctx) -> Result<storage::IntegrationRecord> {
      LN_RETURN_IF_ERROR(admin::Bootstrap(ctx, {kToken}));
      return ctx.Authenticate(kToken);
    });
    ASSERT_TRUE(integration.ok()) << integration.error().message;
    caller_ = Caller{*integration, api::ApiVersion::k2025_09_03, "http://localhost", "req"};
    auto home = Write([&](Context& ctx) {
      return pages::CreatePage(ctx, caller_, J(R"({"parent":{"workspace":true},
          "properties":{"title":{"title":[{"text":{"content":"Home"}}]}}})"));
    });
    ASSERT_TRUE(home.ok()) << home.error().message;
    auto db = Write([&](Context& ctx) {
      return databases::CreateDatabase(
          ctx, caller_,
          J(R"({"parent":{"type":"page_id","page_id":")" + std::string(home->at("id").as_string()) + R"("},
          "title":[{"text":{"content":"Items"}}],
          "initial_data_source":{"properties":{"Name":{"title":{}},"Price":{"number":{}}}}})"));
    });
    ASSERT_TRUE(db.ok()) << db.error().message;
    data_source_ = std::string(db->at("data_sources").at(0).at("id").as_string());
    for (int price = 1; price <= 5; ++price) {
      auto page = Write([&](Context& ctx) {
        return pages::CreatePage(ctx, caller_,
                                 J(R"({"parent":{"data_source_id":")" + data_source_ + R"("},
            "properties":{"Name":{"title":[{"text":{"content":"Item )" +
                                   std::to_string(price) + R"("}}]},
                          "Price":{"number":)" +
                                   std::to_string(price) + "}}}"));
      });
      ASSERT_TRUE(page.ok()) << page.error().message;
    }
  }
  void TearDown() override { storage::SqliteConnection::SetWaitForWantsRowsForTest(20000); }

  template <class F>
  auto Write(F&& fn) -> decltype(fn(std::declval<Context&>())) {
    return RunInTxn(*store_, state_, storage::TxnMode::kWrite, std::forward<F>(fn));
  }

  // The names of the query's results, and how many times RunInTxn ran it.
  std::pair<std::vector<std::string>, int> Query(const std::string& body) {
    int runs = 0;
    auto answer = RunInTxn(*store_, state_, storage::TxnMode::kRead, [&](Context& ctx) {
      ++runs;
      return databases::QueryDataSource(ctx, caller_, data_source_, /*by_database=*/false, J(body), {});
    });
    EXPECT_TRUE(answer.ok()) << answer.error().message;
    std::vector<std::string> names;
    if (!answer.ok()) return {names, runs};
    for (const auto& page : answer->at("results").as_array()) {
      names.emplace_back(page.at("properties").at("Name").at("title").at(0).at("plain_text").as_string());
    }
    return {names, runs};
  }

  ::localnotion::testing::TempDir dir_{"ln_query_wait_"};
  ServiceState state_;
  std::unique_ptr<storage::Store> store_;
  Caller caller_;
  std::string data_source_;
};

constexpr const char* kPriceOverTwo =
    R"({"filter":{"property":"Price","number":{"greater_than":2}},"sorts":[{"property":"Price","direction":"descending"}]})";

TEST_F(QueryIndexWaitTest, AQueryThatWaitsForItsColumnAndIndexAnswersAsOneThatReadsEveryPage) {
  const std::vector<std::string> want{"Item 5", "Item 4", "Item 3"};
  storage::SqliteConnection::SetWaitForWantsRowsForTest(2);  // the data source holds 5 pages
  auto [names, runs] = Query(kPriceOverTwo);
  EXPECT_EQ(names, want);
  EXPECT_EQ(runs, 3);  // the column for Price, then the shape's index, then the answer
  auto again = Query(kPriceOverTwo);
  EXPECT_EQ(again.first, want);
  EXPECT_EQ(again.second, 1);
}

TEST_F(QueryIndexWaitTest, AtOrBelowTheThresholdTheQueryReadsEveryPageAtOnce) {
  storage::SqliteConnection::SetWaitForWantsRowsForTest(5);
  auto [names, runs] = Query(kPriceOverTwo);
  EXPECT_EQ(names, (std::vector<std::string>{"Item 5", "Item 4", "Item 3"}));
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace localnotion::service
