// The body of POST /v1/comments (https://developers.notion.com/reference/create-a-comment):
// `parent` {page_id | block_id} or `discussion_id`, `rich_text`, `display_name` and up
// to three `attachments` [{file_upload_id}]. Whether the parent, discussion and uploads
// exist is the service's check; it runs between these readers, in Notion's order:
// ReadCommentBody, then the parent or discussion, then ReadCommentAttachments and, per
// attachment, ReadCommentAttachment followed by that upload's checks.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

inline constexpr size_t kMaxCommentAttachments = 3;

struct CommentBody {
  // Exactly one of parent_page_id, parent_block_id and discussion_id is set (dashed UUIDs).
  std::optional<std::string> parent_page_id;
  std::optional<std::string> parent_block_id;
  std::optional<std::string> discussion_id;
  json::array rich_text;  // normalized (api::NormalizeRichText)
  // display_name.type: "integration" (also when absent), "user" or "custom"; custom_name
  // is set for "custom".
  std::string display_type = "integration";
  std::string custom_name;
  const json::value* attachments = nullptr;  // into the body; read by ReadCommentAttachments
};

// Reads everything but the attachments. Errors, in order: unknown keys; both or neither
// of parent and discussion_id; rich_text undefined or malformed; display_name; the
// parent's shape and id, or the discussion id.
Result<CommentBody> ReadCommentBody(const json::value& body);
// The result points into `body`, so a temporary body would leave it dangling.
Result<CommentBody> ReadCommentBody(json::value&& body) = delete;

// The attachments array: an array of at most kMaxCommentAttachments.
Status ReadCommentAttachments(const json::value& attachments);

// Attachment `i`: an object with file_upload_id (and optionally type "file_upload");
// returns the upload id as a dashed UUID.
Result<std::string> ReadCommentAttachment(size_t i, const json::value& item);

}  // namespace localnotion::validation
