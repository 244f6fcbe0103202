// SqliteStore on a temporary file: records round-trip, units roll back alone inside a
// batch, and committed data is on disk for the next open.
#include "storage/sqlite/temp_store_test_util.h"
#include "storage/sqlite/statement.h"

#include "common/deadline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <iterator>
#include <thread>
#include <vector>
#include <string>

#include "testing/json.h"
#include "testing/page_heads.h"
#include "testing/matchers.h"

namespace localnotion::storage {
namespace {

using testing::ErrorIs;

class SqliteStoreTest : public TempStoreTest {
 protected:
  // Runs one kept unit and commits its batch.
  template <class F>
  void Committed(F&& fn) {
    ASSERT_TRUE(store_->BeginUnit().ok());
    fn();
    ASSERT_TRUE(store_->EndUnit(true).ok());
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
};

using testing::J;

PageRecord Page(std::string id) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = "ds-1";
  p.properties = J(R"({"title":[{"type":"text","plain_text":"🥑 Café"}],"p%3Ax":2.5,"done":true})").as_object();
  p.icon = J(R"({"type":"emoji","emoji":"🐞"})");
  p.cover = nullptr;
  p.in_trash = true;
  p.is_locked = true;
  p.created_time = 1666652057123;
  p.created_by = "user-a";
  p.last_edited_time = 1678299935000;
  p.last_edited_by = "user-b";
  return p;
}

DatabaseRecord Database(std::string id) {
  DatabaseRecord d;
  d.id = std::move(id);
  d.parent_type = "page_id";
  d.parent_id = "page-1";
  d.title = J(R"([{"type":"text","plain_text":"Tasks"}])").as_array();
  d.description = json::array{};
  d.icon = nullptr;
  d.cover = J(R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})");
  d.in_trash = false;
  d.is_inline = true;
  d.created_time = 1000;
  d.created_by = "bot";
  d.last_edited_time = 2000;
  d.last_edited_by = "bot2";
  return d;
}

DataSourceRecord DataSource(std::string id, std::string database_id) {
  DataSourceRecord s;
  s.id = std::move(id);
  s.database_id = std::move(database_id);
  s.title = J(R"([{"type":"text","plain_text":"Tasks 🥑"}])").as_array();
  s.description = J(R"([{"type":"text","plain_text":"d"}])").as_array();
  s.icon = J(R"({"type":"emoji","emoji":"🐞"})");
  s.in_trash = true;
  s.created_time = 3000;
  s.created_by = "bot3";
  s.last_edited_time = 4000;
  s.last_edited_by = "bot4";
  s.schema = J(R"([{"id":"title","name":"Name","type":"title","config":{}}])").as_array();
  s.next_unique_id = 42;
  return s;
}

UserRecord User(std::string id, std::string type = "person") {
  UserRecord u;
  u.id = std::move(id);
  u.type = std::move(type);
  u.name = "User " + u.id;
  return u;
}

TEST_F(SqliteStoreTest, PageRoundTrip) {
  PageRecord p = Page("page-1");
  Committed([&] { ASSERT_TRUE(store_->PutPage(p).ok()); });
  auto got = store_->GetPage("page-1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_TRUE(got->has_value());
  const PageRecord& g = **got;
  EXPECT_EQ(g.id, p.id);
  EXPECT_EQ(g.parent_type, p.parent_type);
  EXPECT_EQ(g.parent_id, p.parent_id);
  EXPECT_EQ(SerializeJson(g.properties), SerializeJson(p.properties));
  EXPECT_EQ(g.icon, p.icon);
  EXPECT_TRUE(g.cover.is_null());
  EXPECT_TRUE(g.in_trash);
  EXPECT_TRUE(g.is_locked);
  EXPECT_EQ(g.created_time, p.created_time);
  EXPECT_EQ(g.created_by, p.created_by);
  EXPECT_EQ(g.last_edited_time, p.last_edited_time);
  EXPECT_EQ(g.last_edited_by, p.last_edited_by);
}

// A store written before migration 13 gets every page's edit second, which search's
// order reads from the cursor's second on (SqliteConnection::ListPageHeadsByEdit).
TEST_F(SqliteStoreTest, MigrationThirteenGivesEveryPageItsEditSecond) {
  Committed([&] {
    for (auto [id, edited] : {std::pair{"p1", 5100}, std::pair{"p2", 7900}, std::pair{"p3", 6500}}) {
      PageRecord p = Page(id);
      p.in_trash = false;
      p.last_edited_time = edited;
      ASSERT_TRUE(store_->PutPage(p).ok());
    }
  });
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP INDEX pages_by_edit_second; ALTER TABLE pages DROP COLUMN edit_second; "
                         "PRAGMA user_version = 12;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  Reopen();
  std::string seconds;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  {
    Statement st(db, "SELECT id, edit_second FROM pages ORDER BY id");
    while (*st.StepRow()) seconds += st.Text(0) + "=" + std::to_string(st.Int(1)) + " ";
  }  // finalized before the close, which would otherwise fail and leave the connection open
  EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
  EXPECT_EQ(seconds, "p1=5 p2=7 p3=6 ");
  auto ids = [&](const std::optional<EditOrderStart>& start) { return testing::NewestHeadIds(*store_, start); };
  EXPECT_EQ(ids(std::nullopt), "p2 p3 p1 ");
  EXPECT_EQ(ids(EditOrderStart{"p3", 0}), "p3 p1 ");
  EXPECT_EQ(ids(EditOrderStart{"", 7000}), "p3 p1 ");
  // Run again over its own work, with rows written by hand without the column (as
  // bench/query.sh does): it fills them.
  store_.reset();
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE pages SET edit_second = NULL; PRAGMA user_version = 12;", nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  Reopen();
  EXPECT_EQ(ids(EditOrderStart{"p3", 0}), "p3 p1 ");
  EXPECT_EQ(ids(EditOrderStart{"", 7000}), "p3 p1 ");
}

TEST_F(SqliteStoreTest, MissingPageIsEmpty) {
  auto got = store_->GetPage("nope");
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
}

TEST_F(SqliteStoreTest, PutPageReplaces) {
  PageRecord p = Page("page-1");
  Committed([&] { ASSERT_TRUE(store_->PutPage(p).ok()); });
  p.properties = J(R"({"done":false})").as_object();
  p.in_trash = false;
  Committed([&] { ASSERT_TRUE(store_->PutPage(p).ok()); });
  auto got = store_->GetPage("page-1");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(SerializeJson((*got)->properties), R"({"done":false})");
  EXPECT_FALSE((*got)->in_trash);
}

// An update finds the page's row by the rowid its record holds (PageRecord::store_row),
// which a read and a write fill in, and writes it only if it is the page's: a record that
// names another page's row, or none, writes its own page, no other, and learns its row.
TEST_F(SqliteStoreTest, AnUpdateWritesThePageWhateverRowItsRecordNames) {
  PageRecord a = Page("page-a");
  PageRecord b = Page("page-b");
  EXPECT_EQ(a.store_row, 0);
  Committed([&] {
    ASSERT_TRUE(store_->PutPage(a).ok());
    ASSERT_TRUE(store_->PutPage(b).ok());
  });
  EXPECT_GT(a.store_row, 0);
  EXPECT_GT(b.store_row, 0);
  EXPECT_NE(a.store_row, b.store_row);
  auto read = [&](const std::string& id) {
    auto got = store_->GetPage(id);
    EXPECT_TRUE(got.ok() && got->has_value());
    return got.ok() && got->has_value() ? std::move(**got) : PageRecord{};
  };
  EXPECT_EQ(read("page-a").store_row, a.store_row);
  const int64_t a_row = a.store_row;
  // Each write changes "p%3Ax" (its title and the rest stay), as a PATCH does.
  std::vector<std::string> changed{"p%3Ax"};
  auto update = [&](int64_t row, double value) {
    PageRecord before = read("page-a");
    PageRecord after = before;
    after.properties["p%3Ax"] = value;
    after.store_row = row;
    const PageUpdate u{&before, &changed, nullptr};
    Committed([&] { ASSERT_TRUE(store_->PutPage(after, &u).ok()); });
    EXPECT_EQ(after.store_row, a_row) << "written through row " << row;
  };
  update(b.store_row, 3.5);  // another page's row
  EXPECT_EQ(read("page-a").properties.at("p%3Ax"), 3.5);
  EXPECT_EQ(read("page-b").properties.at("p%3Ax"), 2.5);
  update(0, 4.5);  // no row: found by its id
  EXPECT_EQ(read("page-a").properties.at("p%3Ax"), 4.5);
  update(a_row, 5.5);  // its own
  EXPECT_EQ(read("page-a").properties.at("p%3Ax"), 5.5);
  update(a_row + b.store_row + 100, 6.5);  // a row that does not exist
  EXPECT_EQ(read("page-a").properties.at("p%3Ax"), 6.5);
  EXPECT_EQ(read("page-b").properties.at("p%3Ax"), 2.5);
  auto all = store_->ListAllPages();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
}

TEST_F(SqliteStoreTest, DatabaseRoundTrip) {
  DatabaseRecord d = Database("db-1");
  Committed([&] { ASSERT_TRUE(store_->PutDatabase(d).ok()); });
  auto got = store_->GetDatabase("db-1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_NE(*got, nullptr);
  const DatabaseRecord& g = **got;
  EXPECT_EQ(g.id, "db-1");
  EXPECT_EQ(g.parent_type, "page_id");
  EXPECT_EQ(g.parent_id, "page-1");
  EXPECT_EQ(g.title, d.title);
  EXPECT_EQ(g.description, d.description);
  EXPECT_TRUE(g.icon.is_null());
  EXPECT_EQ(g.cover, d.cover);
  EXPECT_FALSE(g.in_trash);
  EXPECT_TRUE(g.is_inline);
  EXPECT_EQ(g.created_time, 1000);
  EXPECT_EQ(g.created_by, "bot");
  EXPECT_EQ(g.last_edited_time, 2000);
  EXPECT_EQ(g.last_edited_by, "bot2");
}

TEST_F(SqliteStoreTest, DataSourceRoundTripByIdAndByDatabase) {
  DataSourceRecord s = DataSource("ds-1", "db-1");
  Committed([&] {
    ASSERT_TRUE(store_->PutDatabase(Database("db-1")).ok());
    ASSERT_TRUE(store_->PutDataSource(s).ok());
  });
  auto by_id = store_->GetDataSource("ds-1");
  ASSERT_TRUE(by_id.ok()) << by_id.error().message;
  auto listed = store_->ListDataSources("db-1");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  for (const auto& got : {*by_id, listed->front()}) {
    ASSERT_NE(got, nullptr);
    const DataSourceRecord& g = *got;
    EXPECT_EQ(g.id, "ds-1");
    EXPECT_EQ(g.database_id, "db-1");
    EXPECT_EQ(g.title, s.title);
    EXPECT_EQ(g.description, s.description);
    EXPECT_EQ(g.icon, s.icon);
    EXPECT_TRUE(g.in_trash);
    EXPECT_EQ(g.created_time, 3000);
    EXPECT_EQ(g.created_by, "bot3");
    EXPECT_EQ(g.last_edited_time, 4000);
    EXPECT_EQ(g.last_edited_by, "bot4");
    EXPECT_EQ(g.schema, s.schema);
    EXPECT_EQ(g.next_unique_id, 42);
  }
}

TEST_F(SqliteStoreTest, DataSourcesAreListedPerDatabaseInCreationOrderEvenAfterAnUpdate) {
  Committed([&] {
    ASSERT_TRUE(store_->PutDataSource(DataSource("ds-z", "db-1")).ok());
    ASSERT_TRUE(store_->PutDataSource(DataSource("ds-other", "db-2")).ok());
    ASSERT_TRUE(store_->PutDataSource(DataSource("ds-a", "db-1")).ok());
    ASSERT_TRUE(store_->PutDataSource(DataSource("ds-m", "db-1")).ok());
  });
  // Replacing the first one keeps its place (and changes it).
  DataSourceRecord changed = DataSource("ds-z", "db-1");
  changed.next_unique_id = 7;
  changed.schema = json::array{};
  Committed([&] { ASSERT_TRUE(store_->PutDataSource(changed).ok()); });
  auto ids = [&](std::string_view db) {
    std::string out;
    auto sources = store_->ListDataSources(db);
    EXPECT_TRUE(sources.ok());
    if (sources.ok()) {
      for (const auto& s : *sources) out += s->id + " ";
    }
    return out;
  };
  EXPECT_EQ(ids("db-1"), "ds-z ds-a ds-m ");
  EXPECT_EQ(ids("db-2"), "ds-other ");
  EXPECT_EQ(ids("db-3"), "");
  auto z = store_->GetDataSource("ds-z");
  ASSERT_TRUE(z.ok() && *z != nullptr);
  EXPECT_EQ((*z)->next_unique_id, 7);
  EXPECT_TRUE((*z)->schema.empty());
}

TEST_F(SqliteStoreTest, PagesOfADataSourceAreListedInCreationOrder) {
  auto in = [](std::string id, std::string source) {
    PageRecord p = Page(std::move(id));
    p.parent_id = std::move(source);
    return p;
  };
  Committed([&] {
    ASSERT_TRUE(store_->PutPage(in("p-3", "ds-1")).ok());
    ASSERT_TRUE(store_->PutPage(in("p-1", "ds-1")).ok());
    ASSERT_TRUE(store_->PutPage(in("q-1", "ds-2")).ok());
    ASSERT_TRUE(store_->PutPage(in("p-2", "ds-1")).ok());
  });
  PageRecord updated = in("p-3", "ds-1");
  updated.properties = J(R"({"done":false})").as_object();
  Committed([&] { ASSERT_TRUE(store_->PutPage(updated).ok()); });
  auto pages = store_->ListPagesOf("ds-1");
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  ASSERT_EQ(pages->size(), 3u);
  EXPECT_EQ((*pages)[0].id, "p-3");
  EXPECT_EQ(SerializeJson((*pages)[0].properties), R"({"done":false})");
  EXPECT_EQ((*pages)[1].id, "p-1");
  EXPECT_EQ((*pages)[2].id, "p-2");
  EXPECT_EQ(SerializeJson((*pages)[1].properties), SerializeJson(Page("p-1").properties));
  EXPECT_EQ((*pages)[1].parent_type, "data_source_id");
  auto other = store_->ListPagesOf("ds-2");
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].id, "q-1");
  auto none = store_->ListPagesOf("ds-3");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(SqliteStoreTest, MissingDatabaseAndDataSourceAreNull) {
  auto by_id = store_->GetDatabase("nope");
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(*by_id, nullptr);
  auto source = store_->GetDataSource("nope");
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(*source, nullptr);
  auto listed = store_->ListDataSources("nope");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(SqliteStoreTest, UserRoundTripWithNullableFields) {
  UserRecord person = User("u-1");
  person.email = "ann@example.com";
  person.avatar_url = "https://x.y/a.png";
  UserRecord bot = User("u-2", "bot");
  bot.integration_id = "int-1";
  Committed([&] {
    ASSERT_TRUE(store_->PutUser(person).ok());
    ASSERT_TRUE(store_->PutUser(bot).ok());
  });
  auto p = store_->GetUser("u-1");
  ASSERT_TRUE(p.ok() && p->has_value());
  EXPECT_EQ((*p)->type, "person");
  EXPECT_EQ((*p)->name, "User u-1");
  EXPECT_EQ((*p)->email, std::optional<std::string>("ann@example.com"));
  EXPECT_EQ((*p)->avatar_url, std::optional<std::string>("https://x.y/a.png"));
  EXPECT_EQ((*p)->integration_id, "");
  auto b = store_->GetUser("u-2");
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->type, "bot");
  EXPECT_FALSE((*b)->email.has_value());
  EXPECT_FALSE((*b)->avatar_url.has_value());
  EXPECT_EQ((*b)->integration_id, "int-1");
  auto missing = store_->GetUser("u-3");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, ListUsersIsOrderedByIdFromACursorWithALimit) {
  Committed([&] {
    for (const char* id : {"c", "a", "e", "b", "d"}) ASSERT_TRUE(store_->PutUser(User(id)).ok());
  });
  auto ids = [&](std::string_view from, int limit) {
    std::string out;
    auto users = store_->ListUsers(from, limit);
    EXPECT_TRUE(users.ok());
    if (users.ok()) {
      for (const auto& u : *users) out += u.id;
    }
    return out;
  };
  EXPECT_EQ(ids("", 100), "abcde");
  EXPECT_EQ(ids("", 2), "ab");
  EXPECT_EQ(ids("c", 2), "cd");  // the cursor is included
  EXPECT_EQ(ids("d", 100), "de");
  EXPECT_EQ(ids("f", 100), "");
}

TEST_F(SqliteStoreTest, IntegrationsFoundBySecretAndListedByCreationTime) {
  IntegrationRecord later{"int-b", "second", "secret_b", "bot-b", "read", 2000};
  IntegrationRecord earlier{"int-a", "first", "secret_a", "bot-a", "read,update", 1000};
  Committed([&] {
    ASSERT_TRUE(store_->PutIntegration(later).ok());
    ASSERT_TRUE(store_->PutIntegration(earlier).ok());
  });
  auto found = store_->FindIntegrationBySecretHash("secret_a");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, "int-a");
  EXPECT_EQ((*found)->name, "first");
  EXPECT_EQ((*found)->bot_user_id, "bot-a");
  EXPECT_EQ((*found)->capabilities, "read,update");
  EXPECT_EQ((*found)->created_time, 1000);
  auto none = store_->FindIntegrationBySecretHash("secret_c");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto all = store_->ListIntegrations();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "int-a");
  EXPECT_EQ((*all)[1].id, "int-b");
}

TEST_F(SqliteStoreTest, MetaGetPutAndOverwrite) {
  auto missing = store_->GetMeta("workspace_id");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  Committed([&] { ASSERT_TRUE(store_->PutMeta("workspace_id", "w-1").ok()); });
  Committed([&] { ASSERT_TRUE(store_->PutMeta("workspace_id", "w-2").ok()); });
  auto got = store_->GetMeta("workspace_id");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, std::optional<std::string>("w-2"));
}

TEST_F(SqliteStoreTest, AWriteIsInvisibleToReadsUntilItCommitsAndAReadKeepsItsSnapshot) {
  Store& store = store_->store();
  ASSERT_TRUE(store_->CommitBatch().ok());
  auto early = store.Begin(TxnMode::kRead);
  ASSERT_TRUE(early.ok()) << early.error().message;
  auto nothing = (*early)->GetPage("page-1");  // pins the snapshot
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(nothing->has_value());

  auto write = store.Begin(TxnMode::kWrite);
  ASSERT_TRUE(write.ok()) << write.error().message;
  ASSERT_TRUE((*write)->PutPage(Page("page-1")).ok());
  auto during = store.Begin(TxnMode::kRead);
  ASSERT_TRUE(during.ok());
  auto unseen = (*during)->GetPage("page-1");
  ASSERT_TRUE(unseen.ok()) << unseen.error().message;
  EXPECT_FALSE(unseen->has_value());
  during->reset();
  ASSERT_TRUE((*write)->Commit().ok());

  auto later = store.Begin(TxnMode::kRead);
  ASSERT_TRUE(later.ok());
  auto seen = (*later)->GetPage("page-1");
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->has_value());
  auto still = (*early)->GetPage("page-1");
  ASSERT_TRUE(still.ok());
  EXPECT_FALSE(still->has_value());
}

TEST_F(SqliteStoreTest, AReadTransactionRefusesWrites) {
  auto read = store_->store().Begin(TxnMode::kRead);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)->writable());
  Status put = (*read)->PutPage(Page("page-1"));
  ASSERT_THAT(put, ErrorIs(ErrorCode::kInternalServerError));
}

TEST_F(SqliteStoreTest, ADroppedWriteLeavesNothingAndFreesTheWriter) {
  Store& store = store_->store();
  {
    auto write = store.Begin(TxnMode::kWrite);
    ASSERT_TRUE(write.ok());
    ASSERT_TRUE((*write)->PutPage(Page("dropped")).ok());
  }  // no Commit: rolled back, as after an exception
  auto next = store.Begin(TxnMode::kWrite);
  ASSERT_TRUE(next.ok()) << next.error().message;
  auto page = (*next)->GetPage("dropped");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_value());
  ASSERT_TRUE((*next)->Commit().ok());
}

// A request's deadline never interrupts the writer: SQLite rolls an interrupted write
// back with its whole transaction, the batch, and so with the other requests committed
// into it (a PATCH answered 500 while a query ran into its budget).
TEST_F(SqliteStoreTest, APassedDeadlineDoesNotInterruptTheWriterNorLoseItsBatch) {
  Store& store = store_->store();
  ASSERT_TRUE(store_->CommitBatch().ok());
  ScopedDeadline deadline(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(DeadlinePassed());
  std::vector<std::unique_ptr<Txn>> kept;
  std::atomic<int> durable{0}, failed{0};
  {
    auto first = store.Begin(TxnMode::kWrite);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE((*first)->PutPage(Page("page-1")).ok());
    for (int i = 0; i < 300; ++i) {  // enough rows for the index to take many statements' steps
      PageRecord p = Page("row-" + std::to_string(i));
      p.properties["p%3Ax"] = i;
      ASSERT_TRUE((*first)->PutPage(p).ok());
    }
    (*first)->CommitAsync([&](Status s) { s.ok() ? ++durable : ++failed; });
  }
  auto second = store.Begin(TxnMode::kWrite);
  ASSERT_TRUE(second.ok());
  // A scan in a write transaction adds a generated column and an index: many statements.
  PageScan scan;
  scan.parent_id = "ds-1";
  scan.order.push_back(ScanOrder{ScanField{ScanField::Kind::kProperty, "p%3Ax"}, true});
  auto ids = (*second)->ScanPageIds(scan);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  ASSERT_TRUE((*second)->PutPage(Page("page-2")).ok());
  ASSERT_TRUE((*second)->Commit().ok());
  for (int i = 0; i < 200 && durable.load() + failed.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(durable.load(), 1);
  EXPECT_EQ(failed.load(), 0);
  Reopen();
  EXPECT_TRUE(store_->GetPage("page-1")->has_value());
  EXPECT_TRUE(store_->GetPage("page-2")->has_value());
}

// Regression: a batch committed before the server set its loop poster (the webhook
// pump writes at start) was left open, its writer waiting for durability and SQLite's
// write lock held, until some later write posted a flush: a CLI beside the server met
// "database is locked" after its busy timeout. The new poster is given the flush.
TEST_F(SqliteStoreTest, ABatchOpenWhenThePosterChangesIsFlushedThroughTheNewPoster) {
  Store& store = store_->store();
  ASSERT_TRUE(store_->CommitBatch().ok());
  std::vector<std::function<void()>> old_loop, new_loop;  // loops that never run by themselves
  store.SetLoopPoster([&](std::function<void()> task) { old_loop.push_back(std::move(task)); });
  std::atomic<int> durable{0};
  {
    auto write = store.Begin(TxnMode::kWrite);
    ASSERT_TRUE(write.ok());
    ASSERT_TRUE((*write)->PutPage(Page("page-1")).ok());
    (*write)->CommitAsync([&](Status s) { if (s.ok()) ++durable; });
  }
  ASSERT_EQ(old_loop.size(), 1u);
  store.SetLoopPoster([&](std::function<void()> task) { new_loop.push_back(std::move(task)); });
  ASSERT_EQ(new_loop.size(), 1u);
  EXPECT_EQ(durable.load(), 0);
  new_loop[0]();
  EXPECT_EQ(durable.load(), 1);
  store.SetLoopPoster(nullptr);
  Reopen();
  EXPECT_TRUE(store_->GetPage("page-1")->has_value());
}

// The first transaction of a batch runs without a savepoint (sqlite_store.cc, WriteTxn):
// its failure rolls back the batch, which then holds nothing else, and the next one
// opens a new batch. The ones after it in a batch keep their savepoints: a failure there
// leaves the batch's earlier transactions alone. The poster below never flushes by
// itself, so that all of this happens in one batch until the test runs its task.
TEST_F(SqliteStoreTest, AFailedFirstTransactionLeavesNothingAndALaterFailureKeepsTheBatch) {
  Store& store = store_->store();
  ASSERT_TRUE(store_->CommitBatch().ok());
  std::vector<std::function<void()>> loop;
  store.SetLoopPoster([&](std::function<void()> task) { loop.push_back(std::move(task)); });
  std::atomic<int> durable{0}, failed{0};
  auto write = [&](const std::string& id, bool commit) {
    auto txn = store.Begin(TxnMode::kWrite);
    ASSERT_TRUE(txn.ok()) << txn.error().message;
    PageRecord p = Page(id);
    p.properties["p%3Ax"] = id;
    ASSERT_TRUE((*txn)->PutPage(p).ok());
    if (commit) (*txn)->CommitAsync([&](Status s) { s.ok() ? ++durable : ++failed; });
  };
  write("dropped-first", false);  // the batch's first: rolled back with its batch
  write("kept-1", true);          // the first of a new batch
  write("dropped-later", false);  // a savepoint of that batch, rolled back alone
  write("kept-2", true);
  ASSERT_EQ(loop.size(), 1u);  // one flush posted, for the one batch
  EXPECT_EQ(durable.load(), 0);
  loop[0]();
  EXPECT_EQ(durable.load(), 2);
  EXPECT_EQ(failed.load(), 0);
  store.SetLoopPoster(nullptr);
  Reopen();
  EXPECT_FALSE(store_->GetPage("dropped-first")->has_value());
  EXPECT_TRUE(store_->GetPage("kept-1")->has_value());
  EXPECT_FALSE(store_->GetPage("dropped-later")->has_value());
  EXPECT_TRUE(store_->GetPage("kept-2")->has_value());
}

// A read transaction takes a reader connection from the pool, and begins SQLite's
// transaction on it, at its first read, not at Begin: a read that the caching store
// answers whole (GET of a cached page) costs no connection, BEGIN nor COMMIT. Seen here
// in the files the process holds open: a new connection opens the database, its WAL and
// its WAL index.
TEST_F(SqliteStoreTest, AReadTransactionTakesAConnectionOnlyAtItsFirstRead) {
  Store& store = store_->store();
  Committed([&] { ASSERT_TRUE(store_->PutPage(Page("page-1")).ok()); });
  auto open_files = [] {
    return std::distance(std::filesystem::directory_iterator("/proc/self/fd"), std::filesystem::directory_iterator());
  };
  const auto before = open_files();
  std::vector<std::unique_ptr<Txn>> reads;
  for (int i = 0; i < 8; ++i) {  // more at once than the pool holds idle
    auto read = store.Begin(TxnMode::kRead);
    ASSERT_TRUE(read.ok()) << read.error().message;
    reads.push_back(std::move(*read));
  }
  EXPECT_EQ(open_files(), before);
  for (auto& read : reads) {
    auto page = read->GetPage("page-1");
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_TRUE(page->has_value());
  }
  EXPECT_GT(open_files(), before);
  for (auto& read : reads) ASSERT_TRUE(read->Commit().ok());
}

TEST_F(SqliteStoreTest, WritersOnManyThreadsAllCommitDurably) {
  Store& store = store_->store();
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto write = store.Begin(TxnMode::kWrite);
        if (!write.ok() || !(*write)->PutPage(Page("p-" + std::to_string(t) + "-" + std::to_string(i))).ok() ||
            !(*write)->Commit().ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  Reopen();
  auto pages = store_->ListPagesOf("ds-1");
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(pages->size(), static_cast<size_t>(kThreads * kEach));
}

TEST_F(SqliteStoreTest, RolledBackUnitLeavesEarlierAndLaterKeptUnitsOfTheBatch) {
  ASSERT_TRUE(store_->BeginUnit().ok());
  ASSERT_TRUE(store_->PutPage(Page("kept-1")).ok());
  ASSERT_TRUE(store_->EndUnit(true).ok());

  ASSERT_TRUE(store_->BeginUnit().ok());
  ASSERT_TRUE(store_->PutPage(Page("dropped")).ok());
  ASSERT_TRUE(store_->PutDatabase(Database("db-x")).ok());
  ASSERT_TRUE(store_->PutDataSource(DataSource("ds-x", "db-x")).ok());
  ASSERT_TRUE(store_->PutUser(User("u-x")).ok());
  ASSERT_TRUE(store_->PutMeta("k", "v").ok());
  // Inside the unit its own writes are visible.
  auto inside = store_->GetPage("dropped");
  ASSERT_TRUE(inside.ok());
  EXPECT_TRUE(inside->has_value());
  ASSERT_TRUE(store_->EndUnit(false).ok());

  ASSERT_TRUE(store_->BeginUnit().ok());
  ASSERT_TRUE(store_->PutPage(Page("kept-2")).ok());
  ASSERT_TRUE(store_->EndUnit(true).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());

  Reopen();
  auto page = [&](const char* id) {
    auto r = store_->GetPage(id);
    EXPECT_TRUE(r.ok());
    return r.ok() && r->has_value();
  };
  EXPECT_TRUE(page("kept-1"));
  EXPECT_FALSE(page("dropped"));
  EXPECT_TRUE(page("kept-2"));
  auto db = store_->GetDatabase("db-x");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db, nullptr);
  auto source = store_->GetDataSource("ds-x");
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(*source, nullptr);
  auto sources = store_->ListDataSources("db-x");
  ASSERT_TRUE(sources.ok());
  EXPECT_TRUE(sources->empty());
  auto user = store_->GetUser("u-x");
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(user->has_value());
  auto meta = store_->GetMeta("k");
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->has_value());
}

TEST_F(SqliteStoreTest, RolledBackUnitRestoresTheOverwrittenValue) {
  PageRecord p = Page("page-1");
  Committed([&] { ASSERT_TRUE(store_->PutPage(p).ok()); });
  ASSERT_TRUE(store_->BeginUnit().ok());
  PageRecord changed = p;
  changed.properties = json::object{{"done", false}};
  ASSERT_TRUE(store_->PutPage(changed).ok());
  ASSERT_TRUE(store_->EndUnit(false).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  auto got = store_->GetPage("page-1");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(SerializeJson((*got)->properties), SerializeJson(p.properties));
}

TEST_F(SqliteStoreTest, CommittedDataSurvivesReopen) {
  Committed([&] {
    ASSERT_TRUE(store_->PutPage(Page("page-1")).ok());
    ASSERT_TRUE(store_->PutDatabase(Database("db-1")).ok());
    ASSERT_TRUE(store_->PutDataSource(DataSource("ds-1", "db-1")).ok());
    ASSERT_TRUE(store_->PutUser(User("u-1")).ok());
    ASSERT_TRUE(store_->PutIntegration(IntegrationRecord{"i", "n", "s", "u-1", "read", 1}).ok());
    ASSERT_TRUE(store_->PutMeta("workspace_id", "w").ok());
  });
  Reopen();
  auto page = store_->GetPage("page-1");
  ASSERT_TRUE(page.ok() && page->has_value());
  EXPECT_EQ(SerializeJson((*page)->properties), SerializeJson(Page("page-1").properties));
  auto db = store_->GetDatabase("db-1");
  ASSERT_TRUE(db.ok());
  ASSERT_NE(*db, nullptr);
  EXPECT_EQ((*db)->id, "db-1");
  auto source = store_->GetDataSource("ds-1");
  ASSERT_TRUE(source.ok());
  ASSERT_NE(*source, nullptr);
  EXPECT_EQ((*source)->database_id, "db-1");
  EXPECT_EQ((*source)->schema, DataSource("ds-1", "db-1").schema);
  auto pages = store_->ListPagesOf("ds-1");
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].id, "page-1");
  auto user = store_->GetUser("u-1");
  ASSERT_TRUE(user.ok());
  EXPECT_TRUE(user->has_value());
  auto integration = store_->FindIntegrationBySecretHash("s");
  ASSERT_TRUE(integration.ok());
  EXPECT_TRUE(integration->has_value());
  auto meta = store_->GetMeta("workspace_id");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(*meta, std::optional<std::string>("w"));
}

TEST_F(SqliteStoreTest, OpenCreatesMissingFileButNotMissingDirectory) {
  auto bad = SqliteStore::Open((dir_.path() / "no-such-dir" / "x.db").string());
  ASSERT_THAT(bad, ErrorIs(ErrorCode::kInternalServerError));
}

TEST(OpenStore, RefusesUnknownSchemesAndEmptyPaths) {
  // postgresql:// is a store now (storage/postgres/, tested in pg_store_test.cc).
  auto mysql = OpenStore("mysql://localhost/notion");
  ASSERT_THAT(mysql, ErrorIs(ErrorCode::kInvalidRequest,
                             "unsupported --db URL (expected sqlite:PATH, memory: or postgresql://...): "
                             "mysql://localhost/notion"));
  auto empty = OpenStore("sqlite:");
  ASSERT_THAT(empty, ErrorIs(ErrorCode::kInvalidRequest, "sqlite URL has no path"));
}

}  // namespace
}  // namespace localnotion::storage
