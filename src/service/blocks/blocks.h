// Blocks: page content (https://developers.notion.com/reference/block):
//   GET /v1/blocks/{id}, GET and PATCH /v1/blocks/{id}/children,
//   PATCH and DELETE /v1/blocks/{id}                                      (blocks.cc)
//   the block tree: inserting blocks, child_page / child_database rows   (block_tree.cc)
//
// A page id is also a block id (a child_page block), and so is a database id
// (child_database). A block whose page is not shared with the integration answers like
// one that does not exist: 404 object_not_found "Could not find block with ID: ...".
// Other errors: path ids that are not UUIDs and bad bodies give 400 validation_error;
// an edit of something in the trash (or under it) gives 400 validation_error "Can't
// edit block that is archived. You must unarchive the block before editing."; children
// for a type that takes none give "Block type X does not support children.". They may
// touch blocks, and pages and databases trashed or restored as blocks (through Context's
// write path, so that this is page history too). Decisions where Notion's behaviour is
// not documented: docs/compat.md ("Blocks").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/markdown/render.h"
#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"
#include "validation/block_write.h"

namespace localnotion::service::blocks {

Result<json::value> GetBlock(Context& ctx, const Caller& caller, std::string_view block_id);
Result<json::value> ListBlockChildren(Context& ctx, const Caller& caller, std::string_view block_id,
                                      const PageArgs& args);
Result<json::value> AppendBlockChildren(Context& ctx, const Caller& caller, std::string_view block_id,
                                        const json::value& body);
Result<json::value> UpdateBlock(Context& ctx, const Caller& caller, std::string_view block_id, const json::value& body);
Result<json::value> DeleteBlock(Context& ctx, const Caller& caller, std::string_view block_id);

// ---- Shared with pages/, databases/ and comments/ ----
// What a block id names.
struct BlockTarget {
  std::string id;
  std::string type;                         // "child_page", "child_database" or the block's type
  std::optional<storage::BlockRecord> row;  // its row in the blocks table, if it has one
  std::optional<LoadedPage> page;           // child_page
  DatabasePtr db;                           // child_database
  bool self_trashed = false;                // its own flag (a page: also its database's)
  bool ancestor_trashed = false;            // something above it is in the trash
};
// A block the integration cannot see (its page is not shared with it) is not found,
// like one that does not exist (core/access.cc).
Result<BlockTarget> LoadBlockTarget(Context& ctx, const std::string& id);
// Stores `blocks` (and their children) under the parent: after the sibling at
// `after_position` when given, else at the end. Fills `created` with the top-level rows
// (block_tree.cc).
Status InsertBlocks(Context& ctx, const Caller& caller, const std::string& parent_type, const std::string& parent_id,
                    std::optional<int64_t> after_position, std::vector<validation::NewBlock>& blocks,
                    std::vector<storage::BlockRecord>* created);
// The content of a page, or a block with its content, as the API shows it: what
// GET /v1/pages/{id}/markdown renders (content_tree.cc). Depth first, at most `limit`
// blocks; the blocks past it, and child pages and databases the integration cannot see,
// are `unknown` (<unknown url="..."/>) and their ids are listed, at most
// kMaxUnknownIds of them. A child page's or database's own content is not included.
inline constexpr size_t kMaxUnknownIds = 100;
struct ContentTree {
  std::vector<api::markdown::MdNode> nodes;
  std::vector<std::string> unknown_ids;
  bool truncated = false;
};
Result<ContentTree> ReadContentTree(Context& ctx, const Caller& caller, const BlockTarget& target, size_t limit);
// A page or database created under a page gets its child_page / child_database block.
// At the end, or after the sibling at `after_position` (0: the start).
Status AddChildObjectBlock(Context& ctx, const Caller& caller, std::string_view type, const std::string& id,
                           const std::string& parent_page_id, Millis time,
                           std::optional<int64_t> after_position = std::nullopt);

}  // namespace localnotion::service::blocks
