// page_text on SQLite (sqlite/page_text.h): which rows a page has, exact answers to text
// terms (the conformance suite only checks what every backend promises), and migration
// 10's backfill of an older store.
#include "storage/sqlite/page_text.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "storage/sqlite/temp_store_test_util.h"
#include "testing/json.h"

namespace localnotion::storage {
namespace {

using V = std::vector<std::string>;
using Op = ScanTerm::Op;

PageRecord Page(std::string id, std::string_view props) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = "ds";
  p.properties = testing::J(props).as_object();
  p.icon = nullptr;
  p.cover = nullptr;
  p.created_by = p.last_edited_by = "u";
  return p;
}

PageScan TextScan(std::string property, Op op, std::string needle) {
  PageScan s{"ds"};
  s.in_trash = false;
  s.where = ScanNode{};
  s.where->term = ScanTerm{ScanField{ScanField::Kind::kProperty, std::move(property)}, op, json::value(needle)};
  return s;
}

TEST(PageTextRowsTest, OneRowPerTextValueFoldedWithMentionsUnsettled) {
  PageRecord p = Page("p", R"({"title":[{"type":"text","plain_text":"ÀB"},{"type":"text","text":{"content":"Ωc"}}],
    "url":"HTTP://X","n":3,"empty":[],"e":"","m":[{"type":"mention","plain_text":""}],"list":["a","b"]})");
  std::vector<PageText> rows = PageTexts(p);
  ASSERT_EQ(rows.size(), 3u);
  // Keys in the object's order: title, url, m ("list" has no plain text).
  EXPECT_EQ(rows[0].property_id, "title");
  EXPECT_EQ(rows[0].folded, "àbωc");
  EXPECT_FALSE(rows[0].unsettled);
  EXPECT_EQ(rows[1].folded, "http://x");
  EXPECT_EQ(rows[2].property_id, "m");
  EXPECT_TRUE(rows[2].unsettled);
}

TEST(PageTextRowsTest, FtsPhraseQuotesTheNeedle) {
  EXPECT_EQ(FtsPhrase(R"(a"b AND c*)"), R"("a""b AND c*")");
  EXPECT_TRUE(TrigramSearchable("abc"));
  EXPECT_TRUE(TrigramSearchable("ééé"));
  EXPECT_FALSE(TrigramSearchable("éé"));
}

class PageTextStoreTest : public TempStoreTest {
 protected:
  void SetUp() override {
    TempStoreTest::SetUp();
    ASSERT_TRUE(store_->PutPage(Page("a", R"({"title":[{"type":"text","plain_text":"Été à PARIS"}]})")).ok());
    ASSERT_TRUE(store_->PutPage(Page("b", R"({"title":[{"type":"text","plain_text":"Parisienne"}]})")).ok());
    ASSERT_TRUE(store_->PutPage(Page("c", R"({"title":[{"type":"mention","plain_text":"@Someone"}]})")).ok());
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
  V Scan(const PageScan& s) {
    auto r = store_->ScanPageIds(s);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : V{};
  }
};

TEST_F(PageTextStoreTest, TextTermsAreExactOnSettledValuesAndKeepUnsettledOnes) {
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "paris")), (V{"a", "b", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextStartsWith, "paris")), (V{"b", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextEndsWith, "paris")), (V{"a", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextEndsWith, "à paris")), (V{"a", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "xyz")), (V{"c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "é")), (V{"a", "c"}));
  PageScan u = TextScan("title", Op::kTextUnsettled, "");
  EXPECT_EQ(Scan(u), (V{"c"}));
}

TEST_F(PageTextStoreTest, MigrationTenFillsTheTextOfAnOlderStore) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  // The store as migration 9 left it: no page_text at all.
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP TABLE page_text_fts; DROP TABLE page_text; DROP INDEX pages_title_unfolded; "
                         "PRAGMA user_version = 9;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  Reopen();
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "paris")), (V{"a", "b", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextStartsWith, "été")), (V{"a", "c"}));
  auto titles = store_->ScanPagesByTitle("parisi");
  ASSERT_TRUE(titles.ok());
  ASSERT_EQ(titles->size(), 2u);
  EXPECT_EQ((*titles)[0].id, "b");
  EXPECT_EQ((*titles)[1].id, "c");
}

}  // namespace
}  // namespace localnotion::storage
