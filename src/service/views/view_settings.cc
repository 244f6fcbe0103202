// A view's filter, sorts, quick filters and configuration against its data source
// (https://developers.notion.com/guides/data-apis/working-with-views). They take the
// shapes of a data source query's filter and sorts
// (https://developers.notion.com/reference/filter-data-source-entries), with two
// additions of views: a select, status or multi_select condition may name several values
// ({"does_not_equal": ["Done", "Archive"]}, the SDK's ViewFilterRequest), and select and
// status values are checked against the property's options (status also takes its group
// names), failing with a message that lists the values available.
#include <fmt/format.h>

#include "query/filter.h"
#include "query/sort.h"
#include "service/views/views.h"

namespace localnotion::service::views {
namespace {

constexpr const char* kOptionTypes[] = {"select", "status", "multi_select"};

// The condition of a property filter on an option type: (type key, operator, value).
struct OptionCondition {
  std::string type;
  std::string op;
  const json::value* value = nullptr;
};

std::optional<OptionCondition> OptionConditionOf(const json::object& filter) {
  if (Find(filter, "property") == nullptr) return std::nullopt;
  for (const char* t : kOptionTypes) {
    const json::value* cond = Find(filter, t);
    if (cond == nullptr || !cond->is_object() || cond->get_object().size() != 1) continue;
    const auto& kv = *cond->get_object().begin();
    return OptionCondition{t, std::string(kv.key()), &kv.value()};
  }
  return std::nullopt;
}

// A property by id first, then by name: what Notion does for view property references
// ("If the string matches both a property ID and a different property's name, the ID
// match takes priority").
const schema::PropertyDef* ResolveProperty(const schema::Schema& schema, std::string_view key) {
  for (const schema::PropertyDef& def : schema) {
    if (def.id == key) return &def;
  }
  for (const schema::PropertyDef& def : schema) {
    if (def.name == key) return &def;
  }
  return nullptr;
}

// The names a select or status value may take: its options, and a status's groups.
std::vector<std::string> AvailableValues(const schema::PropertyDef& def) {
  std::vector<std::string> out;
  for (const char* key : {"options", "groups"}) {
    if (key == std::string_view("groups") && def.type != "status") continue;
    const json::value* list = Find(def.config, key);
    if (list == nullptr || !list->is_array()) continue;
    for (const json::value& o : list->get_array()) {
      const json::value* name = o.is_object() ? Find(o.get_object(), "name") : nullptr;
      if (name != nullptr && name->is_string()) out.emplace_back(name->get_string());
    }
  }
  return out;
}

// Checks the values of select and status conditions in `filter` (compounds walked).
Status CheckOptionValues(const schema::Schema& schema, const json::value& filter) {
  if (!filter.is_object()) return OkStatus();
  const json::object& o = filter.get_object();
  for (const char* compound : {"and", "or"}) {
    const json::value* list = Find(o, compound);
    if (list == nullptr || !list->is_array()) continue;
    for (const json::value& f : list->get_array()) LN_RETURN_IF_ERROR(CheckOptionValues(schema, f));
  }
  auto cond = OptionConditionOf(o);
  if (!cond || cond->type == "multi_select") return OkStatus();
  const json::value* property = Find(o, "property");
  if (!property->is_string()) return OkStatus();
  const schema::PropertyDef* def = schema::FindProperty(schema, property->get_string());
  if (def == nullptr || def->type != cond->type) return OkStatus();  // the engine's own errors
  std::vector<const json::value*> values;
  if (cond->value->is_array()) {
    for (const json::value& v : cond->value->get_array()) values.push_back(&v);
  } else {
    values.push_back(cond->value);
  }
  const std::vector<std::string> available = AvailableValues(*def);
  for (const json::value* v : values) {
    if (!v->is_string()) continue;
    bool known = false;
    for (const std::string& a : available) known = known || a == v->get_string();
    if (known) continue;
    std::string list;
    for (const std::string& a : available) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    // Notion's text is not published ("a descriptive error listing the available values",
    // https://developers.notion.com/guides/data-apis/working-with-views); see docs/compat.md.
    return ValidationError(fmt::format("Invalid {} value \"{}\" for property \"{}\". Available values: {}.", cond->type,
                                       std::string(v->get_string()), def->name, list.empty() ? "none" : list));
  }
  return OkStatus();
}

Status ResolveId(const schema::Schema& schema, json::object& o, const char* key) {
  json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return OkStatus();
  const schema::PropertyDef* def = ResolveProperty(schema, v->get_string());
  if (def == nullptr) {
    return ValidationError("Could not find property with name or id: " + std::string(v->get_string()));
  }
  *v = def->id;
  return OkStatus();
}

}  // namespace

json::value ExpandMultiValues(const json::value& filter) {
  if (!filter.is_object()) return filter;
  json::object o = filter.get_object();
  for (const char* compound : {"and", "or"}) {
    json::value* list = o.if_contains(compound);
    if (list == nullptr || !list->is_array()) continue;
    for (json::value& f : list->get_array()) f = ExpandMultiValues(f);
  }
  auto cond = OptionConditionOf(o);
  if (!cond || !cond->value->is_array()) return o;
  // "equals" and "contains" any of the values; "does_not_*" none of them.
  const bool any = cond->op == "equals" || cond->op == "contains";
  json::array parts;
  for (const json::value& v : cond->value->get_array()) {
    json::object one = o;
    one[cond->type] = json::object{{cond->op, v}};
    parts.push_back(std::move(one));
  }
  if (parts.size() == 1) return parts[0];
  return json::object{{any ? "or" : "and", std::move(parts)}};
}

Status CheckViewFilter(Context& ctx, const DataSourcePtr& source, const json::value& filter) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(source));
  LN_RETURN_IF_ERROR(query::ParseFilter(ExpandMultiValues(filter), *schema));
  return CheckOptionValues(*schema, filter);
}

Status CheckViewSorts(Context& ctx, const DataSourcePtr& source, const json::value& sorts) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(source));
  LN_RETURN_IF_ERROR(query::ParseSorts(sorts, *schema));
  return OkStatus();
}

Status CheckQuickFilter(Context& ctx, const DataSourcePtr& source, const std::string& key,
                        const json::value& condition) {
  json::object filter = condition.get_object();
  filter["property"] = key;
  return CheckViewFilter(ctx, source, filter);
}

Result<json::object> ResolveConfiguration(Context& ctx, const DataSourcePtr& source, const json::object& config) {
  if (source == nullptr) return config;
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(source));
  json::object out = config;
  for (const char* key :
       {"date_property_id", "end_date_property_id", "x_axis_property_id", "y_axis_property_id", "map_by"}) {
    LN_RETURN_IF_ERROR(ResolveId(*schema, out, key));
  }
  for (const char* key :
       {"group_by", "sub_group_by", "x_axis", "stack_by", "y_axis", "value", "cover", "subtasks", "arrows_by"}) {
    json::value* v = out.if_contains(key);
    if (v != nullptr && v->is_object()) LN_RETURN_IF_ERROR(ResolveId(*schema, v->get_object(), "property_id"));
  }
  for (const char* key : {"properties", "table_properties"}) {
    json::value* v = out.if_contains(key);
    if (v == nullptr || !v->is_array()) continue;
    for (json::value& p : v->get_array()) {
      if (p.is_object()) LN_RETURN_IF_ERROR(ResolveId(*schema, p.get_object(), "property_id"));
    }
  }
  return out;
}

json::value QueryFilterOf(const storage::ViewRecord& view) {
  json::array parts;
  // A top-level "and" takes the quick filters in, which keeps within the engine's two
  // levels of nesting.
  if (view.filter.is_object()) {
    json::value expanded = ExpandMultiValues(view.filter);
    const json::value* all = expanded.is_object() ? Find(expanded.get_object(), "and") : nullptr;
    if (all != nullptr && all->is_array() && expanded.get_object().size() == 1) {
      parts = all->get_array();
    } else {
      parts.push_back(std::move(expanded));
    }
  }
  if (view.quick_filters.is_object()) {
    for (const auto& kv : view.quick_filters.get_object()) {
      if (!kv.value().is_object()) continue;
      json::object f = kv.value().get_object();
      f["property"] = kv.key();
      parts.push_back(ExpandMultiValues(f));
    }
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return parts[0];
  return json::object{{"and", std::move(parts)}};
}

}  // namespace localnotion::service::views
