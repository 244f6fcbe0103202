// The body of PATCH /v1/pages/{page_id}/markdown
// (https://developers.notion.com/reference/update-page-markdown): a union on `type`,
//   {"type": "update_content", "update_content": {"content_updates": [{"old_str", "new_str",
//      "replace_all_matches"?}] (at most 100), "allow_deleting_content"?}}
//   {"type": "replace_content", "replace_content": {"new_str", "allow_deleting_content"?}}
//   {"type": "insert_content", "insert_content": {"content", "after"?, "position"?}}
//   {"type": "replace_content_range", "replace_content_range": {"content", "content_range",
//      "allow_deleting_content"?}}
// and an optional `allow_async` (bool). `position` is {"type": "start"} or {"type": "end"}
// and cannot be combined with `after`. Matching them against the page is the service's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct ContentUpdate {
  std::string old_str;
  std::string new_str;
  bool replace_all_matches = false;
};

struct MarkdownUpdate {
  std::string type;                    // one of the four commands
  std::vector<ContentUpdate> updates;  // update_content
  std::string content;                 // insert_content, replace_content_range; replace_content's new_str
  std::optional<std::string> after;    // insert_content
  std::string position;                // insert_content: "start", "end" or "" (after `after`, else the end)
  std::string content_range;           // replace_content_range
  bool allow_deleting_content = false;
  bool allow_async = false;  // answer an async task (service/tasks/async_tasks.h)
};

Result<MarkdownUpdate> ReadMarkdownUpdate(const json::value& body);

}  // namespace localnotion::validation
