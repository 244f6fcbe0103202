// The store conformance suite: the contract of storage/txn.h and storage/store.h, run
// against every Store configuration through Store::Begin / Txn / Commit only. A new
// backend joins by adding its configurations to Configs() below (docs/storage.md).
//
// Records are compared field by field through Describe(), which prints every field (JSON
// as serialized, so key order counts), so a failure shows exactly what differs.
#include "storage/store_conformance_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/caching_store.h"
#include "storage/postgres/pg_store.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/scan_nodes.h"

namespace localnotion::storage {
namespace {

// ---------------------------------------------------------------------------------------
// Configurations.

std::vector<StoreConfig> Configs() {
  std::vector<StoreConfig> configs;
  configs.push_back(StoreConfig{"SqliteFile",
                                [](const std::string& dir) -> Result<std::unique_ptr<Store>> {
                                  LN_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                                                      SqliteStore::Open(dir + "/store.db"));
                                  return std::unique_ptr<Store>(std::move(store));
                                },
                                /*persistent=*/true, /*concurrent_reads=*/true});
  configs.push_back(StoreConfig{"CachingSqliteFile",  // what OpenStore("sqlite:PATH") builds
                                [](const std::string& dir) -> Result<std::unique_ptr<Store>> {
                                  LN_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                                                      SqliteStore::Open(dir + "/store.db"));
                                  return std::unique_ptr<Store>(std::make_unique<CachingStore>(std::move(store)));
                                },
                                /*persistent=*/true, /*concurrent_reads=*/true});
  configs.push_back(StoreConfig{"OpenStoreSqliteUrl",
                                [](const std::string& dir) { return OpenStore("sqlite:" + dir + "/store.db"); },
                                /*persistent=*/true, /*concurrent_reads=*/true});
  configs.push_back(StoreConfig{"OpenStoreMemory",  // CachingStore over SqliteStore(":memory:"): one connection
                                [](const std::string&) { return OpenStore("memory:"); },
                                /*persistent=*/false, /*concurrent_reads=*/false});
  // PostgreSQL: one real server per test process (postgres/pg_test_server.h), a schema
  // per test directory, so that reopening the same directory reopens the same store.
  auto schema_of = [](const std::string& dir) {
    return "t_" + std::filesystem::path(dir).filename().string().substr(std::string("ln_conformance_").size());
  };
  auto pg_unavailable = []() -> std::string {
    auto server = TestPostgres::Get();
    return server.ok() ? "" : server.error().message;
  };
  configs.push_back(StoreConfig{
      "Postgres",
      [schema_of](const std::string& dir) -> Result<std::unique_ptr<Store>> {
        LN_ASSIGN_OR_RETURN(TestPostgres * server, TestPostgres::Get());
        LN_ASSIGN_OR_RETURN(std::unique_ptr<PgStore> store, PgStore::Open(server->UrlWithSchema(schema_of(dir))));
        return std::unique_ptr<Store>(std::move(store));
      },
      /*persistent=*/true, /*concurrent_reads=*/true, pg_unavailable, TestPostgres::Required});
  configs.push_back(StoreConfig{"OpenStorePostgresUrl",  // CachingStore over PgStore, what --db postgresql://... builds
                                [schema_of](const std::string& dir) -> Result<std::unique_ptr<Store>> {
                                  LN_ASSIGN_OR_RETURN(TestPostgres * server, TestPostgres::Get());
                                  return OpenStore(server->UrlWithSchema(schema_of(dir)));
                                },
                                /*persistent=*/true, /*concurrent_reads=*/true, pg_unavailable,
                                TestPostgres::Required});
  return configs;
}

#define SKIP_UNLESS_PERSISTENT()                                                                             \
  if (!GetParam().persistent) {                                                                              \
    GTEST_SKIP() << GetParam().name << ": does not apply, the store's data lives only as long as the store"; \
  }
#define SKIP_UNLESS_CONCURRENT_READS()                                                                      \
  if (!GetParam().concurrent_reads) {                                                                       \
    GTEST_SKIP() << GetParam().name                                                                         \
                 << ": does not apply, a read transaction holds the store's one connection until it ends, " \
                    "so no write can begin (let alone commit) while a read is open";                        \
  }

// ---------------------------------------------------------------------------------------
// Records with every field set (and the optional ones both ways), and Describe().

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  if (!v) throw std::runtime_error("bad JSON in test: " + std::string(text));
  return *v;
}

std::string S(const json::value& v) { return SerializeJson(v); }
std::string S(const json::object& v) { return SerializeJson(json::value(v)); }
std::string S(const json::array& v) { return SerializeJson(json::value(v)); }
std::string S(const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : "nullopt"; }
std::string S(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "nullopt"; }

std::string Describe(const PageRecord& p) {
  std::ostringstream o;
  o << p.id << "|" << p.parent_type << "|" << p.parent_id << "|" << S(p.properties) << "|" << S(p.icon) << "|"
    << S(p.cover) << "|trash=" << p.in_trash << "|locked=" << p.is_locked << "|" << p.created_time << "|"
    << p.created_by << "|" << p.last_edited_time << "|" << p.last_edited_by;
  return o.str();
}
std::string Describe(const DatabaseRecord& d) {
  std::ostringstream o;
  o << d.id << "|" << d.parent_type << "|" << d.parent_id << "|" << S(d.title) << "|" << S(d.description) << "|"
    << S(d.icon) << "|" << S(d.cover) << "|trash=" << d.in_trash << "|inline=" << d.is_inline << "|" << d.created_time
    << "|" << d.created_by << "|" << d.last_edited_time << "|" << d.last_edited_by;
  return o.str();
}
std::string Describe(const DataSourceRecord& d) {
  std::ostringstream o;
  o << d.id << "|" << d.database_id << "|" << S(d.title) << "|" << S(d.description) << "|" << S(d.icon)
    << "|trash=" << d.in_trash << "|" << d.created_time << "|" << d.created_by << "|" << d.last_edited_time << "|"
    << d.last_edited_by << "|" << S(d.schema) << "|next=" << d.next_unique_id;
  return o.str();
}
std::string Describe(const UserRecord& u) {
  return u.id + "|" + u.type + "|" + u.name + "|" + S(u.avatar_url) + "|" + S(u.email) + "|" + u.integration_id;
}
std::string Describe(const IntegrationRecord& i) {
  return i.id + "|" + i.name + "|" + i.secret_hash + "|" + i.bot_user_id + "|" + i.capabilities + "|" +
         std::to_string(i.created_time);
}
std::string Describe(const BlockRecord& b) {
  std::ostringstream o;
  o << b.id << "|" << b.parent_type << "|" << b.parent_id << "|pos=" << b.position << "|" << b.type << "|"
    << S(b.content) << "|trash=" << b.in_trash << "|" << b.created_time << "|" << b.created_by << "|"
    << b.last_edited_time << "|" << b.last_edited_by;
  return o.str();
}
std::string Describe(const FileUploadRecord& u) {
  std::ostringstream o;
  o << u.id << "|" << u.integration_id << "|" << u.created_by << "|" << u.mode << "|" << u.status << "|"
    << S(u.filename) << "|" << S(u.content_type) << "|" << S(u.content_length) << "|parts=" << u.number_of_parts << "|"
    << S(u.external_url) << "|" << u.created_time << "|" << u.last_edited_time << "|" << u.expiry_time
    << "|attached=" << u.attached;
  return o.str();
}
std::string Describe(const CommentRecord& c) {
  std::ostringstream o;
  o << c.id << "|" << c.parent_type << "|" << c.parent_id << "|" << c.discussion_id << "|" << S(c.rich_text) << "|"
    << S(c.attachments) << "|" << S(c.display_name) << "|" << c.created_time << "|" << c.last_edited_time << "|"
    << c.created_by;
  return o.str();
}
// Without the sequence, which the store assigns.
std::string Describe(const PageHistoryRecord& h) {
  std::ostringstream o;
  o << h.page_id << "|" << h.time << "|" << h.request_id << "|" << h.integration_id << "|" << h.integration_name << "|"
    << h.action << "|" << S(h.changes);
  return o.str();
}
std::string Describe(const ChangeRecord& c) {
  std::ostringstream o;
  o << c.object << "|" << c.object_id << "|" << c.kind << "|[";
  for (const auto& p : c.properties) o << p << ",";
  o << "]|" << c.author_id << "|" << c.time << "|" << c.request_id << "|"
    << (c.history ? Describe(*c.history) : std::string("-"));
  return o.str();
}
template <class T>
std::string Describe(const std::optional<T>& v) {
  return v ? Describe(*v) : "nullopt";
}
template <class T>
std::string Describe(const std::shared_ptr<const T>& v) {
  return v ? Describe(*v) : "nullptr";
}

// The ids of a list, in order.
template <class T>
std::vector<std::string> Ids(const std::vector<T>& list) {
  std::vector<std::string> ids;
  for (const auto& r : list) {
    if constexpr (requires { r->id; }) {
      ids.push_back(r->id);
    } else {
      ids.push_back(r.id);
    }
  }
  return ids;
}
using V = std::vector<std::string>;

PageRecord Page(std::string id, std::string parent = "ds-1") {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = std::move(parent);
  p.properties = J(R"({"title":[{"type":"text","text":{"content":"🥑 Café"},"plain_text":"🥑 Café"}],)"
                   R"("p%3Ax":2.5,"big":9007199254740993,"done":true,"sel":"opt-1","none":null,"zz":[1,"a"]})")
                     .as_object();
  p.icon = J(R"({"type":"emoji","emoji":"🐞"})");
  p.cover = nullptr;
  p.in_trash = false;
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
  d.title = J(R"([{"type":"text","plain_text":"Tasks ✓"}])").as_array();
  d.description = json::array{};
  d.icon = nullptr;
  d.cover = J(R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})");
  d.in_trash = true;
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
  s.schema = J(R"([{"id":"title","name":"Name","type":"title","config":{}},)"
               R"({"id":"p%3Ax","name":"Price","type":"number","config":{"format":"euro"}}])")
                 .as_array();
  s.next_unique_id = 42;
  return s;
}

UserRecord Person(std::string id) {
  UserRecord u;
  u.id = std::move(id);
  u.type = "person";
  u.name = "Ann " + u.id;
  u.avatar_url = "https://x.y/" + u.id + ".png";
  u.email = u.id + "@example.com";
  return u;
}

UserRecord Bot(std::string id, std::string integration_id) {
  UserRecord u;
  u.id = std::move(id);
  u.type = "bot";
  u.name = "Bot " + u.id;
  u.integration_id = std::move(integration_id);
  return u;
}

IntegrationRecord Integration(std::string id, Millis created, std::string capabilities = "read,update") {
  return IntegrationRecord{id, "Integration " + id, "hash-" + id, "bot-" + id, std::move(capabilities), created};
}

BlockRecord Block(std::string id, std::string parent, int64_t position, bool trashed = false) {
  BlockRecord b;
  b.id = std::move(id);
  b.parent_type = "page_id";
  b.parent_id = std::move(parent);
  b.position = position;
  b.type = "paragraph";
  b.content = J(R"({"rich_text":[{"type":"text","plain_text":"é"}],"color":"default"})").as_object();
  b.in_trash = trashed;
  b.created_time = 1700000000123;
  b.created_by = "u1";
  b.last_edited_time = 1700000000456;
  b.last_edited_by = "u2";
  return b;
}

FileUploadRecord Upload(std::string id, std::string integration, Millis created) {
  FileUploadRecord u;
  u.id = std::move(id);
  u.integration_id = std::move(integration);
  u.created_by = "bot-" + u.integration_id;
  u.mode = "multi_part";
  u.status = "pending";
  u.filename = "a b.bin";
  u.content_type = "application/octet-stream";
  u.content_length = 123456789012;
  u.number_of_parts = 3;
  u.external_url = std::nullopt;
  u.created_time = created;
  u.last_edited_time = created + 1;
  u.expiry_time = created + 3600000;
  u.attached = false;
  return u;
}

CommentRecord Comment(std::string id, std::string parent, std::string discussion) {
  CommentRecord c;
  c.id = std::move(id);
  c.parent_type = "page_id";
  c.parent_id = std::move(parent);
  c.discussion_id = std::move(discussion);
  c.rich_text = J(R"([{"type":"text","text":{"content":"hi 👋"},"plain_text":"hi 👋"}])").as_array();
  c.attachments = J(R"([{"category":"image","file":{"type":"file_upload","id":"u1"}}])").as_array();
  c.display_name = J(R"({"type":"integration","resolved_name":"Bot"})");
  c.created_time = 1700000001000;
  c.last_edited_time = 1700000002000;
  c.created_by = "bot-1";
  return c;
}

PageHistoryRecord History(std::string page, std::string request, std::string action) {
  PageHistoryRecord h;
  h.page_id = std::move(page);
  h.time = 1735689600000;
  h.request_id = std::move(request);
  h.integration_id = "int-1";
  h.integration_name = "localnotion ✓";
  h.action = std::move(action);
  h.changes = J(R"([{"property":"Price","property_id":"p%3Ax","definition":{"type":"number"},)"
                R"("before_stored":null,"after_stored":2.5},{"field":"in_trash","before":false,"after":true}])")
                  .as_array();
  return h;
}

// A page change that carries `History(page, request, action)`.
ChangeRecord WithHistory(std::string page, std::string request, std::string action) {
  ChangeRecord c;
  c.object = "page";
  c.object_id = page;
  c.kind = action;
  c.properties = {"p%3Ax"};
  c.author_id = "bot-1";
  c.time = 1735689600000;
  c.request_id = request;
  c.history = History(std::move(page), std::move(request), std::move(action));
  return c;
}

ChangeRecord Change(std::string object, std::string id, std::string kind, std::vector<std::string> properties = {}) {
  ChangeRecord c;
  c.object = std::move(object);
  c.object_id = std::move(id);
  c.kind = std::move(kind);
  c.properties = std::move(properties);
  c.author_id = "bot-1";
  c.time = 1735689600123;
  c.request_id = "req-" + c.object_id;
  return c;
}

// ---------------------------------------------------------------------------------------
// Round-trips and lists, facet by facet.

TEST_P(StoreConformanceTest, PagesRoundTripEveryFieldAndAMissingPageIsEmpty) {
  PageRecord trashed = Page("page-2");
  trashed.in_trash = true;
  trashed.is_locked = false;
  trashed.cover = J(R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})");
  trashed.parent_type = "workspace";
  trashed.parent_id = "";
  trashed.properties = json::object{};
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(Page("page-1")));
    LN_ASSERT_OK(txn.PutPage(trashed));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(Page("page-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-2"))), Describe(trashed));
    EXPECT_EQ(LN_VAL(txn.GetPage("nope")), std::nullopt);
  });
}

TEST_P(StoreConformanceTest, GetPagesAnswersEachIdInTheOrderAskedWithMissingOnesEmpty) {
  const std::string odd = "odd \"quoted\", back\\slash {id}";  // quotes, a comma, braces, a backslash
  PageRecord trashed = Page("page-2");
  trashed.in_trash = true;
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(Page("page-1")));
    LN_ASSERT_OK(txn.PutPage(trashed));
    LN_ASSERT_OK(txn.PutPage(Page(odd)));
  });
  ReadBoth([&](Txn& txn) {
    const std::vector<std::string> ids = {"page-2", "nope", "page-1", "page-2", odd, "page-1\\"};
    std::vector<std::optional<PageRecord>> got = LN_VAL(txn.GetPages(ids));
    ASSERT_EQ(got.size(), 6u);
    EXPECT_EQ(Describe(got[0]), Describe(trashed));
    EXPECT_EQ(got[1], std::nullopt);
    EXPECT_EQ(Describe(got[2]), Describe(Page("page-1")));
    EXPECT_EQ(Describe(got[3]), Describe(trashed));
    EXPECT_EQ(Describe(got[4]), Describe(Page(odd)));
    EXPECT_EQ(got[5], std::nullopt);
    EXPECT_EQ(LN_VAL(txn.GetPages({})).size(), 0u);
  });
}

TEST_P(StoreConformanceTest, PagesListInCreationOrderAndAnUpdateKeepsItsPlace) {
  Write([&](Txn& txn) {
    for (const char* id : {"p-3", "p-1", "q-1", "p-2"}) {
      LN_ASSERT_OK(txn.PutPage(Page(id, id[0] == 'p' ? "ds-1" : "ds-2")));
    }
  });
  PageRecord updated = Page("p-3");
  updated.properties = J(R"({"done":false})").as_object();
  updated.last_edited_time = 1800000000000;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(updated)); });
  ReadBoth([&](Txn& txn) {
    std::vector<PageRecord> pages = LN_VAL(txn.ListPagesOf("ds-1"));
    EXPECT_EQ(Ids(pages), (V{"p-3", "p-1", "p-2"}));
    if (pages.size() == 3) {
      EXPECT_EQ(Describe(pages[0]), Describe(updated));
      EXPECT_EQ(Describe(pages[1]), Describe(Page("p-1")));
    }
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-2"))), (V{"q-1"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-3"))), V{});
    EXPECT_EQ(Ids(LN_VAL(txn.ListAllPages())), (V{"p-3", "p-1", "q-1", "p-2"}));
  });
}

// ListPageHeads is ListAllPages without the values: the same pages in the same order,
// with where each is, its trash flag and its last edit.
TEST_P(StoreConformanceTest, PageHeadsAreTheListOfAllPagesWithoutTheirValues) {
  PageRecord trashed = Page("h-2", "ds-2");
  trashed.in_trash = true;
  trashed.last_edited_time = 1700000000001;
  PageRecord child = Page("h-3", "h-1");
  child.parent_type = "page_id";
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(Page("h-1", "ds-1")));
    LN_ASSERT_OK(txn.PutPage(trashed));
    LN_ASSERT_OK(txn.PutPage(child));
  });
  PageRecord edited = Page("h-1", "ds-1");
  edited.last_edited_time = 1800000000000;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(edited)); });
  ReadBoth([&](Txn& txn) {
    std::vector<PageHead> heads = LN_VAL(txn.ListPageHeads());
    std::vector<PageRecord> pages = LN_VAL(txn.ListAllPages());
    ASSERT_EQ(heads.size(), 3u);
    ASSERT_EQ(pages.size(), 3u);
    for (size_t i = 0; i < heads.size(); ++i) {
      EXPECT_EQ(heads[i].id, pages[i].id);
      EXPECT_EQ(heads[i].parent_type, pages[i].parent_type);
      EXPECT_EQ(heads[i].parent_id, pages[i].parent_id);
      EXPECT_EQ(heads[i].in_trash, pages[i].in_trash);
      EXPECT_EQ(heads[i].last_edited_time, pages[i].last_edited_time);
    }
    EXPECT_EQ(heads[0].id, "h-1");
    EXPECT_EQ(heads[0].last_edited_time, 1800000000000);
    EXPECT_TRUE(heads[1].in_trash);
    EXPECT_EQ(heads[2].parent_type, "page_id");
    EXPECT_EQ(heads[2].parent_id, "h-1");
  });
}

TEST_P(StoreConformanceTest, DatabasesRoundTripAndListInCreationOrderAcrossUpdates) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutDatabase(Database("db-b")));
    LN_ASSERT_OK(txn.PutDatabase(Database("db-a")));
  });
  DatabaseRecord changed = Database("db-b");
  changed.title = J(R"([{"type":"text","plain_text":"Renamed"}])").as_array();
  changed.in_trash = false;
  changed.icon = J(R"({"type":"emoji","emoji":"✅"})");
  ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-b"))), Describe(Database("db-b"))); });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutDatabase(changed));
    LN_ASSERT_OK(txn.PutDatabase(Database("db-c")));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-b"))), Describe(changed));
    EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-a"))), Describe(Database("db-a")));
    EXPECT_EQ(LN_VAL(txn.GetDatabase("nope")), nullptr);
    auto all = LN_VAL(txn.ListAllDatabases());
    EXPECT_EQ(Ids(all), (V{"db-b", "db-a", "db-c"}));
    if (!all.empty()) EXPECT_EQ(Describe(all[0]), Describe(changed));
  });
}

TEST_P(StoreConformanceTest, DataSourcesRoundTripAndListPerDatabaseInCreationOrderAcrossUpdates) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-z", "db-1")));
    LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-other", "db-2")));
    LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-a", "db-1")));
  });
  ReadBoth(
      [&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetDataSource("ds-z"))), Describe(DataSource("ds-z", "db-1"))); });
  DataSourceRecord changed = DataSource("ds-z", "db-1");
  changed.next_unique_id = 7;
  changed.schema = json::array{};
  changed.in_trash = false;
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutDataSource(changed));
    LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-m", "db-1")));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetDataSource("ds-z"))), Describe(changed));
    EXPECT_EQ(LN_VAL(txn.GetDataSource("nope")), nullptr);
    auto of_db1 = LN_VAL(txn.ListDataSources("db-1"));
    EXPECT_EQ(Ids(of_db1), (V{"ds-z", "ds-a", "ds-m"}));
    if (of_db1.size() == 3) {
      EXPECT_EQ(Describe(of_db1[0]), Describe(changed));
      EXPECT_EQ(Describe(of_db1[1]), Describe(DataSource("ds-a", "db-1")));
    }
    EXPECT_EQ(Ids(LN_VAL(txn.ListDataSources("db-2"))), (V{"ds-other"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListDataSources("db-3"))), V{});
    EXPECT_EQ(Ids(LN_VAL(txn.ListAllDataSources())), (V{"ds-z", "ds-other", "ds-a", "ds-m"}));
  });
}

TEST_P(StoreConformanceTest, UsersRoundTripWithOptionalFieldsAndListByIdFromACursor) {
  UserRecord bare = Person("u-bare");
  bare.avatar_url.reset();
  bare.email.reset();
  Write([&](Txn& txn) {
    for (const char* id : {"c", "a", "e", "b", "d"}) LN_ASSERT_OK(txn.PutUser(Person(id)));
    LN_ASSERT_OK(txn.PutUser(Bot("f-bot", "int-1")));
    LN_ASSERT_OK(txn.PutUser(bare));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("a"))), Describe(Person("a")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("f-bot"))), Describe(Bot("f-bot", "int-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("u-bare"))), Describe(bare));
    EXPECT_EQ(LN_VAL(txn.GetUser("nope")), std::nullopt);
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("", 100))), (V{"a", "b", "c", "d", "e", "f-bot", "u-bare"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("", 2))), (V{"a", "b"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("c", 2))), (V{"c", "d"}));  // the cursor is included
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("cz", 2))), (V{"d", "e"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("v", 100))), V{});
    auto listed = LN_VAL(txn.ListUsers("f-bot", 1));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(Describe(listed[0]), Describe(Bot("f-bot", "int-1")));
  });
  // Put replaces, and the next reads (also of a cached user) see the new row.
  UserRecord renamed = Person("a");
  renamed.name = "Renamed";
  renamed.email.reset();
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutUser(renamed)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("a"))), Describe(renamed));
    auto first = LN_VAL(txn.ListUsers("", 1));
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(Describe(first[0]), Describe(renamed));
  });
}

TEST_P(StoreConformanceTest, IntegrationsAreFoundBySecretHashListedByCreationTimeAndReplaced) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutIntegration(Integration("int-b", 2000)));
    LN_ASSERT_OK(txn.PutIntegration(Integration("int-a", 1000, "read")));
    LN_ASSERT_OK(txn.PutIntegration(Integration("int-c", 2000)));  // same time: by id
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-int-a"))),
              Describe(Integration("int-a", 1000, "read")));
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-nope")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("int-a")), std::nullopt);  // by hash, not id
    auto all = LN_VAL(txn.ListIntegrations());
    EXPECT_EQ(Ids(all), (V{"int-a", "int-b", "int-c"}));
    if (all.size() == 3) EXPECT_EQ(Describe(all[1]), Describe(Integration("int-b", 2000)));
  });
  // A new secret and capabilities: the old hash finds nothing any more (also in the cache).
  IntegrationRecord rotated = Integration("int-a", 1000, "read,update,insert");
  rotated.secret_hash = "hash-rotated";
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutIntegration(rotated)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-int-a")), std::nullopt);
    EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-rotated"))), Describe(rotated));
    EXPECT_EQ(Ids(LN_VAL(txn.ListIntegrations())), (V{"int-a", "int-b", "int-c"}));
  });
}

TEST_P(StoreConformanceTest, SharesListInTheOrderSharedAreIdempotentAndPerIntegration) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutShare("i1", "b"));
    LN_ASSERT_OK(txn.PutShare("i1", "a"));
    LN_ASSERT_OK(txn.PutShare("i1", "b"));  // again: keeps its place, no duplicate
    LN_ASSERT_OK(txn.PutShare("i2", "c"));
    LN_ASSERT_OK(txn.PutShare("i2", kWholeWorkspace));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.ListShares("i1")), (V{"b", "a"}));
    EXPECT_EQ(LN_VAL(txn.ListShares("i2")), (V{"c", "workspace"}));
    EXPECT_EQ(LN_VAL(txn.ListShares("i3")), V{});
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutShare("i1", "c"));
    LN_ASSERT_OK(txn.PutShare("i1", "a"));
    LN_ASSERT_OK(txn.DeleteShare("i1", "b"));
    LN_ASSERT_OK(txn.DeleteShare("i1", "never-shared"));  // no-op
    LN_ASSERT_OK(txn.DeleteShare("i2", kWholeWorkspace));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.ListShares("i1")), (V{"a", "c"}));
    EXPECT_EQ(LN_VAL(txn.ListShares("i2")), (V{"c"}));
  });
}

TEST_P(StoreConformanceTest, DeletingAnIntegrationTakesItsBotUserAndSharesOnly) {
  Write([&](Txn& txn) {
    for (const char* id : {"i1", "i2"}) {
      LN_ASSERT_OK(txn.PutIntegration(Integration(id, 1)));
      LN_ASSERT_OK(txn.PutUser(Bot(std::string("bot-") + id, id)));
      LN_ASSERT_OK(txn.PutShare(id, "page-1"));
      LN_ASSERT_OK(txn.PutShare(id, kWholeWorkspace));
    }
    LN_ASSERT_OK(txn.PutUser(Person("u-1")));
  });
  // Fill a cache, if there is one.
  Read([&](Txn& txn) {
    EXPECT_NE(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1")), std::nullopt);
    EXPECT_NE(LN_VAL(txn.GetUser("bot-i1")), std::nullopt);
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.DeleteIntegration("i1"));
    LN_ASSERT_OK(txn.DeleteIntegration("unknown"));  // no-op
    // The transaction sees its own delete.
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.GetUser("bot-i1")), std::nullopt);
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.GetUser("bot-i1")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.ListShares("i1")), V{});
    EXPECT_EQ(Ids(LN_VAL(txn.ListIntegrations())), (V{"i2"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("bot-i2"))), Describe(Bot("bot-i2", "i2")));
    EXPECT_EQ(LN_VAL(txn.ListShares("i2")), (V{"page-1", "workspace"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("u-1"))), Describe(Person("u-1")));
  });
}

// The meeting notes query reads every block of one type, trashed ones too, oldest first.
TEST_P(StoreConformanceTest, ListBlocksOfTypeInCreationOrderWithTrash) {
  BlockRecord late = Block("m-late", "p", 1);
  late.type = "meeting_notes";
  late.created_time = 1700000009000;
  BlockRecord early = Block("m-early", "q", 7, /*trashed=*/true);
  early.type = "meeting_notes";
  early.created_time = 1700000001000;
  BlockRecord tie = Block("m-a", "p", 2);
  tie.type = "meeting_notes";
  tie.created_time = 1700000009000;
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutBlock(late));
    LN_ASSERT_OK(txn.PutBlock(Block("para", "p", 3)));
    LN_ASSERT_OK(txn.PutBlock(early));
    LN_ASSERT_OK(txn.PutBlock(tie));
  });
  ReadBoth([&](Txn& txn) {
    auto found = LN_VAL(txn.ListBlocksOfType("meeting_notes"));
    EXPECT_EQ(Ids(found), (V{"m-early", "m-a", "m-late"}));
    if (found.size() == 3) EXPECT_EQ(Describe(found[0]), Describe(early));
    EXPECT_EQ(Ids(LN_VAL(txn.ListBlocksOfType("paragraph"))), (V{"para"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListBlocksOfType("transcription"))), V{});
    EXPECT_EQ(Ids(LN_VAL(txn.ListBlocksOfType(""))), (V{"para", "m-early", "m-a", "m-late"}));
  });
}

TEST_P(StoreConformanceTest, BlocksRoundTripListByPositionWithoutTrashAndShift) {
  BlockRecord trashed = Block("t", "p", 4, /*trashed=*/true);
  BlockRecord nested = Block("n", "a", 1);
  nested.parent_type = "block_id";
  nested.type = "child_page";
  nested.content = json::object{};
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutBlock(Block("c", "p", 3)));
    LN_ASSERT_OK(txn.PutBlock(Block("a", "p", 1)));
    LN_ASSERT_OK(txn.PutBlock(trashed));
    LN_ASSERT_OK(txn.PutBlock(Block("b", "p", 2)));
    LN_ASSERT_OK(txn.PutBlock(Block("other", "q", 1)));
    LN_ASSERT_OK(txn.PutBlock(nested));
  });
  auto ids = [](Txn& txn, std::string_view parent, int64_t from = 0, int limit = 100) {
    return Ids(LN_VAL(txn.ListBlockChildren(parent, from, limit)));
  };
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("a"))), Describe(Block("a", "p", 1)));
    EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("t"))), Describe(trashed));  // found in the trash too
    EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("n"))), Describe(nested));
    EXPECT_EQ(LN_VAL(txn.GetBlock("nope")), std::nullopt);
    EXPECT_EQ(ids(txn, "p"), (V{"a", "b", "c"}));
    EXPECT_EQ(ids(txn, "p", 2), (V{"b", "c"}));  // from_position is inclusive
    EXPECT_EQ(ids(txn, "p", 2, 1), (V{"b"}));
    EXPECT_EQ(ids(txn, "p", 5), V{});
    EXPECT_EQ(ids(txn, "a"), (V{"n"}));
    auto children = LN_VAL(txn.ListBlockChildren("p", 0, 100));
    if (!children.empty()) EXPECT_EQ(Describe(children[0]), Describe(Block("a", "p", 1)));
    EXPECT_EQ(LN_VAL(txn.LastBlockPosition("p")), 4);  // trashed children count
    EXPECT_EQ(LN_VAL(txn.LastBlockPosition("q")), 1);
    EXPECT_EQ(LN_VAL(txn.LastBlockPosition("empty")), 0);
  });
  // Open a gap after position 1 and insert two blocks into it; other parents keep theirs.
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.ShiftBlockPositions("p", 1, 2));
    LN_ASSERT_OK(txn.PutBlock(Block("x", "p", 2)));
    LN_ASSERT_OK(txn.PutBlock(Block("y", "p", 3)));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(ids(txn, "p"), (V{"a", "x", "y", "b", "c"}));
    EXPECT_EQ(LN_VAL(txn.GetBlock("a"))->position, 1);
    EXPECT_EQ(LN_VAL(txn.GetBlock("b"))->position, 4);
    EXPECT_EQ(LN_VAL(txn.GetBlock("c"))->position, 5);
    EXPECT_EQ(LN_VAL(txn.GetBlock("t"))->position, 6);  // trashed ones shift too
    EXPECT_EQ(LN_VAL(txn.LastBlockPosition("p")), 6);
    EXPECT_EQ(LN_VAL(txn.GetBlock("other"))->position, 1);
  });
  // Put replaces by id: trashing a block takes it out of the list.
  BlockRecord x = Block("x", "p", 2, /*trashed=*/true);
  x.content["color"] = "red";
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutBlock(x)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(ids(txn, "p"), (V{"a", "y", "b", "c"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("x"))), Describe(x));
  });
}

TEST_P(StoreConformanceTest, FileUploadsRoundTripListNewestFirstPerIntegrationAndKeepTheirPlace) {
  FileUploadRecord external = Upload("ext", "i1", 3000);
  external.mode = "external_url";
  external.filename.reset();
  external.content_type.reset();
  external.content_length.reset();
  external.number_of_parts = 0;
  external.external_url = "https://x.y/file.pdf";
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutFileUpload(Upload("a", "i1", 1000)));
    LN_ASSERT_OK(txn.PutFileUpload(Upload("b", "i2", 2000)));
    LN_ASSERT_OK(txn.PutFileUpload(external));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetFileUpload("a"))), Describe(Upload("a", "i1", 1000)));
    EXPECT_EQ(Describe(LN_VAL(txn.GetFileUpload("ext"))), Describe(external));
    EXPECT_EQ(LN_VAL(txn.GetFileUpload("nope")), std::nullopt);
    EXPECT_EQ(Ids(LN_VAL(txn.ListFileUploads("i1"))), (V{"ext", "a"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListFileUploads("i2"))), (V{"b"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListFileUploads("i3"))), V{});
  });
  FileUploadRecord done = Upload("a", "i1", 1000);
  done.status = "uploaded";
  done.attached = true;
  done.content_length = 9;
  done.filename = "renamed.bin";
  done.last_edited_time = 5000;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutFileUpload(done)); });
  ReadBoth([&](Txn& txn) {
    auto list = LN_VAL(txn.ListFileUploads("i1"));
    EXPECT_EQ(Ids(list), (V{"ext", "a"}));  // an update keeps the creation order
    if (list.size() == 2) EXPECT_EQ(Describe(list[1]), Describe(done));
  });
}

TEST_P(StoreConformanceTest, FileUploadPartsKeepBinaryBytesInPartOrderAndASecondSendReplaces) {
  const std::string binary("\0\x01\xff\xfe", 4);
  const std::string big(1 << 20, 'z');
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutFileUpload(Upload("u1", "i1", 1000)));
    LN_ASSERT_OK(txn.PutFileUpload(Upload("u2", "i1", 1001)));
    LN_ASSERT_OK(txn.PutFileUploadPart("u1", 3, big));
    LN_ASSERT_OK(txn.PutFileUploadPart("u1", 2, "tail"));
    LN_ASSERT_OK(txn.PutFileUploadPart("u1", 1, "first"));
    LN_ASSERT_OK(txn.PutFileUploadPart("u2", 1, "other"));
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutFileUploadPart("u1", 1, binary)); });  // replaces part 1
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("u1")), binary + "tail" + big);
    EXPECT_EQ(LN_VAL(txn.FileUploadPartSizes("u1")),
              (std::vector<std::pair<int64_t, int64_t>>{{1, 4}, {2, 4}, {3, 1 << 20}}));
    EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("u2")), "other");
    EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("nope")), "");
    EXPECT_EQ(LN_VAL(txn.FileUploadPartSizes("nope")), (std::vector<std::pair<int64_t, int64_t>>{}));
  });
}

TEST_P(StoreConformanceTest, CommentsRoundTripListInCreationOrderAndFindTheFirstOfADiscussion) {
  CommentRecord on_block = Comment("c2", "b1", "d2");
  on_block.parent_type = "block_id";
  on_block.attachments = json::array{};
  on_block.display_name = nullptr;
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutComment(Comment("c3", "p1", "d1")));
    LN_ASSERT_OK(txn.PutComment(on_block));
    LN_ASSERT_OK(txn.PutComment(Comment("c1", "p1", "d1")));
    LN_ASSERT_OK(txn.PutComment(Comment("c0", "p1", "d3")));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetComment("c3"))), Describe(Comment("c3", "p1", "d1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetComment("c2"))), Describe(on_block));
    EXPECT_EQ(LN_VAL(txn.GetComment("nope")), std::nullopt);
    auto list = LN_VAL(txn.ListComments("p1"));
    EXPECT_EQ(Ids(list), (V{"c3", "c1", "c0"}));
    if (!list.empty()) EXPECT_EQ(Describe(list[0]), Describe(Comment("c3", "p1", "d1")));
    EXPECT_EQ(Ids(LN_VAL(txn.ListComments("b1"))), (V{"c2"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListComments("p2"))), V{});
    EXPECT_EQ(Describe(LN_VAL(txn.FirstCommentOf("d1"))), Describe(Comment("c3", "p1", "d1")));
    EXPECT_EQ(Describe(LN_VAL(txn.FirstCommentOf("d2"))), Describe(on_block));
    EXPECT_EQ(LN_VAL(txn.FirstCommentOf("nope")), std::nullopt);
  });
  // A comment written again (edited) keeps its place in the list and its discussion.
  CommentRecord edited = Comment("c3", "p1", "d1");
  edited.rich_text = J(R"([{"type":"text","plain_text":"edited"}])").as_array();
  edited.last_edited_time = 1800000000000;
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutComment(edited)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Ids(LN_VAL(txn.ListComments("p1"))), (V{"c3", "c1", "c0"}));
    EXPECT_EQ(Describe(LN_VAL(txn.FirstCommentOf("d1"))), Describe(edited));
  });
}

TEST_P(StoreConformanceTest, PageHistoryIsListedPerPageOldestFirstWithIncreasingSequences) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.AppendChange(WithHistory("a", "r1", "created")));
    LN_ASSERT_OK(txn.AppendChange(WithHistory("b", "r1", "created")));
    // A change without history is not part of it.
    LN_ASSERT_OK(txn.AppendChange(Change("page", "a", "updated", {"title"})));
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.AppendChange(WithHistory("a", "r2", "updated")));
    LN_ASSERT_OK(txn.AppendChange(WithHistory("a", "r3", "updated")));
  });
  ReadBoth([&](Txn& txn) {
    auto a = LN_VAL(txn.ListPageHistory("a"));
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(Describe(a[0]), Describe(History("a", "r1", "created")));
    EXPECT_EQ(Describe(a[1]), Describe(History("a", "r2", "updated")));
    EXPECT_EQ(Describe(a[2]), Describe(History("a", "r3", "updated")));
    EXPECT_GT(a[0].sequence, 0);
    EXPECT_LT(a[0].sequence, a[1].sequence);
    EXPECT_LT(a[1].sequence, a[2].sequence);
    auto b = LN_VAL(txn.ListPageHistory("b"));
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(Describe(b[0]), Describe(History("b", "r1", "created")));
    // One sequence across pages, in append order.
    EXPECT_LT(a[0].sequence, b[0].sequence);
    EXPECT_LT(b[0].sequence, a[1].sequence);
    EXPECT_EQ(LN_VAL(txn.ListPageHistory("c")).size(), 0u);
  });
}

TEST_P(StoreConformanceTest, TheChangeOutboxListsAfterASequenceOldestFirstUpToALimit) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.AppendChange(Change("page", "p1", "created", {"title", "p%3Ax"})));
    LN_ASSERT_OK(txn.AppendChange(Change("database", "db1", "updated")));
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.AppendChange(Change("block", "b1", "trashed")));
    LN_ASSERT_OK(txn.AppendChange(Change("page", "p1", "moved")));
    LN_ASSERT_OK(txn.AppendChange(Change("comment", "c1", "created")));
  });
  ReadBoth([&](Txn& txn) {
    auto all = LN_VAL(txn.ListChanges(0, 100));
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(Describe(all[0]), Describe(Change("page", "p1", "created", {"title", "p%3Ax"})));
    EXPECT_EQ(Describe(all[1]), Describe(Change("database", "db1", "updated")));
    EXPECT_EQ(Describe(all[2]), Describe(Change("block", "b1", "trashed")));
    EXPECT_EQ(Describe(all[3]), Describe(Change("page", "p1", "moved")));
    EXPECT_EQ(Describe(all[4]), Describe(Change("comment", "c1", "created")));
    EXPECT_GT(all[0].sequence, 0);
    for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].sequence, all[i].sequence);
    auto after = LN_VAL(txn.ListChanges(all[1].sequence, 2));
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0].sequence, all[2].sequence);
    EXPECT_EQ(after[1].sequence, all[3].sequence);
    EXPECT_EQ(Describe(after[1]), Describe(all[3]));
    EXPECT_EQ(LN_VAL(txn.ListChanges(all[3].sequence, 100)).size(), 1u);
    EXPECT_EQ(LN_VAL(txn.ListChanges(all[4].sequence, 100)).size(), 0u);
    EXPECT_EQ(LN_VAL(txn.ListChanges(0, 1)).size(), 1u);
  });
}

TEST_P(StoreConformanceTest, MetaGetPutAndOverwrite) {
  ReadBoth([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetMeta("workspace_id")), std::nullopt); });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutMeta("workspace_id", "w-1"));
    LN_ASSERT_OK(txn.PutMeta("workspace_name", "Café ☕"));
    LN_ASSERT_OK(txn.PutMeta("empty", ""));
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutMeta("workspace_id", "w-2")); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.GetMeta("workspace_id")), std::optional<std::string>("w-2"));
    EXPECT_EQ(LN_VAL(txn.GetMeta("workspace_name")), std::optional<std::string>("Café ☕"));
    EXPECT_EQ(LN_VAL(txn.GetMeta("empty")), std::optional<std::string>(""));
  });
}

// ---------------------------------------------------------------------------------------
// ScanPageIds: filter, order and limit (the IR is query/scan.h; page_scan_test.cc covers
// the SQLite specifics).

using Op = ScanTerm::Op;

PageRecord ScanPage(std::string id, std::string_view props, bool trashed, Millis created, std::string parent = "ds-1") {
  PageRecord p = Page(std::move(id), std::move(parent));
  p.properties = J(props).as_object();
  p.in_trash = trashed;
  p.created_time = p.last_edited_time = created;
  return p;
}

class ScanFixture {
 public:
  // a: n=3 on, b: n=1 off, c: no n, d: n=3 on (trashed), e: n=2.5 on; f under another parent.
  static Status PutAll(Txn& txn) {
    LN_RETURN_IF_ERROR(txn.PutPage(ScanPage("a", R"({"n":3,"box":true,"sel":"o1"})", false, 5000)));
    LN_RETURN_IF_ERROR(txn.PutPage(ScanPage("b", R"({"n":1,"box":false,"sel":"o2"})", false, 1000)));
    LN_RETURN_IF_ERROR(txn.PutPage(ScanPage("c", R"({"n":null})", false, 3000)));
    LN_RETURN_IF_ERROR(txn.PutPage(ScanPage("d", R"({"n":3,"box":true})", true, 4000)));
    LN_RETURN_IF_ERROR(txn.PutPage(ScanPage("e", R"({"n":2.5,"box":true,"sel":"o1"})", false, 2000)));
    return txn.PutPage(ScanPage("f", R"({"n":3})", false, 6000, "ds-2"));
  }
};

void ExpectScans(Txn& txn) {
  auto scan = [&](PageScan s) { return LN_VAL(txn.ScanPageIds(s)); };
  PageScan s{"ds-1"};
  EXPECT_EQ(scan(s), (V{"a", "b", "c", "d", "e"}));  // creation order, trashed too
  EXPECT_EQ(scan(PageScan{"ds-2"}), (V{"f"}));
  EXPECT_EQ(scan(PageScan{"ds-3"}), V{});
  s.in_trash = false;
  EXPECT_EQ(scan(s), (V{"a", "b", "c", "e"}));
  s.in_trash = true;
  EXPECT_EQ(scan(s), (V{"d"}));
  s.in_trash = false;
  s.where = testing::PropertyTerm("n", Op::kGreater, 2);
  EXPECT_EQ(scan(s), (V{"a", "e"}));
  s.where = testing::PropertyTerm("n", Op::kLessOrEqual, 2.5);
  EXPECT_EQ(scan(s), (V{"b", "e"}));
  s.where = testing::PropertyTerm("n", Op::kNotEqual, 3);  // empty values match does_not_equal
  EXPECT_EQ(scan(s), (V{"b", "c", "e"}));
  s.where = testing::PropertyTerm("n", Op::kIsEmpty);
  EXPECT_EQ(scan(s), (V{"c"}));
  s.where = testing::PropertyTerm("n", Op::kIsNotEmpty);
  EXPECT_EQ(scan(s), (V{"a", "b", "e"}));
  s.where = testing::PropertyTerm("n", Op::kNever);
  EXPECT_EQ(scan(s), V{});
  s.where = testing::PropertyTerm("box", Op::kEqual, true);
  EXPECT_EQ(scan(s), (V{"a", "e"}));
  s.where = testing::PropertyTerm("sel", Op::kEqual, "o1");
  EXPECT_EQ(scan(s), (V{"a", "e"}));
  s.where = testing::PropertyTerm("never-written", Op::kIsEmpty);
  EXPECT_EQ(scan(s), (V{"a", "b", "c", "e"}));
  s.where = testing::ScanGroup(
      ScanNode::Kind::kOr, {testing::PropertyTerm("sel", Op::kEqual, "o2"), testing::PropertyTerm("n", Op::kIsEmpty)});
  EXPECT_EQ(scan(s), (V{"b", "c"}));
  s.where = testing::ScanGroup(
      ScanNode::Kind::kAnd, {testing::PropertyTerm("box", Op::kEqual, true), testing::PropertyTerm("n", Op::kLess, 3)});
  EXPECT_EQ(scan(s), (V{"e"}));
  s.where.reset();
  s.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "n"}, false}};  // empties last
  EXPECT_EQ(scan(s), (V{"b", "e", "a", "c"}));
  s.order[0].descending = true;  // empties last here too
  EXPECT_EQ(scan(s), (V{"a", "e", "b", "c"}));
  s.in_trash.reset();
  EXPECT_EQ(scan(s), (V{"a", "d", "e", "b", "c"}));  // ties keep creation order
  s.order = {ScanOrder{ScanField{ScanField::Kind::kCreatedTime, {}}, true}};
  s.limit = 2;
  EXPECT_EQ(scan(s), (V{"a", "d"}));
  s.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "box"}, false},
             ScanOrder{ScanField{ScanField::Kind::kLastEditedTime, {}}, false}};
  s.limit = 3;
  EXPECT_EQ(scan(s), (V{"b", "e", "d"}));  // false < true, then by time
  s.order.clear();
  s.limit = -1;
  s.where = ScanNode{};
  s.where->term = ScanTerm{ScanField{ScanField::Kind::kLastEditedTime, {}}, Op::kGreaterOrEqual, 3000};
  EXPECT_EQ(scan(s), (V{"a", "c", "d"}));
}

TEST_P(StoreConformanceTest, ScanPageIdsFiltersOrdersAndLimitsInReadAndWriteTransactions) {
  Write([&](Txn& txn) { LN_ASSERT_OK(ScanFixture::PutAll(txn)); });
  Read([&](Txn& txn) { ExpectScans(txn); });
  Read([&](Txn& txn) { ExpectScans(txn); });  // again, after the store may have indexed
  Write([&](Txn& txn) { ExpectScans(txn); });
  // An update keeps the page's place and is seen by the next scan.
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutPage(ScanPage("b", R"({"n":7})", false, 1000))); });
  Read([&](Txn& txn) {
    PageScan s{"ds-1"};
    s.where = testing::PropertyTerm("n", Op::kGreater, 2);
    EXPECT_EQ(LN_VAL(txn.ScanPageIds(s)), (V{"a", "b", "d", "e"}));
  });
}

TEST_P(StoreConformanceTest, ScanPageIdsInAWriteTransactionSeesItsOwnPages) {
  std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
  ASSERT_NE(txn, nullptr);
  LN_ASSERT_OK(ScanFixture::PutAll(*txn));
  ExpectScans(*txn);
  txn.reset();  // rolled back
  Read([&](Txn& read) { EXPECT_EQ(LN_VAL(read.ScanPageIds(PageScan{"ds-1"})), V{}); });
}

// ---------------------------------------------------------------------------------------
// Reset.

// Everything of every kind: i-keep (with its bot, a whole-workspace share and a page
// share), a person, and a record of each other kind.
void PutWorkspace(Txn& txn) {
  LN_ASSERT_OK(txn.PutIntegration(Integration("i-keep", 1)));
  LN_ASSERT_OK(txn.PutUser(Bot("bot-i-keep", "i-keep")));
  LN_ASSERT_OK(txn.PutShare("i-keep", kWholeWorkspace));
  LN_ASSERT_OK(txn.PutShare("i-keep", "page-1"));
  LN_ASSERT_OK(txn.PutUser(Person("u-1")));
  LN_ASSERT_OK(txn.PutUser(Bot("bot-orphan", "i-gone")));  // a bot whose integration is gone
  LN_ASSERT_OK(txn.PutPage(Page("page-1")));
  LN_ASSERT_OK(txn.PutDatabase(Database("db-1")));
  LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-1", "db-1")));
  LN_ASSERT_OK(txn.PutBlock(Block("b-1", "page-1", 1)));
  LN_ASSERT_OK(txn.PutFileUpload(Upload("up-1", "i-keep", 1)));
  LN_ASSERT_OK(txn.PutFileUploadPart("up-1", 1, "bytes"));
  LN_ASSERT_OK(txn.PutComment(Comment("c-1", "page-1", "d-1")));
  LN_ASSERT_OK(txn.AppendChange(WithHistory("page-1", "r1", "created")));
  for (const char* key :
       {"workspace_id", "workspace_name", "default_token", "admin_token", "file_url_secret", "shard_map"}) {
    LN_ASSERT_OK(txn.PutMeta(key, std::string("v-") + key));
  }
}

// The workspace content (all but integrations, users, shares and meta) is gone.
void ExpectContentGone(Txn& txn) {
  EXPECT_EQ(LN_VAL(txn.GetPage("page-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.ListAllPages()).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.GetDatabase("db-1")), nullptr);
  EXPECT_EQ(LN_VAL(txn.ListAllDatabases()).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.GetDataSource("ds-1")), nullptr);
  EXPECT_EQ(LN_VAL(txn.ListDataSources("db-1")).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.ListAllDataSources()).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.GetBlock("b-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.LastBlockPosition("page-1")), 0);
  EXPECT_EQ(LN_VAL(txn.GetFileUpload("up-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.ListFileUploads("i-keep")).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("up-1")), "");
  EXPECT_EQ(LN_VAL(txn.GetComment("c-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.FirstCommentOf("d-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.ListPageHistory("page-1")).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.ListChanges(0, 100)).size(), 0u);
  EXPECT_EQ(LN_VAL(txn.ScanPageIds(PageScan{"ds-1"})), V{});
  EXPECT_EQ(LN_VAL(txn.GetUser("u-1")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.GetUser("bot-orphan")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.GetMeta("workspace_id")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.GetMeta("workspace_name")), std::nullopt);
  // The server's own secrets are not workspace content: they stay in both modes
  // (sqlite_connection.cc Reset; txn.h's comment does not list them).
  EXPECT_EQ(LN_VAL(txn.GetMeta("admin_token")), std::optional<std::string>("v-admin_token"));
  EXPECT_EQ(LN_VAL(txn.GetMeta("file_url_secret")), std::optional<std::string>("v-file_url_secret"));
  // Nor is the catalog's shard map (storage/shard_map.h): resetting the default
  // workspace must not forget where the other workspaces live.
  EXPECT_EQ(LN_VAL(txn.GetMeta("shard_map")), std::optional<std::string>("v-shard_map"));
}

// Reads every cached kind, so that a caching store holds them before a Reset.
void ReadCachedKinds(Txn& txn) {
  EXPECT_NE(LN_VAL(txn.GetDatabase("db-1")), nullptr);
  EXPECT_NE(LN_VAL(txn.GetDataSource("ds-1")), nullptr);
  EXPECT_NE(LN_VAL(txn.GetUser("u-1")), std::nullopt);
  EXPECT_NE(LN_VAL(txn.GetUser("bot-i-keep")), std::nullopt);
  EXPECT_NE(LN_VAL(txn.FindIntegrationBySecretHash("hash-i-keep")), std::nullopt);
}

TEST_P(StoreConformanceTest, ResetKeepingIntegrationsKeepsThemTheirBotsWholeWorkspaceSharesAndTheDefaultToken) {
  Write(PutWorkspace);
  Read(ReadCachedKinds);
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/true));
    ExpectContentGone(txn);  // the transaction sees its own reset
  });
  ReadBoth([&](Txn& txn) {
    ExpectContentGone(txn);
    EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-i-keep"))), Describe(Integration("i-keep", 1)));
    EXPECT_EQ(Ids(LN_VAL(txn.ListIntegrations())), (V{"i-keep"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("bot-i-keep"))), Describe(Bot("bot-i-keep", "i-keep")));
    EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("", 100))), (V{"bot-i-keep"}));
    EXPECT_EQ(LN_VAL(txn.ListShares("i-keep")), (V{"workspace"}));
    EXPECT_EQ(LN_VAL(txn.GetMeta("default_token")), std::optional<std::string>("v-default_token"));
  });
  // The workspace is usable again.
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutPage(Page("page-2")));
    LN_ASSERT_OK(txn.AppendChange(Change("page", "page-2", "created")));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Ids(LN_VAL(txn.ListAllPages())), (V{"page-2"}));
    auto changes = LN_VAL(txn.ListChanges(0, 100));
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].object_id, "page-2");
  });
}

TEST_P(StoreConformanceTest, ResetWithoutIntegrationsEmptiesPeopleSharesAndTheDefaultToken) {
  Write(PutWorkspace);
  Read(ReadCachedKinds);
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/false)); });
  ReadBoth([&](Txn& txn) {
    ExpectContentGone(txn);
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-i-keep")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.ListIntegrations()).size(), 0u);
    EXPECT_EQ(LN_VAL(txn.GetUser("bot-i-keep")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.ListUsers("", 100)).size(), 0u);
    EXPECT_EQ(LN_VAL(txn.ListShares("i-keep")), V{});
    EXPECT_EQ(LN_VAL(txn.GetMeta("default_token")), std::nullopt);
  });
}

// ---------------------------------------------------------------------------------------
// The transaction contract.

TEST_P(StoreConformanceTest, AWriteTransactionSeesItsOwnWritesOfEveryKind) {
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutDatabase(Database("db-1"))); });
  Read([&](Txn& txn) { EXPECT_NE(LN_VAL(txn.GetDatabase("db-1")), nullptr); });  // cached, if there is a cache
  std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
  ASSERT_NE(txn, nullptr);
  EXPECT_TRUE(txn->writable());
  DatabaseRecord db = Database("db-1");
  db.title = J(R"([{"type":"text","plain_text":"v2"}])").as_array();
  LN_ASSERT_OK(txn->PutDatabase(db));
  EXPECT_EQ(Describe(LN_VAL(txn->GetDatabase("db-1"))), Describe(db));
  db.title = J(R"([{"type":"text","plain_text":"v3"}])").as_array();
  LN_ASSERT_OK(txn->PutDatabase(db));
  EXPECT_EQ(Describe(LN_VAL(txn->GetDatabase("db-1"))), Describe(db));  // the latest of its writes
  EXPECT_EQ(Ids(LN_VAL(txn->ListAllDatabases())), (V{"db-1"}));
  LN_ASSERT_OK(txn->PutDataSource(DataSource("ds-1", "db-1")));
  EXPECT_EQ(Describe(LN_VAL(txn->GetDataSource("ds-1"))), Describe(DataSource("ds-1", "db-1")));
  EXPECT_EQ(Ids(LN_VAL(txn->ListDataSources("db-1"))), (V{"ds-1"}));
  LN_ASSERT_OK(txn->PutPage(Page("page-1")));
  EXPECT_EQ(Describe(LN_VAL(txn->GetPage("page-1"))), Describe(Page("page-1")));
  EXPECT_EQ(Ids(LN_VAL(txn->ListPagesOf("ds-1"))), (V{"page-1"}));
  LN_ASSERT_OK(txn->PutUser(Person("u-1")));
  EXPECT_EQ(Describe(LN_VAL(txn->GetUser("u-1"))), Describe(Person("u-1")));
  LN_ASSERT_OK(txn->PutIntegration(Integration("i1", 1)));
  EXPECT_EQ(Describe(LN_VAL(txn->FindIntegrationBySecretHash("hash-i1"))), Describe(Integration("i1", 1)));
  LN_ASSERT_OK(txn->PutShare("i1", "page-1"));
  EXPECT_EQ(LN_VAL(txn->ListShares("i1")), (V{"page-1"}));
  LN_ASSERT_OK(txn->PutBlock(Block("b1", "page-1", 1)));
  EXPECT_EQ(LN_VAL(txn->LastBlockPosition("page-1")), 1);
  LN_ASSERT_OK(txn->PutFileUpload(Upload("up", "i1", 1)));
  LN_ASSERT_OK(txn->PutFileUploadPart("up", 1, "x"));
  EXPECT_EQ(LN_VAL(txn->ReadFileUploadBytes("up")), "x");
  LN_ASSERT_OK(txn->PutComment(Comment("c1", "page-1", "d1")));
  EXPECT_NE(LN_VAL(txn->FirstCommentOf("d1")), std::nullopt);
  LN_ASSERT_OK(txn->AppendChange(WithHistory("page-1", "r", "created")));
  EXPECT_EQ(LN_VAL(txn->ListPageHistory("page-1")).size(), 1u);
  EXPECT_EQ(LN_VAL(txn->ListChanges(0, 10)).size(), 1u);
  LN_ASSERT_OK(txn->PutMeta("k", "v"));
  EXPECT_EQ(LN_VAL(txn->GetMeta("k")), std::optional<std::string>("v"));
  LN_ASSERT_OK(txn->Commit());
  ReadBoth([&](Txn& read) {
    EXPECT_EQ(Describe(LN_VAL(read.GetDatabase("db-1"))), Describe(db));
    EXPECT_EQ(Describe(LN_VAL(read.FindIntegrationBySecretHash("hash-i1"))), Describe(Integration("i1", 1)));
    EXPECT_EQ(LN_VAL(read.ListChanges(0, 10)).size(), 1u);
  });
}

// Committed state of each kind, read by ExpectBaseline.
void PutBaseline(Txn& txn) {
  LN_ASSERT_OK(txn.PutPage(Page("page-1")));
  LN_ASSERT_OK(txn.PutDatabase(Database("db-1")));
  LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-1", "db-1")));
  LN_ASSERT_OK(txn.PutUser(Person("u-1")));
  LN_ASSERT_OK(txn.PutIntegration(Integration("i1", 1)));
  LN_ASSERT_OK(txn.PutUser(Bot("bot-i1", "i1")));
  LN_ASSERT_OK(txn.PutShare("i1", "page-1"));
  LN_ASSERT_OK(txn.PutBlock(Block("b1", "page-1", 1)));
  LN_ASSERT_OK(txn.PutFileUpload(Upload("up", "i1", 1)));
  LN_ASSERT_OK(txn.PutFileUploadPart("up", 1, "x"));
  LN_ASSERT_OK(txn.PutComment(Comment("c1", "page-1", "d1")));
  LN_ASSERT_OK(txn.AppendChange(WithHistory("page-1", "r1", "created")));
  LN_ASSERT_OK(txn.PutMeta("k", "v"));
}

void ExpectBaseline(Txn& txn) {
  EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(Page("page-1")));
  EXPECT_EQ(Ids(LN_VAL(txn.ListAllPages())), (V{"page-1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-1"))), Describe(Database("db-1")));
  EXPECT_EQ(Ids(LN_VAL(txn.ListAllDatabases())), (V{"db-1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.GetDataSource("ds-1"))), Describe(DataSource("ds-1", "db-1")));
  EXPECT_EQ(Ids(LN_VAL(txn.ListDataSources("db-1"))), (V{"ds-1"}));
  EXPECT_EQ(Ids(LN_VAL(txn.ListAllDataSources())), (V{"ds-1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.GetUser("u-1"))), Describe(Person("u-1")));
  EXPECT_EQ(Describe(LN_VAL(txn.GetUser("bot-i1"))), Describe(Bot("bot-i1", "i1")));
  EXPECT_EQ(Ids(LN_VAL(txn.ListUsers("", 100))), (V{"bot-i1", "u-1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1"))), Describe(Integration("i1", 1)));
  EXPECT_EQ(Ids(LN_VAL(txn.ListIntegrations())), (V{"i1"}));
  EXPECT_EQ(LN_VAL(txn.ListShares("i1")), (V{"page-1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("b1"))), Describe(Block("b1", "page-1", 1)));
  EXPECT_EQ(Ids(LN_VAL(txn.ListBlockChildren("page-1", 0, 100))), (V{"b1"}));
  EXPECT_EQ(Describe(LN_VAL(txn.GetFileUpload("up"))), Describe(Upload("up", "i1", 1)));
  EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("up")), "x");
  EXPECT_EQ(Describe(LN_VAL(txn.GetComment("c1"))), Describe(Comment("c1", "page-1", "d1")));
  EXPECT_EQ(Ids(LN_VAL(txn.ListComments("page-1"))), (V{"c1"}));
  EXPECT_EQ(LN_VAL(txn.ListPageHistory("page-1")).size(), 1u);
  auto changes = LN_VAL(txn.ListChanges(0, 100));
  ASSERT_EQ(changes.size(), 1u);
  // One row holds the change and its history entry.
  EXPECT_EQ(Describe(changes[0]), Describe(WithHistory("page-1", "r1", "created")));
  EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("v"));
  // Nothing the rolled-back transactions created.
  EXPECT_EQ(LN_VAL(txn.GetPage("page-new")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.GetDatabase("db-new")), nullptr);
  EXPECT_EQ(LN_VAL(txn.GetDataSource("ds-new")), nullptr);
  EXPECT_EQ(LN_VAL(txn.GetUser("u-new")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-i-new")), std::nullopt);
  EXPECT_EQ(LN_VAL(txn.GetMeta("k-new")), std::nullopt);
}

// Changes and creates every kind, and checks it sees what it did.
void ChangeEverything(Txn& txn) {
  PageRecord page = Page("page-1");
  page.properties = json::object{{"done", false}};
  LN_ASSERT_OK(txn.PutPage(page));
  LN_ASSERT_OK(txn.PutPage(Page("page-new")));
  DatabaseRecord db = Database("db-1");
  db.title = json::array{};
  LN_ASSERT_OK(txn.PutDatabase(db));
  LN_ASSERT_OK(txn.PutDatabase(Database("db-new")));
  DataSourceRecord ds = DataSource("ds-1", "db-1");
  ds.next_unique_id = 1000;
  LN_ASSERT_OK(txn.PutDataSource(ds));
  LN_ASSERT_OK(txn.PutDataSource(DataSource("ds-new", "db-1")));
  UserRecord user = Person("u-1");
  user.name = "Changed";
  LN_ASSERT_OK(txn.PutUser(user));
  LN_ASSERT_OK(txn.PutUser(Person("u-new")));
  IntegrationRecord integration = Integration("i1", 1, "none");
  LN_ASSERT_OK(txn.PutIntegration(integration));
  LN_ASSERT_OK(txn.PutIntegration(Integration("i-new", 2)));
  LN_ASSERT_OK(txn.PutShare("i1", "page-new"));
  LN_ASSERT_OK(txn.DeleteShare("i1", "page-1"));
  LN_ASSERT_OK(txn.ShiftBlockPositions("page-1", 0, 5));
  LN_ASSERT_OK(txn.PutBlock(Block("b-new", "page-1", 1)));
  LN_ASSERT_OK(txn.PutFileUploadPart("up", 1, "changed"));
  LN_ASSERT_OK(txn.PutComment(Comment("c-new", "page-1", "d1")));
  LN_ASSERT_OK(txn.AppendChange(WithHistory("page-1", "r2", "updated")));
  LN_ASSERT_OK(txn.PutMeta("k", "changed"));
  LN_ASSERT_OK(txn.PutMeta("k-new", "v"));
  EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(page));
  EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-1"))), Describe(db));
  EXPECT_EQ(Describe(LN_VAL(txn.GetDataSource("ds-1"))), Describe(ds));
  EXPECT_EQ(Describe(LN_VAL(txn.GetUser("u-1"))), Describe(user));
  EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1"))), Describe(integration));
  EXPECT_NE(LN_VAL(txn.FindIntegrationBySecretHash("hash-i-new")), std::nullopt);
  EXPECT_EQ(Ids(LN_VAL(txn.ListBlockChildren("page-1", 0, 100))), (V{"b-new", "b1"}));
  EXPECT_EQ(LN_VAL(txn.ListChanges(0, 100)).size(), 2u);
}

TEST_P(StoreConformanceTest, AWriteDroppedWithoutCommitLeavesNothingAlsoThroughTheCache) {
  Write(PutBaseline);
  Read(ExpectBaseline);  // fills a cache, if there is one
  {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    ChangeEverything(*txn);
  }  // destroyed without Commit: rolled back
  ReadBoth(ExpectBaseline);
  // Also with a delete and a reset, and with nothing read (or cached) before.
  {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    LN_ASSERT_OK(txn->DeleteIntegration("i1"));
    EXPECT_EQ(LN_VAL(txn->GetUser("bot-i1")), std::nullopt);
    LN_ASSERT_OK(txn->Reset(/*keep_integrations=*/false));
    EXPECT_EQ(LN_VAL(txn->GetDatabase("db-1")), nullptr);
    EXPECT_EQ(LN_VAL(txn->FindIntegrationBySecretHash("hash-i1")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn->GetUser("u-1")), std::nullopt);
    LN_ASSERT_OK(txn->PutDatabase(Database("db-new")));
    LN_ASSERT_OK(txn->PutDataSource(DataSource("ds-new", "db-new")));
    LN_ASSERT_OK(txn->PutUser(Person("u-new")));
    LN_ASSERT_OK(txn->PutIntegration(Integration("i-new", 1)));
    LN_ASSERT_OK(txn->PutMeta("k-new", "v"));
    EXPECT_NE(LN_VAL(txn->GetDatabase("db-new")), nullptr);
    EXPECT_NE(LN_VAL(txn->FindIntegrationBySecretHash("hash-i-new")), std::nullopt);
  }
  ReadBoth(ExpectBaseline);
  if (GetParam().persistent) {  // and on disk
    Reopen();
    ReadBoth(ExpectBaseline);
  }
  // A later write commits normally after the rollbacks.
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutMeta("k", "after")); });
  Read([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("after")); });
}

TEST_P(StoreConformanceTest, InTxnRollsBackWhenTheFunctionFailsOrThrows) {
  Write(PutBaseline);
  Read(ExpectBaseline);
  Result<int> failed = InTxn(*store_, TxnMode::kWrite, [&](Txn& txn) -> Result<int> {
    ChangeEverything(txn);
    return MakeError(ErrorCode::kValidationError, "no");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kValidationError);
  ReadBoth(ExpectBaseline);
  EXPECT_THROW((void)InTxn(*store_, TxnMode::kWrite,
                           [&](Txn& txn) -> Result<int> {
                             ChangeEverything(txn);
                             throw std::runtime_error("boom");
                           }),
               std::runtime_error);
  ReadBoth(ExpectBaseline);
  Result<int> kept = InTxn(*store_, TxnMode::kWrite, [&](Txn& txn) -> Result<int> {
    LN_RETURN_IF_ERROR(txn.PutMeta("k", "kept"));
    return 7;
  });
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, 7);
  Read([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("kept")); });
}

TEST_P(StoreConformanceTest, AReadTransactionRefusesEveryWriteAndStaysUsable) {
  Write(PutBaseline);
  std::unique_ptr<Txn> txn = Begin(TxnMode::kRead);
  ASSERT_NE(txn, nullptr);
  EXPECT_FALSE(txn->writable());
  ExpectBaseline(*txn);
  auto refused = [&](Status status, const char* what) {
    EXPECT_FALSE(status.ok()) << what << " was allowed in a read transaction";
    if (!status.ok()) EXPECT_EQ(status.error().code, ErrorCode::kInternalServerError) << what;
  };
  refused(txn->PutPage(Page("page-new")), "PutPage");
  refused(txn->AppendChange(WithHistory("page-1", "r", "updated")), "AppendChange with history");
  refused(txn->PutDatabase(Database("db-new")), "PutDatabase");
  refused(txn->PutDataSource(DataSource("ds-new", "db-1")), "PutDataSource");
  refused(txn->PutUser(Person("u-new")), "PutUser");
  refused(txn->PutIntegration(Integration("i-new", 1)), "PutIntegration");
  refused(txn->DeleteIntegration("i1"), "DeleteIntegration");
  refused(txn->PutShare("i1", "x"), "PutShare");
  refused(txn->DeleteShare("i1", "page-1"), "DeleteShare");
  refused(txn->PutBlock(Block("b-new", "page-1", 2)), "PutBlock");
  refused(txn->ShiftBlockPositions("page-1", 0, 1), "ShiftBlockPositions");
  refused(txn->PutFileUpload(Upload("up-new", "i1", 1)), "PutFileUpload");
  refused(txn->PutFileUploadPart("up", 1, "y"), "PutFileUploadPart");
  refused(txn->PutComment(Comment("c-new", "page-1", "d1")), "PutComment");
  refused(txn->PutMeta("k", "changed"), "PutMeta");
  refused(txn->AppendChange(Change("page", "page-1", "updated")), "AppendChange");
  refused(txn->Reset(false), "Reset");
  ExpectBaseline(*txn);  // still usable, and nothing changed
  LN_ASSERT_OK(txn->Commit());
  txn.reset();
  ReadBoth(ExpectBaseline);
  Write([&](Txn& w) { LN_ASSERT_OK(w.PutMeta("k", "writable")); });  // writes still work
  Read([&](Txn& r) { EXPECT_EQ(LN_VAL(r.GetMeta("k")), std::optional<std::string>("writable")); });
}

TEST_P(StoreConformanceTest, AReadTransactionKeepsItsSnapshotWhileAWriteCommits) {
  SKIP_UNLESS_CONCURRENT_READS();
  Write(PutBaseline);
  Read(ExpectBaseline);  // fills a cache, if there is one
  std::unique_ptr<Txn> early = Begin(TxnMode::kRead);
  ASSERT_NE(early, nullptr);
  EXPECT_EQ(Describe(LN_VAL(early->GetPage("page-1"))), Describe(Page("page-1")));  // pins the snapshot

  std::unique_ptr<Txn> write = Begin(TxnMode::kWrite);
  ASSERT_NE(write, nullptr);
  ChangeEverything(*write);
  // A read that begins while the write is open sees none of it.
  Read(ExpectBaseline);
  LN_ASSERT_OK(write->Commit());
  write.reset();

  // A later read sees the write (and fills a cache with the new records)...
  Read([&](Txn& txn) {
    EXPECT_EQ(S(json::value(LN_VAL(txn.GetPage("page-1"))->properties)), R"({"done":false})");
    EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("changed"));
    EXPECT_EQ(LN_VAL(txn.GetDatabase("db-1"))->title.size(), 0u);
    EXPECT_EQ(LN_VAL(txn.GetDataSource("ds-1"))->next_unique_id, 1000);
    EXPECT_EQ(LN_VAL(txn.GetUser("u-1"))->name, "Changed");
    EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1"))->capabilities, "none");
    EXPECT_EQ(LN_VAL(txn.ListShares("i1")), V{"page-new"});
    EXPECT_NE(LN_VAL(txn.GetDatabase("db-new")), nullptr);
    EXPECT_NE(LN_VAL(txn.GetUser("u-new")), std::nullopt);
  });
  // ...while the early one still sees its snapshot, of every kind.
  ExpectBaseline(*early);
  LN_ASSERT_OK(early->Commit());
}

// Pages read again and again, with writes between: every read shows the page as last
// committed, whichever of them a cache answers; a write that rolls back leaves it.
TEST_P(StoreConformanceTest, APageReadManyTimesShowsItsLastCommittedWrite) {
  Write(PutBaseline);
  for (int round = 0; round < 3; ++round) {
    PageRecord page = Page("page-1");
    page.properties = json::object{{"round", round}};
    page.last_edited_time += round;
    Read([&](Txn& txn) { EXPECT_NE(LN_VAL(txn.GetPage("page-1")), std::nullopt); });  // fills a cache
    Write([&](Txn& txn) {
      EXPECT_NE(LN_VAL(txn.GetPage("page-1")), std::nullopt);
      LN_ASSERT_OK(txn.PutPage(page));
      // The transaction sees its own write.
      EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(page));
    });
    for (int i = 0; i < 2; ++i) {
      ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(page)) << round; });
      ReadBoth([&](Txn& txn) {
        std::shared_ptr<const PageRecord> shared = LN_VAL(txn.GetPageShared("page-1"));
        ASSERT_NE(shared, nullptr);
        EXPECT_EQ(Describe(*shared), Describe(page)) << round;
        EXPECT_EQ(LN_VAL(txn.GetPageShared("no-such-page")), nullptr);
      });
      ReadBoth([&](Txn& txn) {
        std::vector<std::shared_ptr<const PageRecord>> many =
            LN_VAL(txn.GetPagesShared({"page-1", "no-such-page", "page-1"}));
        ASSERT_EQ(many.size(), 3u);
        ASSERT_NE(many[0], nullptr);
        EXPECT_EQ(Describe(*many[0]), Describe(page)) << round;
        EXPECT_EQ(many[1], nullptr);
        ASSERT_NE(many[2], nullptr);
        EXPECT_EQ(Describe(*many[2]), Describe(page)) << round;
      });
    }
    {
      std::unique_ptr<Txn> dropped = Begin(TxnMode::kWrite);
      ASSERT_NE(dropped, nullptr);
      PageRecord other = page;
      other.properties = json::object{{"dropped", true}};
      LN_ASSERT_OK(dropped->PutPage(other));
    }  // rolled back
    ReadBoth([&](Txn& txn) { EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(page)) << round; });
  }
  // A reset leaves no page behind, cached or not.
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/true)); });
  ReadBoth([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetPage("page-1")), std::nullopt); });
}

// A read whose first read a cache answers sees the state of that answer in what it
// reads next, though a write commits in between.
TEST_P(StoreConformanceTest, AReadWhoseFirstReadIsAPageKeepsThatState) {
  SKIP_UNLESS_CONCURRENT_READS();
  Write(PutBaseline);
  Read(ExpectBaseline);  // fills a cache, if there is one
  std::unique_ptr<Txn> read = Begin(TxnMode::kRead);
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(Describe(LN_VAL(read->GetPage("page-1"))), Describe(Page("page-1")));
  Write(ChangeEverything);
  ExpectBaseline(*read);
  LN_ASSERT_OK(read->Commit());
}

// The same when the first read is a list of pages (a page of query results), some of
// them cached and some not.
TEST_P(StoreConformanceTest, AReadWhoseFirstReadIsAListOfPagesKeepsThatState) {
  SKIP_UNLESS_CONCURRENT_READS();
  Write(PutBaseline);
  Read([&](Txn& txn) { EXPECT_NE(LN_VAL(txn.GetPageShared("page-1")), nullptr); });  // fills a cache, if there is one
  std::unique_ptr<Txn> read = Begin(TxnMode::kRead);
  ASSERT_NE(read, nullptr);
  std::vector<std::shared_ptr<const PageRecord>> pages = LN_VAL(read->GetPagesShared({"page-1", "page-2"}));
  ASSERT_EQ(pages.size(), 2u);
  ASSERT_NE(pages[0], nullptr);
  EXPECT_EQ(Describe(*pages[0]), Describe(Page("page-1")));
  Write(ChangeEverything);
  ExpectBaseline(*read);
  LN_ASSERT_OK(read->Commit());
  // A later read sees the write in the list too.
  Read([&](Txn& txn) {
    std::vector<std::shared_ptr<const PageRecord>> later = LN_VAL(txn.GetPagesShared({"page-1"}));
    ASSERT_EQ(later.size(), 1u);
    ASSERT_NE(later[0], nullptr);
    EXPECT_EQ(S(json::value(later[0]->properties)), R"({"done":false})");
  });
}

// The same read when it accepts cache races, as service::RunInTxn's and InTxn's do
// (Txn::DeferSnapshot): where a cache answered the page before the store's snapshot was
// taken (SQLite behind CachingStore), the read's next read of the store, after a write
// changed the page, fails as a lost race to run again at once; elsewhere it keeps the
// state of its first read. Either way it never mixes two states, and a read that reads
// nothing more ends well. The run again (which, as RunInTxn's retries, does not accept
// cache races) takes its snapshot with its first answer, and keeps it.
TEST_P(StoreConformanceTest, AReadThatAcceptsCacheRacesNeverMixesTwoStates) {
  SKIP_UNLESS_CONCURRENT_READS();
  const bool defers = GetParam().name == "CachingSqliteFile" || GetParam().name == "OpenStoreSqliteUrl";
  Write(PutBaseline);
  Read(ExpectBaseline);  // fills a cache, if there is one
  std::unique_ptr<Txn> read = Begin(TxnMode::kRead);
  std::unique_ptr<Txn> cache_only = Begin(TxnMode::kRead);
  ASSERT_NE(read, nullptr);
  ASSERT_NE(cache_only, nullptr);
  for (Txn* txn : {read.get(), cache_only.get()}) {
    txn->AcceptCacheRaces();
    EXPECT_EQ(Describe(LN_VAL(txn->GetPage("page-1"))), Describe(Page("page-1")));
  }
  Write(ChangeEverything);
  EXPECT_FALSE(cache_only->ShouldRetry());
  LN_ASSERT_OK(cache_only->Commit());
  cache_only.reset();
  Result<std::optional<std::string>> next = read->GetMeta("k");
  if (defers) {
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.error().code, ErrorCode::kConflictError);
    EXPECT_EQ(next.error().message, "Conflict occurred while saving. Please try again.");
    EXPECT_TRUE(read->ShouldRetry());
    EXPECT_TRUE(read->RetryAtOnce());
  } else {
    EXPECT_EQ(LN_VAL(std::move(next)), std::optional<std::string>("v"));
    EXPECT_FALSE(read->ShouldRetry());
    ExpectBaseline(*read);
  }
  read.reset();

  std::unique_ptr<Txn> retry = Begin(TxnMode::kRead);
  ASSERT_NE(retry, nullptr);
  EXPECT_EQ(S(json::value(LN_VAL(retry->GetPage("page-1"))->properties)), R"({"done":false})");
  Write([](Txn& txn) {
    PageRecord page = Page("page-1");
    page.properties = json::object{{"round", 2}};
    LN_ASSERT_OK(txn.PutPage(page));
    LN_ASSERT_OK(txn.PutMeta("k", "round 2"));
  });
  EXPECT_EQ(LN_VAL(retry->GetMeta("k")), std::optional<std::string>("changed"));
  EXPECT_EQ(S(json::value(LN_VAL(retry->GetPage("page-1"))->properties)), R"({"done":false})");
  EXPECT_FALSE(retry->ShouldRetry());
  LN_ASSERT_OK(retry->Commit());
  // A read after both sees the last write, from the cache and from the store.
  Read([&](Txn& txn) {
    txn.AcceptCacheRaces();
    EXPECT_EQ(S(json::value(LN_VAL(txn.GetPage("page-1"))->properties)), R"({"round":2})");
    EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("round 2"));
  });
}

TEST_P(StoreConformanceTest, AReadThatBeganBeforeAWriteCommittedSeesTheSnapshotOfItsFirstReadOnly) {
  SKIP_UNLESS_CONCURRENT_READS();
  Write(PutBaseline);
  Read(ExpectBaseline);  // fills a cache, if there is one
  // A read begun before the write but first reading after it committed: whichever state
  // it sees, it sees one state, for cached and uncached kinds alike.
  std::unique_ptr<Txn> read = Begin(TxnMode::kRead);
  ASSERT_NE(read, nullptr);
  Write(ChangeEverything);
  auto meta = LN_VAL(read->GetMeta("k"));
  ASSERT_TRUE(meta.has_value());
  if (*meta == "v") {
    ExpectBaseline(*read);
  } else {
    EXPECT_EQ(*meta, "changed");
    EXPECT_EQ(LN_VAL(read->GetDataSource("ds-1"))->next_unique_id, 1000);
    EXPECT_EQ(LN_VAL(read->GetUser("u-1"))->name, "Changed");
    EXPECT_NE(LN_VAL(read->GetDatabase("db-new")), nullptr);
  }
}

TEST_P(StoreConformanceTest, WritersOnManyThreadsAllCommitAndSerialize) {
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutDataSource(DataSource("counter", "db-1"))); });
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Each writer increments a counter kept in a (cached) data source: writers must see
        // each other's committed writes, or increments are lost.
        Status s = WriteRetrying([&](Txn& txn) -> Status {
          LN_ASSIGN_OR_RETURN(auto counter, txn.GetDataSource("counter"));
          if (!counter) return InternalError("counter missing");
          DataSourceRecord next = *counter;
          ++next.next_unique_id;
          LN_RETURN_IF_ERROR(txn.PutDataSource(next));
          const std::string id = "p-" + std::to_string(t) + "-" + std::to_string(i);
          LN_RETURN_IF_ERROR(txn.PutPage(Page(id)));
          return txn.AppendChange(Change("page", id, "created"));
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  // Readers alongside, each on one state: the counter never runs ahead of the pages.
  std::atomic<int> read_failures{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (writing.load()) {
        Status s = [&]() -> Status {
          LN_ASSIGN_OR_RETURN(std::unique_ptr<Txn> txn, store_->Begin(TxnMode::kRead));
          LN_ASSIGN_OR_RETURN(auto pages, txn->ListPagesOf("ds-1"));
          LN_ASSIGN_OR_RETURN(auto counter, txn->GetDataSource("counter"));
          LN_ASSIGN_OR_RETURN(auto changes, txn->ListChanges(0, 1000));
          if (!counter) return InternalError("counter missing");
          if (counter->next_unique_id - 42 != static_cast<int64_t>(pages.size()) || changes.size() != pages.size()) {
            return InternalError("torn read: counter " + std::to_string(counter->next_unique_id - 42) + ", pages " +
                                 std::to_string(pages.size()) + ", changes " + std::to_string(changes.size()));
          }
          return OkStatus();
        }();
        if (!s.ok()) {
          ++read_failures;
          ADD_FAILURE() << s.error().message;
        }
        std::this_thread::yield();
      }
    });
  }
  for (auto& th : threads) th.join();
  writing = false;
  for (auto& th : readers) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(read_failures.load(), 0);
  auto check = [&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.GetDataSource("counter"))->next_unique_id, 42 + kThreads * kEach);
    EXPECT_EQ(LN_VAL(txn.ListPagesOf("ds-1")).size(), static_cast<size_t>(kThreads * kEach));
    auto changes = LN_VAL(txn.ListChanges(0, 1000));
    EXPECT_EQ(changes.size(), static_cast<size_t>(kThreads * kEach));
    for (size_t i = 1; i < changes.size(); ++i) EXPECT_LT(changes[i - 1].sequence, changes[i].sequence);
    // Each writer's pages are in its commit order.
    auto pages = Ids(LN_VAL(txn.ListPagesOf("ds-1")));
    for (int t = 0; t < kThreads; ++t) {
      int last = -1;
      for (const auto& id : pages) {
        if (id.rfind("p-" + std::to_string(t) + "-", 0) != 0) continue;
        int i = std::stoi(id.substr(id.rfind('-') + 1));
        EXPECT_GT(i, last) << id;
        last = i;
      }
    }
  };
  ReadBoth(check);
  if (GetParam().persistent) {
    Reopen();
    ReadBoth(check);
  }
}

TEST_P(StoreConformanceTest, AWriterInTheSameCommitGroupSeesTheCommittedWriteEvenIfAReadRefilledTheCache) {
  SKIP_UNLESS_CONCURRENT_READS();
  // W1 commits while W2 waits for the writer, so W1's commit may wait for W2 (group
  // commit). A read that runs between them must not make W2 see the record as it was
  // before W1. The race needs W2 to be waiting before W1 commits: when it is not, the
  // test passes without having tested anything, never fails wrongly.
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutDataSource(DataSource("ds", "db"))); });
  Read([&](Txn& txn) { EXPECT_NE(LN_VAL(txn.GetDataSource("ds")), nullptr); });

  // W1 is begun, written and committed on a thread of its own: the writer's lock that
  // Begin takes must be released by the thread that took it (ThreadSanitizer reports an
  // unlock from another thread, which std::mutex does not allow).
  std::mutex mu;
  std::condition_variable cv;
  bool w1_begun = false, w1_go = false, w2_begun = false, read_done = false;
  int64_t w2_saw = -1;
  Status w1_committed = InternalError("W1 did not commit");
  std::thread w1_thread([&] {
    auto w1 = store_->Begin(TxnMode::kWrite);
    if (w1.ok()) {
      DataSourceRecord v2 = DataSource("ds", "db");
      v2.next_unique_id = 43;
      w1_committed = (*w1)->PutDataSource(v2);
    }
    {
      std::unique_lock<std::mutex> lock(mu);
      w1_begun = true;
      cv.notify_all();
      cv.wait(lock, [&] { return w1_go; });
    }
    if (w1.ok() && w1_committed.ok()) w1_committed = (*w1)->Commit();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return w1_begun; });
  }
  std::thread w2_thread([&] {
    auto w2 = store_->Begin(TxnMode::kWrite);  // waits for W1
    if (!w2.ok()) return;
    {
      std::unique_lock<std::mutex> lock(mu);
      w2_begun = true;
      cv.notify_all();
      cv.wait(lock, [&] { return read_done; });
    }
    auto seen = (*w2)->GetDataSource("ds");
    if (seen.ok() && *seen) w2_saw = (*seen)->next_unique_id;
    (void)(*w2)->Commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let W2 wait for the writer
  {
    std::lock_guard<std::mutex> lock(mu);
    w1_go = true;
    cv.notify_all();
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return w2_begun; });
  }
  // W2 holds the writer; W1 may still wait for the group to become durable.
  Read([&](Txn& txn) {
    auto seen = LN_VAL(txn.GetDataSource("ds"));
    ASSERT_NE(seen, nullptr);
    EXPECT_TRUE(seen->next_unique_id == 42 || seen->next_unique_id == 43) << seen->next_unique_id;
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    read_done = true;
    cv.notify_all();
  }
  w2_thread.join();
  w1_thread.join();
  EXPECT_TRUE(w1_committed.ok()) << w1_committed.error().message;
  EXPECT_EQ(w2_saw, 43);
  ReadBoth([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.GetDataSource("ds"))->next_unique_id, 43); });
}

TEST_P(StoreConformanceTest, CommittedDataSurvivesReopening) {
  SKIP_UNLESS_PERSISTENT();
  Write(PutBaseline);
  Write([&](Txn& txn) { LN_ASSERT_OK(ScanFixture::PutAll(txn)); });
  {
    std::unique_ptr<Txn> dropped = Begin(TxnMode::kWrite);
    ASSERT_NE(dropped, nullptr);
    ChangeEverything(*dropped);
  }
  Reopen();
  ReadBoth([&](Txn& txn) {
    // ExpectBaseline, with the scan pages added to the page lists.
    EXPECT_EQ(Describe(LN_VAL(txn.GetPage("page-1"))), Describe(Page("page-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetDatabase("db-1"))), Describe(Database("db-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetDataSource("ds-1"))), Describe(DataSource("ds-1", "db-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.GetUser("u-1"))), Describe(Person("u-1")));
    EXPECT_EQ(Describe(LN_VAL(txn.FindIntegrationBySecretHash("hash-i1"))), Describe(Integration("i1", 1)));
    EXPECT_EQ(LN_VAL(txn.ListShares("i1")), (V{"page-1"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetBlock("b1"))), Describe(Block("b1", "page-1", 1)));
    EXPECT_EQ(Describe(LN_VAL(txn.GetFileUpload("up"))), Describe(Upload("up", "i1", 1)));
    EXPECT_EQ(LN_VAL(txn.ReadFileUploadBytes("up")), "x");
    EXPECT_EQ(Describe(LN_VAL(txn.GetComment("c1"))), Describe(Comment("c1", "page-1", "d1")));
    EXPECT_EQ(LN_VAL(txn.ListPageHistory("page-1")).size(), 1u);
    EXPECT_EQ(LN_VAL(txn.ListChanges(0, 100)).size(), 1u);
    EXPECT_EQ(LN_VAL(txn.GetMeta("k")), std::optional<std::string>("v"));
    EXPECT_EQ(Ids(LN_VAL(txn.ListPagesOf("ds-1"))), (V{"page-1", "a", "b", "c", "d", "e"}));
    EXPECT_EQ(LN_VAL(txn.GetPage("page-new")), std::nullopt);
  });
  Read([&](Txn& txn) {
    PageScan s{"ds-1"};
    s.where = testing::PropertyTerm("n", Op::kGreater, 2);
    EXPECT_EQ(LN_VAL(txn.ScanPageIds(s)), (V{"a", "d", "e"}));
  });
  // Sequences continue after reopening.
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.AppendChange(Change("page", "page-2", "created")));
    LN_ASSERT_OK(txn.AppendChange(WithHistory("page-1", "r2", "updated")));
  });
  Read([&](Txn& txn) {
    // The baseline's change, then the two written now (a history entry is a change).
    auto changes = LN_VAL(txn.ListChanges(0, 100));
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_LT(changes[0].sequence, changes[1].sequence);
    EXPECT_LT(changes[1].sequence, changes[2].sequence);
    EXPECT_EQ(changes[1].object_id, "page-2");
    auto history = LN_VAL(txn.ListPageHistory("page-1"));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_LT(history[0].sequence, history[1].sequence);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::ValuesIn(Configs()),
                         [](const ::testing::TestParamInfo<StoreConfig>& info) { return info.param.name; });

}  // namespace
}  // namespace localnotion::storage
