// The AI meeting notes block's type object and the meeting notes query answer
// (https://developers.notion.com/reference/block#meeting-notes,
// https://developers.notion.com/reference/query-meeting-notes). The block is
// `"type": "meeting_notes"` from Notion-Version 2026-03-11 and `"transcription"` before,
// with the same object (RenderBlock in block_objects.cc names it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"

namespace localnotion::api {

// The statuses of the SDK's ApiTranscriptionStatus, plus `transcription_failed`, which
// the create response's type also lists.
bool IsMeetingNotesStatus(std::string_view status);

struct MeetingNotesView {
  json::array title;  // complete rich text
  std::string status;
  std::string summary_block_id;                // empty: none
  std::string notes_block_id;                  // empty: none
  std::string transcript_block_id;             // empty: none
  std::optional<json::object> calendar_event;  // {start_time, end_time, attendees?}
  std::optional<json::object> recording;       // {start_time?, end_time?}
};

// {title, status, children: {summary_block_id?, notes_block_id?, transcript_block_id?},
//  calendar_event?, recording?} in the order of the SDK's TranscriptionBlockResponse.
json::object MeetingNotesContent(const MeetingNotesView& view);

// One text item of plain `text` in its complete response form (no annotations, no link).
json::object PlainTextItem(std::string_view text);

// {"results": [...], "has_more": bool}: the query answers no `object`, `next_cursor` or
// `type` (the SDK's QueryMeetingNotesResponse; the endpoint has no cursor).
json::object MeetingNotesQueryResponse(json::array results, bool has_more);

}  // namespace localnotion::api
