// relation: an array of page references ({id}); `[]` clears; at most 100 per request.
// The schema names the related database: by database_id in 2022-06-28 and by
// data_source_id in 2025-09-03; the stored configuration keeps both, and responses of
// every version show both (upgrade guide 2025-09-03).
#include "api/messages.h"
#include "schema/properties/id_list.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Relation : public PropertyType {
 public:
  std::string_view name() const override { return "relation"; }
  FilterFamily filter_family() const override { return FilterFamily::kRelation; }
  SortBy sort_by() const override { return SortBy::kFirstId; }
  RenderExtras render_extras() const override {
    return {.visible_pages_only = true, .capped_list = true, .has_more_when_capped = true, .paginated_item = true};
  }
  // Every id must be a page of the related data source (the configuration's
  // data_source_id); the database id is named in the error message.
  References ReferencesIn(const json::value& stored, const PropertyDef& def) const override {
    References refs;
    refs.kind = References::Kind::kPages;
    if (stored.is_array()) {
      for (const auto& id : stored.get_array()) refs.ids.emplace_back(id.get_string());
    }
    const json::value* db = Find(def.config, "database_id");
    const json::value* ds = Find(def.config, "data_source_id");
    if (db && db->is_string()) refs.database_id = std::string(db->get_string());
    if (ds && ds->is_string()) refs.data_source_id = std::string(ds->get_string());
    return refs;
  }

  Result<json::object> ParseConfig(std::string_view path_in, const json::value& config,
                                   const ConfigContext& ctx) const override {
    std::string path(path_in);
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    const auto& obj = config.get_object();
    const bool by_source = api::HasDataSources(ctx.version);
    const char* key = by_source ? "data_source_id" : "database_id";
    const json::value* id = Find(obj, key);
    if (id == nullptr) return api::NotDefined(api::Field(path, key));
    if (!id->is_string()) return api::FailedValidation(api::Field(path, key), "a valid uuid", id);
    if (!ctx.resolve_database) return InternalError("no database resolver");
    LN_ASSIGN_OR_RETURN(auto ids, ctx.resolve_database(id->get_string(), by_source));
    json::object out{{"database_id", ids.first}, {"data_source_id", ids.second}};
    if (Find(obj, "dual_property")) {
      out["type"] = "dual_property";
      out["dual_property"] = json::object{{"synced_property_name", nullptr}, {"synced_property_id", nullptr}};
    } else {
      out["type"] = "single_property";
      out["single_property"] = json::object{};
    }
    return out;
  }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    LN_ASSIGN_OR_RETURN(json::array ids, ReadIdList(path, value, {}));
    return json::value(std::move(ids));
  }

  void Render(const json::value* stored, const PropertyDef&, const RenderContext&,
              json::object& out) const override {
    json::array refs;
    if (stored && stored->is_array()) {
      for (const auto& id : stored->get_array()) refs.push_back(json::object{{"id", id}});
    }
    out["relation"] = std::move(refs);
    out["has_more"] = false;
  }
};

}  // namespace

const PropertyType& RelationType() {
  static const Relation t;
  return t;
}

}  // namespace localnotion::schema
