// Schemas in requests: the `properties` of POST /v1/databases (2022-06-28),
// `initial_data_source.properties` (2025-09-03), POST /v1/data_sources, and the schema
// updates of PATCH /v1/databases (2022-06-28) and PATCH /v1/data_sources (2025-09-03).
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "api/icon.h"
#include "api/messages.h"
#include "api/objects.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "schema/properties/computed.h"
#include "schema/properties/options.h"
#include "schema/registry.h"
#include "service/databases/databases.h"
#include "service/databases/schema_requests.h"

namespace localnotion::service::databases {
namespace {

// The one type key of a property schema request such as {"type":"number","number":{...}}.
Result<std::string> SchemaTypeOf(const std::string& path, const json::value& v) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const auto& obj = v.get_object();
  if (const json::value* t = Find(obj, "type"); t && t->is_string() && schema::FindType(t->get_string())) {
    return std::string(t->get_string());
  }
  for (const auto& kv : obj) {
    if (kv.key() == "name" || kv.key() == "description" || kv.key() == "type" || kv.key() == "id") continue;
    if (schema::FindType(kv.key()) == nullptr) return api::NotPresent(api::Field(path, kv.key()), kv.value());
    return std::string(kv.key());
  }
  return ValidationError(fmt::format("body failed validation: {} should be a property schema object, instead was `{}`.",
                                     path, api::MessageValue(&v)));
}

}  // namespace

// A rollup names its relation (in this schema) and the rolled-up property (in the
// related database) by name or by id; the stored configuration keeps both, as Notion's
// responses show both. An unknown name or id is refused with the query endpoints' text.
Status ResolveRollups(Context& ctx, schema::Schema& schema) {
  auto find = [](const schema::Schema& in, const json::value& name, const json::value& id) -> const schema::PropertyDef* {
    for (const auto& def : in) {
      if ((name.is_string() && def.name == name.get_string()) || (id.is_string() && def.id == id.get_string())) {
        return &def;
      }
    }
    return nullptr;
  };
  auto missing = [](const json::value& name, const json::value& id) {
    std::string key = name.is_string() ? std::string(name.get_string()) : id.is_string() ? std::string(id.get_string()) : "";
    return ValidationError(fmt::format("Could not find property with name or id: {}", key));
  };
  for (auto& def : schema) {
    if (def.type != "rollup") continue;
    json::object& c = def.config;
    const schema::PropertyDef* relation = find(schema, c["relation_property_name"], c["relation_property_id"]);
    if (relation == nullptr || relation->type != "relation") {
      return missing(c["relation_property_name"], c["relation_property_id"]);
    }
    c["relation_property_name"] = relation->name;
    c["relation_property_id"] = relation->id;
    const json::value* target_id = Find(relation->config, "data_source_id");
    LN_ASSIGN_OR_RETURN(DataSourcePtr target,
                        ctx.store().GetDataSource(target_id && target_id->is_string() ? target_id->get_string() : ""));
    if (!target) return missing(c["rollup_property_name"], c["rollup_property_id"]);
    LN_ASSIGN_OR_RETURN(SchemaPtr target_schema, ctx.SchemaOf(target));
    const schema::PropertyDef* rolled = find(*target_schema, c["rollup_property_name"], c["rollup_property_id"]);
    if (rolled == nullptr) return missing(c["rollup_property_name"], c["rollup_property_id"]);
    c["rollup_property_name"] = rolled->name;
    c["rollup_property_id"] = rolled->id;
  }
  return OkStatus();
}

namespace {

// Where the config of a relation points: a database (2022-06-28, which must have one
// data source) or a data source (2025-09-03).
schema::ConfigContext MakeConfigContext(const Caller& caller,
                                        std::function<Result<std::pair<std::string, std::string>>(std::string_view, bool)> resolve) {
  schema::ConfigContext ctx;
  ctx.version = caller.version;
  ctx.resolve_database = std::move(resolve);
  return ctx;
}

std::string NewPropertyId(const schema::Schema& schema) {
  std::string id = NewShortId();
  while (schema::FindProperty(schema, id)) id = NewShortId();
  return id;
}

// Keeps the ids and colors of options that already exist (matched by id, then name);
// Notion refuses to recolor an existing option.
Status MergeOptions(const json::object& old_config, json::object& new_config, const json::value& request_config) {
  const json::value* old_options = Find(old_config, "options");
  const json::value* requested = request_config.is_object() ? Find(request_config.get_object(), "options") : nullptr;
  json::value* parsed = new_config.if_contains("options");
  if (old_options == nullptr || !old_options->is_array() || requested == nullptr || !requested->is_array() ||
      parsed == nullptr) {
    return OkStatus();
  }
  for (size_t i = 0; i < requested->get_array().size(); ++i) {
    const json::value& want = requested->get_array()[i];
    json::object& out = parsed->as_array()[i].as_object();
    for (const auto& existing : old_options->get_array()) {
      const json::object& e = existing.get_object();
      const json::value* id = want.is_object() ? Find(want.get_object(), "id") : nullptr;
      const json::value* name = want.is_object() ? Find(want.get_object(), "name") : nullptr;
      if ((id && *id == e.at("id")) || (!id && name && *name == e.at("name"))) {
        const json::value* color = Find(want.get_object(), "color");
        if (color && *color != e.at("color")) {
          return ValidationError(fmt::format("Cannot update color of select with id: {}", std::string_view(e.at("id").get_string())));
        }
        out["id"] = e.at("id");
        out["color"] = e.at("color");
      }
    }
  }
  return OkStatus();
}

// The JSON string literal form of `name`, as it appears inside prop("...").
std::string Quoted(const std::string& name) { return SerializeJson(json::value(name)); }

void RenameInFormulas(schema::Schema& schema, const std::string& from, const std::string& to) {
  const std::string needle = "prop(" + Quoted(from) + ")";
  const std::string replacement = "prop(" + Quoted(to) + ")";
  for (auto& def : schema) {
    if (def.type != "formula") continue;
    json::value* e = def.config.if_contains("expression");
    if (e == nullptr || !e->is_string()) continue;
    std::string expr(e->get_string());
    for (size_t at = expr.find(needle); at != std::string::npos; at = expr.find(needle, at + replacement.size())) {
      expr.replace(at, needle.size(), replacement);
    }
    *e = expr;
  }
}

}  // namespace

Result<schema::Schema> ParseSchemaRequest(Context& ctx, const Caller& caller, const json::value& properties,
                                          std::string_view base_path) {
  std::string path(base_path);
  if (!properties.is_object()) return api::FailedValidation(path, "an object", &properties);
  schema::Schema empty;
  json::object request = properties.get_object();
  LN_ASSIGN_OR_RETURN(schema::Schema out, ApplySchemaUpdate(ctx, caller, nullptr, request, base_path));
  int titles = 0;
  for (const auto& def : out) titles += def.type == "title";
  if (titles > 1) return ValidationError("Databases can only have one title property.");
  if (titles == 0) {
    // Notion gives a database created without a title property one called "Name".
    out.insert(out.begin(), schema::PropertyDef{"title", "Name", "title", json::object{}});
  }
  return out;
}

// Applies a schema request to the schema of `source` (or to an empty schema when
// creating). Each key names a property by name or id:
//   null                     removes it (never the title);
//   {"name": "New"}          renames it (ids stay, pages show the new name);
//   {"<type>": {config}}     adds it (unknown key) or changes its type or configuration.
// Select options keep their ids and colors; a recolor is refused.
Result<schema::Schema> ApplySchemaUpdate(Context& ctx, const Caller& caller, const DataSourcePtr& source,
                                         const json::value& properties, std::string_view base_path) {
  std::string path(base_path);
  if (!properties.is_object()) return api::FailedValidation(path, "an object", &properties);
  schema::Schema out;
  if (source) {
    LN_ASSIGN_OR_RETURN(SchemaPtr current, ctx.SchemaOf(source));
    out = *current;
  }
  const schema::Schema before = out;
  schema::ConfigContext config_context = MakeConfigContext(
      caller, [&ctx](std::string_view raw, bool is_source) -> Result<std::pair<std::string, std::string>> {
        auto id = NormalizeUuid(raw);
        if (!id) return NotFound(is_source ? "data source" : "database", raw);
        if (is_source) {
          LN_ASSIGN_OR_RETURN(auto target, ctx.LoadDataSource(*id));
          return std::make_pair(target->database_id, target->id);
        }
        LN_ASSIGN_OR_RETURN(auto target, ctx.SourceForDatabaseParent(*id));
        return std::make_pair(target->database_id, target->id);
      });
  for (const auto& kv : properties.get_object()) {
    std::string prop_path = api::Field(path, kv.key());
    auto existing = std::find_if(out.begin(), out.end(), [&](const schema::PropertyDef& d) {
      return d.name == kv.key() || d.id == kv.key();
    });
    if (kv.value().is_null()) {
      if (existing == out.end()) return ValidationError(fmt::format("{} is not a property that exists.", kv.key()));
      if (existing->type == "title") return ValidationError("Cannot delete the title property.");
      out.erase(existing);
      continue;
    }
    if (!kv.value().is_object()) return api::FailedValidation(prop_path, "an object or `null`", &kv.value());
    const json::object& request = kv.value().get_object();
    bool has_type = false;
    for (const auto& field : request) {
      if (field.key() == "name" || field.key() == "description" || field.key() == "id") continue;
      has_type = true;
    }
    if (!has_type && existing == out.end()) {
      if (!source) {
        return ValidationError(fmt::format(
            "body failed validation: {} should be a property schema object, instead was `{}`.", prop_path,
            api::MessageValue(&kv.value())));
      }
      return ValidationError(fmt::format("{} is not a property that exists.", kv.key()));
    }
    schema::PropertyDef def;
    if (existing != out.end()) def = *existing;
    if (has_type) {
      LN_ASSIGN_OR_RETURN(std::string type_name, SchemaTypeOf(prop_path, kv.value()));
      const schema::PropertyType* type = schema::FindType(type_name);
      const json::value* config = Find(request, type_name);
      json::value empty = json::object{};
      // An existing status property's options are updated in place (UpdateStatusConfig);
      // any other configuration is parsed anew.
      const bool status_update = existing != out.end() && existing->type == type_name && type_name == "status";
      json::object stored;
      if (status_update) {
        LN_ASSIGN_OR_RETURN(stored, schema::UpdateStatusConfig(api::Field(prop_path, type_name), existing->config,
                                                               config ? *config : empty));
      } else {
        LN_ASSIGN_OR_RETURN(stored, type->ParseConfig(api::Field(prop_path, type_name), config ? *config : empty,
                                                      config_context));
      }
      if (existing != out.end() && existing->type == type_name && !status_update) {
        if (type_name == "relation") {
          stored = existing->config;  // Notion ignores relation retargeting here.
        } else {
          LN_RETURN_IF_ERROR(MergeOptions(existing->config, stored, config ? *config : empty));
        }
      }
      if (existing != out.end() && existing->type != type_name &&
          (existing->type == "title" || type_name == "title")) {
        return ValidationError(fmt::format("Cannot change the type of property {} to or from title.", def.name));
      }
      def.type = type_name;
      def.config = std::move(stored);
    }
    if (existing == out.end()) {
      def.name = std::string(kv.key());
      def.id = def.type == "title" ? "title" : NewPropertyId(out);
      if (def.type == "title" && schema::FindProperty(out, "title")) def.id = NewPropertyId(out);
    }
    if (const json::value* n = Find(request, "name")) {
      if (!n->is_string() || n->get_string().empty()) {
        return api::FailedValidation(api::Field(prop_path, "name"), "a non-empty string", n);
      }
      std::string old_name = def.name;
      def.name = std::string(n->get_string());
      // Notion's formulas refer to properties by id, so a rename never breaks them;
      // localnotion keeps expressions by name and rewrites prop("Old") to prop("New").
      if (existing != out.end() && old_name != def.name) RenameInFormulas(out, old_name, def.name);
    }
    for (const auto& other : out) {
      if (other.id != def.id && other.name == def.name) {
        return ValidationError(fmt::format("Property name {} is already in use.", def.name));
      }
    }
    if (existing != out.end()) {
      *existing = std::move(def);
    } else {
      out.push_back(std::move(def));
    }
  }
  LN_RETURN_IF_ERROR(ResolveRollups(ctx, out));
  LN_RETURN_IF_ERROR(schema::CheckFormulas(out));
  return out;
}

}  // namespace localnotion::service::databases
