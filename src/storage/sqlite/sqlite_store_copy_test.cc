// SqliteStore::CopyFrom (for fuzz/pipeline_fuzz.cc): an in-memory store becomes a copy
// of another, whose later writes it does not see and which never sees its own; the
// copy's title search and page scans keep working on both sides (the writer forgets the
// generated columns it made before the copy); a store on a file refuses.
// SqliteStore::HoldWrites and UndoHeldWrites: held writes are read back and told
// durable at once, an undo takes them (and the columns they made) away and keeps what
// was there before the hold, any number of times; a store on a file refuses.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/page_scan.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/temp_store_test_util.h"
#include "storage/store.h"
#include "testing/matchers.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

using testing::ErrorIs;

std::unique_ptr<SqliteStore> Memory() {
  auto opened = SqliteStore::Open(":memory:");
  EXPECT_TRUE(opened.ok());
  return opened.ok() ? std::move(*opened) : nullptr;
}

void Put(Store& store, const PageRecord& page) {
  auto put = InTxn(store, TxnMode::kWrite, [&](Txn& txn) -> Result<bool> {
    LN_RETURN_IF_ERROR(txn.PutPage(page));
    return true;
  });
  ASSERT_TRUE(put.ok()) << put.error().message;
}

// The ids of the pages whose title holds `needle`, and whether page `id` exists.
std::vector<std::string> Titled(Store& store, std::string_view needle) {
  std::vector<std::string> ids;
  auto read = InTxn(store, TxnMode::kRead, [&](Txn& txn) -> Result<bool> {
    LN_ASSIGN_OR_RETURN(std::vector<PageRecord> pages, txn.ScanPagesByTitle(needle));
    for (const PageRecord& p : pages) ids.push_back(p.id);
    return true;
  });
  EXPECT_TRUE(read.ok());
  return ids;
}

bool Has(Store& store, std::string_view id) {
  bool found = false;
  auto read = InTxn(store, TxnMode::kRead, [&](Txn& txn) -> Result<bool> {
    LN_ASSIGN_OR_RETURN(std::optional<PageRecord> page, txn.GetPage(id));
    found = page.has_value();
    return true;
  });
  EXPECT_TRUE(read.ok());
  return found;
}

TEST(SqliteStoreCopyTest, AMemoryStoreBecomesACopyAndBothGoOnAlone) {
  std::unique_ptr<SqliteStore> source = Memory(), copy = Memory();
  ASSERT_TRUE(source && copy);
  Put(*source, TitledPage("a", "Kale salad"));
  Put(*copy, TitledPage("old", "Kale soup"));  // replaced by the copy

  ASSERT_TRUE(copy->CopyFrom(*source).ok());
  EXPECT_TRUE(Has(*copy, "a"));
  EXPECT_FALSE(Has(*copy, "old"));
  EXPECT_EQ(Titled(*copy, "kale"), (std::vector<std::string>{"a"}));

  Put(*copy, TitledPage("b", "Kale chips"));
  Put(*source, TitledPage("c", "Kale pesto"));
  EXPECT_EQ(Titled(*copy, "kale"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Titled(*source, "kale"), (std::vector<std::string>{"a", "c"}));

  // Copied again, the copy forgets its own writes.
  ASSERT_TRUE(copy->CopyFrom(*source).ok());
  EXPECT_EQ(Titled(*copy, "kale"), (std::vector<std::string>{"a", "c"}));
  EXPECT_FALSE(Has(*copy, "b"));
}

// The pages of data source "ds-1" whose number "n" is over 2, scanned in a write
// transaction, which makes the generated column of "n" when it is missing.
std::vector<std::string> NOverTwo(Store& store) {
  PageScan scan;
  scan.parent_id = "ds-1";
  ScanNode where;
  where.term = ScanTerm{ScanField{ScanField::Kind::kProperty, "n"}, ScanTerm::Op::kGreater, 2};
  scan.where = std::move(where);
  std::vector<std::string> ids;
  auto scanned = InTxn(store, TxnMode::kWrite, [&](Txn& txn) -> Result<bool> {
    LN_ASSIGN_OR_RETURN(ids, txn.ScanPageIds(scan));
    return true;
  });
  EXPECT_TRUE(scanned.ok()) << scanned.error().message;
  return ids;
}

TEST(SqliteStoreCopyTest, AColumnMadeBeforeACopyIsMadeAgainAfterIt) {
  std::unique_ptr<SqliteStore> source = Memory(), copy = Memory();
  ASSERT_TRUE(source && copy);
  PageRecord three = TitledPage("a", "Three");
  three.parent_type = "data_source_id";
  three.parent_id = "ds-1";
  three.properties["n"] = 3;
  Put(*source, three);
  ASSERT_TRUE(copy->CopyFrom(*source).ok());
  EXPECT_EQ(NOverTwo(*copy), (std::vector<std::string>{"a"}));  // makes the column in the copy
  ASSERT_TRUE(copy->CopyFrom(*source).ok());                    // the source has none
  EXPECT_EQ(NOverTwo(*copy), (std::vector<std::string>{"a"}));
}

TEST(SqliteStoreCopyTest, AStoreOnAFileRefuses) {
  testing::TempDir dir("ln_store_copy_");
  auto file = SqliteStore::Open(dir.File("test.db"));
  ASSERT_TRUE(file.ok());
  std::unique_ptr<SqliteStore> memory = Memory();
  ASSERT_TRUE(memory);
  EXPECT_THAT((*file)->CopyFrom(*memory),
              ErrorIs(ErrorCode::kInternalServerError, "CopyFrom copies one in-memory store into another"));
  EXPECT_THAT(memory->CopyFrom(**file),
              ErrorIs(ErrorCode::kInternalServerError, "CopyFrom copies one in-memory store into another"));
  EXPECT_THAT(memory->CopyFrom(*memory),
              ErrorIs(ErrorCode::kInternalServerError, "CopyFrom copies one in-memory store into another"));
}

TEST(SqliteStoreHoldTest, AnUndoTakesTheHeldWritesAwayAndKeepsTheRest) {
  std::unique_ptr<SqliteStore> store = Memory();
  ASSERT_TRUE(store);
  Put(*store, TitledPage("a", "Kale salad"));
  ASSERT_TRUE(store->HoldWrites().ok());
  for (int round = 0; round < 3; ++round) {
    Put(*store, TitledPage("b", "Kale chips"));  // Commit returns: told durable at once
    PageRecord renamed = TitledPage("a", "Beet salad");
    Put(*store, renamed);
    EXPECT_TRUE(Has(*store, "b"));
    EXPECT_EQ(Titled(*store, "kale"), (std::vector<std::string>{"b"}));
    EXPECT_EQ(Titled(*store, "beet"), (std::vector<std::string>{"a"}));

    ASSERT_TRUE(store->UndoHeldWrites().ok());
    EXPECT_FALSE(Has(*store, "b")) << "round " << round;
    EXPECT_EQ(Titled(*store, "kale"), (std::vector<std::string>{"a"}));
    EXPECT_EQ(Titled(*store, "beet"), (std::vector<std::string>{}));
  }
}

TEST(SqliteStoreHoldTest, AColumnMadeWhileHeldIsMadeAgainAfterTheUndo) {
  std::unique_ptr<SqliteStore> store = Memory();
  ASSERT_TRUE(store);
  PageRecord three = TitledPage("a", "Three");
  three.parent_type = "data_source_id";
  three.parent_id = "ds-1";
  three.properties["n"] = 3;
  Put(*store, three);
  ASSERT_TRUE(store->HoldWrites().ok());
  EXPECT_EQ(NOverTwo(*store), (std::vector<std::string>{"a"}));  // makes the column, held
  ASSERT_TRUE(store->UndoHeldWrites().ok());                     // and takes it away
  EXPECT_EQ(NOverTwo(*store), (std::vector<std::string>{"a"}));
  ASSERT_TRUE(store->UndoHeldWrites().ok());
  EXPECT_EQ(NOverTwo(*store), (std::vector<std::string>{"a"}));
}

TEST(SqliteStoreHoldTest, OnlyAnInMemoryStoreHoldsAndAHeldStoreIsNotCopied) {
  testing::TempDir dir("ln_store_hold_");
  auto file = SqliteStore::Open(dir.File("test.db"));
  ASSERT_TRUE(file.ok());
  EXPECT_THAT((*file)->HoldWrites(),
              ErrorIs(ErrorCode::kInternalServerError, "only an in-memory store holds its writes"));
  std::unique_ptr<SqliteStore> held = Memory(), other = Memory();
  ASSERT_TRUE(held && other);
  EXPECT_THAT(held->UndoHeldWrites(), ErrorIs(ErrorCode::kInternalServerError, "the writes are not held"));
  ASSERT_TRUE(held->HoldWrites().ok());
  EXPECT_THAT(held->HoldWrites(), ErrorIs(ErrorCode::kInternalServerError, "the writes are held already"));
  EXPECT_THAT(held->CopyFrom(*other),
              ErrorIs(ErrorCode::kInternalServerError, "CopyFrom copies no store whose writes are held"));
  EXPECT_THAT(other->CopyFrom(*held),
              ErrorIs(ErrorCode::kInternalServerError, "CopyFrom copies no store whose writes are held"));
}

}  // namespace
}  // namespace localnotion::storage
