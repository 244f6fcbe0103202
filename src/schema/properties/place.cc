// place: a location, `{lat, lon, name?, address?, aws_place_id?, google_place_id?}` or
// null to clear. The 2026-03-11 request schema lists it among the writable values
// (https://developers.notion.com/reference/page-property-values#place); the response
// shows every key, null when not given. localnotion keeps what was written, where
// Notion's docs say the value "is not fully supported" (docs/compat.md).
#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

constexpr std::string_view kTextKeys[] = {"name", "address", "aws_place_id", "google_place_id"};

class Place : public PropertyType {
 public:
  std::string_view name() const override { return "place"; }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&,
                            PropertyDef*) const override {
    if (value.is_null()) return json::value(nullptr);
    if (!value.is_object()) return api::FailedValidation(path, "an object or `null`", &value);
    const json::object& o = value.get_object();
    json::object stored;
    for (std::string_view key : {"lat", "lon"}) {
      const json::value* v = Find(o, key);
      if (v == nullptr) return api::NotDefined(api::Field(path, key));
      if (!v->is_number()) return api::FailedValidation(api::Field(path, key), "a number", v);
      stored[key] = *v;
    }
    for (std::string_view key : kTextKeys) {
      const json::value* v = Find(o, key);
      if (v != nullptr && !v->is_null() && !v->is_string()) {
        return api::FailedValidation(api::Field(path, key), "a string or `null`", v);
      }
      stored[key] = v != nullptr ? *v : json::value(nullptr);
    }
    for (const auto& kv : o) {
      if (!stored.contains(kv.key())) return api::NotPresent(api::Field(path, kv.key()), kv.value());
    }
    return json::value(std::move(stored));
  }

  void Render(const json::value* stored, const PropertyDef&, const RenderContext&, json::object& out) const override {
    out["place"] = stored != nullptr && stored->is_object() ? *stored : json::value(nullptr);
  }
};

}  // namespace

const PropertyType& PlaceType() {
  static const Place t;
  return t;
}

}  // namespace localnotion::schema
