#include "api/icon.h"

#include <string>
#include <vector>

#include "api/limits.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::api {
namespace {

Result<json::value> External(const std::string& path, const json::value& v) {
  const json::value* url = v.is_object() ? Find(v.get_object(), "url") : nullptr;
  std::string url_path = Field(path, "url");
  if (!v.is_object()) return FailedValidation(path, "an object", &v);
  if (url == nullptr) return NotDefined(url_path);
  if (!url->is_string() || url->get_string().empty()) return FailedValidation(url_path, "a non-empty string", url);
  size_t len = Utf16Length(url->get_string());
  if (len > kMaxUrl) return TooLong(url_path, kMaxUrl, len);
  for (const auto& kv : v.get_object()) {
    if (kv.key() != "url") return NotPresent(Field(path, kv.key()), kv.value());
  }
  return json::value(json::object{{"type", "external"}, {"external", json::object{{"url", *url}}}});
}

// {type: "file_upload", file_upload: {id}} or {file_upload: {id}}: an upload to attach.
// Notion takes these on icons and covers (reference/emoji-and-icon, file-upload); the
// messages for other shapes keep listing only emoji and external (docs/compat.md).
bool NamesFileUpload(const json::object& obj) {
  const json::value* t = Find(obj, "type");
  if (t != nullptr) return t->is_string() && t->get_string() == "file_upload";
  return Find(obj, "file_upload") != nullptr;
}

// Checks the shape only; the service attaches the upload (service::uploads::AttachFileUpload).
Result<json::value> FileUploadReference(const std::string& path, const json::object& obj) {
  for (const auto& kv : obj) {
    if (kv.key() != "type" && kv.key() != "file_upload") return NotPresent(Field(path, kv.key()), kv.value());
  }
  const json::value* fu = Find(obj, "file_upload");
  std::string fu_path = Field(path, "file_upload");
  if (fu == nullptr) return NotDefined(fu_path);
  if (!fu->is_object()) return FailedValidation(fu_path, "an object", fu);
  const json::value* id = Find(fu->get_object(), "id");
  if (id == nullptr) return NotDefined(Field(fu_path, "id"));
  if (!id->is_string()) return FailedValidation(Field(fu_path, "id"), "a string", id);
  for (const auto& kv : fu->get_object()) {
    if (kv.key() != "id") return NotPresent(Field(fu_path, kv.key()), kv.value());
  }
  return json::value(json::object{{"type", "file_upload"}, {"file_upload", json::object{{"id", *id}}}});
}

// Accepts {type?: <one of allowed>, <that key>: ...}. `allowed` is in message order.
Result<json::value> OneOf(std::string_view path_in, const json::value& v,
                          const std::vector<std::string_view>& allowed) {
  std::string path(path_in);
  if (v.is_null()) return json::value(nullptr);
  if (!v.is_object()) return FailedValidation(path, "an object or `null`", &v);
  const auto& obj = v.get_object();
  if (NamesFileUpload(obj)) return FileUploadReference(path, obj);
  std::string_view chosen;
  if (const json::value* t = Find(obj, "type")) {
    for (auto a : allowed) {
      if (t->is_string() && t->get_string() == a) chosen = a;
    }
    if (chosen.empty()) {
      std::string expect;
      for (size_t i = 0; i < allowed.size(); ++i) {
        if (i > 0) expect += (i + 1 == allowed.size()) ? " or " : ", ";
        expect += "`\"" + std::string(allowed[i]) + "\"`";
      }
      return FailedValidation(Field(path, "type"), expect, t);
    }
  } else {
    for (auto a : allowed) {
      if (Find(obj, a)) {
        chosen = a;
        break;
      }
    }
  }
  if (chosen.empty() || Find(obj, chosen) == nullptr) {
    std::vector<std::string> alts;
    for (auto a : allowed) alts.push_back(ShouldBe(Field(path, a), "defined", nullptr));
    if (!chosen.empty()) return NotDefined(Field(path, chosen));
    return FixOne(alts);
  }
  for (const auto& kv : obj) {
    if (kv.key() != "type" && kv.key() != chosen) return NotPresent(Field(path, kv.key()), kv.value());
  }
  const json::value& body = *Find(obj, chosen);
  std::string body_path = Field(path, chosen);
  if (chosen == "external") return External(body_path, body);
  // emoji
  if (!body.is_string() || body.get_string().empty()) return FailedValidation(body_path, "a valid emoji", &body);
  return json::value(json::object{{"type", "emoji"}, {"emoji", body}});
}

}  // namespace

Result<json::value> NormalizeIcon(std::string_view path_in, const json::value& v, bool custom_emoji) {
  const json::object* obj = v.is_object() ? &v.get_object() : nullptr;
  const json::value* type = obj ? Find(*obj, "type") : nullptr;
  const bool names_custom = obj != nullptr && (type ? (type->is_string() && type->get_string() == "custom_emoji")
                                                    : Find(*obj, "custom_emoji") != nullptr);
  if (!custom_emoji || !names_custom) return OneOf(path_in, v, {"emoji", "external"});
  // Like file uploads, a custom emoji is a shape the messages for other icons do not list.
  const std::string path(path_in);
  for (const auto& kv : *obj) {
    if (kv.key() != "type" && kv.key() != "custom_emoji") return NotPresent(Field(path, kv.key()), kv.value());
  }
  const json::value* ce = Find(*obj, "custom_emoji");
  const std::string ce_path = Field(path, "custom_emoji");
  if (ce == nullptr) return NotDefined(ce_path);
  if (!ce->is_object()) return FailedValidation(ce_path, "an object", ce);
  for (const auto& kv : ce->get_object()) {
    if (kv.key() != "id" && kv.key() != "name" && kv.key() != "url") {
      return NotPresent(Field(ce_path, kv.key()), kv.value());
    }
  }
  const json::value* id = Find(ce->get_object(), "id");
  if (id == nullptr) return NotDefined(Field(ce_path, "id"));
  auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
  if (!norm) return FailedValidation(Field(ce_path, "id"), "a valid uuid", id);
  return json::value(json::object{{"type", "custom_emoji"}, {"custom_emoji", json::object{{"id", *norm}}}});
}

Result<json::value> NormalizeCover(std::string_view path, const json::value& v) { return OneOf(path, v, {"external"}); }

}  // namespace localnotion::api
