// Page history stored with the change outbox: entries round-trip in order per page, a
// rolled-back unit leaves none, change rows without history are not history, the
// outbox lists the history with its change, and Reset empties both.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "storage/sqlite/migrations/0001_initial.sql.h"
#include "storage/sqlite/migrations/0002_uploads_comments.sql.h"
#include "storage/sqlite/migrations/0003_blocks.sql.h"
#include "storage/sqlite/migrations/0004_changes.sql.h"
#include "storage/sqlite/migrations/0005_page_titles.sql.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/json.h"
#include "testing/temp_dir.h"
#include "testing/unit_store.h"

namespace localnotion::storage {
namespace {

ChangeRecord Entry(std::string page, std::string request, std::string action) {
  PageHistoryRecord e;
  e.time = 1735689600000;
  e.integration_id = "int-1";
  e.integration_name = "localnotion";
  e.action = action;
  e.changes =
      testing::J(R"([{"property":"Price","property_id":"p%3Ax","before":null,"after":{"number":2}}])").as_array();
  ChangeRecord c;
  c.object = "page";
  c.object_id = std::move(page);
  c.kind = std::move(action);
  c.properties = {"p%3Ax"};
  c.author_id = "bot-1";
  c.time = 1735689600001;
  c.request_id = std::move(request);
  c.history = std::move(e);
  return c;
}

TEST(PageHistoryStore, AppendsListsRollsBackAndResets) {
  testing::TempDir dir("ln_hist_");
  {
    auto opened = SqliteStore::Open(dir.File("h.db"));
    ASSERT_TRUE(opened.ok());
    testing::UnitStore store(std::move(opened).value());
    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.AppendChange(Entry("a", "r1", "created")).ok());
    ASSERT_TRUE(store.AppendChange(Entry("b", "r1", "created")).ok());
    ASSERT_TRUE(store.AppendChange(Entry("a", "r2", "updated")).ok());
    ChangeRecord plain = Entry("a", "r2", "updated");
    plain.history.reset();  // a change recorded without history (history off)
    ASSERT_TRUE(store.AppendChange(plain).ok());
    ASSERT_TRUE(store.EndUnit(true).ok());
    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.AppendChange(Entry("a", "r3", "updated")).ok());
    ASSERT_TRUE(store.EndUnit(false).ok());  // a failed request leaves no entry
    ASSERT_TRUE(store.CommitBatch().ok());

    auto a = store.ListPageHistory("a");
    ASSERT_TRUE(a.ok());
    ASSERT_EQ(a->size(), 2u);
    EXPECT_EQ((*a)[0].request_id, "r1");
    EXPECT_EQ((*a)[0].action, "created");
    EXPECT_EQ((*a)[1].request_id, "r2");
    EXPECT_LT((*a)[0].sequence, (*a)[1].sequence);
    EXPECT_EQ(SerializeJson((*a)[1].changes), SerializeJson(Entry("a", "", "").history->changes));
    EXPECT_EQ((*a)[1].time, 1735689600000);
    EXPECT_EQ((*a)[1].integration_name, "localnotion");
    EXPECT_EQ((*a)[1].page_id, "a");
    EXPECT_EQ(store.ListPageHistory("b")->size(), 1u);
    EXPECT_TRUE(store.ListPageHistory("c")->empty());

    auto changes = store.ListChanges(0, 100);
    ASSERT_TRUE(changes.ok());
    ASSERT_EQ(changes->size(), 4u);
    ASSERT_TRUE((*changes)[2].history.has_value());
    EXPECT_EQ((*changes)[2].history->sequence, (*a)[1].sequence);
    EXPECT_EQ((*changes)[2].history->action, "updated");
    EXPECT_FALSE((*changes)[3].history.has_value());
    // Webhook delivery lists the changes without their history.
    auto bare = store.ListChanges(0, 100, /*with_history=*/false);
    ASSERT_TRUE(bare.ok());
    ASSERT_EQ(bare->size(), 4u);
    EXPECT_EQ((*bare)[2].sequence, (*changes)[2].sequence);
    EXPECT_EQ((*bare)[2].kind, (*changes)[2].kind);
    for (const auto& c : *bare) EXPECT_FALSE(c.history.has_value());

    ASSERT_TRUE(store.BeginUnit().ok());
    ASSERT_TRUE(store.Reset(true).ok());
    ASSERT_TRUE(store.EndUnit(true).ok());
    ASSERT_TRUE(store.CommitBatch().ok());
    EXPECT_TRUE(store.ListPageHistory("a")->empty());
    EXPECT_TRUE(store.ListChanges(0, 100)->empty());
  }
}

// A file written before migration 6 keeps its history: the page_history rows move into
// the outbox, in order, and the old table is gone.
TEST(PageHistoryStore, MigrationSixMovesHistoryIntoTheOutbox) {
  testing::TempDir dir("ln_hist_mig_");
  const std::string path = dir.File("v5.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    for (const char* sql : {kMigration0001Initial, kMigration0002UploadsComments, kMigration0003Blocks,
                            kMigration0004Changes, kMigration0005PageTitles, "PRAGMA user_version = 5;"}) {
      ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    }
    const char* rows =
        "INSERT INTO page_history (page_id, time, request_id, integration_id, integration_name, action, changes) "
        "VALUES ('p1', 1000, 'r1', 'i1', 'Bot ✓', 'created', "
        "'[{\"field\":\"in_trash\",\"before\":null,\"after\":false}]'),"
        "       ('p1', 2000, 'r2', 'i1', 'Bot ✓', 'updated', '[]');";
    ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto opened = SqliteStore::Open(path);
  ASSERT_TRUE(opened.ok());
  testing::UnitStore store(std::move(opened).value());
  auto history = store.ListPageHistory("p1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].request_id, "r1");
  EXPECT_EQ((*history)[0].integration_name, "Bot ✓");
  EXPECT_EQ((*history)[0].action, "created");
  EXPECT_EQ((*history)[0].time, 1000);
  EXPECT_EQ(SerializeJson((*history)[0].changes), R"([{"field":"in_trash","before":null,"after":false}])");
  EXPECT_EQ((*history)[1].action, "updated");
  EXPECT_LT((*history)[0].sequence, (*history)[1].sequence);
  auto tables = store.ListChanges(0, 10);
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->size(), 2u);
}

}  // namespace
}  // namespace localnotion::storage
