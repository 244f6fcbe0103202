// The body of POST /v1/blocks/meeting_notes/query
// (https://developers.notion.com/reference/query-meeting-notes), as the SDK's
// QueryMeetingNotesParameters types it:
//   {"filter"?: {"operator": "and"|"or", "filters"?: [Condition | Group]},
//    "sort"?: [{"property", "direction": "ascending"|"descending"}], "limit"?: n}
// A Group is {"operator", "filters": [...]}; the SDK's type nests them three levels deep
// (the top filter, a group in it, a group in that, whose filters are conditions only).
// A Condition is {"property", "filter": {"operator", "value"?}} over the properties
// title, attendees, created_time, created_by, last_edited_time and last_edited_by,
// with the operators of the property's kind (kOperators below; Notion's own filter
// operator names) and the value forms of the SDK's type. query/meeting_notes_filter.h
// evaluates what this reads. Choices where Notion documents no text: docs/compat.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

inline constexpr int kMaxMeetingNotesLimit = 50;
inline constexpr int kMaxMeetingNotesFilterDepth = 3;

// How a property compares: text (title), date (the two times), person (attendees and
// the two authors).
enum class MeetingNoteKind { kText, kDate, kPerson };

// The value of a date condition, resolved against the request's clock: the day range
// [first_day, last_day] (days since 1970-01-01, UTC or the value's time zone), or, for a
// `datetime`, the minute `minute` (minutes since the epoch, UTC).
struct MeetingNoteDate {
  bool is_datetime = false;
  int64_t first_day = 0;
  int64_t last_day = 0;
  int64_t minute = 0;
  int offset_minutes = 0;  // of the value's time zone, to take a time's day there
};

struct MeetingNoteCondition {
  std::string property;
  MeetingNoteKind kind = MeetingNoteKind::kText;
  std::string op;                     // e.g. "string_contains", "is_empty"
  std::string text;                   // text operators
  MeetingNoteDate date;               // date operators
  std::vector<std::string> user_ids;  // person operators, dashed
};

struct MeetingNoteFilter {
  bool is_group = false;
  bool any = false;                        // group: "or" (else "and")
  std::vector<MeetingNoteFilter> filters;  // group
  MeetingNoteCondition condition;          // not a group
};

struct MeetingNoteSort {
  std::string property;
  bool descending = false;
};

struct MeetingNotesQuery {
  std::optional<MeetingNoteFilter> filter;
  std::vector<MeetingNoteSort> sorts;  // empty: newest first (created_time descending)
  int limit = kMaxMeetingNotesLimit;
};

// `now` resolves relative dates ("today", "one_week_ago", "the past 2 weeks").
Result<MeetingNotesQuery> ReadMeetingNotesQuery(const json::value& body, Millis now);

}  // namespace localnotion::validation
