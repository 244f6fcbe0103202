// SqliteStore::ScanPageIds: the SQL meaning of each term, empties, order and ties, and
// that the columns and indexes it makes survive a reopen and vanish with a rollback.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "storage/sqlite/json_path.h"
#include "storage/sqlite/temp_store_test_util.h"
#include "testing/json.h"
#include "testing/scan_nodes.h"

namespace localnotion::storage {
namespace {

using Op = ScanTerm::Op;

class PageScanTest : public TempStoreTest {
 protected:
  void SetUp() override {
    TempStoreTest::SetUp();
    // a: n=3 on,  b: n=1 off, c: no n, no box, d: n=3 on (trashed), e: n=2.5 on, other parent f.
    ASSERT_TRUE(store_->BeginUnit().ok());
    Put("a", R"({"n":3,"box":true,"sel":"o1"})", false, 5000);
    Put("b", R"({"n":1,"box":false,"sel":"o2"})", false, 1000);
    Put("c", R"({"n":null})", false, 3000);
    Put("d", R"({"n":3,"box":true})", true, 4000);
    Put("e", R"({"n":2.5,"box":true,"sel":"o1"})", false, 2000);
    Put("f", R"({"n":3})", false, 6000, "ds-2");
    ASSERT_TRUE(store_->EndUnit(true).ok());
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
  void Put(std::string id, std::string_view props, bool trashed, Millis created, std::string parent = "ds-1") {
    PageRecord p;
    p.id = std::move(id);
    p.parent_type = "data_source_id";
    p.parent_id = std::move(parent);
    p.properties = testing::J(props).as_object();
    p.icon = nullptr;
    p.cover = nullptr;
    p.in_trash = trashed;
    p.created_time = created;
    p.last_edited_time = created;
    ASSERT_TRUE(store_->PutPage(p).ok());
  }
  std::vector<std::string> Scan(PageScan scan) {
    scan.parent_id = scan.parent_id.empty() ? "ds-1" : scan.parent_id;
    EXPECT_TRUE(store_->BeginUnit().ok());
    auto ids = store_->ScanPageIds(scan);
    EXPECT_TRUE(store_->EndUnit(true).ok());
    EXPECT_TRUE(store_->CommitBatch().ok());
    EXPECT_TRUE(ids.ok()) << ids.error().message;
    return ids.ok() ? *ids : std::vector<std::string>{};
  }
  static ScanNode Or(std::vector<ScanNode> children) {
    return testing::ScanGroup(ScanNode::Kind::kOr, std::move(children));
  }
};

using Ids = std::vector<std::string>;

TEST_F(PageScanTest, NoFilterGivesCreationOrderOfOneParent) {
  EXPECT_EQ(Scan({}), (Ids{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(Scan(PageScan{"ds-2"}), (Ids{"f"}));
}

TEST_F(PageScanTest, InTrashSelectsTrashedOrNot) {
  PageScan scan;
  scan.in_trash = false;
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "c", "e"}));
  scan.in_trash = true;
  EXPECT_EQ(Scan(scan), (Ids{"d"}));
}

// A scan without order or filter (creation order, the default of a query) has the index
// (parent_id, in_trash): its entries for one parent and trash state come in rowid order,
// so SQLite reads the first `limit` of them and sorts nothing (an index that also held the
// id made it read and sort every page of the parent).
TEST_F(PageScanTest, ACreationOrderScanReadsItsIndexInThatOrder) {
  PageScan scan;
  scan.in_trash = false;
  scan.limit = 2;
  EXPECT_EQ(Scan(scan), (Ids{"a", "b"}));
  EXPECT_EQ(Scan(scan), (Ids{"a", "b"}));
  scan.in_trash = true;
  EXPECT_EQ(Scan(scan), (Ids{"d"}));
  scan.in_trash.reset();
  scan.limit = -1;
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "c", "d", "e"}));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto rows = [&](const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const int last = sqlite3_column_count(stmt) - 1;
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, last)));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  const std::vector<std::string> names =
      rows("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%ON pages(parent_id, in_trash)'");
  ASSERT_EQ(names.size(), 1u);
  const std::vector<std::string> plan = rows("EXPLAIN QUERY PLAN SELECT id FROM pages INDEXED BY " + names[0] +
                                             " WHERE parent_id = 'ds-1' AND in_trash = 0 ORDER BY rowid LIMIT 2");
  ASSERT_FALSE(plan.empty());
  for (const std::string& step : plan) EXPECT_EQ(step.find("TEMP B-TREE"), std::string::npos) << step;
  sqlite3_close(db);
}

TEST_F(PageScanTest, ComparisonsSkipEmptyValuesButNotEqualKeepsThem) {
  PageScan scan;
  scan.in_trash = false;
  scan.where = testing::PropertyTerm("n", Op::kGreater, 2);
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
  scan.where = testing::PropertyTerm("n", Op::kLessOrEqual, 2.5);
  EXPECT_EQ(Scan(scan), (Ids{"b", "e"}));
  scan.where = testing::PropertyTerm("n", Op::kNotEqual, 3);
  EXPECT_EQ(Scan(scan), (Ids{"b", "c", "e"}));
  scan.where = testing::PropertyTerm("n", Op::kIsEmpty);
  EXPECT_EQ(Scan(scan), (Ids{"c"}));
  scan.where = testing::PropertyTerm("n", Op::kIsNotEmpty);
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "e"}));
  scan.where = testing::PropertyTerm("n", Op::kNever);
  EXPECT_EQ(Scan(scan), Ids{});
}

TEST_F(PageScanTest, BooleansAndStringsCompareAsStored) {
  PageScan scan;
  scan.in_trash = false;
  scan.where = testing::PropertyTerm("box", Op::kEqual, true);
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
  scan.where = testing::PropertyTerm("box", Op::kNotEqual, true);  // unchecked, or no value
  EXPECT_EQ(Scan(scan), (Ids{"b", "c"}));
  scan.where = testing::PropertyTerm("sel", Op::kEqual, "o1");
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
  scan.where = Or({testing::PropertyTerm("sel", Op::kEqual, "o2"), testing::PropertyTerm("n", Op::kIsEmpty)});
  EXPECT_EQ(Scan(scan), (Ids{"b", "c"}));
}

TEST_F(PageScanTest, OrdersPutEmptiesLastBothWaysAndTiesKeepCreationOrder) {
  PageScan scan;
  scan.in_trash = false;
  scan.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "n"}, false}};
  EXPECT_EQ(Scan(scan), (Ids{"b", "e", "a", "c"}));
  scan.order[0].descending = true;
  EXPECT_EQ(Scan(scan), (Ids{"a", "e", "b", "c"}));
  scan.in_trash.reset();
  EXPECT_EQ(Scan(scan), (Ids{"a", "d", "e", "b", "c"}));
  scan.order = {ScanOrder{ScanField{ScanField::Kind::kCreatedTime, {}}, true}};
  scan.limit = 2;
  EXPECT_EQ(Scan(scan), (Ids{"a", "d"}));
}

TEST_F(PageScanTest, TimestampsCompareAsMilliseconds) {
  PageScan scan;
  scan.where = ScanNode{};
  scan.where->term = ScanTerm{ScanField{ScanField::Kind::kLastEditedTime, {}}, Op::kGreaterOrEqual, 3000};
  EXPECT_EQ(Scan(scan), (Ids{"a", "c", "d"}));
}

TEST_F(PageScanTest, ColumnsAndIndexesSurviveAReopenAndFollowWrites) {
  PageScan scan;
  scan.where = testing::PropertyTerm("n", Op::kGreater, 2);
  scan.in_trash = false;
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
  Reopen();
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
  ASSERT_TRUE(store_->BeginUnit().ok());
  Put("b", R"({"n":7})", false, 1000);  // an update keeps b's place
  ASSERT_TRUE(store_->EndUnit(true).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "e"}));
}

TEST_F(PageScanTest, ARolledBackUnitTakesItsColumnsAlongAndScansStillWork) {
  ASSERT_TRUE(store_->BeginUnit().ok());
  PageScan scan;
  scan.where = testing::PropertyTerm("sel", Op::kEqual, "o1");
  scan.parent_id = "ds-1";
  ASSERT_TRUE(store_->ScanPageIds(scan).ok());
  ASSERT_TRUE(store_->EndUnit(false).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Scan(scan), (Ids{"a", "e"}));
}

TEST_F(PageScanTest, IdsThatAreNotPathLiteralsAreReadByKey) {
  EXPECT_FALSE(PathLiteralPropertyId("a\"b"));
  EXPECT_FALSE(PathLiteralPropertyId("a'b"));
  EXPECT_FALSE(PathLiteralPropertyId(""));
  EXPECT_TRUE(PathLiteralPropertyId("%3AUPp"));
  // Such an id gets no generated column, but the scan still answers, by key.
  ASSERT_TRUE(store_->BeginUnit().ok());
  Put("g", R"({"a'b":4,"a\"b":true})", false, 7000);
  Put("h", R"({"a'b":2})", false, 8000);
  ASSERT_TRUE(store_->EndUnit(true).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  PageScan scan{"ds-1"};
  scan.where = testing::PropertyTerm("a'b", Op::kIsEmpty);
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "c", "d", "e"}));
  scan.where = testing::PropertyTerm("a'b", Op::kGreater, 3);
  EXPECT_EQ(Scan(scan), (Ids{"g"}));
  scan.where = testing::PropertyTerm("a\"b", Op::kEqual, true);
  EXPECT_EQ(Scan(scan), (Ids{"g"}));
  scan.where = std::nullopt;
  scan.in_trash = false;
  scan.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "a'b"}, false}};
  EXPECT_EQ(Scan(scan), (Ids{"h", "g", "a", "b", "c", "e"}));
}

// A sorted scan whose text term has many candidates reads the shape's index in sort
// order and tests each entry against the candidates (BroadText in page_scan.cc); the
// answer is the one of the scan driven by the candidates: nulls last, ties in creation
// order, trashed pages left out.
TEST_F(PageScanTest, ABroadTextTermWithASortReadsTheShapeIndexAndAnswersTheSame) {
  auto rt = [](std::string_view text) {
    return R"([{"type":"text","text":{"content":")" + std::string(text) + R"("},"plain_text":")" + std::string(text) +
           R"("}])";
  };
  ASSERT_TRUE(store_->BeginUnit().ok());
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"t1", "5"}, {"t2", "null"}, {"t3", "2"}, {"t4", "2"}, {"t5", "9"}, {"t6", "1"}, {"t7", "null"}};
  Millis created = 10000;
  for (const auto& [id, n] : rows) Put(id, R"({"t":)" + rt("Item " + id) + R"(,"n":)" + n + "}", false, created++);
  Put("t8", R"({"t":)" + rt("item trashed") + R"(,"n":0})", true, created++);
  Put("t9", R"({"t":)" + rt("other") + R"(,"n":0})", false, created++);
  ASSERT_TRUE(store_->EndUnit(true).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  Reopen();  // the trigram index catches up with page_text when the store opens

  PageScan scan;
  scan.where = testing::PropertyTerm("t", Op::kTextContains, "item");
  scan.in_trash = false;
  scan.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "n"}, false}};
  scan.limit = 100;
  const Ids expected{"t6", "t3", "t4", "t1", "t5", "t2", "t7"};
  EXPECT_EQ(Scan(scan), expected);
  const int before = ScanIndexes(path_);

  struct Restore {
    ~Restore() { SqliteConnection::SetBroadTextCandidatesForTest(50000); }
  } restore;
  SqliteConnection::SetBroadTextCandidatesForTest(2);
  EXPECT_EQ(Scan(scan), expected);
  EXPECT_EQ(ScanIndexes(path_), before + 1);  // the shape's index, which the scan read
  EXPECT_EQ(Scan(scan), expected);
  scan.limit = 3;
  EXPECT_EQ(Scan(scan), (Ids{"t6", "t3", "t4"}));
  scan.order[0].descending = true;  // nulls last both ways
  scan.limit = 100;
  EXPECT_EQ(Scan(scan), (Ids{"t5", "t1", "t3", "t4", "t6", "t2", "t7"}));
}

// A scan's statement is kept by its text and reused with the next scan's values; past
// SqliteConnection::kMaxScanStatements texts the kept ones are dropped and made again.
TEST_F(PageScanTest, AKeptScanStatementAnswersForItsNewValuesAndManyTextsStillAnswer) {
  PageScan scan;
  scan.in_trash = false;
  scan.where = testing::PropertyTerm("n", Op::kGreaterOrEqual, 3);
  EXPECT_EQ(Scan(scan), Ids{"a"});
  scan.where = testing::PropertyTerm("n", Op::kGreaterOrEqual, 1);
  EXPECT_EQ(Scan(scan), (Ids{"a", "b", "e"}));  // creation order
  scan.where = testing::PropertyTerm("n", Op::kGreaterOrEqual, 4);
  EXPECT_EQ(Scan(scan), Ids{});
  // Every limit is a text of its own: 0 to 69, twice.
  scan.where = std::nullopt;
  const Ids all{"a", "b", "c", "e"};
  for (int round = 0; round < 2; ++round) {
    for (int64_t limit = 0; limit < 70; ++limit) {
      scan.limit = limit;
      const Ids want(all.begin(), all.begin() + std::min<int64_t>(limit, 4));
      ASSERT_EQ(Scan(scan), want) << "limit " << limit << ", round " << round;
    }
  }
}

}  // namespace
}  // namespace localnotion::storage
