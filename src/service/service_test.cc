// The use cases over a real store on a temporary SQLite file: bootstrap, databases and pages
// in both Notion-Versions, partial updates, trash and restore, errors, and rollback of
// failed units. Every test runs twice: on the bare SqliteStore and on the CachingStore
// that OpenStore puts in front of it in production.
#include "service/service.h"
#include "service/admin/admin.h"
#include "service/databases/databases.h"
#include "service/pages/pages.h"
#include "service/users/users.h"

#include <gtest/gtest.h>

#include "common/sha256.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include "common/uuid.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/json.h"
#include "testing/matchers.h"
#include "testing/temp_dir.h"
#include "testing/unit_store.h"

namespace localnotion::service {
namespace {

namespace fs = std::filesystem;
using api::ApiVersion;

constexpr const char* kToken = "secret_service_test";
constexpr const char* kArchived = "Can't edit block that is archived. You must unarchive the block before editing.";

using testing::ErrorIs;
using testing::J;

class ServiceTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override {
    ctx_.reset();
    store_.reset();
  }

  // Opens (or reopens) the store and a Context over it; bootstraps kToken unless told not to.
  void Open(bool bootstrap = true) {
    ctx_.reset();
    store_.reset();
    std::string path = dir_.File("ln.db");
    Result<std::unique_ptr<storage::Store>> opened =
        GetParam() ? storage::OpenStore("sqlite:" + path)
                   : Result<std::unique_ptr<storage::Store>>(storage::SqliteStore::Open(path).value());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<testing::UnitStore>(std::move(opened).value(), storage::TxnMode::kRead);
    ctx_ = std::make_unique<Context>(*store_, state_);
    if (!bootstrap) return;
    auto tokens = Run([&] { return admin::Bootstrap(*ctx_, {kToken}); });
    ASSERT_TRUE(tokens.ok()) << tokens.error().message;
    auto integration = Run([&] { return ctx_->Authenticate(kToken); });
    ASSERT_TRUE(integration.ok()) << integration.error().message;
    caller22_ = Caller{*integration, ApiVersion::k2022_06_28};
    caller25_ = Caller{*integration, ApiVersion::k2025_09_03};
  }

  // Closes the store and starts over on an empty file, without bootstrapping.
  void Fresh() {
    ctx_.reset();
    store_.reset();
    for (const auto& entry : fs::directory_iterator(dir_.path())) fs::remove(entry.path());
    Open(/*bootstrap=*/false);
  }

  // One request: a Context over a write transaction, committed when the call succeeds.
  template <class F>
  auto Run(F&& fn) -> decltype(fn()) {
    EXPECT_TRUE(store_->BeginUnit().ok());
    ctx_ = std::make_unique<Context>(*store_, state_);
    auto result = fn();
    Status ended = store_->EndUnit(result.ok());
    EXPECT_TRUE(ended.ok()) << ended.error().message;
    return result;
  }

  Result<json::value> CreatePage(const Caller& c, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return pages::CreatePage(*ctx_, c, b); });
  }
  Result<json::value> UpdatePage(const Caller& c, std::string_view id, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return pages::UpdatePage(*ctx_, c, id, b); });
  }
  Result<json::value> GetPage(const Caller& c, std::string_view id) {
    return Run([&] { return pages::GetPage(*ctx_, c, id); });
  }
  Result<json::value> CreateDatabase(const Caller& c, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return databases::CreateDatabase(*ctx_, c, b); });
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
    auto ds = Run([&] { return databases::GetDataSource(*ctx_, caller25_, DataSourceId(db)); });
    EXPECT_TRUE(ds.ok()) << ds.error().message;
    return ds.ok() ? ds->at("properties").at("Stage").at("select").at("options").as_array() : json::array{};
  }

  Result<json::value> GetDataSource(std::string_view id) {
    return Run([&] { return databases::GetDataSource(*ctx_, caller25_, id); });
  }
  Result<json::value> UpdateDataSource(std::string_view id, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return databases::UpdateDataSource(*ctx_, caller25_, id, b); });
  }
  Result<json::value> UpdateDatabase(const Caller& c, std::string_view id, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return databases::UpdateDatabase(*ctx_, c, id, b); });
  }
  Result<json::value> CreateDataSource(std::string_view body) {
    json::value b = J(body);
    return Run([&] { return databases::CreateDataSource(*ctx_, caller25_, b); });
  }
  Result<json::value> GetPageProperty(std::string_view page_id, std::string_view property_id,
                                      PageArgs args = PageArgs{}) {
    return Run([&] { return pages::GetPageProperty(*ctx_, caller25_, page_id, property_id, args); });
  }

  // A 2025-09-03 database titled `title` with the schema `properties`; returns the response.
  json::value Database(std::string_view title, const std::string& properties) {
    auto db = CreateDatabase(caller25_, R"({"parent":{"type":"page_id","page_id":")" + ParentPage() + R"("},
        "title":[{"text":{"content":")" + std::string(title) +
                                            R"("}}],
        "initial_data_source":{"properties":)" +
                                            properties + "}}");
    EXPECT_TRUE(db.ok()) << db.error().message;
    return db.ok() ? *db : json::value(nullptr);
  }

  // Adds to the data source `ds` a relation "Blocks" to itself with a dual property
  // (synced as "Related to Tasks (Blocks)" in the Tasks database); returns the answer.
  Result<json::value> AddSelfRelation(const std::string& ds) {
    return UpdateDataSource(
        ds, R"({"properties":{"Blocks":{"relation":{"data_source_id":")" + ds + R"(","dual_property":{}}}}})");
  }

  // A page in the data source with the given property values; returns its id.
  std::string PageIn(const std::string& data_source_id, const std::string& properties = "{}") {
    auto page = CreatePage(
        caller25_, R"({"parent":{"data_source_id":")" + data_source_id + R"("},"properties":)" + properties + "}");
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  // The page's properties as GET /v1/pages shows them (2025-09-03).
  json::value PropertiesOf(const std::string& page_id) {
    auto page = GetPage(caller25_, page_id);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page->at("properties") : json::value(nullptr);
  }

  // The property schema named `name` in the data source, or null.
  json::value SchemaProperty(const std::string& data_source_id, std::string_view name) {
    auto ds = GetDataSource(data_source_id);
    EXPECT_TRUE(ds.ok()) << ds.error().message;
    if (!ds.ok()) return nullptr;
    const json::value* p = Find(ds->at("properties").as_object(), name);
    return p ? *p : json::value(nullptr);
  }
  std::string PropertyId(const std::string& data_source_id, std::string_view name) {
    json::value p = SchemaProperty(data_source_id, name);
    return p.is_object() ? std::string(p.at("id").as_string()) : "";
  }

  // The stored values of a page, straight from the store.
  json::object StoredProperties(const std::string& page_id) {
    auto page = Run([&] { return store_->GetPage(page_id); });
    EXPECT_TRUE(page.ok() && page->has_value());
    return page.ok() && page->has_value() ? (*page)->properties : json::object{};
  }

  // The ids a relation value shows, joined by spaces.
  static std::string Ids(const json::value& relation_value) {
    std::string out;
    for (const auto& r : relation_value.at("relation").as_array()) out += std::string(r.at("id").as_string()) + " ";
    return out;
  }

  testing::TempDir dir_{"ln_service_"};  // declared before the store, so removed after it
  ServiceState state_;
  std::unique_ptr<testing::UnitStore> store_;
  std::unique_ptr<Context> ctx_;
  Caller caller22_;
  Caller caller25_;
};

// ---------------------------------------------------------------- bootstrap

TEST_P(ServiceTest, BootstrapWithoutTokensCreatesOwnerBotAndADefaultTokenOnce) {
  Fresh();
  auto first = Run([&] { return admin::Bootstrap(*ctx_, {}); });
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  const std::string token = first->at(0);
  EXPECT_EQ(token.rfind("ntn_", 0), 0u);
  EXPECT_EQ(token.size(), 50u);

  auto users = Run([&] { return users::ListUsers(*ctx_, Caller{}, PageArgs{}); });
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
  auto second = Run([&] { return admin::Bootstrap(*ctx_, {}); });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, std::vector<std::string>{token});
  Open(/*bootstrap=*/false);
  auto third = Run([&] { return admin::Bootstrap(*ctx_, {}); });
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, std::vector<std::string>{token});
  auto again = Run([&] { return users::ListUsers(*ctx_, Caller{}, PageArgs{}); });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->at("results").as_array().size(), 2u);
  EXPECT_TRUE(Run([&] { return ctx_->Authenticate(token); }).ok());
}

TEST_P(ServiceTest, TokensAreStoredOnlyAsTheirSha256) {
  ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {"secret_hashed_token"}); }).ok());
  auto all = store_->ListIntegrations();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);  // the fixture's token and this one
  int matching = 0;
  for (const auto& integration : *all) {
    EXPECT_EQ(integration.secret_hash.size(), 64u);
    EXPECT_EQ(integration.secret_hash.find("secret_"), std::string::npos);
    matching += integration.secret_hash == Sha256Hex("secret_hashed_token");
  }
  EXPECT_EQ(matching, 1);
  auto wrong = Run([&] { return ctx_->Authenticate("secret_hashed_tokeN"); });
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message, "API token is invalid.");
  // The pipeline hands over the hash it computed: the hash finds the integration, the
  // token given where a hash belongs does not.
  auto by_hash = Run([&] { return ctx_->AuthenticateHash(Sha256Hex("secret_hashed_token")); });
  ASSERT_TRUE(by_hash.ok()) << by_hash.error().message;
  EXPECT_EQ(by_hash->secret_hash, Sha256Hex("secret_hashed_token"));
  auto token_as_hash = Run([&] { return ctx_->AuthenticateHash("secret_hashed_token"); });
  ASSERT_FALSE(token_as_hash.ok());
  EXPECT_EQ(token_as_hash.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(token_as_hash.error().message, "API token is invalid.");
}

TEST_P(ServiceTest, BootstrapGivesEachTokenOneIntegrationWithABot) {
  auto tokens = Run([&] { return admin::Bootstrap(*ctx_, {kToken, "secret_second"}); });
  ASSERT_TRUE(tokens.ok()) << tokens.error().message;
  EXPECT_EQ(*tokens, (std::vector<std::string>{kToken, "secret_second"}));
  ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {kToken, "secret_second"}); }).ok());
  auto users = Run([&] { return users::ListUsers(*ctx_, Caller{}, PageArgs{}); });
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->at("results").as_array().size(), 3u);  // owner + two bots

  auto second = Run([&] { return ctx_->Authenticate("secret_second"); });
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->bot_user_id, caller25_.integration.bot_user_id);
  auto bot = Run([&] { return users::GetUser(*ctx_, caller25_, second->bot_user_id); });
  ASSERT_TRUE(bot.ok()) << bot.error().message;
  EXPECT_EQ(bot->at("type"), "bot");
}

TEST_P(ServiceTest, UnknownTokenIsUnauthorized) {
  EXPECT_THAT(Run([&] { return ctx_->Authenticate("secret_nope"); }),
              ErrorIs(ErrorCode::kUnauthorized, "API token is invalid."));
}

TEST_P(ServiceTest, GetSelfIsTheBotWithItsWorkspace) {
  auto me = Run([&] { return users::GetSelf(*ctx_, caller25_); });
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
  EXPECT_EQ(SerializeJson(page->at("properties").at("Price")),
            R"({"id":")" + std::string(props.at("Price").at("id").as_string()) + R"(","type":"number","number":null})");
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
  EXPECT_THAT(CreateDatabase(caller22_, R"({"parent":{"page_id":")" + parent + R"("}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties should be defined, instead was `undefined`."));
}

TEST_P(ServiceTest, CreateDatabaseAndPageIn2025) {
  json::value db = TasksDatabase();
  ASSERT_TRUE(db.is_object());
  EXPECT_EQ(db.at("object"), "database");
  const std::string db_id(db.at("id").as_string());
  const std::string ds_id = DataSourceId(db);
  EXPECT_NE(ds_id, db_id);
  EXPECT_EQ(db.at("data_sources").at(0).at("name"), "Tasks");

  auto ds = Run([&] { return databases::GetDataSource(*ctx_, caller25_, ds_id); });
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
  auto page = CreatePage(
      caller25_, R"({"parent":{"database_id":")" + std::string(db.at("id").as_string()) + R"("},"properties":{}})");
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

// GET /v1/pages/{id} renders from a page it gives up, moving its stored values into the
// answer (Context::RenderPage(LoadedPage&&)); the answer must be the one rendered from a
// page kept, in every version, with mentions named and references as before.
TEST_P(ServiceTest, RenderingAPageGivenUpAnswersAsRenderingAPageKept) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  std::string home = ParentPage();
  auto updated = UpdatePage(caller25_, id, R"({"properties":{"Notes":{"rich_text":[{"text":{"content":"see "}},
      {"mention":{"page":{"id":")" + home + R"("}}},{"text":{"content":"\"q\"\n"}}]}}})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  for (const std::string& page_id : {id, home}) {
    for (const Caller& caller : {caller22_, caller25_}) {
      auto both = Run([&]() -> Result<std::pair<std::string, std::string>> {
        LN_ASSIGN_OR_RETURN(LoadedPage kept, ctx_->LoadPage(page_id));
        LN_ASSIGN_OR_RETURN(json::value from_kept, ctx_->RenderPage(caller, kept));
        LN_ASSIGN_OR_RETURN(LoadedPage given_up, ctx_->LoadPage(page_id));
        LN_ASSIGN_OR_RETURN(json::value from_given_up, ctx_->RenderPage(caller, std::move(given_up)));
        return std::make_pair(SerializeJson(from_kept), SerializeJson(from_given_up));
      });
      ASSERT_TRUE(both.ok()) << both.error().message;
      EXPECT_EQ(both->second, both->first);
    }
  }
  auto read = GetPage(caller25_, id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->at("properties").at("Notes").at("rich_text").at(1).at("plain_text"), "Home");
  EXPECT_EQ(read->at("properties").at("Notes").at("rich_text").at(2).at("plain_text"), "\"q\"\n");
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
  auto ds = Run([&] { return databases::GetDataSource(*ctx_, caller25_, DataSourceId(db)); });
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
  EXPECT_THAT(UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":1}}})"),
              ErrorIs(ErrorCode::kValidationError, "Price is not a property that exists."));
}

TEST_P(ServiceTest, ParentCannotChange) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  EXPECT_THAT(
      UpdatePage(caller25_, id, R"({"parent":{"workspace":true}})"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.parent should be not present, instead was `{\"workspace\":true}`."));
}

// ---------------------------------------------------------------- trash

TEST_P(ServiceTest, TrashedPageRefusesEditsUntilRestored) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto trashed = UpdatePage(caller25_, id, R"({"in_trash":true})");
  ASSERT_TRUE(trashed.ok()) << trashed.error().message;
  EXPECT_EQ(trashed->at("in_trash"), true);
  EXPECT_EQ(trashed->at("archived"), true);

  EXPECT_THAT(UpdatePage(caller25_, id, R"({"properties":{"Price":{"number":1}}})"),
              ErrorIs(ErrorCode::kValidationError, kArchived));
  EXPECT_THAT(UpdatePage(caller25_, id, R"({"icon":{"emoji":"🥑"}})"),
              ErrorIs(ErrorCode::kValidationError, kArchived));
  EXPECT_THAT(UpdatePage(caller25_, id, R"({"archived":true})"), ErrorIs(ErrorCode::kValidationError, kArchived));

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
  EXPECT_THAT(GetPage(caller25_, "not-a-page"),
              ErrorIs(ErrorCode::kValidationError,
                      "path failed validation: path.page_id should be a valid uuid, instead was `\"not-a-page\"`."));
  EXPECT_THAT(UpdatePage(caller25_, "123", "{}"),
              ErrorIs(ErrorCode::kValidationError,
                      "path failed validation: path.page_id should be a valid uuid, instead was `\"123\"`."));
  EXPECT_THAT(Run([&] { return databases::GetDatabase(*ctx_, caller25_, "x"); }),
              ErrorIs(ErrorCode::kValidationError,
                      "path failed validation: path.database_id should be a valid uuid, instead was `\"x\"`."));
  EXPECT_THAT(Run([&] { return databases::GetDataSource(*ctx_, caller25_, "x"); }),
              ErrorIs(ErrorCode::kValidationError,
                      "path failed validation: path.data_source_id should be a valid uuid, instead was `\"x\"`."));
  EXPECT_THAT(Run([&] { return users::GetUser(*ctx_, caller25_, "x"); }),
              ErrorIs(ErrorCode::kValidationError,
                      "path failed validation: path.user_id should be a valid uuid, instead was `\"x\"`."));
}

TEST_P(ServiceTest, PathIdHelper) {
  auto ok = PathId("page_id", "598337872CF94FDF8782E53DB20768A5");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "59833787-2cf9-4fdf-8782-e53db20768a5");
}

TEST_P(ServiceTest, UnknownPageIsNotFoundWithTheDashedLowerCaseId) {
  EXPECT_THAT(
      GetPage(caller25_, "598337872CF94FDF8782E53DB20768A5"),
      ErrorIs(ErrorCode::kObjectNotFound,
              "Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and "
              "databases are shared with your integration."));
  EXPECT_THAT(
      UpdatePage(caller25_, "59833787-2cf9-4fdf-8782-e53db20768a5", R"({"in_trash":true})"),
      ErrorIs(ErrorCode::kObjectNotFound,
              "Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and "
              "databases are shared with your integration."));
}

TEST_P(ServiceTest, UnknownDatabaseDataSourceAndUserAreNotFound) {
  const std::string id = "59833787-2cf9-4fdf-8782-e53db20768a5";
  EXPECT_THAT(Run([&] { return databases::GetDatabase(*ctx_, caller25_, id); }),
              ErrorIs(ErrorCode::kObjectNotFound,
                      "Could not find database with ID: " + id +
                          ". Make sure the relevant pages and databases are shared with your integration."));
  EXPECT_THAT(Run([&] { return databases::GetDataSource(*ctx_, caller25_, id); }),
              ErrorIs(ErrorCode::kObjectNotFound,
                      "Could not find data source with ID: " + id +
                          ". Make sure the relevant pages and databases are shared with your integration."));
  EXPECT_THAT(Run([&] { return users::GetUser(*ctx_, caller25_, id); }),
              ErrorIs(ErrorCode::kObjectNotFound,
                      "Could not find user with ID: " + id +
                          ". Make sure the relevant pages and databases are shared with your integration."));
  EXPECT_THAT(CreatePage(caller25_, R"({"parent":{"data_source_id":")" + id + R"("}})"),
              ErrorIs(ErrorCode::kObjectNotFound,
                      "Could not find data source with ID: " + id +
                          ". Make sure the relevant pages and databases are shared with your integration."));
}

TEST_P(ServiceTest, DatabaseIdGivenAsPageIdAndBack) {
  json::value db = TasksDatabase();
  const std::string db_id(db.at("id").as_string());
  EXPECT_THAT(GetPage(caller25_, db_id),
              ErrorIs(ErrorCode::kValidationError,
                      "Provided ID " + db_id + " is a database, not a page. Use the retrieve database API instead."));
  std::string page_id = TaskPage(db);
  EXPECT_THAT(Run([&] { return databases::GetDatabase(*ctx_, caller25_, page_id); }),
              ErrorIs(ErrorCode::kValidationError,
                      "Provided ID " + page_id + " is a page, not a database. Use the retrieve page API instead."));
}

// ---------------------------------------------------------------- failures change nothing

TEST_P(ServiceTest, FailedUpdateChangesNeitherPageNorSchema) {
  json::value db = TasksDatabase();
  std::string id = TaskPage(db);
  auto before = GetPage(caller25_, id);
  ASSERT_TRUE(before.ok());
  // Stage would create an option, but Price fails: nothing may be kept.
  EXPECT_THAT(UpdatePage(caller25_, id,
                         R"({"properties":{"Stage":{"select":{"name":"Green"}},"Done":{"checkbox":false},
                                           "Price":{"number":"ten"}}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`\"ten\"`."));
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
    auto updated = pages::UpdatePage(*ctx_, caller25_, id, body);
    EXPECT_TRUE(updated.ok()) << updated.error().message;
    // Something later in the same request fails: the unit must leave no trace.
    return ValidationError("later failure");
  });
  EXPECT_THAT(result, ErrorIs(ErrorCode::kValidationError, "later failure"));
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
  ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {kToken, "secret_2", "secret_3"}); }).ok());
  auto first = Run([&] { return users::ListUsers(*ctx_, caller25_, PageArgs{std::nullopt, "2"}); });
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->at("results").as_array().size(), 2u);
  EXPECT_EQ(first->at("has_more"), true);
  ASSERT_TRUE(first->at("next_cursor").is_string());
  std::string cursor(first->at("next_cursor").as_string());
  auto second = Run([&] { return users::ListUsers(*ctx_, caller25_, PageArgs{cursor, "2"}); });
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->at("results").as_array().size(), 2u);
  EXPECT_EQ(second->at("has_more"), false);
  EXPECT_TRUE(second->at("next_cursor").is_null());
  EXPECT_EQ(second->at("results").at(0).at("id"), json::value(cursor));
}

TEST_P(ServiceTest, ListUsersRefusesBadArguments) {
  EXPECT_THAT(Run([&] {
                return users::ListUsers(*ctx_, caller25_, PageArgs{std::nullopt, "101"});
              }),
              ErrorIs(ErrorCode::kValidationError,
                      "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`."));
  EXPECT_THAT(Run([&] {
                return users::ListUsers(*ctx_, caller25_, PageArgs{"bogus", std::nullopt});
              }),
              ErrorIs(ErrorCode::kValidationError, "The start_cursor provided is invalid: bogus"));
  EXPECT_THAT(Run([&] {
                return users::ListUsers(*ctx_, caller25_, PageArgs{std::nullopt, "0"});
              }),
              ErrorIs(ErrorCode::kValidationError,
                      "query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`."));
  EXPECT_THAT(
      Run([&] {
        return users::ListUsers(*ctx_, caller25_, PageArgs{std::nullopt, "ten"});
      }),
      ErrorIs(ErrorCode::kValidationError,
              "query failed validation: query.page_size should be a number or `undefined`, instead was `\"ten\"`."));
}

TEST_P(ServiceTest, PageSizeBeyondIntRangeIsStillANumberOver100) {
  // 99999999999 is a number (JavaScript reads it as one); it is too large, not "not a number".
  EXPECT_THAT(
      Run([&] {
        return users::ListUsers(*ctx_, caller25_, PageArgs{std::nullopt, "99999999999"});
      }),
      ErrorIs(ErrorCode::kValidationError,
              "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `99999999999`."));
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
  EXPECT_THAT(UpdatePage(caller25_, std::string(second->at("id").as_string()), R"({"properties":{"ID":{"number":5}}})"),
              ErrorIs(ErrorCode::kValidationError, "ID is expected to be unique_id."));
}

// ---------------------------------------------------------------- schema updates

TEST_P(ServiceTest, RenameInADataSourceKeepsTheIdAndPagesShowTheNewName) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  const std::string price_id = PropertyId(ds, "Price");
  auto renamed = UpdateDataSource(ds, R"({"properties":{"Price":{"name":"Cost"}}})");
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  const json::object& props = renamed->at("properties").as_object();
  EXPECT_EQ(Find(props, "Price"), nullptr);
  ASSERT_NE(Find(props, "Cost"), nullptr);
  EXPECT_EQ(props.at("Cost").at("id"), json::value(price_id));
  EXPECT_EQ(props.at("Cost").at("name"), "Cost");
  EXPECT_EQ(SerializeJson(props.at("Cost").at("number")), R"({"format":"dollar"})");

  json::value values = PropertiesOf(page);
  EXPECT_EQ(Find(values.as_object(), "Price"), nullptr);
  EXPECT_EQ(SerializeJson(values.at("Cost")), R"({"id":")" + price_id + R"(","type":"number","number":10})");
  // The new name is the one pages are written by; the old one is gone.
  auto written = UpdatePage(caller25_, page, R"({"properties":{"Cost":{"number":11}}})");
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->at("properties").at("Cost").at("number"), 11);
  EXPECT_THAT(UpdatePage(caller25_, page, R"({"properties":{"Price":{"number":1}}})"),
              ErrorIs(ErrorCode::kValidationError, "Price is not a property that exists."));
  // A property may also be named by its id.
  auto by_id = UpdateDataSource(ds, R"({"properties":{")" + price_id + R"(":{"name":"Amount"}}})");
  ASSERT_TRUE(by_id.ok()) << by_id.error().message;
  EXPECT_EQ(by_id->at("properties").at("Amount").at("id"), json::value(price_id));
  EXPECT_EQ(PropertiesOf(page).at("Amount").at("number"), 11);
}

TEST_P(ServiceTest, RenameThroughTheDatabaseIn2022) {
  std::string parent = ParentPage();
  auto db = CreateDatabase(caller22_, R"({"parent":{"page_id":")" + parent + R"("},
      "title":[{"text":{"content":"Inventory"}}],
      "properties":{"Item":{"title":{}},"Price":{"number":{}}}})");
  ASSERT_TRUE(db.ok()) << db.error().message;
  const std::string db_id(db->at("id").as_string());
  const std::string price_id(db->at("properties").at("Price").at("id").as_string());
  auto page = CreatePage(caller22_, R"({"parent":{"database_id":")" + db_id + R"("},
      "properties":{"Item":{"title":[{"text":{"content":"Widget"}}]},"Price":{"number":3}}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  const std::string page_id(page->at("id").as_string());

  auto renamed = UpdateDatabase(caller22_, db_id, R"({"title":[{"text":{"content":"Stock"}}],
      "properties":{"Price":{"name":"Cost"},"Item":{"name":"Thing"}}})");
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->at("id"), json::value(db_id));
  EXPECT_EQ(renamed->at("title").at(0).at("plain_text"), "Stock");
  const json::object& props = renamed->at("properties").as_object();
  EXPECT_EQ(props.size(), 2u);
  EXPECT_EQ(props.at("Cost").at("id"), json::value(price_id));
  EXPECT_EQ(props.at("Thing").at("id"), "title");

  auto read = GetPage(caller22_, page_id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->at("properties").at("Cost").at("number"), 3);
  EXPECT_EQ(read->at("properties").at("Thing").at("title").at(0).at("plain_text"), "Widget");
  EXPECT_EQ(read->at("properties").as_object().size(), 2u);
  // The one data source follows the database's title.
  auto again = Run([&] { return databases::GetDatabase(*ctx_, caller25_, db_id); });
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("data_sources").at(0).at("name"), "Stock");
}

TEST_P(ServiceTest, AddedPropertyShowsEmptyOnExistingPages) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  auto added =
      UpdateDataSource(ds, R"({"properties":{"Due":{"date":{}},"Tags":{"multi_select":{"options":[{"name":"a"}]}}}})");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->at("properties").as_object().size(), 8u);
  EXPECT_EQ(added->at("properties").at("Due").at("type"), "date");
  const std::string due_id(added->at("properties").at("Due").at("id").as_string());
  json::value values = PropertiesOf(page);
  EXPECT_EQ(SerializeJson(values.at("Due")), R"({"id":")" + due_id + R"(","type":"date","date":null})");
  EXPECT_TRUE(values.at("Tags").at("multi_select").as_array().empty());
  EXPECT_EQ(values.at("Price").at("number"), 10);
  auto written = UpdatePage(caller25_, page, R"({"properties":{"Due":{"date":{"start":"2024-05-01"}}}})");
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->at("properties").at("Due").at("date").at("start"), "2024-05-01");
}

TEST_P(ServiceTest, RemovedPropertyTakesItsValuesWithIt) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  const std::string price_id = PropertyId(ds, "Price");
  ASSERT_TRUE(StoredProperties(page).contains(price_id));
  auto removed = UpdateDataSource(ds, R"({"properties":{"Price":null}})");
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(Find(removed->at("properties").as_object(), "Price"), nullptr);
  EXPECT_EQ(removed->at("properties").as_object().size(), 5u);
  EXPECT_EQ(Find(PropertiesOf(page).as_object(), "Price"), nullptr);
  EXPECT_FALSE(StoredProperties(page).contains(price_id));
  EXPECT_EQ(PropertiesOf(page).at("Done").at("checkbox"), true);
  EXPECT_THAT(UpdatePage(caller25_, page, R"({"properties":{"Price":{"number":1}}})"),
              ErrorIs(ErrorCode::kValidationError, "Price is not a property that exists."));
  // Added again, it is a new, empty property.
  auto readded = UpdateDataSource(ds, R"({"properties":{"Price":{"number":{}}}})");
  ASSERT_TRUE(readded.ok()) << readded.error().message;
  EXPECT_TRUE(PropertiesOf(page).at("Price").at("number").is_null());
}

TEST_P(ServiceTest, TypeChangeDropsTheOldValues) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  const std::string price_id = PropertyId(ds, "Price");
  const std::string done_id = PropertyId(ds, "Done");
  auto changed = UpdateDataSource(ds, R"({"properties":{"Price":{"rich_text":{}}}})");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->at("properties").at("Price").at("type"), "rich_text");
  EXPECT_EQ(changed->at("properties").at("Price").at("id"), json::value(price_id));
  EXPECT_EQ(SerializeJson(PropertiesOf(page).at("Price")),
            R"({"id":")" + price_id + R"(","type":"rich_text","rich_text":[]})");
  json::object stored = StoredProperties(page);
  EXPECT_FALSE(stored.contains(price_id));
  EXPECT_TRUE(stored.contains(done_id));  // other properties keep their values
  auto written = UpdatePage(caller25_, page, R"({"properties":{"Price":{"rich_text":[{"text":{"content":"ten"}}]}}})");
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->at("properties").at("Price").at("rich_text").at(0).at("plain_text"), "ten");
}

TEST_P(ServiceTest, SelectOptionsMergeKeepingIdsAndColors) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  auto picked = UpdatePage(caller25_, page, R"({"properties":{"Stage":{"select":{"name":"Red"}}}})");
  ASSERT_TRUE(picked.ok()) << picked.error().message;
  json::array before = StageOptions(db);
  ASSERT_EQ(before.size(), 1u);
  const std::string red_id(before[0].at("id").as_string());

  auto merged = UpdateDataSource(ds, R"({"properties":{"Stage":{"select":{"options":[
      {"name":"Red"},{"name":"Green","color":"green"}]}}}})");
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  json::array options = StageOptions(db);
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0].at("id"), json::value(red_id));
  EXPECT_EQ(options[0].at("name"), "Red");
  EXPECT_EQ(options[0].at("color"), "red");
  EXPECT_EQ(options[1].at("name"), "Green");
  EXPECT_EQ(options[1].at("color"), "green");
  EXPECT_NE(options[1].at("id"), json::value(red_id));
  // The page still shows its option, unchanged.
  EXPECT_EQ(SerializeJson(PropertiesOf(page).at("Stage").at("select")),
            R"({"id":")" + red_id + R"(","name":"Red","color":"red"})");
  // Named by id (with its name, which the options grammar requires) and the same color: fine.
  auto same = UpdateDataSource(ds, R"({"properties":{"Stage":{"select":{"options":[
      {"id":")" + red_id + R"(","name":"Red","color":"red"},{"name":"Green"}]}}}})");
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_EQ(StageOptions(db)[0].at("id"), json::value(red_id));

  // A recolor is refused, by id or by name, and changes nothing.
  EXPECT_THAT(UpdateDataSource(ds, R"({"properties":{"Stage":{"select":{"options":[
                  {"id":")" + red_id + R"(","name":"Red","color":"blue"}]}}}})"),
              ErrorIs(ErrorCode::kValidationError, "Cannot update color of select with id: " + red_id));
  EXPECT_THAT(
      UpdateDataSource(ds, R"({"properties":{"Stage":{"select":{"options":[{"name":"Red","color":"blue"}]}}}})"),
      ErrorIs(ErrorCode::kValidationError, "Cannot update color of select with id: " + red_id));
  EXPECT_EQ(StageOptions(db)[0].at("color"), "red");
}

TEST_P(ServiceTest, SecondDataSourceEndsDatabaseLevelCallsIn2022) {
  json::value db = TasksDatabase();
  const std::string db_id(db.at("id").as_string());
  ASSERT_TRUE(Run([&] { return databases::GetDatabase(*ctx_, caller22_, db_id); }).ok());
  auto second = CreateDataSource(R"({"parent":{"type":"database_id","database_id":")" + db_id + R"("},
      "title":[{"text":{"content":"Archive"}}],
      "properties":{"Title":{"title":{}},"Year":{"number":{}}}})");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->at("object"), "data_source");
  const std::string second_id(second->at("id").as_string());
  EXPECT_EQ(second->at("properties").as_object().size(), 2u);
  EXPECT_EQ(second->at("title").at(0).at("plain_text"), "Archive");

  auto listed = Run([&] { return databases::GetDatabase(*ctx_, caller25_, db_id); });
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->at("data_sources").as_array().size(), 2u);
  EXPECT_EQ(listed->at("data_sources").at(0).at("id"), json::value(DataSourceId(db)));
  EXPECT_EQ(listed->at("data_sources").at(1).at("id"), json::value(second_id));
  EXPECT_EQ(listed->at("data_sources").at(1).at("name"), "Archive");

  constexpr const char* kSeveral = "Databases with multiple data sources are not supported in this API version.";
  EXPECT_THAT(Run([&] { return databases::GetDatabase(*ctx_, caller22_, db_id); }),
              ErrorIs(ErrorCode::kValidationError, kSeveral));
  EXPECT_THAT(UpdateDatabase(caller22_, db_id, R"({"title":[{"text":{"content":"X"}}]})"),
              ErrorIs(ErrorCode::kValidationError, kSeveral));
  EXPECT_THAT(CreatePage(caller22_, R"({"parent":{"database_id":")" + db_id + R"("},"properties":{}})"),
              ErrorIs(ErrorCode::kValidationError, kSeveral));
  // Each data source still takes pages.
  auto page = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + second_id + R"("},
      "properties":{"Year":{"number":1999}}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->at("parent").at("database_id"), json::value(db_id));
  EXPECT_EQ(page->at("properties").at("Year").at("number"), 1999);
}

// ---------------------------------------------------------------- references

TEST_P(ServiceTest, PeopleMustBeUsersOfTheWorkspace) {
  json::value db = Database("Team", R"({"Name":{"title":{}},"Owner":{"people":{}}})");
  const std::string ds = DataSourceId(db);
  const std::string bot = caller25_.integration.bot_user_id;
  const std::string stranger = "0c6e0e0e-4e3e-4a4b-9a1f-1a2b3c4d5e6f";
  EXPECT_THAT(CreatePage(caller25_, R"({"parent":{"data_source_id":")" + ds + R"("},
      "properties":{"Owner":{"people":[{"id":")" +
                                        bot + R"("},{"id":")" + stranger + R"("}]}}})"),
              ErrorIs(ErrorCode::kValidationError, "Could not find user with ID: " + stranger + "."));
  std::string page = PageIn(ds, R"({"Owner":{"people":[{"id":")" + bot + R"("}]}})");
  EXPECT_THAT(UpdatePage(caller25_, page, R"({"properties":{"Owner":{"people":[{"id":")" + stranger + R"("}]}}})"),
              ErrorIs(ErrorCode::kValidationError, "Could not find user with ID: " + stranger + "."));
  json::value owner = PropertiesOf(page).at("Owner").at("people");
  ASSERT_EQ(owner.as_array().size(), 1u);
  EXPECT_EQ(owner.at(0).at("id"), json::value(bot));
}

TEST_P(ServiceTest, RelationIdsMustBePagesOfTheRelatedDatabase) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  const std::string projects_db(projects.at("id").as_string());
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},"Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","single_property":{}}}})");
  const std::string tasks_ds = DataSourceId(tasks);
  const std::string project = PageIn(projects_ds);
  const std::string other_task = PageIn(tasks_ds);
  const std::string missing = "0c6e0e0e-4e3e-4a4b-9a1f-1a2b3c4d5e6f";

  EXPECT_THAT(CreatePage(caller25_, R"({"parent":{"data_source_id":")" + tasks_ds + R"("},
      "properties":{"Project":{"relation":[{"id":")" +
                                        missing + R"("}]}}})"),
              ErrorIs(ErrorCode::kValidationError, "Could not find page with ID: " + missing + "."));
  EXPECT_THAT(UpdatePage(caller25_, other_task,
                         R"({"properties":{"Project":{"relation":[{"id":")" + project + R"("},{"id":")" + other_task +
                             R"("}]}}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "Page " + other_task + " is not in the related database " + projects_db + "."));
  const std::string standalone = ParentPage();
  EXPECT_THAT(
      UpdatePage(caller25_, other_task, R"({"properties":{"Project":{"relation":[{"id":")" + standalone + R"("}]}}})"),
      ErrorIs(ErrorCode::kValidationError,
              "Page " + standalone + " is not in the related database " + projects_db + "."));
  EXPECT_TRUE(PropertiesOf(other_task).at("Project").at("relation").as_array().empty());

  auto linked =
      UpdatePage(caller25_, other_task, R"({"properties":{"Project":{"relation":[{"id":")" + project + R"("}]}}})");
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  EXPECT_EQ(Ids(linked->at("properties").at("Project")), project + " ");
  EXPECT_EQ(linked->at("properties").at("Project").at("has_more"), false);
}

// ---------------------------------------------------------------- dual relations

TEST_P(ServiceTest, AddingADualRelationAddsTheSyncedPropertyToTheTarget) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value tasks = TasksDatabase();
  const std::string tasks_ds = DataSourceId(tasks);
  const std::string tasks_db(tasks.at("id").as_string());
  auto added = UpdateDataSource(tasks_ds, R"({"properties":{"Project":{"relation":{"data_source_id":")" + projects_ds +
                                              R"(","dual_property":{}}}}})");
  ASSERT_TRUE(added.ok()) << added.error().message;
  const json::value& project = added->at("properties").at("Project");
  const std::string project_id(project.at("id").as_string());

  json::value synced = SchemaProperty(projects_ds, "Related to Tasks (Project)");
  ASSERT_TRUE(synced.is_object()) << "no synced property on Projects";
  EXPECT_EQ(synced.at("type"), "relation");
  const std::string synced_id(synced.at("id").as_string());
  EXPECT_EQ(synced.at("relation"),
            J(R"({"database_id":")" + tasks_db + R"(","data_source_id":")" + tasks_ds +
              R"(","type":"dual_property","dual_property":{"synced_property_name":"Project","synced_property_id":")" +
              project_id + R"("}})"));
  EXPECT_EQ(project.at("relation").at("type"), "dual_property");
  EXPECT_EQ(project.at("relation").at("data_source_id"), json::value(projects_ds));
  EXPECT_EQ(project.at("relation").at("database_id"), projects.at("id"));
  EXPECT_EQ(
      project.at("relation").at("dual_property"),
      J(R"j({"synced_property_name":"Related to Tasks (Project)","synced_property_id":")j" + synced_id + R"("})"));
  // Pages of the target show the new property, empty.
  const std::string p = PageIn(projects_ds);
  EXPECT_TRUE(PropertiesOf(p).at("Related to Tasks (Project)").at("relation").as_array().empty());
}

TEST_P(ServiceTest, WritingOneSideOfADualRelationUpdatesTheOther) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},"Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","dual_property":{}}}})");
  const std::string tasks_ds = DataSourceId(tasks);
  const std::string kSynced = "Related to Tasks (Project)";
  ASSERT_TRUE(SchemaProperty(projects_ds, kSynced).is_object());
  const std::string p1 = PageIn(projects_ds), p2 = PageIn(projects_ds);
  const std::string t2 = PageIn(tasks_ds);

  // Link from the task side, on create and on update.
  const std::string t1 =
      PageIn(tasks_ds, R"({"Project":{"relation":[{"id":")" + p1 + R"("},{"id":")" + p2 + R"("}]}})");
  EXPECT_EQ(Ids(PropertiesOf(p1).at(kSynced)), t1 + " ");
  EXPECT_EQ(Ids(PropertiesOf(p2).at(kSynced)), t1 + " ");
  ASSERT_TRUE(UpdatePage(caller25_, t2, R"({"properties":{"Project":{"relation":[{"id":")" + p2 + R"("}]}}})").ok());
  EXPECT_EQ(Ids(PropertiesOf(p2).at(kSynced)), t1 + " " + t2 + " ");

  // Unlink from the task side.
  auto unlinked = UpdatePage(caller25_, t1, R"({"properties":{"Project":{"relation":[{"id":")" + p2 + R"("}]}}})");
  ASSERT_TRUE(unlinked.ok()) << unlinked.error().message;
  EXPECT_EQ(Ids(PropertiesOf(p1).at(kSynced)), "");
  EXPECT_EQ(Ids(PropertiesOf(p2).at(kSynced)), t1 + " " + t2 + " ");

  // Link and unlink from the project side.
  auto from_project =
      UpdatePage(caller25_, p1, R"({"properties":{")" + kSynced + R"(":{"relation":[{"id":")" + t2 + R"("}]}}})");
  ASSERT_TRUE(from_project.ok()) << from_project.error().message;
  EXPECT_EQ(Ids(PropertiesOf(t2).at("Project")), p2 + " " + p1 + " ");
  ASSERT_TRUE(UpdatePage(caller25_, p2, R"({"properties":{")" + kSynced + R"(":{"relation":[]}}})").ok());
  EXPECT_EQ(Ids(PropertiesOf(t1).at("Project")), "");
  EXPECT_EQ(Ids(PropertiesOf(t2).at("Project")), p1 + " ");
  EXPECT_EQ(Ids(PropertiesOf(p1).at(kSynced)), t2 + " ");
  EXPECT_EQ(Ids(PropertiesOf(p2).at(kSynced)), "");

  // Clearing with an empty array unlinks too.
  ASSERT_TRUE(UpdatePage(caller25_, t2, R"({"properties":{"Project":{"relation":[]}}})").ok());
  EXPECT_EQ(Ids(PropertiesOf(p1).at(kSynced)), "");
}

TEST_P(ServiceTest, FailedWriteLeavesTheOtherSideOfADualRelationAlone) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}},"Budget":{"number":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},"Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","dual_property":{}}},"Price":{"number":{}}})");
  const std::string tasks_ds = DataSourceId(tasks);
  const std::string p1 = PageIn(projects_ds);
  const std::string t1 = PageIn(tasks_ds);
  EXPECT_THAT(UpdatePage(caller25_, t1,
                         R"({"properties":{"Project":{"relation":[{"id":")" + p1 + R"("}]},"Price":{"number":"x"}}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`\"x\"`."));
  EXPECT_EQ(Ids(PropertiesOf(p1).at("Related to Tasks (Project)")), "");
}

TEST_P(ServiceTest, DualRelationToItsOwnDataSourceSyncsBothWays) {
  json::value tasks = TasksDatabase();
  const std::string ds = DataSourceId(tasks);
  auto added = AddSelfRelation(ds);
  ASSERT_TRUE(added.ok()) << added.error().message;
  const std::string kSynced = "Related to Tasks (Blocks)";
  ASSERT_NE(Find(added->at("properties").as_object(), kSynced), nullptr);
  EXPECT_EQ(added->at("properties").at(kSynced).at("relation").at("dual_property").at("synced_property_id"),
            added->at("properties").at("Blocks").at("id"));
  const std::string t1 = TaskPage(tasks), t2 = TaskPage(tasks);
  ASSERT_TRUE(UpdatePage(caller25_, t1, R"({"properties":{"Blocks":{"relation":[{"id":")" + t2 + R"("}]}}})").ok());
  EXPECT_EQ(Ids(PropertiesOf(t2).at(kSynced)), t1 + " ");
  EXPECT_EQ(Ids(PropertiesOf(t1).at("Blocks")), t2 + " ");
  // A page related to itself shows the link on both of its properties.
  auto self = UpdatePage(caller25_, t1,
                         R"({"properties":{"Blocks":{"relation":[{"id":")" + t2 + R"("},{"id":")" + t1 + R"("}]}}})");
  ASSERT_TRUE(self.ok()) << self.error().message;
  EXPECT_EQ(Ids(PropertiesOf(t1).at("Blocks")), t2 + " " + t1 + " ");
  EXPECT_EQ(Ids(PropertiesOf(t1).at(kSynced)), t1 + " ");
  EXPECT_EQ(Ids(self->at("properties").at(kSynced)), t1 + " ");
}

// A PATCH names in its change (the outbox row webhooks read) and its history exactly the
// properties whose value it changed: a value written again as it was is not one, and a
// relation to the page itself changes the synced property too. (UpdatePage keeps only the
// old values it replaces, pages.cc; this is what that must not change.)
TEST_P(ServiceTest, PageUpdateNamesExactlyTheValuesItChanged) {
  json::value tasks = TasksDatabase();
  const std::string ds = DataSourceId(tasks);
  auto added = AddSelfRelation(ds);
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto id_of = [&](const char* name) { return std::string(added->at("properties").at(name).at("id").as_string()); };
  const std::string t1 = TaskPage(tasks);  // Price 10, Done true
  int64_t seen = 0;
  // The properties of each change of t1 since the last call, oldest first.
  auto changes = [&] {
    std::vector<std::vector<std::string>> out;
    auto all = store_->ListChanges(seen, 1000);
    EXPECT_TRUE(all.ok());
    EXPECT_TRUE(store_->CommitBatch().ok());
    if (!all.ok()) return out;
    for (const auto& c : *all) {
      seen = c.sequence;
      if (c.object == "page" && c.object_id == t1) out.push_back(c.properties);
    }
    return out;
  };
  auto history_size = [&] {
    auto entries = store_->ListPageHistory(t1);
    EXPECT_TRUE(entries.ok());
    EXPECT_TRUE(store_->CommitBatch().ok());
    return entries.ok() ? entries->size() : 0;
  };
  auto sorted = [](std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  changes();
  const size_t created = history_size();

  ASSERT_TRUE(UpdatePage(caller25_, t1, R"({"properties":{"Price":{"number":10},"Done":{"checkbox":false}}})").ok());
  EXPECT_EQ(changes(), (std::vector<std::vector<std::string>>{{id_of("Done")}}));
  EXPECT_EQ(history_size(), created + 1);

  ASSERT_TRUE(UpdatePage(caller25_, t1, R"({"properties":{"Blocks":{"relation":[{"id":")" + t1 + R"("}]}}})").ok());
  EXPECT_EQ(changes(),
            (std::vector<std::vector<std::string>>{sorted({id_of("Blocks"), id_of("Related to Tasks (Blocks)")})}));
  EXPECT_EQ(history_size(), created + 2);

  const std::string notes =
      R"({"properties":{"Notes":{"rich_text":[{"text":{"content":"a"}}]},"Done":{"checkbox":false}}})";
  ASSERT_TRUE(UpdatePage(caller25_, t1, notes).ok());
  EXPECT_EQ(changes(), (std::vector<std::vector<std::string>>{{id_of("Notes")}}));
  EXPECT_EQ(history_size(), created + 3);
  // The same values again: an update that changed no value, and no history entry.
  ASSERT_TRUE(UpdatePage(caller25_, t1, notes).ok());
  EXPECT_EQ(changes(), (std::vector<std::vector<std::string>>{{}}));
  EXPECT_EQ(history_size(), created + 3);
}

TEST_P(ServiceTest, RelationToADataSourceRefusesPagesOfAnotherDataSourceOfTheSameDatabase) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  const std::string projects_db(projects.at("id").as_string());
  auto archive = CreateDataSource(R"({"parent":{"type":"database_id","database_id":")" + projects_db + R"("},
      "title":[{"text":{"content":"Archive"}}],"properties":{"Name":{"title":{}}}})");
  ASSERT_TRUE(archive.ok()) << archive.error().message;
  const std::string archived_page = PageIn(std::string(archive->at("id").as_string()));
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},"Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","single_property":{}}}})");
  const std::string t = PageIn(DataSourceId(tasks));
  // The relation names one data source; a page of the other one is not a valid target.
  EXPECT_THAT(
      UpdatePage(caller25_, t, R"({"properties":{"Project":{"relation":[{"id":")" + archived_page + R"("}]}}})"),
      ErrorIs(ErrorCode::kValidationError,
              "Page " + archived_page + " is not in the related database " + projects_db + "."));
}

// ---------------------------------------------------------------- rollups

TEST_P(ServiceTest, RollupsFollowRelationAndValueChanges) {
  json::value tasks = TasksDatabase();
  const std::string tasks_ds = DataSourceId(tasks);
  json::value projects = Database("Projects", R"({"Name":{"title":{}},
      "Tasks":{"relation":{"data_source_id":")" + tasks_ds +
                                                  R"(","dual_property":{}}},
      "Total":{"rollup":{"relation_property_name":"Tasks","rollup_property_name":"Price","function":"sum"}},
      "Count":{"rollup":{"relation_property_name":"Tasks","rollup_property_name":"Name","function":"count"}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value total_schema = SchemaProperty(projects_ds, "Total");
  ASSERT_TRUE(total_schema.is_object());
  EXPECT_EQ(total_schema.at("rollup").at("relation_property_id"), json::value(PropertyId(projects_ds, "Tasks")));
  EXPECT_EQ(total_schema.at("rollup").at("rollup_property_id"), json::value(PropertyId(tasks_ds, "Price")));

  const std::string t1 = TaskPage(tasks), t2 = TaskPage(tasks);  // Price 10 each
  const std::string p = PageIn(projects_ds);
  auto expect = [&](std::string_view total, std::string_view count) {
    json::value props = PropertiesOf(p);
    EXPECT_EQ(SerializeJson(props.at("Total").at("rollup")),
              R"({"type":"number","number":)" + std::string(total) + R"(,"function":"sum"})");
    EXPECT_EQ(SerializeJson(props.at("Count").at("rollup")),
              R"({"type":"number","number":)" + std::string(count) + R"(,"function":"count"})");
  };
  expect("0", "0");
  auto linked = UpdatePage(caller25_, p,
                           R"({"properties":{"Tasks":{"relation":[{"id":")" + t1 + R"("},{"id":")" + t2 + R"("}]}}})");
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  // The PATCH response already shows the new values.
  EXPECT_EQ(linked->at("properties").at("Total").at("rollup").at("number"), 20);
  expect("20", "2");
  // A value of a related page changes.
  ASSERT_TRUE(UpdatePage(caller25_, t2, R"({"properties":{"Price":{"number":5.5}}})").ok());
  expect("15.5", "2");
  // The relation changes on this side...
  ASSERT_TRUE(UpdatePage(caller25_, p, R"({"properties":{"Tasks":{"relation":[{"id":")" + t1 + R"("}]}}})").ok());
  expect("10", "1");
  // ... and on the other side of the dual relation.
  ASSERT_TRUE(UpdatePage(caller25_, t2,
                         R"j({"properties":{"Related to Projects (Tasks)":{"relation":[{"id":")j" + p + R"("}]}}})")
                  .ok());
  expect("15.5", "2");
  // Unlinking every page brings both back to zero.
  ASSERT_TRUE(UpdatePage(caller25_, p, R"({"properties":{"Tasks":{"relation":[]}}})").ok());
  expect("0", "0");
}

// ---------------------------------------------------------------- property items

TEST_P(ServiceTest, PagePropertyItemForASimpleType) {
  json::value db = TasksDatabase();
  const std::string ds = DataSourceId(db);
  std::string page = TaskPage(db);
  const std::string price_id = PropertyId(ds, "Price");
  auto item = GetPageProperty(page, price_id);
  ASSERT_TRUE(item.ok()) << item.error().message;
  EXPECT_EQ(SerializeJson(*item),
            R"({"object":"property_item","id":")" + price_id + R"(","type":"number","number":10})");
  auto done = GetPageProperty(page, PropertyId(ds, "Done"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->at("checkbox"), true);
  EXPECT_EQ(done->at("object"), "property_item");
}

TEST_P(ServiceTest, PagePropertyItemsArePaginated) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},"Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","single_property":{}}}})");
  const std::string tasks_ds = DataSourceId(tasks);
  const std::string p1 = PageIn(projects_ds), p2 = PageIn(projects_ds), p3 = PageIn(projects_ds);
  const std::string t = PageIn(tasks_ds, R"({"Name":{"title":[{"text":{"content":"Buy milk"}}]},
      "Project":{"relation":[{"id":")" + p1 + R"("},{"id":")" +
                                             p2 + R"("},{"id":")" + p3 + R"("}]}})");
  const std::string relation_id = PropertyId(tasks_ds, "Project");

  auto first = GetPageProperty(t, relation_id, PageArgs{std::nullopt, "2"});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->at("object"), "list");
  EXPECT_EQ(first->at("type"), "property_item");
  ASSERT_EQ(first->at("results").as_array().size(), 2u);
  EXPECT_EQ(SerializeJson(first->at("results").at(0)), R"({"object":"property_item","id":")" + relation_id +
                                                           R"(","type":"relation","relation":{"id":")" + p1 + R"("}})");
  EXPECT_EQ(first->at("results").at(1).at("relation").at("id"), json::value(p2));
  EXPECT_EQ(first->at("has_more"), true);
  ASSERT_TRUE(first->at("next_cursor").is_string());
  EXPECT_EQ(first->at("property_item").at("id"), json::value(relation_id));
  EXPECT_EQ(first->at("property_item").at("type"), "relation");
  const std::string cursor(first->at("next_cursor").as_string());
  // next_url is the URL of the next page of items (after the server's base URL).
  ASSERT_TRUE(first->at("property_item").at("next_url").is_string());
  const std::string next_url(first->at("property_item").at("next_url").as_string());
  const std::string url_tail = "/v1/pages/" + t + "/properties/" + relation_id + "?start_cursor=" + cursor;
  EXPECT_TRUE(next_url.size() >= url_tail.size() &&
              next_url.compare(next_url.size() - url_tail.size(), url_tail.size(), url_tail) == 0)
      << next_url;

  auto second = GetPageProperty(t, relation_id, PageArgs{cursor, "2"});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->at("property_item").at("next_url").is_null());
  ASSERT_EQ(second->at("results").as_array().size(), 1u);
  EXPECT_EQ(second->at("results").at(0).at("relation").at("id"), json::value(p3));
  EXPECT_EQ(second->at("has_more"), false);
  EXPECT_TRUE(second->at("next_cursor").is_null());

  auto all = GetPageProperty(t, relation_id);
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all->at("results").as_array().size(), 3u);
  EXPECT_EQ(all->at("has_more"), false);

  // The title is a list too, of rich text items.
  auto title = GetPageProperty(t, "title");
  ASSERT_TRUE(title.ok()) << title.error().message;
  ASSERT_EQ(title->at("results").as_array().size(), 1u);
  EXPECT_EQ(title->at("results").at(0).at("type"), "title");
  EXPECT_EQ(title->at("results").at(0).at("title").at("plain_text"), "Buy milk");

  EXPECT_THAT(GetPageProperty(t, relation_id, PageArgs{"x", std::nullopt}),
              ErrorIs(ErrorCode::kValidationError, "The start_cursor provided is invalid: x"));
  EXPECT_THAT(GetPageProperty(t, relation_id, PageArgs{std::nullopt, "101"}),
              ErrorIs(ErrorCode::kValidationError,
                      "query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`."));
}

TEST_P(ServiceTest, PageObjectShowsAtMost25RelationsWithHasMore) {
  json::value projects = Database("Projects", R"({"Name":{"title":{}}})");
  const std::string projects_ds = DataSourceId(projects);
  json::value tasks = Database("Tasks", R"({"Name":{"title":{}},
      "Project":{"relation":{"data_source_id":")" +
                                            projects_ds + R"(","single_property":{}}},
      "N":{"rollup":{"relation_property_name":"Project","rollup_property_name":"Name","function":"count"}}})");
  const std::string tasks_ds = DataSourceId(tasks);
  std::vector<std::string> ids;
  std::string refs;
  for (int i = 0; i < 26; ++i) {
    ids.push_back(PageIn(projects_ds));
    refs += (i ? "," : "") + std::string(R"({"id":")") + ids.back() + "\"}";
  }
  std::string first25, all26;
  for (size_t i = 0; i < ids.size(); ++i) (i < 25 ? first25 : all26) += ids[i] + " ";
  all26 = first25 + all26;

  auto created = CreatePage(caller25_, R"({"parent":{"data_source_id":")" + tasks_ds + R"("},
      "properties":{"Project":{"relation":[)" +
                                           refs + "]}}}");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(Ids(created->at("properties").at("Project")), first25);
  EXPECT_EQ(created->at("properties").at("Project").at("has_more"), true);
  const std::string t(created->at("id").as_string());
  json::value read = PropertiesOf(t);
  EXPECT_EQ(Ids(read.at("Project")), first25);
  EXPECT_EQ(read.at("Project").at("has_more"), true);
  // The rollup and the property item see all 26.
  EXPECT_EQ(read.at("N").at("rollup").at("number"), 26);
  auto items = GetPageProperty(t, PropertyId(tasks_ds, "Project"));
  ASSERT_TRUE(items.ok()) << items.error().message;
  std::string listed;
  for (const auto& item : items->at("results").as_array())
    listed += std::string(item.at("relation").at("id").as_string()) + " ";
  EXPECT_EQ(listed, all26);
  EXPECT_EQ(items->at("has_more"), false);

  // 25 exactly is not truncated.
  auto trimmed =
      UpdatePage(caller25_, t, R"({"properties":{"Project":{"relation":[)" + refs.substr(0, refs.rfind(",{")) + "]}}}");
  ASSERT_TRUE(trimmed.ok()) << trimmed.error().message;
  EXPECT_EQ(Ids(trimmed->at("properties").at("Project")), first25);
  EXPECT_EQ(trimmed->at("properties").at("Project").at("has_more"), false);
}

INSTANTIATE_TEST_SUITE_P(Stores, ServiceTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "CachingStore" : "SqliteStore";
                         });

}  // namespace
}  // namespace localnotion::service
