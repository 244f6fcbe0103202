// PageRecords::ScanPagesByTitle on SQLite: pages whose folded title contains the needle,
// in creation order, with Unicode case folding; an empty needle selects every page; a
// row whose folded title was never written (before migration 5) is still returned.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "storage/sqlite/page_text.h"
#include "storage/sqlite/page_titles.h"
#include "storage/sqlite/temp_store_test_util.h"

namespace localnotion::storage {
namespace {

std::vector<std::string> Ids(const Result<std::vector<PageRecord>>& pages) {
  std::vector<std::string> out;
  EXPECT_TRUE(pages.ok());
  if (!pages.ok()) return out;
  for (const auto& p : *pages) out.push_back(p.id);
  return out;
}

class PageTitlesTest : public TempStoreTest {
 protected:
  void SetUp() override {
    TempStoreTest::SetUp();
    for (auto [id, title] : {std::pair{"a", "École"}, {"b", "Kale"}, {"c", "ÉCOLE du soir"}, {"d", "kALE"}}) {
      ASSERT_TRUE(store_->PutPage(TitledPage(id, title)).ok());
    }
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
};

TEST_F(PageTitlesTest, FoldedTitleIsThePlainTextFolded) {
  EXPECT_EQ(FoldedPageTitle(TitledPage("x", "ÉCOLE Kale")), "école kale");
  PageRecord untitled = TitledPage("y", "");
  untitled.properties = json::object{};
  EXPECT_EQ(FoldedPageTitle(untitled), "");
}

TEST_F(PageTitlesTest, MatchesFoldedTitlesInCreationOrder) {
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("école")), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("kale")), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("")), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(Ids(store_->ScanPagesByTitle("nothing")).empty());
}

TEST_F(PageTitlesTest, RewrittenTitleIsRescannedAndOrderKept) {
  ASSERT_TRUE(store_->PutPage(TitledPage("a", "Kale salad")).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("kale")), (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("école")), (std::vector<std::string>{"c"}));
}

// The trigram phrase holds only a needle's first characters (FtsPhrase): a page whose
// title holds just that prefix is not a match, one that holds the whole needle is.
TEST_F(PageTitlesTest, NeedleLongerThanThePhraseMatchesWholly) {
  const std::string prefix(kMaxFtsPhraseChars, 'q');
  ASSERT_TRUE(store_->PutPage(TitledPage("e", prefix + "x tail")).ok());
  ASSERT_TRUE(store_->PutPage(TitledPage("f", "head " + prefix + "yz")).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Ids(store_->ScanPagesByTitle(prefix + "y")), (std::vector<std::string>{"f"}));
  EXPECT_EQ(Ids(store_->ScanPagesByTitle(prefix)), (std::vector<std::string>{"e", "f"}));
  EXPECT_TRUE(Ids(store_->ScanPagesByTitle(std::string(200000, 'q'))).empty());
}

TEST_F(PageTitlesTest, RowWithoutFoldedTitleIsACandidate) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE pages SET title_folded = NULL WHERE id = 'b'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Reopen();
  EXPECT_EQ(Ids(store_->ScanPagesByTitle("école")), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace localnotion::storage
