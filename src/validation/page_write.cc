#include "validation/page_write.h"

#include <algorithm>

#include "api/icon.h"
#include "api/messages.h"
#include "common/uuid.h"
#include "schema/registry.h"

namespace localnotion::validation {
namespace {

Status CheckFlag(std::string_view key, const json::value& v, std::optional<bool>& out) {
  if (!v.is_bool()) return api::FailedValidation(api::Field("body", key), "a boolean or `undefined`", &v);
  out = v.get_bool();
  return OkStatus();
}

// Reads the keys common to create and update. Returns false in `known` for other keys.
Status ReadCommonKey(std::string_view key, const json::value& v, PageBody& out, bool& known) {
  known = true;
  if (key == "properties") {
    if (!v.is_object()) return api::FailedValidation("body.properties", "an object", &v);
    out.properties = &v.get_object();
  } else if (key == "icon") {
    LN_ASSIGN_OR_RETURN(out.icon, api::NormalizeIcon("body.icon", v, /*custom_emoji=*/true));
  } else if (key == "cover") {
    LN_ASSIGN_OR_RETURN(out.cover, api::NormalizeCover("body.cover", v));
  } else {
    known = false;
  }
  return OkStatus();
}

// The writable type key a property value names, or "" when it names none: the first of
// WritableTypeOrder that the value has. Most values have one key besides "type" and "id"
// (neither is a type name), which is then the only one that can match.
std::string_view NamedType(const json::object& value) {
  const std::vector<std::string_view>& order = schema::WritableTypeOrder();
  const json::key_value_pair* only = nullptr;
  size_t others = 0;
  for (const auto& kv : value) {
    if (kv.key() == "type" || kv.key() == "id") continue;
    only = &kv;
    ++others;
  }
  if (others == 1) {
    const auto it = std::find(order.begin(), order.end(), std::string_view(only->key()));
    return it != order.end() ? *it : std::string_view{};
  }
  for (std::string_view t : order) {
    if (value.contains(t)) return t;
  }
  return {};
}

// `position` on POST /v1/pages (SDK 5.x PagePositionSchema, changelog 2026-01-15).
Status ReadPagePosition(const json::value& v, PageBody& out) {
  if (!v.is_object()) return api::FailedValidation("body.position", "an object", &v);
  const json::object& o = v.get_object();
  const json::value* type = Find(o, "type");
  const std::string_view t = type && type->is_string() ? std::string_view(type->get_string()) : std::string_view();
  if (t != "after_block" && t != "page_start" && t != "page_end") {
    return api::FailedValidation("body.position.type", "`\"after_block\"`, `\"page_start\"`, or `\"page_end\"`", type);
  }
  for (const auto& kv : o) {
    if (kv.key() != "type" && !(t == "after_block" && kv.key() == "after_block")) {
      return api::NotPresent(api::Field("body.position", kv.key()), kv.value());
    }
  }
  out.position = std::string(t);
  if (t == "after_block") {
    const json::value* after = Find(o, "after_block");
    if (after == nullptr) return api::NotDefined("body.position.after_block");
    const json::value* id = after->is_object() ? Find(after->get_object(), "id") : nullptr;
    if (id == nullptr) return api::NotDefined("body.position.after_block.id");
    auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation("body.position.after_block.id", "a valid uuid", id);
    out.position_after = *norm;
  }
  return OkStatus();
}

}  // namespace

Result<PageBody> CheckUpdateBody(const json::value& body, api::ApiVersion version) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  PageBody out;
  std::optional<bool> archived;
  for (const auto& kv : body.get_object()) {
    bool known = false;
    LN_RETURN_IF_ERROR(ReadCommonKey(kv.key(), kv.value(), out, known));
    if (known) continue;
    if (kv.key() == "in_trash") {
      LN_RETURN_IF_ERROR(CheckFlag(kv.key(), kv.value(), out.in_trash));
    } else if (kv.key() == "archived" && api::HasArchivedAlias(version)) {
      LN_RETURN_IF_ERROR(CheckFlag(kv.key(), kv.value(), archived));
    } else if (kv.key() == "is_locked") {
      LN_RETURN_IF_ERROR(CheckFlag(kv.key(), kv.value(), out.is_locked));
    } else if (kv.key() == "erase_content") {
      LN_RETURN_IF_ERROR(CheckFlag(kv.key(), kv.value(), out.erase_content));
    } else if (kv.key() == "template") {
      // An update applies a template or not: "none" is not one of its choices (SDK 5.x
      // UpdatePageBodyParameters: default | template_id).
      LN_ASSIGN_OR_RETURN(out.template_choice, ReadTemplate(kv.value()));
      if (out.template_choice->type == "none") {
        return api::FailedValidation("body.template.type", "`\"default\"` or `\"template_id\"`",
                                     &kv.value().get_object().at("type"));
      }
    } else {
      return api::NotPresent(api::Field("body", kv.key()), kv.value());
    }
  }
  // `archived` is the older alias of `in_trash`; when both are sent, in_trash wins.
  if (!out.in_trash && archived) out.in_trash = archived;
  return out;
}

Result<PageBody> CheckCreateBody(const json::value& body, api::ApiVersion version) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  PageBody out;
  const json::value* allow_async = nullptr;
  for (const auto& kv : body.get_object()) {
    bool known = false;
    LN_RETURN_IF_ERROR(ReadCommonKey(kv.key(), kv.value(), out, known));
    if (known) continue;
    if (kv.key() == "parent") {
      out.parent = &kv.value();
    } else if (kv.key() == "children") {
      LN_ASSIGN_OR_RETURN(out.children, CheckChildren("body.children", kv.value()));
      LN_RETURN_IF_ERROR(CheckPlacement("body.children", "child_page", {}, out.children));
      out.children_value = &kv.value();
    } else if (kv.key() == "template") {
      LN_ASSIGN_OR_RETURN(out.template_choice, ReadTemplate(kv.value()));
    } else if (kv.key() == "position") {
      LN_RETURN_IF_ERROR(ReadPagePosition(kv.value(), out));
    } else if (kv.key() == "markdown") {
      if (!kv.value().is_string())
        return api::FailedValidation("body.markdown", "a string or `undefined`", &kv.value());
      out.markdown = &kv.value();
    } else if (kv.key() == "allow_async") {
      if (!kv.value().is_bool())
        return api::FailedValidation("body.allow_async", "a boolean or `undefined`", &kv.value());
      out.allow_async = kv.value().get_bool();
      allow_async = &kv.value();
    } else {
      return api::NotPresent(api::Field("body", kv.key()), kv.value());
    }
  }
  if (out.parent == nullptr) return api::NotDefined("body.parent");
  // `allow_async` goes with `markdown` only (Notion's guide to markdown content pairs
  // them); a `true` without it is refused rather than silently ignored (docs/compat.md).
  if (out.allow_async && out.markdown == nullptr) return api::NotPresent("body.allow_async", *allow_async);
  if (out.template_choice && out.template_choice->type != "none" && out.children_value != nullptr) {
    return api::NotPresent("body.children", *out.children_value);
  }
  // `markdown` is the content in another form: not with `children`, nor with a template.
  if (out.markdown != nullptr && out.children_value != nullptr)
    return api::NotPresent("body.children", *out.children_value);
  if (out.markdown != nullptr && out.template_choice && out.template_choice->type != "none") {
    return api::NotPresent("body.markdown", *out.markdown);
  }
  if (out.properties == nullptr && api::PageCreateRequiresProperties(version)) {
    return api::NotDefined("body.properties");
  }
  return out;
}

namespace {

// How many options a definition's config lists (0 when it has none).
size_t OptionCount(const json::object& config) {
  const json::value* options = Find(config, "options");
  return options != nullptr && options->is_array() ? options->get_array().size() : 0;
}

}  // namespace

Result<PropertyWrites> CheckProperties(const json::object& properties, const schema::Schema& schema,
                                       api::ApiVersion version) {
  // Pass 1, the body's shape: every value must name a writable type (or, in 2022-06-28,
  // may be the bare value of the property's own type).
  struct Item {
    std::string key;
    const schema::PropertyDef* def;
    std::string_view type;     // the type the value names
    const json::value* value;  // the JSON under that type key
  };
  std::vector<Item> items;
  items.reserve(properties.size());
  for (const auto& kv : properties) {
    // The value's path is built only for an error: a valid body needs none here.
    auto path = [&kv] { return api::Field("body.properties", kv.key()); };
    const schema::PropertyDef* def = schema::FindProperty(schema, kv.key());
    const json::value& v = kv.value();
    std::string_view named = v.is_object() ? NamedType(v.get_object()) : std::string_view{};
    if (named.empty() && api::AcceptsUntypedPropertyValues(version) &&
        (def == nullptr || schema::TypeOf(*def)->writable())) {
      // 2022-06-28 shorthand: {"Description": [{"text":{"content":"x"}}]}. The body
      // schema of that version accepts a bare value, so an unknown key is reported as
      // such by pass 2 rather than as a union failure.
      items.push_back(Item{kv.key(), def, def ? schema::TypeOf(*def)->name() : std::string_view{}, &v});
      continue;
    }
    if (named.empty()) {
      std::vector<std::string> alts;
      for (std::string_view t : schema::WritableTypeOrder(version))
        alts.push_back(api::ShouldBe(api::Field(path(), t), "defined", nullptr));
      return api::FixOne(alts);
    }
    for (const auto& field : v.get_object()) {
      if (field.key() != named && field.key() != "type" && field.key() != "id") {
        return api::NotPresent(api::Field(path(), field.key()), field.value());
      }
    }
    items.push_back(Item{kv.key(), def, named, Find(v.get_object(), named)});  // NamedType found it
  }

  // Pass 2, against the schema: unknown keys and type mismatches, all reported at once.
  std::string semantic;
  for (const Item& item : items) {
    std::string msg;
    if (item.def == nullptr) {
      msg = item.key + " is not a property that exists.";
    } else if (item.def->type != item.type) {
      msg = item.key + " is expected to be " + item.def->type + ".";
    }
    if (msg.empty()) continue;
    if (!semantic.empty()) semantic += " ";
    semantic += msg;
  }
  if (!semantic.empty()) return ValidationError(std::move(semantic));

  // Pass 3, the values themselves.
  PropertyWrites out;
  for (const Item& item : items) {
    const schema::PropertyType* type = schema::TypeOf(*item.def);
    // api::Field(api::Field("body.properties", key), type), in one allocation.
    constexpr std::string_view kPrefix = "body.properties.";
    std::string path;
    path.reserve(kPrefix.size() + item.key.size() + 1 + item.type.size());
    path.append(kPrefix).append(item.key).append(1, '.').append(item.type);
    // Only types that create options get a copy of their definition to grow, and only when
    // the value names an option the definition lacks: a Write without the copy succeeds
    // when every option it names exists, and fails otherwise (Write has no other effect,
    // schema/property_type.h), so the copy is made only after such a failure, and that
    // Write's answer, a grown definition or the value's real error, is the one kept.
    std::optional<schema::PropertyDef> grown;
    Result<json::value> written = type->Write(path, *item.value, *item.def, nullptr);
    if (!written.ok() && type->creates_options()) {
      grown = *item.def;
      written = type->Write(path, *item.value, *item.def, &*grown);
    }
    LN_ASSIGN_OR_RETURN(json::value stored, std::move(written));
    if (schema::References refs = type->ReferencesIn(stored, *item.def);
        refs.kind == schema::References::Kind::kUsers) {
      for (std::string& id : refs.ids) out.user_ids.push_back(std::move(id));
    }
    // A successful Write changes `grown` only by appending one option to its
    // config.options (schema/properties/options.cc, ResolveOption), so counting the
    // options tells whether it grew without comparing the two configs whole.
    if (grown && OptionCount(grown->config) != OptionCount(item.def->config))
      out.changed_defs.push_back(std::move(*grown));
    out.writes.push_back(PropertyWrite{item.def->id, std::move(stored), item.def});
  }
  return out;
}

schema::Schema StandalonePageSchema() {
  return schema::Schema{schema::PropertyDef{"title", "title", "title", json::object{}}};
}

}  // namespace localnotion::validation
