// The table of eager formula functions: their arity, the argument types they accept,
// their result type, and their implementation. Special forms whose arguments are not all
// evaluated first (if, ifs, and, or, let, lets, map, filter, find, findIndex, some,
// every, prop) live in the type checker and the evaluator instead.
#pragma once

#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

// A set of types, as a bit mask over Type.
using TypeMask = unsigned;
constexpr TypeMask Mask(Type t) { return 1u << static_cast<unsigned>(t); }
inline constexpr TypeMask kStringMask = Mask(Type::kString);
inline constexpr TypeMask kNumberMask = Mask(Type::kNumber);
inline constexpr TypeMask kBooleanMask = Mask(Type::kBoolean);
inline constexpr TypeMask kDateMask = Mask(Type::kDate);
inline constexpr TypeMask kListMask = Mask(Type::kList);
inline constexpr TypeMask kAnyMask = kStringMask | kNumberMask | kBooleanMask | kDateMask | kListMask;

// "a string", "a number or a list", ... as messages name a set of types.
std::string Describe(TypeMask mask);

// A static type: the type, and for lists the element type (kNull when unknown).
struct TypeInfo {
  Type type = Type::kNull;
  Type element = Type::kNull;
};

struct FunctionDef {
  std::string_view name;
  int min_args = 0;
  int max_args = 0;  // -1: no limit
  // The accepted types per argument position; the last entry applies to every later
  // argument.
  std::vector<TypeMask> params;
  // The static result type from the static argument types (each already checked against
  // `params`). Returns an error message without position when the combination is invalid.
  Result<TypeInfo> (*result)(const std::vector<TypeInfo>& args) = nullptr;
  // The implementation. It is only called with arguments whose types are in `params`,
  // and, unless accepts_empty is set, with no empty argument (the call's value is then
  // empty). It never throws; runtime problems give the empty value.
  Value (*eval)(const std::vector<Value>& args, Millis now) = nullptr;
  bool accepts_empty = false;
};

// The function named `name`, or nullptr. Names are case-sensitive, as in Notion.
const FunctionDef* FindFunction(std::string_view name);

// The operator functions, which the checker and evaluator use for + - * / % ^, the
// comparisons and unary minus: "add", "subtract", "multiply", "divide", "mod", "pow",
// "equal", "unequal", "larger", "largerEq", "smaller", "smallerEq", "unaryMinus",
// "unaryPlus". Returns nullptr for an unknown operator.
const FunctionDef* FindOperator(std::string_view op, bool unary);

// A number result: the empty value when `d` is NaN or infinite (Notion shows an empty
// cell for 1/0 or sqrt(-1)).
Value NumberOrEmpty(double d);

// Notion's empty(): true for the empty value, "", [], and 0.
bool IsEmptyValue(const Value& value);

}  // namespace localnotion::schema::formula
