// The text index caught up once per commit (sqlite/page_text_index.h), driven through the
// writer connection's own units and batches so that the order of savepoints, rollbacks
// and commits is exact, and checked through read-only connections, which see what
// readers see: committed states only.
#include "storage/sqlite/page_text_index.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.h"
#include "testing/json.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

using V = std::vector<std::string>;

PageRecord Titled(std::string id, std::string_view title) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = "ds";
  p.properties["title"] = testing::J(R"([{"type":"text","plain_text":")" + std::string(title) + R"("}])");
  p.icon = nullptr;
  p.cover = nullptr;
  p.created_by = p.last_edited_by = "u";
  return p;
}

class PageTextIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteConnection::Open(path_, SqliteConnection::Role::kWriter);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    writer_ = std::move(opened).value();
  }

  // A unit as SqliteStore runs one: a savepoint in the open batch, released or rolled back.
  void Unit(bool keep, const std::vector<PageRecord>& pages) {
    ASSERT_TRUE(writer_->Savepoint().ok());
    for (const PageRecord& p : pages) ASSERT_TRUE(writer_->PutPage(p).ok());
    ASSERT_TRUE((keep ? writer_->ReleaseSavepoint() : writer_->RollbackToSavepoint()).ok());
  }

  // The page_text ids whose indexed text holds `needle`, read from the file by a
  // connection of the test's own (a committed state, as every reader sees it).
  V Indexed(const std::string& needle) {
    return Column(
        "SELECT t.property_id || ' ' || p.id FROM page_text_fts f "
        "JOIN page_text t ON t.id = f.rowid JOIN pages p ON "
        "p.rowid = t.page_rowid WHERE page_text_fts MATCH '\"" +
        needle + "\"' ORDER BY p.id");
  }

  V Column(const std::string& sql) {
    sqlite3* db = nullptr;
    V out;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

  // FTS5's integrity check with rank 1 also compares the index with its content table,
  // page_text: any row missing, left over or indexed with other text fails it.
  std::string IntegrityCheck() {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    sqlite3_exec(db, "INSERT INTO page_text_fts(page_text_fts, rank) VALUES('integrity-check', 1)", nullptr, nullptr,
                 &err);
    std::string result = err ? err : "ok";
    sqlite3_free(err);
    sqlite3_close(db);
    return result;
  }

  testing::TempDir dir_{"ln_text_index_"};
  std::string path_ = dir_.File("test.db");
  std::unique_ptr<SqliteConnection> writer_;
};

TEST_F(PageTextIndexTest, ARolledBackUnitLeavesNoTraceAndACommittedOneIsFound) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Été à Paris")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));

  // One batch: a unit that adds a page and rewrites a's title, rolled back, then one
  // that adds g, kept.
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(false, {Titled("z", "Zebra crossing"), Titled("a", "Lyon")});
  Unit(true, {Titled("g", "Giraffe neck")});
  // Until the batch commits, readers see the state before it.
  EXPECT_EQ(Indexed("giraffe"), V{});
  ASSERT_TRUE(writer_->CommitBatch().ok());

  EXPECT_EQ(Indexed("zebra"), V{});
  EXPECT_EQ(Indexed("lyon"), V{});
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));
  EXPECT_EQ(Indexed("giraffe"), (V{"title g"}));
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending"), V{"0"});
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, ABatchOfManyRewritesOfOneValueIndexesItsLastText) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "First"), Titled("b", "Second")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  // b's row has the highest id: deleted and inserted again, it gets the same id back,
  // so the index must be given the text it held at the last commit, not the newest.
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("b", "Third")});
  Unit(true, {Titled("b", "Fourth"), Titled("a", "Fifth")});
  Unit(false, {Titled("b", "Sixth")});
  Unit(true, {Titled("c", "Seventh")});
  ASSERT_TRUE(writer_->CommitBatch().ok());

  for (const char* gone : {"first", "second", "third", "sixth"}) EXPECT_EQ(Indexed(gone), V{}) << gone;
  EXPECT_EQ(Indexed("fourth"), (V{"title b"}));
  EXPECT_EQ(Indexed("fifth"), (V{"title a"}));
  EXPECT_EQ(Indexed("seventh"), (V{"title c"}));
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, AUnitFindsItsOwnWritesAndARollbackAfterThatKeepsTheBatchWhole) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("g", "Giraffe neck")});
  // A later unit of the same batch searches (the index catches up inside it, so that it
  // finds g), then fails and rolls back: the catch-up is undone with it, and the commit
  // must apply g's row again.
  ASSERT_TRUE(writer_->Savepoint().ok());
  auto found = writer_->ScanPagesByTitle("giraffe");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "g");
  ASSERT_TRUE(writer_->RollbackToSavepoint().ok());
  ASSERT_TRUE(writer_->CommitBatch().ok());

  EXPECT_EQ(Indexed("giraffe"), (V{"title g"}));
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, NotesLeftInTheFileAreAppliedWhenTheWriterOpens) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Été à Paris")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  writer_.reset();
  // Another program changes page_text: the trigger notes the change, nothing indexes it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE page_text SET folded = 'written by hand'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending"), V{"1"});
  SetUp();
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending"), V{"0"});
  EXPECT_EQ(Indexed("by hand"), (V{"title a"}));
  EXPECT_EQ(Indexed("paris"), V{});
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, AStoreAtMigrationTenIsMigratedWithItsIndexIntact) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Été à Paris"), Titled("b", "Lyon")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  writer_.reset();
  // Migration 10's triggers back, at user_version 10, as a store of that version is.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER page_text_pending_insert; DROP TRIGGER page_text_pending_delete; "
                         "DROP TRIGGER page_text_pending_update; DROP TABLE page_text_pending; "
                         "CREATE TRIGGER page_text_insert AFTER INSERT ON page_text BEGIN "
                         "INSERT INTO page_text_fts(rowid, folded) VALUES (new.id, new.folded); END; "
                         "CREATE TRIGGER page_text_delete AFTER DELETE ON page_text BEGIN "
                         "INSERT INTO page_text_fts(page_text_fts, rowid, folded) VALUES ('delete', old.id, "
                         "old.folded); END; PRAGMA user_version = 10;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  SetUp();
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("b", "Nice")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Column("PRAGMA user_version"), V{"11"});
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));
  EXPECT_EQ(Indexed("lyon"), V{});
  EXPECT_EQ(Indexed("nice"), (V{"title b"}));
  EXPECT_EQ(IntegrityCheck(), "ok");
}

}  // namespace
}  // namespace localnotion::storage
