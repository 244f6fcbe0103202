// PATCH and DELETE /v1/comments/{id} (https://developers.notion.com/reference/update-a-comment,
// https://developers.notion.com/reference/delete-a-comment; SDK 5.19 comments.update and
// comments.delete). An integration may edit or delete only the comments it wrote: any
// other comment, and one on something it cannot see, is 404 object_not_found, as Notion
// answers. Deleting the first comment of a discussion deletes the whole discussion;
// deleting a reply deletes only the reply (docs/compat.md).
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/comments/comments.h"
#include "validation/comment_update_body.h"

namespace localnotion::service::comments {
namespace {

// The comment `raw_id` names, when the caller wrote it and can see its parent.
Result<storage::CommentRecord> LoadOwnComment(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("comment_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto c, ctx.store().GetComment(id));
  if (!c || c->created_by != caller.integration.bot_user_id) return NotFound("comment", id);
  if (!blocks::LoadBlockTarget(ctx, c->parent_id).ok()) return NotFound("comment", id);
  return std::move(*c);
}

}  // namespace

Result<json::value> UpdateComment(Context& ctx, const Caller& caller, std::string_view raw_id,
                                  const json::value& body) {
  LN_ASSIGN_OR_RETURN(storage::CommentRecord c, LoadOwnComment(ctx, caller, raw_id));
  LN_ASSIGN_OR_RETURN(validation::CommentUpdateBody b, validation::ReadCommentUpdateBody(body));
  c.rich_text = std::move(*b.rich_text);
  c.last_edited_time = NowMillis();
  LN_RETURN_IF_ERROR(ctx.UpdateComment(caller, c));
  return GetComment(ctx, caller, c.id);
}

Result<json::value> DeleteComment(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(storage::CommentRecord c, LoadOwnComment(ctx, caller, raw_id));
  LN_ASSIGN_OR_RETURN(json::value shown, GetComment(ctx, caller, c.id));
  LN_ASSIGN_OR_RETURN(auto first, ctx.store().FirstCommentOf(c.discussion_id));
  if (first && first->id == c.id) {
    LN_ASSIGN_OR_RETURN(auto siblings, ctx.store().ListComments(c.parent_id));
    for (const auto& s : siblings) {
      if (s.discussion_id == c.discussion_id && s.id != c.id) LN_RETURN_IF_ERROR(ctx.DeleteComment(caller, s));
    }
  }
  LN_RETURN_IF_ERROR(ctx.DeleteComment(caller, c));
  return shown;
}

}  // namespace localnotion::service::comments
