// The 2026 block types in requests: heading_4 as heading_3, and tab with its paragraph
// items (at least one, only paragraphs, each may hold its content one level further,
// `icon` only on an item, `icon: null` added to items that have none).
#include <gtest/gtest.h>

#include <string>

#include "common/json.h"
#include "testing/json.h"
#include "testing/matchers.h"
#include "validation/block_write.h"

namespace localnotion::validation {
namespace {

using testing::ErrorIs;
using testing::J;

TEST(CheckChildrenTab, Heading4IsReadAsHeading3) {
  auto r = CheckChildren("body.children", J(R"([{"heading_4":{"rich_text":[],"color":"red","is_toggleable":true,
      "children":[{"paragraph":{"rich_text":[]}}]}}])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].type, "heading_4");
  EXPECT_EQ(SerializeJson((*r)[0].content), R"({"rich_text":[],"color":"red","is_toggleable":true})");
  EXPECT_EQ((*r)[0].children.size(), 1u);
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"heading_4":{}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].heading_4.rich_text should be defined, instead was "
                      "`undefined`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"heading_4":{"rich_text":[],"is_toggleable":"yes"}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].heading_4.is_toggleable should be a boolean or "
                      "`undefined`, instead was `\"yes\"`."));
}

TEST(CheckChildrenTab, ItemsGetIconAndHoldTheirContent) {
  auto r = CheckChildren("body.children", J(R"([{"type":"tab","tab":{"children":[
      {"paragraph":{"rich_text":[{"text":{"content":"One"}}],"icon":{"emoji":"📌"},
                    "children":[{"toggle":{"rich_text":[]}}]}},
      {"paragraph":{"rich_text":[{"text":{"content":"Two"}}]}}]}}])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const NewBlock& tab = (*r)[0];
  EXPECT_EQ(tab.type, "tab");
  EXPECT_EQ(SerializeJson(tab.content), "{}");
  ASSERT_EQ(tab.children.size(), 2u);
  EXPECT_EQ(SerializeJson(tab.children[0].content.at("icon")), R"({"type":"emoji","emoji":"📌"})");
  EXPECT_EQ(tab.children[0].children.size(), 1u);
  EXPECT_EQ(tab.children[0].children[0].type, "toggle");
  // An item without an icon shows `icon: null`, after its own keys.
  EXPECT_EQ(SerializeJson(tab.children[1].content),
            R"({"rich_text":[{"type":"text","text":{"content":"Two","link":null},"annotations":{"bold":false,)"
            R"("italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},)"
            R"("plain_text":"Two","href":null}],"color":"default","icon":null})");
  // The content of an item is one level further; its own children are not allowed.
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":{"children":[{"paragraph":{"rich_text":[],"children":[
      {"toggle":{"rich_text":[],"children":[]}}]}}]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab.children[0].paragraph.children[0].toggle.children "
                      "should be not present, instead was `[]`."));
}

TEST(CheckChildrenTab, NestedTabTakesItemsWithoutContent) {
  auto r = CheckChildren("body.children", J(R"([{"toggle":{"rich_text":[],"children":[
      {"tab":{"children":[{"paragraph":{"rich_text":[],"icon":{"emoji":"⭐"}}}]}}]}}])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(SerializeJson((*r)[0].children[0].children[0].content.at("icon")), R"({"type":"emoji","emoji":"⭐"})");
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"toggle":{"rich_text":[],"children":[
      {"tab":{"children":[{"paragraph":{"rich_text":[],"children":[]}}]}}]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].toggle.children[0].tab.children[0].paragraph.children "
                      "should be not present, instead was `[]`."));
}

TEST(CheckChildrenTab, TabNeedsParagraphItems) {
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":{}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab.children should be defined, instead was "
                      "`undefined`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":{"children":[]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab.children.length should be ≥ `1`, instead was "
                      "`0`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":{"children":[{"heading_1":{"rich_text":[]}}]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab.children[0].type should be `\"paragraph\"`, "
                      "instead was `\"heading_1\"`."));
  EXPECT_THAT(
      CheckChildren("body.children", J(R"([{"tab":{"children":[{"paragraph":{"rich_text":[]}}],"color":"red"}}])")),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.children[0].tab.color should be not present, instead was "
              "`\"red\"`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":[]}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab should be an object, instead was `[]`."));
}

TEST(CheckChildrenTab, ParagraphIconOutsideATabIsRefused) {
  const std::string msg =
      "body failed validation: body.children[0].toggle.children[0].paragraph.icon is only allowed "
      "on a paragraph block inside a tab block.";
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"toggle":{"rich_text":[],"children":[
      {"paragraph":{"rich_text":[],"icon":{"emoji":"📌"}}}]}}])")),
              ErrorIs(ErrorCode::kValidationError, msg));
  // An item's content is not an item.
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"tab":{"children":[{"paragraph":{"rich_text":[],"children":[
      {"paragraph":{"rich_text":[],"icon":null}}]}}]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].tab.children[0].paragraph.children[0].paragraph.icon "
                      "is only allowed on a paragraph block inside a tab block."));
  // At the top level the parent decides (CheckPlacement, run by the caller).
  auto top = CheckChildren("body.children", J(R"([{"paragraph":{"rich_text":[],"icon":{"emoji":"📌"}}},
      {"paragraph":{"rich_text":[]}}])"));
  ASSERT_TRUE(top.ok()) << top.error().message;
  EXPECT_THAT(CheckPlacement("body.children", "child_page", {}, *top),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].paragraph.icon is only allowed on a paragraph block "
                      "inside a tab block."));
  ASSERT_TRUE(CheckPlacement("body.children", "tab", {}, *top).ok());
  EXPECT_EQ(SerializeJson((*top)[0].content.at("icon")), R"({"type":"emoji","emoji":"📌"})");
  EXPECT_TRUE((*top)[1].content.at("icon").is_null());
  // Appending anything but paragraphs to a tab is refused.
  auto other = CheckChildren("body.children", J(R"([{"divider":{}}])"));
  ASSERT_TRUE(other.ok());
  EXPECT_THAT(CheckPlacement("body.children", "tab", {}, *other),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].type should be `\"paragraph\"`, instead was "
                      "`\"divider\"`."));
}

TEST(CheckBlockUpdateTab, Heading4TabAndItemIcon) {
  const json::object h4 = J(R"({"rich_text":[],"color":"default","is_toggleable":false})").as_object();
  auto r = CheckBlockUpdate(J(R"({"heading_4":{"is_toggleable":true}})"), "heading_4", h4);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(SerializeJson(*r->content), R"({"rich_text":[],"color":"default","is_toggleable":true})");
  EXPECT_THAT(CheckBlockUpdate(J(R"({"heading_3":{"rich_text":[]}})"), "heading_4", h4),
              ErrorIs(ErrorCode::kValidationError, "Expected block type heading_4 in request body"));

  auto tab = CheckBlockUpdate(J(R"({"tab":{}})"), "tab", {});
  ASSERT_TRUE(tab.ok()) << tab.error().message;
  EXPECT_EQ(SerializeJson(*tab->content), "{}");
  EXPECT_THAT(CheckBlockUpdate(J(R"({"tab":{"children":[]}})"), "tab", {}),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.tab.children should be not present, instead was `[]`."));

  const json::object item = J(R"({"rich_text":[],"color":"default","icon":null})").as_object();
  auto set = CheckBlockUpdate(J(R"({"paragraph":{"icon":{"emoji":"🔥"}}})"), "paragraph", item);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(SerializeJson(*set->content), R"({"rich_text":[],"color":"default","icon":{"type":"emoji","emoji":"🔥"}})");
  const json::object plain = J(R"({"rich_text":[],"color":"default"})").as_object();
  EXPECT_THAT(CheckBlockUpdate(J(R"({"paragraph":{"icon":{"emoji":"🔥"}}})"), "paragraph", plain),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.paragraph.icon is only allowed on a paragraph block inside a tab "
                      "block."));
}

}  // namespace
}  // namespace localnotion::validation
