// multi_select: an array of options (at most 100 per request); `[]` clears. Unknown
// names are created, like select.
#include "api/messages.h"
#include "api/limits.h"
#include "schema/properties/options.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {


class MultiSelect : public CreatableOptionsType {
 public:
  std::string_view name() const override { return "multi_select"; }
  bool renders_from_config() const override { return true; }
  FilterFamily filter_family() const override { return FilterFamily::kMultiSelect; }
  SortBy sort_by() const override { return SortBy::kOptions; }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def, PropertyDef* grown) const override {
    if (!value.is_array()) return api::FailedValidation(path, "an array", &value);
    const auto& arr = value.get_array();
    if (arr.size() > api::kMaxArrayItems) return api::TooLong(path, api::kMaxArrayItems, arr.size());
    json::array ids;
    for (size_t i = 0; i < arr.size(); ++i) {
      LN_ASSIGN_OR_RETURN(std::string id, ResolveOption(api::Index(path, i), arr[i], def, grown));
      bool dup = false;
      for (const auto& existing : ids) dup = dup || existing.get_string() == id;
      if (!dup) ids.push_back(json::value(id));
    }
    return json::value(std::move(ids));
  }

  void Render(const json::value* stored, const PropertyDef& def, const RenderContext&,
              json::object& out) const override {
    json::array arr;
    if (stored && stored->is_array()) {
      for (const auto& id : stored->get_array()) {
        if (!id.is_string()) continue;  // never stored so; a damaged value shows what it can
        json::value opt = RenderOption(id.get_string(), def);
        if (!opt.is_null()) arr.push_back(std::move(opt));
      }
    }
    out["multi_select"] = std::move(arr);
  }
  bool writes_shown() const override { return true; }
  void WriteShown(const json::value* stored, const PropertyDef& def, JsonWriter& w) const override {
    w.Raw("[");
    bool first = true;
    if (stored && stored->is_array()) {
      // An option that no longer exists is left out, as Render leaves it out.
      for (const auto& id : stored->get_array()) {
        if (id.is_string() && WriteOption(id.get_string(), def, w, first ? "" : ",")) first = false;
      }
    }
    w.Raw("]");
  }
};

}  // namespace

const PropertyType& MultiSelectType() {
  static const MultiSelect t;
  return t;
}

}  // namespace localnotion::schema
