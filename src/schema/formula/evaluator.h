// Evaluates a type-checked tree.
#pragma once

#include <functional>
#include <string_view>

#include "common/clock.h"
#include "schema/formula/parser.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

// Evaluates `root`, which CheckTypes accepted. `prop` gives a property's value by name;
// `now` is the time now() and today() see. Never throws: a runtime problem (an empty
// operand, a division by zero, an invalid regular expression, a value whose type differs
// from its property's declared type) makes the affected call empty.
Value EvaluateTree(const Node& root, const std::function<Value(std::string_view name)>& prop, Millis now);

}  // namespace localnotion::schema::formula
