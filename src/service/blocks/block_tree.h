// Inside blocks/: the part of the block tree blocks.cc shares with block_tree.cc.
#pragma once

#include "service/core/context.h"
#include "validation/block_write.h"

namespace localnotion::service::blocks {

// Media blocks given as {type:"file_upload", file_upload:{id}}: THE place where file
// upload resolution plugs in (block_tree.cc).
Status ResolveFileUpload(Context& ctx, const Caller& caller, validation::NewBlock& block);

}  // namespace localnotion::service::blocks
