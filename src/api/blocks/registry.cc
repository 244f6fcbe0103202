#include "api/blocks/registry.h"

#include <fmt/format.h>

#include "api/blocks/families.h"

namespace localnotion::api::blocks {
namespace {

const std::vector<BlockType>& AllTypes() {
  static const std::vector<BlockType> k = [] {
    std::vector<BlockType> all;
    for (auto family : {TextBlocks, CodeBlocks, MediaBlocks, LinkBlocks, LayoutBlocks, TableBlocks,
                        ChildObjectBlocks, SyncedBlocks, TabBlocks}) {
      for (BlockType& t : family()) all.push_back(std::move(t));
    }
    return all;
  }();
  return k;
}

}  // namespace

Error KeyOnlyInside(std::string_view key_path, std::string_view type, std::string_view parent) {
  return ValidationError(
      fmt::format("body failed validation: {} is only allowed on a {} block inside a {} block.", key_path, type, parent));
}

const BlockKey* BlockType::FindKey(std::string_view key) const {
  for (const BlockKey& k : keys) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

const BlockType* FindBlockType(std::string_view name) {
  for (const BlockType& t : AllTypes()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const BlockType* FindWritableBlockType(std::string_view name) {
  const BlockType* t = FindBlockType(name);
  return t != nullptr && t->writable ? t : nullptr;
}

const std::vector<std::string_view>& WritableBlockTypes() {
  // The union of @notionhq/client 5.26 (BlockObjectRequest), which adds tab (after
  // breadcrumb) and heading_4 (after heading_3) to the 2026-03-11 OpenAPI's order.
  static const std::vector<std::string_view> k = {
      "embed",     "bookmark",   "image",     "video",     "pdf",       "file",      "audio",
      "code",      "equation",   "divider",   "breadcrumb", "tab",      "table_of_contents", "link_to_page",
      "table_row", "table",     "column_list", "column",  "heading_1", "heading_2", "heading_3", "heading_4",
      "paragraph", "bulleted_list_item", "numbered_list_item", "quote", "to_do", "toggle", "callout",
      "synced_block"};
  return k;
}

}  // namespace localnotion::api::blocks
