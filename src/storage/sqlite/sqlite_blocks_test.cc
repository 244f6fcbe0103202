// The blocks table of SqliteStore: rows round-trip, children come back in position
// order without trashed ones, positions shift for inserts, units roll back blocks, and
// Reset empties the table.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "storage/sqlite/temp_store_test_util.h"

namespace localnotion::storage {
namespace {

class SqliteBlocksTest : public TempStoreTest {
 protected:
  void SetUp() override {
    TempStoreTest::SetUp();
    ASSERT_TRUE(store_->BeginUnit().ok());
  }
  void TearDown() override {
    (void)store_->EndUnit(true);
    TempStoreTest::TearDown();
  }

  static BlockRecord Block(std::string id, std::string parent, int64_t position) {
    BlockRecord b;
    b.id = std::move(id);
    b.parent_type = "page_id";
    b.parent_id = std::move(parent);
    b.position = position;
    b.type = "paragraph";
    b.content = json::object{{"rich_text", json::array{}}, {"color", "default"}};
    b.created_time = b.last_edited_time = 1700000000123;
    b.created_by = b.last_edited_by = "u";
    return b;
  }

  std::vector<std::string> Ids(std::string_view parent, int64_t from = 0, int limit = 100) {
    auto list = store_->ListBlockChildren(parent, from, limit);
    EXPECT_TRUE(list.ok());
    std::vector<std::string> ids;
    for (const auto& b : *list) ids.push_back(b.id);
    return ids;
  }
};

TEST_F(SqliteBlocksTest, RoundTripsEveryField) {
  BlockRecord b = Block("b1", "p", 3);
  b.in_trash = true;
  b.content["color"] = "red";
  ASSERT_TRUE(store_->PutBlock(b).ok());
  auto got = store_->GetBlock("b1");
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  const BlockRecord& r = **got;
  EXPECT_EQ(r.parent_type, "page_id");
  EXPECT_EQ(r.parent_id, "p");
  EXPECT_EQ(r.position, 3);
  EXPECT_EQ(r.type, "paragraph");
  EXPECT_EQ(r.content.at("color"), "red");
  EXPECT_TRUE(r.in_trash);
  EXPECT_EQ(r.created_time, 1700000000123);
  EXPECT_FALSE(store_->GetBlock("nope")->has_value());
}

TEST_F(SqliteBlocksTest, ChildrenInPositionOrderWithoutTrash) {
  ASSERT_TRUE(store_->PutBlock(Block("c", "p", 3)).ok());
  ASSERT_TRUE(store_->PutBlock(Block("a", "p", 1)).ok());
  ASSERT_TRUE(store_->PutBlock(Block("b", "p", 2)).ok());
  BlockRecord gone = Block("t", "p", 4);
  gone.in_trash = true;
  ASSERT_TRUE(store_->PutBlock(gone).ok());
  ASSERT_TRUE(store_->PutBlock(Block("other", "q", 1)).ok());
  EXPECT_EQ(Ids("p"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Ids("p", 2, 1), (std::vector<std::string>{"b"}));
  EXPECT_EQ(*store_->LastBlockPosition("p"), 4);  // trashed children count for positions
  EXPECT_EQ(*store_->LastBlockPosition("empty"), 0);
}

TEST_F(SqliteBlocksTest, ShiftOpensAGapAfterAPosition) {
  ASSERT_TRUE(store_->PutBlock(Block("a", "p", 1)).ok());
  ASSERT_TRUE(store_->PutBlock(Block("b", "p", 2)).ok());
  ASSERT_TRUE(store_->ShiftBlockPositions("p", 1, 2).ok());
  ASSERT_TRUE(store_->PutBlock(Block("x", "p", 2)).ok());
  ASSERT_TRUE(store_->PutBlock(Block("y", "p", 3)).ok());
  EXPECT_EQ(Ids("p"), (std::vector<std::string>{"a", "x", "y", "b"}));
}

TEST_F(SqliteBlocksTest, RolledBackUnitLeavesNoBlockAndResetEmpties) {
  ASSERT_TRUE(store_->PutBlock(Block("kept", "p", 1)).ok());
  ASSERT_TRUE(store_->EndUnit(true).ok());
  ASSERT_TRUE(store_->BeginUnit().ok());
  ASSERT_TRUE(store_->PutBlock(Block("lost", "p", 2)).ok());
  ASSERT_TRUE(store_->EndUnit(false).ok());
  ASSERT_TRUE(store_->BeginUnit().ok());
  EXPECT_EQ(Ids("p"), (std::vector<std::string>{"kept"}));
  ASSERT_TRUE(store_->Reset(true).ok());
  EXPECT_TRUE(Ids("p").empty());
}

}  // namespace
}  // namespace localnotion::storage
