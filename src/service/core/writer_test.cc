// The one write path (writer.cc), over a real SQLite store, bare and behind the
// CachingStore: every write of a page, database, data source, block or comment appends
// one change to the outbox in its transaction, a failed request appends none, and a
// page trashed as a block is page history like any other trash (the bug this path
// fixed: DELETE /v1/blocks/{page_id} used to record no history).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/blocks/blocks.h"
#include "service/comments/comments.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"

namespace localnotion::service {
namespace {

class WriterTest : public ServiceTestBase<::testing::TestWithParam<bool>> {
 protected:
  void SetUp() override {
    this->OpenService(GetParam());
    caller_ = this->BootstrapCaller("secret_writer", "req-1");
  }

  std::string NewPage(std::string_view parent_json) { return ServiceTestBase::NewPage(caller_, parent_json); }

  // The page as the store holds it now.
  storage::PageRecord Stored(const std::string& page) {
    auto stored = store_->GetPage(page);
    EXPECT_TRUE(stored.ok() && stored->has_value());
    EXPECT_TRUE(store_->CommitBatch().ok());
    return stored.ok() && stored->has_value() ? **stored : storage::PageRecord{};
  }

  // "object kind id" of each change after `after`, oldest first.
  std::vector<std::string> Changes(int64_t after = 0) {
    auto changes = store_->ListChanges(after, 100);
    EXPECT_TRUE(changes.ok());
    EXPECT_TRUE(store_->CommitBatch().ok());
    std::vector<std::string> out;
    if (!changes.ok()) return out;
    for (const auto& c : *changes) {
      EXPECT_EQ(c.author_id, caller_.integration.bot_user_id);
      EXPECT_EQ(c.request_id, "req-1");
      out.push_back(c.object + " " + c.kind + " " + c.object_id);
    }
    return out;
  }

  Caller caller_;
};

TEST_P(WriterTest, EveryWriteAppendsOneChangeAndAFailedRequestNone) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  EXPECT_EQ(Changes(), (std::vector<std::string>{"page created " + page}));

  json::value rename = J(R"({"properties":{"title":{"title":[{"text":{"content":"Q"}}]}}})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, rename); }).ok());
  auto all = store_->ListChanges(0, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].kind, "updated");
  EXPECT_EQ((*all)[1].properties, std::vector<std::string>{"title"});
  EXPECT_LT((*all)[0].sequence, (*all)[1].sequence);
  ASSERT_TRUE(store_->CommitBatch().ok());

  // A request that fails validation writes nothing, not even a change.
  json::value bad = J(R"({"properties":{"title":{"title":"not a list"}}})");
  ASSERT_FALSE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, bad); }).ok());
  EXPECT_EQ(Changes().size(), 2u);

  json::value append = J(R"({"children":[{"paragraph":{"rich_text":[{"text":{"content":"x"}}]}}]})");
  auto appended = Run([&] { return blocks::AppendBlockChildren(*ctx_, caller_, page, append); });
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  const std::string block(appended->at("results").at(0).at("id").as_string());
  json::value comment = J(R"({"parent":{"page_id":")" + page + R"("},"rich_text":[{"text":{"content":"c"}}]})");
  auto commented = Run([&] { return comments::CreateComment(*ctx_, caller_, comment); });
  ASSERT_TRUE(commented.ok()) << commented.error().message;
  const std::string comment_id(commented->at("id").as_string());
  ASSERT_TRUE(Run([&] { return blocks::DeleteBlock(*ctx_, caller_, page); }).ok());

  std::vector<std::string> changes = Changes();
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[2], "block created " + block);
  EXPECT_EQ(changes[3], "comment created " + comment_id);
  EXPECT_EQ(changes[4], "page trashed " + page);
}

// The history entry is written as JSON text at once (writer.cc): a type that renders
// without its config records only its type, and title and rich text their short form
// (api::WriteCompactRichText); the history shows both as they were stored.
TEST_P(WriterTest, HistoryEntryRecordsTheChangedValueShortAndShowsItWhole) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  json::value rename = J(R"({"properties":{"title":{"title":[{"text":{"content":"Q"}},)"
                         R"({"text":{"content":"R"},"annotations":{"bold":true}}]}}})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, rename); }).ok());
  auto entries = store_->ListPageHistory(page);
  ASSERT_TRUE(entries.ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  ASSERT_EQ(entries->size(), 2u);
  const std::string text = SerializeJson((*entries)[1].changes);
  EXPECT_EQ(text, R"([{"property":"title","property_id":"title","type":"title",)"
                  R"("before_stored":[{"type":"text","text":{"content":"P"}}],"after_stored":[)"
                  R"({"type":"text","text":{"content":"Q"}},{"type":"text","text":{"content":"R","link":null},)"
                  R"("annotations":{"bold":true,"italic":false,"strikethrough":false,"underline":false,"code":false,)"
                  R"("color":"default"},"plain_text":"R","href":null}]}])");

  auto history = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(history.ok()) << history.error().message;
  auto shown = Run([&] { return pages::GetPage(*ctx_, caller_, page, {}); });
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  const json::value& changes = history->at("results").at(1).at("changes");
  EXPECT_EQ(SerializeJson(changes.at(0).at("after").at("title")),
            SerializeJson(shown->at("properties").at("title").at("title")));
}

// Entries recorded before the short form (a definition for every property, rich text as
// stored) are shown as they always were.
TEST_P(WriterTest, AnEntryRecordedWholeIsShownAsBefore) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  auto history = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(history.ok()) << history.error().message;
  const std::string created = SerializeJson(history->at("results").at(0).at("changes"));
  storage::PageHistoryRecord whole;
  whole.page_id = page;
  whole.time = 1;
  whole.request_id = "req-old";
  whole.action = "updated";
  whole.changes_json =
      R"([{"property":"title","property_id":"title","definition":[{"id":"title","name":"title","type":"title",)"
      R"("config":{}}],"before_stored":[],"after_stored":[{"type":"text","text":{"content":"P","link":null},)"
      R"("annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,)"
      R"("color":"default"},"plain_text":"P","href":null}]}])";
  storage::ChangeRecord change;
  change.object = "page";
  change.object_id = page;
  change.kind = "updated";
  change.request_id = "req-old";
  change.history = std::move(whole);
  ASSERT_TRUE(Run([&] { return store_->AppendChange(change); }).ok());
  history = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->at("results").as_array().size(), 2u);
  // The creation was recorded short, the second entry whole: both show title "P" alike.
  const std::string old = SerializeJson(history->at("results").at(1).at("changes"));
  EXPECT_NE(created.find(R"("after":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"P",)"),
            std::string::npos)
      << created;
  EXPECT_EQ(old.substr(old.find(R"("after":)")), created.substr(created.find(R"("after":)")));
}

// A select renders from its options, so its entry keeps the definition of the moment
// whole.
TEST_P(WriterTest, HistoryEntryKeepsTheDefinitionOfATypeThatRendersFromIt) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  const storage::PageRecord before = Stored(page);
  const json::object options{{"options", J(R"([{"id":"o1","name":"A","color":"red"}])")}};
  const schema::Schema schema{{"title", "title", "title", {}}, {"s1", "S", "select", options}};
  storage::PageRecord picked = before;
  picked.properties["s1"] = "o1";
  ASSERT_TRUE(Run([&] { return ctx_->WritePage(caller_, &before, picked, &schema); }).ok());
  auto entries = store_->ListPageHistory(page);
  ASSERT_TRUE(entries.ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(SerializeJson((*entries)[1].changes),
            R"([{"property":"S","property_id":"s1","definition":[{"id":"s1","name":"S","type":"select",)"
            R"("config":{"options":[{"id":"o1","name":"A","color":"red"}]}}],)"
            R"("before_stored":null,"after_stored":"o1"}])");
}

// Of a definition's options the entry keeps those its two values name, in the schema's
// order, and the rest of the config as it is: enough to render both values, never more.
TEST_P(WriterTest, HistoryEntryKeepsOnlyTheOptionsItsValuesName) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  const storage::PageRecord before = Stored(page);
  const json::object select{
      {"options", J(R"([{"id":"o1","name":"A","color":"red"},{"id":"o2","name":"B","color":"blue"},)"
                    R"({"id":"o3","name":"C","color":"green"}])")}};
  const json::object status{{"options", J(R"([{"id":"t1","name":"To do","color":"gray"},)"
                                          R"({"id":"t2","name":"Done","color":"green"}])")},
                            {"groups", J(R"([{"id":"g1","name":"All","color":"gray","option_ids":["t1","t2"]}])")}};
  const schema::Schema schema{{"title", "title", "title", {}},
                              {"s1", "S", "select", select},
                              {"m1", "M", "multi_select", select},
                              {"t1", "T", "status", status}};
  storage::PageRecord first = before;
  first.properties["s1"] = "o3";
  first.properties["m1"] = J(R"(["o1","o3"])");
  first.properties["t1"] = "t1";
  ASSERT_TRUE(Run([&] { return ctx_->WritePage(caller_, &before, first, &schema); }).ok());
  storage::PageRecord second = first;
  second.properties["s1"] = "o1";
  second.properties["m1"] = J(R"(["o3"])");
  second.properties["t1"] = "t2";
  ASSERT_TRUE(Run([&] { return ctx_->WritePage(caller_, &first, second, &schema); }).ok());
  auto entries = store_->ListPageHistory(page);
  ASSERT_TRUE(entries.ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ(
      SerializeJson((*entries)[2].changes),
      R"([{"property":"S","property_id":"s1","definition":[{"id":"s1","name":"S","type":"select",)"
      R"("config":{"options":[{"id":"o1","name":"A","color":"red"},{"id":"o3","name":"C","color":"green"}]}}],)"
      R"("before_stored":"o3","after_stored":"o1"},)"
      R"({"property":"M","property_id":"m1","definition":[{"id":"m1","name":"M","type":"multi_select",)"
      R"("config":{"options":[{"id":"o1","name":"A","color":"red"},{"id":"o3","name":"C","color":"green"}]}}],)"
      R"("before_stored":["o1","o3"],"after_stored":["o3"]},)"
      R"({"property":"T","property_id":"t1","definition":[{"id":"t1","name":"T","type":"status",)"
      R"("config":{"options":[{"id":"t1","name":"To do","color":"gray"},{"id":"t2","name":"Done","color":"green"}],)"
      R"("groups":[{"id":"g1","name":"All","color":"gray","option_ids":["t1","t2"]}]}}],)"
      R"("before_stored":"t1","after_stored":"t2"}])");
  // What the history shows of them is the options' names and colours, as before.
  auto shown = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  const json::value& changes = shown->at("results").at(2).at("changes");
  EXPECT_EQ(SerializeJson(changes.at(0)),
            R"({"property":"S","property_id":"s1","before":{"id":"s1","type":"select","select":)"
            R"({"id":"o3","name":"C","color":"green"}},"after":{"id":"s1","type":"select","select":)"
            R"({"id":"o1","name":"A","color":"red"}}})");
  EXPECT_EQ(SerializeJson(changes.at(1).at("before").at("multi_select")),
            R"([{"id":"o1","name":"A","color":"red"},{"id":"o3","name":"C","color":"green"}])");
  EXPECT_EQ(SerializeJson(changes.at(2).at("after").at("status")), R"({"id":"t2","name":"Done","color":"green"})");
  // A value set from nothing keeps the one option it names.
  EXPECT_EQ(
      SerializeJson((*entries)[1].changes.at(0).at("definition")),
      R"([{"id":"s1","name":"S","type":"select","config":{"options":[{"id":"o3","name":"C","color":"green"}]}}])");
}

// Several changes in one entry: the properties first, then the page's own fields, each
// an object of the one array.
TEST_P(WriterTest, HistoryEntryListsEveryChangeOfOneRequest) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  json::value edit = J(R"({"properties":{"title":{"title":[{"text":{"content":"Two"}}]}},)"
                       R"("icon":{"type":"emoji","emoji":"🎉"}})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, edit); }).ok());
  auto entries = store_->ListPageHistory(page);
  ASSERT_TRUE(entries.ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  ASSERT_EQ(entries->size(), 2u);
  const json::array& changes = (*entries)[1].changes;
  ASSERT_EQ(changes.size(), 2u) << SerializeJson(json::value(changes));
  EXPECT_EQ(changes[0].at("property"), json::value("title"));
  EXPECT_EQ(SerializeJson(changes[0].at("after_stored")), R"([{"type":"text","text":{"content":"Two"}}])");
  EXPECT_EQ(SerializeJson(changes[1]), R"({"field":"icon","before":null,"after":{"type":"emoji","emoji":"🎉"}})");
}

// The outbox names every property whose stored value differs, a value that went from
// missing to null too; the history records only values that hold something on one side.
TEST_P(WriterTest, HistoryLeavesOutAValueThatWentFromMissingToNull) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  const storage::PageRecord before = Stored(page);
  const schema::Schema schema{{"title", "title", "title", {}}, {"n1", "N", "number", {}}};
  storage::PageRecord nulled = before;
  nulled.properties["n1"] = nullptr;
  ASSERT_TRUE(Run([&] { return ctx_->WritePage(caller_, &before, nulled, &schema); }).ok());
  storage::PageRecord five = nulled;
  five.properties["n1"] = 5;
  ASSERT_TRUE(Run([&] { return ctx_->WritePage(caller_, &nulled, five, &schema); }).ok());
  auto changes = store_->ListChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_GE(changes->size(), 2u);
  EXPECT_EQ((*changes)[changes->size() - 2].properties, std::vector<std::string>{"n1"});
  auto entries = store_->ListPageHistory(page);
  ASSERT_TRUE(entries.ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  // The creation, and the number set to 5 (from null); nothing for missing to null.
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(SerializeJson((*entries)[1].changes),
            R"([{"property":"N","property_id":"n1","type":"number","before_stored":null,"after_stored":5}])");
}

TEST_P(WriterTest, TrashingAPageAsABlockIsPageHistory) {
  const std::string page = NewPage(R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(Run([&] { return blocks::DeleteBlock(*ctx_, caller_, page); }).ok());
  auto history = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(history.ok()) << history.error().message;
  const json::array& entries = history->at("results").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].at("action").as_string(), "updated");
  EXPECT_EQ(SerializeJson(entries[1].at("changes")), R"([{"field":"in_trash","before":false,"after":true}])");

  json::value restore = J(R"({"in_trash":false})");
  ASSERT_TRUE(Run([&] { return blocks::UpdateBlock(*ctx_, caller_, page, restore); }).ok());
  history = Run([&] { return pages::PageHistory(*ctx_, page); });
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->at("results").as_array().size(), 3u);
  EXPECT_EQ(SerializeJson(history->at("results").at(2).at("changes")),
            R"([{"field":"in_trash","before":true,"after":false}])");
}

INSTANTIATE_TEST_SUITE_P(Stores, WriterTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Caching" : "Bare"; });

}  // namespace
}  // namespace localnotion::service
