// The list envelope: key order, has_more following next_cursor, and the untyped forms.
#include "api/lists.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(RenderList, TypedEnvelopeInNotionsOrder) {
  ListResponse last{.results = json::array{1}, .type = "user"};
  EXPECT_EQ(SerializeJson(RenderList(std::move(last))),
            R"({"object":"list","results":[1],"next_cursor":null,"has_more":false,"type":"user","user":{}})");
  ListResponse more{.results = {}, .next_cursor = "c1", .type = "comment"};
  EXPECT_EQ(SerializeJson(RenderList(std::move(more))),
            R"({"object":"list","results":[],"next_cursor":"c1","has_more":true,"type":"comment","comment":{}})");
}

TEST(RenderList, PropertyItemSummaryUnderTheType) {
  ListResponse items{.results = {}, .type = "property_item", .type_object = json::object{{"id", "title"}}};
  EXPECT_EQ(SerializeJson(RenderList(std::move(items))),
            R"({"object":"list","results":[],"next_cursor":null,"has_more":false,)"
            R"("type":"property_item","property_item":{"id":"title"}})");
}

TEST(RenderList, UntypedForms) {
  EXPECT_EQ(SerializeJson(RenderList(ListResponse{})),
            R"({"object":"list","results":[],"next_cursor":null,"has_more":false})");
  EXPECT_EQ(SerializeJson(RenderResultsList(json::array{})), R"({"object":"list","results":[]})");
}

// A query cut at the result limit says so last
// (https://developers.notion.com/reference/query-a-data-source: request_status).
TEST(RenderList, RequestStatusComesLast) {
  ListResponse cut{.results = {}, .next_cursor = "c2", .type = "page_or_data_source"};
  cut.request_status = json::object{{"type", "incomplete"}, {"incomplete_reason", "query_result_limit_reached"}};
  EXPECT_EQ(SerializeJson(RenderList(std::move(cut))),
            R"({"object":"list","results":[],"next_cursor":"c2","has_more":true,)"
            R"("type":"page_or_data_source","page_or_data_source":{},)"
            R"("request_status":{"type":"incomplete","incomplete_reason":"query_result_limit_reached"}})");
}

// WriteList writes, byte for byte, what RenderList builds with the same results.
TEST(WriteList, WritesWhatRenderListBuilds) {
  const std::vector<std::vector<std::string>> result_sets = {
      {}, {R"({"object":"page","id":"a"})"}, {R"({"id":"a"})", "[1,2]", R"("x\"y")", "null"}};
  for (const auto& texts : result_sets) {
    for (int form = 0; form < 4; ++form) {
      auto make = [&] {
        ListResponse list{.results = {}};
        if (form >= 1) list.type = "page_or_database";
        if (form >= 2) list.next_cursor = "59833787-2cf9-4fdf-8782-e53db20768a5";
        if (form == 3) list.request_status = json::object{{"type", "incomplete"}};
        return list;
      };
      ListResponse tree = make();
      for (const std::string& t : texts) tree.results.push_back(*ParseJson(t));
      std::string text = "prefix";
      WriteList(make(), texts, text);
      EXPECT_EQ(text, "prefix" + SerializeJson(RenderList(std::move(tree))))
          << texts.size() << " results, form " << form;
    }
  }
}

}  // namespace
}  // namespace localnotion::api
