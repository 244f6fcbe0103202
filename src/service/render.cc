// Turning stored records into the objects Notion returns.
#include <algorithm>

#include "api/objects.h"
#include "api/rich_text.h"
#include "schema/registry.h"
#include "service/service.h"
#include "validation/page_write.h"

namespace localnotion::service {

Result<DatabasePtr> Service::ParentDatabaseOf(const storage::PageRecord& page) {
  if (page.parent_type != "database_id") return DatabasePtr();
  LN_ASSIGN_OR_RETURN(DatabasePtr db, store_.GetDatabase(page.parent_id));
  if (!db) return InternalError("page's database is missing");
  return db;
}

Result<SchemaPtr> Service::SchemaOf(const DatabasePtr& db) {
  if (!db) {
    static const SchemaPtr kStandalone = std::make_shared<const schema::Schema>(validation::StandalonePageSchema());
    return kStandalone;
  }
  auto it = schemas_.find(db->id);
  if (it != schemas_.end() && it->second.first == db) return it->second.second;
  LN_ASSIGN_OR_RETURN(schema::Schema parsed, schema::SchemaFromStored(db->schema));
  SchemaPtr schema = std::make_shared<const schema::Schema>(std::move(parsed));
  schemas_[db->id] = {db, schema};
  return schema;
}

Result<json::value> Service::RenderPage(const Caller& caller, const storage::PageRecord& page, const DatabasePtr& db,
                                        const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema_ptr, SchemaOf(db));
  const schema::Schema& schema = *schema_ptr;
  schema::RenderContext ctx;
  ctx.version = caller.version;
  ctx.created_time = page.created_time;
  ctx.last_edited_time = page.last_edited_time;
  ctx.created_by = page.created_by;
  ctx.last_edited_by = page.last_edited_by;
  ctx.user = [this](const std::string& id) {
    auto r = RenderUserById(id);
    return r.ok() ? std::move(r).value() : json::value(api::PartialUser(id));
  };

  api::PageView view;
  view.id = page.id;
  view.parent = api::ParentRef{page.parent_type, page.parent_id, db ? db->data_source_id : ""};
  view.created_time = page.created_time;
  view.created_by = page.created_by;
  view.last_edited_time = page.last_edited_time;
  view.last_edited_by = page.last_edited_by;
  view.icon = page.icon;
  view.cover = page.cover;
  view.in_trash = page.in_trash;
  view.is_locked = page.is_locked;
  view.properties.reserve(schema.size());
  for (const auto& def : schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr) continue;
    const json::value* stored = Find(page.properties, def.id);
    if (stored && stored->is_null()) stored = nullptr;
    json::object value;
    value["id"] = def.id;
    value["type"] = def.type;
    type->Render(stored, def, ctx, value);
    if (def.type == "title" && stored && stored->is_array()) view.title = api::PlainText(stored->get_array());
    if (!filter_properties.empty() &&
        std::find(filter_properties.begin(), filter_properties.end(), def.id) == filter_properties.end()) {
      continue;
    }
    view.properties[def.name] = std::move(value);
  }
  return json::value(api::RenderPage(std::move(view), caller.version));
}

Result<json::object> Service::RenderSchema(const storage::DatabaseRecord& db, api::ApiVersion version) {
  LN_ASSIGN_OR_RETURN(schema::Schema schema, schema::SchemaFromStored(db.schema));
  json::object out;
  for (const auto& def : schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr) continue;
    out[def.name] = json::object{{"id", def.id},
                                 {"name", def.name},
                                 {"type", def.type},
                                 {"description", nullptr},
                                 {def.type, type->RenderConfig(def, version)}};
  }
  return out;
}

}  // namespace localnotion::service
