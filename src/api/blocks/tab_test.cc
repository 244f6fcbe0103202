// The tab block and its items: the tab's children rules, and the paragraph `icon` that
// only a tab item takes (tab.cc).
#include <gtest/gtest.h>

#include <string>

#include "api/blocks/families.h"
#include "api/blocks/registry.h"

namespace localnotion::api::blocks {
namespace {

TEST(TabBlock, ChildrenAreParagraphItems) {
  const BlockType* t = FindWritableBlockType("tab");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(SerializeJson(t->defaults), "{}");
  EXPECT_TRUE(t->keys.empty());
  EXPECT_TRUE(t->children.takes_children);
  EXPECT_TRUE(t->children.children_required);
  EXPECT_EQ(t->children.min_children, 1u);
  EXPECT_TRUE(t->children.children_part_of_container);
  EXPECT_TRUE(t->children.items_hold_content);
  EXPECT_EQ(t->children.only_child, "paragraph");
  EXPECT_EQ(t->children.only_parent, "");
  EXPECT_EQ(SerializeJson(t->children.child_defaults), R"({"icon":null})");
  EXPECT_TRUE(t->rich_text_keys.empty());
  // No other type adds keys to its children or holds items.
  for (std::string_view name : WritableBlockTypes()) {
    if (name == "tab") continue;
    EXPECT_TRUE(FindBlockType(name)->children.child_defaults.empty()) << name;
    EXPECT_FALSE(FindBlockType(name)->children.items_hold_content) << name;
    EXPECT_EQ(FindBlockType(name)->children.min_children, 0u) << name;
  }
}

TEST(TabBlock, ParagraphIconOnlyInsideATab) {
  const BlockType* p = FindWritableBlockType("paragraph");
  const BlockKey* icon = p->FindKey("icon");
  ASSERT_NE(icon, nullptr);
  EXPECT_FALSE(icon->required);
  EXPECT_EQ(icon->only_inside, "tab");
  // No other key of any type is limited to a parent.
  for (std::string_view name : WritableBlockTypes()) {
    for (const BlockKey& k : FindBlockType(name)->keys) {
      if (name != "paragraph" || k.name != "icon") EXPECT_EQ(k.only_inside, "") << name << "." << k.name;
    }
  }
  // The stored default of a paragraph has no icon: only placing it under a tab adds one.
  EXPECT_EQ(SerializeJson(p->defaults), R"({"rich_text":[],"color":"default"})");
}

TEST(TabBlock, ReadTabItemIconOnCreateAndUpdate) {
  const json::object in;
  const json::value emoji = json::object{{"emoji", "📌"}};
  // Create: read as any icon; placement decides whether the paragraph may have it.
  json::object created = FindBlockType("paragraph")->defaults;
  ASSERT_TRUE(ReadTabItemIcon({"body.children[0].paragraph", in, false}, "icon", "body.children[0].paragraph.icon",
                              emoji, created)
                  .ok());
  EXPECT_EQ(SerializeJson(created), R"({"rich_text":[],"color":"default","icon":{"type":"emoji","emoji":"📌"}})");
  // Update of a tab item (its stored content has `icon`): replaced, and null removes it.
  json::object item = {{"rich_text", json::array{}}, {"color", "default"}, {"icon", nullptr}};
  ASSERT_TRUE(ReadTabItemIcon({"body.paragraph", in, true}, "icon", "body.paragraph.icon", emoji, item).ok());
  EXPECT_EQ(SerializeJson(item.at("icon")), R"({"type":"emoji","emoji":"📌"})");
  ASSERT_TRUE(ReadTabItemIcon({"body.paragraph", in, true}, "icon", "body.paragraph.icon", nullptr, item).ok());
  EXPECT_TRUE(item.at("icon").is_null());
  // Update of any other paragraph: refused.
  json::object plain = {{"rich_text", json::array{}}, {"color", "default"}};
  Status refused = ReadTabItemIcon({"body.paragraph", in, true}, "icon", "body.paragraph.icon", emoji, plain);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(refused.error().message,
            "body failed validation: body.paragraph.icon is only allowed on a paragraph block inside a tab block.");
  EXPECT_FALSE(plain.contains("icon"));
  // A bad icon gets the icon's own message.
  const json::value bad = json::object{{"emoji", 5}};
  Status bad_icon = ReadTabItemIcon({"body.paragraph", in, true}, "icon", "body.paragraph.icon", bad, item);
  ASSERT_FALSE(bad_icon.ok());
  EXPECT_EQ(bad_icon.error().code, ErrorCode::kValidationError);
}

}  // namespace
}  // namespace localnotion::api::blocks
