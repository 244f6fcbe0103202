// The formula value of a page, computed by the formula engine (formula/formula.h).
#include "schema/properties/computed.h"

namespace localnotion::schema {

json::object ComputeFormula(const PropertyDef& def, const Schema& schema, const json::object& values, Millis now) {
  // Replaced by the formula engine's evaluation when it lands.
  return json::object{{"type", "string"}, {"string", nullptr}};
}

}  // namespace localnotion::schema
