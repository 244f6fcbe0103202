// The text index and the rows it has not caught up with (sqlite/page_text_index.h),
// driven through the writer connection's own units and batches so that the order of
// savepoints, rollbacks and commits is exact, and checked through read-only connections,
// which see what readers see: committed states only. Most tests catch up at every commit
// that changed text (SetTextIndexLag(1)) to check the index itself; the lagging tests
// check that answers are exact whatever the index holds.
#include "storage/sqlite/page_text_index.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/migrations.h"
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
    writer_->SetTextIndexLag(lag_);
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

  // The ids of the pages a reader finds: by title (search) and by a text term on the
  // title (a page scan), which must agree.
  V Found(const std::string& needle) {
    auto opened = SqliteConnection::Open(path_, SqliteConnection::Role::kReader);
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) return {};
    std::unique_ptr<SqliteConnection> reader = std::move(opened).value();
    EXPECT_TRUE(reader->BeginRead().ok());
    V by_title;
    auto pages = reader->ScanPagesByTitle(needle);
    EXPECT_TRUE(pages.ok()) << pages.error().message;
    if (pages.ok()) {
      for (const PageRecord& p : *pages) by_title.push_back(p.id);
    }
    PageScan scan{"ds"};
    scan.in_trash = false;
    scan.where = ScanNode{};
    scan.where->term =
        ScanTerm{ScanField{ScanField::Kind::kProperty, "title"}, ScanTerm::Op::kTextContains, json::value(needle)};
    auto ids = reader->ScanPageIds(scan);
    EXPECT_TRUE(ids.ok()) << ids.error().message;
    reader->EndRead();
    V scanned = ids.ok() ? *ids : V{};
    std::sort(by_title.begin(), by_title.end());
    std::sort(scanned.begin(), scanned.end());
    EXPECT_EQ(by_title, scanned) << needle;
    return scanned;
  }

  // Commits page "a" titled "Été à Paris", closes the writer and runs `sql` on the file
  // as another program would (page_text's triggers fire; nothing catches the index up).
  void CommitThenChangeByHand(const char* sql) {
    ASSERT_TRUE(writer_->BeginBatch().ok());
    Unit(true, {Titled("a", "Été à Paris")});
    ASSERT_TRUE(writer_->CommitBatch().ok());
    writer_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  int64_t Lag() { return std::stoll(Column("SELECT count(*) FROM page_text_pending").at(0)); }

  testing::TempDir dir_{"ln_text_index_"};
  std::string path_ = dir_.File("test.db");
  int64_t lag_ = 1;
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

TEST_F(PageTextIndexTest, AUnitFindsItsOwnWritesAndARollbackAfterACatchUpKeepsTheBatchWhole) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("g", "Giraffe neck")});
  // A later unit of the same batch searches: it finds g, whose row the index has not
  // caught up with; then it catches up, fails and rolls back: the catch-up is undone
  // with it, and the commit must apply g's row again.
  ASSERT_TRUE(writer_->Savepoint().ok());
  auto found = writer_->ScanPagesByTitle("giraffe");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "g");
  ASSERT_TRUE(writer_->CatchUpTextIndex().ok());
  ASSERT_TRUE(writer_->RollbackToSavepoint().ok());
  ASSERT_TRUE(writer_->CommitBatch().ok());

  EXPECT_EQ(Indexed("giraffe"), (V{"title g"}));
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(IntegrityCheck(), "ok");
}

// With the default lag nothing is caught up at these commits: the index still holds the
// first texts (and misses the later ones), and every answer is exact all the same.
TEST_F(PageTextIndexTest, ALaggingIndexStillAnswersExactly) {
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Été à Paris"), Titled("b", "Lyon"), Titled("c", "Marseille")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));
  writer_->SetTextIndexLag(SqliteConnection::kTextIndexLag);

  // a's title changes (its row keeps its id), c loses its title row, d is new.
  PageRecord untitled = Titled("c", "");
  untitled.properties.erase("title");
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Nice"), untitled, Titled("d", "Paris-Plage")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 2);                          // ids 1 and 3 (below)
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));  // stale: a is "nice" now
  // c's row was the last: d's new row takes its id, whose note keeps "marseille", the
  // text the index holds for that id.
  EXPECT_EQ(Column("SELECT indexed FROM page_text_pending WHERE id = 3"), (V{"marseille"}));
  EXPECT_EQ(Indexed("nice"), V{});

  EXPECT_EQ(Found("paris"), (V{"d"}));
  EXPECT_EQ(Found("nice"), (V{"a"}));
  EXPECT_EQ(Found("marseille"), V{});
  EXPECT_EQ(Found("lyon"), (V{"b"}));  // from the index alone
  EXPECT_EQ(Found("plage"), (V{"d"}));

  // Rewrites of one row coalesce into its first note, which holds what the index holds.
  for (const char* title : {"Nice", "Nancy", "Nantes", "Nîmes"}) {
    ASSERT_TRUE(writer_->BeginBatch().ok());
    Unit(true, {Titled("a", title)});
    ASSERT_TRUE(writer_->CommitBatch().ok());
  }
  EXPECT_EQ(Lag(), 2);
  EXPECT_EQ(Found("nîmes"), (V{"a"}));
  EXPECT_EQ(Found("nice"), V{});

  // Caught up, the index holds exactly page_text, and the answers do not change.
  ASSERT_TRUE(writer_->BeginBatch().ok());
  ASSERT_TRUE(writer_->CatchUpTextIndex().ok());
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(IntegrityCheck(), "ok");
  EXPECT_EQ(Indexed("paris"), (V{"title d"}));
  EXPECT_EQ(Found("paris"), (V{"d"}));
  EXPECT_EQ(Found("nîmes"), (V{"a"}));
  EXPECT_EQ(Found("marseille"), V{});
}

TEST_F(PageTextIndexTest, ACommitCatchesUpOnceTheLagIsReached) {
  writer_->SetTextIndexLag(3);
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Alpha"), Titled("b", "Bravo")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 2);
  // Four more writes of the same two rows: counted as six, but they are still two rows.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(writer_->BeginBatch().ok());
    Unit(true, {Titled("a", "Alpha " + std::to_string(i)), Titled("b", "Bravo " + std::to_string(i))});
    ASSERT_TRUE(writer_->CommitBatch().ok());
    EXPECT_EQ(Lag(), 2);
  }
  EXPECT_EQ(Indexed("alpha"), V{});
  // A third row reaches the lag: the commit applies all three.
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("c", "Charlie")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(Indexed("alpha 1"), (V{"title a"}));
  EXPECT_EQ(Indexed("charlie"), (V{"title c"}));
  EXPECT_EQ(IntegrityCheck(), "ok");

  // A batch that caught up and then rolled back brings its notes back; the next commit
  // counts them again and catches up, though it writes nothing itself.
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("d", "Delta"), Titled("e", "Echo"), Titled("f", "Foxtrot")});
  ASSERT_TRUE(writer_->CatchUpTextIndex().ok());
  writer_->RollbackBatch();
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("d", "Delta"), Titled("e", "Echo")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 2);
  ASSERT_TRUE(writer_->BeginBatch().ok());
  ASSERT_TRUE(writer_->CatchUpTextIndex().ok());
  writer_->RollbackBatch();
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("f", "Foxtrot")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(Found("echo"), (V{"e"}));
  EXPECT_EQ(IntegrityCheck(), "ok");
}

// A process killed with rows still waiting (kill -9: nothing runs at exit) leaves them
// committed; the next writer to open the file catches up before anything else.
TEST_F(PageTextIndexTest, RowsLeftWaitingByAKilledProcessAreCaughtUpWhenTheWriterOpens) {
  writer_->SetTextIndexLag(SqliteConnection::kTextIndexLag);
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Été à Paris"), Titled("b", "Lyon")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("a", "Nice")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  writer_.reset();
  EXPECT_EQ(Lag(), 2);
  EXPECT_EQ(Indexed("nice"), V{});
  EXPECT_EQ(Found("nice"), (V{"a"}));
  SetUp();
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(Indexed("nice"), (V{"title a"}));
  EXPECT_EQ(Indexed("paris"), V{});
  EXPECT_EQ(Found("paris"), V{});
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, NotesLeftInTheFileAreAppliedWhenTheWriterOpens) {
  // Another program changes page_text: the trigger notes the change, nothing indexes it.
  ASSERT_NO_FATAL_FAILURE(CommitThenChangeByHand("UPDATE page_text SET folded = 'written by hand'"));
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending"), V{"1"});
  SetUp();
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending"), V{"0"});
  EXPECT_EQ(Indexed("by hand"), (V{"title a"}));
  EXPECT_EQ(Indexed("paris"), V{});
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageTextIndexTest, ARowRenumberedByHandIsNotedUnderBothIds) {
  // No writer of localnotion changes a row's id, but a statement written by hand may:
  // the index must then forget the old id's text and learn the new id's
  // (page_text_pending_renumber, migration 12).
  ASSERT_NO_FATAL_FAILURE(CommitThenChangeByHand("UPDATE page_text SET id = id + 1000"));
  EXPECT_EQ(Column("SELECT count(*) FROM page_text_pending WHERE indexed IS NULL"), V{"1"});
  EXPECT_EQ(Column("SELECT indexed FROM page_text_pending WHERE indexed IS NOT NULL"), V{"été à paris"});
  SetUp();
  EXPECT_EQ(Lag(), 0);
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));
  EXPECT_EQ(Found("paris"), (V{"a"}));
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
                         "DROP TRIGGER page_text_pending_update; DROP TRIGGER page_text_pending_renumber; "
                         "DROP TABLE page_text_pending; "
                         "CREATE TRIGGER page_text_insert AFTER INSERT ON page_text BEGIN "
                         "INSERT INTO page_text_fts(rowid, folded) VALUES (new.id, new.folded); END; "
                         "CREATE TRIGGER page_text_delete AFTER DELETE ON page_text BEGIN "
                         "INSERT INTO page_text_fts(page_text_fts, rowid, folded) VALUES ('delete', old.id, "
                         "old.folded); END; DROP INDEX pages_by_edit_second; "
                         "ALTER TABLE pages DROP COLUMN edit_second; PRAGMA user_version = 10;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  SetUp();
  ASSERT_TRUE(writer_->BeginBatch().ok());
  Unit(true, {Titled("b", "Nice")});
  ASSERT_TRUE(writer_->CommitBatch().ok());
  EXPECT_EQ(Column("PRAGMA user_version"), V{std::to_string(LatestSqliteMigration())});
  EXPECT_EQ(Indexed("paris"), (V{"title a"}));
  EXPECT_EQ(Indexed("lyon"), V{});
  EXPECT_EQ(Indexed("nice"), (V{"title b"}));
  EXPECT_EQ(IntegrityCheck(), "ok");
}

}  // namespace
}  // namespace localnotion::storage
