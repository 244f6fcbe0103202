#include "api/blocks/readers.h"

#include <fmt/format.h>

#include "api/messages.h"
#include "api/rich_text.h"

namespace localnotion::api::blocks {

Status ReadBool(const ReadContext&, std::string_view key, const std::string& key_path, const json::value& value,
                json::object& out) {
  if (!value.is_bool()) return FailedValidation(key_path, "a boolean or `undefined`", &value);
  out[key] = value.get_bool();
  return OkStatus();
}

Status ReadColor(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                 json::object& out) {
  if (!value.is_string() || !IsAnnotationColor(value.get_string())) {
    return FailedValidation(key_path, "a valid color or `undefined`", &value);
  }
  out["color"] = value;
  return OkStatus();
}

Status ReadRichText(const ReadContext&, std::string_view key, const std::string& key_path, const json::value& value,
                    json::object& out) {
  LN_ASSIGN_OR_RETURN(json::array rt, NormalizeRichText(key_path, value));
  out[key] = std::move(rt);
  return OkStatus();
}

Status ReadUrl(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
               json::object& out) {
  if (!value.is_string()) return FailedValidation(key_path, "a string", &value);
  size_t len = Utf16Length(value.get_string());
  if (len > kMaxUrl) return TooLong(key_path, kMaxUrl, len);
  out["url"] = value;
  return OkStatus();
}

Status ReadElsewhere(const ReadContext&, std::string_view, const std::string&, const json::value&, json::object&) {
  return OkStatus();
}

std::string EnumList(const std::vector<std::string_view>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += values.size() == 2 ? " or " : (i + 1 == values.size() ? ", or " : ", ");
    out += fmt::format("`\"{}\"`", values[i]);
  }
  return out;
}

}  // namespace localnotion::api::blocks
