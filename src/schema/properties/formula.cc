// formula: read-only. The schema keeps the expression. Values are computed by the
// formula evaluator of the property-types issue; until then a formula renders as an
// empty string result.
#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Formula : public PropertyType {
 public:
  std::string_view name() const override { return "formula"; }
  ComputedFrom computed_from() const override { return ComputedFrom::kPageValues; }
  SortBy sort_by() const override { return SortBy::kFormulaResult; }
  bool writable() const override { return false; }
  Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                   const ConfigContext&) const override {
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    const json::value* expr = Find(config.get_object(), "expression");
    if (expr == nullptr) return api::NotDefined(api::Field(path, "expression"));
    if (!expr->is_string()) return api::FailedValidation(api::Field(path, "expression"), "a string", expr);
    return json::object{{"expression", *expr}};
  }
  void Render(const json::value*, const PropertyDef&, const RenderContext&, json::object& out) const override {
    out["formula"] = json::object{{"type", "string"}, {"string", nullptr}};
  }
};

}  // namespace

const PropertyType& FormulaType() {
  static const Formula t;
  return t;
}

}  // namespace localnotion::schema
