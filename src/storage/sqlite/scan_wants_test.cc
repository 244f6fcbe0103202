// A scan on a read-only connection does not change the schema: it asks the writer for
// the generated columns and the index of its shape (SqliteConnection::EnsureScanColumn,
// EnsureScanIndex), and the writer makes them when the read transaction ends
// (SqliteStore::ApplyScanWants), so that later scans of that shape read the index. Over
// a parent of more pages than the wait threshold, the read waits for them instead and
// its transaction runs again (SqliteStore::WaitForScanWants).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/page_scan.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/temp_store_test_util.h"
#include "storage/store.h"
#include "testing/scan_nodes.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

using Op = ScanTerm::Op;

PageRecord Row(std::string id, int n, Millis created) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = "ds-1";
  p.properties = json::object{{"n", n}};
  p.icon = nullptr;
  p.cover = nullptr;
  p.created_by = p.last_edited_by = "u";
  p.created_time = p.last_edited_time = created;
  return p;
}

// The ids `scan` selects in a read transaction; then an empty write transaction, whose
// durable commit also commits the batch the writer made the scan's wants in.
std::vector<std::string> ReadScan(Store& store, const PageScan& scan) {
  std::vector<std::string> ids;
  auto read = InTxn(store, TxnMode::kRead, [&](Txn& txn) -> Result<bool> {
    LN_ASSIGN_OR_RETURN(ids, txn.ScanPageIds(scan));
    return true;
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  auto settle = InTxn(store, TxnMode::kWrite, [](Txn&) -> Result<bool> { return true; });
  EXPECT_TRUE(settle.ok()) << settle.error().message;
  return ids;
}

// Whether reading `scan` again and again makes the file hold `want` scan indexes within
// 100 reads. A read that ends while the writer is busy (here, the flusher's turn) leaves
// its wants for a later read, so one read may not be enough; every read answers a and c.
bool ScansUntilIndexes(Store& store, const PageScan& scan, const std::string& path, int want) {
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(ReadScan(store, scan), (std::vector<std::string>{"a", "c"}));
    if (ScanIndexes(path) == want) return true;
  }
  return false;
}

// Sets the wait threshold (SqliteConnection::SetWaitForWantsRowsForTest) for one test.
class WaitRows {
 public:
  explicit WaitRows(int64_t n) { SqliteConnection::SetWaitForWantsRowsForTest(n); }
  ~WaitRows() { SqliteConnection::SetWaitForWantsRowsForTest(20000); }
};

// A store on a file with pages a, b and c under ds-1.
std::unique_ptr<Store> ThreeRows(const std::string& path) {
  auto opened = SqliteStore::Open(path);
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  std::unique_ptr<Store> store = std::move(*opened);
  auto put = InTxn(*store, TxnMode::kWrite, [&](Txn& txn) -> Result<bool> {
    LN_RETURN_IF_ERROR(txn.PutPage(Row("a", 3, 3000)));
    LN_RETURN_IF_ERROR(txn.PutPage(Row("b", 1, 1000)));
    LN_RETURN_IF_ERROR(txn.PutPage(Row("c", 2, 2000)));
    return true;
  });
  EXPECT_TRUE(put.ok()) << put.error().message;
  return store;
}

// The ids `scan` selects in one read through InTxn, and how many times InTxn ran it.
std::pair<std::vector<std::string>, int> CountedScan(Store& store, const PageScan& scan) {
  int attempts = 0;
  std::vector<std::string> ids;
  auto read = InTxn(store, TxnMode::kRead, [&](Txn& txn) -> Result<bool> {
    ++attempts;
    LN_ASSIGN_OR_RETURN(ids, txn.ScanPageIds(scan));
    return true;
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return {ids, attempts};
}

PageScan ByN() {
  PageScan by_n{"ds-1"};
  by_n.where = testing::PropertyTerm("n", Op::kGreater, 1);
  by_n.in_trash = false;
  return by_n;
}

// Regression: a writer that had not read the table's generated columns since it opened
// refused every index over a column made before, so after a restart each scan of a new
// shape over such a column read every page of its parent, every time (3.4 s a query at
// 1M pages, docs/benchmarks.md).
TEST(ScanWantsTest, AfterAReopenAReadScanOfANewShapeOverAnOldColumnGetsItsIndex) {
  testing::TempDir dir("ln_scan_wants_");
  const std::string path = dir.File("test.db");
  const PageScan by_n = ByN();
  {
    std::unique_ptr<Store> store = ThreeRows(path);
    // The first scan reads n from the JSON and asks for its column (it cannot want an
    // index over a column it does not see); a later one reads the column and asks for
    // the index of its shape.
    EXPECT_EQ(ReadScan(*store, by_n), (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(ScanIndexes(path), 0);
    EXPECT_TRUE(ScansUntilIndexes(*store, by_n, path, 1));
  }
  auto opened = SqliteStore::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::unique_ptr<Store> store = std::move(*opened);
  PageScan newest_first = by_n;
  newest_first.order = {ScanOrder{ScanField{ScanField::Kind::kCreatedTime, {}}, true}};
  EXPECT_TRUE(ScansUntilIndexes(*store, newest_first, path, 2));  // never, before the fix
  EXPECT_EQ(ReadScan(*store, newest_first), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ScanIndexes(path), 2);
}

// A store on a file with pages a, b and c under ds-1, for the tests of the wait.
class ScanWaitTest : public ::testing::Test {
 protected:
  testing::TempDir dir_{"ln_scan_wants_"};
  const std::string path_ = dir_.File("test.db");
  std::unique_ptr<Store> store_ = ThreeRows(path_);
};

// Above the threshold a read scan of a new shape does not read every page: it waits for
// the writer to make the column (first run), then the index (second run), and the third
// run reads the index; both are committed when the read answers, with no write after.
TEST_F(ScanWaitTest, AboveTheThresholdAReadWaitsForItsColumnAndIndexAndRunsAgain) {
  WaitRows rows(2);  // ds-1 holds 3 pages, more than 2
  auto [ids, attempts] = CountedScan(*store_, ByN());
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(ScanIndexes(path_), 1);
  // The shape is made: the next read runs once.
  auto again = CountedScan(*store_, ByN());
  EXPECT_EQ(again.first, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(again.second, 1);
}

// At or below the threshold a read scans every page at once and asks for its wants when
// it ends, as before.
TEST_F(ScanWaitTest, AtTheThresholdAReadScansAtOnce) {
  WaitRows rows(3);  // not more than 3 pages
  auto [ids, attempts] = CountedScan(*store_, ByN());
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(attempts, 1);
}

// A read inside a write transaction on the same thread would wait for the writer it
// holds: it scans every page instead, and answers.
TEST_F(ScanWaitTest, AReadInsideAWriteOnTheSameThreadDoesNotWaitForItself) {
  WaitRows rows(2);
  int inner_attempts = 0;
  auto write = InTxn(*store_, TxnMode::kWrite, [&](Txn&) -> Result<bool> {
    auto [ids, attempts] = CountedScan(*store_, ByN());
    EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
    inner_attempts = attempts;
    return true;
  });
  ASSERT_TRUE(write.ok()) << write.error().message;
  EXPECT_EQ(inner_attempts, 1);
}

// Reads of a new shape that begin together all wait, and one column and one index are
// made for them: each answers within three runs.
TEST_F(ScanWaitTest, ConcurrentFirstReadsOfANewShapeAllAnswerFromOneIndex) {
  WaitRows rows(2);
  std::vector<std::thread> readers;
  std::atomic<int> right{0};
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      auto [ids, attempts] = CountedScan(*store_, ByN());
      if (ids == std::vector<std::string>{"a", "c"} && attempts <= 3) ++right;
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(right.load(), 4);
  EXPECT_EQ(ScanIndexes(path_), 1);
}

}  // namespace
}  // namespace localnotion::storage
