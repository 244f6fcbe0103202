// status: one option or null. Unlike select, an unknown name never creates an option.
// A new status property gets Notion's default options and groups.
#include <fmt/format.h>

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
    if (config.get_object().contains("options")) {
      // Options of its own (since 2026-03-19): all in the To-do group, as new options are.
      LN_ASSIGN_OR_RETURN(json::array options, ParseOptions(path, config));
      json::array todo;
      for (const auto& o : options) todo.push_back(o.as_object().at("id"));
      json::array groups{Group("To-do", "gray", std::move(todo)), Group("In progress", "blue", json::array{}),
                         Group("Complete", "green", json::array{})};
      return json::object{{"options", std::move(options)}, {"groups", std::move(groups)}};
    }
    std::string not_started = NewShortId(), in_progress = NewShortId(), done = NewShortId();
    json::array options{Option(not_started, "Not started", "default"), Option(in_progress, "In progress", "blue"),
                        Option(done, "Done", "green")};
    json::array groups{Group("To-do", "gray", json::array{json::value(not_started)}),
                       Group("In progress", "blue", json::array{json::value(in_progress)}),
                       Group("Complete", "green", json::array{json::value(done)})};
    return json::object{{"options", std::move(options)}, {"groups", std::move(groups)}};
  }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def,
                            PropertyDef* grown) const override {
    if (value.is_null()) return json::value(nullptr);
    LN_ASSIGN_OR_RETURN(std::string id, ResolveOption(path, value, def, nullptr));
    return json::value(id);
  }

  void Render(const json::value* stored, const PropertyDef& def, const RenderContext&,
              json::object& out) const override {
    out["status"] = (stored && stored->is_string()) ? RenderOption(stored->get_string(), def) : json::value(nullptr);
  }
  bool writes_shown() const override { return true; }
  void WriteShown(const json::value* stored, const PropertyDef& def, JsonWriter& w) const override {
    if (!stored || !stored->is_string() || !WriteOption(stored->get_string(), def, w)) w.Null();
  }
};

}  // namespace

Result<json::object> UpdateStatusConfig(std::string_view path, const json::object& existing,
                                        const json::value& request) {
  json::object out = existing;
  const json::value* requested = request.is_object() ? Find(request.get_object(), "options") : nullptr;
  if (requested == nullptr) return out;
  const std::string opath = api::Field(path, "options");
  if (!requested->is_array()) return api::FailedValidation(opath, "an array", requested);
  json::array& options = out["options"].is_array() ? out["options"].as_array() : out["options"].emplace_array();
  for (size_t i = 0; i < requested->get_array().size(); ++i) {
    const json::value& want = requested->get_array()[i];
    const std::string ipath = api::Index(opath, i);
    if (!want.is_object()) return api::FailedValidation(ipath, "an object", &want);
    const json::object& w = want.get_object();
    for (const auto& kv : w) {
      if (kv.key() != "id" && kv.key() != "name" && kv.key() != "color" && kv.key() != "description") {
        return api::NotPresent(api::Field(ipath, kv.key()), kv.value());
      }
    }
    const json::value* id = Find(w, "id");
    const json::value* name = Find(w, "name");
    const json::value* color = Find(w, "color");
    const json::value* description = Find(w, "description");
    if (name != nullptr) LN_RETURN_IF_ERROR(CheckName(api::Field(ipath, "name"), *name));
    if (color != nullptr && (!color->is_string() || !IsOptionColor(color->get_string()))) {
      return api::FailedValidation(api::Field(ipath, "color"), "a valid color", color);
    }
    json::object* match = nullptr;
    for (json::value& o : options) {
      const json::object& e = o.as_object();
      if ((id != nullptr && *id == e.at("id")) || (id == nullptr && name != nullptr && *name == e.at("name"))) {
        match = &o.as_object();
      }
    }
    if (match == nullptr && id != nullptr) {
      return ValidationError(fmt::format("{} names no option of this status property: {}.", api::Field(ipath, "id"),
                                         api::MessageValue(id)));
    }
    if (match == nullptr) {
      // A new option goes to the To-do group (https://developers.notion.com/page/changelog, 2026-03-19).
      if (name == nullptr) return api::NotDefined(api::Field(ipath, "name"));
      const std::string new_id = NewShortId();
      options.push_back(Option(new_id, name->get_string(), color ? color->get_string() : std::string_view("default")));
      if (description != nullptr && description->is_string()) options.back().as_object()["description"] = *description;
      json::value* groups = out.if_contains("groups");
      if (groups != nullptr && groups->is_array() && !groups->get_array().empty()) {
        json::object* todo = &groups->as_array().front().as_object();
        for (json::value& g : groups->as_array()) {
          if (g.as_object().at("name") == "To-do") todo = &g.as_object();
        }
        todo->at("option_ids").as_array().push_back(json::string(new_id));
      }
      continue;
    }
    if (name != nullptr) (*match)["name"] = *name;
    if (color != nullptr) (*match)["color"] = *color;
    if (description != nullptr && (description->is_string() || description->is_null()))
      (*match)["description"] = *description;
  }
  return out;
}

const PropertyType& StatusType() {
  static const Status t;
  return t;
}

}  // namespace localnotion::schema
