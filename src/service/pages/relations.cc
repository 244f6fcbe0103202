// Two-way (dual_property) relations: the property on one side and its synced property
// on the other always show the same links, in both directions.
#include <optional>

#include <fmt/format.h>

#include "common/uuid.h"
#include "schema/registry.h"
#include "service/pages/pages.h"
#include "service/pages/relations.h"

namespace localnotion::service::pages {
namespace {

bool Contains(const json::value* ids, std::string_view id) {
  if (ids == nullptr || !ids->is_array()) return false;
  for (const auto& v : ids->get_array()) {
    if (v.get_string() == id) return true;
  }
  return false;
}

}  // namespace

Status SyncDualRelations(Context& ctx, const Caller& caller, storage::PageRecord& self, const schema::PropertyDef& def,
                         const json::value* before, const json::value* after) {
  const std::string& page_id = self.id;
  const json::value* type = Find(def.config, "type");
  if (type == nullptr || *type != "dual_property") return OkStatus();
  const json::value& dual = def.config.at("dual_property");
  const json::value* synced = Find(dual.get_object(), "synced_property_id");
  if (synced == nullptr || !synced->is_string()) return OkStatus();
  std::string synced_id(synced->get_string());

  auto update = [&](std::string_view target_id, bool link) -> Status {
    std::optional<storage::PageRecord> loaded;
    std::optional<storage::PageRecord> before;  // for the other page's history
    storage::PageRecord* target = &self;
    if (target_id != self.id) {
      LN_ASSIGN_OR_RETURN(loaded, ctx.store().GetPage(target_id));
      if (!loaded) return OkStatus();
      before = *loaded;
      target = &*loaded;
    }
    json::value& ids = target->properties[synced_id];
    if (!ids.is_array()) ids = json::array{};
    json::array& arr = ids.get_array();
    bool present = Contains(&ids, page_id);
    if (link == present) return OkStatus();
    if (link) {
      arr.push_back(json::value(page_id));
    } else {
      json::array kept;
      for (auto& v : arr) {
        if (v.get_string() != page_id) kept.push_back(std::move(v));
      }
      arr = std::move(kept);
    }
    if (target == &self) return OkStatus();  // saved by the caller
    target->last_edited_time = NowMillis();
    target->last_edited_by = caller.integration.bot_user_id;
    return ctx.WritePage(caller, &*before, *target);
  };
  if (before && before->is_array()) {
    for (const auto& id : before->get_array()) {
      if (!Contains(after, id.get_string())) LN_RETURN_IF_ERROR(update(id.get_string(), false));
    }
  }
  if (after && after->is_array()) {
    for (const auto& id : after->get_array()) {
      if (!Contains(before, id.get_string())) LN_RETURN_IF_ERROR(update(id.get_string(), true));
    }
  }
  return OkStatus();
}

// For each dual_property relation in `schema` that is new (absent from `before`), adds
// the synced relation property to the related data source, named as Notion names it:
// "Related to <this data source's title> (<property name>)".
Status CreateSyncedRelations(Context& ctx, const Caller& caller, const DataSourcePtr& source, schema::Schema& schema,
                             const schema::Schema* before) {
  for (auto& def : schema) {
    if (def.type != "relation") continue;
    const json::value* type = Find(def.config, "type");
    if (type == nullptr || *type != "dual_property") continue;
    const json::value* synced = Find(def.config.at("dual_property").get_object(), "synced_property_id");
    if (synced && synced->is_string()) continue;  // already paired
    if (before && schema::FindPropertyById(*before, def.id)) continue;
    std::string target_id(def.config.at("data_source_id").get_string());
    std::string title;
    for (const auto& rt : source->title) title += rt.at("plain_text").get_string();
    std::string synced_name = fmt::format("Related to {} ({})", title.empty() ? "Untitled" : title, def.name);
    std::string synced_id = NewShortId();
    json::object back{{"database_id", source->database_id},
                      {"data_source_id", source->id},
                      {"type", "dual_property"},
                      {"dual_property", json::object{{"synced_property_name", def.name}, {"synced_property_id", def.id}}}};
    def.config["dual_property"] = json::object{{"synced_property_name", synced_name}, {"synced_property_id", synced_id}};
    schema::PropertyDef back_def{synced_id, synced_name, "relation", std::move(back)};
    if (target_id == source->id) {
      schema.push_back(std::move(back_def));  // a relation to its own data source
      return CreateSyncedRelations(ctx, caller, source, schema, before);
    }
    LN_ASSIGN_OR_RETURN(DataSourcePtr target, ctx.store().GetDataSource(target_id));
    if (!target) return NotFound("data source", target_id);
    LN_ASSIGN_OR_RETURN(SchemaPtr target_schema, ctx.SchemaOf(target));
    schema::Schema grown = *target_schema;
    grown.push_back(std::move(back_def));
    LN_RETURN_IF_ERROR(SaveSchema(ctx, caller, target, grown));
  }
  return OkStatus();
}

}  // namespace localnotion::service::pages
