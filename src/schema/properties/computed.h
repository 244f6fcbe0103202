// Values of the computed property types, from values already rendered the way Notion
// shows them ({"id","type","<type>": ...}). The service gathers the inputs (a rollup
// reads the related pages) and these functions do the arithmetic.
#pragma once

#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::schema {

// The `rollup` value: {"type":"number"|"date"|"array", <type>: ..., "function": f} over
// `values`, the rolled-up property of each related page (in relation order).
json::object ComputeRollup(const json::object& config, const std::vector<json::value>& values);

// The `formula` value ({"type":"string"|"number"|"boolean"|"date", <type>: ...}) of
// `def`, reading the page's other rendered values (`values`, keyed by property id).
json::object ComputeFormula(const PropertyDef& def, const Schema& schema, const json::object& values, Millis now);

// Compiles every formula of `schema` against it. Returns kValidationError with the
// engine's message ("Formula expression is invalid: ...") for the first that fails.
Status CheckFormulas(const Schema& schema);

}  // namespace localnotion::schema
