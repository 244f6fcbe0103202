// Using a file upload (Service::AttachFileUpload), showing it as a Notion-hosted file
// (Service::RenderFileObject) and serving its bytes at the signed URL
// (Service::ServeHostedFile). The stored form of an attached upload is
//   {type:"file", file:{file_upload_id, filename, content_type}}
// (files property entries keep their `name` beside it). Its URL is
//   {base}/_localnotion/files/{id}/{filename}?expires={unix seconds}&signature={hex}
// where signature = HMAC-SHA-256(secret, id + "\n" + expires) and the secret is kept in
// the store's meta (so links survive a restart). Links last one hour, as Notion's do.
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "api/messages.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "service/uploads/file_upload_state.h"
#include "service/service.h"

namespace localnotion::service {
namespace {

constexpr int64_t kLinkLifetimeSeconds = 60 * 60;
constexpr std::string_view kHostedPrefix = "/_localnotion/files/";

const json::object* StoredFile(const json::value& v) {
  if (!v.is_object()) return nullptr;
  const json::value* type = Find(v.get_object(), "type");
  const json::value* file = Find(v.get_object(), "file");
  if (!type || !type->is_string() || type->get_string() != "file" || !file || !file->is_object()) return nullptr;
  const json::value* id = Find(file->get_object(), "file_upload_id");
  return id && id->is_string() ? &file->get_object() : nullptr;
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
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

// The upload id of a URL this server handed out, if `url` is one.
std::optional<std::string> HostedUploadId(std::string_view url) {
  size_t at = url.find(kHostedPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(at + kHostedPrefix.size());
  return NormalizeUuid(rest.substr(0, rest.find('/')));
}

}  // namespace

// Read from the store every time (one indexed row), so that a rolled-back transaction
// can never leave a key in memory that the file does not hold. Bootstrap makes it, in a
// write transaction; a reset keeps it.
Result<std::string> Service::FileUrlSecret() {
  LN_ASSIGN_OR_RETURN(auto stored, store_.GetMeta("file_url_secret"));
  if (stored) return *stored;
  if (!store_.writable()) return InternalError("the file URL secret is missing");
  std::string secret = Sha256Hex(NewUuid() + NewUuid() + std::to_string(NowMillis()));
  LN_RETURN_IF_ERROR(store_.PutMeta("file_url_secret", secret));
  return secret;
}

Result<json::value> Service::AttachFileUpload(const Caller& caller, const json::value& request, std::string_view path) {
  std::string holder = api::Field(path, "file_upload");
  const json::value* fu = request.is_object() ? Find(request.get_object(), "file_upload") : nullptr;
  if (fu == nullptr) return api::NotDefined(holder);
  if (!fu->is_object()) return api::FailedValidation(holder, "an object", fu);
  const json::value* raw_id = Find(fu->get_object(), "id");
  std::string id_path = api::Field(holder, "id");
  if (raw_id == nullptr) return api::NotDefined(id_path);
  for (const auto& kv : fu->get_object()) {
    if (kv.key() != "id") return api::NotPresent(api::Field(holder, kv.key()), kv.value());
  }
  auto id = raw_id->is_string() ? NormalizeUuid(raw_id->get_string()) : std::nullopt;
  if (!id) return api::FailedValidation(id_path, "a valid uuid", raw_id);
  LN_ASSIGN_OR_RETURN(auto found, store_.GetFileUpload(*id));
  if (!found || found->integration_id != caller.integration.id) {
    return ValidationError(fmt::format("Could not find file upload with ID: {}.", *id));
  }
  storage::FileUploadRecord u = std::move(*found);
  const std::string status = EffectiveStatus(u, NowMillis());
  if (status != "uploaded") {
    return ValidationError(fmt::format(
        "File upload with ID {} has status `{}`. Only file uploads with status `uploaded` can be attached.", *id, status));
  }
  if (!u.attached) {
    u.attached = true;
    u.last_edited_time = NowMillis();
    LN_RETURN_IF_ERROR(store_.PutFileUpload(u));
  }
  return json::value(json::object{
      {"type", "file"},
      {"file", json::object{{"file_upload_id", u.id},
                            {"filename", u.filename.value_or("file")},
                            {"content_type", u.content_type ? json::value(*u.content_type) : json::value(nullptr)}}}});
}

Result<json::value> Service::RenderFileObject(const Caller& caller, const json::value& stored) {
  const json::object* file = StoredFile(stored);
  if (file == nullptr) return stored;
  LN_ASSIGN_OR_RETURN(std::string secret, FileUrlSecret());
  const std::string id = Str(*file, "file_upload_id");
  const std::string filename = Str(*file, "filename");
  // Whole seconds, so that the expiry the client sees is exactly the one signed.
  const int64_t expires = NowMillis() / 1000 + kLinkLifetimeSeconds;
  const std::string signature = HmacSha256Hex(secret, id + "\n" + std::to_string(expires));
  std::string url = caller.base_url + std::string(kHostedPrefix) + id + "/" +
                    EncodePathSegment(filename) +
                    "?expires=" + std::to_string(expires) + "&signature=" + signature;
  json::object out = stored.get_object();
  out["file"] = json::object{{"url", std::move(url)}, {"expiry_time", FormatIso8601(expires * 1000)}};
  return json::value(std::move(out));
}

Result<Service::HostedFile> Service::ServeHostedFile(std::string_view raw_id, const std::optional<std::string>& expires,
                                                     const std::optional<std::string>& signature) {
  const Error denied = MakeError(ErrorCode::kRestrictedResource, "The link is invalid or has expired.");
  auto id = NormalizeUuid(raw_id);
  if (!id || !expires || !signature) return denied;
  int64_t until = 0;
  auto [p, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), until);
  if (ec != std::errc() || p != expires->data() + expires->size()) return denied;
  LN_ASSIGN_OR_RETURN(std::string secret, FileUrlSecret());
  const std::string expected = HmacSha256Hex(secret, *id + "\n" + *expires);
  if (expected.size() != signature->size()) return denied;
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned char>(expected[i] ^ (*signature)[i]);
  if (diff != 0 || NowMillis() / 1000 >= until) return denied;
  LN_ASSIGN_OR_RETURN(auto found, store_.GetFileUpload(*id));
  if (!found || found->status != "uploaded") {
    return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find file upload with ID: {}.", *id));
  }
  LN_ASSIGN_OR_RETURN(std::string bytes, store_.ReadFileUploadBytes(*id));
  return HostedFile{found->content_type.value_or("application/octet-stream"), found->filename.value_or("file"),
                    std::move(bytes)};
}

// Files property values: entries {name?, type:"file_upload", file_upload:{id}} (from
// schema/properties/files.cc) are attached; Notion-hosted entries sent back with a URL
// this server made are turned back into the upload they show, so that re-sending a
// value read earlier keeps the file (and not a link that expires).
Status Service::AttachUploadsInFiles(const Caller& caller, json::value& files, std::string_view path) {
  if (!files.is_array()) return OkStatus();
  json::array& arr = files.as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_object()) continue;
    json::object& entry = arr[i].as_object();
    const std::string type = Str(entry, "type");
    if (type == "file_upload") {
      LN_ASSIGN_OR_RETURN(json::value stored, AttachFileUpload(caller, arr[i], api::Index(path, i)));
      const json::value* name = Find(entry, "name");
      std::string shown = name && name->is_string() ? std::string(name->get_string())
                                                    : Str(stored.get_object().at("file").as_object(), "filename");
      json::object out{{"name", shown}, {"type", "file"}, {"file", stored.get_object().at("file")}};
      arr[i] = std::move(out);
    } else if (type == "file") {
      const json::value* file = Find(entry, "file");
      std::optional<std::string> id;
      if (file && file->is_object()) id = HostedUploadId(Str(file->get_object(), "url"));
      if (!id) continue;
      LN_ASSIGN_OR_RETURN(auto found, store_.GetFileUpload(*id));
      if (!found || !found->attached) continue;
      entry["file"] = json::object{{"file_upload_id", found->id},
                                   {"filename", found->filename.value_or("file")},
                                   {"content_type", found->content_type ? json::value(*found->content_type) : json::value(nullptr)}};
    }
  }
  return OkStatus();
}

Status Service::AttachIconOrCover(const Caller& caller, std::optional<json::value>& value, std::string_view path) {
  if (!value || !value->is_object()) return OkStatus();
  if (Str(value->get_object(), "type") != "file_upload") return OkStatus();
  LN_ASSIGN_OR_RETURN(*value, AttachFileUpload(caller, *value, path));
  return OkStatus();
}

Status Service::RenderFilesIn(const Caller& caller, json::value& files) {
  if (!files.is_array()) return OkStatus();
  for (auto& entry : files.as_array()) {
    LN_ASSIGN_OR_RETURN(entry, RenderFileObject(caller, entry));
  }
  return OkStatus();
}

}  // namespace localnotion::service
