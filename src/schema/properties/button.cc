// button: read-only. Notion returns `button: {}` for every page
// (https://developers.notion.com/reference/page-property-values#button).
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Button : public PropertyType {
 public:
  std::string_view name() const override { return "button"; }
  bool writable() const override { return false; }
  void Render(const json::value*, const PropertyDef&, const RenderContext&, json::object& out) const override {
    out["button"] = json::object{};
  }
};

}  // namespace

const PropertyType& ButtonType() {
  static const Button t;
  return t;
}

}  // namespace localnotion::schema
