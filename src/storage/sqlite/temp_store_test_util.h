// For storage tests: a store on a file in a fresh temporary directory, removed after the
// test (`TitledPage` makes a page for it). `Reopen` closes and opens the same file again (durability checks). The store
// is the bare SqliteStore, or with `caching` the CachingStore over it that OpenStore builds, behind testing::UnitStore
// (units and batches over transactions).
#pragma once

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/json.h"

#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"
#include "testing/temp_dir.h"
#include "testing/unit_store.h"

namespace localnotion::storage {

// A standalone page whose title property is `title` (a bare text item, as the search
// and copy tests need it).
inline PageRecord TitledPage(std::string id, std::string_view title) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "workspace";
  p.parent_id = "";
  std::string text = R"({"title":[{"type":"text","plain_text":")" + std::string(title) + R"("}]})";
  p.properties = ParseJson(text)->as_object();
  p.icon = nullptr;
  p.cover = nullptr;
  p.created_by = p.last_edited_by = "u";
  return p;
}

// How many per-shape scan indexes (sqlite/page_scan.cc) the committed state of the file
// at `path` holds, read on a connection of its own.
inline int ScanIndexes(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'pages_scan_%'", -1,
                     &stmt, nullptr);
  int count = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) count = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

class TempStoreTest : public ::testing::Test {
 protected:
  explicit TempStoreTest(bool caching = false) : caching_(caching) {}

  void SetUp() override {
    path_ = dir_.File("test.db");
    Reopen();
  }
  void TearDown() override { store_.reset(); }
  void Reopen() {
    store_.reset();
    // A store that cannot open fails the test with SQLite's message (a migration's, say).
    Result<std::unique_ptr<Store>> opened = [&]() -> Result<std::unique_ptr<Store>> {
      if (caching_) return OpenStore("sqlite:" + path_);
      auto bare = SqliteStore::Open(path_);
      if (!bare.ok()) return std::move(bare).error();
      return std::unique_ptr<Store>(std::move(*bare));
    }();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<testing::UnitStore>(std::move(opened).value());
  }

  testing::TempDir dir_{"ln_store_"};  // declared first: removed after the store closes
  std::string path_;
  std::unique_ptr<testing::UnitStore> store_;

 private:
  bool caching_;
};

}  // namespace localnotion::storage
