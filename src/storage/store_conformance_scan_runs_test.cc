// The store conformance suite, range terms on the first sort key: runs on every
// configuration of store_conformance_test.cc (the suite is instantiated there).
//
// A property may hold numbers, booleans (1 and 0), text and empty values at once (a
// property whose type changed keeps the values it had). A range term compares as SQLite's
// json_extract does (query/scan.h): text is greater than any number, an empty value is in
// no range. Sorted by that property, numbers come before text ascending and after it
// descending, empty values last, ties in creation order. The PostgreSQL store reads such
// terms as two runs of the shape's index once it is built, in read transactions
// (postgres/pg_scan_runs.h); the answers below are the same before the index, with it, and
// in a write transaction, on every backend.
#include <gtest/gtest.h>

#include "storage/postgres/pg_store.h"
#include "storage/store_conformance_test_util.h"
#include "testing/scan_nodes.h"

namespace localnotion::storage {
namespace {

using RunIds = std::vector<std::string>;
using RunOp = ScanTerm::Op;

PageRecord RunPage(std::string id, std::string_view props, Millis created, bool trashed = false) {
  PageRecord p = PropsPage(std::move(id), props, trashed, "ds-r");
  p.created_time = p.last_edited_time = created;
  return p;
}

ScanNode RunAnd(std::vector<ScanNode> children) {
  return testing::ScanGroup(ScanNode::Kind::kAnd, std::move(children));
}

ScanOrder ByV(bool descending) { return ScanOrder{ScanField{ScanField::Kind::kProperty, "v"}, descending}; }

// Creation order (seq) r1, r2, ...; r9 and r10 tie with r2 and r4, created earlier in time.
Status PutRunPages(Txn& txn) {
  const std::pair<const char*, const char*> pages[] = {
      {"r1", R"({"v":3,"box":true})"},       {"r2", R"({"v":10,"box":true})"},
      {"r3", R"({"v":"apple","box":true})"}, {"r4", R"({"v":"pear","box":true})"},
      {"r5", R"({"v":null,"box":true})"},    {"r6", R"({"box":true})"},
      {"r7", R"({"v":true,"box":true})"},    {"r8", R"({"v":false,"box":true})"},
      {"r9", R"({"v":10,"box":true})"},      {"r10", R"({"v":"pear","box":false})"},
      {"r11", R"({"v":600.5,"box":true})"},  {"r12", R"({"v":"Zed","box":true})"},
      {"r13", R"({"v":-2,"box":true})"},
  };
  Millis created = 100000;
  for (const auto& [id, props] : pages) {
    created += 1000;
    const std::string name = id;
    const Millis at = name == "r9" || name == "r10" ? 1000 : created;
    LN_RETURN_IF_ERROR(txn.PutPage(RunPage(name, props, at)));
  }
  return txn.PutPage(RunPage("r14", R"({"v":1000,"box":true})", 200000, /*trashed=*/true));
}

RunIds RunScan(Txn& txn, ScanNode where, std::vector<ScanOrder> order, int64_t limit = -1,
               std::optional<bool> in_trash = false) {
  PageScan s{"ds-r"};
  s.in_trash = in_trash;
  s.where = std::move(where);
  s.order = std::move(order);
  s.limit = limit;
  return LN_VAL(txn.ScanPageIds(s));
}

void ExpectRunScans(Txn& txn) {
  const auto v = [](RunOp op, json::value operand) { return testing::PropertyTerm("v", op, std::move(operand)); };
  // Above a number: every text, then the numbers above it (descending); the reverse ascending.
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(true)}),
            (RunIds{"r4", "r10", "r3", "r12", "r11", "r2", "r9", "r1"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(false)}),
            (RunIds{"r1", "r2", "r9", "r11", "r12", "r3", "r4", "r10"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreaterOrEqual, 10), {ByV(true)}),
            (RunIds{"r4", "r10", "r3", "r12", "r11", "r2", "r9"}));
  // Below a number: numbers only, booleans as 1 and 0.
  EXPECT_EQ(RunScan(txn, v(RunOp::kLess, 10), {ByV(true)}), (RunIds{"r1", "r7", "r8", "r13"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kLessOrEqual, true), {ByV(false)}), (RunIds{"r13", "r8", "r7"}));
  // Text operands compare text by bytes ("Zed" < "apple"); below one, every number too.
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreaterOrEqual, "b"), {ByV(true)}), (RunIds{"r4", "r10"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kLess, "b"), {ByV(true)}),
            (RunIds{"r3", "r12", "r11", "r2", "r9", "r1", "r7", "r8", "r13"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kLess, "b"), {ByV(false)}),
            (RunIds{"r13", "r8", "r7", "r1", "r2", "r9", "r11", "r12", "r3"}));
  // Several ranges on the key, and other terms beside them.
  EXPECT_EQ(RunScan(txn, RunAnd({v(RunOp::kGreater, 2), v(RunOp::kLessOrEqual, 10)}), {ByV(true)}),
            (RunIds{"r2", "r9", "r1"}));
  EXPECT_EQ(RunScan(txn, RunAnd({v(RunOp::kGreater, 2), v(RunOp::kLess, "b")}), {ByV(true)}),
            (RunIds{"r3", "r12", "r11", "r2", "r9", "r1"}));
  EXPECT_EQ(RunScan(txn, RunAnd({v(RunOp::kLess, 5), v(RunOp::kGreater, "a")}), {ByV(true)}), RunIds{});
  EXPECT_EQ(
      RunScan(txn, RunAnd({testing::PropertyTerm("box", RunOp::kEqual, true), v(RunOp::kGreater, 2)}), {ByV(true)}),
      (RunIds{"r4", "r3", "r12", "r11", "r2", "r9", "r1"}));
  EXPECT_EQ(
      RunScan(txn, RunAnd({v(RunOp::kGreater, 2), testing::PropertyTerm("box", RunOp::kNotEqual, true)}), {ByV(false)}),
      RunIds{"r10"});
  // A limit inside the first run and inside the second.
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(true)}, 2), (RunIds{"r4", "r10"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(true)}, 6), (RunIds{"r4", "r10", "r3", "r12", "r11", "r2"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(false)}, 5), (RunIds{"r1", "r2", "r9", "r11", "r12"}));
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(false)}, 0), RunIds{});
  // A second key orders the ties of the first (r9 and r10 were created first).
  const ScanOrder created{ScanField{ScanField::Kind::kCreatedTime, {}}, false};
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(true), created}),
            (RunIds{"r10", "r4", "r3", "r12", "r11", "r9", "r2", "r1"}));
  // Trashed pages only, and trashed or not.
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 2), {ByV(true)}, -1, true), RunIds{"r14"});
  EXPECT_EQ(RunScan(txn, v(RunOp::kGreater, 500), {ByV(true)}, -1, std::nullopt),
            (RunIds{"r4", "r10", "r3", "r12", "r14", "r11"}));
}

TEST_P(StoreConformanceTest, RangeTermsOnTheFirstSortKeyAnswerAsSqliteBeforeAndAfterTheStoreIndexes) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutRunPages(txn)); });
  Read([&](Txn& txn) { ExpectRunScans(txn); });
  // The PostgreSQL store reads the runs only with the shape's index, built in the background.
  if (auto* pg = dynamic_cast<PgStore*>(store_.get())) {
    pg->WaitForScanIndexes();
    // Five shapes: v descending and ascending (in_trash named), box = and v descending, v
    // descending and created_time, v descending without in_trash.
    EXPECT_EQ(pg->ReadyScanIndexes(), 5u);
  }
  Read([&](Txn& txn) { ExpectRunScans(txn); });
  Write([&](Txn& txn) { ExpectRunScans(txn); });
  // A page that changes run (a number becoming text) moves with it.
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(RunPage("r13", R"({"v":"mango","box":true})", 113000))); });
  Read([&](Txn& txn) {
    EXPECT_EQ(RunScan(txn, testing::PropertyTerm("v", RunOp::kGreater, 2), {ByV(true)}),
              (RunIds{"r4", "r10", "r13", "r3", "r12", "r11", "r2", "r9", "r1"}));
    EXPECT_EQ(RunScan(txn, testing::PropertyTerm("v", RunOp::kLess, 10), {ByV(true)}), (RunIds{"r1", "r7", "r8"}));
  });
}

}  // namespace
}  // namespace localnotion::storage
