#include "validation/file_upload_body.h"

#include "api/messages.h"
#include "validation/import_url.h"

namespace localnotion::validation {
namespace {

constexpr int64_t kMaxParts = 1000;
constexpr size_t kMaxFilenameBytes = 900;

bool IsUploadMode(std::string_view mode) {
  return mode == "single_part" || mode == "multi_part" || mode == "external_url";
}

}  // namespace

Result<FileUploadBody> ReadFileUploadBody(const json::value& body, const std::vector<std::string>& import_prefixes) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    if (k != "mode" && k != "filename" && k != "content_type" && k != "number_of_parts" && k != "external_url") {
      return api::NotPresent(api::Field("body", k), kv.value());
    }
  }
  FileUploadBody u;
  if (const json::value* m = Find(o, "mode")) {
    if (!m->is_string() || !IsUploadMode(m->get_string())) {
      return api::FailedValidation("body.mode", "`\"single_part\"`, `\"multi_part\"`, or `\"external_url\"`", m);
    }
    u.mode = std::string(m->get_string());
  }
  auto text = [&](const char* key) -> Result<std::optional<std::string>> {
    const json::value* v = Find(o, key);
    if (v == nullptr) return std::optional<std::string>();
    if (!v->is_string()) return api::FailedValidation(api::Field("body", key), "a string", v);
    return std::optional<std::string>(std::string(v->get_string()));
  };
  LN_ASSIGN_OR_RETURN(u.filename, text("filename"));
  LN_ASSIGN_OR_RETURN(u.content_type, text("content_type"));
  LN_ASSIGN_OR_RETURN(u.external_url, text("external_url"));
  if (u.filename && u.filename->size() > kMaxFilenameBytes) {
    return api::TooLong("body.filename", kMaxFilenameBytes, u.filename->size());
  }
  const json::value* parts = Find(o, "number_of_parts");
  if (parts != nullptr) {
    if (!parts->is_int64() && !parts->is_uint64()) return api::FailedValidation("body.number_of_parts", "an integer", parts);
    int64_t n = parts->is_int64() ? parts->get_int64() : static_cast<int64_t>(parts->get_uint64());
    if (n < 1) return api::FailedValidation("body.number_of_parts", "≥ `1`", parts);
    if (n > kMaxParts) return api::FailedValidation("body.number_of_parts", "≤ `1000`", parts);
    u.number_of_parts = n;
  }
  if (u.mode == "multi_part") {
    if (!parts) return api::NotDefined("body.number_of_parts");
    if (!u.filename) return api::NotDefined("body.filename");
  } else if (parts) {
    return ValidationError("number_of_parts can only be provided when mode is multi_part.");
  }
  if (u.mode == "external_url") {
    if (!u.external_url) return api::NotDefined("body.external_url");
    if (!u.filename) return api::NotDefined("body.filename");
    LN_RETURN_IF_ERROR(CheckImportUrl(*u.external_url, import_prefixes));
  } else if (u.external_url) {
    return ValidationError("external_url can only be provided when mode is external_url.");
  }
  return u;
}

}  // namespace localnotion::validation
