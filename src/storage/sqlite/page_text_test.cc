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

// A 200 KB search query made a phrase of 200,000 trigrams, which took over a minute
// under ASan (issue 15's e2e run): the phrase holds the needle's first 64 characters,
// cut between characters, never inside one or inside a doubled quote.
TEST(PageTextRowsTest, FtsPhraseHoldsABoundedPrefix) {
  EXPECT_EQ(FtsPhrase(std::string(200000, 'q')), "\"" + std::string(kMaxFtsPhraseChars, 'q') + "\"");
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "é";
  std::string expected;
  for (size_t i = 0; i < kMaxFtsPhraseChars; ++i) expected += "é";
  EXPECT_EQ(FtsPhrase(accents), "\"" + expected + "\"");
  EXPECT_EQ(FtsPhrase(std::string(63, 'a') + "\"\"bc"), "\"" + std::string(63, 'a') + "\"\"\"");
  EXPECT_EQ(FtsPhrase(std::string(64, 'a')), "\"" + std::string(64, 'a') + "\"");
}

TEST(PageTextRowsTest, EditsOnlyForChangedPropertiesWhoseRowChanges) {
  const PageRecord before = Page("p", R"({"title":[{"type":"text","plain_text":"Paris"}],"done":false,"n":1,
    "notes":[{"type":"text","plain_text":"Old","annotations":{"bold":false}}],"url":"https://a.b","m":3})");
  auto edits = [&](std::string_view after_props, std::vector<std::string> changed) {
    const PageRecord after = Page("p", after_props);
    return PageTextEdits(PageUpdate{&before, &changed}, after);
  };
  // A checkbox and a number: no row either side, nothing folded.
  EXPECT_TRUE(edits(R"({"title":[{"type":"text","plain_text":"Paris"}],"done":true,"n":2,
    "notes":[{"type":"text","plain_text":"Old","annotations":{"bold":false}}],"url":"https://a.b","m":3})",
                    {"done", "n"})
                  .empty());
  // Bold text: the value changed, its text did not.
  EXPECT_TRUE(edits(R"({"title":[{"type":"text","plain_text":"Paris"}],"done":false,"n":1,
    "notes":[{"type":"text","plain_text":"Old","annotations":{"bold":true}}],"url":"https://a.b","m":3})",
                    {"notes"})
                  .empty());
  // New text, a removed url, a number that became text; "title" is not named as changed,
  // so its (different) text is not looked at: the caller's list is trusted.
  std::vector<PageTextEdit> e = edits(R"({"title":[{"type":"text","plain_text":"Lyon"}],"done":false,"n":1,
    "notes":[{"type":"text","plain_text":"NEW"}],"m":"Été"})",
                                      {"m", "notes", "url"});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].property_id, "m");
  ASSERT_TRUE(e[0].row.has_value());
  EXPECT_EQ(e[0].row->folded, "été");
  EXPECT_EQ(e[1].property_id, "notes");
  ASSERT_TRUE(e[1].row.has_value());
  EXPECT_EQ(e[1].row->folded, "new");
  EXPECT_FALSE(e[1].row->unsettled);
  EXPECT_EQ(e[2].property_id, "url");
  EXPECT_FALSE(e[2].row.has_value());
  // Text that became a mention with the same plain_text: unsettled now.
  e = edits(R"({"title":[{"type":"mention","plain_text":"Paris"}]})", {"title"});
  ASSERT_EQ(e.size(), 1u);
  ASSERT_TRUE(e[0].row.has_value());
  EXPECT_TRUE(e[0].row->unsettled);
  // The same text in another shape (a string that became rich text): no edit.
  EXPECT_TRUE(edits(R"({"m":[{"type":"text","plain_text":"3"}],"url":"https://a.b"})", {"url"}).empty());
  EXPECT_TRUE(edits(R"({"url":[{"type":"text","plain_text":"https://a.b"}]})", {"url"}).empty());
  // A text changed only in case: an edit, whose row is the one the page had.
  e = edits(R"({"title":[{"type":"text","plain_text":"PARIS"}]})", {"title"});
  ASSERT_EQ(e.size(), 1u);
  ASSERT_TRUE(e[0].row.has_value());
  EXPECT_EQ(e[0].row->folded, "paris");
  EXPECT_FALSE(e[0].row->unsettled);
  // Empty text before and after (no row either side): no edit.
  const PageRecord empty = Page("p", R"({"notes":[]})");
  const std::vector<std::string> notes{"notes"};
  EXPECT_TRUE(PageTextEdits(PageUpdate{&empty, &notes}, Page("p", R"({"notes":""})")).empty());
}

// The schema of a database with a title, a url, a rich text, a select and a status.
schema::Schema TextAndOptionsSchema() {
  return schema::Schema{{"title", "Name", "title", {}},
                        {"url", "Link", "url", {}},
                        {"notes", "Notes", "rich_text", {}},
                        {"sel", "title", "select", {}},
                        {"st", "Status", "status", {}}};
}

// No query reads the text of a select's or a status's stored option id: with the schema,
// those values have no row, nor has a value whose property the schema does not hold;
// the select named "title" (a name equal to another property's id) is looked up by id.
TEST(PageTextRowsTest, WithTheSchemaOnlyPropertiesOfTextTypesHaveRows) {
  const schema::Schema schema = TextAndOptionsSchema();
  const PageRecord p = Page("p", R"({"title":[{"type":"text","plain_text":"A"}],"url":"https://x","sel":"opt-1",
    "st":"status-2","notes":[{"type":"text","plain_text":"N"}],"gone":"text of a deleted property"})");
  V ids;
  for (const PageText& row : PageTexts(p, &schema)) ids.push_back(row.property_id);
  EXPECT_EQ(ids, (V{"title", "url", "notes"}));
  ids.clear();
  for (const PageText& row : PageTexts(p)) ids.push_back(row.property_id);
  EXPECT_EQ(ids, (V{"title", "url", "sel", "st", "notes", "gone"}));
  EXPECT_TRUE(MayHaveTextRow(nullptr, "sel"));
  EXPECT_FALSE(MayHaveTextRow(&schema, "sel"));
  EXPECT_TRUE(MayHaveTextRow(&schema, "url"));
  EXPECT_FALSE(MayHaveTextRow(&schema, "Link"));  // a name, not an id

  // A write of the select, the status and the url: only the url's row changes.
  const PageRecord after = Page("p", R"({"title":[{"type":"text","plain_text":"A"}],"url":"https://y","sel":"opt-2",
    "st":"status-3","notes":[{"type":"text","plain_text":"N"}]})");
  const V changed{"sel", "st", "url"};
  const std::vector<PageTextEdit> edits = PageTextEdits(PageUpdate{&p, &changed, &schema}, after);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].property_id, "url");
  ASSERT_TRUE(edits[0].row.has_value());
  EXPECT_EQ(edits[0].row->folded, "https://y");
  EXPECT_EQ(PageTextEdits(PageUpdate{&p, &changed}, after).size(), 3u);
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
  PageRecord Stored(const std::string& id) {
    auto page = store_->GetPage(id);
    EXPECT_TRUE(page.ok() && page->has_value());
    return page.ok() && page->has_value() ? **page : PageRecord{};
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

// The page_text rows of the store, as (id, property id, folded, unsettled), read through
// a connection of the test's own.
V RowsOf(const std::string& path) {
  sqlite3* db = nullptr;
  V rows;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(
      sqlite3_prepare_v2(db, "SELECT id, property_id, folded, unsettled FROM page_text ORDER BY id", -1, &st, nullptr),
      SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    rows.push_back(std::to_string(sqlite3_column_int64(st, 0)) + " " +
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 1)) + " " +
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 2)) + " " +
                   std::to_string(sqlite3_column_int64(st, 3)));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

TEST_F(PageTextStoreTest, AnUpdateOfATextPropertyReplacesItsRowInTheIndex) {
  PageRecord before = Stored("a");
  PageRecord after = before;
  after.properties["title"] = testing::J(R"([{"type":"text","plain_text":"Lyon en été"}])");
  after.properties["notes"] = testing::J(R"([{"type":"text","plain_text":"Quai de Saône"}])");
  const std::vector<std::string> changed{"notes", "title"};
  const PageUpdate update{&before, &changed};
  ASSERT_TRUE(store_->PutPage(after, &update).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  // The old text is no longer found, the new one is (c is an unsettled mention).
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "paris")), (V{"b", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextEndsWith, "à paris")), (V{"c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "lyon")), (V{"a", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextEndsWith, "en été")), (V{"a", "c"}));
  EXPECT_EQ(Scan(TextScan("notes", Op::kTextContains, "saône")), (V{"a"}));
  auto titles = store_->ScanPagesByTitle("lyon");
  ASSERT_TRUE(titles.ok());
  ASSERT_EQ(titles->size(), 2u);
  EXPECT_EQ((*titles)[0].id, "a");
  // The text removed again: its row goes.
  before = after;
  after.properties.erase("notes");
  const std::vector<std::string> removed{"notes"};
  const PageUpdate removal{&before, &removed};
  ASSERT_TRUE(store_->PutPage(after, &removal).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Scan(TextScan("notes", Op::kTextContains, "saône")), (V{}));
  EXPECT_EQ(Scan(TextScan("notes", Op::kTextContains, "")), (V{"a", "b", "c"}));
}

// A title changed only in case folds to the row it had: the row is written again in
// place (same id, same text) and every text term finds the page as before.
TEST_F(PageTextStoreTest, ATextChangedOnlyInCaseKeepsItsRow) {
  const V rows{"1 title été à paris 0", "2 title parisienne 0", "3 title @someone 1"};
  ASSERT_EQ(RowsOf(path_), rows);
  PageRecord before = Stored("a");
  PageRecord after = before;
  after.properties["title"] = testing::J(R"([{"type":"text","plain_text":"ÉTÉ À Paris"}])");
  const std::vector<std::string> changed{"title"};
  const PageUpdate update{&before, &changed};
  ASSERT_TRUE(store_->PutPage(after, &update).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), rows);
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "paris")), (V{"a", "b", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextStartsWith, "été à")), (V{"a", "c"}));
}

// An edit whose value held a mention before exactly when it holds one now writes the
// text alone (PageTextEdit::same_unsettled); the others write `unsettled` too. Each row
// keeps its id, a value without a row gets one, and the unsettled rows are the ones the
// partial index finds.
TEST_F(PageTextStoreTest, AChangedTextKeepsOrChangesItsUnsettledFlag) {
  auto write = [&](const std::string& id, std::string_view property, std::string_view value) {
    PageRecord before = Stored(id);
    PageRecord after = before;
    after.properties[property] = testing::J(value);
    const std::vector<std::string> changed{std::string(property)};
    const PageUpdate update{&before, &changed};
    const std::vector<PageTextEdit> edits = PageTextEdits(update, after);
    EXPECT_EQ(edits.size(), 1u);
    EXPECT_TRUE(store_->PutPage(after, &update).ok());
    EXPECT_TRUE(store_->CommitBatch().ok());
    return edits.empty() ? false : edits[0].same_unsettled;
  };
  // c's mention, another mention: still unsettled, the text alone written.
  EXPECT_TRUE(write("c", "title", R"([{"type":"mention","plain_text":"@Other"}])"));
  // a's text became a mention, b's a text again after one: both flags written.
  EXPECT_FALSE(write("a", "title", R"([{"type":"mention","plain_text":"@Paris"}])"));
  EXPECT_TRUE(write("b", "title", R"([{"type":"text","plain_text":"Nice"}])"));
  EXPECT_FALSE(write("b", "title", R"([{"type":"mention","plain_text":"@Nice"}])"));
  EXPECT_FALSE(write("b", "title", R"([{"type":"text","plain_text":"Nice"}])"));
  // A text where b had none: inserted, settled.
  EXPECT_TRUE(write("b", "notes", R"([{"type":"text","plain_text":"Promenade"}])"));
  EXPECT_EQ(RowsOf(path_), (V{"1 title @paris 1", "2 title nice 0", "3 title @other 1", "4 notes promenade 0"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextUnsettled, "")), (V{"a", "c"}));
  EXPECT_EQ(Scan(TextScan("title", Op::kTextContains, "nice")), (V{"a", "b", "c"}));
  EXPECT_EQ(Scan(TextScan("notes", Op::kTextContains, "promenade")), (V{"b"}));
}

TEST_F(PageTextStoreTest, AnUpdateThatChangesNoTextLeavesTheRowsAsTheyWere) {
  PageRecord before = Stored("a");
  before.properties["done"] = false;
  ASSERT_TRUE(store_->PutPage(before).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), (V{"1 title été à paris 0", "2 title parisienne 0", "3 title @someone 1"}));
  // A mark the writer would see: a's row called unsettled (the trigram index reads only
  // `folded`, so it stays consistent).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE page_text SET unsettled = 1 WHERE id = 1", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  const V marked{"1 title été à paris 1", "2 title parisienne 0", "3 title @someone 1"};
  ASSERT_EQ(RowsOf(path_), marked);
  // A checkbox and the page's edit time change: page_text is neither read nor written.
  PageRecord after = before;
  after.properties["done"] = true;
  after.last_edited_time = 42;
  const std::vector<std::string> changed{"done"};
  const PageUpdate update{&before, &changed};
  ASSERT_TRUE(store_->PutPage(after, &update).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), marked);
  EXPECT_EQ(Stored("a").last_edited_time, 42);
  EXPECT_EQ(Stored("a").properties.at("done"), json::value(true));
  // Without the hint every row is compared with the page: the mark is seen and the row
  // written again, in place (it keeps its id).
  ASSERT_TRUE(store_->PutPage(after).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), (V{"1 title été à paris 0", "2 title parisienne 0", "3 title @someone 1"}));
}

// A new page written with its schema gets rows for its text only; a later write of its
// select and status with the schema leaves page_text alone, and a write without the
// schema (a writer that does not know it) derives the rows from the values' shapes.
TEST_F(PageTextStoreTest, AWriteWithTheSchemaWritesNoRowForOptionIds) {
  const schema::Schema schema = TextAndOptionsSchema();
  const PageRecord page = Page("d", R"({"title":[{"type":"text","plain_text":"Dune"}],"sel":"opt-1","st":"s-1"})");
  const PageUpdate created{nullptr, nullptr, &schema};
  ASSERT_TRUE(store_->PutPage(page, &created).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  const V rows{"1 title été à paris 0", "2 title parisienne 0", "3 title @someone 1", "4 title dune 0"};
  EXPECT_EQ(RowsOf(path_), rows);
  PageRecord after = page;
  after.properties["sel"] = "opt-2";
  after.properties["st"] = "s-2";
  const V changed{"sel", "st"};
  const PageUpdate update{&page, &changed, &schema};
  ASSERT_TRUE(store_->PutPage(after, &update).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), rows);
  EXPECT_EQ(Stored("d").properties.at("sel"), json::value("opt-2"));
  ASSERT_TRUE(store_->PutPage(after).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), (V{"1 title été à paris 0", "2 title parisienne 0", "3 title @someone 1", "4 title dune 0",
                              "5 sel opt-2 0", "6 st s-2 0"}));
  // Written again with the schema, every row is compared with the page's: the option
  // rows go.
  ASSERT_TRUE(store_->PutPage(after, &created).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(RowsOf(path_), rows);
}

TEST_F(PageTextStoreTest, MigrationTenFillsTheTextOfAnOlderStore) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  // The store as migration 9 left it: no page_text at all.
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP TABLE page_text_fts; DROP TABLE page_text; DROP TABLE page_text_pending; "
                         "DROP INDEX pages_title_unfolded; "
                         "DROP INDEX pages_by_edit_second; ALTER TABLE pages DROP COLUMN edit_second; "
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
