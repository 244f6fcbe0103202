#include "schema/property_type.h"

#include "api/messages.h"

namespace localnotion::schema {

void WriteRenderedUser(const RenderContext& ctx, const std::string& user_id, JsonWriter& w) {
  if (ctx.write_user) return ctx.write_user(user_id, w);
  w.StringMember(R"({"object":"user","id":)", user_id);
  w.Raw("}");
}

Result<json::object> PropertyType::ParseConfig(std::string_view path, const json::value& config,
                                               const ConfigContext&) const {
  if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
  // Types without options take an empty configuration; anything inside is ignored, as
  // Notion ignores it.
  return json::object{};
}

Result<json::value> PropertyType::Write(std::string_view, const json::value&, const PropertyDef&, PropertyDef*) const {
  return InternalError("property type is read-only");
}

void PropertyType::Render(const json::value* stored, const PropertyDef&, const RenderContext&,
                          json::object& out) const {
  out[name()] = stored ? *stored : json::value(nullptr);
}

}  // namespace localnotion::schema
