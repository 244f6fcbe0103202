// The conditions of one filter type ("condition families"): their grammar, with Notion's
// validation messages, and their evaluation on a typed property value. Internal to
// ln_query; filter.cc composes them into property, formula and rollup filters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "query/values.h"
#include "schema/property_type.h"

namespace localnotion::query {

// The grammar a condition object follows. Each property type names the family of the
// filter key called after it (schema::PropertyType::filter_family); several keys share
// one, and a formula's `string` result takes the text family.
using Family = schema::FilterFamily;

enum class Op {
  kEquals,
  kDoesNotEqual,
  kContains,
  kDoesNotContain,
  kStartsWith,
  kEndsWith,
  kGreaterThan,
  kLessThan,
  kGreaterThanOrEqualTo,
  kLessThanOrEqualTo,
  kBefore,
  kAfter,
  kOnOrBefore,
  kOnOrAfter,
  kThisWeek,
  kPastWeek,
  kPastMonth,
  kPastYear,
  kNextWeek,
  kNextMonth,
  kNextYear,
  kIsEmpty,
  kIsNotEmpty,
  kVerificationStatus,  // verification: `status` is verified, expired or none (unverified)
};

struct Condition {
  Family family = Family::kText;
  Op op = Op::kIsEmpty;
  std::string text;         // text operand as given; select/multi_select name; uuid (normalized)
  std::string folded;       // FoldCase(text), for the case-insensitive text conditions
  double number = 0;
  json::value operand;      // the operand as given (numbers keep their integer or real form)
  bool boolean = false;
  DatePoint date;
};

// The family of a filter key ("rich_text", "number", ...), or nullopt when the key is not
// one that takes a condition object directly (formula, rollup) or is unknown.
// ParseCondition and Evaluate are never given Family::kNone.
std::optional<Family> FamilyOfKey(std::string_view key);

// Validates the condition object `c` found at `path` (e.g. "body.filter.number").
Result<Condition> ParseCondition(Family family, const json::value& c, const std::string& path);

// What a condition is evaluated on: the typed value ({"type": T, T: ...}) or nullptr.
// Timestamps (created_time and friends) come as a typed string too.
bool Evaluate(const Condition& cond, const json::value* typed, Millis now);

// Evaluates a date condition on a known point (or none), for timestamps.
bool EvaluateDate(const Condition& cond, const std::optional<DatePoint>& point, Millis now);

// Evaluates a people or relation condition on ids (dashed lower case).
bool EvaluateIds(const Condition& cond, const std::vector<std::string>& ids);

}  // namespace localnotion::query
