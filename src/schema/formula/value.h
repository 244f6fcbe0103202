// The values a Notion formula computes with: string, number, boolean, date, list, and
// null (Notion's "empty"). Values are immutable once built and cheap to copy: a list
// shares its elements.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/clock.h"

namespace localnotion::schema::formula {

// The type of a value, and the static type of an expression. kNull is both the type of
// an empty value and, for the type checker, "unknown" (it is compatible with every type).
enum class Type { kString, kNumber, kBoolean, kDate, kList, kNull };

// The name of a type as messages show it: "string", "number", "boolean", "date",
// "list", "empty".
std::string_view TypeName(Type type);

// A date or a date range. `start` and `end` are UTC instants; a date-only value
// (has_time false) is held at midnight UTC of its day.
struct DateValue {
  Millis start = 0;
  std::optional<Millis> end;
  bool has_time = false;

  bool operator==(const DateValue&) const = default;
};

class Value {
 public:
  // The empty value.
  Value() = default;

  static Value String(std::string s);
  static Value Number(double d);
  static Value Boolean(bool b);
  static Value Date(DateValue d);
  static Value List(std::vector<Value> items);

  Type type() const;
  bool is_null() const { return v_.index() == 0; }

  // Accessors; each must only be called when type() is the matching type.
  const std::string& string() const { return std::get<std::string>(v_); }
  double number() const { return std::get<double>(v_); }
  bool boolean() const { return std::get<bool>(v_); }
  const DateValue& date() const { return std::get<DateValue>(v_); }
  const std::vector<Value>& list() const { return *std::get<ListPtr>(v_); }

  // Strict equality: values of different types are never equal; lists compare element
  // by element; dates compare start, end and has_time.
  bool operator==(const Value& other) const;

 private:
  using ListPtr = std::shared_ptr<const std::vector<Value>>;
  std::variant<std::monostate, std::string, double, bool, DateValue, ListPtr> v_;
};

// What a formula may refer to with prop("Name"): a property of the data source and the
// formula type its values have (see formula.h for the mapping from property types).
struct PropertyInfo {
  std::string name;
  Type type = Type::kNull;
};

// The text format() gives a value: numbers as JavaScript prints them ("2.5", "1e+21"),
// booleans as "true"/"false", dates as "January 5, 2024" or "January 5, 2024 10:00 AM"
// (a range joins start and end with " → "), lists as their elements' texts joined with
// ", ", and the empty value as "".
std::string FormatValue(const Value& value);

}  // namespace localnotion::schema::formula
