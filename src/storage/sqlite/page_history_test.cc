// The page_history table: entries round-trip in order per page, a rolled-back unit
// leaves none, and Reset empties the history.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "testing/json.h"
#include "testing/temp_dir.h"
#include "testing/unit_store.h"

namespace localnotion::storage {
namespace {

PageHistoryRecord Entry(std::string page, std::string request, std::string action) {
  PageHistoryRecord e;
  e.page_id = std::move(page);
  e.time = 1735689600000;
  e.request_id = std::move(request);
  e.integration_id = "int-1";
  e.integration_name = "localnotion";
  e.action = std::move(action);
  e.changes = testing::J(R"([{"property":"Price","property_id":"p%3Ax","before":null,"after":{"number":2}}])").as_array();
  return e;
}

TEST(PageHistoryStore, AppendsListsRollsBackAndResets) {
  testing::TempDir dir("ln_hist_");
  {
    auto opened = SqliteStore::Open(dir.File("h.db"));
    ASSERT_TRUE(opened.ok());
    testing::UnitStore store(std::move(opened).value());
    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.AppendPageHistory(Entry("a", "r1", "created")).ok());
    ASSERT_TRUE(store.AppendPageHistory(Entry("b", "r1", "created")).ok());
    ASSERT_TRUE(store.AppendPageHistory(Entry("a", "r2", "updated")).ok());
    ASSERT_TRUE(store.EndUnit(true).ok());
    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.AppendPageHistory(Entry("a", "r3", "updated")).ok());
    ASSERT_TRUE(store.EndUnit(false).ok());  // a failed request leaves no entry
    ASSERT_TRUE(store.CommitBatch().ok());

    auto a = store.ListPageHistory("a");
    ASSERT_TRUE(a.ok());
    ASSERT_EQ(a->size(), 2u);
    EXPECT_EQ((*a)[0].request_id, "r1");
    EXPECT_EQ((*a)[0].action, "created");
    EXPECT_EQ((*a)[1].request_id, "r2");
    EXPECT_LT((*a)[0].sequence, (*a)[1].sequence);
    EXPECT_EQ(SerializeJson((*a)[1].changes), SerializeJson(Entry("a", "", "").changes));
    EXPECT_EQ((*a)[1].time, 1735689600000);
    EXPECT_EQ(store.ListPageHistory("b")->size(), 1u);
    EXPECT_TRUE(store.ListPageHistory("c")->empty());

    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.Reset(true).ok());
    ASSERT_TRUE(store.EndUnit(true).ok());
    ASSERT_TRUE(store.CommitBatch().ok());
    EXPECT_TRUE(store.ListPageHistory("a")->empty());
  }
}

}  // namespace
}  // namespace localnotion::storage
