// POST /v1/databases, GET /v1/databases/{id}, GET /v1/data_sources/{id}.
// Every database has exactly one data source with its own id. 2022-06-28 sends the
// schema as `properties`; 2025-09-03 sends it as `initial_data_source.properties`.
#include <fmt/format.h>

#include "api/icon.h"
#include "api/messages.h"
#include "api/objects.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "schema/registry.h"
#include "service/service.h"

namespace localnotion::service {
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

api::DatabaseView ToView(const storage::DatabaseRecord& db) {
  api::DatabaseView v;
  v.id = db.id;
  v.data_source_id = db.data_source_id;
  v.parent = api::ParentRef{db.parent_type, db.parent_id, ""};
  v.created_time = db.created_time;
  v.created_by = db.created_by;
  v.last_edited_time = db.last_edited_time;
  v.last_edited_by = db.last_edited_by;
  v.title = db.title;
  v.description = db.description;
  v.icon = db.icon;
  v.cover = db.cover;
  v.in_trash = db.in_trash;
  v.is_inline = db.is_inline;
  return v;
}

}  // namespace

// A rollup names its relation (in this schema) and the rolled-up property (in the
// related database) by name or by id; the stored configuration keeps both, as Notion's
// responses show both. An unknown name or id is refused with the query endpoints' text.
Status Service::ResolveRollups(schema::Schema& schema) {
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
    const json::value* target_id = Find(relation->config, "database_id");
    LN_ASSIGN_OR_RETURN(DatabasePtr target, store_.GetDatabase(target_id && target_id->is_string() ? target_id->get_string() : ""));
    if (!target) return missing(c["rollup_property_name"], c["rollup_property_id"]);
    LN_ASSIGN_OR_RETURN(SchemaPtr target_schema, SchemaOf(target));
    const schema::PropertyDef* rolled = find(*target_schema, c["rollup_property_name"], c["rollup_property_id"]);
    if (rolled == nullptr) return missing(c["rollup_property_name"], c["rollup_property_id"]);
    c["rollup_property_name"] = rolled->name;
    c["rollup_property_id"] = rolled->id;
  }
  return OkStatus();
}

Result<schema::Schema> Service::ParseSchemaRequest(const Caller& caller, const json::value& properties,
                                                   std::string_view base_path) {
  std::string path(base_path);
  if (!properties.is_object()) return api::FailedValidation(path, "an object", &properties);
  schema::ConfigContext ctx;
  ctx.version = caller.version;
  ctx.resolve_database = [this](std::string_view raw, bool is_source) -> Result<std::pair<std::string, std::string>> {
    auto id = NormalizeUuid(raw);
    if (!id) return NotFound(is_source ? "data source" : "database", raw);
    LN_ASSIGN_OR_RETURN(auto db, is_source ? store_.GetDatabaseByDataSource(*id) : store_.GetDatabase(*id));
    if (!db) return NotFound(is_source ? "data source" : "database", *id);
    return std::make_pair(db->id, db->data_source_id);
  };
  schema::Schema out;
  int titles = 0;
  for (const auto& kv : properties.get_object()) {
    std::string prop_path = api::Field(path, kv.key());
    LN_ASSIGN_OR_RETURN(std::string type_name, SchemaTypeOf(prop_path, kv.value()));
    const schema::PropertyType* type = schema::FindType(type_name);
    const json::value* config = Find(kv.value().get_object(), type_name);
    json::value empty = json::object{};
    LN_ASSIGN_OR_RETURN(json::object stored,
                        type->ParseConfig(api::Field(prop_path, type_name), config ? *config : empty, ctx));
    std::string id = type_name == "title" ? "title" : NewShortId();
    while (type_name != "title" && schema::FindProperty(out, id)) id = NewShortId();
    if (type_name == "title") ++titles;
    std::string name(kv.key());
    if (const json::value* n = Find(kv.value().get_object(), "name"); n && n->is_string() && !n->get_string().empty()) {
      name = std::string(n->get_string());
    }
    out.push_back(schema::PropertyDef{id, name, type_name, std::move(stored)});
  }
  LN_RETURN_IF_ERROR(ResolveRollups(out));
  if (titles > 1) {
    return ValidationError("Databases can only have one title property.");
  }
  if (titles == 0) {
    // Notion gives a database created without a title property one called "Name".
    out.insert(out.begin(), schema::PropertyDef{"title", "Name", "title", json::object{}});
  }
  return out;
}

Result<json::value> Service::CreateDatabase(const Caller& caller, const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const bool v2025 = api::HasDataSources(caller.version);
  storage::DatabaseRecord db;
  db.icon = nullptr;
  db.cover = nullptr;
  const json::value* parent = nullptr;
  const json::value* properties = nullptr;
  std::string properties_path = v2025 ? "body.initial_data_source.properties" : "body.properties";
  for (const auto& kv : body.get_object()) {
    std::string_view k = kv.key();
    std::string path = api::Field("body", k);
    if (k == "parent") {
      parent = &kv.value();
    } else if (k == "title" || k == "description") {
      LN_ASSIGN_OR_RETURN(json::array rt, api::NormalizeRichText(path, kv.value()));
      (k == "title" ? db.title : db.description) = std::move(rt);
    } else if (k == "icon") {
      LN_ASSIGN_OR_RETURN(db.icon, api::NormalizeIcon(path, kv.value()));
    } else if (k == "cover") {
      LN_ASSIGN_OR_RETURN(db.cover, api::NormalizeCover(path, kv.value()));
    } else if (k == "is_inline") {
      if (!kv.value().is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &kv.value());
      db.is_inline = kv.value().get_bool();
    } else if (k == "properties" && !v2025) {
      properties = &kv.value();
    } else if (k == "initial_data_source" && v2025) {
      if (!kv.value().is_object()) return api::FailedValidation(path, "an object", &kv.value());
      for (const auto& f : kv.value().get_object()) {
        if (f.key() != "properties") return api::NotPresent(api::Field(path, f.key()), f.value());
        properties = &f.value();
      }
    } else {
      return api::NotPresent(path, kv.value());
    }
  }
  if (parent == nullptr) return api::NotDefined("body.parent");
  if (properties == nullptr && !v2025) return api::NotDefined("body.properties");

  const json::object* p = parent->is_object() ? &parent->get_object() : nullptr;
  const json::value* page_id = p ? Find(*p, "page_id") : nullptr;
  const json::value* workspace = p ? Find(*p, "workspace") : nullptr;
  if (page_id) {
    auto id = page_id->is_string() ? NormalizeUuid(page_id->get_string()) : std::nullopt;
    if (!id) return api::FailedValidation("body.parent.page_id", "a valid uuid", page_id);
    LN_ASSIGN_OR_RETURN(auto parent_page, store_.GetPage(*id));
    if (!parent_page) return NotFound("page", *id);
    db.parent_type = "page_id";
    db.parent_id = *id;
  } else if (workspace && workspace->is_bool() && workspace->get_bool()) {
    db.parent_type = "workspace";
  } else {
    return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                        api::ShouldBe("body.parent.workspace", "defined", nullptr)});
  }

  json::value no_properties = json::object{};
  LN_ASSIGN_OR_RETURN(schema::Schema schema,
                      ParseSchemaRequest(caller, properties ? *properties : no_properties, properties_path));
  db.id = NewUuid();
  db.data_source_id = NewUuid();
  db.schema = schema::SchemaToStored(schema);
  db.created_time = db.last_edited_time = NowMillis();
  db.created_by = db.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(store_.PutDatabase(db));
  api::DatabaseView view = ToView(db);
  LN_ASSIGN_OR_RETURN(view.properties, RenderSchema(db, caller.version));
  return json::value(api::RenderDatabase(view, caller.version));
}

Result<json::value> Service::GetDatabase(const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("database_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(id));
  if (!db) {
    LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
    if (page) {
      return ValidationError(
          fmt::format("Provided ID {} is a page, not a database. Use the retrieve page API instead.", id));
    }
    return NotFound("database", id);
  }
  api::DatabaseView view = ToView(*db);
  LN_ASSIGN_OR_RETURN(view.properties, RenderSchema(*db, caller.version));
  return json::value(api::RenderDatabase(view, caller.version));
}

Result<json::value> Service::GetDataSource(const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("data_source_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabaseByDataSource(id));
  if (!db) return NotFound("data source", id);
  api::DatabaseView view = ToView(*db);
  LN_ASSIGN_OR_RETURN(view.properties, RenderSchema(*db, caller.version));
  return json::value(api::RenderDataSource(view));
}

}  // namespace localnotion::service
