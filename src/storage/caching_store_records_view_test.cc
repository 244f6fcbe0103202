// Txn::CachedRecordsView of the CachingStore (over SQLite, as OpenStore makes it): equal
// views read the same integrations and shares. A commit that writes them moves the view;
// a transaction that wrote them, or a read that began before such a commit, has none;
// page writes leave it; two stores never share one.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "storage/store.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

class RecordsViewTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> Open(const std::string& name) {
    auto opened = OpenStore("sqlite:" + dir_.File(name));
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  static std::unique_ptr<Txn> Begin(Store& store, TxnMode mode) {
    auto txn = store.Begin(mode);
    EXPECT_TRUE(txn.ok()) << txn.error().message;
    return txn.ok() ? std::move(txn).value() : nullptr;
  }
  // The view of a new read transaction, which reads a share first (as authentication
  // does, so that its snapshot is taken).
  static std::optional<Txn::RecordsView> ReadView(Store& store) {
    auto txn = Begin(store, TxnMode::kRead);
    EXPECT_TRUE(txn->ListShares("i1").ok());
    return txn->CachedRecordsView();
  }

  ::localnotion::testing::TempDir dir_{"ln_records_view_"};
};

TEST_F(RecordsViewTest, CommitsOfRecordsMoveTheViewAndPageWritesDoNot) {
  auto store = Open("a.db");
  const std::optional<Txn::RecordsView> first = ReadView(*store);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(ReadView(*store), first);

  auto write = Begin(*store, TxnMode::kWrite);
  EXPECT_EQ(write->CachedRecordsView(), first);  // nothing written yet
  ASSERT_TRUE(write->PutShare("i1", "p1").ok());
  EXPECT_EQ(write->CachedRecordsView(), std::nullopt);  // it wrote shares
  ASSERT_TRUE(write->Commit().ok());
  const std::optional<Txn::RecordsView> second = ReadView(*store);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second, first);

  // A read that began before a commit of an integration has no view once it committed.
  auto older = Begin(*store, TxnMode::kRead);
  ASSERT_TRUE(older->ListShares("i1").ok());
  EXPECT_EQ(older->CachedRecordsView(), second);
  auto writer = Begin(*store, TxnMode::kWrite);
  ASSERT_TRUE(writer->PutIntegration(IntegrationRecord{"i2", "Two", "hash2", "bot2", "read", 1}).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(older->CachedRecordsView(), std::nullopt);
  older.reset();
  const std::optional<Txn::RecordsView> third = ReadView(*store);
  ASSERT_TRUE(third.has_value());
  EXPECT_NE(third, second);

  // A page written and committed leaves the records, and the view, as they were.
  auto page_write = Begin(*store, TxnMode::kWrite);
  PageRecord page;
  page.id = "00000000-0000-4000-8000-000000000001";
  page.parent_type = "workspace";
  page.parent_id = "workspace";
  page.properties = json::object{};
  ASSERT_TRUE(page_write->PutPage(page).ok());
  EXPECT_EQ(page_write->CachedRecordsView(), third);
  ASSERT_TRUE(page_write->Commit().ok());
  EXPECT_EQ(ReadView(*store), third);

  // Another store's views never equal this one's.
  auto other = Open("b.db");
  const std::optional<Txn::RecordsView> elsewhere = ReadView(*other);
  ASSERT_TRUE(elsewhere.has_value());
  EXPECT_NE(elsewhere->store, third->store);
}

}  // namespace
}  // namespace localnotion::storage
