// The syntax tree of a formula expression, and the parser that builds it.
//
// Precedence, from loosest to tightest (Notion's table, which follows JavaScript except
// for `not` and `^`): `c ? a : b`; `or` `||`; `and` `&&`; `==` `!=`; `>` `>=` `<` `<=`;
// `+` `-`; `*` `/` `%`; unary `-` `+`; `^` (right-associative, so -2^2 is -4 and
// 2^3^2 is 512); `not` `!`; then method calls `x.f(...)` and primaries.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

struct FunctionDef;

struct Node {
  enum class Kind {
    kNumber,       // number
    kString,       // text
    kBoolean,      // boolean
    kList,         // [children...]
    kIdentifier,   // text: a variable (current, index, let names) or a zero-argument function
    kCall,         // text(children...); a method call x.f(a) is stored as f(x, a)
    kUnary,        // text is "-", "+" or "not"; one child
    kBinary,       // text is the operator ("+", "==", "and", "or", ...); two children
    kConditional,  // children: condition, then, else
  };

  Kind kind;
  size_t pos = 0;  // byte offset of the node in the expression (a binary node: its operator)
  std::string text;
  double number = 0;
  bool boolean = false;
  std::vector<std::unique_ptr<Node>> children;

  // Filled in by the type checker.
  Type type = Type::kNull;          // the static type; kNull when unknown
  Type element_type = Type::kNull;  // for lists, the element type when known
  const FunctionDef* function = nullptr;  // for kCall (and kIdentifier naming a function)
};

// Parses a whole expression. Errors are kValidationError with messages such as
// `unexpected ")" at position 7.` or `unexpected end of expression.` (without the
// "Formula expression is invalid: " prefix, which Compile adds).
Result<std::unique_ptr<Node>> Parse(std::string_view expression);

}  // namespace localnotion::schema::formula
