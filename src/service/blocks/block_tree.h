// Inside blocks/: the part of the block tree blocks.cc shares with block_tree.cc.
#pragma once

#include "api/blocks/registry.h"
#include "service/blocks/blocks.h"
#include "service/core/context.h"
#include "validation/block_write.h"

namespace localnotion::service::blocks {

// The block whose children `id` shows: its own, or, when the registry says so (a synced
// block reference), another block's (blocks.cc).
std::string ChildrenHolder(const std::string& id, const api::blocks::BlockType* type, const json::object& content);

// A block row as GET /v1/blocks/{id} shows it to `caller` (blocks.cc). A child_page or
// child_database row the integration cannot see is 404 object_not_found.
Result<json::value> RenderBlockRow(Context& ctx, const Caller& caller, const storage::BlockRecord& row,
                                   bool ancestor_trashed);
Result<json::value> RenderBlockTarget(Context& ctx, const Caller& caller, const BlockTarget& t);

// Media blocks given as {type:"file_upload", file_upload:{id}}: THE place where file
// upload resolution plugs in (block_tree.cc).
Status ResolveFileUpload(Context& ctx, const Caller& caller, validation::NewBlock& block);

// A callout's or a tab item's `icon` is stored as a page's icon is
// (uploads::AttachIconOrCover): a custom emoji of the workspace,
// {type:"custom_emoji", custom_emoji:{id}}, with the emoji's name and url
// (emojis::CustomEmojiIcon, which also refuses an unknown id); an upload,
// {type:"file_upload", file_upload:{id}}, attached and stored as the file
// {type:"file", file:{file_upload_id, filename, content_type}}, which RenderBlockRow shows
// as a Notion-hosted file with a fresh signed link (Notion takes an upload wherever it
// takes an icon: https://developers.notion.com/reference/file-upload).
// `path` is the block type's path, such as "body.children[0].callout".
Status ResolveBlockIcon(Context& ctx, const Caller& caller, json::object& content, std::string_view path);

// A block that shows another block's children (a synced block reference, through the
// registry's children_from) needs that block: visible to the integration (404 "Could not
// find block with ID: ..." otherwise), not in the trash, of the same type, and itself
// showing its own children (an original); otherwise 400 validation_error (text chosen,
// docs/compat.md).
Status CheckChildrenSource(Context& ctx, const validation::NewBlock& block);

}  // namespace localnotion::service::blocks
