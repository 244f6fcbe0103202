// Using a file upload (AttachFileUpload) and serving its bytes at the signed URL
// (ServeHostedFile); Context::RenderFileObject (core/files.cc) shows it as a
// Notion-hosted file. The stored form of an attached upload is
//   {type:"file", file:{file_upload_id, filename, content_type}}
// (files property entries keep their `name` beside it). Its URL is
//   {base}/_localnotion/files/{id}/{filename}?expires={unix seconds}&signature={hex}
// where signature = HMAC-SHA-256(secret, id + "\n" + filename + "\n" + expires)
// (HostedFileSignature in core/files.cc; the filename as stored, not percent-encoded)
// and the secret is kept in the store's meta (so links survive a restart). Links last
// one hour, as Notion's do.
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "api/messages.h"
#include "common/json_fields.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "service/emojis/emojis.h"
#include "service/uploads/file_upload_state.h"
#include "service/uploads/uploads.h"

namespace localnotion::service::uploads {
namespace {

constexpr int64_t kLinkLifetimeSeconds = 60 * 60;
// The upload id of a URL this server handed out, if `url` is one.
std::optional<std::string> HostedUploadId(std::string_view url) {
  size_t at = url.find(kHostedFilesPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(at + kHostedFilesPrefix.size());
  return NormalizeUuid(rest.substr(0, rest.find('/')));
}

}  // namespace

Result<json::value> AttachFileUpload(Context& ctx, const Caller& caller, const json::value& request,
                                     std::string_view path) {
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
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(*id));
  if (!found || found->integration_id != caller.integration.id) {
    return ValidationError(fmt::format("Could not find file upload with ID: {}.", *id));
  }
  storage::FileUploadRecord u = std::move(*found);
  const std::string status = EffectiveStatus(u, NowMillis());
  if (status != "uploaded") {
    return ValidationError(
        fmt::format("File upload with ID {} has status `{}`. Only file uploads with status `uploaded` can be attached.",
                    *id, status));
  }
  if (!u.attached) {
    u.attached = true;
    u.last_edited_time = NowMillis();
    LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
  }
  return json::value(json::object{
      {"type", "file"},
      {"file", json::object{{"file_upload_id", u.id},
                            {"filename", u.filename.value_or("file")},
                            {"content_type", u.content_type ? json::value(*u.content_type) : json::value(nullptr)}}}});
}

Result<HostedFile> ServeHostedFile(Context& ctx, std::string_view raw_id, std::string_view filename,
                                   const std::optional<std::string>& expires,
                                   const std::optional<std::string>& signature) {
  const Error denied = MakeError(ErrorCode::kRestrictedResource, "The link is invalid or has expired.");
  auto id = NormalizeUuid(raw_id);
  if (!id || !expires || !signature) return denied;
  int64_t until = 0;
  auto [p, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), until);
  if (ec != std::errc() || p != expires->data() + expires->size()) return denied;
  LN_ASSIGN_OR_RETURN(std::string secret, ctx.FileUrlSecret());
  // The link's filename is signed with its id and expiry: another name is another link.
  if (!SecretsEqual(HostedFileSignature(secret, *id, filename, *expires), *signature)) return denied;
  if (NowMillis() / 1000 >= until) return denied;
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(*id));
  if (!found || found->status != "uploaded") {
    return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find file upload with ID: {}.", *id));
  }
  LN_ASSIGN_OR_RETURN(std::string bytes, ctx.store().ReadFileUploadBytes(*id));
  return HostedFile{found->content_type.value_or("application/octet-stream"), found->filename.value_or("file"),
                    std::move(bytes)};
}

// Files property values: entries {name?, type:"file_upload", file_upload:{id}} (from
// schema/properties/files.cc) are attached; Notion-hosted entries sent back with a URL
// this server made are turned back into the upload they show, so that re-sending a
// value read earlier keeps the file (and not a link that expires).
Status AttachUploadsInFiles(Context& ctx, const Caller& caller, json::value& files, std::string_view path) {
  if (!files.is_array()) return OkStatus();
  json::array& arr = files.as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_object()) continue;
    json::object& entry = arr[i].as_object();
    const std::string type = StringAt(entry, "type");
    if (type == "file_upload") {
      LN_ASSIGN_OR_RETURN(json::value stored, AttachFileUpload(ctx, caller, arr[i], api::Index(path, i)));
      const json::value* name = Find(entry, "name");
      std::string shown = name && name->is_string() ? std::string(name->get_string())
                                                    : StringAt(stored.get_object().at("file").as_object(), "filename");
      json::object out{{"name", shown}, {"type", "file"}, {"file", stored.get_object().at("file")}};
      arr[i] = std::move(out);
    } else if (type == "file") {
      const json::value* file = Find(entry, "file");
      std::optional<std::string> id;
      if (file && file->is_object()) id = HostedUploadId(StringAt(file->get_object(), "url"));
      if (!id) continue;
      LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(*id));
      if (!found || !found->attached) continue;
      entry["file"] = json::object{
          {"file_upload_id", found->id},
          {"filename", found->filename.value_or("file")},
          {"content_type", found->content_type ? json::value(*found->content_type) : json::value(nullptr)}};
    }
  }
  return OkStatus();
}

Status AttachIconOrCover(Context& ctx, const Caller& caller, std::optional<json::value>& value, std::string_view path) {
  if (!value || !value->is_object()) return OkStatus();
  if (StringAt(value->get_object(), "type") == "custom_emoji") return emojis::ResolveCustomEmojiIcon(ctx, *value, path);
  if (StringAt(value->get_object(), "type") != "file_upload") return OkStatus();
  LN_ASSIGN_OR_RETURN(*value, AttachFileUpload(ctx, caller, *value, path));
  return OkStatus();
}

}  // namespace localnotion::service::uploads
