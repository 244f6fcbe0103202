#include "query/meeting_notes_filter.h"

#include <algorithm>
#include <cmath>

namespace localnotion::query {
namespace {

using validation::MeetingNoteCondition;
using validation::MeetingNoteKind;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool MatchText(const MeetingNoteCondition& c, const std::string& value) {
  const std::string v = Lower(value);
  const std::string q = Lower(c.text);
  if (c.op == "string_is") return v == q;
  if (c.op == "string_is_not") return v != q;
  if (c.op == "string_contains") return v.find(q) != std::string::npos;
  if (c.op == "string_does_not_contain") return v.find(q) == std::string::npos;
  if (c.op == "string_starts_with") return v.compare(0, q.size(), q) == 0;
  if (c.op == "string_ends_with") return v.size() >= q.size() && v.compare(v.size() - q.size(), q.size(), q) == 0;
  return false;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

bool MatchDate(const MeetingNoteCondition& c, Millis time) {
  const validation::MeetingNoteDate& d = c.date;
  // The time's day where the value was given, or its minute for a date-time.
  const int64_t minute = FloorDiv(time, 60 * 1000);
  int64_t lo = 0, hi = 0, at = 0;
  if (d.is_datetime) {
    lo = hi = d.minute;
    at = minute;
  } else {
    lo = d.first_day;
    hi = d.last_day;
    at = FloorDiv(minute + d.offset_minutes, 24 * 60);
  }
  if (c.op == "date_is") return at >= lo && at <= hi;
  if (c.op == "date_is_before") return at < lo;
  if (c.op == "date_is_after") return at > hi;
  if (c.op == "date_is_on_or_before") return at <= hi;
  if (c.op == "date_is_on_or_after") return at >= lo;
  if (c.op == "date_is_within") return at >= lo && at <= hi;
  return false;
}

bool MatchPeople(const MeetingNoteCondition& c, const std::vector<std::string>& people) {
  bool any = false;
  for (const std::string& id : c.user_ids) {
    any = any || std::find(people.begin(), people.end(), id) != people.end();
  }
  if (c.op == "person_contains") return any;
  if (c.op == "person_does_not_contain") return !any;
  return false;
}

bool MatchCondition(const MeetingNoteCondition& c, const MeetingNoteFields& note) {
  switch (c.kind) {
    case MeetingNoteKind::kText:
      if (c.op == "is_empty") return note.title.empty();
      if (c.op == "is_not_empty") return !note.title.empty();
      return MatchText(c, note.title);
    case MeetingNoteKind::kDate: {
      // Both times are always set, so never empty.
      if (c.op == "is_empty") return false;
      if (c.op == "is_not_empty") return true;
      return MatchDate(c, c.property == "created_time" ? note.created_time : note.last_edited_time);
    }
    case MeetingNoteKind::kPerson: {
      std::vector<std::string> people;
      if (c.property == "attendees") {
        people = note.attendees;
      } else {
        const std::string& who = c.property == "created_by" ? note.created_by : note.last_edited_by;
        if (!who.empty()) people.push_back(who);
      }
      if (c.op == "is_empty") return people.empty();
      if (c.op == "is_not_empty") return !people.empty();
      return MatchPeople(c, people);
    }
  }
  return false;
}

// -1, 0 or 1 for `a` against `b` on `property`.
int Compare(const std::string& property, const MeetingNoteFields& a, const MeetingNoteFields& b) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
  if (property == "title") return cmp(Lower(a.title), Lower(b.title));
  if (property == "created_time") return cmp(a.created_time, b.created_time);
  if (property == "last_edited_time") return cmp(a.last_edited_time, b.last_edited_time);
  if (property == "created_by") return cmp(a.created_by, b.created_by);
  if (property == "last_edited_by") return cmp(a.last_edited_by, b.last_edited_by);
  if (property == "attendees") return cmp(a.attendees, b.attendees);
  return 0;
}

}  // namespace

bool MatchesMeetingNote(const validation::MeetingNoteFilter& filter, const MeetingNoteFields& note) {
  if (!filter.is_group) return MatchCondition(filter.condition, note);
  if (filter.filters.empty()) return true;
  for (const validation::MeetingNoteFilter& f : filter.filters) {
    const bool m = MatchesMeetingNote(f, note);
    if (filter.any && m) return true;
    if (!filter.any && !m) return false;
  }
  return !filter.any;
}

std::vector<size_t> OrderMeetingNotes(const std::vector<MeetingNoteFields>& notes,
                                      const std::vector<validation::MeetingNoteSort>& sorts) {
  static const std::vector<validation::MeetingNoteSort> kNewestFirst = {{"created_time", true}};
  const auto& use = sorts.empty() ? kNewestFirst : sorts;
  std::vector<size_t> order(notes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (const validation::MeetingNoteSort& s : use) {
      const int c = Compare(s.property, notes[a], notes[b]);
      if (c != 0) return s.descending ? c > 0 : c < 0;
    }
    return false;
  });
  return order;
}

}  // namespace localnotion::query
