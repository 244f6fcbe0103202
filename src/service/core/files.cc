// Hosted files: how an attached file upload is shown. Its stored form is
//   {type:"file", file:{file_upload_id, filename, content_type}}
// (files property entries keep their `name` beside it), shown as
//   {base}/_localnotion/files/{id}/{filename}?expires={unix seconds}&signature={hex}
// where signature = HMAC-SHA-256(secret, id + "\n" + expires) and the secret is kept in
// the store's meta (so links survive a restart). Links last one hour, as Notion's do.
// uploads/attachments.cc makes the stored form and serves the bytes.
#include <cctype>

#include "common/json_fields.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "service/core/context.h"

namespace localnotion::service {
namespace {

constexpr int64_t kLinkLifetimeSeconds = 60 * 60;

const json::object* StoredFile(const json::value& v) {
  if (!v.is_object()) return nullptr;
  const json::value* type = Find(v.get_object(), "type");
  const json::value* file = Find(v.get_object(), "file");
  if (!type || !type->is_string() || type->get_string() != "file" || !file || !file->is_object()) return nullptr;
  const json::value* id = Find(file->get_object(), "file_upload_id");
  return id && id->is_string() ? &file->get_object() : nullptr;
}

// Percent-encodes all but RFC 3986's unreserved characters (a filename in a URL path).
std::string EncodePathSegment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string HostedFileSignature(std::string_view secret, std::string_view upload_id, std::string_view filename,
                                std::string_view expires) {
  std::string signed_text;
  signed_text.reserve(upload_id.size() + filename.size() + expires.size() + 2);
  signed_text.append(upload_id).append("\n").append(filename).append("\n").append(expires);
  return HmacSha256Hex(secret, signed_text);
}

// Read from the store every time (one indexed row), so that a rolled-back transaction
// can never leave a key in memory that the file does not hold. Bootstrap makes it, in a
// write transaction; a reset keeps it.
Result<std::string> Context::FileUrlSecret() {
  LN_ASSIGN_OR_RETURN(auto stored, store_.GetMeta("file_url_secret"));
  if (stored) return *stored;
  if (!store_.writable()) return InternalError("the file URL secret is missing");
  std::string secret = Sha256Hex(NewUuid() + NewUuid() + std::to_string(NowMillis()));
  LN_RETURN_IF_ERROR(store_.PutMeta("file_url_secret", secret));
  return secret;
}

Result<json::value> Context::RenderFileObject(const Caller& caller, const json::value& stored) {
  const json::object* file = StoredFile(stored);
  if (file == nullptr) return stored;
  LN_ASSIGN_OR_RETURN(std::string secret, FileUrlSecret());
  const std::string id = StringAt(*file, "file_upload_id");
  const std::string filename = StringAt(*file, "filename");
  // Whole seconds, so that the expiry the client sees is exactly the one signed.
  const int64_t expires = NowMillis() / 1000 + kLinkLifetimeSeconds;
  const std::string signature = HostedFileSignature(secret, id, filename, std::to_string(expires));
  // A workspace created through the admin API serves its files under its own prefix
  // (http/routes.cc), so that the link names the workspace it belongs to.
  const std::string prefix = state_.workspace ? state_.workspace->path_prefix : std::string();
  std::string url = caller.base_url + prefix + std::string(kHostedFilesPrefix) + id + "/" +
                    EncodePathSegment(filename) + "?expires=" + std::to_string(expires) + "&signature=" + signature;
  json::object out = stored.get_object();
  out["file"] = json::object{{"url", std::move(url)}, {"expiry_time", FormatIso8601(expires * 1000)}};
  return json::value(std::move(out));
}

bool Context::HoldsHostedFile(const json::value& files) {
  if (!files.is_array()) return false;
  for (const json::value& entry : files.get_array()) {
    if (StoredFile(entry) != nullptr) return true;
  }
  return false;
}

Status Context::RenderFilesIn(const Caller& caller, json::value& files) {
  if (!files.is_array()) return OkStatus();
  for (auto& entry : files.as_array()) {
    LN_ASSIGN_OR_RETURN(entry, RenderFileObject(caller, entry));
  }
  return OkStatus();
}

}  // namespace localnotion::service
