// The block type registry: every writable type is known, the families agree with the
// request union's order, and each type's children rules and defaults are what
// validation/block_write.cc and the service rely on.
#include "api/blocks/registry.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(seen.size(), 27u);
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
  EXPECT_EQ(FindBlockType("synced_block"), nullptr);
}

TEST(BlockRegistry, ChildrenRules) {
  std::set<std::string_view> takes;
  for (std::string_view name : WritableBlockTypes()) {
    if (FindBlockType(name)->children.takes_children) takes.insert(name);
  }
  EXPECT_EQ(takes, (std::set<std::string_view>{"paragraph", "bulleted_list_item", "numbered_list_item", "quote",
                                                "toggle", "to_do", "callout", "heading_1", "heading_2", "heading_3",
                                                "table", "column_list", "column"}));
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
