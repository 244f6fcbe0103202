// A database schema: the ordered list of property definitions of one data source.
// `config` is the type's configuration exactly as Notion returns it under the type key
// (e.g. {"format":"number"} for number, {"options":[...]} for select).
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::schema {

struct PropertyDef {
  std::string id;
  std::string name;
  std::string type;
  json::object config;
};

using Schema = std::vector<PropertyDef>;

// Finds a property by name first, then by id (Notion accepts either as a key).
PropertyDef* FindProperty(Schema& schema, std::string_view key);
const PropertyDef* FindProperty(const Schema& schema, std::string_view key);
// Finds a property by id only: for keys that are ids (stored values, writes already
// checked, history), where a property whose name equals another's id must not match.
const PropertyDef* FindPropertyById(const Schema& schema, std::string_view id);

// Stored form: [{"id","name","type","config"}...].
json::array SchemaToStored(const Schema& schema);
Result<Schema> SchemaFromStored(const json::value& stored);

}  // namespace localnotion::schema
