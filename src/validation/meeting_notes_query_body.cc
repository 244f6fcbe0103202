#include "validation/meeting_notes_query_body.h"

#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "api/messages.h"
#include "common/timezone.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

constexpr int64_t kMsPerMinute = 60 * 1000;
constexpr int64_t kMinutesPerDay = 24 * 60;

struct PropertyInfo {
  std::string_view name;
  MeetingNoteKind kind;
};
constexpr std::array<PropertyInfo, 6> kProperties = {{{"title", MeetingNoteKind::kText},
                                                      {"attendees", MeetingNoteKind::kPerson},
                                                      {"created_time", MeetingNoteKind::kDate},
                                                      {"created_by", MeetingNoteKind::kPerson},
                                                      {"last_edited_time", MeetingNoteKind::kDate},
                                                      {"last_edited_by", MeetingNoteKind::kPerson}}};

// Notion's filter operators for each kind of property (the names its query filters use).
const std::vector<std::string_view>& Operators(MeetingNoteKind kind) {
  static const std::vector<std::string_view> kText = {
      "string_is",          "string_is_not",    "string_contains", "string_does_not_contain",
      "string_starts_with", "string_ends_with", "is_empty",        "is_not_empty"};
  static const std::vector<std::string_view> kDate = {
      "date_is",        "date_is_before", "date_is_after", "date_is_on_or_before", "date_is_on_or_after",
      "date_is_within", "is_empty",       "is_not_empty"};
  static const std::vector<std::string_view> kPerson = {"person_contains", "person_does_not_contain", "is_empty",
                                                        "is_not_empty"};
  return kind == MeetingNoteKind::kText ? kText : kind == MeetingNoteKind::kDate ? kDate : kPerson;
}

bool OneOf(const json::value& v, const auto& values) {
  if (!v.is_string()) return false;
  for (const auto& s : values) {
    if (v.get_string() == s) return true;
  }
  return false;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// "YYYY-MM-DD" to its day number.
std::optional<int64_t> ParseDay(std::string_view s, int* y_out = nullptr, int* m_out = nullptr, int* d_out = nullptr) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(s.substr(0, 4)));
  m = std::stoi(std::string(s.substr(5, 2)));
  d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  if (y_out) *y_out = y;
  if (m_out) *m_out = m;
  if (d_out) *d_out = d;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int64_t DayOf(Millis ms) { return static_cast<int64_t>(std::floor(static_cast<double>(ms) / 86400000.0)); }

// The day `units` units (day, week, month, year) after `day` (before, when negative).
int64_t AddUnits(int64_t day, std::string_view unit, int64_t n) {
  if (unit == "day") return day + n;
  if (unit == "week") return day + 7 * n;
  // Months and years move the calendar date (the day of month is clamped to 28 for a
  // simple, always valid date: a relative range does not need better).
  const int64_t z = day + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  int64_t months = y * 12 + (m - 1) + (unit == "month" ? n : 12 * n);
  y = months >= 0 ? months / 12 : (months - 11) / 12;
  m = months - y * 12 + 1;
  return DaysFromCivil(y, static_cast<unsigned>(m), d > 28 ? 28 : d);
}

// A relative date of the 2026-03-30 changelog: today, tomorrow, yesterday, one_week_ago,
// one_week_from_now, one_month_ago, one_month_from_now.
std::optional<int64_t> RelativeDay(std::string_view name, int64_t today) {
  if (name == "today") return today;
  if (name == "tomorrow") return today + 1;
  if (name == "yesterday") return today - 1;
  if (name == "one_week_ago") return today - 7;
  if (name == "one_week_from_now") return today + 7;
  if (name == "one_month_ago") return AddUnits(today, "month", -1);
  if (name == "one_month_from_now") return AddUnits(today, "month", 1);
  return std::nullopt;
}

constexpr std::array<std::string_view, 7> kRelativeDates = {
    "today", "tomorrow", "yesterday", "one_week_ago", "one_week_from_now", "one_month_ago", "one_month_from_now"};

Status ReadExactDate(const std::string& path, const json::value& v, bool within, MeetingNoteDate& out) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& o = v.get_object();
  const json::value* type = Find(o, "type");
  const std::string type_path = api::Field(path, "type");
  if (type == nullptr) return api::NotDefined(type_path);
  static const std::array<std::string_view, 2> kPoint = {"date", "datetime"};
  static const std::array<std::string_view, 1> kRange = {"daterange"};
  if (within ? !OneOf(*type, kRange) : !OneOf(*type, kPoint)) {
    return within ? api::FailedValidation(type_path, api::EnumChoices(kRange), type)
                  : api::FailedValidation(type_path, api::EnumChoices(kPoint), type);
  }
  const std::string_view t = type->get_string();
  if (t == "daterange") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "start_date", "end_date"}));
  } else if (t == "date") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "start_date", "time_zone"}));
  } else {
    LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "start_date", "start_time", "time_zone"}));
  }
  auto read_day = [&](std::string_view key, int* y, int* m, int* d) -> Result<int64_t> {
    const std::string p = api::Field(path, key);
    const json::value* raw = Find(o, key);
    if (raw == nullptr) return api::NotDefined(p);
    std::optional<int64_t> day = raw->is_string() ? ParseDay(raw->get_string(), y, m, d) : std::nullopt;
    if (!day) return api::FailedValidation(p, "a date string (YYYY-MM-DD)", raw);
    return *day;
  };
  int y = 0, m = 0, d = 0;
  LN_ASSIGN_OR_RETURN(out.first_day, read_day("start_date", &y, &m, &d));
  out.last_day = out.first_day;
  if (t == "daterange") {
    if (Find(o, "end_date") != nullptr) {
      LN_ASSIGN_OR_RETURN(out.last_day, read_day("end_date", nullptr, nullptr, nullptr));
    }
    return OkStatus();
  }
  int hour = 0, minute = 0;
  if (t == "datetime") {
    const std::string p = api::Field(path, "start_time");
    const json::value* raw = Find(o, "start_time");
    if (raw == nullptr) return api::NotDefined(p);
    const std::string_view s = raw->is_string() ? std::string_view(raw->get_string()) : std::string_view();
    bool ok = s.size() == 5 && s[2] == ':';
    for (size_t i : {0, 1, 3, 4}) ok = ok && s[i] >= '0' && s[i] <= '9';
    if (ok) {
      hour = (s[0] - '0') * 10 + (s[1] - '0');
      minute = (s[3] - '0') * 10 + (s[4] - '0');
      ok = hour < 24 && minute < 60;
    }
    if (!ok) return api::FailedValidation(p, "a time string (HH:MM)", raw);
    out.is_datetime = true;
  }
  if (const json::value* tz = Find(o, "time_zone")) {
    const std::string p = api::Field(path, "time_zone");
    if (!tz->is_string() || !IsTimeZone(tz->get_string())) {
      return api::FailedValidation(p, "a valid IANA time zone", tz);
    }
    out.offset_minutes = UtcOffsetMinutes(tz->get_string(), y, m, d, hour, minute, 0).value_or(0);
  }
  out.minute = out.first_day * kMinutesPerDay + hour * 60 + minute - out.offset_minutes;
  return OkStatus();
}

Status ReadDateValue(const std::string& path, const json::value& v, bool within, Millis now, MeetingNoteDate& out) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& o = v.get_object();
  const json::value* type = Find(o, "type");
  if (type == nullptr) return api::NotDefined(api::Field(path, "type"));
  static const std::array<std::string_view, 2> kTypes = {"relative", "exact"};
  if (!OneOf(*type, kTypes)) return api::FailedValidation(api::Field(path, "type"), api::EnumChoices(kTypes), type);
  const std::string value_path = api::Field(path, "value");
  const json::value* value = Find(o, "value");
  if (value == nullptr) return api::NotDefined(value_path);
  if (type->get_string() == "exact") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "value"}));
    return ReadExactDate(value_path, *value, within, out);
  }
  const int64_t today = DayOf(now);
  if (!within) {
    LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "value"}));
    std::optional<int64_t> day = value->is_string() ? RelativeDay(value->get_string(), today) : std::nullopt;
    if (!day) return api::FailedValidation(value_path, api::EnumChoices(kRelativeDates), value);
    out.first_day = out.last_day = *day;
    return OkStatus();
  }
  // date_is_within, relative: the past or next `count` units, today included.
  LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"type", "value", "direction", "unit", "count"}));
  if (!value->is_string()) return api::FailedValidation(value_path, "a string", value);
  static const std::array<std::string_view, 2> kDirections = {"past", "future"};
  static const std::array<std::string_view, 4> kUnits = {"day", "week", "month", "year"};
  const json::value* direction = Find(o, "direction");
  const json::value* unit = Find(o, "unit");
  const json::value* count = Find(o, "count");
  if (direction == nullptr) return api::NotDefined(api::Field(path, "direction"));
  if (!OneOf(*direction, kDirections)) {
    return api::FailedValidation(api::Field(path, "direction"), api::EnumChoices(kDirections), direction);
  }
  if (unit == nullptr) return api::NotDefined(api::Field(path, "unit"));
  if (!OneOf(*unit, kUnits)) return api::FailedValidation(api::Field(path, "unit"), api::EnumChoices(kUnits), unit);
  int64_t n = 1;
  if (count != nullptr) {
    if (!count->is_int64() || count->get_int64() < 1 || count->get_int64() > 10000) {
      return api::FailedValidation(api::Field(path, "count"), "an integer from `1` to `10000`", count);
    }
    n = count->get_int64();
  }
  if (direction->get_string() == "past") {
    out.first_day = AddUnits(today, unit->get_string(), -n);
    out.last_day = today;
  } else {
    out.first_day = today;
    out.last_day = AddUnits(today, unit->get_string(), n);
  }
  return OkStatus();
}

Status ReadPeople(const std::string& path, const json::value& v, std::vector<std::string>& out) {
  if (!v.is_array()) return api::FailedValidation(path, "an array", &v);
  for (size_t i = 0; i < v.get_array().size(); ++i) {
    const std::string item_path = api::Index(path, i);
    const json::value& item = v.get_array()[i];
    if (!item.is_object()) return api::FailedValidation(item_path, "an object", &item);
    LN_RETURN_IF_ERROR(api::OnlyKeys(item.get_object(), item_path, {"type", "value"}));
    const json::value* type = Find(item.get_object(), "type");
    static const std::array<std::string_view, 1> kExact = {"exact"};
    if (type == nullptr) return api::NotDefined(api::Field(item_path, "type"));
    if (!OneOf(*type, kExact))
      return api::FailedValidation(api::Field(item_path, "type"), api::EnumChoices(kExact), type);
    const std::string value_path = api::Field(item_path, "value");
    const json::value* value = Find(item.get_object(), "value");
    if (value == nullptr) return api::NotDefined(value_path);
    if (!value->is_object()) return api::FailedValidation(value_path, "an object", value);
    LN_RETURN_IF_ERROR(api::OnlyKeys(value->get_object(), value_path, {"table", "id"}));
    const json::value* table = Find(value->get_object(), "table");
    static const std::array<std::string_view, 1> kTable = {"notion_user"};
    if (table == nullptr) return api::NotDefined(api::Field(value_path, "table"));
    if (!OneOf(*table, kTable))
      return api::FailedValidation(api::Field(value_path, "table"), api::EnumChoices(kTable), table);
    const json::value* id = Find(value->get_object(), "id");
    if (id == nullptr) return api::NotDefined(api::Field(value_path, "id"));
    auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation(api::Field(value_path, "id"), "a valid uuid", id);
    out.push_back(*norm);
  }
  return OkStatus();
}

Result<MeetingNoteCondition> ReadCondition(const std::string& path, const json::object& o, Millis now) {
  LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"property", "filter"}));
  MeetingNoteCondition c;
  const json::value* property = Find(o, "property");
  const std::string property_path = api::Field(path, "property");
  if (property == nullptr) return api::NotDefined(property_path);
  const PropertyInfo* info = nullptr;
  for (const PropertyInfo& p : kProperties) {
    if (property->is_string() && property->get_string() == p.name) info = &p;
  }
  if (info == nullptr) {
    std::vector<std::string_view> names;
    for (const PropertyInfo& p : kProperties) names.push_back(p.name);
    return api::FailedValidation(property_path, api::EnumChoices(names), property);
  }
  c.property = std::string(info->name);
  c.kind = info->kind;
  const std::string filter_path = api::Field(path, "filter");
  const json::value* filter = Find(o, "filter");
  if (filter == nullptr) return api::NotDefined(filter_path);
  if (!filter->is_object()) return api::FailedValidation(filter_path, "an object", filter);
  LN_RETURN_IF_ERROR(api::OnlyKeys(filter->get_object(), filter_path, {"operator", "value"}));
  const std::string op_path = api::Field(filter_path, "operator");
  const json::value* op = Find(filter->get_object(), "operator");
  if (op == nullptr) return api::NotDefined(op_path);
  if (!OneOf(*op, Operators(c.kind))) return api::FailedValidation(op_path, api::EnumChoices(Operators(c.kind)), op);
  c.op = std::string(op->get_string());
  const std::string value_path = api::Field(filter_path, "value");
  const json::value* value = Find(filter->get_object(), "value");
  if (c.op == "is_empty" || c.op == "is_not_empty") {
    if (value != nullptr) return api::NotPresent(value_path, *value);
    return c;
  }
  if (value == nullptr) return api::NotDefined(value_path);
  switch (c.kind) {
    case MeetingNoteKind::kText: {
      if (!value->is_object()) return api::FailedValidation(value_path, "an object", value);
      LN_RETURN_IF_ERROR(api::OnlyKeys(value->get_object(), value_path, {"type", "value"}));
      const json::value* type = Find(value->get_object(), "type");
      static const std::array<std::string_view, 1> kExact = {"exact"};
      if (type == nullptr) return api::NotDefined(api::Field(value_path, "type"));
      if (!OneOf(*type, kExact))
        return api::FailedValidation(api::Field(value_path, "type"), api::EnumChoices(kExact), type);
      const json::value* text = Find(value->get_object(), "value");
      if (text == nullptr) return api::NotDefined(api::Field(value_path, "value"));
      if (!text->is_string()) return api::FailedValidation(api::Field(value_path, "value"), "a string", text);
      c.text = std::string(text->get_string());
      return c;
    }
    case MeetingNoteKind::kDate:
      LN_RETURN_IF_ERROR(ReadDateValue(value_path, *value, c.op == "date_is_within", now, c.date));
      return c;
    case MeetingNoteKind::kPerson:
      LN_RETURN_IF_ERROR(ReadPeople(value_path, *value, c.user_ids));
      return c;
  }
  return c;
}

Result<MeetingNoteFilter> ReadFilter(const std::string& path, const json::value& v, int depth, Millis now) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& o = v.get_object();
  MeetingNoteFilter f;
  // A group has an operator; a condition a property. The top-level filter is a group.
  const bool group = depth == 1 || Find(o, "operator") != nullptr || Find(o, "property") == nullptr;
  if (!group) {
    LN_ASSIGN_OR_RETURN(f.condition, ReadCondition(path, o, now));
    return f;
  }
  if (depth > kMaxMeetingNotesFilterDepth) {
    return ValidationError(fmt::format(
        "body failed validation: {} nests filter groups deeper than {} levels; it may hold conditions only.", path,
        kMaxMeetingNotesFilterDepth));
  }
  LN_RETURN_IF_ERROR(api::OnlyKeys(o, path, {"operator", "filters"}));
  f.is_group = true;
  const std::string op_path = api::Field(path, "operator");
  const json::value* op = Find(o, "operator");
  static const std::array<std::string_view, 2> kOps = {"and", "or"};
  if (op == nullptr) return api::NotDefined(op_path);
  if (!OneOf(*op, kOps)) return api::FailedValidation(op_path, api::EnumChoices(kOps), op);
  f.any = op->get_string() == "or";
  const std::string filters_path = api::Field(path, "filters");
  const json::value* filters = Find(o, "filters");
  if (filters == nullptr) {
    // Only the top-level group may leave its filters out (the SDK's type).
    if (depth > 1) return api::NotDefined(filters_path);
    return f;
  }
  if (!filters->is_array()) return api::FailedValidation(filters_path, "an array", filters);
  for (size_t i = 0; i < filters->get_array().size(); ++i) {
    LN_ASSIGN_OR_RETURN(MeetingNoteFilter child,
                        ReadFilter(api::Index(filters_path, i), filters->get_array()[i], depth + 1, now));
    f.filters.push_back(std::move(child));
  }
  return f;
}

Result<std::vector<MeetingNoteSort>> ReadSorts(const json::value& v) {
  if (!v.is_array()) return api::FailedValidation("body.sort", "an array", &v);
  std::vector<MeetingNoteSort> out;
  for (size_t i = 0; i < v.get_array().size(); ++i) {
    const std::string path = api::Index("body.sort", i);
    const json::value& item = v.get_array()[i];
    if (!item.is_object()) return api::FailedValidation(path, "an object", &item);
    LN_RETURN_IF_ERROR(api::OnlyKeys(item.get_object(), path, {"property", "direction"}));
    const json::value* property = Find(item.get_object(), "property");
    std::vector<std::string_view> names;
    for (const PropertyInfo& p : kProperties) names.push_back(p.name);
    if (property == nullptr) return api::NotDefined(api::Field(path, "property"));
    if (!OneOf(*property, names))
      return api::FailedValidation(api::Field(path, "property"), api::EnumChoices(names), property);
    const json::value* direction = Find(item.get_object(), "direction");
    static const std::array<std::string_view, 2> kDirections = {"ascending", "descending"};
    if (direction == nullptr) return api::NotDefined(api::Field(path, "direction"));
    if (!OneOf(*direction, kDirections)) {
      return api::FailedValidation(api::Field(path, "direction"), api::EnumChoices(kDirections), direction);
    }
    out.push_back(MeetingNoteSort{std::string(property->get_string()), direction->get_string() == "descending"});
  }
  return out;
}

}  // namespace

Result<MeetingNotesQuery> ReadMeetingNotesQuery(const json::value& body, Millis now) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  LN_RETURN_IF_ERROR(api::OnlyKeys(o, "body", {"filter", "sort", "limit"}));
  MeetingNotesQuery q;
  if (const json::value* filter = Find(o, "filter")) {
    LN_ASSIGN_OR_RETURN(MeetingNoteFilter f, ReadFilter("body.filter", *filter, 1, now));
    q.filter = std::move(f);
  }
  if (const json::value* sort = Find(o, "sort")) {
    LN_ASSIGN_OR_RETURN(q.sorts, ReadSorts(*sort));
  }
  if (const json::value* limit = Find(o, "limit")) {
    if (!limit->is_number()) return api::FailedValidation("body.limit", "a number or `undefined`", limit);
    const double d = limit->to_number<double>();
    if (d > kMaxMeetingNotesLimit) return api::FailedValidation("body.limit", "≤ `50` or `undefined`", limit);
    if (d < 1) return api::FailedValidation("body.limit", "≥ `1` or `undefined`", limit);
    if (d != std::floor(d)) return api::FailedValidation("body.limit", "an integer or `undefined`", limit);
    q.limit = static_cast<int>(d);
  }
  return q;
}

}  // namespace localnotion::validation
