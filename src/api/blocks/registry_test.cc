// The block type registry: every writable type is known, the families agree with the
// request union's order, and each type's children rules and defaults are what
// validation/block_write.cc and the service rely on.
#include "api/blocks/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace localnotion::api::blocks {
namespace {

TEST(BlockRegistry, EveryWritableTypeIsKnownOnce) {
  std::set<std::string_view> seen;
  for (std::string_view name : WritableBlockTypes()) {
    const BlockType* t = FindWritableBlockType(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_EQ(t->name, name);
    EXPECT_TRUE(seen.insert(name).second) << name << " listed twice";
  }
  EXPECT_EQ(seen.size(), 30u);
  // synced_block is last in Notion's request union (2026-03-11 OpenAPI).
  EXPECT_EQ(WritableBlockTypes().back(), "synced_block");
}

// The 2026 additions sit where @notionhq/client 5.26's BlockObjectRequest has them: tab
// after breadcrumb, heading_4 after heading_3.
TEST(BlockRegistry, UnionOrderOfThe2026Types) {
  const std::vector<std::string_view>& u = WritableBlockTypes();
  auto at = [&](std::string_view name) { return std::find(u.begin(), u.end(), name) - u.begin(); };
  EXPECT_EQ(at("tab"), at("breadcrumb") + 1);
  EXPECT_EQ(at("table_of_contents"), at("tab") + 1);
  EXPECT_EQ(at("heading_4"), at("heading_3") + 1);
  EXPECT_EQ(at("paragraph"), at("heading_4") + 1);
}

// heading_4 (2026-03-30) is a heading_3 under another name: the same keys, defaults,
// children and rendering.
TEST(BlockRegistry, Heading4IsShapedAsHeading3) {
  const BlockType* h3 = FindWritableBlockType("heading_3");
  const BlockType* h4 = FindWritableBlockType("heading_4");
  ASSERT_NE(h4, nullptr);
  EXPECT_EQ(SerializeJson(h4->defaults), R"({"rich_text":[],"color":"default","is_toggleable":false})");
  EXPECT_EQ(h4->defaults, h3->defaults);
  ASSERT_EQ(h4->keys.size(), h3->keys.size());
  for (size_t i = 0; i < h3->keys.size(); ++i) {
    EXPECT_EQ(h4->keys[i].name, h3->keys[i].name);
    EXPECT_EQ(h4->keys[i].read, h3->keys[i].read);
    EXPECT_EQ(h4->keys[i].required, h3->keys[i].required);
  }
  EXPECT_TRUE(h4->FindKey("rich_text")->required);
  EXPECT_NE(h4->FindKey("is_toggleable"), nullptr);
  EXPECT_TRUE(h4->children.takes_children);
  EXPECT_EQ(h4->rich_text_keys, h3->rich_text_keys);
}

// An original holds its children; a reference names its original, shows the original's
// children and takes none of its own.
TEST(BlockRegistry, SyncedBlockOriginalAndReference) {
  const BlockType* t = FindWritableBlockType("synced_block");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->children.takes_children);
  ASSERT_NE(t->children.children_from, nullptr);
  ASSERT_NE(t->FindKey("synced_from"), nullptr);
  EXPECT_TRUE(t->FindKey("synced_from")->required);
  EXPECT_EQ(SerializeJson(t->defaults), R"({"synced_from":null})");
  const json::object in = {{"synced_from", json::object{{"block_id", "598337872cf94fdf8782e53db20768a5"}}}};
  const ReadContext ctx{"body.children[0].synced_block", in, false};
  json::object out = t->defaults;
  ASSERT_TRUE(t->FindKey("synced_from")->read(ctx, "synced_from", "body.children[0].synced_block.synced_from",
                                               in.at("synced_from"), out)
                  .ok());
  EXPECT_EQ(SerializeJson(out),
            R"({"synced_from":{"type":"block_id","block_id":"59833787-2cf9-4fdf-8782-e53db20768a5"}})");
  EXPECT_EQ(t->children.children_from(out), "59833787-2cf9-4fdf-8782-e53db20768a5");
  EXPECT_EQ(t->children.children_from(t->defaults), "");
  Status refused = t->children.check_child("body.children[0].synced_block.children[0]", out, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "body failed validation: body.children[0].synced_block.children[0] cannot be added: a synced_block synced "
            "from another block takes no children.");
  EXPECT_TRUE(t->children.check_child("x", t->defaults, {}).ok());
  const json::value bad = json::object{{"block_id", "nope"}};
  Status bad_id = t->FindKey("synced_from")->read(ctx, "synced_from", "p.synced_from", bad, out);
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.error().message,
            "p failed validation: p.synced_from.block_id should be a valid uuid, instead was `\"nope\"`.");
}

TEST(BlockRegistry, ChildObjectsAreKnownButNotWritable) {
  for (std::string_view name : {"child_page", "child_database"}) {
    const BlockType* t = FindBlockType(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_FALSE(t->writable);
    EXPECT_TRUE(t->shows_object);
    EXPECT_EQ(FindWritableBlockType(name), nullptr);
  }
  EXPECT_TRUE(FindBlockType("child_page")->children.takes_children);
  EXPECT_FALSE(FindBlockType("child_database")->children.takes_children);
  // A type localnotion does not serve yet is unknown (synced_block, heading_4 and tab are
  // served since issue 12).
  EXPECT_EQ(FindBlockType("template"), nullptr);
}

TEST(BlockRegistry, ChildrenRules) {
  std::set<std::string_view> takes;
  for (std::string_view name : WritableBlockTypes()) {
    if (FindBlockType(name)->children.takes_children) takes.insert(name);
  }
  EXPECT_EQ(takes, (std::set<std::string_view>{"paragraph", "bulleted_list_item", "numbered_list_item", "quote",
                                                "toggle", "to_do", "callout", "heading_1", "heading_2", "heading_3",
                                                "heading_4", "table", "column_list", "column", "synced_block",
                                                "tab"}));
  EXPECT_EQ(FindBlockType("table")->children.only_child, "table_row");
  EXPECT_EQ(FindBlockType("column_list")->children.only_child, "column");
  EXPECT_EQ(FindBlockType("table_row")->children.only_parent, "table");
  EXPECT_EQ(FindBlockType("column")->children.only_parent, "column_list");
  EXPECT_TRUE(FindBlockType("column")->children.children_part_of_container);
  EXPECT_TRUE(FindBlockType("table")->children.children_part_of_container);
  EXPECT_FALSE(FindBlockType("column_list")->children.children_part_of_container);
  EXPECT_NE(FindBlockType("table")->children.check_child, nullptr);
}

// Defaults keep the key order Notion shows, which golden tests compare byte for byte.
TEST(BlockRegistry, DefaultsInNotionsOrder) {
  EXPECT_EQ(SerializeJson(FindBlockType("to_do")->defaults), R"({"rich_text":[],"checked":false,"color":"default"})");
  EXPECT_EQ(SerializeJson(FindBlockType("callout")->defaults), R"({"rich_text":[],"icon":null,"color":"default"})");
  EXPECT_EQ(SerializeJson(FindBlockType("heading_1")->defaults),
            R"({"rich_text":[],"color":"default","is_toggleable":false})");
  EXPECT_EQ(SerializeJson(FindBlockType("paragraph")->defaults), R"({"rich_text":[],"color":"default"})");
  EXPECT_EQ(SerializeJson(FindBlockType("image")->defaults), R"({"caption":[]})");
  EXPECT_EQ(SerializeJson(FindBlockType("table")->defaults), R"({"has_column_header":false,"has_row_header":false})");
  EXPECT_EQ(SerializeJson(FindBlockType("table_of_contents")->defaults), R"({"color":"default"})");
  EXPECT_EQ(SerializeJson(FindBlockType("divider")->defaults), "{}");
}

TEST(BlockRegistry, KeysAndRequiredOnes) {
  const BlockType* code = FindBlockType("code");
  ASSERT_NE(code->FindKey("language"), nullptr);
  EXPECT_TRUE(code->FindKey("language")->required);
  EXPECT_FALSE(code->FindKey("caption")->required);
  EXPECT_EQ(code->FindKey("color"), nullptr);
  EXPECT_NE(FindBlockType("file")->FindKey("name"), nullptr);
  EXPECT_EQ(FindBlockType("image")->FindKey("name"), nullptr);
}

TEST(BlockRegistry, RichTextKeysForRendering) {
  EXPECT_EQ(FindBlockType("code")->rich_text_keys, (std::vector<std::string_view>{"rich_text", "caption"}));
  EXPECT_EQ(FindBlockType("bookmark")->rich_text_keys, (std::vector<std::string_view>{"caption"}));
  EXPECT_TRUE(FindBlockType("table_row")->rich_text_keys.empty());
}

}  // namespace
}  // namespace localnotion::api::blocks
