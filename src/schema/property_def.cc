#include "schema/property_def.h"

#include "common/json_writer.h"
#include "schema/properties/options.h"
#include "schema/registry.h"

namespace localnotion::schema {
namespace {

void WritePrefixOf(const PropertyDef& def, JsonWriter& w) {
  w.String(def.name);
  w.Raw(R"(:{"id":)");
  w.String(def.id);
  w.Raw(R"(,"type":)");
  w.String(def.type);
  w.Raw(",");
  w.String(def.type);
  w.Raw(":");
}

void Derive(PropertyDef& def) {
  def.derived.type = FindType(def.type);
  JsonWriter w(def.derived.value_prefix);
  WritePrefixOf(def, w);
  w.Finish();
  def.derived.shown_options = ShownOptions(def);
}

}  // namespace

void WriteValuePrefix(const PropertyDef& def, JsonWriter& w) {
  if (def.derived.value_prefix.empty()) {
    WritePrefixOf(def, w);
  } else {
    w.Raw(def.derived.value_prefix);
  }
}

PropertyDef* FindProperty(Schema& schema, std::string_view key) {
  for (auto& p : schema) {
    if (p.name == key) return &p;
  }
  for (auto& p : schema) {
    if (p.id == key) return &p;
  }
  return nullptr;
}

const PropertyDef* FindProperty(const Schema& schema, std::string_view key) {
  return FindProperty(const_cast<Schema&>(schema), key);
}

const PropertyDef* FindPropertyById(const Schema& schema, std::string_view id) {
  // About twenty times in a PATCH of six properties: SameKey skips most definitions
  // without a call to memcmp.
  for (const auto& p : schema) {
    if (SameKey(p.id, id)) return &p;
  }
  return nullptr;
}

json::array SchemaToStored(const Schema& schema) {
  json::array out;
  out.reserve(schema.size());
  for (const auto& p : schema) {
    out.push_back(json::object{{"id", p.id}, {"name", p.name}, {"type", p.type}, {"config", p.config}});
  }
  return out;
}

Result<Schema> SchemaFromStored(const json::value& stored) {
  if (!stored.is_array()) return InternalError("stored schema is not an array");
  Schema schema;
  schema.reserve(stored.get_array().size());
  for (const auto& v : stored.get_array()) {
    if (!v.is_object()) return InternalError("stored property is not an object");
    const auto& o = v.get_object();
    const json::value* id = Find(o, "id");
    const json::value* name = Find(o, "name");
    const json::value* type = Find(o, "type");
    const json::value* config = Find(o, "config");
    if (!id || !name || !type || !config || !id->is_string() || !name->is_string() || !type->is_string() ||
        !config->is_object()) {
      return InternalError("stored property is malformed");
    }
    schema.push_back(PropertyDef{std::string(id->get_string()), std::string(name->get_string()),
                                 std::string(type->get_string()), config->get_object()});
    Derive(schema.back());
  }
  return schema;
}

}  // namespace localnotion::schema
