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
#include <atomic>
#include <functional>
#include <initializer_list>
#include <sstream>
#include <thread>
#include <utility>

#include "storage/page_scan.h"
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

// Reads page `id` in `txn`, sets one value, writes the page and hands it over, as a PATCH
// does (Txn::KeepWrittenPage).
void SetAndWrite(Txn& txn, const std::string& id, std::string_view key, json::value value) {
  std::optional<PageRecord> read = LN_VAL(txn.GetPage(id));
  ASSERT_TRUE(read.has_value()) << id;
  read->properties[key] = std::move(value);
  LN_ASSERT_OK(txn.PutPage(*read));
  txn.KeepWrittenPage(std::move(*read));
}

// Sets `values` on `page` (a page read in `txn`) and writes it saying what changed, as a
// PATCH does (PageUpdate).
void PutChanging(Txn& txn, PageRecord& page, std::initializer_list<std::pair<std::string, json::value>> values) {
  const PageRecord before = page;
  std::vector<std::string> changed;
  for (const auto& [key, value] : values) {
    page.properties[key] = value;
    changed.push_back(key);
  }
  std::sort(changed.begin(), changed.end());
  const PageUpdate update{&before, &changed};
  LN_ASSERT_OK(txn.PutPage(page, &update));
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
  const PageUpdate check{&before, &done};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(checked, &check)); });
  ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetPage("u-1"))), Describe(checked)); });

  PageRecord renamed = checked;
  renamed.properties = Row("u-1", "ds-u", "Renamed").properties;
  const std::vector<std::string> title{"title"};
  const PageUpdate rename{&checked, &title};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(renamed, &rename)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("u-1"))), Describe(renamed));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-u"))), (V{"u-2", "u-1", "u-3"}));
    EXPECT_EQ(TitleHits(txn, "renamed"), V{"u-1"});
    EXPECT_EQ(TitleHits(txn, "plain"), (V{"u-2", "u-3"}));
  });
}

// A write that keeps the title and the trash state writes every other field it changes,
// one at a time, and a write of a property alone keeps them (SQLite then writes the
// properties and the edit fields only).
TEST_P(StoreConformanceTest, PageFieldsFollowAnUpdateThatKeepsTitleAndTrash) {
  PageRecord current = Row("f-1", "ds-f", "Plain");
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(current)); });
  const std::vector<std::string> done{"done"};
  const std::vector<std::function<void(PageRecord&)>> changes = {
      [](PageRecord& p) { p.icon = testing::J(R"({"type":"emoji","emoji":"🐞"})"); },
      [](PageRecord& p) { p.cover = testing::J(R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})"); },
      [](PageRecord& p) { p.is_locked = true; },
      [](PageRecord& p) { p.created_time = 1600000000000; },
      [](PageRecord& p) { p.created_by = "user-c"; },
      [](PageRecord& p) { p.icon = nullptr; },
      [](PageRecord&) {},  // the property and the edit fields only
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    PageRecord next = current;
    changes[i](next);
    next.properties["done"] = i % 2 == 0;
    next.last_edited_time = 1800000000000 + static_cast<int64_t>(i);
    next.last_edited_by = "user-" + std::to_string(i);
    const PageUpdate update{&current, &done};
    Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(next, &update)); });
    ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetPage("f-1"))), Describe(next)) << "change " << i; });
    current = next;
  }
}

// A write that changes neither the title nor the trash state may leave both columns (and
// their indexes) alone; one that changes either must not.
TEST_P(StoreConformanceTest, TitleAndTrashScansFollowEveryKindOfUpdate) {
  Write([&](Txn& txn) {
    for (const char* id : {"t-1", "t-2", "t-3"}) LN_ASSERT_OK(txn.PutPage(Row(id, "ds-t", "Plain")));
  });
  const auto untrashed = [](Txn& txn, std::optional<bool> in_trash = false) {
    PageScan s{"ds-t"};
    s.in_trash = in_trash;
    return LN_VAL(txn.ScanPageIds(s));
  };
  const std::vector<std::string> done{"done"}, title{"title"};
  // Only a checkbox: scans as before.
  const PageRecord plain = Row("t-2", "ds-t", "Plain");
  PageRecord checked = plain;
  checked.properties["done"] = true;
  checked.last_edited_time = 1800000000000;
  const PageUpdate check{&plain, &done};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(checked, &check)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("t-2"))), Describe(checked));
    EXPECT_EQ(untrashed(txn), (V{"t-1", "t-2", "t-3"}));
    EXPECT_EQ(TitleHits(txn, "plain"), (V{"t-1", "t-2", "t-3"}));
    EXPECT_EQ(TitleHits(txn, "pl"), (V{"t-1", "t-2", "t-3"}));
  });
  // Trashed with the same checkbox change named: out of the untrashed scan.
  PageRecord trashed = checked;
  trashed.properties["done"] = false;
  trashed.in_trash = true;
  const PageUpdate trash{&checked, &done};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(trashed, &trash)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("t-2"))), Describe(trashed));
    EXPECT_EQ(untrashed(txn), (V{"t-1", "t-3"}));
    EXPECT_EQ(untrashed(txn, true), V{"t-2"});
  });
  // A checkbox of the trashed page: still trashed.
  PageRecord rechecked = trashed;
  rechecked.properties["done"] = true;
  const PageUpdate recheck{&trashed, &done};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(rechecked, &recheck)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("t-2"))), Describe(rechecked));
    EXPECT_EQ(untrashed(txn), (V{"t-1", "t-3"}));
    EXPECT_EQ(untrashed(txn, std::nullopt), (V{"t-1", "t-2", "t-3"}));
  });
  // A new title, trash state kept: found by its new title only.
  const PageRecord third = Row("t-3", "ds-t", "Plain");
  PageRecord renamed = third;
  renamed.properties = Row("t-3", "ds-t", "Renamed").properties;
  const PageUpdate rename{&third, &title};
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(renamed, &rename)); });
  ReadBoth([&](Txn& txn) {
    // Three characters or more read the text index, fewer the folded title column.
    EXPECT_EQ(TitleHits(txn, "renamed"), V{"t-3"});
    EXPECT_EQ(TitleHits(txn, "plain"), (V{"t-1", "t-2"}));
    EXPECT_EQ(TitleHits(txn, "re"), V{"t-3"});
    EXPECT_EQ(TitleHits(txn, "pl"), (V{"t-1", "t-2"}));
    EXPECT_EQ(untrashed(txn), (V{"t-1", "t-3"}));
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
  const PageUpdate move{&before, &none};
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
  const PageUpdate check{&before, &done};
  const PageRecord ghost = Row("n-2", "ds-n", "Ghost");
  const PageRecord titled = Row("n-2", "ds-n", "Phantom");
  const std::vector<std::string> title{"title"};
  const PageUpdate rename{&ghost, &title};
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

// Numbers read back as the store writes them, JavaScript's way: a double with an integral
// value (5.0, from a body's `5.0`) is stored as `5` and read back as the integer 5, the
// first time and every time after, however the read is answered (a cache that kept the
// pages it writes would have to keep them as read back).
TEST_P(StoreConformanceTest, AWrittenPageReadsBackWithItsNumbersAsStored) {
  PageRecord page = Row("num-1", "ds-n", "Numbers");
  page.properties["whole"] = 5.0;
  page.properties["part"] = 5.25;
  page.properties["list"] = json::array{2.0, -3.0, 1e21, 7};
  page.icon = json::object{{"size", 3.0}};
  // Handed over as a PATCH does (Txn::KeepWrittenPage): a cache keeps it as stored.
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(page));
    txn.KeepWrittenPage(std::move(page));
  });
  auto check = [](const std::optional<PageRecord>& p) {
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->properties.at("whole").is_int64());
    EXPECT_EQ(p->properties.at("whole"), json::value(5));
    EXPECT_TRUE(p->properties.at("part").is_double());
    const json::array& list = p->properties.at("list").get_array();
    EXPECT_TRUE(list[0].is_int64() && list[1].is_int64() && list[2].is_double() && list[3].is_int64())
        << SerializeJson(json::value(list));
    EXPECT_EQ(SerializeJson(json::value(list)), "[2,-3,1e+21,7]");
    EXPECT_TRUE(p->icon.at("size").is_int64());
  };
  for (int round = 0; round < 2; ++round) {
    ReadBoth([&](Txn& txn) {
      check(LN_VAL(txn.GetPage("num-1")));
      std::shared_ptr<const PageRecord> shared = LN_VAL(txn.GetPageShared("num-1"));
      ASSERT_NE(shared, nullptr);
      check(*shared);
    });
  }
  // A write that starts from what it read writes the same numbers again.
  Write([&](Txn& txn) { SetAndWrite(txn, "num-1", "part", 6.5); });
  ReadBoth([&](Txn& txn) {
    std::optional<PageRecord> read = LN_VAL(txn.GetPage("num-1"));
    check(read);
    EXPECT_EQ(read->properties.at("part"), json::value(6.5));
  });
  // A write that says what it changed, as a PATCH does (PageUpdate): the changed values
  // are kept as stored too, a new one and a replaced one.
  Write([&](Txn& txn) {
    std::optional<PageRecord> read = LN_VAL(txn.GetPage("num-1"));
    ASSERT_TRUE(read.has_value());
    PutChanging(txn, *read, {{"whole", 8.0}, {"added", json::array{4.0, 4.5}}});
    txn.KeepWrittenPage(std::move(*read));
  });
  for (int round = 0; round < 2; ++round) {
    ReadBoth([&](Txn& txn) {
      std::shared_ptr<const PageRecord> shared = LN_VAL(txn.GetPageShared("num-1"));
      ASSERT_NE(shared, nullptr);
      EXPECT_EQ(SerializeJson(shared->properties.at("list")), "[2,-3,1e+21,7]");
      EXPECT_EQ(shared->properties.at("part"), json::value(6.5));
      EXPECT_TRUE(shared->properties.at("whole").is_int64());
      EXPECT_EQ(shared->properties.at("whole"), json::value(8));
      EXPECT_EQ(SerializeJson(shared->properties.at("added")), "[4,4.5]");
      EXPECT_TRUE(shared->properties.at("added").get_array()[0].is_int64());
    });
  }
}

// One page object written twice in a transaction, each write saying what it changed
// since the one before: what the first changed is read back as stored too.
TEST_P(StoreConformanceTest, APageWrittenTwiceReadsBackWhatEitherWriteChangedAsStored) {
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(Row("num-2", "ds-n", "Numbers"))); });
  Write([&](Txn& txn) {
    std::optional<PageRecord> read = LN_VAL(txn.GetPage("num-2"));
    ASSERT_TRUE(read.has_value());
    PutChanging(txn, *read, {{"whole", 5.0}});
    PutChanging(txn, *read, {{"part", 2.0}});
    txn.KeepWrittenPage(std::move(*read));
  });
  for (int round = 0; round < 2; ++round) {
    ReadBoth([&](Txn& txn) {
      std::shared_ptr<const PageRecord> shared = LN_VAL(txn.GetPageShared("num-2"));
      ASSERT_NE(shared, nullptr);
      EXPECT_TRUE(shared->properties.at("whole").is_int64()) << SerializeJson(shared->properties.at("whole"));
      EXPECT_TRUE(shared->properties.at("part").is_int64()) << SerializeJson(shared->properties.at("part"));
      EXPECT_EQ(SerializeJson(json::value(shared->properties)),
                SerializeJson(json::value(LN_VAL(txn.GetPage("num-2"))->properties)));
    });
  }
}

// A page handed over after a write (Txn::KeepWrittenPage) is kept only when it is the
// object last written for its id and the write commits: otherwise reads show what was
// committed, whatever was handed over.
TEST_P(StoreConformanceTest, OnlyTheLastWrittenPageOfACommittedWriteIsKept) {
  PageRecord page = Row("kept-1", "ds-n", "Kept");
  page.properties["n"] = 1;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(page)); });
  auto n_of = [](Txn& txn) -> int64_t {
    std::optional<PageRecord> read = LN_VAL(txn.GetPage("kept-1"));
    std::shared_ptr<const PageRecord> shared = LN_VAL(txn.GetPageShared("kept-1"));
    EXPECT_TRUE(read.has_value());
    EXPECT_NE(shared, nullptr);
    if (!read || !shared) return -1;
    EXPECT_EQ(read->properties.at("n"), shared->properties.at("n"));
    return read->properties.at("n").to_number<int64_t>();
  };
  for (int round = 0; round < 2; ++round) {
    // Written twice: the first object handed over is not the one last written.
    Write([&](Txn& txn) {
      PageRecord first = page, second = page;
      first.properties["n"] = 2;
      second.properties["n"] = 3;
      LN_ASSERT_OK(txn.PutPage(first));
      LN_ASSERT_OK(txn.PutPage(second));
      txn.KeepWrittenPage(std::move(first));
    });
    ReadBoth([&](Txn& txn) { EXPECT_EQ(n_of(txn), 3); });
    // Handed over, then written again: the later write is what was committed.
    Write([&](Txn& txn) {
      PageRecord again = page;
      again.properties["n"] = 4;
      LN_ASSERT_OK(txn.PutPage(again));
      txn.KeepWrittenPage(std::move(again));
      PageRecord last = page;
      last.properties["n"] = 5;
      LN_ASSERT_OK(txn.PutPage(last));
    });
    ReadBoth([&](Txn& txn) { EXPECT_EQ(n_of(txn), 5); });
    Write([&](Txn& txn) { EXPECT_EQ(n_of(txn), 5); });
    // Handed over by a write that never commits.
    {
      std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
      ASSERT_NE(txn, nullptr);
      PageRecord dropped = page;
      dropped.properties["n"] = 6;
      LN_ASSERT_OK(txn->PutPage(dropped));
      txn->KeepWrittenPage(std::move(dropped));
    }
    ReadBoth([&](Txn& txn) { EXPECT_EQ(n_of(txn), 5); });
    // Handed over by a committed write: kept or not, reads and writes see it.
    Write([&](Txn& txn) { SetAndWrite(txn, "kept-1", "n", 7); });
    ReadBoth([&](Txn& txn) { EXPECT_EQ(n_of(txn), 7); });
    Write([&](Txn& txn) { EXPECT_EQ(n_of(txn), 7); });
    page.properties["n"] = 1;
  }
}

// Writes of one page committed one after another without waiting for durability, as a loop
// thread's requests are (Txn::CommitAsync): each reads the page as the write before it left
// it, though that write is not durable yet (a cache may hand the written page on to the
// next write, CachingStore::GetPage), including after a write that read it, changed it,
// handed it over and never committed, and one that handed nothing over.
TEST_P(StoreConformanceTest, EachWriteOfOnePageReadsTheWriteBeforeItEvenBeforeThatIsDurable) {
  PageRecord page = Row("chain-1", "ds-n", "Chain");
  page.properties["n"] = 0;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(page)); });
  std::atomic<int> durable{0}, failed{0};
  int committed = 0;
  int64_t expected = 0;
  // The last write (27) reads the page 26 handed over, changes it and rolls back: what
  // the reads after the batch is durable see is 26's, not what 27 did to the record.
  for (int i = 1; i <= 27; ++i) {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    std::optional<PageRecord> read = LN_VAL(txn->GetPage("chain-1"));
    ASSERT_TRUE(read.has_value()) << i;
    ASSERT_EQ(read->properties.at("n"), json::value(expected)) << "write " << i;
    const PageRecord before = *read;
    read->properties["n"] = i;
    const std::vector<std::string> changed{"n"};
    const PageUpdate update{&before, &changed};
    LN_ASSERT_OK(txn->PutPage(*read, &update));
    if (i % 4 != 1) txn->KeepWrittenPage(std::move(*read));
    if (i % 3 == 0) continue;  // rolled back when `txn` goes
    txn->CommitAsync([&](Status s) { ++(s.ok() ? durable : failed); });
    ++committed;
    expected = i;
  }
  // A write that waits for durability comes after every batch before it.
  Write([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetPage("chain-1"))->properties.at("n"), json::value(expected)); });
  EXPECT_EQ(durable.load(), committed);
  EXPECT_EQ(failed.load(), 0);
  for (int round = 0; round < 2; ++round) {
    ReadBoth([&](Txn& txn) {
      std::optional<PageRecord> read = LN_VAL(txn.GetPage("chain-1"));
      ASSERT_TRUE(read.has_value());
      EXPECT_EQ(read->properties.at("n"), json::value(expected));
      EXPECT_EQ(read->properties.at("title").at(0).at("plain_text"), json::value("Chain"));
    });
  }
}

// Writers on several threads each read a page, add one to a count in it and write it back:
// every write reads the last one committed before it, so no increment is lost, though
// the writes commit in shared batches and a reader fills a cache that writers read too.
TEST_P(StoreConformanceTest, WritersThatReadAndWriteOnePageLoseNoIncrement) {
  PageRecord page = Row("count-1", "ds-n", "Count");
  page.properties["count"] = 0;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(page)); });
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status s = WriteRetrying([&](Txn& txn) -> Status {
          LN_ASSIGN_OR_RETURN(std::optional<PageRecord> read, txn.GetPage("count-1"));
          if (!read) return InternalError("page missing");
          const PageRecord before = *read;
          const int64_t count = read->properties.at("count").to_number<int64_t>() + 1;
          read->properties["count"] = count;
          read->last_edited_by = "writer-" + std::to_string(t);
          const std::vector<std::string> changed{"count"};
          const PageUpdate update{&before, &changed};
          LN_RETURN_IF_ERROR(txn.PutPage(*read, &update));
          // Most writes hand the page over, as a PATCH does, to be kept once durable; the
          // others do not, and a page kept by an earlier commit must not outlive them.
          if (i % 3 != 0) txn.KeepWrittenPage(std::move(*read));
          LN_RETURN_IF_ERROR(txn.PutMeta("count", std::to_string(count)));
          // A second page now and then, written by every thread: a batch's transactions
          // then share pages and write others of their own.
          if (i % 5 == 0) return txn.PutPage(Row("other-" + std::to_string(i), "ds-n", "Other"));
          return OkStatus();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  // A reader alongside: the count never goes back, and the page shows the state of the
  // rest of the store (its snapshot is taken at its first read, the page's).
  std::atomic<bool> writing{true};
  std::atomic<int> read_failures{0};
  std::thread reader([&] {
    int64_t last = 0;
    while (writing.load()) {
      Result<std::unique_ptr<Txn>> txn = store_->Begin(TxnMode::kRead);
      if (!txn.ok()) continue;
      Result<std::optional<PageRecord>> read = (*txn)->GetPage("count-1");
      Result<std::optional<std::string>> meta = (*txn)->GetMeta("count");
      if (read.ok() && *read && meta.ok()) {
        const int64_t now = (**read).properties.at("count").to_number<int64_t>();
        if (now < last || std::to_string(now) != meta->value_or("0")) ++read_failures;
        last = now;
      }
      std::this_thread::yield();
    }
  });
  for (auto& th : threads) th.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(read_failures.load(), 0);
  ReadBoth([&](Txn& txn) {
    std::optional<PageRecord> read = LN_VAL(txn.GetPage("count-1"));
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->properties.at("count"), json::value(kThreads * kEach));
  });
}

}  // namespace
}  // namespace localnotion::storage
