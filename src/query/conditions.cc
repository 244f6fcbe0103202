// Per-type conditions (https://developers.notion.com/reference/post-database-query-filter;
// the OpenAPI schemas textPropertyFilter, numberPropertyFilter, ... in the copy of Notion's
// OpenAPI description at tests/e2e/spec/notion-openapi-2026-03-11.json). The
// choices where Notion is not explicit are in src/query/QUERY.md.
#include "query/conditions.h"

#include <algorithm>

#include "api/messages.h"
#include "common/uuid.h"
#include "schema/formula/date_time.h"
#include "schema/registry.h"

namespace localnotion::query {
namespace {

enum class Operand { kString, kNumber, kBoolean, kDate, kEmptyObject, kTrue, kUuid, kVerificationStatus };

struct OpSpec {
  std::string_view name;
  Op op;
  Operand operand;
};

constexpr OpSpec kEmptiness[] = {{"is_empty", Op::kIsEmpty, Operand::kTrue},
                                 {"is_not_empty", Op::kIsNotEmpty, Operand::kTrue}};

const std::vector<OpSpec>& OpsOf(Family family) {
  auto with_emptiness = [](std::vector<OpSpec> ops) {
    ops.insert(ops.end(), std::begin(kEmptiness), std::end(kEmptiness));
    return ops;
  };
  static const std::vector<OpSpec> text = with_emptiness({{"equals", Op::kEquals, Operand::kString},
                                                          {"does_not_equal", Op::kDoesNotEqual, Operand::kString},
                                                          {"contains", Op::kContains, Operand::kString},
                                                          {"does_not_contain", Op::kDoesNotContain, Operand::kString},
                                                          {"starts_with", Op::kStartsWith, Operand::kString},
                                                          {"ends_with", Op::kEndsWith, Operand::kString}});
  static const std::vector<OpSpec> number =
      with_emptiness({{"equals", Op::kEquals, Operand::kNumber},
                      {"does_not_equal", Op::kDoesNotEqual, Operand::kNumber},
                      {"greater_than", Op::kGreaterThan, Operand::kNumber},
                      {"less_than", Op::kLessThan, Operand::kNumber},
                      {"greater_than_or_equal_to", Op::kGreaterThanOrEqualTo, Operand::kNumber},
                      {"less_than_or_equal_to", Op::kLessThanOrEqualTo, Operand::kNumber}});
  static const std::vector<OpSpec> checkbox = {{"equals", Op::kEquals, Operand::kBoolean},
                                               {"does_not_equal", Op::kDoesNotEqual, Operand::kBoolean}};
  static const std::vector<OpSpec> select = with_emptiness(
      {{"equals", Op::kEquals, Operand::kString}, {"does_not_equal", Op::kDoesNotEqual, Operand::kString}});
  static const std::vector<OpSpec> multi_select = with_emptiness(
      {{"contains", Op::kContains, Operand::kString}, {"does_not_contain", Op::kDoesNotContain, Operand::kString}});
  static const std::vector<OpSpec> date = with_emptiness({{"equals", Op::kEquals, Operand::kDate},
                                                          {"before", Op::kBefore, Operand::kDate},
                                                          {"after", Op::kAfter, Operand::kDate},
                                                          {"on_or_before", Op::kOnOrBefore, Operand::kDate},
                                                          {"on_or_after", Op::kOnOrAfter, Operand::kDate},
                                                          {"this_week", Op::kThisWeek, Operand::kEmptyObject},
                                                          {"past_week", Op::kPastWeek, Operand::kEmptyObject},
                                                          {"past_month", Op::kPastMonth, Operand::kEmptyObject},
                                                          {"past_year", Op::kPastYear, Operand::kEmptyObject},
                                                          {"next_week", Op::kNextWeek, Operand::kEmptyObject},
                                                          {"next_month", Op::kNextMonth, Operand::kEmptyObject},
                                                          {"next_year", Op::kNextYear, Operand::kEmptyObject}});
  static const std::vector<OpSpec> ids = with_emptiness(
      {{"contains", Op::kContains, Operand::kUuid}, {"does_not_contain", Op::kDoesNotContain, Operand::kUuid}});
  static const std::vector<OpSpec> files = with_emptiness({});
  // https://developers.notion.com/reference/filter-data-source-entries (verificationPropertyStatusFilter).
  static const std::vector<OpSpec> verification = {
      {"status", Op::kVerificationStatus, Operand::kVerificationStatus}};
  switch (family) {
    case Family::kText: return text;
    case Family::kNumber: return number;
    case Family::kCheckbox: return checkbox;
    case Family::kSelect: return select;
    case Family::kMultiSelect: return multi_select;
    case Family::kDate: return date;
    case Family::kPeople:
    case Family::kRelation: return ids;
    case Family::kVerification: return verification;
    case Family::kFiles:
    case Family::kNone: return files;
  }
  return files;
}

Status ParseOperand(const OpSpec& spec, const json::value& v, const std::string& path, Condition& out) {
  out.operand = v;
  switch (spec.operand) {
    case Operand::kString:
      if (!v.is_string()) return api::FailedValidation(path, "a string", &v);
      out.text = std::string(v.get_string());
      out.folded = FoldCase(out.text);
      return OkStatus();
    case Operand::kNumber:
      if (!v.is_number()) return api::FailedValidation(path, "a number", &v);
      out.number = v.to_number<double>();
      return OkStatus();
    case Operand::kBoolean:
      if (!v.is_bool()) return api::FailedValidation(path, "a boolean", &v);
      out.boolean = v.get_bool();
      return OkStatus();
    case Operand::kDate: {
      std::optional<DatePoint> d = v.is_string() ? ParseDatePoint(v.get_string()) : std::nullopt;
      if (!d) return api::FailedValidation(path, "a valid ISO 8601 date string", &v);
      out.date = *d;
      out.text = std::string(v.get_string());
      return OkStatus();
    }
    case Operand::kEmptyObject:
      if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
      for (const auto& kv : v.get_object()) return api::NotPresent(api::Field(path, kv.key()), kv.value());
      return OkStatus();
    case Operand::kTrue:
      if (!v.is_bool() || !v.get_bool()) return api::FailedValidation(path, "`true`", &v);
      return OkStatus();
    case Operand::kVerificationStatus:
      if (!v.is_string() || (v.get_string() != "verified" && v.get_string() != "expired" && v.get_string() != "none")) {
        return api::FailedValidation(path, "`\"verified\"`, `\"expired\"`, or `\"none\"`", &v);
      }
      out.text = std::string(v.get_string());
      return OkStatus();
    case Operand::kUuid: {
      std::optional<std::string> id = v.is_string() ? NormalizeUuid(v.get_string()) : std::nullopt;
      if (!id) return api::FailedValidation(path, "a valid uuid", &v);
      out.text = *id;
      return OkStatus();
    }
  }
  return OkStatus();
}

// Compares a value with the operand: by UTC day when either is date-only, else to the
// millisecond. Returns <0, 0, >0.
int CompareDates(const DatePoint& value, const DatePoint& operand) {
  if (!value.has_time || !operand.has_time) {
    int64_t a = DayOf(value.ms), b = DayOf(operand.ms);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return value.ms < operand.ms ? -1 : value.ms > operand.ms ? 1 : 0;
}

// The inclusive range of UTC days a relative condition covers at `now`.
std::pair<int64_t, int64_t> RelativeDays(Op op, Millis now) {
  using schema::formula::AddToDate;
  using schema::formula::DateUnit;
  const int64_t today = DayOf(now);
  // A month or a year from the clock's now stays inside JavaScript's Date range.
  auto shifted = [now](double amount, DateUnit unit) { return DayOf(AddToDate(now, amount, unit).value_or(now)); };
  switch (op) {
    case Op::kThisWeek: {
      // Weeks start on Sunday, Notion's default ("Start week on Monday" is off).
      int64_t weekday = ((today % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
      return {today - weekday, today - weekday + 6};
    }
    case Op::kPastWeek: return {today - 7, today};
    case Op::kPastMonth: return {shifted(-1, DateUnit::kMonths), today};
    case Op::kPastYear: return {shifted(-1, DateUnit::kYears), today};
    case Op::kNextWeek: return {today, today + 7};
    case Op::kNextMonth: return {today, shifted(1, DateUnit::kMonths)};
    case Op::kNextYear: return {today, shifted(1, DateUnit::kYears)};
    default: return {today, today};
  }
}

bool EvaluateText(const Condition& c, const std::string& s) {
  auto folded = [&] { return FoldCase(s); };
  switch (c.op) {
    case Op::kEquals: return s == c.text;
    case Op::kDoesNotEqual: return s != c.text;
    case Op::kContains: return folded().find(c.folded) != std::string::npos;
    case Op::kDoesNotContain: return folded().find(c.folded) == std::string::npos;
    case Op::kStartsWith: return folded().starts_with(c.folded);
    case Op::kEndsWith: return folded().ends_with(c.folded);
    case Op::kIsEmpty: return s.empty();
    case Op::kIsNotEmpty: return !s.empty();
    default: return false;
  }
}

bool EvaluateNumber(const Condition& c, const std::optional<double>& n) {
  switch (c.op) {
    case Op::kEquals: return n && *n == c.number;
    case Op::kDoesNotEqual: return !n || *n != c.number;
    case Op::kGreaterThan: return n && *n > c.number;
    case Op::kLessThan: return n && *n < c.number;
    case Op::kGreaterThanOrEqualTo: return n && *n >= c.number;
    case Op::kLessThanOrEqualTo: return n && *n <= c.number;
    case Op::kIsEmpty: return !n;
    case Op::kIsNotEmpty: return n.has_value();
    default: return false;
  }
}

bool EvaluateSelect(const Condition& c, const std::optional<std::string>& name) {
  switch (c.op) {
    case Op::kEquals: return name && *name == c.text;
    case Op::kDoesNotEqual: return !name || *name != c.text;
    case Op::kIsEmpty: return !name;
    case Op::kIsNotEmpty: return name.has_value();
    default: return false;
  }
}

bool EvaluateList(const Condition& c, const std::vector<std::string>& items) {
  bool has = std::find(items.begin(), items.end(), c.text) != items.end();
  switch (c.op) {
    case Op::kContains: return has;
    case Op::kDoesNotContain: return !has;
    case Op::kIsEmpty: return items.empty();
    case Op::kIsNotEmpty: return !items.empty();
    default: return false;
  }
}

}  // namespace

std::optional<Family> FamilyOfKey(std::string_view key) {
  // A formula's `string` result takes the text conditions; every other key is a type's name.
  if (key == "string") return Family::kText;
  const schema::PropertyType* type = schema::FindType(key);
  if (type == nullptr || type->filter_family() == Family::kNone) return std::nullopt;
  return type->filter_family();
}

Result<Condition> ParseCondition(Family family, const json::value& c, const std::string& path) {
  if (!c.is_object()) return api::FailedValidation(path, "an object", &c);
  const std::vector<OpSpec>& ops = OpsOf(family);
  const json::object& obj = c.get_object();
  if (obj.empty()) {
    std::vector<std::string> alternatives;
    for (const auto& spec : ops) alternatives.push_back(api::ShouldBe(api::Field(path, spec.name), "defined", nullptr));
    return api::FixOne(alternatives);
  }
  Condition out;
  out.family = family;
  bool found = false;
  for (const auto& kv : obj) {
    auto it = std::find_if(ops.begin(), ops.end(), [&](const OpSpec& s) { return s.name == kv.key(); });
    // One condition per object: an unknown key, or a second condition, is not allowed.
    if (it == ops.end() || found) return api::NotPresent(api::Field(path, kv.key()), kv.value());
    found = true;
    out.op = it->op;
    LN_RETURN_IF_ERROR(ParseOperand(*it, kv.value(), api::Field(path, kv.key()), out));
  }
  return out;
}

bool EvaluateDate(const Condition& c, const std::optional<DatePoint>& d, Millis now) {
  switch (c.op) {
    case Op::kIsEmpty: return !d;
    case Op::kIsNotEmpty: return d.has_value();
    default: break;
  }
  if (!d) return false;
  switch (c.op) {
    case Op::kEquals: return CompareDates(*d, c.date) == 0;
    case Op::kBefore: return CompareDates(*d, c.date) < 0;
    case Op::kAfter: return CompareDates(*d, c.date) > 0;
    case Op::kOnOrBefore: return CompareDates(*d, c.date) <= 0;
    case Op::kOnOrAfter: return CompareDates(*d, c.date) >= 0;
    default: {
      auto [lo, hi] = RelativeDays(c.op, now);
      int64_t day = DayOf(d->ms);
      return day >= lo && day <= hi;
    }
  }
}

bool EvaluateIds(const Condition& c, const std::vector<std::string>& ids) { return EvaluateList(c, ids); }

bool Evaluate(const Condition& c, const json::value* typed, Millis now) {
  switch (c.family) {
    case Family::kText: return EvaluateText(c, TextOf(typed));
    case Family::kNumber: return EvaluateNumber(c, NumberOf(typed));
    case Family::kCheckbox: {
      bool v = CheckboxOf(typed);
      return c.op == Op::kEquals ? v == c.boolean : v != c.boolean;
    }
    case Family::kSelect: return EvaluateSelect(c, OptionNameOf(typed));
    case Family::kMultiSelect: return EvaluateList(c, OptionNamesOf(typed));
    case Family::kDate: return EvaluateDate(c, DateOf(typed), now);
    case Family::kPeople:
    case Family::kRelation: return EvaluateList(c, IdsOf(typed));
    case Family::kFiles: return c.op == Op::kIsEmpty ? CountOf(typed) == 0 : CountOf(typed) != 0;
    case Family::kVerification: {
      // The rendered state: "unverified" is what the filter calls "none".
      const json::value* v = typed != nullptr && typed->is_object() ? Find(typed->get_object(), "verification") : nullptr;
      const json::value* state = v != nullptr && v->is_object() ? Find(v->get_object(), "state") : nullptr;
      std::string_view s = state != nullptr && state->is_string() ? std::string_view(state->get_string()) : "unverified";
      return s == (c.text == "none" ? std::string_view("unverified") : std::string_view(c.text));
    }
    case Family::kNone: return false;
  }
  return false;
}

}  // namespace localnotion::query
