// rollup: read-only ("Updating rollup property values is not supported"). The schema
// keeps the relation and target property and the function; values are computed in the
// property-types issue and render as an empty number until then.
#include <array>

#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

constexpr std::array<std::string_view, 24> kFunctions = {
    "average", "checked", "count", "count_per_group", "count_values", "date_range", "earliest_date",
    "empty", "latest_date", "max", "median", "min", "not_empty", "percent_checked", "percent_empty",
    "percent_not_empty", "percent_per_group", "percent_unchecked", "range", "show_original",
    "show_unique", "sum", "unchecked", "unique"};

class Rollup : public PropertyType {
 public:
  std::string_view name() const override { return "rollup"; }
  ComputedFrom computed_from() const override { return ComputedFrom::kRelatedPages; }
  SortBy sort_by() const override { return SortBy::kRollupResult; }
  RenderExtras render_extras() const override { return {.paginated_item = true}; }
  bool writable() const override { return false; }
  Result<json::object> ParseConfig(std::string_view path_in, const json::value& config,
                                   const ConfigContext&) const override {
    std::string path(path_in);
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    const auto& obj = config.get_object();
    const json::value* fn = Find(obj, "function");
    if (fn == nullptr) return api::NotDefined(api::Field(path, "function"));
    bool known = false;
    for (auto f : kFunctions) known = known || (fn->is_string() && fn->get_string() == f);
    if (!known) return api::FailedValidation(api::Field(path, "function"), "a valid rollup function", fn);
    json::object out{{"function", *fn}};
    for (const char* k : {"relation_property_name", "relation_property_id", "rollup_property_name", "rollup_property_id"}) {
      const json::value* v = Find(obj, k);
      out[k] = (v && v->is_string()) ? *v : json::value(nullptr);
    }
    return out;
  }
  void Render(const json::value*, const PropertyDef& def, const RenderContext&, json::object& out) const override {
    const json::value* fn = Find(def.config, "function");
    out["rollup"] = json::object{{"type", "number"}, {"number", nullptr}, {"function", fn ? *fn : json::value("count")}};
  }
};

}  // namespace

const PropertyType& RollupType() {
  static const Rollup t;
  return t;
}

}  // namespace localnotion::schema
