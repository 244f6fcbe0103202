// The body of POST /v1/blocks/meeting_notes
// (https://developers.notion.com/reference/create-meeting-note):
//   {"title"?: string, "language"?: "auto" | "en" | ..., "options"?: {"kickoff_summary"?: bool},
//    "source": {"type": "file_upload", "file_upload_id": ID}, "parent": {"type": "page_id", "page_id": ID}}
//  | {... "source": {"type": "block", "block_id": ID}}            (no `parent`)
// as the SDK's CreateMeetingNoteParameters types it. `type` may be left out of `source`
// and `parent` (as in Notion's other unions, it follows from the key given); ids may
// have dashes or not. Whether the upload, block and page exist and may be used is the
// service's check (service/blocks/meeting_notes.cc).
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

// The longest title accepted: the 2,000 characters of one rich text item
// (https://developers.notion.com/reference/request-limits).
inline constexpr size_t kMaxMeetingNoteTitle = 2000;

struct MeetingNoteCreate {
  std::optional<std::string> title;
  std::string language = "auto";
  bool kickoff_summary = true;  // Notion's default: a summary is made after the transcript
  std::string source_type;      // "file_upload" or "block"
  std::string source_id;        // the file upload's or the block's id, dashed
  std::string parent_page_id;   // "file_upload" only
};

Result<MeetingNoteCreate> ReadMeetingNoteCreate(const json::value& body);

}  // namespace localnotion::validation
