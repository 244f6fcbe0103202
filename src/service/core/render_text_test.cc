// Context::RenderPageText writes a page's properties from its stored values
// (render_text.cc) where PageViewFrom builds them as a tree: the two texts are the same,
// byte for byte, for every property type, in every version, with and without
// filter_properties, with mentions and with more than 25 relations.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "service/databases/databases.h"
#include "service/service_test_util.h"

namespace localnotion::service {
namespace {

constexpr const char* kToken = "secret_render_text_test";

class RenderTextTest : public ServiceTestBase<> {
 protected:
  void SetUp() override {
    OpenService();
    caller_ = BootstrapCaller(kToken);
    home_ = NewPage(caller_, R"({"workspace":true})");
    ASSERT_FALSE(home_.empty());
  }

  // Creates a database under the home page; returns its data source's id.
  std::string NewDataSource(const std::string& properties_json) {
    auto db = Run([&] {
      return databases::CreateDatabase(
          *ctx_, caller_,
          J(R"({"parent":{"type":"page_id","page_id":")" + home_ + R"("},"title":[{"text":{"content":"DB"}}],
                "initial_data_source":{"properties":)" +
            properties_json + "}}"));
    });
    EXPECT_TRUE(db.ok()) << db.error().message;
    return db.ok() ? std::string(db->at("data_sources").at(0).at("id").as_string()) : "";
  }

  std::string NewRow(const std::string& data_source, const std::string& properties_json) {
    auto page = Run([&] {
      return pages::CreatePage(
          *ctx_, caller_,
          J(R"({"parent":{"data_source_id":")" + data_source + R"("},"properties":)" + properties_json + "}"));
    });
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  // The page as RenderPageText writes it and as the tree serializes, in `version`.
  std::pair<std::string, std::string> Both(const std::string& id, api::ApiVersion version,
                                           const std::vector<std::string>& filter) {
    Caller caller = caller_;
    caller.version = version;
    auto text = Run([&]() -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(LoadedPage page, ctx_->LoadPage(id));
      return ctx_->RenderPageText(caller, std::move(page), filter);
    });
    // As GET answers: the store's record, from the cache after the first read.
    for (int i = 0; i < 2; ++i) {
      auto shown = Run([&]() -> Result<std::string> {
        LN_ASSIGN_OR_RETURN(LoadedPage page, ctx_->LoadPageToShow(id));
        EXPECT_NE(page.shown, nullptr);
        EXPECT_TRUE(page.page.properties.empty());
        return ctx_->RenderPageText(caller, std::move(page), filter);
      });
      EXPECT_TRUE(shown.ok() && text.ok() && *shown == *text) << "shown " << i;
    }
    auto tree = Run([&]() -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(LoadedPage page, ctx_->LoadPage(id));
      LN_ASSIGN_OR_RETURN(json::value v, ctx_->RenderPage(caller, page, filter));
      return SerializeJson(v);
    });
    EXPECT_TRUE(text.ok() && tree.ok());
    return {text.ok() ? *text : "", tree.ok() ? *tree : ""};
  }

  // Checks both texts alike in three versions and four filters; returns the newest text.
  std::string ExpectAlike(const std::string& id, const std::vector<std::string>& property_ids) {
    std::string newest;
    for (api::ApiVersion version :
         {api::ApiVersion::k2022_06_28, api::ApiVersion::k2025_09_03, api::ApiVersion::k2026_03_11}) {
      for (const std::vector<std::string>& filter : {std::vector<std::string>{}, std::vector<std::string>{"title"},
                                                     property_ids, std::vector<std::string>{"no-such-property"}}) {
        auto [text, tree] = Both(id, version, filter);
        EXPECT_EQ(text, tree) << api::ApiVersionName(version) << " filter of " << filter.size();
        if (version == api::ApiVersion::k2026_03_11 && filter.empty()) newest = text;
      }
    }
    return newest;
  }

  Caller caller_;
  std::string home_;
};

TEST_F(RenderTextTest, EveryTypeWritesWhatTheTreeShows) {
  const std::string targets = NewDataSource(R"({"Name":{"title":{}},"Score":{"number":{}}})");
  std::string relation = "[";
  for (int i = 0; i < 30; ++i) {  // beyond the 25 a page object shows
    const std::string id = NewRow(targets, R"({"Name":{"title":[{"text":{"content":"T )" + std::to_string(i) +
                                               R"("}}]},"Score":{"number":)" + std::to_string(i) + "}}");
    relation += i ? "," : "";
    relation += R"({"id":")" + id + "\"}";
  }
  relation += "]";
  const std::string items = NewDataSource(R"({"Name":{"title":{}},"Notes":{"rich_text":{}},
      "Price":{"number":{"format":"dollar"}},"Category":{"select":{"options":[{"name":"A","color":"red"}]}},
      "Tags":{"multi_select":{"options":[{"name":"x"},{"name":"y"}]}},"Due":{"date":{}},"Owner":{"people":{}},
      "Spec":{"files":{}},"Done":{"checkbox":{}},"Link":{"url":{}},"Mail":{"email":{}},"Phone":{"phone_number":{}},
      "Created":{"created_time":{}},"Edited":{"last_edited_time":{}},"Creator":{"created_by":{}},
      "Editor":{"last_edited_by":{}},"Num":{"unique_id":{"prefix":"T"}},
      "Rel":{"relation":{"data_source_id":")" +
                                          targets + R"(","single_property":{}}},
      "Total":{"rollup":{"relation_property_name":"Rel","rollup_property_name":"Score","function":"sum"}}})");
  // Every value set, a mention in the title and text that needs escaping.
  const std::string full = NewRow(items, R"({
      "Name":{"title":[{"text":{"content":"Caf\u00e9 \"42\"\n"}},{"mention":{"page":{"id":")" +
                                             home_ + R"("}}}]},
      "Notes":{"rich_text":[{"text":{"content":"a note","link":{"url":"https://example.com"}},"annotations":{"bold":true}}]},
      "Price":{"number":12.25},"Category":{"select":{"name":"A"}},"Tags":{"multi_select":[{"name":"x"},{"name":"y"}]},
      "Due":{"date":{"start":"2025-01-01","end":"2025-01-03"}},
      "Spec":{"files":[{"name":"a.pdf","external":{"url":"https://example.com/a.pdf"}}]},
      "Done":{"checkbox":true},"Link":{"url":"https://example.com/x"},"Mail":{"email":"a@example.com"},
      "Phone":{"phone_number":"+1 555 0100"},"Rel":{"relation":)" +
                                             relation + "}}");
  // No value set at all.
  const std::string empty = NewRow(items, "{}");
  ASSERT_FALSE(full.empty());
  ASSERT_FALSE(empty.empty());
  // Filters name property ids: those of the title's neighbours in the schema.
  std::vector<std::string> ids;
  {
    auto page = Run([&] { return pages::GetPage(*ctx_, caller_, full, {}); });
    ASSERT_TRUE(page.ok());
    for (const char* name : {"Notes", "Price", "Category", "Rel", "Total", "Done"}) {
      ids.push_back(std::string(page->at("properties").at(name).at("id").as_string()));
    }
  }
  const std::string text = ExpectAlike(full, ids);
  // The values the text was written from, as the page object shows them.
  EXPECT_NE(text.find(R"("Price":{"id":")"), std::string::npos);
  EXPECT_NE(text.find(R"("type":"number","number":12.25})"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("type":"checkbox","checkbox":true})"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("has_more":true)"), std::string::npos) << text;   // 30 relations, 25 shown
  EXPECT_NE(text.find(R"("plain_text":"P")"), std::string::npos) << text;  // the mention, named
  EXPECT_NE(text.find(R"("url":"https://www.notion.so/Caf)"), std::string::npos) << text;
  ExpectAlike(empty, ids);
}

TEST_F(RenderTextTest, APageWithAFormulaIsRenderedWhole) {
  const std::string items = NewDataSource(
      R"({"Name":{"title":{}},"Price":{"number":{}},"Double":{"formula":{"expression":"prop(\"Price\") * 2"}}})");
  const std::string id = NewRow(items, R"({"Name":{"title":[{"text":{"content":"F"}}]},"Price":{"number":4}})");
  ASSERT_FALSE(id.empty());
  const std::string text = ExpectAlike(id, {"title"});
  EXPECT_NE(text.find(R"("formula":{"type":"number","number":8})"), std::string::npos) << text;
}

// Pages listed together share their parents (PageParents, query results and search hits):
// loaded in turn from two data sources, one in the trash, and with one page of the other
// in the trash, each page gets what it gets loaded alone.
TEST_F(RenderTextTest, PagesListedTogetherGetTheirOwnParents) {
  const std::string a = NewDataSource(R"({"Name":{"title":{}}})");
  const std::string b = NewDataSource(R"({"Name":{"title":{}},"N":{"number":{}}})");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(NewRow(a, "{}"));
    ids.push_back(NewRow(b, "{}"));
  }
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, ids[2], J(R"({"in_trash":true})")); }).ok());
  ASSERT_TRUE(Run([&] { return databases::UpdateDataSource(*ctx_, caller_, b, J(R"({"in_trash":true})")); }).ok());
  auto checked = Run([&]() -> Result<int> {
    PageParents parents;
    int n = 0;
    for (int round = 0; round < 2; ++round) {
      for (const std::string& id : ids) {
        LN_ASSIGN_OR_RETURN(auto record, ctx_->store().GetPageShared(id));
        LN_ASSIGN_OR_RETURN(LoadedPage together, ctx_->LoadShownRecord(record, &parents));
        LN_ASSIGN_OR_RETURN(LoadedPage alone, ctx_->LoadShownRecord(record));
        EXPECT_EQ(together.source, alone.source) << id;
        EXPECT_EQ(together.db, alone.db) << id;
        EXPECT_EQ(together.schema, alone.schema) << id;
        EXPECT_EQ(together.trashed, alone.trashed) << id;
        EXPECT_EQ(together.source->id, together.Record().parent_id);
        // The record shown is the store's own, not a copy of it.
        EXPECT_EQ(&together.Record(), record.get());
        EXPECT_EQ(&alone.Record(), record.get());
        ++n;
      }
    }
    return n;
  });
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(*checked, 12);
  auto trashed = Run([&]() -> Result<std::vector<bool>> {
    PageParents parents;
    std::vector<bool> out;
    for (const std::string& id : ids) {
      LN_ASSIGN_OR_RETURN(auto record, ctx_->store().GetPageShared(id));
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx_->LoadShownRecord(record, &parents));
      out.push_back(loaded.trashed);
    }
    return out;
  });
  ASSERT_TRUE(trashed.ok());
  EXPECT_EQ(*trashed, (std::vector<bool>{false, true, true, true, false, true}));
}

// People show user objects (RenderContext::write_user): written as text, they are what
// the tree shows (persons with an email and a name that needs escaping, the bot), a value
// of 30 users capped at 25 as a page object caps it.
TEST_F(RenderTextTest, PeopleWriteWhatTheTreeShows) {
  const std::string items = NewDataSource(R"({"Name":{"title":{}},"Owner":{"people":{}}})");
  std::string many = "[";
  for (int i = 0; i < 30; ++i) {
    const std::string id = "00000000-0000-4000-8000-0000000000" + std::to_string(10 + i);
    storage::UserRecord user{
        id, "person", "Person \"" + std::to_string(i) + "\"", std::nullopt, "p" + std::to_string(i) + "@example.com",
        ""};
    ASSERT_TRUE(Run([&] { return ctx_->store().PutUser(user); }).ok());
    many += (i ? "," : "") + std::string(R"({"id":")") + id + "\"}";
  }
  many += "]";
  const std::string bot = caller_.integration.bot_user_id;
  const std::string one = NewRow(items, R"({"Owner":{"people":[{"id":")" + bot + R"("}]}})");
  const std::string thirty = NewRow(items, R"({"Owner":{"people":)" + many + "}}");
  const std::string none = NewRow(items, "{}");
  ASSERT_FALSE(one.empty() || thirty.empty() || none.empty());
  const std::string text = ExpectAlike(one, {"title"});
  EXPECT_NE(text.find(R"("type":"people","people":[{"object":"user","id":")" + bot + R"(","name":)"), std::string::npos)
      << text;
  const std::string capped = ExpectAlike(thirty, {"title"});
  size_t users = 0;
  for (size_t at = capped.find(R"({"object":"user","id":)"); at != std::string::npos;
       at = capped.find(R"({"object":"user","id":)", at + 1)) {
    ++users;
  }
  EXPECT_EQ(users, 25u + 2u) << capped;  // and created_by, last_edited_by
  EXPECT_NE(capped.find(R"("name":"Person \"24\"")"), std::string::npos) << capped;
  EXPECT_EQ(capped.find(R"("name":"Person \"25\"")"), std::string::npos) << capped;
  EXPECT_NE(ExpectAlike(none, {"title"}).find(R"("type":"people","people":[])"), std::string::npos);
}

// Files are written as stored unless one of them is an attached upload, whose link is
// signed when the page is shown: a value of external files is the tree's, and a value
// with an upload in it shows the upload's link and the external file beside it, as the
// tree does (their links' expiry, in whole seconds, may differ between the two answers).
TEST_F(RenderTextTest, FilesShowAnUploadsLinkAndExternalFilesAsStored) {
  const std::string items = NewDataSource(R"({"Name":{"title":{}},"Spec":{"files":{}}})");
  const std::string upload = SentUpload(caller_, J(R"({"filename":"s.pdf"})"), {"s.pdf", "application/pdf", "%PDF"});
  ASSERT_FALSE(upload.empty());
  const std::string external = R"({"name":"a.pdf","type":"external","external":{"url":"https://example.com/a.pdf"}})";
  const std::string outside = NewRow(items, R"({"Spec":{"files":[)" + external + "]}}");
  const std::string attached = NewRow(
      items, R"({"Spec":{"files":[)" + external + R"(,{"name":"s.pdf","file_upload":{"id":")" + upload + R"("}}]}})");
  ASSERT_FALSE(outside.empty() || attached.empty());
  EXPECT_NE(ExpectAlike(outside, {"title"}).find(R"("type":"files","files":[)" + external + "]}"), std::string::npos);

  auto [text, tree] = Both(attached, api::ApiVersion::k2026_03_11, {});
  const std::string link = "/_localnotion/files/" + upload + "/s.pdf?expires=";
  EXPECT_NE(text.find(R"("type":"files","files":[)" + external + R"(,{"name":"s.pdf","type":"file","file":{"url":")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(link), std::string::npos) << text;
  const RE2 expiry(R"(expires=[0-9]+&signature=[0-9a-f]+|"expiry_time":"[^"]*")");
  EXPECT_GT(RE2::GlobalReplace(&text, expiry, "-"), 0);
  EXPECT_GT(RE2::GlobalReplace(&tree, expiry, "-"), 0);
  EXPECT_EQ(text, tree);
}

}  // namespace
}  // namespace localnotion::service
