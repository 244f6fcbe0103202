// Service over a real store on a temporary SQLite file: bootstrap, databases and pages
// in both Notion-Versions, partial updates, trash and restore, errors, and rollback of
// failed units. Every test runs twice: on the bare SqliteStore and on the CachingStore
// that OpenStore puts in front of it in production.
#include "service/service.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "common/uuid.h"
#include "storage/sqlite/sqlite_store.h"

namespace localnotion::service {
namespace {

namespace fs = std::filesystem;
using api::ApiVersion;

constexpr const char* kToken = "secret_service_test";
constexpr const char* kArchived = "Can't edit block that is archived. You must unarchive the block before editing.";

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? *v : json::value(nullptr);
}

template <class T>
void ExpectError(const Result<T>& r, ErrorCode code, std::string_view message) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(static_cast<int>(r.error().code), static_cast<int>(code));
  EXPECT_EQ(r.error().message, message);
}

class ServiceTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "ln_service_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Open();
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Opens (or reopens) the store and a Service over it; bootstraps kToken unless told not to.
  void Open(bool bootstrap = true) {
    service_.reset();
    store_.reset();
    std::string path = (fs::path(dir_) / "ln.db").string();
    auto opened = GetParam() ? storage::OpenStore("sqlite:" + path) : storage::SqliteStore::Open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    service_ = std::make_unique<Service>(*store_);
    if (!bootstrap) return;
    auto tokens = Run([&] { return service_->Bootstrap({kToken}); });
    ASSERT_TRUE(tokens.ok()) << tokens.error().message;
    auto integration = Run([&] { return service_->Authenticate(kToken); });
    ASSERT_TRUE(integration.ok()) << integration.error().message;
    caller22_ = Caller{*integration, ApiVersion::k2022_06_28};
    caller25_ = Caller{*integration, ApiVersion::k2025_09_03};
  }

  // Closes the store and starts over on an empty file, without bootstrapping.
  void Fresh() {
    service_.reset();
    store_.reset();
    for (const auto& entry : fs::directory_iterator(dir_)) fs::remove(entry.path());
    Open(/*bootstrap=*/false);
  }

  // One request: a unit, then the batch commit, as the server does.
  template <class F>
  auto Run(F&& fn) -> decltype(fn()) {
    auto result = service_->InUnit(fn);
    Status committed = store_->CommitBatch();
    EXPECT_TRUE(committed.ok()) << committed.error().message;
    return result;
  }

  Result<json::value> CreatePage(const Caller& c, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return service_->CreatePage(c, b); });
  }
  Result<json::value> UpdatePage(const Caller& c, std::string_view id, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return service_->UpdatePage(c, id, b); });
  }
  Result<json::value> GetPage(const Caller& c, std::string_view id) {
    return Run([&] { return service_->GetPage(c, id); });
  }
  Result<json::value> CreateDatabase(const Caller& c, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return service_->CreateDatabase(c, b); });
  }

  // A workspace-level page to hold databases; returns its id.
  std::string ParentPage() {
    auto page = CreatePage(caller25_, R"({"parent":{"workspace":true},
        "properties":{"title":{"title":[{"text":{"content":"Home"}}]}}})");
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  // A 2025-09-03 database with several property types; returns the response.
  json::value TasksDatabase() {
    std::string body = R"({"parent":{"type":"page_id","page_id":")" + ParentPage() + R"("},
        "title":[{"text":{"content":"Tasks"}}],
        "initial_data_source":{"properties":{
          "Name":{"title":{}},
          "Price":{"number":{"format":"dollar"}},
          "Stage":{"select":{"options":[{"name":"Red","color":"red"}]}},
          "Done":{"checkbox":{}},
          "Status":{"status":{}},
          "Notes":{"rich_text":{}}}}})";
    auto db = CreateDatabase(caller25_, body);
    EXPECT_TRUE(db.ok()) << db.error().message;
    return db.ok() ? *db : json::value(nullptr);
  }

  std::string DataSourceId(const json::value& db) {
    return std::string(db.at("data_sources").at(0).at("id").as_string());
  }

  // A page in the Tasks database with Price 10 and Done true; returns its id.
  std::string TaskPage(const json::value& db) {
    auto page = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + DataSourceId(db) + R"("},
        "properties":{"Name":{"title":[{"text":{"content":"Buy milk"}}]},
                      "Price":{"number":10},"Done":{"checkbox":true}}})");
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  json::array StageOptions(const json::value& db) {
    auto ds = Run([&] { return service_->GetDataSource(caller25_, DataSourceId(db)); });
    EXPECT_TRUE(ds.ok()) << ds.error().message;
    return ds.ok() ? ds->at("properties").at("Stage").at("select").at("options").as_array() : json::array{};
  }

  std::string dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Service> service_;
  Caller caller22_;
  Caller caller25_;
};

// ---------------------------------------------------------------- bootstrap

TEST_P(ServiceTest, BootstrapWithoutTokensCreatesOwnerBotAndADefaultTokenOnce) {
  Fresh();
  auto first = Run([&] { return service_->Bootstrap({}); });
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  const std::string token = first->at(0);
  EXPECT_EQ(token.rfind("ntn_", 0), 0u);
  EXPECT_EQ(token.size(), 50u);

  auto users = Run([&] { return service_->ListUsers(Caller{}, PageArgs{}); });
  ASSERT_TRUE(users.ok());
  const json::array& results = users->at("results").as_array();
  ASSERT_EQ(results.size(), 2u);
  int persons = 0, bots = 0;
  for (const auto& u : results) {
    if (u.at("type") == "person") {
      ++persons;
      EXPECT_EQ(u.at("name"), "Workspace Owner");
      EXPECT_EQ(u.at("person").at("email"), "owner@localnotion.local");
    } else {
      ++bots;
      EXPECT_EQ(u.at("type"), "bot");
    }
  }
  EXPECT_EQ(persons, 1);
  EXPECT_EQ(bots, 1);

  // Again, and again after reopening: the same token, no new users.
  auto second = Run([&] { return service_->Bootstrap({}); });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, std::vector<std::string>{token});
  Open(/*bootstrap=*/false);
  auto third = Run([&] { return service_->Bootstrap({}); });
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, std::vector<std::string>{token});
  auto again = Run([&] { return service_->ListUsers(Caller{}, PageArgs{}); });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->at("results").as_array().size(), 2u);
  EXPECT_TRUE(Run([&] { return service_->Authenticate(token); }).ok());
}

TEST_P(ServiceTest, BootstrapGivesEachTokenOneIntegrationWithABot) {
  auto tokens = Run([&] { return service_->Bootstrap({kToken, "secret_second"}); });
  ASSERT_TRUE(tokens.ok()) << tokens.error().message;
  EXPECT_EQ(*tokens, (std::vector<std::string>{kToken, "secret_second"}));
  ASSERT_TRUE(Run([&] { return service_->Bootstrap({kToken, "secret_second"}); }).ok());
  auto users = Run([&] { return service_->ListUsers(Caller{}, PageArgs{}); });
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->at("results").as_array().size(), 3u);  // owner + two bots

  auto second = Run([&] { return service_->Authenticate("secret_second"); });
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->bot_user_id, caller25_.integration.bot_user_id);
  auto bot = Run([&] { return service_->GetUser(caller25_, second->bot_user_id); });
  ASSERT_TRUE(bot.ok()) << bot.error().message;
  EXPECT_EQ(bot->at("type"), "bot");
}

TEST_P(ServiceTest, UnknownTokenIsUnauthorized) {
  ExpectError(Run([&] { return service_->Authenticate("secret_nope"); }), ErrorCode::kUnauthorized,
              "API token is invalid.");
}

TEST_P(ServiceTest, GetSelfIsTheBotWithItsWorkspace) {
  auto me = Run([&] { return service_->GetSelf(caller25_); });
  ASSERT_TRUE(me.ok()) << me.error().message;
  EXPECT_EQ(me->at("object"), "user");
  EXPECT_EQ(me->at("id"), json::value(caller25_.integration.bot_user_id));
  EXPECT_EQ(me->at("type"), "bot");
  EXPECT_EQ(me->at("bot").at("workspace_name"), "localnotion");
  EXPECT_EQ(SerializeJson(me->at("bot").at("owner")), R"({"type":"workspace","workspace":true})");
}

// ---------------------------------------------------------------- databases and pages

TEST_P(ServiceTest, CreateDatabaseAndPageIn2022) {
  std::string parent = ParentPage();
  auto db = CreateDatabase(caller22_, R"({"parent":{"page_id":")" + parent + R"("},
      "title":[{"text":{"content":"Inventory"}}],
      "properties":{"Item":{"title":{}},"In stock":{"checkbox":{}},"Price":{"number":{}}}})");
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->at("object"), "database");
  EXPECT_EQ(SerializeJson(db->at("parent")), R"({"type":"page_id","page_id":")" + parent + R"("})");
  const json::object& props = db->at("properties").as_object();
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props.at("Item").at("id"), "title");
  EXPECT_EQ(props.at("In stock").at("type"), "checkbox");
  EXPECT_EQ(SerializeJson(props.at("Price").at("number")), R"({"format":"number"})");
  const std::string db_id(db->at("id").as_string());

  auto page = CreatePage(caller22_, R"({"parent":{"database_id":")" + db_id + R"("},
      "properties":{"Item":{"title":[{"text":{"content":"Widget"}}]},"In stock":{"checkbox":false}}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(SerializeJson(page->at("parent")), R"({"type":"database_id","database_id":")" + db_id + R"("})");
  EXPECT_EQ(page->at("object"), "page");
  // Every schema property is present, unset ones empty.
  EXPECT_EQ(SerializeJson(page->at("properties").at("Price")), R"({"id":")" +
                std::string(props.at("Price").at("id").as_string()) + R"(","type":"number","number":null})");
  const std::string page_id(page->at("id").as_string());

  // The seed example: PATCH In stock = true.
  auto updated = UpdatePage(caller22_, page_id, R"({"properties":{"In stock":{"checkbox":true}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->at("properties").at("In stock").at("checkbox"), true);
  EXPECT_EQ(updated->at("properties").at("Item").at("title").at(0).at("plain_text"), "Widget");
  EXPECT_EQ(updated->at("last_edited_by").at("id"), json::value(caller22_.integration.bot_user_id));
  EXPECT_EQ(updated->at("url"), json::value("https://www.notion.so/Widget-" + CompactUuid(page_id)));
}

TEST_P(ServiceTest, CreateDatabaseIn2022RequiresProperties) {
  std::string parent = ParentPage();
  ExpectError(CreateDatabase(caller22_, R"({"parent":{"page_id":")" + parent + R"("}})"),
              ErrorCode::kValidationError,
              "body failed validation: body.properties should be defined, instead was `undefined`.");
}

TEST_P(ServiceTest, CreateDatabaseAndPageIn2025) {
  json::value db = TasksDatabase();
  ASSERT_TRUE(db.is_object());
  EXPECT_EQ(db.at("object"), "database");
  const std::string db_id(db.at("id").as_string());
  const std::string ds_id = DataSourceId(db);
  EXPECT_NE(ds_id, db_id);
  EXPECT_EQ(db.at("data_sources").at(0).at("name"), "Tasks");

  auto ds = Run([&] { return service_->GetDataSource(caller25_, ds_id); });
  ASSERT_TRUE(ds.ok()) << ds.error().message;
  EXPECT_EQ(ds->at("object"), "data_source");
  EXPECT_EQ(ds->at("properties").as_object().size(), 6u);
  EXPECT_EQ(ds->at("properties").at("Status").at("status").at("options").as_array().size(), 3u);

  auto page = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + ds_id + R"("},
      "properties":{"Name":{"title":[{"text":{"content":"A"}}]},"Status":{"status":{"name":"In progress"}}}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(SerializeJson(page->at("parent")),
            R"({"type":"data_source_id","data_source_id":")" + ds_id + R"(","database_id":")" + db_id + R"("})");
  EXPECT_EQ(page->at("properties").at("Status").at("status").at("name"), "In progress");

  // The same page read with 2022-06-28 has a database parent.
  auto old = GetPage(caller22_, std::string(page->at("id").as_string()));
  ASSERT_TRUE(old.ok()) << old.error().message;
  EXPECT_EQ(SerializeJson(old->at("parent")), R"({"type":"database_id","database_id":")" + db_id + R"("})");
}

TEST_P(ServiceTest, CreatePageByDatabaseIdIn2025) {
  json::value db = TasksDatabase();
  auto page = CreatePage(caller25_, R"({"parent":{"database_id":")" + std::string(db.at("id").as_string()) +
                                        R"("},"properties":{}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->at("parent").at("data_source_id"), json::value(DataSourceId(db)));
}

TEST_P(ServiceTest, UpdateKeepsPropertiesThatAreNotSent) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto updated = UpdatePage(caller25_, id, R"({"properties":{"Notes":{"rich_text":[{"text":{"content":"2%"}}]}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  const json::value& props = updated->at("properties");
  EXPECT_EQ(props.at("Price").at("number"), 10);
  EXPECT_EQ(props.at("Done").at("checkbox"), true);
  EXPECT_EQ(props.at("Name").at("title").at(0).at("plain_text"), "Buy milk");
  EXPECT_EQ(props.at("Notes").at("rich_text").at(0).at("plain_text"), "2%");

  auto read = GetPage(caller25_, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(SerializeJson(read->at("properties")), SerializeJson(props));
}

TEST_P(ServiceTest, NullAndEmptyArrayClear) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto updated = UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":null},"Name":{"title":[]}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_TRUE(updated->at("properties").at("Price").at("number").is_null());
  EXPECT_TRUE(updated->at("properties").at("Name").at("title").as_array().empty());
  EXPECT_EQ(updated->at("properties").at("Done").at("checkbox"), true);
}

TEST_P(ServiceTest, PropertiesMayBeKeyedByPropertyId) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto ds = Run([&] { return service_->GetDataSource(caller25_, DataSourceId(db)); });
  ASSERT_TRUE(ds.ok());
  const std::string price_id(ds->at("properties").at("Price").at("id").as_string());
  auto updated = UpdatePage(caller25_, id, R"({"properties":{")" + price_id + R"(":{"number":3.5}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(SerializeJson(updated->at("properties").at("Price").at("number")), "3.5");
}

TEST_P(ServiceTest, NewSelectOptionIsSavedInTheSchema) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto updated = UpdatePage(caller25_, id, R"({"properties":{"Stage":{"select":{"name":"Blue"}}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  const json::value& stage = updated->at("properties").at("Stage").at("select");
  EXPECT_EQ(stage.at("name"), "Blue");
  json::array options = StageOptions(db);
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[1].at("name"), "Blue");
  EXPECT_EQ(options[1].at("id"), stage.at("id"));
  EXPECT_EQ(options[1].at("color"), stage.at("color"));
  // A second page reuses the option instead of creating another one.
  std::string other = TaskPage(db);
  auto again = UpdatePage(caller25_, other, R"({"properties":{"Stage":{"select":{"name":"Blue"}}}})");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("properties").at("Stage").at("select").at("id"), stage.at("id"));
  EXPECT_EQ(StageOptions(db).size(), 2u);
}

TEST_P(ServiceTest, EmptyBodyIsANoOp) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto before = GetPage(caller25_, id);
  auto same = UpdatePage(caller25_, id, "{}");
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_EQ(SerializeJson(*same), SerializeJson(*before));
}

TEST_P(ServiceTest, IconAndCoverAreSetAndRemoved) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto set = UpdatePage(caller25_, id, R"({"icon":{"emoji":"🥑"},"cover":{"external":{"url":"https://x.y/c.png"}}})");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(SerializeJson(set->at("icon")), R"({"type":"emoji","emoji":"🥑"})");
  EXPECT_EQ(SerializeJson(set->at("cover")), R"({"type":"external","external":{"url":"https://x.y/c.png"}})");
  auto removed = UpdatePage(caller25_, id, R"({"icon":null,"cover":null})");
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_TRUE(removed->at("icon").is_null());
  EXPECT_TRUE(removed->at("cover").is_null());
}

TEST_P(ServiceTest, StandalonePageTakesOnlyTitle) {
  std::string id = ParentPage();
  auto renamed = UpdatePage(caller25_, id, R"({"properties":{"title":{"title":[{"text":{"content":"Renamed"}}]}}})");
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->at("properties").at("title").at("title").at(0).at("plain_text"), "Renamed");
  ExpectError(UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":1}}})"), ErrorCode::kValidationError,
              "Price is not a property that exists.");
}

TEST_P(ServiceTest, ParentCannotChange) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  ExpectError(UpdatePage(caller25_, id, R"({"parent":{"workspace":true}})"), ErrorCode::kValidationError,
              "body failed validation: body.parent should be not present, instead was `{\"workspace\":true}`.");
}

// ---------------------------------------------------------------- trash

TEST_P(ServiceTest, TrashedPageRefusesEditsUntilRestored) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto trashed = UpdatePage(caller25_, id, R"({"in_trash":true})");
  ASSERT_TRUE(trashed.ok()) << trashed.error().message;
  EXPECT_EQ(trashed->at("in_trash"), true);
  EXPECT_EQ(trashed->at("archived"), true);

  ExpectError(UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":1}}})"), ErrorCode::kValidationError,
              kArchived);
  ExpectError(UpdatePage(caller25_, id, R"({"icon":{"emoji":"🥑"}})"), ErrorCode::kValidationError, kArchived);
  ExpectError(UpdatePage(caller25_, id, R"({"archived":true})"), ErrorCode::kValidationError, kArchived);

  auto read = GetPage(caller25_, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->at("properties").at("Price").at("number"), 10);

  auto restored = UpdatePage(caller25_, id, R"({"archived":false})");
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->at("in_trash"), false);
  EXPECT_EQ(restored->at("archived"), false);
  auto edited = UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":1}}})");
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->at("properties").at("Price").at("number"), 1);
}

TEST_P(ServiceTest, RestoreAndEditInOneRequest) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  ASSERT_TRUE(UpdatePage(caller25_, id, R"({"archived":true})").ok());
  auto both = UpdatePage(caller25_, id, R"({"in_trash":false,"properties":{"Price":{"number":2}}})");
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both->at("in_trash"), false);
  EXPECT_EQ(both->at("properties").at("Price").at("number"), 2);
}

// ---------------------------------------------------------------- ids and existence

TEST_P(ServiceTest, PathIdsMustBeUuids) {
  ExpectError(GetPage(caller25_, "not-a-page"), ErrorCode::kValidationError,
              "path failed validation: path.page_id should be a valid uuid, instead was `\"not-a-page\"`.");
  ExpectError(UpdatePage(caller25_, "123", "{}"), ErrorCode::kValidationError,
              "path failed validation: path.page_id should be a valid uuid, instead was `\"123\"`.");
  ExpectError(Run([&] { return service_->GetDatabase(caller25_, "x"); }), ErrorCode::kValidationError,
              "path failed validation: path.database_id should be a valid uuid, instead was `\"x\"`.");
  ExpectError(Run([&] { return service_->GetDataSource(caller25_, "x"); }), ErrorCode::kValidationError,
              "path failed validation: path.data_source_id should be a valid uuid, instead was `\"x\"`.");
  ExpectError(Run([&] { return service_->GetUser(caller25_, "x"); }), ErrorCode::kValidationError,
              "path failed validation: path.user_id should be a valid uuid, instead was `\"x\"`.");
}

TEST_P(ServiceTest, PathIdHelper) {
  auto ok = PathId("page_id", "598337872CF94FDF8782E53DB20768A5");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "59833787-2cf9-4fdf-8782-e53db20768a5");
}

TEST_P(ServiceTest, UnknownPageIsNotFoundWithTheDashedLowerCaseId) {
  ExpectError(GetPage(caller25_, "598337872CF94FDF8782E53DB20768A5"), ErrorCode::kObjectNotFound,
              "Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and "
              "databases are shared with your integration.");
  ExpectError(UpdatePage(caller25_, "59833787-2cf9-4fdf-8782-e53db20768a5", R"({"in_trash":true})"),
              ErrorCode::kObjectNotFound,
              "Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and "
              "databases are shared with your integration.");
}

TEST_P(ServiceTest, UnknownDatabaseDataSourceAndUserAreNotFound) {
  const std::string id = "59833787-2cf9-4fdf-8782-e53db20768a5";
  ExpectError(Run([&] { return service_->GetDatabase(caller25_, id); }), ErrorCode::kObjectNotFound,
              "Could not find database with ID: " + id +
                  ". Make sure the relevant pages and databases are shared with your integration.");
  ExpectError(Run([&] { return service_->GetDataSource(caller25_, id); }), ErrorCode::kObjectNotFound,
              "Could not find data source with ID: " + id +
                  ". Make sure the relevant pages and databases are shared with your integration.");
  ExpectError(Run([&] { return service_->GetUser(caller25_, id); }), ErrorCode::kObjectNotFound,
              "Could not find user with ID: " + id +
                  ". Make sure the relevant pages and databases are shared with your integration.");
  ExpectError(CreatePage(caller25_, R"({"parent":{"data_source_id":")" + id + R"("}})"), ErrorCode::kObjectNotFound,
              "Could not find data source with ID: " + id +
                  ". Make sure the relevant pages and databases are shared with your integration.");
}

TEST_P(ServiceTest, DatabaseIdGivenAsPageIdAndBack) {
  json::value db = TasksDatabase();
  const std::string db_id(db.at("id").as_string());
  ExpectError(GetPage(caller25_, db_id), ErrorCode::kValidationError,
              "Provided ID " + db_id + " is a database, not a page. Use the retrieve database API instead.");
  std::string page_id = TaskPage(db);
  ExpectError(Run([&] { return service_->GetDatabase(caller25_, page_id); }), ErrorCode::kValidationError,
              "Provided ID " + page_id + " is a page, not a database. Use the retrieve page API instead.");
}

// ---------------------------------------------------------------- failures change nothing

TEST_P(ServiceTest, FailedUpdateChangesNeitherPageNorSchema) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto before = GetPage(caller25_, id);
  ASSERT_TRUE(before.ok());
  // Stage would create an option, but Price fails: nothing may be kept.
  ExpectError(UpdatePage(caller25_, id,
                         R"({"properties":{"Stage":{"select":{"name":"Green"}},"Done":{"checkbox":false},
                                           "Price":{"number":"ten"}}})"),
              ErrorCode::kValidationError,
              "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
              "`\"ten\"`.");
  auto after = GetPage(caller25_, id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(SerializeJson(*after), SerializeJson(*before));
  EXPECT_EQ(StageOptions(db).size(), 1u);
}

TEST_P(ServiceTest, UnitThatFailsAfterAWriteIsRolledBack) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto before = GetPage(caller25_, id);
  ASSERT_TRUE(before.ok());
  json::value body = J(R"({"properties":{"Price":{"number":99},"Stage":{"select":{"name":"Green"}}},"in_trash":true})");
  auto result = Run([&]() -> Result<json::value> {
    auto updated = service_->UpdatePage(caller25_, id, body);
    EXPECT_TRUE(updated.ok()) << updated.error().message;
    // Something later in the same request fails: the unit must leave no trace.
    return ValidationError("later failure");
  });
  ExpectError(result, ErrorCode::kValidationError, "later failure");
  auto after = GetPage(caller25_, id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(SerializeJson(*after), SerializeJson(*before));
  EXPECT_EQ(StageOptions(db).size(), 1u);

  // And the rolled-back state is also what a fresh process sees.
  Open();
  auto reopened = GetPage(caller25_, id);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(SerializeJson(*reopened), SerializeJson(*before));
  EXPECT_EQ(StageOptions(db).size(), 1u);
}

TEST_P(ServiceTest, UpdatesSurviveReopen) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto updated = UpdatePage(caller22_, id, R"({"properties":{"Price":{"number":42},"Stage":{"name":"Green"}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  Open();
  auto read = GetPage(caller22_, id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(SerializeJson(read->at("properties")), SerializeJson(updated->at("properties")));
  EXPECT_EQ(StageOptions(db).size(), 2u);
}

// ---------------------------------------------------------------- users

TEST_P(ServiceTest, ListUsersPagesWithACursor) {
  ASSERT_TRUE(Run([&] { return service_->Bootstrap({kToken, "secret_2", "secret_3"}); }).ok());
  auto first = Run([&] { return service_->ListUsers(caller25_, PageArgs{std::nullopt, "2"}); });
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->at("results").as_array().size(), 2u);
  EXPECT_EQ(first->at("has_more"), true);
  ASSERT_TRUE(first->at("next_cursor").is_string());
  std::string cursor(first->at("next_cursor").as_string());
  auto second = Run([&] { return service_->ListUsers(caller25_, PageArgs{cursor, "2"}); });
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->at("results").as_array().size(), 2u);
  EXPECT_EQ(second->at("has_more"), false);
  EXPECT_TRUE(second->at("next_cursor").is_null());
  EXPECT_EQ(second->at("results").at(0).at("id"), json::value(cursor));
}

TEST_P(ServiceTest, ListUsersRefusesBadArguments) {
  ExpectError(Run([&] { return service_->ListUsers(caller25_, PageArgs{std::nullopt, "101"}); }),
              ErrorCode::kValidationError,
              "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`.");
  ExpectError(Run([&] { return service_->ListUsers(caller25_, PageArgs{"bogus", std::nullopt}); }),
              ErrorCode::kValidationError, "The start_cursor provided is invalid: bogus");
  ExpectError(Run([&] { return service_->ListUsers(caller25_, PageArgs{std::nullopt, "0"}); }),
              ErrorCode::kValidationError,
              "query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`.");
  ExpectError(Run([&] { return service_->ListUsers(caller25_, PageArgs{std::nullopt, "ten"}); }),
              ErrorCode::kValidationError,
              "query failed validation: query.page_size should be a number or `undefined`, instead was `\"ten\"`.");
}

TEST_P(ServiceTest, PageSizeBeyondIntRangeIsStillANumberOver100) {
  // 99999999999 is a number (JavaScript reads it as one); it is too large, not "not a number".
  ExpectError(Run([&] { return service_->ListUsers(caller25_, PageArgs{std::nullopt, "99999999999"}); }),
              ErrorCode::kValidationError,
              "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `99999999999`.");
}

TEST_P(ServiceTest, UniqueIdsCountPerDatabaseAlongsideCreatedOptions) {
  std::string parent = ParentPage();
  auto db = CreateDatabase(caller25_, R"({"parent":{"page_id":")" + parent + R"("},
      "initial_data_source":{"properties":{"Name":{"title":{}},"ID":{"unique_id":{"prefix":"T"}},
                                           "Stage":{"select":{}}}}})");
  ASSERT_TRUE(db.ok()) << db.error().message;
  const std::string ds = DataSourceId(*db);
  auto first = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + ds + R"("},
      "properties":{"Stage":{"select":{"name":"New"}}}})");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(SerializeJson(first->at("properties").at("ID").at("unique_id")), R"({"prefix":"T","number":1})");
  EXPECT_EQ(first->at("properties").at("Stage").at("select").at("name"), "New");
  auto second = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + ds + R"("},"properties":{}})");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(SerializeJson(second->at("properties").at("ID").at("unique_id")), R"({"prefix":"T","number":2})");
  EXPECT_EQ(StageOptions(*db).size(), 1u);
  ExpectError(UpdatePage(caller25_, std::string(second->at("id").as_string()),
                         R"({"properties":{"ID":{"number":5}}})"),
              ErrorCode::kValidationError, "ID is expected to be unique_id.");
}

INSTANTIATE_TEST_SUITE_P(Stores, ServiceTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "CachingStore" : "SqliteStore";
                         });

}  // namespace
}  // namespace localnotion::service
