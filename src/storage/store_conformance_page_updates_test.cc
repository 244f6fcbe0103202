// The store conformance suite, page updates (storage/records.h PageUpdate): runs on every
// configuration of store_conformance_test.cc (the suite is instantiated there).
//
// A write that passes what the page was may take a shorter way (SQLite updates a page that
// keeps its parent in place, leaving its parent columns and their index alone); whatever the
// way, the page read back is the page written, it keeps its place in its parent's list, a
// move lists it under its new parent only, and a `before` that was never stored still
// stores the page.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "storage/store_conformance_test_util.h"
#include "testing/json.h"

namespace localnotion::storage {
namespace {

using V = std::vector<std::string>;

PageRecord Row(std::string id, std::string parent, std::string_view title) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = std::move(parent);
  p.properties = testing::J(R"({"title":[{"type":"text","text":{"content":")" + std::string(title) +
                            R"("},"plain_text":")" + std::string(title) + R"("}],"done":false})")
                     .as_object();
  p.icon = nullptr;
  p.cover = nullptr;
  p.created_time = 1666652057123;
  p.created_by = "user-a";
  p.last_edited_time = 1678299935000;
  p.last_edited_by = "user-a";
  return p;
}

std::string Describe(const std::optional<PageRecord>& p) {
  if (!p) return "none";
  std::ostringstream o;
  o << p->id << "|" << p->parent_type << "|" << p->parent_id << "|" << SerializeJson(json::value(p->properties)) << "|"
    << SerializeJson(p->icon) << "|" << SerializeJson(p->cover) << "|trash=" << p->in_trash
    << "|locked=" << p->is_locked << "|" << p->created_time << "|" << p->created_by << "|" << p->last_edited_time << "|"
    << p->last_edited_by;
  return o.str();
}

V Ids(const std::vector<PageRecord>& pages) {
  V ids;
  for (const PageRecord& p : pages) ids.push_back(p.id);
  return ids;
}

V TitleHits(Txn& txn, std::string_view needle) {
  V ids;
  for (const PageRecord& p : LN_VAL(txn.ScanPagesByTitle(needle))) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST_P(StoreConformanceTest, AnUpdateThatKeepsTheParentWritesEveryOtherFieldAndKeepsItsPlace) {
  Write([&](Txn& txn) {
    for (const char* id : {"u-2", "u-1", "u-3"}) LN_ASSERT_OK(txn.PutPage(Row(id, "ds-u", "Plain")));
  });
  const PageRecord before = Row("u-1", "ds-u", "Plain");
  // Without a text change, then with one (the title).
  PageRecord checked = before;
  checked.properties["done"] = true;
  checked.icon = testing::J(R"({"type":"emoji","emoji":"🐞"})");
  checked.cover = testing::J(R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})");
  checked.in_trash = true;
  checked.is_locked = true;
  checked.last_edited_time = 1800000000000;
  checked.last_edited_by = "user-b";
  const std::vector<std::string> done{"done"};
  const PageUpdate check{before, done};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(checked, &check)); });
  ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetPage("u-1"))), Describe(checked)); });

  PageRecord renamed = checked;
  renamed.properties = Row("u-1", "ds-u", "Renamed").properties;
  const std::vector<std::string> title{"title"};
  const PageUpdate rename{checked, title};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(renamed, &rename)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("u-1"))), Describe(renamed));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-u"))), (V{"u-2", "u-1", "u-3"}));
    EXPECT_EQ(TitleHits(txn, "renamed"), V{"u-1"});
    EXPECT_EQ(TitleHits(txn, "plain"), (V{"u-2", "u-3"}));
  });
}

TEST_P(StoreConformanceTest, AnUpdateThatMovesThePageListsItUnderItsNewParentOnly) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(Row("m-1", "ds-a", "Mover")));
    LN_ASSERT_OK(txn.PutPage(Row("m-2", "ds-a", "Stayer")));
  });
  const PageRecord before = Row("m-1", "ds-a", "Mover");
  PageRecord moved = before;
  moved.parent_type = "page_id";
  moved.parent_id = "page-b";
  moved.last_edited_time = 1800000000000;
  const std::vector<std::string> none;
  const PageUpdate move{before, none};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(moved, &move)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("m-1"))), Describe(moved));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-a"))), V{"m-2"});
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("page-b"))), V{"m-1"});
  });
}

// Outside the contract (`before` is the page as stored), and kept anyway: the page is
// stored, as a write without `before` would store it.
TEST_P(StoreConformanceTest, AnUpdateFromABeforeNeverStoredStoresThePage) {
  const PageRecord before = Row("n-1", "ds-n", "Ghost");
  PageRecord after = before;
  after.properties["done"] = true;
  const std::vector<std::string> done{"done"};
  const PageUpdate check{before, done};
  const PageRecord ghost = Row("n-2", "ds-n", "Ghost");
  const PageRecord titled = Row("n-2", "ds-n", "Phantom");
  const std::vector<std::string> title{"title"};
  const PageUpdate rename{ghost, title};
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(after, &check));
    LN_ASSERT_OK(txn.PutPage(titled, &rename));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("n-1"))), Describe(after));
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("n-2"))), Describe(titled));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-n"))), (V{"n-1", "n-2"}));
  });
}

}  // namespace
}  // namespace localnotion::storage
