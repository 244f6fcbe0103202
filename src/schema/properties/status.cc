// status: one option or null. Unlike select, an unknown name never creates an option.
// A new status property gets Notion's default options and groups.
#include "api/messages.h"
#include "common/uuid.h"
#include "schema/properties/options.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

json::object Option(const std::string& id, std::string_view name, std::string_view color) {
  return json::object{{"id", id}, {"name", name}, {"color", color}, {"description", nullptr}};
}

json::object Group(std::string_view name, std::string_view color, json::array option_ids) {
  return json::object{{"id", NewShortId()}, {"name", name}, {"color", color}, {"option_ids", std::move(option_ids)}};
}

class Status final : public PropertyType {
 public:
  std::string_view name() const override { return "status"; }
  bool renders_from_config() const override { return true; }
  FilterFamily filter_family() const override { return FilterFamily::kSelect; }
  SortBy sort_by() const override { return SortBy::kOption; }
  ScanAs scan_as() const override { return ScanAs::kOptionId; }

  Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                   const ConfigContext&) const override {
    if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
    std::string not_started = NewShortId(), in_progress = NewShortId(), done = NewShortId();
    json::array options{Option(not_started, "Not started", "default"), Option(in_progress, "In progress", "blue"),
                        Option(done, "Done", "green")};
    json::array groups{Group("To-do", "gray", json::array{json::value(not_started)}),
                       Group("In progress", "blue", json::array{json::value(in_progress)}),
                       Group("Complete", "green", json::array{json::value(done)})};
    return json::object{{"options", std::move(options)}, {"groups", std::move(groups)}};
  }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def, PropertyDef* grown) const override {
    if (value.is_null()) return json::value(nullptr);
    LN_ASSIGN_OR_RETURN(std::string id, ResolveOption(path, value, def, nullptr));
    return json::value(id);
  }

  void Render(const json::value* stored, const PropertyDef& def, const RenderContext&,
              json::object& out) const override {
    out["status"] = (stored && stored->is_string()) ? RenderOption(stored->get_string(), def) : json::value(nullptr);
  }
};

}  // namespace

const PropertyType& StatusType() {
  static const Status t;
  return t;
}

}  // namespace localnotion::schema
