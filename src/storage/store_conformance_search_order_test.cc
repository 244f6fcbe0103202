// The store conformance suite, search's order of pages (PageRecords::ListPageHeadsByEdit):
// runs on every configuration of store_conformance_test.cc (the suite is instantiated
// there). Each store's answer is compared with the order's definition (PageHeadsByEdit
// over ListPageHeads) and with the lists written out by hand.
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"
#include "testing/json.h"

namespace localnotion::storage {
namespace {

using EditOrderIds = std::vector<std::string>;

EditOrderIds EditOrderIdsOf(const std::optional<std::vector<PageHead>>& heads) {
  EditOrderIds ids;
  for (const PageHead& h : *heads) ids.push_back(h.id);
  return ids;
}

PageRecord Edited(std::string id, Millis edited, bool trashed = false) {
  PageRecord p = PropsPage(std::move(id), R"({"title":[]})", trashed, "ds-e");
  p.created_time = 1700000000000;
  p.last_edited_time = edited;
  return p;
}

// e6, e4 and e2 edited at the same time (1,000) and created in that order (not the order
// of their ids), e5 in the trash, e7 edited last of all by a second write.
void PutEditedPages(Txn& txn) {
  LN_ASSERT_OK(txn.PutPage(Edited("e1", 3000)));
  LN_ASSERT_OK(txn.PutPage(Edited("e6", 1000)));
  LN_ASSERT_OK(txn.PutPage(Edited("e3", 2000)));
  LN_ASSERT_OK(txn.PutPage(Edited("e4", 1000)));
  LN_ASSERT_OK(txn.PutPage(Edited("e5", 2500, /*trashed=*/true)));
  LN_ASSERT_OK(txn.PutPage(Edited("e2", 1000)));
  LN_ASSERT_OK(txn.PutPage(Edited("e7", 500)));
}

TEST_P(StoreConformanceTest, PageHeadsByEditAreNewestFirstTiesInCreationOrderWithoutTheTrash) {
  Write([&](Txn& txn) { PutEditedPages(txn); });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(Edited("e7", 4000))); });
  ReadBoth([&](Txn& txn) {
    auto list = [&](bool ascending, std::optional<EditOrderStart> start, size_t limit) {
      auto heads = LN_VAL(txn.ListPageHeadsByEdit(ascending, start, limit));
      EXPECT_TRUE(heads.has_value());
      // The store answers as the order's definition does over every head.
      auto defined = PageHeadsByEdit(LN_VAL(txn.ListPageHeads()), ascending, start, limit);
      EXPECT_EQ(EditOrderIdsOf(heads), EditOrderIdsOf(defined));
      return heads ? EditOrderIdsOf(heads) : EditOrderIds{"(none)"};
    };
    EXPECT_EQ(list(false, std::nullopt, 100), (EditOrderIds{"e7", "e1", "e3", "e6", "e4", "e2"}));
    EXPECT_EQ(list(true, std::nullopt, 100), (EditOrderIds{"e6", "e4", "e2", "e3", "e1", "e7"}));
    EXPECT_EQ(list(false, std::nullopt, 2), (EditOrderIds{"e7", "e1"}));
    EXPECT_EQ(list(false, std::nullopt, 0), EditOrderIds{});
    // From a page: that page first, ties after it in creation order, the trash left out.
    EXPECT_EQ(list(false, EditOrderStart{"e4", 0}, 100), (EditOrderIds{"e4", "e2"}));
    EXPECT_EQ(list(true, EditOrderStart{"e4", 0}, 2), (EditOrderIds{"e4", "e2"}));
    EXPECT_EQ(list(true, EditOrderStart{"e3", 0}, 100), (EditOrderIds{"e3", "e1", "e7"}));
    // A trashed page is not listed but has its place.
    EXPECT_EQ(list(false, EditOrderStart{"e5", 0}, 100), (EditOrderIds{"e3", "e6", "e4", "e2"}));
    // Past an edit time: every page edited then is left out, whichever the direction.
    EXPECT_EQ(list(false, EditOrderStart{"", 1000}, 100), EditOrderIds{});
    EXPECT_EQ(list(false, EditOrderStart{"", 2000}, 100), (EditOrderIds{"e6", "e4", "e2"}));
    EXPECT_EQ(list(true, EditOrderStart{"", 1000}, 100), (EditOrderIds{"e3", "e1", "e7"}));
    EXPECT_EQ(list(true, EditOrderStart{"", 999}, 1), (EditOrderIds{"e6"}));
    // A page that does not exist: no list.
    EXPECT_FALSE(LN_VAL(txn.ListPageHeadsByEdit(false, EditOrderStart{"nope", 0}, 10)).has_value());
  });
}

// Writes `page` again edited at `edited`, saying what it was before, as a PATCH does
// (PageUpdate): SQLite then updates the row in place and moves its edit second only when
// the second changes (migration 13).
void EditAgain(Txn& txn, PageRecord& page, Millis edited) {
  const PageRecord before = page;
  page.properties["n"] = edited;
  page.last_edited_time = edited;
  const std::vector<std::string> changed{"n"};
  const PageUpdate update{&before, &changed};
  LN_ASSERT_OK(txn.PutPage(page, &update));
}

TEST_P(StoreConformanceTest, PageHeadsByEditFollowUpdatesWithinASecondAndAcrossSeconds) {
  PageRecord a = Edited("s-a", 1100), b = Edited("s-b", 1500), c = Edited("s-c", 2500);
  Write([&](Txn& txn) {
    for (PageRecord* p : {&a, &b, &c}) LN_ASSERT_OK(txn.PutPage(*p));
  });
  auto expect_order = [&](const EditOrderIds& newest_first) {
    ReadBoth([&](Txn& txn) {
      // Every length: a store that sorted the pages it took in the wrong order right
      // would still answer the whole list right.
      const EditOrderIds oldest_first(newest_first.rbegin(), newest_first.rend());
      for (size_t n = 1; n <= newest_first.size(); ++n) {
        EXPECT_EQ(EditOrderIdsOf(LN_VAL(txn.ListPageHeadsByEdit(false, std::nullopt, n))),
                  EditOrderIds(newest_first.begin(), newest_first.begin() + n));
        EXPECT_EQ(EditOrderIdsOf(LN_VAL(txn.ListPageHeadsByEdit(true, std::nullopt, n))),
                  EditOrderIds(oldest_first.begin(), oldest_first.begin() + n));
      }
      // From the second page on, and past the newest's edit time.
      EXPECT_EQ(EditOrderIdsOf(LN_VAL(txn.ListPageHeadsByEdit(false, EditOrderStart{newest_first[1], 0}, 10))),
                EditOrderIds(newest_first.begin() + 1, newest_first.end()));
      std::optional<PageRecord> newest = LN_VAL(txn.GetPage(newest_first[0]));
      ASSERT_TRUE(newest.has_value());
      EXPECT_EQ(
          EditOrderIdsOf(LN_VAL(txn.ListPageHeadsByEdit(false, EditOrderStart{"", newest->last_edited_time}, 10))),
          EditOrderIds(newest_first.begin() + 1, newest_first.end()));
    });
  };
  expect_order({"s-c", "s-b", "s-a"});
  Write([&](Txn& txn) { EditAgain(txn, a, 1900); });  // the same second
  expect_order({"s-c", "s-a", "s-b"});
  Write([&](Txn& txn) { EditAgain(txn, b, 3200); });  // second 1 to 3
  expect_order({"s-b", "s-c", "s-a"});
  Write([&](Txn& txn) { EditAgain(txn, c, 3100); });  // second 2 to 3
  expect_order({"s-b", "s-c", "s-a"});
  Write([&](Txn& txn) {
    EditAgain(txn, a, 3150);  // second 1 to 3, then within it
    EditAgain(txn, a, 3900);
  });
  expect_order({"s-a", "s-b", "s-c"});
}

}  // namespace
}  // namespace localnotion::storage
