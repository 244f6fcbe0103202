// The block tree: inserting new blocks in order, the child_page / child_database rows of
// pages and databases created under a page, and whether something above a block is in
// the trash.
#include <fmt/format.h>

#include "api/blocks/registry.h"
#include "api/messages.h"
#include "common/uuid.h"
#include "service/blocks/block_tree.h"
#include "service/blocks/blocks.h"
#include "service/uploads/uploads.h"

namespace localnotion::service::blocks {

// A media block given {type:"file_upload", file_upload:{id}} stores the upload as a
// file (AttachFileUpload checks it and marks it attached); RenderBlockRow shows it as a
// Notion-hosted file {type:"file", file:{url, expiry_time}} (RenderFileObject).
Status ResolveFileUpload(Context& ctx, const Caller& caller, validation::NewBlock& block) {
  LN_ASSIGN_OR_RETURN(json::value stored, uploads::AttachFileUpload(ctx, caller, json::value(block.content),
                                                                    api::Field(block.path, block.type)));
  block.content.erase("file_upload");
  block.content["type"] = "file";
  block.content["file"] = std::move(stored.as_object()["file"]);
  return OkStatus();
}

Status ResolveBlockIcon(Context& ctx, const Caller& caller, json::object& content, std::string_view path) {
  json::value* icon = content.if_contains("icon");
  if (icon == nullptr) return OkStatus();
  std::optional<json::value> value(std::move(*icon));
  Status resolved = uploads::AttachIconOrCover(ctx, caller, value, api::Field(path, "icon"));
  *icon = std::move(*value);
  return resolved;
}

Status CheckChildrenSource(Context& ctx, const validation::NewBlock& block) {
  const api::blocks::BlockType* type = api::blocks::FindBlockType(block.type);
  if (type == nullptr || type->children.children_from == nullptr) return OkStatus();
  const std::string source_id = type->children.children_from(block.content);
  if (source_id.empty()) return OkStatus();
  LN_ASSIGN_OR_RETURN(BlockTarget source, LoadBlockTarget(ctx, source_id));
  if (!source.row || source.row->type != block.type || source.self_trashed || source.ancestor_trashed ||
      !type->children.children_from(source.row->content).empty()) {
    return ValidationError(fmt::format("Block {} is not an original {} block.", source_id, block.type));
  }
  return OkStatus();
}

Status InsertBlocks(Context& ctx, const Caller& caller, const std::string& parent_type, const std::string& parent_id,
                    std::optional<int64_t> after_position, std::vector<validation::NewBlock>& blocks,
                    std::vector<storage::BlockRecord>* created) {
  if (blocks.empty()) return OkStatus();
  int64_t first = 0;
  if (after_position) {
    LN_RETURN_IF_ERROR(
        ctx.store().ShiftBlockPositions(parent_id, *after_position, static_cast<int64_t>(blocks.size())));
    first = *after_position + 1;
  } else {
    LN_ASSIGN_OR_RETURN(int64_t last, ctx.store().LastBlockPosition(parent_id));
    first = last + 1;
  }
  const Millis now = NowMillis();
  for (size_t i = 0; i < blocks.size(); ++i) {
    validation::NewBlock& b = blocks[i];
    const json::value* source = Find(b.content, "type");
    if (source && source->is_string() && source->get_string() == "file_upload") {
      LN_RETURN_IF_ERROR(ResolveFileUpload(ctx, caller, b));
    }
    LN_RETURN_IF_ERROR(ResolveBlockIcon(ctx, caller, b.content, api::Field(b.path, b.type)));
    LN_RETURN_IF_ERROR(CheckChildrenSource(ctx, b));
    storage::BlockRecord row;
    row.id = NewUuid();
    row.parent_type = parent_type;
    row.parent_id = parent_id;
    row.position = first + static_cast<int64_t>(i);
    row.type = b.type;
    row.content = std::move(b.content);
    row.created_time = row.last_edited_time = now;
    row.created_by = row.last_edited_by = caller.integration.bot_user_id;
    LN_RETURN_IF_ERROR(ctx.WriteBlock(caller, nullptr, row));
    LN_RETURN_IF_ERROR(InsertBlocks(ctx, caller, "block_id", row.id, std::nullopt, b.children, nullptr));
    if (created) created->push_back(std::move(row));
  }
  return OkStatus();
}

Status AddChildObjectBlock(Context& ctx, const Caller& caller, std::string_view type, const std::string& id,
                           const std::string& parent_page_id, Millis time, std::optional<int64_t> after_position) {
  storage::BlockRecord row;
  if (after_position) {
    // Positions start at 1, so "after position 0" is the start.
    LN_RETURN_IF_ERROR(ctx.store().ShiftBlockPositions(parent_page_id, *after_position, 1));
    row.position = *after_position + 1;
  } else {
    LN_ASSIGN_OR_RETURN(int64_t last, ctx.store().LastBlockPosition(parent_page_id));
    row.position = last + 1;
  }
  row.id = id;
  row.parent_type = "page_id";
  row.parent_id = parent_page_id;
  row.type = std::string(type);
  row.created_time = row.last_edited_time = time;
  row.created_by = row.last_edited_by = caller.integration.bot_user_id;
  return ctx.WriteBlock(caller, nullptr, row);
}

}  // namespace localnotion::service::blocks
