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

}  // namespace
}  // namespace localnotion::api
