// The "views" of a fixture (docs/fixtures.md): database views as GET /v1/views/{id}
// shows them, plus their `position` among the database's tabs. A database of the fixture
// without any view gets Notion's "Default view" (a table over its first data source), so
// that fixtures written before views existed still give every database a view.
#include <set>

#include "service/admin/fixtures_reader.h"
#include "service/databases/databases.h"
#include "validation/view_config.h"

namespace localnotion::service::admin {

Status SeedViews(Context& ctx, const json::object& fixture, const std::string& actor) {
  LN_ASSIGN_OR_RETURN(auto views, Items(fixture, "views"));
  std::set<std::string> ids;
  std::set<std::string> with_views;
  int64_t position = 0;
  for (const Reader& r : views) {
    storage::ViewRecord v;
    LN_ASSIGN_OR_RETURN(v.id, r.Id("id", true));
    if (!ids.insert(v.id).second) {
      json::value shown(v.id);
      return api::FailedValidation(r.At("id"), "an id not used before in body.views", &shown);
    }
    LN_ASSIGN_OR_RETURN(v.database_id, r.Id("database_id", false));
    LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(v.database_id));
    if (!db) return api::FailedValidation(r.At("database_id"), "the id of one of body.databases", r.Get("database_id"));
    LN_ASSIGN_OR_RETURN(v.type, r.String("type", std::string("table")));
    bool known = false;
    for (std::string_view t : validation::kViewTypes) known = known || t == v.type;
    if (!known) return api::FailedValidation(r.At("type"), validation::ViewTypeExpectation(), r.Get("type"));
    if (v.type != "dashboard") {
      LN_ASSIGN_OR_RETURN(v.data_source_id, r.Id("data_source_id", false));
      LN_ASSIGN_OR_RETURN(auto ds, ctx.store().GetDataSource(v.data_source_id));
      if (!ds) {
        return api::FailedValidation(r.At("data_source_id"), "the id of one of body.data_sources",
                                     r.Get("data_source_id"));
      }
    }
    if (r.Get("dashboard_view_id")) {
      LN_ASSIGN_OR_RETURN(v.dashboard_view_id, r.Id("dashboard_view_id", false));
    }
    LN_ASSIGN_OR_RETURN(v.name, r.String("name", std::string("Default view")));
    for (const char* key : {"filter", "quick_filters", "configuration"}) {
      const json::value* value = r.Get(key);
      if (value != nullptr && !value->is_object())
        return api::FailedValidation(r.At(key), "an object or `null`", value);
    }
    if (const json::value* sorts = r.Get("sorts"); sorts != nullptr && !sorts->is_array()) {
      return api::FailedValidation(r.At("sorts"), "an array or `null`", sorts);
    }
    auto value_of = [&](const char* key) { return r.Get(key) ? *r.Get(key) : json::value(nullptr); };
    v.filter = value_of("filter");
    v.sorts = value_of("sorts");
    v.quick_filters = value_of("quick_filters");
    v.configuration = value_of("configuration");
    const json::value* pos = r.Get("position");
    if (pos != nullptr && !pos->is_int64()) return api::FailedValidation(r.At("position"), "an integer", pos);
    v.position = pos != nullptr ? pos->get_int64() : ++position * 1024;
    LN_ASSIGN_OR_RETURN(v.created_time, r.Time("created_time", db->created_time));
    LN_ASSIGN_OR_RETURN(v.last_edited_time, r.Time("last_edited_time", v.created_time));
    v.created_by = db->created_by.empty() ? actor : db->created_by;
    v.last_edited_by = v.created_by;
    with_views.insert(v.database_id);
    LN_RETURN_IF_ERROR(ctx.WriteView(Caller{}, nullptr, v, WriteMode::kImport));
  }
  LN_ASSIGN_OR_RETURN(auto databases, ctx.store().ListAllDatabases());
  for (const auto& db : databases) {
    if (with_views.count(db->id)) continue;
    LN_ASSIGN_OR_RETURN(auto sources, ctx.store().ListDataSources(db->id));
    if (sources.empty()) continue;
    storage::ViewRecord v;
    v.id = NewUuid();
    v.database_id = db->id;
    v.data_source_id = sources.front()->id;
    v.name = "Default view";
    v.type = "table";
    v.position = 1024;
    v.created_time = v.last_edited_time = db->created_time;
    v.created_by = v.last_edited_by = db->created_by;
    LN_RETURN_IF_ERROR(ctx.WriteView(Caller{}, nullptr, v, WriteMode::kImport));
  }
  return OkStatus();
}

Result<json::array> ExportViews(Context& ctx) {
  json::array out;
  LN_ASSIGN_OR_RETURN(auto views, ctx.store().ListAllViews());
  for (const storage::ViewRecord& v : views) {
    json::object o{{"id", v.id}, {"database_id", v.database_id}};
    o["data_source_id"] = v.data_source_id.empty() ? json::value(nullptr) : json::value(v.data_source_id);
    if (!v.dashboard_view_id.empty()) o["dashboard_view_id"] = v.dashboard_view_id;
    o["name"] = v.name;
    o["type"] = v.type;
    o["filter"] = v.filter;
    o["sorts"] = v.sorts;
    o["quick_filters"] = v.quick_filters;
    o["configuration"] = v.configuration;
    o["position"] = v.position;
    o["created_time"] = FormatIso8601(v.created_time);
    o["last_edited_time"] = FormatIso8601(v.last_edited_time);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace localnotion::service::admin
