// A database schema: the ordered list of property definitions of one data source.
// `config` is the type's configuration exactly as Notion returns it under the type key
// (e.g. {"format":"number"} for number, {"options":[...]} for select).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "common/json_writer.h"

namespace localnotion::schema {

class PropertyType;

// What SchemaFromStored derives from a definition for the paths that run for every
// property of every page written or shown (registry.h TypeOf; the page's answer). A copy
// derives nothing, because the copy may then be changed: a definition made or copied
// elsewhere has none, and its readers look things up from its fields. So a definition
// that SchemaFromStored made must not be changed in place (none is: the schemas it makes
// are shared read-only, service/core/loader.cc).
class DerivedProperty {
 public:
  DerivedProperty() = default;
  DerivedProperty(const DerivedProperty&) {}
  DerivedProperty& operator=(const DerivedProperty&) {
    type = nullptr;
    value_prefix.clear();
    shown_options.clear();
    return *this;
  }
  DerivedProperty(DerivedProperty&&) noexcept = default;
  DerivedProperty& operator=(DerivedProperty&&) noexcept = default;

  // The registry's entry for the type (nullptr: not derived, or a type it does not know).
  const PropertyType* type = nullptr;
  // The start of the property in a page's "properties", up to its value:
  // `"<name>":{"id":"<id>","type":"<type>","<type>":` ("" when not derived).
  std::string value_prefix;
  // Each option of the configuration (select, multi_select, status) whose id is a string:
  // its id and the option as a page shows it, `{"id":…,"name":…,"color":…}`
  // (properties/options.h WriteOption); empty when not derived or without options.
  std::vector<std::pair<std::string, std::string>> shown_options;
};

struct PropertyDef {
  PropertyDef() = default;
  PropertyDef(std::string id, std::string name, std::string type, json::object config = {})
      : id(std::move(id)), name(std::move(name)), type(std::move(type)), config(std::move(config)) {}

  std::string id;
  std::string name;
  std::string type;
  json::object config;
  DerivedProperty derived;
};

using Schema = std::vector<PropertyDef>;

// Writes `"<name>":{"id":"<id>","type":"<type>","<type>":`, the start of the property in a
// page's "properties" up to its value (the text SchemaFromStored derived, when it did).
void WriteValuePrefix(const PropertyDef& def, JsonWriter& w);

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
