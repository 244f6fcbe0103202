#include "api/comment_objects.h"

#include "api/objects.h"

namespace localnotion::api {

json::object RenderComment(CommentView&& c) {
  json::object o;
  o["object"] = "comment";
  o["id"] = c.id;
  o["parent"] = json::object{{"type", c.parent_type}, {c.parent_type, c.parent_id}};
  o["discussion_id"] = c.discussion_id;
  o["created_time"] = FormatIso8601Minute(c.created_time);
  o["last_edited_time"] = FormatIso8601Minute(c.last_edited_time);
  o["created_by"] = PartialUser(c.created_by);
  o["rich_text"] = std::move(c.rich_text);
  o["display_name"] = std::move(c.display_name);
  if (!c.attachments.empty()) o["attachments"] = std::move(c.attachments);
  return o;
}

}  // namespace localnotion::api
