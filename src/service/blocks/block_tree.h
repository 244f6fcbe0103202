// Inside blocks/: the part of the block tree blocks.cc shares with block_tree.cc.
#pragma once

#include "service/core/context.h"
#include "validation/block_write.h"

namespace localnotion::service::blocks {

// Media blocks given as {type:"file_upload", file_upload:{id}}: THE place where file
// upload resolution plugs in (block_tree.cc).
Status ResolveFileUpload(Context& ctx, const Caller& caller, validation::NewBlock& block);

// A block that shows another block's children (a synced block reference, through the
// registry's children_from) needs that block: visible to the integration (404 "Could not
// find block with ID: ..." otherwise), not in the trash, of the same type, and itself
// showing its own children (an original); otherwise 400 validation_error (text chosen,
// docs/compat.md).
Status CheckChildrenSource(Context& ctx, const validation::NewBlock& block);

}  // namespace localnotion::service::blocks
