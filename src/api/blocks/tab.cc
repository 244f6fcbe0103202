// The tab block (https://developers.notion.com/reference/block#tab, added 2026-03-25):
// `{"tab": {}}` on read; its children are the tabs, each a paragraph whose `rich_text`
// is the tab's label, whose `icon` is the tab's icon and whose children are the tab's
// content. A create gives the items in `tab.children` (at least one, only paragraphs);
// an item at the second level of a request may still hold its content, one level
// further (the 2026 OpenAPI's tabRequestWithNestedTabItemChildren).
//
// Since 2026-03-30 (https://developers.notion.com/page/changelog) a paragraph takes an
// optional `icon`, but only as a tab item: "Icons on paragraphs that are not tab
// items are rejected with a validation error." A tab item always shows `icon`, `null`
// when it has none, so the stored content tells a tab item from another paragraph.
#include <string>

#include "api/blocks/families.h"
#include "api/icon.h"

namespace localnotion::api::blocks {

Status ReadTabItemIcon(const ReadContext& ctx, std::string_view key, const std::string& key_path,
                       const json::value& value, json::object& out) {
  // On update `out` is the block's stored content: only a tab item holds an icon.
  if (ctx.partial && Find(out, key) == nullptr) return KeyOnlyInside(key_path, "paragraph", "tab");
  LN_ASSIGN_OR_RETURN(out[key], NormalizeIcon(key_path, value, /*custom_emoji=*/true));
  return OkStatus();
}

std::vector<BlockType> TabBlocks() {
  BlockType tab;
  tab.name = "tab";
  tab.children.takes_children = true;
  tab.children.children_required = true;
  tab.children.min_children = 1;
  tab.children.children_part_of_container = true;
  tab.children.items_hold_content = true;
  tab.children.only_child = "paragraph";
  tab.children.child_defaults["icon"] = nullptr;
  std::vector<BlockType> v;
  v.push_back(std::move(tab));
  return v;
}

}  // namespace localnotion::api::blocks
