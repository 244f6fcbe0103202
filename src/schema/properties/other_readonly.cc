// button, verification and place: read-only here. Notion returns `button: {}`, an
// unverified verification state, and place values as null ("not fully supported").
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class Fixed : public PropertyType {
 public:
  Fixed(std::string_view name, json::value value) : name_(name), value_(std::move(value)) {}
  std::string_view name() const override { return name_; }
  bool writable() const override { return false; }
  void Render(const json::value*, const PropertyDef&, const RenderContext&, json::object& out) const override {
    out[name_] = value_;
  }

 private:
  std::string_view name_;
  json::value value_;
};

}  // namespace

const PropertyType& ButtonType() {
  static const Fixed t("button", json::object{});
  return t;
}
const PropertyType& VerificationType() {
  static const Fixed t("verification",
                       json::object{{"state", "unverified"}, {"verified_by", nullptr}, {"date", nullptr}});
  return t;
}
const PropertyType& PlaceType() {
  static const Fixed t("place", nullptr);
  return t;
}

}  // namespace localnotion::schema
