// The "file_uploads" of a fixture (docs/fixtures.md): File Upload API objects
// (https://developers.notion.com/reference/file-upload) with their bytes, base64-encoded
// in `content_base64`, so that hosted-file links of blocks, pages and comments work again
// after a seed. Read after the integrations (an upload belongs to one) and before
// databases, data sources, pages, blocks and comments (which name uploads in their stored
// file form: icons, covers, files values, media blocks, attachments), written in
// creation order.
#include <fmt/format.h>

#include <set>

#include "common/base64.h"
#include "service/admin/fixtures_reader.h"
#include "service/uploads/file_upload_state.h"

namespace localnotion::service::admin {
namespace {

Result<std::optional<int64_t>> OptInt(const Reader& r, std::string_view key, int64_t min) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return std::optional<int64_t>();
  if (!v->is_int64() || v->get_int64() < min) {
    return api::FailedValidation(r.At(key), fmt::format("an integer ≥ `{}` or `null`", min), v);
  }
  return std::optional<int64_t>(v->get_int64());
}

void CollectUploadIds(const json::value& v, std::vector<const json::value*>& out) {
  if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      if (kv.key() == "file_upload_id") out.push_back(&kv.value());
      CollectUploadIds(kv.value(), out);
    }
  } else if (v.is_array()) {
    for (const auto& item : v.get_array()) CollectUploadIds(item, out);
  }
}

}  // namespace

Status SeedFileUploads(Context& ctx, const json::object& fixture) {
  LN_ASSIGN_OR_RETURN(auto entries, Items(fixture, "file_uploads"));
  LN_ASSIGN_OR_RETURN(auto integrations, ctx.store().ListIntegrations());
  std::set<std::string> ids;
  const Millis now = NowMillis();
  for (const Reader& r : entries) {
    storage::FileUploadRecord u;
    LN_ASSIGN_OR_RETURN(u.id, r.Id("id", true));
    if (!ids.insert(u.id).second) {
      json::value shown(u.id);
      return api::FailedValidation(r.At("id"), "an id not used before in body.file_uploads", &shown);
    }
    LN_ASSIGN_OR_RETURN(u.integration_id, r.Id("integration_id", false));
    for (const auto& in : integrations) {
      if (in.id == u.integration_id) u.created_by = in.bot_user_id;
    }
    if (u.created_by.empty()) {
      return api::FailedValidation(r.At("integration_id"), "the id of one of body.integrations",
                                   r.Get("integration_id"));
    }
    LN_ASSIGN_OR_RETURN(u.mode, r.String("mode", std::string("single_part")));
    if (!IsUploadMode(u.mode)) {
      return api::FailedValidation(r.At("mode"), "`\"single_part\"`, `\"multi_part\"` or `\"external_url\"`",
                                   r.Get("mode"));
    }
    LN_ASSIGN_OR_RETURN(u.status, r.String("status", std::string("uploaded")));
    if (u.status != "pending" && u.status != "uploaded" && u.status != "failed") {
      return api::FailedValidation(r.At("status"), "`\"pending\"`, `\"uploaded\"` or `\"failed\"`", r.Get("status"));
    }
    LN_ASSIGN_OR_RETURN(u.filename, r.OptString("filename"));
    LN_ASSIGN_OR_RETURN(u.content_type, r.OptString("content_type"));
    LN_ASSIGN_OR_RETURN(u.external_url, r.OptString("external_url"));
    LN_ASSIGN_OR_RETURN(auto parts, OptInt(r, "number_of_parts", 0));
    u.number_of_parts = parts.value_or(0);
    LN_ASSIGN_OR_RETURN(u.created_time, r.Time("created_time", now));
    LN_ASSIGN_OR_RETURN(u.last_edited_time, r.Time("last_edited_time", u.created_time));
    LN_ASSIGN_OR_RETURN(u.expiry_time, r.Time("expiry_time", u.created_time + 60 * 60 * 1000));
    LN_ASSIGN_OR_RETURN(u.attached, r.Bool("attached"));
    LN_ASSIGN_OR_RETURN(auto content, r.OptString("content_base64"));
    std::optional<std::string> bytes;
    if (content) {
      bytes = Base64Decode(*content);
      if (!bytes) return api::FailedValidation(r.At("content_base64"), "padded base64 text", r.Get("content_base64"));
    }
    LN_ASSIGN_OR_RETURN(u.content_length, OptInt(r, "content_length", 0));
    if (bytes && u.status == "uploaded" && !u.content_length) u.content_length = static_cast<int64_t>(bytes->size());
    if (bytes && u.status == "uploaded" && *u.content_length != static_cast<int64_t>(bytes->size())) {
      return ValidationError(fmt::format("body failed validation: {} should be `{}`, the size of {}, instead was `{}`.",
                                         r.At("content_length"), bytes->size(), r.At("content_base64"),
                                         *u.content_length));
    }
    if (u.status == "uploaded" && !bytes && u.mode != "external_url") {
      return api::NotDefined(r.At("content_base64"));
    }
    LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
    if (bytes) LN_RETURN_IF_ERROR(ctx.store().PutFileUploadPart(u.id, 1, *bytes));
  }
  return OkStatus();
}

Result<json::array> ExportFileUploads(Context& ctx) {
  json::array out;
  LN_ASSIGN_OR_RETURN(auto integrations, ctx.store().ListIntegrations());
  for (const auto& in : integrations) {
    LN_ASSIGN_OR_RETURN(auto uploads, ctx.store().ListFileUploads(in.id));
    for (auto it = uploads.rbegin(); it != uploads.rend(); ++it) {  // newest first: reversed
      const storage::FileUploadRecord& u = *it;
      auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
      json::object o{{"id", u.id}, {"integration_id", u.integration_id}, {"mode", u.mode}, {"status", u.status}};
      o["filename"] = opt(u.filename);
      o["content_type"] = opt(u.content_type);
      o["content_length"] = opt(u.content_length);
      o["number_of_parts"] = u.number_of_parts;
      o["external_url"] = opt(u.external_url);
      o["created_time"] = FormatIso8601(u.created_time);
      o["last_edited_time"] = FormatIso8601(u.last_edited_time);
      o["expiry_time"] = FormatIso8601(u.expiry_time);
      o["attached"] = u.attached;
      LN_ASSIGN_OR_RETURN(auto parts, ctx.store().FileUploadPartSizes(u.id));
      if (parts.empty()) {
        o["content_base64"] = nullptr;
      } else {
        LN_ASSIGN_OR_RETURN(std::string bytes, ctx.store().ReadFileUploadBytes(u.id));
        o["content_base64"] = Base64Encode(bytes);
      }
      out.push_back(std::move(o));
    }
  }
  return out;
}

Status CheckFileUploadIds(Context& ctx, const json::value& value, const std::string& path) {
  std::vector<const json::value*> found;
  CollectUploadIds(value, found);
  for (const json::value* id : found) {
    std::optional<storage::FileUploadRecord> upload;
    if (id->is_string()) {
      LN_ASSIGN_OR_RETURN(upload, ctx.store().GetFileUpload(id->get_string()));
    }
    if (!upload) {
      return ValidationError(
          fmt::format("body failed validation: {} names the file upload `{}`, which is not one of body.file_uploads.",
                      path, id->is_string() ? std::string(id->get_string()) : json::serialize(*id)));
    }
  }
  return OkStatus();
}

namespace {

// The upload id of the stored form of an uploaded file {type:"file", file:{file_upload_id}}.
const json::value* StoredUploadId(const json::value& v) {
  if (!v.is_object()) return nullptr;
  const json::value* type = Find(v.get_object(), "type");
  const json::value* file = Find(v.get_object(), "file");
  if (!type || !type->is_string() || type->get_string() != "file" || !file || !file->is_object()) return nullptr;
  return Find(file->get_object(), "file_upload_id");
}

}  // namespace

Result<json::value> ReadIconOrCover(Context& ctx, const Reader& r, std::string_view key, bool cover) {
  const json::value* v = r.Get(key);
  if (v == nullptr || StoredUploadId(*v) == nullptr) return cover ? r.Cover(key) : r.Icon(key);
  for (const auto& kv : v->get_object()) {
    if (kv.key() != "type" && kv.key() != "file") return api::NotPresent(api::Field(r.At(key), kv.key()), kv.value());
  }
  LN_RETURN_IF_ERROR(CheckFileUploadIds(ctx, *v, r.At(key)));
  return *v;
}

Result<StoredFiles> TakeStoredFiles(Context& ctx, json::value& files, const std::string& path) {
  StoredFiles out;
  if (!files.is_array()) return out;
  json::array& entries = files.as_array();
  for (size_t i = 0; i < entries.size(); ++i) {
    const json::value* id = StoredUploadId(entries[i]);
    if (id == nullptr) continue;
    LN_RETURN_IF_ERROR(CheckFileUploadIds(ctx, entries[i], api::Index(path, i)));
    json::object request{{"file_upload", json::object{{"id", *id}}}};
    if (const json::value* name = Find(entries[i].get_object(), "name")) request["name"] = *name;
    out.emplace_back(i, std::move(entries[i]));
    entries[i] = std::move(request);
  }
  return out;
}

void PutStoredFiles(const StoredFiles& stored, json::value& files) {
  if (!files.is_array()) return;
  for (const auto& [i, entry] : stored) {
    if (i < files.as_array().size()) files.as_array()[i] = entry;
  }
}

}  // namespace localnotion::service::admin
