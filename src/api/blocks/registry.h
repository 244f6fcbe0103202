// Maps a block type name ("paragraph") to its description (block_type.h). Adding a block
// type is one BlockType in its family's file (families.h) and, when requests may create
// it, one entry in WritableBlockTypes' order.
#pragma once

#include <string_view>
#include <vector>

#include "api/blocks/block_type.h"

namespace localnotion::api::blocks {

// Returns nullptr for a type name no family knows.
const BlockType* FindBlockType(std::string_view name);

// The block types accepted in requests, in the order of Notion's request union (the
// order a "Fix one:" message lists them in; the first one present is the type key).
const std::vector<std::string_view>& WritableBlockTypes();

// The writable type `name`, or nullptr when it is unknown or not writable.
const BlockType* FindWritableBlockType(std::string_view name);

}  // namespace localnotion::api::blocks
