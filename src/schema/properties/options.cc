#include "schema/properties/options.h"

#include <fmt/format.h>
#include <array>

#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::schema {
namespace {

constexpr std::array<std::string_view, 10> kColors = {"default", "gray", "brown",  "orange", "yellow",
                                                      "green",   "blue", "purple", "pink",   "red"};
constexpr size_t kMaxName = 100;

const json::array& Options(const PropertyDef& def) {
  static const json::array kNone;
  const json::value* v = Find(def.config, "options");
  return (v && v->is_array()) ? v->get_array() : kNone;
}

// An option's member, or null: a stored option is an object with an id, a name and a
// color (ParseOptions, ResolveOption), read with Find rather than json::object::at,
// whose search costs a call to memcmp per key (common/json.h).
const json::value kNoMember;  // what Member returns for a member that is missing
const json::value& Member(const json::object& option, std::string_view key) {
  const json::value* v = Find(option, key);
  return v != nullptr ? *v : kNoMember;
}
const json::value& Member(const json::value& option, std::string_view key) {
  const json::object* o = option.if_object();
  return o != nullptr ? Member(*o, key) : kNoMember;
}

}  // namespace

Status CheckName(std::string_view path, const json::value& name) {
  if (!name.is_string()) return api::FailedValidation(path, "a string", &name);
  size_t len = api::Utf16Length(name.get_string());
  if (len > kMaxName) return api::TooLong(path, kMaxName, len);
  if (name.get_string().find(',') != std::string_view::npos) {
    return ValidationError(
        fmt::format("Invalid select option, commas not allowed: {}", std::string_view(name.get_string())));
  }
  return OkStatus();
}

bool IsOptionColor(std::string_view color) {
  for (auto c : kColors) {
    if (c == color) return true;
  }
  return false;
}

std::string_view ColorForNewOption(size_t index) { return kColors[index % kColors.size()]; }

Result<json::array> ParseOptions(std::string_view path, const json::value& config) {
  json::array out;
  if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
  const json::value* options = Find(config.get_object(), "options");
  if (options == nullptr) return out;
  std::string opath = api::Field(path, "options");
  if (!options->is_array()) return api::FailedValidation(opath, "an array", options);
  for (size_t i = 0; i < options->get_array().size(); ++i) {
    const json::value& o = options->get_array()[i];
    std::string ipath = api::Index(opath, i);
    if (!o.is_object()) return api::FailedValidation(ipath, "an object", &o);
    const json::value* name = Find(o.get_object(), "name");
    if (name == nullptr) return api::NotDefined(api::Field(ipath, "name"));
    LN_RETURN_IF_ERROR(CheckName(api::Field(ipath, "name"), *name));
    std::string color(ColorForNewOption(out.size()));
    if (const json::value* c = Find(o.get_object(), "color")) {
      if (!c->is_string() || !IsOptionColor(c->get_string())) {
        return api::FailedValidation(api::Field(ipath, "color"), "a valid color", c);
      }
      color = std::string(c->get_string());
    }
    json::value description = nullptr;
    if (const json::value* d = Find(o.get_object(), "description"); d && d->is_string()) description = *d;
    out.push_back(json::object{{"id", NewShortId()}, {"name", *name}, {"color", color}, {"description", description}});
  }
  return out;
}

Result<std::string> ResolveOption(std::string_view path, const json::value& ref, const PropertyDef& def_in,
                                  PropertyDef* grown) {
  const PropertyDef& def = grown ? *grown : def_in;
  if (!ref.is_object()) return api::FailedValidation(path, "an object", &ref);
  const auto& obj = ref.get_object();
  const json::value* id = Find(obj, "id");
  const json::value* name = Find(obj, "name");
  for (const auto& kv : obj) {
    if (kv.key() != "id" && kv.key() != "name" && kv.key() != "color" && kv.key() != "description") {
      return api::NotPresent(api::Field(path, kv.key()), kv.value());
    }
  }
  const json::array& options = Options(def);
  if (id != nullptr) {
    if (!id->is_string()) return api::FailedValidation(api::Field(path, "id"), "a string", id);
    for (const auto& o : options) {
      if (Member(o, "id") == *id) return std::string(id->get_string());
    }
    if (name == nullptr) {
      return ValidationError(fmt::format("Invalid {} option id: {}", def.type, std::string_view(id->get_string())));
    }
  }
  if (name == nullptr) {
    return api::FixOne({api::ShouldBe(api::Field(path, "id"), "defined", nullptr),
                        api::ShouldBe(api::Field(path, "name"), "defined", nullptr)});
  }
  LN_RETURN_IF_ERROR(CheckName(api::Field(path, "name"), *name));
  for (const auto& o : options) {
    if (Member(o, "name") == *name) {
      const json::value& option_id = Member(o, "id");
      if (option_id.is_string()) return std::string(option_id.get_string());
    }
  }
  if (grown == nullptr) {
    return ValidationError(fmt::format("Invalid status option. Status option \"{}\" does not exist.",
                                       std::string_view(name->get_string())));
  }
  std::string color(ColorForNewOption(options.size()));
  json::value& grown_options = grown->config["options"];
  if (!grown_options.is_array()) grown_options = json::array{};
  if (const json::value* c = Find(obj, "color")) {
    if (!c->is_string() || !IsOptionColor(c->get_string())) {
      return api::FailedValidation(api::Field(path, "color"), "a valid color", c);
    }
    color = std::string(c->get_string());
  }
  std::string new_id = NewShortId();
  grown_options.get_array().push_back(
      json::object{{"id", new_id}, {"name", *name}, {"color", color}, {"description", nullptr}});
  return new_id;
}

namespace {

// The stored option whose id is `id`, or nullptr.
const json::object* FindOption(std::string_view id, const PropertyDef& def) {
  const json::value* options = Find(def.config, "options");
  if (options == nullptr || !options->is_array()) return nullptr;
  for (const auto& o : options->get_array()) {
    const json::value& option_id = Member(o, "id");
    if (option_id.is_string() && option_id.get_string() == id) return &o.get_object();
  }
  return nullptr;
}

// Whether a stored select, status or multi_select value names option `id`.
bool NamesOption(const json::value* stored, std::string_view id) {
  if (stored == nullptr) return false;
  if (const json::string* s = stored->if_string()) return *s == id;
  if (const json::array* ids = stored->if_array()) {
    for (const json::value& e : *ids) {
      if (const json::string* s = e.if_string(); s != nullptr && *s == id) return true;
    }
  }
  return false;
}

}  // namespace

void WriteConfigNaming(const PropertyDef& def, const json::value* a, const json::value* b, JsonWriter& w) {
  w.Raw("{");
  bool first = true;
  for (const auto& member : def.config) {
    w.Raw(first ? "" : ",");
    first = false;
    w.String(member.key());
    w.Raw(":");
    const json::array* options = member.key() == "options" ? member.value().if_array() : nullptr;
    if (options == nullptr) {
      w.Value(member.value());
      continue;
    }
    w.Raw("[");
    bool first_option = true;
    for (const json::value& option : *options) {
      const json::value* id = option.is_object() ? option.get_object().if_contains("id") : nullptr;
      if (id != nullptr && id->is_string() && !NamesOption(a, id->get_string()) && !NamesOption(b, id->get_string())) {
        continue;
      }
      w.Raw(first_option ? "" : ",");
      first_option = false;
      w.Value(option);
    }
    w.Raw("]");
  }
  w.Raw("}");
}

json::value RenderOption(std::string_view id, const PropertyDef& def) {
  const json::object* obj = FindOption(id, def);
  if (obj == nullptr) return nullptr;
  return json::object{{"id", Member(*obj, "id")}, {"name", Member(*obj, "name")}, {"color", Member(*obj, "color")}};
}

namespace {

// An option as a page shows it: {"id","name","color"} (RenderOption).
void WriteShownOption(const json::object& option, JsonWriter& w) {
  w.Raw(R"({"id":)");
  w.Value(Member(option, "id"));
  w.Raw(R"(,"name":)");
  w.Value(Member(option, "name"));
  w.Raw(R"(,"color":)");
  w.Value(Member(option, "color"));
  w.Raw("}");
}

}  // namespace

bool WriteOption(std::string_view id, const PropertyDef& def, JsonWriter& w, std::string_view prefix) {
  const auto& shown = def.derived.shown_options;
  if (!shown.empty()) {
    for (const auto& [option_id, text] : shown) {
      if (option_id == id) {
        w.Raw(prefix);
        w.Raw(text);
        return true;
      }
    }
    return false;
  }
  const json::object* obj = FindOption(id, def);
  if (obj == nullptr) return false;
  w.Raw(prefix);
  WriteShownOption(*obj, w);
  return true;
}

std::vector<std::pair<std::string, std::string>> ShownOptions(const PropertyDef& def) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value* options = Find(def.config, "options");
  if (options == nullptr || !options->is_array()) return out;
  for (const json::value& o : options->get_array()) {
    const json::value& id = Member(o, "id");
    if (!id.is_string()) continue;
    std::string text;
    JsonWriter w(text);
    WriteShownOption(o.get_object(), w);
    w.Finish();
    out.emplace_back(std::string(id.get_string()), std::move(text));
  }
  return out;
}

}  // namespace localnotion::schema
