// The wire shape of block objects and of the block list envelope (reference/block).
// Every Notion-Version shows blocks the same way: {object:"block", id, parent,
// created_time, last_edited_time, created_by, last_edited_by, has_children, archived,
// in_trash, type, <type>:{...}}, except that 2026-03-11 drops `archived` and names the
// meeting notes block `meeting_notes` (api/version.h).
#pragma once

#include <string>

#include "api/objects.h"
#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct BlockView {
  std::string id;
  ParentRef parent;  // "page_id", "block_id", "database_id" (with data source) or "workspace"
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
  bool has_children = false;
  bool in_trash = false;
  std::string type;
  json::object content;  // the type's object as shown
};

json::object RenderBlock(BlockView&& block, ApiVersion version);

// {object:"list", results, next_cursor, has_more, type:"block", block:{}}.
json::object BlockList(json::array results, const std::string& next_cursor);

}  // namespace localnotion::api
