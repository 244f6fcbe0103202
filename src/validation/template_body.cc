#include "validation/template_body.h"

#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::validation {

Result<TemplateChoice> ReadTemplate(const json::value& v) {
  if (!v.is_object()) return api::FailedValidation("body.template", "an object", &v);
  const json::object& o = v.get_object();
  const json::value* type = Find(o, "type");
  if (type == nullptr) return api::NotDefined("body.template.type");
  const std::string_view t = type->is_string() ? std::string_view(type->get_string()) : std::string_view();
  if (t != "none" && t != "default" && t != "template_id") {
    return api::FailedValidation("body.template.type", "`\"none\"`, `\"default\"`, or `\"template_id\"`", type);
  }
  TemplateChoice out;
  out.type = std::string(t);
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    const bool allowed = k == "type" || (t != "none" && k == "timezone") || (t == "template_id" && k == "template_id");
    if (!allowed) return api::NotPresent(api::Field("body.template", k), kv.value());
  }
  if (const json::value* tz = Find(o, "timezone")) {
    if (!tz->is_string()) return api::FailedValidation("body.template.timezone", "a string", tz);
    out.timezone = std::string(tz->get_string());
  }
  if (t == "template_id") {
    const json::value* id = Find(o, "template_id");
    if (id == nullptr) return api::NotDefined("body.template.template_id");
    auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation("body.template.template_id", "a valid uuid", id);
    out.template_id = *norm;
  }
  return out;
}

}  // namespace localnotion::validation
