// number: a finite number or null. The schema carries a display `format`.
#include <array>
#include <cmath>

#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

constexpr std::array<std::string_view, 41> kFormats = {
    "number", "number_with_commas", "percent", "dollar", "australian_dollar", "canadian_dollar",
    "singapore_dollar", "euro", "pound", "yen", "ruble", "rupee", "won", "yuan", "real", "lira",
    "rupiah", "franc", "hong_kong_dollar", "new_zealand_dollar", "krona", "norwegian_krone",
    "mexican_peso", "rand", "new_taiwan_dollar", "danish_krone", "zloty", "baht", "forint",
    "koruna", "shekel", "chilean_peso", "philippine_peso", "dirham", "colombian_peso", "riyal",
    "ringgit", "leu", "argentine_peso", "uruguayan_peso", "peruvian_sol"};

class Number : public PropertyType {
 public:
  std::string_view name() const override { return "number"; }
  FilterFamily filter_family() const override { return FilterFamily::kNumber; }
  SortBy sort_by() const override { return SortBy::kNumber; }
  ScanAs scan_as() const override { return ScanAs::kNumber; }

  Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                   const ConfigContext&) const override {
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    json::object out{{"format", "number"}};
    if (const json::value* f = Find(config.get_object(), "format")) {
      bool known = false;
      for (auto k : kFormats) known = known || (f->is_string() && f->get_string() == k);
      if (!known) return api::FailedValidation(api::Field(path, "format"), "a valid number format", f);
      out["format"] = *f;
    }
    return out;
  }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    if (value.is_null()) return json::value(nullptr);
    if (value.is_int64() || value.is_uint64()) return value;
    if (value.is_double() && std::isfinite(value.get_double())) return value;
    return api::FailedValidation(path, "a number or `null`", &value);
  }
  // The base Render shows the stored number (or null) as it is.
  const json::value* ShownAsStored(const json::value& stored) const override { return &stored; }
};

}  // namespace

const PropertyType& NumberType() {
  static const Number t;
  return t;
}

}  // namespace localnotion::schema
