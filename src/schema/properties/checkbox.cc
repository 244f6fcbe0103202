// checkbox: a boolean; null is not accepted (Notion: "checkbox must be a boolean").
#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Checkbox : public PropertyType {
 public:
  std::string_view name() const override { return "checkbox"; }
  FilterFamily filter_family() const override { return FilterFamily::kCheckbox; }
  SortBy sort_by() const override { return SortBy::kCheckbox; }
  ScanAs scan_as() const override { return ScanAs::kCheckbox; }
  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    if (!value.is_bool()) return api::FailedValidation(path, "a boolean", &value);
    return value;
  }
  void Render(const json::value* stored, const PropertyDef&, const RenderContext&,
              json::object& out) const override {
    out["checkbox"] = stored && stored->is_bool() && stored->get_bool();
  }
  const json::value* ShownAsStored(const json::value& stored) const override {
    return stored.is_bool() ? &stored : nullptr;
  }
};

}  // namespace

const PropertyType& CheckboxType() {
  static const Checkbox t;
  return t;
}

}  // namespace localnotion::schema
