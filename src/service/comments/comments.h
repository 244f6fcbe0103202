// Comments (https://developers.notion.com/reference/comment-object):
//   POST /v1/comments            {parent:{page_id}|{block_id}} or {discussion_id}; rich_text;
//                                attachments [{file_upload_id}] (at most 3); display_name
//   GET  /v1/comments?block_id=  the comments on a page or block, oldest first, paginated
//   GET  /v1/comments/{id}
//   PATCH /v1/comments/{id}      {rich_text} (or {markdown}, not implemented yet)   (comment_edits.cc)
//   DELETE /v1/comments/{id}                                                      (comment_edits.cc)
// Only the integration that wrote a comment may update or delete it; for any other the
// answer is 404 object_not_found, as Notion's.
// A comment on a page or block starts a new discussion; a comment with discussion_id
// joins that discussion and takes its parent. A parent the integration cannot see, a
// database, or an unknown discussion gives 404 object_not_found; a comment on something
// in the trash gives 400 validation_error "Can't edit block that is archived. You must
// unarchive the block before editing."; bad bodies give 400 validation_error. They may
// touch comments and attach file uploads. Choices where Notion's behaviour is unknown:
// docs/compat.md "Comments".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::comments {

Result<json::value> CreateComment(Context& ctx, const Caller& caller, const json::value& body);
// GET /v1/comments?block_id= (a page id or a block id): the open comments, oldest first.
Result<json::value> ListComments(Context& ctx, const Caller& caller, const std::optional<std::string>& block_id,
                                 const PageArgs& args);
Result<json::value> GetComment(Context& ctx, const Caller& caller, std::string_view comment_id);
Result<json::value> UpdateComment(Context& ctx, const Caller& caller, std::string_view comment_id,
                                  const json::value& body);
// Answers the deleted comment as it was.
Result<json::value> DeleteComment(Context& ctx, const Caller& caller, std::string_view comment_id);

}  // namespace localnotion::service::comments
