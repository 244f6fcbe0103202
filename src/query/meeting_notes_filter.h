// Evaluation of the meeting notes query (POST /v1/blocks/meeting_notes/query): the
// filter and sort that validation/meeting_notes_query_body.h reads, applied to what a
// meeting notes block shows (https://developers.notion.com/reference/query-meeting-notes).
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "validation/meeting_notes_query_body.h"

namespace localnotion::query {

// The properties of one meeting notes block the query can filter and sort on.
struct MeetingNoteFields {
  std::string title;                   // plain text
  std::vector<std::string> attendees;  // user ids (calendar_event.attendees)
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
};

// Whether `note` passes `filter`. Text comparisons are case-insensitive (ASCII), as
// Notion's text filters are; an empty group passes everything; times compare by day in
// UTC (or the value's time zone) for a `date`, by minute for a `datetime`.
bool MatchesMeetingNote(const validation::MeetingNoteFilter& filter, const MeetingNoteFields& note);

// The indices of `notes` in the order `sorts` gives (titles case-insensitively; people
// by id), ties kept in the order given. No sort means newest first.
std::vector<size_t> OrderMeetingNotes(const std::vector<MeetingNoteFields>& notes,
                                      const std::vector<validation::MeetingNoteSort>& sorts);

}  // namespace localnotion::query
