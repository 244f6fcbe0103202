// Reading a page's property values as Notion renders them ({"type": T, T: value}) for
// filters and sorts. Every reader takes such a typed object (or nullptr for "no value")
// and understands every shape that can carry its kind of value: a text reader reads
// title, rich_text, url, email, phone_number and a formula's string; a date reader reads
// date, created_time, last_edited_time and formula or rollup dates; and so on. Formula
// values ({"type":"formula","formula":{"type":"string",...}}) are unwrapped on the way,
// which is also how rollup array items that are formulas are read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::query {

inline constexpr Millis kDayMs = 86'400'000;

// A point in time from a date value. Date-only values are midnight UTC with has_time
// false; they compare by day.
struct DatePoint {
  Millis ms = 0;
  bool has_time = false;
};

// Parses "YYYY-MM-DD" or an ISO 8601 date-time (offset or Z; none means UTC).
std::optional<DatePoint> ParseDatePoint(std::string_view text);

// The UTC day number (days since 1970-01-01) of a point.
int64_t DayOf(Millis ms);

// The "type" string of a typed object ({"type":"rollup",...} → "rollup"), "" when it has none.
std::string_view TypeOf(const json::value* typed);
// The member `key` of an object, or nullptr (also when v is null or not an object).
const json::value* Member(const json::value* v, std::string_view key);

// The JSON under a typed object's own type key, or nullptr. Formula wrappers are
// unwrapped: {"type":"formula","formula":{"type":"number","number":3}} gives 3 and sets
// *type to "number".
const json::value* Inner(const json::value* typed, std::string_view* type);

// Text: the plain text (rich text arrays concatenated), "" when empty.
std::string TextOf(const json::value* typed);
// The text of a value as stored under its type key (no typed wrapper): a rich text
// array's plain text, a string as it is, "" for anything else. TextOf reads this.
std::string StoredText(const json::value* v);
// Whether a stored rich text array holds a mention, whose plain_text is filled in on
// read with the current name of what it points at (so StoredText may be stale).
bool HoldsMention(const json::value* v);
// Number: number, unique_id's number, formula and rollup numbers.
std::optional<double> NumberOf(const json::value* typed);
// Checkbox: checkbox and formula booleans; false when absent.
bool CheckboxOf(const json::value* typed);
// Select and status: the option name.
std::optional<std::string> OptionNameOf(const json::value* typed);
// Multi-select: the option names.
std::vector<std::string> OptionNamesOf(const json::value* typed);
// Date: the start of date, created_time, last_edited_time, formula or rollup dates.
std::optional<DatePoint> DateOf(const json::value* typed);
// People (people, created_by, last_edited_by) and relation: the ids, dashed lower case.
std::vector<std::string> IdsOf(const json::value* typed);
// Files, people, relation, multi_select: the number of items.
size_t CountOf(const json::value* typed);

// Folds case for case-insensitive text conditions: ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic capitals become small letters; everything else is kept.
std::string FoldCase(std::string_view s);

}  // namespace localnotion::query
