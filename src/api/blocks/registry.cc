#include "api/blocks/registry.h"

#include "api/blocks/families.h"

namespace localnotion::api::blocks {
namespace {

const std::vector<BlockType>& AllTypes() {
  static const std::vector<BlockType> k = [] {
    std::vector<BlockType> all;
    for (auto family : {TextBlocks, CodeBlocks, MediaBlocks, LinkBlocks, LayoutBlocks, TableBlocks,
                        ChildObjectBlocks, SyncedBlocks}) {
      for (BlockType& t : family()) all.push_back(std::move(t));
    }
    return all;
  }();
  return k;
}

}  // namespace

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
  static const std::vector<std::string_view> k = {
      "embed",     "bookmark",   "image",     "video",     "pdf",       "file",      "audio",
      "code",      "equation",   "divider",   "breadcrumb", "table_of_contents", "link_to_page", "table_row",
      "table",     "column_list", "column",   "heading_1", "heading_2", "heading_3", "paragraph",
      "bulleted_list_item", "numbered_list_item", "quote", "to_do", "toggle", "callout", "synced_block"};
  return k;
}

}  // namespace localnotion::api::blocks
