// AI meeting notes (https://developers.notion.com/reference/create-meeting-note,
// https://developers.notion.com/reference/query-meeting-notes):
//   POST /v1/blocks/meeting_notes         CreateMeetingNote
//   POST /v1/blocks/meeting_notes/query   QueryMeetingNotes
//
// A meeting notes block (stored type "meeting_notes"; shown as `transcription` before
// Notion-Version 2026-03-11) holds its summary, notes and transcript as three child
// blocks, its tabs, whose ids its `children` object names; each tab holds its content as
// ordinary blocks. localnotion cannot transcribe a recording: a note made through the API
// is finished at once (`notes_ready`) with empty tabs, and fixtures (docs/fixtures.md)
// give notes their content. Errors: body problems give 400 validation_error (validation/
// meeting_note_body.h, meeting_notes_query_body.h); a missing or unshared page, block or
// upload answers as those do elsewhere; choices in docs/compat.md ("Meeting notes").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/meeting_notes.h"
#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"
#include "validation/block_write.h"

namespace localnotion::service::blocks {

Result<json::value> CreateMeetingNote(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> QueryMeetingNotes(Context& ctx, const Caller& caller, const json::value& body);

// ---- Shared with admin/ (fixtures) ----
// The tab titles, in the order the tabs are stored.
inline constexpr std::string_view kSummaryTab = "Summary";
inline constexpr std::string_view kNotesTab = "Notes";
inline constexpr std::string_view kTranscriptTab = "Transcript";

// A meeting note to store. Empty ids (the block's, the tabs') are generated; a tab is
// made when its id is set or `make_*` says so.
struct NewMeetingNote {
  storage::BlockRecord row;  // id, parent, times, authors, in_trash; position 0: at the end
  api::MeetingNotesView view;
  bool make_summary = true;
  bool make_notes = true;
  bool make_transcript = true;
  std::vector<validation::NewBlock> summary, notes, transcript;  // the tabs' content
};

// Stores the block, its tabs and their content through the write path (`mode`), and
// returns the block's row. `after_position`: right after that sibling, else at the end.
Result<storage::BlockRecord> StoreMeetingNote(Context& ctx, const Caller& caller, NewMeetingNote& note,
                                              std::optional<int64_t> after_position, WriteMode mode);

}  // namespace localnotion::service::blocks
