// unique_id: read-only, "cannot be updated with the API, since they are
// auto-incrementing". The page stores its number when it is created.
#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class UniqueId : public PropertyType {
 public:
  std::string_view name() const override { return "unique_id"; }
  bool writable() const override { return false; }
  bool stored() const override { return true; }
  bool numbered() const override { return true; }
  bool renders_from_config() const override { return true; }
  FilterFamily filter_family() const override { return FilterFamily::kNumber; }
  SortBy sort_by() const override { return SortBy::kNumber; }
  Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                   const ConfigContext&) const override {
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    const json::value* prefix = Find(config.get_object(), "prefix");
    if (prefix && !prefix->is_null() && !prefix->is_string()) {
      return api::FailedValidation(api::Field(path, "prefix"), "a string or `null`", prefix);
    }
    return json::object{{"prefix", prefix ? *prefix : json::value(nullptr)}};
  }
  void Render(const json::value* stored, const PropertyDef& def, const RenderContext&,
              json::object& out) const override {
    const json::value* prefix = Find(def.config, "prefix");
    out["unique_id"] = json::object{{"prefix", prefix ? *prefix : json::value(nullptr)},
                                    {"number", stored ? *stored : json::value(nullptr)}};
  }
};

}  // namespace

const PropertyType& UniqueIdType() {
  static const UniqueId t;
  return t;
}

}  // namespace localnotion::schema
