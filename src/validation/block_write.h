// Validation of block requests: the `children` arrays of PATCH /v1/blocks/{id}/children
// and POST /v1/pages, and the body of PATCH /v1/blocks/{id}. Each block request is
// checked against Notion's request union (one type key, optional `type` and `object`)
// and turned into the stored content of its type, defaults filled in (color "default",
// caption [], checked false, ...), so that rendering never has to guess. What each type
// takes, its defaults and its children rules come from the block type registry
// (api/blocks/registry.h); this file holds only what is common to all types.
//
// Limits (https://developers.notion.com/reference/request-limits): at most 100 items per
// children array, nesting at most two levels per request (a `children` key at the third
// level is "should be not present"; the columns of a column_list do not count as a
// level), and at most 1000 blocks per request counting nested ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct NewBlock {
  std::string path;                 // where it was in the request, for later messages
  std::string type;
  json::object content;             // stored form of the type's object, without children
  std::vector<NewBlock> children;
};

// The most blocks one request may create, nested ones included.
inline constexpr size_t kMaxBlocksPerRequest = 1000;

// What one request may hold: Notion's request limits by default. Content made from
// markdown has no nesting or per-array limit and a larger total (docs/compat.md).
struct BlockLimits {
  int max_levels = 2;
  size_t max_per_array = 100;
  size_t max_blocks = kMaxBlocksPerRequest;
};
inline constexpr BlockLimits kMarkdownBlockLimits{.max_levels = 1 << 20, .max_per_array = SIZE_MAX, .max_blocks = 20000};

// Checks the children array `v` found at `path` ("body.children").
Result<std::vector<NewBlock>> CheckChildren(std::string_view path, const json::value& v,
                                            const BlockLimits& limits = BlockLimits{});

// Checks that `children` (found at `path`) may go under a block of `parent_type` ("child_page"
// for a page): a table takes only table rows with table_width cells, a column_list only
// columns, a tab only paragraphs, columns and table rows go nowhere else, and a
// paragraph's `icon` only inside a tab. Then gives each child the keys its parent adds
// (a tab item's `icon: null`). CheckChildren runs it for the nested levels; the caller
// runs it for the top level once it knows the parent, before storing the blocks.
Status CheckPlacement(std::string_view path, std::string_view parent_type, const json::object& parent_content,
                      std::vector<NewBlock>& children);

// The checked body of PATCH /v1/blocks/{id}.
struct BlockUpdate {
  // The block's content after the update: the fields given replace the current ones,
  // fields left out keep their value. Unset when the body names no type key.
  std::optional<json::object> content;
  std::optional<bool> in_trash;     // from in_trash, else archived
};

// `type` and `current` are the block's type and stored content. A type key other than
// the block's own fails with "Expected block type <type> in request body".
// `archived` is read before 2026-03-11 only (api::HasArchivedAlias); later it is not present.
Result<BlockUpdate> CheckBlockUpdate(const json::value& body, std::string_view type, const json::object& current,
                                     api::ApiVersion version = api::ApiVersion::k2025_09_03);

// The message a request with too many blocks gets (docs/compat.md).
Error TooManyBlocks(size_t count, std::string_view path = "body.children", size_t max = kMaxBlocksPerRequest);

}  // namespace localnotion::validation
