// The rows behind the File Upload API and comments (service/uploads/file_uploads.cc,
// service/comments/comments.cc). Kept apart from records.h so that the two areas stay easy to
// find; the Store interface declares their accessors at its end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::storage {

// A file upload. `status` is what was last written ("pending", "uploaded", "failed");
// "expired" is derived when read (service/uploads/file_uploads.cc), never stored.
struct FileUploadRecord {
  std::string id;
  std::string integration_id;              // the integration that created it (lists show only its own)
  std::string created_by;                  // that integration's bot user id
  std::string mode;                        // "single_part", "multi_part" or "external_url"
  std::string status;                      // "pending", "uploaded" or "failed"
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
  std::optional<int64_t> content_length;
  int64_t number_of_parts = 0;             // multi_part: the parts announced
  std::optional<std::string> external_url;
  Millis created_time = 0;
  Millis last_edited_time = 0;
  Millis expiry_time = 0;                  // when an unattached upload expires
  bool attached = false;                   // used by a page, database or comment: never expires
};

// A comment. Discussions are not rows: a discussion is the comments sharing an id.
struct CommentRecord {
  std::string id;
  std::string parent_type;                 // "page_id" or "block_id"
  std::string parent_id;
  std::string discussion_id;
  json::array rich_text;                   // complete response form
  json::array attachments;                 // [{category, file:<stored file form>}]
  json::value display_name;                // {type, resolved_name}
  Millis created_time = 0;
  Millis last_edited_time = 0;
  std::string created_by;                  // user id
};

}  // namespace localnotion::storage
