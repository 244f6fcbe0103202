// Turning stored records into the objects Notion returns.
#include <algorithm>

#include "api/objects.h"
#include "api/rich_text.h"
#include "common/deadline.h"
#include "schema/properties/computed.h"
#include "schema/registry.h"
#include "service/service.h"
#include "validation/page_write.h"

namespace localnotion::service {
namespace {

// Page objects show at most 25 references per property
// (https://developers.notion.com/reference/retrieve-a-page#limits): people,
// relations (then `has_more: true`) and mentions in rich text.
constexpr size_t kMaxReferences = 25;

void LimitReferences(json::object& value) {
  const json::value* type = Find(value, "type");
  if (type == nullptr || !type->is_string()) return;
  // A copy: value[t] may rehash the object and free the string `type` points into.
  const std::string t(type->get_string());
  const schema::PropertyType* property_type = schema::FindType(t);
  if (property_type == nullptr) return;
  const schema::RenderExtras extras = property_type->render_extras();
  if (extras.capped_list) {
    json::array& arr = value[t].as_array();
    if (arr.size() > kMaxReferences) {
      arr.resize(kMaxReferences);
      if (extras.has_more_when_capped) value["has_more"] = true;
    }
  } else if (extras.mentions) {
    json::array& arr = value[t].as_array();
    size_t mentions = 0;
    for (size_t i = 0; i < arr.size(); ++i) {
      if (arr[i].as_object().at("type") == "mention" && ++mentions > kMaxReferences) {
        arr.resize(i);
        break;
      }
    }
  }
}

}  // namespace

// Mentions show the current name of what they point at, as Notion fills plain_text on
// read: "@Name" for a user, the title for a page, database or data source.
void Service::NameMentions(json::array& rich_text) {
  for (auto& item : rich_text) {
    json::object& o = item.as_object();
    if (o.at("type") != "mention") continue;
    json::object& mention = o.at("mention").as_object();
    const json::value* kind = Find(mention, "type");
    if (kind == nullptr || !kind->is_string()) continue;
    const json::value* target = Find(mention, kind->get_string());
    const json::value* id = target && target->is_object() ? Find(target->get_object(), "id") : nullptr;
    if (id == nullptr || !id->is_string()) continue;
    std::string_view k = kind->get_string();
    std::string name;
    if (k == "user") {
      auto user = store_.GetUser(id->get_string());
      if (user.ok() && *user) name = "@" + (*user)->name;
    } else if (k == "page") {
      auto page = store_.GetPage(id->get_string());
      if (page.ok() && *page) {
        const json::value* title = Find((*page)->properties, "title");
        name = title && title->is_array() ? api::PlainText(title->get_array()) : "";
        if (name.empty()) name = "Untitled";
      }
    } else if (k == "database") {
      auto db = store_.GetDatabase(id->get_string());
      if (db.ok() && *db) name = api::PlainText((*db)->title);
    }
    if (!name.empty()) o["plain_text"] = name;
  }
}

Result<SchemaPtr> Service::SchemaOf(const DataSourcePtr& source) {
  if (!source) {
    static const SchemaPtr kStandalone = std::make_shared<const schema::Schema>(validation::StandalonePageSchema());
    return kStandalone;
  }
  if (SchemaPtr cached = state_.schemas.Find(source)) return cached;
  LN_ASSIGN_OR_RETURN(schema::Schema parsed, schema::SchemaFromStored(source->schema));
  SchemaPtr schema = std::make_shared<const schema::Schema>(std::move(parsed));
  state_.schemas.Put(source, schema);
  return schema;
}

Result<Service::LoadedPage> Service::LoadRecord(storage::PageRecord page) {
  LoadedPage loaded{std::move(page), nullptr, nullptr, nullptr, false};
  if (loaded.page.parent_type == "data_source_id") {
    LN_ASSIGN_OR_RETURN(loaded.source, store_.GetDataSource(loaded.page.parent_id));
    if (!loaded.source) return InternalError("page's data source is missing");
    LN_ASSIGN_OR_RETURN(loaded.db, store_.GetDatabase(loaded.source->database_id));
    if (!loaded.db) return InternalError("data source's database is missing");
  }
  LN_ASSIGN_OR_RETURN(loaded.schema, SchemaOf(loaded.source));
  // Trashing a database or a data source trashes its pages, as in Notion (`in_trash` of
  // https://developers.notion.com/reference/update-a-database and
  // https://developers.notion.com/reference/update-a-data-source).
  loaded.trashed = loaded.page.in_trash || (loaded.source && loaded.source->in_trash) || (loaded.db && loaded.db->in_trash);
  // A page under a page or block in the trash is in the trash too (blocks.cc).
  if (loaded.page.parent_type == "page_id" || loaded.page.parent_type == "block_id") {
    LN_ASSIGN_OR_RETURN(loaded.ancestor_trashed, ContainerTrashed(loaded.page.parent_type, loaded.page.parent_id));
    loaded.trashed = loaded.trashed || loaded.ancestor_trashed;
  }
  return loaded;
}

Result<json::object> Service::RenderValues(const Caller& caller, const LoadedPage& page, int depth) {
  schema::RenderContext ctx;
  ctx.version = caller.version;
  ctx.created_time = page.page.created_time;
  ctx.last_edited_time = page.page.last_edited_time;
  ctx.created_by = page.page.created_by;
  ctx.last_edited_by = page.page.last_edited_by;
  ctx.user = [this](const std::string& id) {
    auto r = RenderUserById(id);
    return r.ok() ? std::move(r).value() : json::value(api::PartialUser(id));
  };
  json::object values;
  values.reserve(page.schema->size());
  for (const auto& def : *page.schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr) continue;
    const json::value* stored = Find(page.page.properties, def.id);
    if (stored && stored->is_null()) stored = nullptr;
    json::object value;
    value["id"] = def.id;
    value["type"] = def.type;
    const schema::RenderExtras extras = type->render_extras();
    if (type->computed_from() == schema::ComputedFrom::kRelatedPages) {
      // A rollup reads the related pages: the relation's ids, then each target's value.
      std::vector<json::value> targets;
      const json::value* relation_id = Find(def.config, "relation_property_id");
      const json::value* target_prop = Find(def.config, "rollup_property_id");
      const json::value* ids = relation_id && relation_id->is_string() ? Find(page.page.properties, relation_id->get_string()) : nullptr;
      if (ids && ids->is_array() && target_prop && target_prop->is_string() && depth < 3) {
        for (const auto& id : ids->get_array()) {
          LN_ASSIGN_OR_RETURN(auto target, store_.GetPage(id.get_string()));
          if (!target) continue;
          // Rollups, like relations, leave out pages the integration cannot see.
          LN_ASSIGN_OR_RETURN(bool visible, Visible("page", target->id));
          if (!visible) continue;
          LN_ASSIGN_OR_RETURN(LoadedPage loaded, LoadRecord(std::move(*target)));
          LN_ASSIGN_OR_RETURN(json::object target_values, RenderValues(caller, loaded, depth + 1));
          if (const json::value* v = Find(target_values, target_prop->get_string())) targets.push_back(*v);
        }
      }
      value[def.type] = schema::ComputeRollup(def.config, targets);
    } else {
      type->Render(stored, def, ctx, value);
      if (extras.file_objects) LN_RETURN_IF_ERROR(RenderFilesIn(caller, value.at(def.type)));
      if (extras.mentions) NameMentions(value.at(def.type).as_array());
      if (extras.visible_pages_only && !access_.everything) {
        // Notion leaves relations to pages not shared with the integration out of the
        // value, as if they were not there (docs/compat.md).
        json::array kept;
        for (auto& ref : value.at(def.type).as_array()) {
          const json::value* ref_id = Find(ref.as_object(), "id");
          LN_ASSIGN_OR_RETURN(bool visible, ref_id && ref_id->is_string() ? Visible("page", std::string(ref_id->get_string()))
                                                                          : Result<bool>(false));
          if (visible) kept.push_back(std::move(ref));
        }
        value[def.type] = std::move(kept);
      }
    }
    values[def.id] = std::move(value);
  }
  // Formulas last: they read the other values of the page.
  for (const auto& def : *page.schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr || type->computed_from() != schema::ComputedFrom::kPageValues) continue;
    values[def.id].as_object()[def.type] = schema::ComputeFormula(def, *page.schema, values, NowMillis());
  }
  return values;
}

Result<json::value> Service::RenderPage(const Caller& caller, const LoadedPage& page,
                                        const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(json::object values, RenderValues(caller, page, 0));
  // Formulas stop at the request's deadline with empty values; the answer is then the
  // timeout, never a page with values cut short (common/deadline.h).
  LN_RETURN_IF_ERROR(CheckDeadline());
  api::PageView view;
  view.id = page.page.id;
  if (page.source) {
    view.parent = api::ParentRef{"database_id", page.db->id, page.source->id};
  } else {
    view.parent = api::ParentRef{page.page.parent_type, page.page.parent_id, ""};
  }
  view.created_time = page.page.created_time;
  view.created_by = page.page.created_by;
  view.last_edited_time = page.page.last_edited_time;
  view.last_edited_by = page.page.last_edited_by;
  LN_ASSIGN_OR_RETURN(view.icon, RenderFileObject(caller, page.page.icon));
  LN_ASSIGN_OR_RETURN(view.cover, RenderFileObject(caller, page.page.cover));
  view.in_trash = page.trashed;
  view.is_locked = page.page.is_locked;
  view.properties.reserve(page.schema->size());
  for (const auto& def : *page.schema) {
    json::value* v = values.if_contains(def.id);
    if (v == nullptr) continue;
    if (def.type == "title") view.title = api::PlainText(v->as_object().at("title").as_array());
    if (!filter_properties.empty() &&
        std::find(filter_properties.begin(), filter_properties.end(), def.id) == filter_properties.end()) {
      continue;
    }
    LimitReferences(v->as_object());
    view.properties[def.name] = std::move(*v);
  }
  return json::value(api::RenderPage(std::move(view), caller.version));
}

Result<json::object> Service::RenderSchema(const DataSourcePtr& source, api::ApiVersion version) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, SchemaOf(source));
  json::object out;
  for (const auto& def : *schema) {
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
