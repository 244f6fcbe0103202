// The type checker: resolves functions, properties and variables, and gives every node
// of the tree its static type, following Notion 2.0's rules (no implicit conversions,
// except that `+` with a string operand concatenates).
#pragma once

#include <vector>

#include "common/error.h"
#include "schema/formula/parser.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

// Checks `root` against the data source's properties and annotates it in place (Node::type,
// Node::element_type, Node::function). Errors are kValidationError with messages such as
// `unknown property "Foo".`, `if() expects 3 arguments.`,
// `lower() expects argument 1 to be a string, got a number at position 6.` or
// `cannot apply "+" to a number and a boolean at position 2.` (without the
// "Formula expression is invalid: " prefix, which Compile adds).
Status CheckTypes(Node& root, const std::vector<PropertyInfo>& properties);

}  // namespace localnotion::schema::formula
