// The description every block type has, one file per family under api/blocks/, found by
// name through the registry (registry.h). A block type knows
//   - the keys its type object takes in a request, how each is read into the stored
//     content, and which are required on create (reference: https://developers.notion.com/reference/block
//     and https://developers.notion.com/reference/patch-block-children);
//   - the stored content a new block starts from (its defaults), so that rendering never
//     has to guess;
//   - its children rules: whether it keeps children, which children it takes and where
//     it may be placed (https://developers.notion.com/reference/request-limits for the
//     nesting limit);
//   - its rendering hooks: the keys that hold rich text as shown.
// Request readers for the whole block (the union, nesting, counting) stay in
// validation/block_write.cc; they look each type up here instead of naming types.
// Markdown conversion (ToMarkdown/FromMarkdown) is meant to be added as further hooks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::api::blocks {

// What a key reader may look at besides the value it reads.
struct ReadContext {
  std::string_view path;     // the type object's path, e.g. "body.children[0].paragraph"
  const json::object& in;    // the type object as sent
  bool partial;              // true for PATCH /v1/blocks/{id}: required keys may be left out
};

// Reads `value`, sent under `key` at `key_path`, into the stored content `out`. Returns
// Notion's validation error when the value is not accepted.
using KeyReader = Status (*)(const ReadContext& ctx, std::string_view key, const std::string& key_path,
                             const json::value& value, json::object& out);

// One key a type object takes in a request.
struct BlockKey {
  std::string_view name;
  KeyReader read = nullptr;
  bool required = false;     // "should be defined" when left out on create
  // The one parent type under which the key may be sent on create, or empty for any
  // (a paragraph's `icon` only on a tab item). validation::CheckPlacement checks it;
  // on update the reader itself decides from the stored content.
  std::string_view only_inside = {};
};

// Where a block may be and what may be under it.
struct ChildRules {
  // True when Notion keeps the block's children: it takes `children` on create and
  // PATCH /v1/blocks/{id}/children may append to it.
  bool takes_children = false;
  // True when a create must give `children` (a table needs rows, a column_list columns).
  bool children_required = false;
  // The fewest children a create may give when it gives `children` (a tab needs one
  // item: ``….tab.children.length should be ≥ `1` ``).
  size_t min_children = 0;
  // True when the children are part of the container (the columns' content, the rows of
  // a table), so they do not count towards the two nesting levels of one request.
  bool children_part_of_container = false;
  // The one type the children may have ("table_row" under a table), or empty for any.
  std::string_view only_child;
  // The one parent type the block may be placed under ("table" for a table_row), or
  // empty for any parent that takes children.
  std::string_view only_parent;
  // True when each child is an item whose own children are the item's content (the
  // paragraphs of a tab): a child at the second level of a request may still hold
  // children, as the columns of a column_list may.
  bool items_hold_content = false;
  // Keys every child gets, when it lacks them, once it is placed under this block (a
  // tab item shows `icon: null`). Appended after the child's own keys.
  json::object child_defaults;
  // Checks one child (already read, at `child_path`) against the parent's stored
  // content; a table's rows must have table_width cells. May be null.
  Status (*check_child)(const std::string& child_path, const json::object& parent_content,
                        const json::object& child_content) = nullptr;
  // The id of the block whose children this block shows instead of its own (a synced
  // block reference shows its original's), or "" for its own. May be null.
  std::string (*children_from)(const json::object& content) = nullptr;
};

// The original a synced_block's stored content names in `synced_from`, or "" for an
// original (synced.cc).
std::string SyncedFrom(const json::object& content);

// The error for a key sent on a block that is not inside the one parent type that
// allows it (BlockKey::only_inside; text chosen, docs/compat.md):
// "body failed validation: <key_path> is only allowed on a <type> block inside a
// <parent> block."
Error KeyOnlyInside(std::string_view key_path, std::string_view type, std::string_view parent);

struct BlockType {
  std::string_view name;
  // False for types a request cannot create or edit (child_page, child_database: they
  // show a page or database, which has its own endpoints).
  bool writable = true;
  // True for blocks that show a page or database: they take their title and trash
  // state from it.
  bool shows_object = false;
  // The keys the type object takes; required ones are checked in this order.
  std::vector<BlockKey> keys;
  // The stored content of a new block before the request's keys are read.
  json::object defaults;
  // Runs before the keys are read, may be null (media blocks read their file source).
  Status (*read_first)(const ReadContext& ctx, json::object& out) = nullptr;
  // Runs after the keys are read, may be null (a file block names itself on create; a
  // link_to_page needs its target on create).
  Status (*read_last)(const ReadContext& ctx, json::object& out) = nullptr;
  ChildRules children;
  // Rendering: the keys of the stored content that hold rich text arrays shown as they
  // are (mentions in them are named when the block is shown).
  std::vector<std::string_view> rich_text_keys;

  // The reader for `key`, or null when the type object does not take it.
  const BlockKey* FindKey(std::string_view key) const;
};

}  // namespace localnotion::api::blocks
