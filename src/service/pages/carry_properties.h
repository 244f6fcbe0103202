// Shared by move.cc and templates.cc: page values re-keyed from one schema to another.
#pragma once

#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::service::pages {

// The values of `values` (keyed by property id of `from`) re-keyed for `to`: a value goes
// to the property of the same name and type (the title always goes to the title);
// others are dropped (move.cc).
json::object CarryProperties(const json::object& values, const schema::Schema& from, const schema::Schema& to);

}  // namespace localnotion::service::pages
