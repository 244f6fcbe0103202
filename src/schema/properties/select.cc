// select: one option or null. An unknown name creates the option in the schema, as
// Notion does when the integration may write the parent data source.
#include "api/messages.h"
#include "schema/properties/options.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Select : public CreatableOptionsType {
 public:
  std::string_view name() const override { return "select"; }
  bool renders_from_config() const override { return true; }
  FilterFamily filter_family() const override { return FilterFamily::kSelect; }
  SortBy sort_by() const override { return SortBy::kOption; }
  ScanAs scan_as() const override { return ScanAs::kOptionId; }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def, PropertyDef* grown) const override {
    if (value.is_null()) return json::value(nullptr);
    LN_ASSIGN_OR_RETURN(std::string id, ResolveOption(path, value, def, grown));
    return json::value(id);
  }

  void Render(const json::value* stored, const PropertyDef& def, const RenderContext&,
              json::object& out) const override {
    out["select"] = (stored && stored->is_string()) ? RenderOption(stored->get_string(), def) : json::value(nullptr);
  }
  bool writes_shown() const override { return true; }
  void WriteShown(const json::value* stored, const PropertyDef& def, JsonWriter& w) const override {
    if (!stored || !stored->is_string() || !WriteOption(stored->get_string(), def, w)) w.Null();
  }
};

}  // namespace

const PropertyType& SelectType() {
  static const Select t;
  return t;
}

}  // namespace localnotion::schema
