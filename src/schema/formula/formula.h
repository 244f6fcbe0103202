// Notion's formula language (Formulas 2.0): compile an expression against a data
// source's properties, evaluate it for a page, and show the result as Notion's API does.
// What is supported, and every choice made where Notion's behaviour is unclear, is listed
// in SUPPORTED.md beside this file.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

// From value.h:
//   enum class Type { kString, kNumber, kBoolean, kDate, kList, kNull /* empty / unknown */ };
//   struct DateValue { Millis start; std::optional<Millis> end; bool has_time; };
//   class Value;  // string | number(double) | boolean | date | list<Value> | null; copyable
//   struct PropertyInfo { std::string name; Type type; };
//
// A property's formula type: title, rich_text, url, email, phone_number, select, status
// -> kString; number, unique_id -> kNumber; checkbox -> kBoolean; date, created_time,
// last_edited_time -> kDate; multi_select, people, relation, files -> kList; formula -> its
// own result type; rollup -> kNumber, kDate or kList.

struct Node;

// A compiled, type-checked expression. Immutable, so one Program may be evaluated from
// several threads at once.
class Program {
 public:
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // The static type of the result. kList for a list (which ToNotionJson shows as a
  // string); kNull when the type cannot be known before evaluation (for example an empty
  // expression).
  Type result_type() const { return result_type_; }
  const std::string& expression() const { return expression_; }

 private:
  friend Result<std::shared_ptr<const Program>> Compile(std::string_view, const std::vector<PropertyInfo>&);
  friend Value Evaluate(const Program&, const std::function<Value(std::string_view)>&, Millis);
  Program() = default;

  std::string expression_;
  std::unique_ptr<Node> root_;  // null for an empty expression
  Type result_type_ = Type::kNull;
};

// Parses and type-checks. On failure returns kValidationError with a message naming the
// problem and, where it has one, the byte position (from 0) in the expression, e.g.
// `Formula expression is invalid: unexpected ")" at position 7.`,
// `Formula expression is invalid: unknown property "Foo".` or
// `Formula expression is invalid: if() expects 3 arguments.` An expression that is empty
// or only whitespace and comments compiles to a program whose result is always empty.
Result<std::shared_ptr<const Program>> Compile(std::string_view expression,
                                               const std::vector<PropertyInfo>& properties);

// Evaluates with the page's property values (looked up by property name) and the current
// time. Never throws: runtime problems (a division by zero, an empty operand, an invalid
// regular expression, ...) give the empty value, as Notion shows an empty cell.
Value Evaluate(const Program& program, const std::function<Value(std::string_view name)>& prop, Millis now);

// Notion's JSON for a formula property's value:
// {"type":"string","string":"x"} | {"type":"number","number":1.5} |
// {"type":"boolean","boolean":true} |
// {"type":"date","date":{"start":"2024-01-01","end":null,"time_zone":null}}.
// Date-times are written "2024-01-01T10:00:00.000+00:00". An empty value, or one whose
// type is not the result type, keeps the result type with a null payload:
// {"type":"number","number":null}. A list is shown as a string, its elements format()ted
// and joined with ", ". With result type kNull, the value's own type is used, and an
// empty value is {"type":"string","string":null}.
json::object ToNotionJson(const Value& value, Type result_type);

// Converts a property value as Notion returns it in a page object (e.g.
// {"id":"x","type":"number","number":3}) into a formula value:
// title/rich_text -> the concatenated plain_text; url/email/phone_number -> the string
// ("" when null); select/status -> the option name ("" when none); number -> the number or
// empty; checkbox -> boolean; date -> date (empty when null); created_time /
// last_edited_time -> date-time; created_by / last_edited_by -> the user's name;
// multi_select -> list of option names; people -> list of user names (the id when a user
// has no name); relation -> list of page ids; files -> list of file names; unique_id ->
// its number; formula -> its inner value; rollup -> its number, date or array (each array
// item converted the same way). Anything else gives the empty value.
Value FromPropertyJson(const json::value& property_value);

}  // namespace localnotion::schema::formula
