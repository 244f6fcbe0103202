// The wire shape of comment objects (https://developers.notion.com/reference/comment-object):
// {object:"comment", id, parent:{type, <type>:id}, discussion_id, created_time,
// last_edited_time, created_by:{object:"user", id}, rich_text, display_name,
// attachments?}. attachments is left out when the comment has none.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct CommentView {
  std::string id;
  std::string parent_type;      // "page_id" or "block_id"
  std::string parent_id;
  std::string discussion_id;
  Millis created_time = 0;
  Millis last_edited_time = 0;
  std::string created_by;       // user id
  json::array rich_text;        // complete response form
  json::value display_name;     // {type, resolved_name}
  json::array attachments;      // as shown, files already signed
};

json::object RenderComment(CommentView&& comment);

}  // namespace localnotion::api
