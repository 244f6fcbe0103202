// The block families, one file each; the registry (registry.cc) collects them. Each
// function returns the family's types, built once by the registry.
#pragma once

#include <vector>

#include "api/blocks/block_type.h"

namespace localnotion::api::blocks {

// paragraph, bulleted_list_item, numbered_list_item, quote, toggle, to_do, callout,
// heading_1, heading_2, heading_3, heading_4 (text.cc).
std::vector<BlockType> TextBlocks();

// code, equation (code.cc).
std::vector<BlockType> CodeBlocks();

// image, video, pdf, file, audio (media.cc).
std::vector<BlockType> MediaBlocks();

// bookmark, embed, link_to_page (links.cc).
std::vector<BlockType> LinkBlocks();

// divider, breadcrumb, table_of_contents, column_list, column (layout.cc).
std::vector<BlockType> LayoutBlocks();

// table, table_row (table.cc).
std::vector<BlockType> TableBlocks();

// child_page, child_database (child_objects.cc).
std::vector<BlockType> ChildObjectBlocks();

// synced_block (synced.cc).
std::vector<BlockType> SyncedBlocks();

// tab (tab.cc).
std::vector<BlockType> TabBlocks();

// Reads a paragraph's `icon`, which only a tab item takes (tab.cc): accepted on create
// (validation::CheckPlacement refuses it outside a tab, BlockKey::only_inside), and on
// update only when the stored paragraph is a tab item.
Status ReadTabItemIcon(const ReadContext& ctx, std::string_view key, const std::string& key_path,
                       const json::value& value, json::object& out);

}  // namespace localnotion::api::blocks
